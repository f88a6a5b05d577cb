#!/usr/bin/env node
// The recipe of the shipped structure model (models/structure.json), run by `npm run train`:
//   1. lay out training pages from the article records of ../shared/corpus (train/generate.mjs;
//      two months of 人民日报 e-paper, never the month of the dev pages we score on) and from the
//      labelled dev pages of dev/real and dev/rendered, into a temporary folder outside the repo;
//   2. train the chain on them from zero weights (dist/learn/train.js), with a fixed seed;
//   3. write the model with its recipe, and remove the pages.
// The same sources give the same file byte for byte. Options: --out FILE (default models/structure.json),
// --keep DIR (keep the generated pages there), --epochs N, --seed N, --gold-dirs a,b (default dev/real,dev/rendered; '' for none).
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

if (!existsSync(join(repo, 'dist/learn/train.js'))) { console.error('train: build first (npm run build)'); process.exit(2); }
if (!existsSync(shared)) { console.error(`train: ${shared} not found (the shared corpus beside the checkout)`); process.exit(2); }
const { goldFilesIn, labelledPages, sequencesOf, trainOn } = await import(join(repo, 'dist/learn/train.js'));
const { serializeModel } = await import(join(repo, 'dist/learn/model.js'));

const started = Date.now();
const pagesDir = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), 'news-split-train-'));
mkdirSync(pagesDir, { recursive: true });
try {
  const sources = [`${shared}/articles/rmrb-epaper_2019-02.jsonl`, `${shared}/articles/rmrb-epaper_2020-01.jsonl`];
  // three sets: every layout (2,500 files, each source page laid out about three times), the
  // e-paper's own plain dumps (one pass), and the labelled dev pages of other papers laid out anew
  const sets = [
    ['all', ['--sources', sources.join(','), '--pages', '2500', '--seed', String(seed)]],
    ['plain', ['--sources', sources.join(','), '--plain', '--seed', String(seed + 1)]],
    ...(goldDirs.length ? [['gold', ['--sources', 'none', '--gold-dirs', goldDirs.join(','), '--pages', '300', '--seed', String(seed + 2)]]] : []),
  ];
  for (const [name, extra] of sets) {
    const gen = spawnSync(process.execPath, [join(repo, 'train/generate.mjs'), '--out', join(pagesDir, name), '--quiet', ...extra], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (gen.status !== 0) { console.error(`train: page generation (${name}) failed`); process.exit(1); }
  }
  const stats = { units: 0, unmatched: 0, fixed: 0 };
  const files = goldFilesIn([pagesDir]);
  const pages = files.flatMap((f) => labelledPages(f, stats));
  console.error(`train: ${files.length} files, ${pages.length} pages, ${stats.units} units (${stats.unmatched} unmatched, ${stats.fixed} relabelled) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const sequences = sequencesOf(pages);
  console.error(`train: features in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const weights = trainOn(sequences, { epochs, seed, progress: (e, wp, wu) => console.error(`train: epoch ${e}: ${wp} pages / ${wu} units wrong`) });
  const recipe = {
    by: 'npm run train', sources: sources.map((s) => s.slice(shared.length + 1)), goldDirs: goldDirs.map((s) => s.slice(shared.length + 1)),
    sets: sets.map(([name, extra]) => `${name}: ${extra.filter((a) => !a.startsWith('/')).join(' ')}`), seed, epochs, files: files.length, pages: pages.length, units: stats.units,
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, serializeModel(weights, recipe));
  console.error(`train: wrote ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  if (!keep) rmSync(pagesDir, { recursive: true, force: true });
}
