// Is the JS segmentation (dist/lexicon/cut.js over the built table) jieba's own? Compares it with
// the native @node-rs/jieba (cut(text, false), dictionary dict.txt), token for token, on every line
// of every dev page, on lines and 12-character windows (the break-repair question) of the article
// archives in ../shared/corpus/articles, and on generated strings mixing Han, ASCII, digits,
// punctuation, full-width forms, astral characters, lone surrogates and line ends.
// Usage: npm run build && node bench/jieba-equal.mjs [--windows N]   (needs ../shared)
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cutNoHmm } from '../dist/lexicon/cut.js';
import { loadDictionary } from '../dist/lexicon/jieba.js';

const require = createRequire(import.meta.url);
const { Jieba } = require('@node-rs/jieba');
const native = Jieba.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
const dict = loadDictionary();
if (!dict) throw new Error('no dictionary table: npm run build first');

const arg = process.argv.indexOf('--windows');
const WINDOWS = arg > 0 ? Number(process.argv[arg + 1]) : 150_000;
const SHARED = new URL('../../shared/corpus/', import.meta.url).pathname;

const counts = {};
const mismatches = [];
function compare(kind, text) {
  counts[kind] = (counts[kind] ?? 0) + 1;
  const a = native.cut(text, false);
  const b = cutNoHmm(dict, text);
  if (a.length !== b.length || a.some((t, i) => t !== b[i])) {
    if (mismatches.length < 20) mismatches.push({ kind, text, native: a, js: b });
    counts[`${kind} mismatches`] = (counts[`${kind} mismatches`] ?? 0) + 1;
  }
}

// a deterministic generator (mulberry32), so a failure can be replayed
let seed = 0x5eed;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (s) => s[Math.floor(random() * s.length)];

const pages = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? pages(join(dir, e.name)) : e.name.endsWith('.txt') ? [join(dir, e.name)] : []);
for (const file of [...pages(join(SHARED, 'dev')), ...pages(new URL('../fixtures/', import.meta.url).pathname)]) {
  const text = readFileSync(file, 'utf8');
  compare('dev page or fixture (whole)', text);
  for (const line of text.split('\n')) if (line) compare('dev page or fixture line', line);
}

const texts = [];
for (const name of readdirSync(join(SHARED, 'articles')).filter((n) => n.endsWith('.jsonl'))) {
  for (const line of readFileSync(join(SHARED, 'articles', name), 'utf8').split('\n')) {
    if (!line) continue;
    const a = JSON.parse(line);
    const body = Array.isArray(a.body) ? a.body : [a.body ?? ''];
    texts.push([a.kicker, a.title, a.subtitle, ...body].filter((t) => typeof t === 'string' && t).join('\n'));
  }
}
let lines = 0;
for (const t of texts) for (const line of t.split('\n')) if (line && lines++ < WINDOWS) compare('article line', line);
for (let k = 0; k < WINDOWS; k++) {
  const t = pick(texts);
  const at = Math.floor(random() * Math.max(1, t.length - 12));
  compare('article window (12)', t.slice(at, at + 4 + Math.floor(random() * 9)));
}

// generated mixtures: Han from real text, ASCII letters and digits, jieba's joiners (+#&._%-),
// punctuation, full-width forms, spaces and line ends, astral Han (Ext. B) and other astral
// characters, lone surrogate halves
const han = texts.slice(0, 200).join('').replace(/[^\u4e00-\u9fff]/gu, '');
const parts = [
  () => han.slice(Math.floor(random() * (han.length - 6))).slice(0, 1 + Math.floor(random() * 6)),
  () => pick('abcXYZ0123456789'), () => pick('+#&._%-'), () => pick('，。、；：？！“”‘’（）《》【】—…·'),
  () => pick('ＡＢＣ０１２３４５６７８９，．％＋－'), () => pick([' ', '  ', '\t', '\n', '\r\n', '\r', '\u3000', '\u00a0']),
  () => pick(['𠀀', '𠮷', '𪚥', '😀', '𝐀']), () => pick(['\ud800', '\udc00', '\ud83d']), () => pick(['C++', 'AT&T', '4S店', 'B超', 'T恤', '3.14', '50%', 'iPhone']),
];
for (let k = 0; k < 50_000; k++) {
  let s = '';
  for (let n = 1 + Math.floor(random() * 12); n > 0; n--) s += pick(parts)();
  compare('generated mix', s);
}
compare('empty', '');

const total = Object.entries(counts).filter(([k]) => !k.endsWith('mismatches')).reduce((s, [, v]) => s + v, 0);
console.log(JSON.stringify({ compared: total, ...counts }, null, 1));
for (const m of mismatches) console.log(JSON.stringify(m));
process.exitCode = mismatches.length ? 1 : 0;
