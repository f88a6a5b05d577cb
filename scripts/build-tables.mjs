// npm run build, after tsc: tables the run would otherwise make at every start, written beside the
// compiled modules that read them (dist/), each exactly what that module would compute itself:
// - jieba's dictionary (dict.txt of @node-rs/jieba) as the compact table src/lexicon/jieba.ts opens;
// - the furniture rules' cheap tests, hintsOf() of every pattern (src/knowledge/furniture.ts);
// - the shipped structure model parsed (src/learn/model.ts: used only while models/structure.json
//   holds exactly the bytes it was made from);
// - the BMP's runs of Han (src/transform/cohesion.ts: used only under the same Unicode and ICU versions).
import { readFileSync, writeFileSync } from 'node:fs';
import { jiebaTableBytes, TABLE_URL } from '../dist/lexicon/jieba.js';
import { hintsOf } from '../dist/knowledge/pattern-hints.js';
import { COMPILED_MODEL_URL, compileModel, SHIPPED_MODEL_FILE } from '../dist/learn/model.js';
import { BUILT_HAN_RUNS_URL, hanRuns } from '../dist/transform/cohesion.js';
import { BUILT_HINTS_URL, FURNITURE_PREFIXES, FURNITURE_RULES, FURNITURE_SUFFIXES, hintsKey } from '../dist/knowledge/furniture.js';

const bytes = jiebaTableBytes();
writeFileSync(TABLE_URL, bytes);
console.log(`jieba dictionary table: ${(bytes.byteLength / 1e6).toFixed(2)} MB → ${TABLE_URL.pathname}`);

const hints = {};
for (const rule of [...FURNITURE_RULES, ...FURNITURE_PREFIXES, ...FURNITURE_SUFFIXES]) hints[hintsKey(rule.pattern)] = hintsOf(rule.pattern);
writeFileSync(BUILT_HINTS_URL, JSON.stringify(hints));
console.log(`furniture hints: ${Object.keys(hints).length} patterns → ${BUILT_HINTS_URL.pathname}`);

const model = compileModel(readFileSync(SHIPPED_MODEL_FILE, 'utf8'), SHIPPED_MODEL_FILE);
writeFileSync(COMPILED_MODEL_URL, model);
console.log(`structure model: ${(model.byteLength / 1e6).toFixed(2)} MB → ${COMPILED_MODEL_URL.pathname}`);

const runs = hanRuns();
writeFileSync(BUILT_HAN_RUNS_URL, JSON.stringify({ unicode: process.versions.unicode, icu: process.versions.icu, runs }));
console.log(`Han runs: ${runs.length / 2} in the BMP (Unicode ${process.versions.unicode}) → ${BUILT_HAN_RUNS_URL.pathname}`);
