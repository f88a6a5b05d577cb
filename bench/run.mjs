/**
 * `npm run bench`: speed and memory of the built CLI (dist/) on a synthetic archive, as ratios to
 * baselines measured in the same run, because machines here are noisy and absolute times are not
 * comparable from one run to the next. Every time is the median of several runs, interleaved with
 * its baseline so that a burst of load hits both.
 *
 *   throughput   jsonl/json/csv/markdown on ~100 MB, against the raw floor (bench/floor.mjs)
 *   memory       peak RSS on ~100 MB and ~400 MB
 *   growth       time for 50 / 100 / 200 / 400 MB (linear: each step adds time at a flat rate)
 *   start-up     --version and a one-page run, against `node -e 0`
 *   --jobs       --jobs 1 against --jobs 2 on 2,000 one-page files, and against two --jobs 1
 *                processes on half the files each, run at once: what the machine itself gives
 *
 * The same throughput, memory and growth phases run again on a real-text archive built from the
 * shared corpus (../shared/corpus: every dev page, and the article records laid out as pages; see
 * real-archive.mjs), with --jobs 1, --jobs 2 and the default beside each other. The corpus text is
 * written to the temp dir only, never into the repository; without the corpus that part is n/a.
 *
 * A format or option the CLI does not have yet is reported as "n/a (not supported yet)".
 * Options: --size MB (100), --big MB (400), --runs N (3), --pages N (2000), --quick (10 MB, 40 MB,
 * 2 runs, 300 pages: a smoke test), --corpus DIR (../shared/corpus), --json FILE (results as JSON),
 * --keep (keep the temp dir). Generated files go to a temp dir (os.tmpdir()) and are removed at the end.
 */
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeArchives, writePages } from './archive.mjs';
import { writeRealArchives, DEFAULT_CORPUS } from './real-archive.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin', 'news-split.js');
const FLOOR = join(ROOT, 'bench', 'floor.mjs');
const PROBE = new URL('./rss-probe.mjs', import.meta.url).href;
const SAMPLE = join(ROOT, 'fixtures', 'cqrb-2023-11-04-p1.txt');
const NA = 'n/a (not supported yet)';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : dflt;
};
const quick = flag('--quick');
const SIZE = value('--size', quick ? 10 : 100);
const BIG = value('--big', quick ? 40 : 400);
const RUNS = value('--runs', quick ? 2 : 3);
const PAGES = value('--pages', quick ? 300 : 2000);
const STARTUP_RUNS = quick ? 5 : 15;
const CORPUS = (() => { const i = args.indexOf('--corpus'); return i >= 0 ? args[i + 1] : DEFAULT_CORPUS; })();

const started = performance.now();
const work = mkdtempSync(join(tmpdir(), 'news-split-bench-'));
const log = (s) => process.stderr.write(`${s}\n`);

// ------------------------------------------------------------------------------------ helpers

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const MB = (bytes) => bytes / 1e6;
const fmt = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? NA : x.toFixed(d));

/**
 * Run `node ...argv` with stdout to a file; returns {ms, rss, code, stderr, out}. Peak RSS comes from
 * the preloaded probe; start-up runs go without it (`probe: false`).
 */
function run(argv, { probe = true, out = join(work, 'out') } = {}) {
  const rssFile = join(work, 'rss');
  rmSync(rssFile, { force: true });
  const fd = openSync(out, 'w');
  const nodeArgs = probe ? ['--import', PROBE, ...argv] : argv;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, nodeArgs, {
      stdio: ['ignore', fd, 'pipe'],
      env: { ...process.env, NEWS_SPLIT_BENCH_RSS: rssFile, FORCE_COLOR: '0' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => { if (stderr.length < 1e5) stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      closeSync(fd);
      const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : null;
      resolve({ ms, rss, code, stderr, out });
    });
  });
}

/** Lines in a file (articles in JSON Lines output), counted without loading it. */
async function countLines(path) {
  let n = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
  }
  return n;
}

// ------------------------------------------------------------------------------- capabilities

async function capabilities() {
  const help = await run([CLI, '--help'], { probe: false });
  const helpText = readFileSync(help.out, 'utf8') + help.stderr;
  const formats = {};
  for (const [label, names] of [['jsonl', ['jsonl']], ['json', ['json']], ['csv', ['csv']], ['markdown', ['markdown', 'md']]]) {
    formats[label] = null;
    for (const name of names) {
      const r = await run([CLI, '-q', '--format', name, SAMPLE], { probe: false });
      if (r.code === 0 && statSync(r.out).size > 0) { formats[label] = name; break; }
    }
  }
  // Does one file of many pages come out page by page (ids …#p2-1)? Otherwise it is one huge page.
  const two = join(work, 'two-pages.txt');
  writeArchives({ [two]: 0.02 });
  const r = await run([CLI, '-q', two], { probe: false });
  const multiPage = r.code === 0 && /"page":\s*2\b/.test(readFileSync(r.out, 'utf8'));
  return { formats, jobs: /--jobs\b/.test(helpText), multiPage };
}

// ------------------------------------------------------------------------------------- phases

/** jsonl with the default --jobs, then these (interleaved with it and the floor) */
const JOB_VARIANTS = (caps) => (caps.jobs ? [['jsonl --jobs 1', ['--jobs', '1']], ['jsonl --jobs 2', ['--jobs', '2']]] : []);

async function throughput(caps, archive, bytes, { formats = true } = {}) {
  log(`throughput: ${RUNS} runs each on ${fmt(MB(bytes), 0)} MB (floor, jsonl and its --jobs variants interleaved)`);
  const floor = [];
  const jsonl = [];
  const variants = JOB_VARIANTS(caps).map(([label, argv]) => ({ label, argv, runs: [] }));
  let articles = null;
  for (let i = 0; i < RUNS; i++) {
    floor.push(await run([FLOOR, archive]));
    const r = await run([CLI, '-q', archive]);
    if (r.code !== 0) throw new Error(`news-split failed (exit ${r.code}): ${r.stderr.slice(0, 500)}`);
    articles ??= await countLines(r.out);
    jsonl.push(r);
    for (const v of variants) {
      const rv = await run([CLI, '-q', ...v.argv, archive]);
      if (rv.code !== 0) throw new Error(`news-split ${v.label} failed (exit ${rv.code}): ${rv.stderr.slice(0, 500)}`);
      v.runs.push(rv);
    }
  }
  const floorMs = median(floor.map((r) => r.ms));
  const rows = [];
  const row = (format, runs) => {
    const ms = median(runs.map((r) => r.ms));
    rows.push({
      format, runs: runs.length, ms, mbps: MB(bytes) / (ms / 1000), articlesPerS: articles / (ms / 1000),
      ratio: floorMs / ms, rss: median(runs.map((r) => r.rss)),
    });
  };
  rows.push({ format: 'raw floor', runs: RUNS, ms: floorMs, mbps: MB(bytes) / (floorMs / 1000), articlesPerS: null, ratio: 1, rss: median(floor.map((r) => r.rss)) });
  row('jsonl', jsonl);
  for (const v of variants) row(v.label, v.runs);
  for (const label of formats ? ['json', 'csv', 'markdown'] : []) {
    const name = caps.formats[label];
    if (!name) { rows.push({ format: label, na: true }); continue; }
    // one run each beside the jsonl medians keeps the whole bench within its time budget
    const r = await run([CLI, '-q', '--format', name, archive]);
    if (r.code !== 0) { rows.push({ format: label, na: true, note: `exit ${r.code}` }); continue; }
    row(label, [r]);
  }
  rmSync(join(work, 'out'), { force: true });
  return { rows, articles, floorMs };
}

async function growth(archives) {
  log(`growth and memory: ${Object.keys(archives).map((f) => `${fmt(MB(archives[f].bytes), 0)} MB`).join(', ')}`);
  const rows = [];
  for (const [file, { bytes }] of Object.entries(archives)) {
    const r = await run([CLI, '-q', file]);
    rows.push({ mb: MB(bytes), ms: r.ms, mbps: MB(bytes) / (r.ms / 1000), rss: r.rss, code: r.code });
  }
  rmSync(join(work, 'out'), { force: true });
  return rows;
}

async function startup() {
  log(`start-up: ${STARTUP_RUNS} runs each, interleaved`);
  const t = { node: [], version: [], page: [] };
  for (let i = 0; i < STARTUP_RUNS; i++) {
    t.node.push((await run(['-e', '0'], { probe: false })).ms);
    t.version.push((await run([CLI, '--version'], { probe: false })).ms);
    t.page.push((await run([CLI, '-q', SAMPLE], { probe: false })).ms);
  }
  const node = median(t.node);
  return { node, version: median(t.version), page: median(t.page) };
}

async function jobs(caps) {
  if (!caps.jobs) return null;
  log(`--jobs: ${PAGES} one-page files, ${RUNS} runs each (and two --jobs 1 runs on halves at once)`);
  const files = writePages(join(work, 'pages'), PAGES);
  const halves = [files.slice(0, files.length >> 1), files.slice(files.length >> 1)];
  const t = { 1: [], 2: [], pair: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const j of [1, 2]) {
      const r = await run([CLI, '-q', '--jobs', String(j), ...files]);
      if (r.code !== 0) throw new Error(`--jobs ${j} failed (exit ${r.code}): ${r.stderr.slice(0, 500)}`);
      t[j].push(r.ms);
    }
    // the machine's own ceiling: the same work as two independent processes, nothing shared or
    // passed between them; --jobs 2 cannot beat this by much
    const t0 = performance.now();
    const pair = await Promise.all(halves.map((h, k) => run([CLI, '-q', '--jobs', '1', ...h], { probe: false, out: join(work, `half${k}`) })));
    if (pair.some((r) => r.code !== 0)) throw new Error(`--jobs 1 on half the pages failed: ${pair.map((r) => r.stderr).join('').slice(0, 500)}`);
    t.pair.push(performance.now() - t0);
  }
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  return { pages: PAGES, mb: MB(bytes), j1: median(t[1]), j2: median(t[2]), pair: median(t.pair) };
}

// --------------------------------------------------------------------------------------- main

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

/** Least squares y = a + b x, and R². */
function linearFit(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((p, x) => p + x, 0) / n;
  const my = ys.reduce((p, y) => p + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const b = sxy / sxx;
  return { a: my - b * mx, b, r2: syy ? (sxy * sxy) / (sxx * syy) : 1 };
}

const mark = (ok) => (ok === null ? 'n/a' : ok ? 'met' : 'MISSED');

/** Throughput, growth and memory on one kind of archive (written by `write`, removed after). */
async function archivePhases(caps, kind, write) {
  const file = (mb) => join(work, `${kind}-${mb}.txt`);
  const sizes = { [file(SIZE / 2)]: SIZE / 2, [file(SIZE)]: SIZE, [file(SIZE * 2)]: SIZE * 2, [file(BIG)]: BIG };
  log(`generating the ${kind} archive (${Object.values(sizes).join(', ')} MB) in ${work}`);
  const archives = write(sizes);
  const main100 = file(SIZE);
  const tp = await throughput(caps, main100, archives[main100].bytes, { formats: kind === 'synthetic' });
  const jsonlRow = tp.rows.find((r) => r.format === 'jsonl');
  const others = Object.fromEntries(Object.entries(archives).filter(([f]) => f !== main100));
  const grow = await growth(others);
  grow.push({ mb: MB(archives[main100].bytes), ms: jsonlRow.ms, mbps: jsonlRow.mbps, rss: jsonlRow.rss, code: 0 });
  grow.sort((a, b) => a.mb - b.mb);
  for (const f of Object.keys(archives)) rmSync(f, { force: true });
  const mbpsAll = grow.map((g) => g.mbps);
  // linear growth is time = start + size / rate: the rate of each step (the time the next size adds)
  // stays flat, whatever the fixed start (workers, warm-up), which weighs on the smallest size's MB/s
  const steps = grow.slice(1).map((g, k) => (g.mb - grow[k].mb) / ((g.ms - grow[k].ms) / 1000));
  return {
    kind, tp, grow, bytes: archives[main100].bytes, pages: archives[main100].pages, jsonlRow, rss100: jsonlRow.rss,
    bigRow: grow.at(-1), spread: Math.max(...mbpsAll) / Math.min(...mbpsAll), steps,
    stepSpread: steps.every((r) => r > 0) ? Math.max(...steps) / Math.min(...steps) : Infinity,
    fit: linearFit(grow.map((g) => g.mb), grow.map((g) => g.ms / 1000)),
  };
}

function archiveReport(a) {
  return [
    `Throughput on the ${a.kind} archive, ${fmt(MB(a.bytes), 0)} MB (${a.pages} pages written, ${a.tp.articles} articles)`,
    '',
    table(['format', 'runs', 'time s', 'MB/s', 'articles/s', '× raw floor', 'peak RSS MB'], a.tp.rows.map((r) => (r.na
      ? [r.format, '', '', r.note ?? NA, '', '', '']
      : [r.format, r.runs, fmt(r.ms / 1000, 2), fmt(r.mbps), r.articlesPerS === null ? '' : fmt(r.articlesPerS, 0), fmt(r.ratio, 2), fmt(MB(r.rss), 0)]))),
    '',
    `Growth and memory on the ${a.kind} archive (jsonl, default --jobs; one run each except the middle size)`,
    '',
    table(['input MB', 'time s', 'MB/s', 'peak RSS MB'], a.grow.map((g) => [fmt(g.mb, 0), g.code ? `exit ${g.code}` : fmt(g.ms / 1000, 2), fmt(g.mbps), fmt(MB(g.rss), 0)])),
    '',
    `Straight-line fit: time = ${fmt(a.fit.a, 2)} s + size / ${fmt(1 / a.fit.b)} MB/s (R² ${fmt(a.fit.r2, 4)}); MB/s from the smallest to the largest size spread ${fmt(a.spread, 2)} ×, the fixed start included`,
    '',
  ];
}

function archiveTargets(a, floorTarget, jobsTarget) {
  const row = (label) => a.tp.rows.find((r) => r.format === label);
  const j1 = row('jsonl --jobs 1');
  const j2 = row('jsonl --jobs 2');
  const k = a.kind;
  return [
    [`${k}: JSON Lines ≥ ${floorTarget} × raw floor (default --jobs)`, `${fmt(a.jsonlRow.ratio, 2)} ×`, mark(a.jsonlRow.ratio >= floorTarget)],
    [`${k}: JSON Lines --jobs 1 ≥ ${floorTarget} × raw floor`, j1 ? `${fmt(j1.ratio, 2)} ×` : NA, mark(j1 ? j1.ratio >= floorTarget : null)],
    [`${k}: --jobs 2 not slower than --jobs 1${jobsTarget ? ` (≥ ${jobsTarget} ×)` : ''}`, j1 && j2 ? `${fmt(j1.ms / j2.ms, 2)} ×` : NA, mark(j1 && j2 ? j1.ms / j2.ms >= (jobsTarget ?? 1) : null)],
    [`${k}: peak RSS ≤ 300 MB on ${fmt(a.bigRow.mb, 0)} MB`, `${fmt(MB(a.bigRow.rss), 0)} MB`, mark(a.bigRow.rss !== null ? MB(a.bigRow.rss) <= 300 : null)],
    [`${k}: peak RSS on ${fmt(a.bigRow.mb, 0)} MB < 1.5 × on ${SIZE} MB`, `${fmt(a.bigRow.rss / a.rss100, 2)} ×`, mark(a.bigRow.rss && a.rss100 ? a.bigRow.rss / a.rss100 < 1.5 : null)],
    [`${k}: time linear in size (MB/s of each step flat within 1.5 ×)`, `${fmt(a.stepSpread, 2)} × spread (${a.steps.map((r) => fmt(r)).join(' / ')} MB/s)`, mark(a.stepSpread <= 1.5)],
  ];
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run npm install (or npm run build) first');
  log(`news-split bench: node ${process.version}, ${cpus().length} CPUs, temp dir ${work}`);
  const caps = await capabilities();
  log(`CLI: formats ${Object.entries(caps.formats).map(([k, v]) => `${k}=${v ?? 'no'}`).join(' ')}; --jobs ${caps.jobs ? 'yes' : 'no'}; multi-page files ${caps.multiPage ? 'yes' : 'no'}`);

  const syn = await archivePhases(caps, 'synthetic', (sizes) => writeArchives(sizes));
  const hasCorpus = existsSync(join(CORPUS, 'dev')) && existsSync(join(CORPUS, 'articles'));
  if (!hasCorpus) log(`no corpus at ${CORPUS}: the real-text archive is n/a`);
  const real = hasCorpus ? await archivePhases(caps, 'real', (sizes) => writeRealArchives(sizes, CORPUS)) : null;
  const st = await startup();
  const jb = await jobs(caps);
  const total = (performance.now() - started) / 1000;

  const targets = [
    ...archiveTargets(syn, 0.35, null),
    ...(real ? archiveTargets(real, 0.3, 1.25) : [['real-text archive', NA, 'n/a']]),
    ['--version ≤ 1.5 × node -e 0', `${fmt(st.version / st.node, 2)} ×`, mark(st.version / st.node <= 1.5)],
    ['one-page run ≤ 2.5 × node -e 0', `${fmt(st.page / st.node, 2)} ×`, mark(st.page / st.node <= 2.5)],
    [`--jobs 2 not slower than --jobs 1 on ${jb?.pages ?? 0} one-page files`, jb ? `${fmt(jb.j1 / jb.j2, 2)} × (ceiling ${fmt(jb.j1 / jb.pair, 2)} ×)` : NA, mark(jb ? jb.j1 / jb.j2 >= 1 : null)],
  ];

  const report = [
    `news-split bench — node ${process.version}, ${cpus().length} CPUs; medians of ${RUNS} runs unless marked 1; total ${fmt(total, 0)} s`,
    `CLI: --jobs ${caps.jobs ? 'yes' : 'no'} (default jobs used for throughput), multi-page files ${caps.multiPage ? 'split into pages' : 'read as one page'}`,
    '',
    ...archiveReport(syn),
    ...(real ? archiveReport(real) : [`Real-text archive: ${NA} (no corpus at ${CORPUS})`, '']),
    `Start-up (medians of ${STARTUP_RUNS})`,
    '',
    table(['command', 'ms', '× node -e 0'], [
      ['node -e 0', fmt(st.node, 0), '1.00'],
      ['news-split --version', fmt(st.version, 0), fmt(st.version / st.node, 2)],
      ['news-split one page (jsonl)', fmt(st.page, 0), fmt(st.page / st.node, 2)],
    ]),
    '',
    jb ? `--jobs on ${jb.pages} one-page files (${fmt(jb.mb, 1)} MB)` : '--jobs',
    '',
    table(['jobs', 'time s', 'speed-up'], jb
      ? [['1', fmt(jb.j1 / 1000, 2), '1.00'], ['2', fmt(jb.j2 / 1000, 2), fmt(jb.j1 / jb.j2, 2)],
        ['two --jobs 1 processes, half the files each, at once (the machine\'s ceiling)', fmt(jb.pair / 1000, 2), fmt(jb.j1 / jb.pair, 2)]]
      : [['1 vs 2', NA, '']]),
    '',
    'Targets',
    '',
    table(['target', 'measured', ''], targets),
    '',
  ].join('\n');
  process.stdout.write(report);
  const jsonOut = args.indexOf('--json');
  if (jsonOut >= 0) writeFileSync(args[jsonOut + 1], JSON.stringify({ caps, synthetic: syn, real, startup: st, jobs: jb, targets, total }, null, 2));
}

try {
  await main();
} finally {
  if (flag('--keep')) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
