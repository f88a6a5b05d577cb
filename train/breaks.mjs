// Break repair measured on the training months: how often each of its rules errs on real text.
// Reads the 人民日报 e-paper records of 2019-02 and 2020-01 (never 2019-10, the dev month) from
// ../shared and asks the repair (dist/transform/repair.js) two kinds of question:
//   - at every real paragraph end between two body paragraphs: join? (a join there is an error);
//   - at every position inside a paragraph, where a column could cut it: keep apart? (an error,
//     weighted by the chance that a column ends right there: one cut per --column characters).
// Prints, for each rule (the decision's evidence), the real ends it joined and the expected cuts it
// kept, per 1,000 paragraph ends. Prints counts only, never text. Usage:
//   node train/breaks.mjs [--column 450] [--sources a.jsonl,b.jsonl] [--stride 1]
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(repo, '../shared/corpus');
const arg = (name, d) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : d; };
const column = Number(arg('--column', '450'));
const stride = Number(arg('--stride', '1'));
const sources = arg('--sources', ['rmrb-epaper_2019-02.jsonl', 'rmrb-epaper_2020-01.jsonl'].map((f) => join(shared, 'articles', f)).join(',')).split(',');

const { decideJoin } = await import(join(repo, 'dist/transform/repair.js'));
const { jiebaLexicon } = await import(join(repo, 'dist/lexicon/jieba.js'));
const { classifyUnit } = await import(join(repo, 'dist/parse/classify.js'));
const { toUnits } = await import(join(repo, 'dist/parse/units.js'));
const lexicon = jiebaLexicon();

/** A body line (not a byline line, credit, lead-less furniture): what break repair is asked about. */
const isBody = (text) => {
  const u = toUnits(text).units;
  if (u.length !== 1) return false;
  const k = classifyUnit(u[0]).kind;
  return k === 'body' || k === 'heading' || k === 'lead';
};
const rules = new Map();
const rule = (ev) => { let r = rules.get(ev); if (!r) rules.set(ev, (r = { joinedEnds: 0, keptCuts: 0, ends: 0, cuts: 0 })); return r; };
let ends = 0;
let cutPositions = 0;
const started = Date.now();
for (const file of sources) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const paras = JSON.parse(line).body.map((p) => p.trim()).filter(Boolean);
    const body = paras.map(isBody);
    for (let i = 0; i < paras.length; i++) {
      const p = paras[i];
      if (!body[i]) continue;
      if (i + 1 < paras.length && body[i + 1]) {
        const d = decideJoin(p, paras[i + 1], lexicon);
        const r = rule(d.evidence.join(' / '));
        ends++; r.ends++;
        if (d.join) r.joinedEnds++;
      }
      const chars = Array.from(p);
      for (let k = 2; k < chars.length - 1; k += stride) {
        const left = chars.slice(0, k).join('');
        if (/\s$/u.test(left)) continue;
        const d = decideJoin(left, chars.slice(k, k + 40).join(''), lexicon);
        const r = rule(d.evidence.join(' / '));
        cutPositions++; r.cuts++;
        if (!d.join) r.keptCuts++;
      }
    }
  }
}
const w = stride / column; // expected cuts per position
const per = (x) => ((1000 * x) / ends).toFixed(2);
console.log(`${ends} paragraph ends, ${cutPositions} cut positions (stride ${stride}), one cut per ${column} characters; ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log('errors per 1,000 paragraph ends: real ends joined | expected cuts kept apart | rule');
let tj = 0; let tk = 0;
for (const [ev, r] of [...rules].sort((a, b) => (b[1].joinedEnds + b[1].keptCuts * w) - (a[1].joinedEnds + a[1].keptCuts * w))) {
  tj += r.joinedEnds; tk += r.keptCuts * w;
  if (r.joinedEnds + r.keptCuts * w > 0) console.log(`${per(r.joinedEnds).padStart(7)} | ${per(r.keptCuts * w).padStart(7)} | ${ev} (${r.ends} ends, ${r.cuts} positions)`);
}
console.log(`${per(tj).padStart(7)} | ${per(tk).padStart(7)} | total ${per(tj + tk)}`);
