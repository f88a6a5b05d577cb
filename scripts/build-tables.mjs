// npm run build: jieba's dictionary (dict.txt of @node-rs/jieba) as the compact table that
// src/lexicon/jieba.ts opens at run time, written beside the compiled module (dist/lexicon/).
import { writeFileSync } from 'node:fs';
import { jiebaTableBytes, TABLE_URL } from '../dist/lexicon/jieba.js';

const bytes = jiebaTableBytes();
writeFileSync(TABLE_URL, bytes);
console.log(`jieba dictionary table: ${(bytes.byteLength / 1e6).toFixed(2)} MB → ${TABLE_URL.pathname}`);
