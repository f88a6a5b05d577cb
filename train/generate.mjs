#!/usr/bin/env node
// Training pages for the sequence model (issue #16): lays out real article records as whole newspaper
// pages in the layouts users meet, and writes each page's gold in the format of CONVENTIONS.md, so that
// generated pages and hand-labelled pages go through one code path in the trainer.
//
//   node train/generate.mjs --out DIR [--seed N] [--sources a.jsonl,b.jsonl|none] [--gold-dirs d1,d2|none] [--pages N] [--plain] [--eval-gold]
//   node train/generate.mjs --check DIR
//
// The output is corpus text (copyrighted): write it outside the repository, never commit it.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dice, mulberry32, pageSeed } from './random.mjs';
import { loadEpaperPages, loadGoldPages } from './records.mjs';
import { chooseLayout, layOutFile, layoutSummary, makeConverter } from './layout.mjs';
import { checkDir } from './check.mjs';

/** The index that seeds a page's late dice (pageSeed(seed, LATE_STREAM)): far past any page's index. */
const LATE_STREAM = 0x7fffff;
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = resolve(REPO, '../shared/corpus');
// October 2019 is the month of the e-paper dev pages we score on: never train on it by default
const DEFAULT_SOURCES = ['rmrb-epaper_2019-02.jsonl', 'rmrb-epaper_2020-01.jsonl'].map((n) => join(CORPUS, 'articles', n));
const DEV_MONTH = /2019-10/;
/** The web articles the dev/rendered pages were made of: scoring there would score on training text. */
const DEV_RENDERED = /peoplecn-finance/;

function fail(message) {
  process.stderr.write(`generate: ${message}\n`);
  process.exit(2);
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      sources: { type: 'string' },
      'gold-dirs': { type: 'string' },
      // only the layouts of an e-paper's own dump (blank-line or indented, one page a file, decks unbroken)
      plain: { type: 'boolean', default: false },
      pages: { type: 'string' },
      'allow-dev-month': { type: 'boolean', default: false },
      check: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      // gold for scoring: the e-paper's dateline leads and closing dispatches out of the paragraphs too
      'eval-gold': { type: 'boolean', default: false },
    },
  });
  const list = (s) => (s === 'none' ? [] : (s ?? '').split(',').map((x) => x.trim()).filter(Boolean));
  const sources = values.sources === undefined ? DEFAULT_SOURCES : list(values.sources);
  const goldDirs = list(values['gold-dirs']);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) fail(`--seed must be a non-negative integer, not ${values.seed}`);
  const pages = values.pages === undefined ? undefined : Number(values.pages);
  if (pages !== undefined && !(Number.isInteger(pages) && pages > 0)) fail(`--pages must be a positive integer, not ${values.pages}`);
  return { ...values, sources, goldDirs, seed, pages };
}

/** Refuse what would train on the pages we score on, or write corpus text into the repository. */
function guard(opts) {
  for (const s of opts.sources) {
    if (DEV_MONTH.test(basename(s)) && !opts['allow-dev-month']) fail(`${s} is the dev month (October 2019); pass --allow-dev-month to use it anyway`);
    if (DEV_RENDERED.test(basename(s))) fail(`${s}: its articles are the dev/rendered pages, which are scored, never trained on`);
  }
  for (const g of opts.goldDirs) if (/(^|[\\/])epaper[\\/]?$/.test(g)) fail(`${g}: the e-paper dev pages are never read`);
  const out = resolve(opts.out);
  if (out === REPO || out.startsWith(REPO + sep)) fail(`--out ${opts.out} is inside the repository: generated pages are corpus text`);
  if (opts.sources.length === 0 && opts.goldDirs.length === 0) fail('no sources and no gold dirs');
  for (const s of opts.sources) if (!statSync(s, { throwIfNoEntry: false })?.isFile()) fail(`--sources ${s}: no such file`);
  for (const g of opts.goldDirs) if (!statSync(g, { throwIfNoEntry: false })?.isDirectory()) fail(`--gold-dirs ${g}: no such folder`);
}

/** Count how many files got each value of each layout choice. */
function tally(summary, counts) {
  for (const [key, value] of Object.entries(summary)) {
    counts[key] ??= {};
    counts[key][String(value)] = (counts[key][String(value)] ?? 0) + 1;
  }
}

function printTally(counts, out) {
  for (const [key, values] of Object.entries(counts)) {
    const parts = Object.entries(values).sort((a, b) => b[1] - a[1]).map(([v, n]) => `${v} ${n}`);
    out.write(`  ${key}: ${parts.join(', ')}\n`);
  }
}

async function traditionalConverter() {
  const opencc = await import('opencc-js');
  return (opencc.Converter ?? opencc.default.Converter)({ from: 'cn', to: 'tw' });
}

async function generate(opts) {
  guard(opts);
  const started = Date.now();
  const sourcePages = [...loadEpaperPages(opts.sources), ...loadGoldPages(opts.goldDirs)];
  if (sourcePages.length === 0) fail('the sources hold no pages');
  mkdirSync(opts.out, { recursive: true });
  let toTraditional;
  const counts = {};
  const totals = { titlesBroken: 0, subtitlesSplit: 0, breaks: 0, columnPieces: 0, repeats: 0, jumps: 0, midStarts: 0 };
  const files = [];
  let bytes = 0;
  let cursor = 0;
  // --pages N: N files, going round the source pages again with new layouts; default: each page once
  for (let i = 0; opts.pages === undefined ? cursor < sourcePages.length : i < opts.pages; i++) {
    const seed = pageSeed(opts.seed, i);
    const d = dice(mulberry32(seed));
    const style = chooseLayout(d, opts.plain);
    // choices added after the first layouts (bylines under the deck, subtitles in lines) come from a dice
    // of their own: with them added, every other choice of the page stays as it was
    const late = dice(mulberry32(pageSeed(seed, LATE_STREAM)));
    style.bylineLines = !opts.plain && style.body !== 'flat' && late.chance(0.35);
    style.subtitleLines = !opts.plain && late.chance(0.5);
    style.evalGold = opts['eval-gold'];
    const pages = [];
    for (let k = 0; k < style.glue && (opts.pages !== undefined || cursor < sourcePages.length); k++) pages.push(sourcePages[cursor++ % sourcePages.length]);
    if (style.traditional) toTraditional ??= await traditionalConverter();
    const summary = layoutSummary({ ...style, glue: pages.length });
    const { text, articles, noise, stats } = layOutFile(pages, style, d, makeConverter(style, toTraditional), late);
    const name = `gen-s${opts.seed}-${String(i + 1).padStart(5, '0')}_${pages[0].key.replace(/[^\w.-]+/g, '_')}`;
    const ids = pages.flatMap((p) => p.records.map((r) => r.id));
    const layout = Object.entries(summary).map(([k, v]) => `${k}=${v}`).join(' ');
    const gold = {
      input: `${name}.txt`,
      note: `generated by train/generate.mjs from ${ids.join(' ')}; seed ${opts.seed} (page seed ${seed}); layout ${layout}; done: ${Object.entries(stats).map(([k, v]) => `${k}=${v}`).join(' ')}`,
      articles,
      noise,
    };
    writeFileSync(join(opts.out, `${name}.txt`), text);
    writeFileSync(join(opts.out, `${name}.gold.json`), JSON.stringify(gold, null, 1) + '\n');
    bytes += Buffer.byteLength(text);
    tally(summary, counts);
    for (const k of Object.keys(totals)) totals[k] += stats[k];
    files.push({ name, seed, pages: pages.map((p) => p.key), articles: articles.length, layout: summary, done: stats });
  }
  const manifest = {
    generator: 'train/generate.mjs',
    seed: opts.seed,
    sources: opts.sources.map((s) => basename(s)),
    goldDirs: opts.goldDirs.map((g) => basename(resolve(g))),
    files: files.length,
    sourcePages: sourcePages.length,
    summary: counts,
    done: totals,
    pages: files,
  };
  writeFileSync(join(opts.out, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
  if (!opts.quiet) {
    const err = process.stderr;
    err.write(`generated ${files.length} files from ${sourcePages.length} source pages into ${opts.out}: ${(bytes / 1e6).toFixed(1)} MB of text in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    err.write(`done: ${Object.entries(totals).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
    err.write('layout choices (files):\n');
    printTally(counts, err);
  }
}

function check(dir) {
  const started = Date.now();
  const result = checkDir(dir);
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(JSON.stringify({ ...result, failures: result.failures.slice(0, 50), failureCount: result.failures.length, seconds }, null, 1) + '\n');
  process.exit(result.failures.length === 0 && result.pages > 0 ? 0 : 1);
}

const opts = readOptions();
if (opts.check) check(opts.check);
else if (!opts.out) fail('--out DIR is required (outside the repository)');
else await generate(opts);
