/**
 * The command line's run: inputs (read/inputs.ts) through the engine (run/convert.ts: pages, the
 * worker pool, results in input order) to the destination (destinations.ts: stdout, --output, or
 * the mirrored --out-dir tree), with the messages, counts, progress bar and exit status the user sees.
 */
import type { Profile } from '../knowledge/profile.js';
import { createWriteStream, fstatSync, openSync } from 'node:fs';
import type { InputReport } from '../emit/types.js';
import type { Diagnostics } from '../types.js';
import { describeVerifyReport } from '../verify.js';
import { pageNameOf, summarise, type PageResult, type PageSettings } from '../run/worker.js';
import { convert, describeReadError, type RunInput } from '../run/convert.js';
import { maxJobs } from '../run/pool.js';
import { loadEmitter } from '../emit/registry.js';
import { PluginError } from '../emit/plugin.js';
import { describeThrown } from '../thrown.js';
import { streamOutput, PipeClosed, type Output } from './output.js';
import { Progress, summaryLine, type RunCounts } from './progress.js';
import { onInterrupt, reportInterrupt, staleRemoved } from './atomic-write.js';
import { destinationFor, planOutputs, SharedStream, type DestinationOptions } from './destinations.js';

export { describeReadError } from '../run/convert.js';

export type MessageLevel = 'error' | 'warning' | 'note';

/** The run's options; the inputs, the format and where its output goes are DestinationOptions'. */
export interface BatchOptions extends DestinationOptions {
  /** a newspaper profile for every page */
  profile?: Profile;
  /** --model FILE, or false for --no-model */
  model?: string | false;
  /** --diagnostics FILE: one JSON line per page with its furniture and warnings */
  diagnostics?: string;
  /** worker threads (default: the number of CPUs) */
  jobs?: number;
  failFast?: boolean;
  strict?: boolean;
  verify?: boolean;
  repair: boolean;
  date?: string;
  /** --paper */
  paper?: string;
  /** --convert t2s | s2t */
  script?: 't2s' | 's2t';
  encoding?: string;
  pageSeparator?: RegExp;
  /** notes and warnings on stderr (a TTY or --progress, and not --quiet) */
  notes: boolean;
  quiet: boolean;
  /** draw the progress bar; `forcedProgress` when stderr is not a TTY */
  progress: boolean;
  forcedProgress?: boolean;
  debug?: boolean;
  /** how a message looks on stderr (the CLI's tag and colours) */
  format(message: string, level: MessageLevel): string;
}

export interface Failure {
  file: string;
  reason: string;
}

export interface BatchResult {
  counts: RunCounts;
  failures: Failure[];
  /** the reader of stdout went away (`| head`): not a failure */
  pipeClosed: boolean;
  /** the output itself could not be written (disk full, no permission): the run stopped */
  outputError?: string;
}

/** Worker threads cost ~0.3 s to start (and load the dictionary): below this much text, run in-process.

/** warnings listed under --strict before "… and N more" */
const MAX_LISTED_WARNINGS = 20;

export async function runBatch(o: BatchOptions): Promise<BatchResult> {
  const started = Date.now();
  const knownBytes = o.inputs.reduce((n, f) => n + (f.size ?? 0), 0);
  const progress = new Progress({
    enabled: o.progress, forced: o.forcedProgress ?? false, totalFiles: o.inputs.length, totalBytes: knownBytes,
  });
  const say = (message: string, level: MessageLevel): void => progress.log(o.format(message, level));
  const most = maxJobs();
  if ((o.jobs ?? 0) > most) say(`--jobs ${o.jobs}: capped at ${most} (twice the ${most / 2} CPUs)`, 'warning');
  const settings: PageSettings = {
    repair: o.repair, verify: o.verify ?? false, diagnostics: o.diagnostics !== undefined,
    ...(o.date ? { date: o.date } : {}), ...(o.paper ? { paper: o.paper } : {}), ...(o.script ? { script: o.script } : {}), ...(o.profile ? { profile: o.profile } : {}),
    ...(o.model !== undefined ? { model: o.model } : {}),
    ...((await emitsInPlace(o)) ? { emit: { format: o.factory.name, options: o.emitterOptions } } : {}),
  };
  const dest = destinationFor(o);
  let diagnostics: Output | null = null;
  if (o.diagnostics) {
    // opened before any input is read: a path that cannot be written is an error now, not a crash later
    try {
      diagnostics = streamOutput(createWriteStream('', { fd: openSync(o.diagnostics, 'w') }), true);
    } catch (err) {
      return { counts: { files: o.inputs.length, skipped: 0, pages: 0, articles: 0, repairs: 0, warnings: 0, failures: 0, seconds: 0 }, failures: [], pipeClosed: false, outputError: `--diagnostics ${o.diagnostics}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (err as Error).message}` };
    }
  }
  // Ctrl-C / SIGTERM: the bar comes down first (cursor and line wrap back), then temporary files are
  // removed and the finished outputs named (atomic-write.ts)
  const writesFiles = Boolean(o.outDir || o.output);
  if (o.progress || writesFiles) {
    onInterrupt((signal, finished) => {
      progress.interrupt();
      if (writesFiles) reportInterrupt(signal, finished);
      else process.stderr.write(`news-split: interrupted (${signal})\n`);
    });
  }
  const plan = planOutputs(o, dest);

  const counts: RunCounts = { files: o.inputs.length, skipped: 0, pages: 0, articles: 0, repairs: 0, warnings: 0, failures: 0, seconds: 0 };
  const failures: Failure[] = [];
  const listed = { warnings: 0 };
  let stopped = false;
  let pipeClosed = false;
  let outputError: string | undefined;
  const stop = (): void => { stopped = true; };

  // before each input is read, in order: an output that another input also writes, --skip-existing,
  // stdin that is a directory
  const admit = async (input: RunInput, i: number): Promise<'skip' | string | null> => {
    const conflict = plan.conflicts.get(i);
    if (conflict) return conflict;
    if (o.skipExisting && (await dest.exists(o.inputs[i]!))) return 'skip';
    try {
      // reading a directory as stdin gives EISDIR only on some systems, no bytes on others ("empty input")
      if (input.path === null && fstatSync(0).isDirectory()) return 'is a directory (give it as an argument to convert its files)';
    } catch (err) {
      return describeReadError(err);
    }
    return null;
  };
  const inputs: RunInput[] = o.inputs.map((f) => ({
    name: f.name, path: f.path, ...(f.size !== undefined ? { size: f.size } : {}), ...(f.path === null ? { open: () => process.stdin } : {}),
  }));

  // ---- the consumer: each result written in input order
  const states = new Map<number, { failed: boolean; pages: number; articles: number; verifiedChars: number }>();
  const stateOf = (i: number) => {
    let s = states.get(i);
    if (!s) states.set(i, (s = { failed: false, pages: 0, articles: 0, verifiedChars: 0 }));
    return s;
  };
  const warn = (message: string, always = false): void => {
    counts.warnings++;
    if (o.strict) {
      // under --strict a warning fails the run, so it is listed even with --quiet
      if (listed.warnings++ < MAX_LISTED_WARNINGS) say(message, 'warning');
    } else if (o.notes || (always && !o.quiet)) say(message, 'warning');
  };
  const fail = async (i: number, reason: string): Promise<void> => {
    const input = o.inputs[i]!;
    const s = stateOf(i);
    if (s.failed) return;
    s.failed = true;
    counts.failures++;
    failures.push({ file: input.name, reason });
    say(`${input.name}: ${reason}`, 'error');
    await dest.abort(i, input).catch(() => {});
    progress.fileDone();
    if (o.failFast) stop();
  };
  const writing = async (i: number, action: () => Promise<void>): Promise<boolean> => {
    try {
      await action();
      return true;
    } catch (err) {
      if (err instanceof PipeClosed) { pipeClosed = true; stop(); return false; }
      // a plug-in's own failure names the plug-in, not the output it was writing to
      if (err instanceof PluginError) outputError = err.message;
      else if (dest.perInput && i >= 0) { await fail(i, `cannot write output: ${describeThrown(err)}`); return false; }
      else {
        const code = (err as NodeJS.ErrnoException).code;
        const reason = code === 'ENOENT' ? 'no such folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : describeThrown(err);
        outputError = `${o.output ?? o.outDir ?? 'stdout'}: ${reason}`;
      }
      stop();
      return false;
    }
  };

  /** A converted page (or its error), in input order. */
  const page = async (i: number, pageNo: number, encoding: string, value: PageResult | null, error: unknown, cut?: string): Promise<void> => {
    const input = o.inputs[i]!;
    const s = stateOf(i);
    if (s.failed || stopped) return;
    if (!value) { await fail(i, `internal error on page ${pageNo}: ${(error as Error)?.message ?? error}`); if (o.debug) console.error(error); return; }
    const { check } = value;
    const pageName = pageNameOf(input.name, pageNo);
    if (check && !check.ok) {
      const lines = describeVerifyReport(check, pageName);
      await fail(i, lines[0]!.slice(input.name.length).replace(/^:?\s*/, ''));
      for (const line of lines.slice(1)) say(line, 'error');
      return;
    }
    if (check) s.verifiedChars += check.inputChars;
    let summary;
    if ('text' in value) {
      // emitted where the page was split (a stateless format): the text as it goes out
      summary = value.summary;
      if (!(await writing(i, () => dest.text(i, input, value.text)))) return;
    } else {
      const { result } = value;
      summary = summarise(result, pageName);
      const report: InputReport = {
        file: input.name, page: pageNo, encoding, articles: result.articles.length,
        pageDate: result.pageDate, diagnostics: withCut(result.diagnostics, cut),
      };
      if (!(await writing(i, () => dest.page(i, input, report, result.articles)))) return;
    }
    if (diagnostics) {
      const record = {
        file: input.name, page: pageNo, encoding, pageDate: summary.pageDate,
        furniture: summary.diagnostics.furniture, warnings: withCut(summary.diagnostics, cut).warnings,
      };
      await diagnostics.write(`${JSON.stringify(record)}\n`);
    }
    s.pages++;
    s.articles += summary.articles;
    counts.pages++;
    counts.articles += summary.articles;
    counts.repairs += summary.repairs;
    progress.articlesDone(summary.articles);
    for (const w of summary.warnings) warn(w);
  };

  /** An input's last page was written. */
  const done = async (i: number, warnings: string[]): Promise<void> => {
    const input = o.inputs[i]!;
    const s = stateOf(i);
    if (s.failed) return;
    for (const w of warnings) warn(`${input.name}: ${w}`);
    // an empty input is most likely the wrong file or a failed download: said even without a TTY
    if (s.articles === 0) warn(`${input.name}: ${s.pages === 0 ? 'empty input (no text)' : 'no articles found'}`, s.pages === 0);
    if (!(await writing(i, () => dest.finish(i, input)))) return;
    if (o.verify && !o.quiet) {
      say(describeVerifyReport({ ok: true, inputChars: s.verifiedChars, outputChars: s.verifiedChars, missing: [], extra: [] }, input.name)[0]!, 'note');
    }
    progress.fileDone();
  };

  const consume = async (): Promise<void> => {
    if (!(await writing(-1, () => dest.open()))) return;
    const run = convert(inputs, {
      settings, ...(o.jobs !== undefined ? { jobs: o.jobs } : {}), admit, onBytes: (n) => progress.bytes(n),
      read: { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.pageSeparator ? { separator: o.pageSeparator } : {}) },
    });
    try {
      for await (const event of run) {
        switch (event.kind) {
          case 'page':
            await page(event.input, event.page, event.encoding, event.value, undefined, event.cut);
            break;
          case 'page-error':
            await page(event.input, event.page, '', null, event.error);
            break;
          case 'done':
            await done(event.input, event.warnings);
            break;
          case 'skipped':
            counts.skipped++;
            progress.fileDone();
            break;
          case 'failed':
            await fail(event.input, event.reason);
            if (o.debug && event.error !== undefined) console.error(event.error);
            break;
        }
        if (stopped) break;
      }
    } catch (err) {
      // the run itself failed (not one input): said as an output error
      outputError = (err as Error).message;
      stop();
    }
    if (!stopped || o.failFast) await writing(-1, () => dest.close());
  };

  try {
    await consume();
  } finally {
    stop();
    await diagnostics?.close().catch((err: Error) => { outputError ??= `${o.diagnostics}: ${err.message}`; });
    if (o.inputs.some((f) => f.path === null)) process.stdin.destroy();
    counts.seconds = (Date.now() - started) / 1000;
    progress.stop();
    if (dest instanceof SharedStream) await dest.discard();
  }
  if (o.progress && !pipeClosed) say(summaryLine(counts), 'note');
  const stale = staleRemoved();
  if (stale.length && o.notes) say(`removed ${stale.length} temporary file(s) an interrupted run left (kill -9): ${stale.slice(0, 5).join(', ')}${stale.length > 5 ? ', …' : ''}`, 'note');
  if (o.strict && counts.warnings > MAX_LISTED_WARNINGS) say(`… and ${counts.warnings - MAX_LISTED_WARNINGS} more warnings`, 'warning');
  return { counts, failures, pipeClosed, ...(outputError ? { outputError } : {}) };
}

/** Stateless built-in formats are emitted where each page is split (see run/worker.ts). */
async function emitsInPlace(o: BatchOptions): Promise<boolean> {
  if (!o.factory.stateless || o.factory.layout === 'per-article') return false;
  // a plug-in may take a built-in's name; the workers load the built-in, so it must be that one
  try {
    return (await loadEmitter(o.factory.name)) === o.factory;
  } catch {
    return false;
  }
}

/** A page cut for length (read/pages.ts) says so among its warnings in --diagnostics and the json format's inputs. */
function withCut(diagnostics: Diagnostics, cut: string | undefined): Diagnostics {
  return cut === undefined ? diagnostics : { ...diagnostics, warnings: [...diagnostics.warnings, cut] };
}
