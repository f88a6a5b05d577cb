#!/usr/bin/env node
// The recipe of the shipped structure model (models/structure.json), run by `npm run train`:
//   1. lay out training pages from the article records of ../shared/corpus (train/generate.mjs;
//      two months of 人民日报 e-paper, never the month of the dev pages we score on) and from the
//      labelled dev pages of dev/real and dev/rendered, into a temporary folder outside the repo;
//   2. train the chain on them from zero weights (dist/learn/train.js), with a fixed seed;
//   3. do 1 and 2 again with the next seeds (--runs, default 3) and average the runs' weights;
//   4. write the model with its recipe, and remove the pages.
// The same sources give the same file byte for byte. Options: --out FILE (default models/structure.json),
// --keep DIR (keep the generated pages there), --epochs N, --seed N (the first run's), --runs N, --gold-dirs a,b (default dev/real,dev/rendered; '' for none).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(repo, '../shared/corpus');
const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const out = resolve(opt('--out', join(repo, 'models/structure.json')));
const epochs = Number(opt('--epochs', '10'));
const seed = Number(opt('--seed', '1'));
const goldDirs = opt('--gold-dirs', `${shared}/dev/real,${shared}/dev/rendered`).split(',').filter(Boolean);
const keep = opt('--keep', null);
const runs = Number(opt('--runs', '3'));
if (!(Number.isInteger(runs) && runs >= 1)) { console.error('train: --runs takes a whole number ≥ 1'); process.exit(2); }

if (!existsSync(join(repo, 'dist/learn/train.js'))) { console.error('train: build first (npm run build)'); process.exit(2); }
if (!existsSync(shared)) { console.error(`train: ${shared} not found (the shared corpus beside the checkout)`); process.exit(2); }
const { goldFilesIn, labelledPages, sequencesOf, trainOn, averageWeights } = await import(join(repo, 'dist/learn/train.js'));
const { serializeModel } = await import(join(repo, 'dist/learn/model.js'));

const started = Date.now();
const secs = () => ((Date.now() - started) / 1000).toFixed(1);
const sources = [`${shared}/articles/rmrb-epaper_2019-02.jsonl`, `${shared}/articles/rmrb-epaper_2020-01.jsonl`];
// three sets: every layout (2,500 files, each source page laid out about three times), the
// e-paper's own plain dumps (one pass), and the labelled dev pages of other papers laid out anew
const setsOf = (s) => [
  ['all', ['--sources', sources.join(','), '--pages', '2500', '--seed', String(s)]],
  ['plain', ['--sources', sources.join(','), '--plain', '--seed', String(s + 1)]],
  ...(goldDirs.length ? [['gold', ['--sources', 'none', '--gold-dirs', goldDirs.join(','), '--pages', '300', '--seed', String(s + 2)]]] : []),
];

/** One run: its pages laid out with seed s, the chain trained on them from zero weights with seed s. */
function oneRun(s, dir) {
  const sets = setsOf(s);
  for (const [name, extra] of sets) {
    const gen = spawnSync(process.execPath, [join(repo, 'train/generate.mjs'), '--out', join(dir, name), '--quiet', ...extra], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (gen.status !== 0) { console.error(`train: page generation (${name}, seed ${s}) failed`); process.exit(1); }
  }
  const stats = { units: 0, unmatched: 0, fixed: 0 };
  const files = goldFilesIn([dir]);
  const pages = files.flatMap((f) => labelledPages(f, stats));
  console.error(`train: run seed ${s}: ${files.length} files, ${pages.length} pages, ${stats.units} units (${stats.unmatched} unmatched, ${stats.fixed} relabelled) in ${secs()} s`);
  const sequences = sequencesOf(pages);
  const weights = trainOn(sequences, { epochs, seed: s, progress: (e, wp, wu) => console.error(`train: run seed ${s}: epoch ${e}: ${wp} pages / ${wu} units wrong`) });
  return { weights, sets, files: files.length, pages: pages.length, units: stats.units };
}

// runs of seeds seed, seed + 1, … averaged: one run's weights swing with its shuffle and its pages
// (dev/epaper article F1 0.946 / 0.952 / 0.964 for seeds 1 / 2 / 3); their mean holds steadier
const root = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), 'news-split-train-'));
mkdirSync(root, { recursive: true });
const results = [];
try {
  for (let r = 0; r < runs; r++) {
    const dir = join(root, `run${r + 1}`);
    mkdirSync(dir, { recursive: true });
    results.push(oneRun(seed + r, dir));
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
} finally {
  if (!keep) rmSync(root, { recursive: true, force: true });
}
const weights = results.length === 1 ? results[0].weights : averageWeights(results.map((x) => x.weights));
const recipe = {
  by: 'npm run train', sources: sources.map((s) => s.slice(shared.length + 1)), goldDirs: goldDirs.map((s) => s.slice(shared.length + 1)),
  runs: results.map((x, r) => ({
    seed: seed + r, sets: x.sets.map(([name, extra]) => `${name}: ${extra.filter((a) => !a.startsWith('/')).join(' ')}`), files: x.files, pages: x.pages, units: x.units,
  })),
  epochs, averaged: results.length > 1,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, serializeModel(weights, recipe));
console.error(`train: wrote ${out} (${results.length} run${results.length > 1 ? 's' : ''} averaged) in ${secs()} s`);
