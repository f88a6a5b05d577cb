/**
 * `news-split eval GOLD_DIR...`: split every labelled page in-process with the current options and
 * report how far the result is from the gold. Exit codes: 0 measured (and every --min/--max bound
 * met); 1 a bound not met, a page that could not be read or decoded (the others are measured, it
 * counts as all missed), or the report not written; 2 usage error, or a gold set that cannot be used
 * (nothing measured).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { convertPage, settingsOf } from '../run/worker.js';
import { decodeBuffer } from '../read/decode.js';
import { readGoldSet } from './gold.js';
import { evaluatePage, addCounts, emptyCounts, metricsOf, LOWER_IS_BETTER, type Metrics, type PageResult } from './evaluate.js';
import { reportJson, reportTable } from './report.js';
import type { SplitOptions } from '../types.js';
import type { EvalRequest } from './options.js';

// a package is imported on first use, never statically (scripts/bundle.mjs says why)
const { chalkStderr: chalk } = await import('chalk');

// the subcommand's declaration is in options.ts (light: `news-split --help` loads it, not this module)
export { configureEvalCommand, type EvalRequest } from './options.js';

export const EVAL_EXIT = { ok: 0, belowBound: 1, failed: 1, usage: 2 } as const;

/** Split options that the main command parsed before `eval` (e.g. `news-split --no-repair eval DIR`). */
export type EvalSplitOptions = Omit<SplitOptions, 'file'> & { encoding?: string };

interface Bound { metric: string; value: number; kind: 'min' | 'max' }

function parseBounds(specs: string[], kind: 'min' | 'max', known: Metrics): Bound[] {
  return specs.map((s) => {
    const m = /^([a-z][a-z0-9_]*)=(-?\d+(?:\.\d+)?)$/.exec(s);
    if (!m) throw new UsageError(`--${kind} ${s}: expected metric=value, e.g. article_f1=0.9`);
    const metric = m[1]!;
    if (!(metric in known)) throw new UsageError(`--${kind} ${s}: unknown metric '${metric}' (known: ${Object.keys(known).join(', ')})`);
    const lower = LOWER_IS_BETTER.has(metric);
    if (kind === 'min' && lower) throw new UsageError(`--min ${s}: lower is better for ${metric}; use --max`);
    if (kind === 'max' && !lower) throw new UsageError(`--max ${s}: higher is better for ${metric}; use --min`);
    return { metric, value: Number(m[2]), kind };
  });
}

class UsageError extends Error {}

function complain(message: string): void {
  process.stderr.write(`news-split eval: ${chalk.red('error')}: ${message}\n`);
}

/** Run the eval: read the gold set, split each page, report, check the bounds. */
export async function runEval(request: EvalRequest, base: EvalSplitOptions = {}): Promise<number> {
  if (request.format !== 'table' && request.format !== 'json') {
    complain(`unknown report format '${request.format}' (table, json)`);
    return EVAL_EXIT.usage;
  }
  // the bounds' names are checked before any work (the metric names do not depend on the data)
  let bounds: Bound[];
  try {
    const names = metricsOf(emptyCounts());
    bounds = [...parseBounds(request.min, 'min', names), ...parseBounds(request.max, 'max', names)];
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    complain(err.message);
    return EVAL_EXIT.usage;
  }

  const { pages, errors } = readGoldSet(request.goldPaths);
  if (errors.length) {
    for (const e of errors) complain(e.message);
    complain(`${errors.length} problem${errors.length > 1 ? 's' : ''} in the gold set: nothing measured`);
    return EVAL_EXIT.usage;
  }

  const { encoding: baseEncoding, ...baseSplit } = base;
  const splitOptions: Omit<SplitOptions, 'file'> = {
    ...baseSplit,
    repair: (base.repair ?? true) && request.repair,
    ...(request.date ?? base.date ? { date: request.date ?? base.date } : {}),
  };
  const encoding = request.encoding ?? baseEncoding;

  // each labelled page converted as the command line converts a page (run/worker.ts), whole: the
  // gold labels the input as one page
  const settings = settingsOf(splitOptions);
  const results: PageResult[] = [];
  const unreadable: string[] = [];
  for (const page of pages) {
    let text: string | null = null;
    try {
      text = decodeBuffer(readFileSync(page.inputFile), encoding).text;
    } catch (err) {
      complain(`${page.inputFile}: ${(err as Error).message}`);
      unreadable.push(page.inputFile);
    }
    const converted = text === null ? null : convertPage({ seq: 0, file: page.input, page: 1, text }, settings);
    const articles = converted && 'result' in converted ? converted.result.articles : [];
    results.push(evaluatePage(page, articles, text));
  }
  const total = results.reduce((acc, r) => addCounts(acc, r.counts), emptyCounts());
  const metrics = metricsOf(total);
  const options: Record<string, unknown> = { repair: splitOptions.repair, date: splitOptions.date ?? null };
  if (splitOptions.profile) options.profile = splitOptions.profile.name ?? 'yes';
  const report = { options, metrics, files: results };
  const out = request.format === 'json' ? reportJson(report) : reportTable(report, request.verbose);
  try {
    if (request.output) writeFileSync(request.output, out);
    else await writeStdout(out);
  } catch (err) {
    complain(`${request.output ?? 'stdout'}: ${(err as Error).message}`);
    return EVAL_EXIT.failed;
  }

  const failed = bounds.filter((b) => {
    const v = metrics[b.metric];
    return v == null || (b.kind === 'min' ? v < b.value : v > b.value);
  });
  for (const b of failed) {
    const v = metrics[b.metric];
    complain(`${b.metric} = ${v == null ? 'not measured' : Math.round(v * 1000) / 1000} ${b.kind === 'min' ? '<' : '>'} ${b.value} (--${b.kind})`);
  }
  if (unreadable.length) {
    complain(`${unreadable.length} of ${pages.length} pages could not be read (scored as all missed): ${unreadable.join(', ')}`);
    return EVAL_EXIT.failed;
  }
  return failed.length ? EVAL_EXIT.belowBound : EVAL_EXIT.ok;
}

/** stdout's write, awaited: a full disk (ENOSPC) is this command's failure, not an uncaught exception. */
function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.once('error', reject);
    process.stdout.write(text, (err) => {
      if (err) { reject(err); return; } // the 'error' event follows the callback: the listener takes it
      process.stdout.off('error', reject);
      resolve();
    });
  });
}
