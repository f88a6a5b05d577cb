/**
 * `news-split eval GOLD_DIR...`: split every labelled page in-process with the current options and
 * report how far the result is from the gold. Exit codes: 0 measured (and every --min/--max bound
 * met); 1 a bound not met; 2 usage error, or a gold set that cannot be used (nothing measured).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { chalkStderr as chalk } from 'chalk';
import { split } from '../pipeline.js';
import { decodeBuffer } from '../read/decode.js';
import { readGoldSet } from './gold.js';
import { evaluatePage, addCounts, emptyCounts, metricsOf, LOWER_IS_BETTER, type Metrics, type PageResult } from './evaluate.js';
import { reportJson, reportTable } from './report.js';
import type { SplitOptions } from '../types.js';

export const EVAL_EXIT = { ok: 0, belowBound: 1, usage: 2 } as const;

/** What the user asked of `eval` (its own options). */
export interface EvalRequest {
  goldPaths: string[];
  format: string;
  verbose: boolean;
  min: string[];
  max: string[];
  output?: string;
  repair: boolean;
  date?: string;
  encoding?: string;
}

/** Split options that the main command parsed before `eval` (e.g. `news-split --no-repair eval DIR`). */
export type EvalSplitOptions = Omit<SplitOptions, 'file'> & { encoding?: string };

const collect = (v: string, prev: string[]): string[] => [...prev, v];

const HELP = `
Gold files: X.txt (the page) + X.gold.json (its articles as they should come out), see the README.
Metrics bounded with --min (higher is better): article_f1, headlines, title, byline_f1, paragraph_f1,
  repair_precision, repair_recall, perfect, ... ; with --max (lower is better): pk, windowdiff, noise_leaks.

Examples:
  news-split eval fixtures/gold                        the table
  news-split eval fixtures/gold --format json          the same as JSON
  news-split eval gold/ --verbose                      with each file's misses
  news-split eval gold/ --min article_f1=0.9 --max pk=0.2   exit 1 when a bound is not met (CI)
  news-split eval gold/ --no-repair                    measure without break repair`;

/** Declare the `eval` subcommand on `cmd` (made by program.command('eval')); `onRun` receives the request. */
export function configureEvalCommand(cmd: Command, onRun: (request: EvalRequest) => void): Command {
  return cmd
    .description('measure accuracy on labelled pages (X.txt + X.gold.json)')
    .argument('<gold...>', 'folders of gold files (searched recursively) or single .gold.json files')
    .addOption(new Option('-f, --format <name>', 'report format (table, json)').default('table'))
    .option('-v, --verbose', "list each file's misses")
    .option('--min <metric=value>', 'exit 1 when the metric is below value (repeatable)', collect, [])
    .option('--max <metric=value>', 'exit 1 when the metric is above value (repeatable)', collect, [])
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--date <date>', 'publication date for every page (as for the main command)')
    .option('--no-repair', 'split without re-joining page and column breaks')
    .option('--encoding <name>', 'input encoding (default: detect)')
    .addHelpText('after', HELP)
    .action((goldPaths: string[], o: Omit<EvalRequest, 'goldPaths'>) => {
      onRun({ ...o, goldPaths, verbose: !!o.verbose });
    });
}

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

  const results: PageResult[] = [];
  for (const page of pages) {
    let text: string | null = null;
    try {
      text = decodeBuffer(readFileSync(page.inputFile), encoding).text;
    } catch (err) {
      complain(`${page.inputFile}: ${(err as Error).message}`);
    }
    const articles = text === null ? [] : split(text, { ...splitOptions, file: page.input }).articles;
    results.push(evaluatePage(page, articles, text));
  }
  const total = results.reduce((acc, r) => addCounts(acc, r.counts), emptyCounts());
  const metrics = metricsOf(total);
  const options: Record<string, unknown> = { repair: splitOptions.repair, date: splitOptions.date ?? null };
  if (splitOptions.profile) options.profile = splitOptions.profile.name ?? 'yes';
  const report = { options, metrics, files: results };
  const out = request.format === 'json' ? reportJson(report) : reportTable(report, request.verbose);
  if (request.output) writeFileSync(request.output, out);
  else process.stdout.write(out);

  const failed = bounds.filter((b) => {
    const v = metrics[b.metric];
    return v == null || (b.kind === 'min' ? v < b.value : v > b.value);
  });
  for (const b of failed) {
    const v = metrics[b.metric];
    complain(`${b.metric} = ${v == null ? 'not measured' : Math.round(v * 1000) / 1000} ${b.kind === 'min' ? '<' : '>'} ${b.value} (--${b.kind})`);
  }
  return failed.length ? EVAL_EXIT.belowBound : EVAL_EXIT.ok;
}
