/**
 * Re-layout check: how well do the parser's rules hold on layouts the dev pages do not show?
 * Lays the dev corpus's gold articles out again as new pages, in random layouts (blank-line,
 * whitespace-line, indented, wider gaps between articles, CRLF, hard-wrapped indented columns), with
 * page headers, editor lines, byline lines under titles, and page breaks inside paragraphs (some
 * repeating a character), and writes each page with its derived gold, for the shared scorer:
 *
 *   node bench/relayout.mjs /tmp/relayout 4 60
 *   node ../shared/eval/score.mjs --cmd 'node dist/cli.js --format json' /tmp/relayout
 *
 * Arguments: OUTDIR SEED [PAGES=40] [CORPUS=../shared/corpus/dev]. The pages hold corpus text: write
 * them outside the repository.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { random } from './archive.mjs';
const [out, seedArg, nArg, corpusArg] = process.argv.slice(2);
if (!out || !seedArg) { console.error('usage: node bench/relayout.mjs OUTDIR SEED [PAGES] [CORPUS]'); process.exit(2); }
const rnd = random(Number(seedArg) || 1);
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const golds = [];
const walk = (d) => { for (const f of readdirSync(d, { withFileTypes: true })) { if (f.isDirectory()) walk(join(d, f.name)); else if (f.name.endsWith('.gold.json')) golds.push(join(d, f.name)); } };
walk(corpusArg ?? fileURLToPath(new URL('../../shared/corpus/dev', import.meta.url)));
const arts = golds.flatMap((g) => JSON.parse(readFileSync(g, 'utf8')).articles).filter((a) => (a.paragraphs ?? []).length >= 1 && (a.headlines ?? []).length >= 1 && a.paragraphs.join('').length > 60);
rmSync(out, { recursive: true, force: true }); mkdirSync(out, { recursive: true });
const N = Number(nArg) || 40;
for (let p = 0; p < N; p++) {
  const mode = pick(['blank', 'ws', 'indent', 'wide', 'crlf', 'indent-wrapped']);
  const k = 2 + Math.floor(rnd() * 3);
  const chosen = [];
  while (chosen.length < k) { const a = pick(arts); if (!chosen.includes(a)) chosen.push(a); }
  const blocks = []; // [kind, text]
  const noise = [];
  if (rnd() < 0.6) { const h = pick(['2024年3月5日 星期二 第3版 要闻', '第04版:综合新闻', 'A12 经济 2019年6月3日(星期一)']); blocks.push(['furn', h]); noise.push(h); }
  const goldArts = [];
  for (const a of chosen) {
    for (const h of a.headlines) blocks.push(['head', h]);
    const reporters = a.byline?.reporters ?? [];
    if (reporters.length && rnd() < 0.7) blocks.push(['byline', '本报记者 ' + reporters.join(' ')]);
    const paras = a.paragraphs.map((x) => x);
    paras.forEach((t) => {
      if (t.length > 80 && rnd() < 0.25) {
        const cut = 20 + Math.floor(rnd() * (t.length - 40));
        const dup = rnd() < 0.3;
        blocks.push(['para', t.slice(0, cut)]); blocks.push(['break', '']); blocks.push(['para-cont', (dup ? t[cut - 1] : '') + t.slice(cut)]);
      } else blocks.push(['para', t]);
    });
    goldArts.push({ headlines: a.headlines, title: a.title, byline: { reporters: blocks.some((b) => b[1] === '本报记者 ' + reporters.join(' ')) ? reporters : [], correspondents: [], photographers: [] }, paragraphs: paras });
    blocks.push(['end', '']);
  }
  if (rnd() < 0.5) { const e = pick(['责任编辑：王小明', '本版编辑：李 华 美编：赵 刚']); blocks.push(['furn', e]); noise.push(e); }
  // render
  let text = '';
  const nl = mode === 'crlf' ? '\r\n' : '\n';
  for (const [kind, t] of blocks) {
    if (kind === 'end') { if (mode === 'wide') text += nl; continue; }
    if (kind === 'break') { text += nl; continue; }
    if (mode === 'indent' || mode === 'indent-wrapped') {
      const ind = kind === 'para-cont' ? '' : '\u3000\u3000';
      if (mode === 'indent-wrapped' && (kind === 'para' || kind === 'para-cont')) {
        const W = 24; let s = ind + t; const lines = [];
        while (s.length > W) { lines.push(s.slice(0, W)); s = s.slice(W); }
        lines.push(s); text += lines.join(nl) + nl;
      } else text += ind + t + nl;
    } else {
      text += t + nl + (mode === 'ws' ? '  \u3000' + nl : nl);
    }
  }
  const name = `syn-${seedArg}-${String(p).padStart(2, '0')}-${mode}`;
  writeFileSync(join(out, name + '.txt'), text);
  writeFileSync(join(out, name + '.gold.json'), JSON.stringify({ input: name + '.txt', articles: goldArts, noise }, null, 1));
}
