/**
 * Batch conversion: many inputs → pages → split() on a pool of worker threads → one emitter, in
 * input order. The shape is a producer and a consumer joined by an ordered queue:
 *
 *   producer: for each input, stream its pages (read/pages.ts) and hand each page to the runner;
 *             the page's place in the queue is taken at once, its result arrives later. On the
 *             pool, a small file (≤ 1 MB) goes to a worker whole instead: the worker reads, decodes
 *             and splits it, so the main thread does not also read 10⁵ small files one by one;
 *   consumer: takes the queue in order, awaits each result, writes it (stdout, --output, or the
 *             mirrored --out-dir tree), and frees the page's room.
 *
 * The queue is the reorder buffer: whatever order workers finish in, output follows input order, so
 * `--jobs 1` and `--jobs 8` write the same bytes. Its room is bounded (pages and characters in
 * flight), so a 1 GB archive is converted in bounded memory and a slow reader of stdout slows the
 * reading of inputs instead of filling RAM.
 */
import type { Profile } from '../knowledge/profile.js';
import { createReadStream, createWriteStream, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, extname, join, posix } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EmitterFactory, EmitterOptions, Emitter, InputReport } from '../emit/types.js';
import { ArticleFiles } from '../emit/article-files.js';
import { articleFileName, NameBook } from '../emit/filenames.js';
import type { InputFile } from '../read/inputs.js';
import { openPages } from '../read/pages.js';
import { DecodeError } from '../read/decode.js';
import { describeVerifyReport } from '../verify.js';
import {
  convertFile, convertPage, errorFrom, pageEmitter, pageNameOf, readError, summarise,
  type FileResult, type FileTask, type PageResult, type PageSettings, type PageTask, type WorkerInit, type WorkerReply,
} from './worker.js';
import type { PageStreamOptions } from '../read/pages.js';
import { loadEmitter } from '../emit/registry.js';
import { PluginError } from '../emit/plugin.js';
import { describeThrown } from '../thrown.js';
import { SharedSegmenter } from './segmenter.js';
import { stdoutOutput, streamOutput, PipeClosed, type Output } from './output.js';
import { Progress, summaryLine, type RunCounts } from './progress.js';
import { tempPathFor, trackTemp, commitTemp, writeFileAtomic, onInterrupt, reportInterrupt, staleRemoved } from './atomic-write.js';
import { resolveInside, refuseSymlinks, refuseInputOverwrite, realInputSet } from './safe-path.js';

export type MessageLevel = 'error' | 'warning' | 'note';

export interface BatchOptions {
  /** a newspaper profile for every page */
  profile?: Profile;
  /** --model FILE, or false for --no-model */
  model?: string | false;
  /** --diagnostics FILE: one JSON line per page with its furniture and warnings */
  diagnostics?: string;
  inputs: InputFile[];
  factory: EmitterFactory;
  emitterOptions: EmitterOptions;
  /** -o FILE: everything into one file */
  output?: string;
  /** --out-dir DIR: the input tree mirrored */
  outDir?: string;
  skipExisting?: boolean;
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
 *  NEWS_SPLIT_POOL_MIN_CHARS overrides it (tests set 0 to put small archives on the pool). */
const POOL_MIN_OVERRIDE = envNumber('NEWS_SPLIT_POOL_MIN_CHARS');
const POOL_MIN_CHARS = POOL_MIN_OVERRIDE ?? 1 << 20;
/**
 * With the default --jobs on two CPUs or fewer, the pool starts only on this much text. Each worker
 * warms up on its own (~0.5 s of CPU: its modules, and V8 compiling the parser again), and one thread
 * alone already keeps ~1.3 CPUs busy (V8's collector and compiler threads run on the second CPU), so
 * on two CPUs the pool loses below ~20 MB (measured: 2,000 one-page files, 7 MB, in 2.6-3.0 s in one
 * thread against 3.0-3.6 s on two workers; 20 MB even; 50 MB 0-10 % and 100 MB 45 % faster on the pool).
 */
const FEW_CPUS_POOL_MIN_CHARS = POOL_MIN_OVERRIDE ?? 32 << 20;
const FEW_CPUS = 2;

/** How much text starts the pool: less with --jobs given, or with more than two CPUs (see above). */
export function poolMinChars(jobsGiven: boolean, cpus = availableParallelism()): number {
  return !jobsGiven && cpus <= FEW_CPUS ? FEW_CPUS_POOL_MIN_CHARS : POOL_MIN_CHARS;
}
const MAX_PAGES_IN_FLIGHT_PER_JOB = 64;
/**
 * Characters in flight per job (read, not yet written): what bounds memory, whatever the pages'
 * sizes. A page is at most ~500,000 characters (read/pages.ts), so each worker has batches of
 * several pages waiting while the next are read, and one long page no longer holds the room.
 */
const MAX_CHARS_IN_FLIGHT_PER_JOB = 4 << 20;
/**
 * Heap limits of page workers, MB. The young generation: V8's default grows to tens of MB per
 * thread. The old generation: V8 lets a heap grow to up to 4 × what survived its last collection
 * when the limit is large (the default here is GBs), but only to ~1.4 × under a limit of 512 MB;
 * each worker's heap then stays near what it uses (peak RSS of the pool on the 100 MB real-text
 * archive 331 → 282 MB, 2 % more CPU). A page is at most 400,000 characters (read/pages.ts) and
 * needs well under 64 MB; a worker that still runs out has its pages converted in-process
 * (NEWS_SPLIT_WORKER_HEAP_MB sets the old generation's limit: tests make workers run out).
 */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: envNumber('NEWS_SPLIT_WORKER_HEAP_MB') ?? 512 };
/** inputs up to this size are read in one piece (a read stream allocates its whole buffer per file) */
const WHOLE_FILE_BYTES = 1 << 20;
/** the longest the producer runs without letting signals, timers and the progress bar in */
const YIELD_MS = 50;
/** warnings listed under --strict before "… and N more" */
const MAX_LISTED_WARNINGS = 20;

export const defaultJobs = (): number => availableParallelism();

function envNumber(name: string): number | undefined {
  const v = process.env[name];
  return v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
}

export async function runBatch(o: BatchOptions): Promise<BatchResult> {
  const started = Date.now();
  // each worker holds its own heap: --jobs 2000 took 6 GB; more workers than twice the CPUs gain nothing
  const maxJobs = 2 * availableParallelism();
  const jobs = Math.min(maxJobs, Math.max(1, o.jobs ?? defaultJobs()));
  const knownBytes = o.inputs.reduce((n, f) => n + (f.size ?? 0), 0);
  const progress = new Progress({
    enabled: o.progress, forced: o.forcedProgress ?? false, totalFiles: o.inputs.length, totalBytes: knownBytes,
  });
  const say = (message: string, level: MessageLevel): void => progress.log(o.format(message, level));
  if ((o.jobs ?? 0) > maxJobs) say(`--jobs ${o.jobs}: capped at ${maxJobs} (twice the ${maxJobs / 2} CPUs)`, 'warning');
  const settings: PageSettings = {
    repair: o.repair, verify: o.verify ?? false, diagnostics: o.diagnostics !== undefined,
    ...(o.date ? { date: o.date } : {}), ...(o.paper ? { paper: o.paper } : {}), ...(o.script ? { script: o.script } : {}), ...(o.profile ? { profile: o.profile } : {}),
    ...(o.model !== undefined ? { model: o.model } : {}),
    ...((await emitsInPlace(o)) ? { emit: { format: o.factory.name, options: o.emitterOptions } } : {}),
  };
  const read: PageStreamOptions = { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.pageSeparator ? { separator: o.pageSeparator } : {}) };
  const poolMin = poolMinChars(o.jobs !== undefined);
  const runner = new PageRunner(jobs, settings, read, poolMin, knownBytes >= poolMin, await pageEmitter(settings));
  const room = new Room(jobs * MAX_PAGES_IN_FLIGHT_PER_JOB, jobs * MAX_CHARS_IN_FLIGHT_PER_JOB);
  const queue = new StepQueue();
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
  const stop = (): void => { stopped = true; room.cancel(); queue.close(); };

  // ---- producer
  const produce = async (): Promise<void> => {
    let seq = 0;
    let turn = Date.now();
    for (let i = 0; i < o.inputs.length && !stopped; i++) {
      // In one thread, with output to a file or /dev/null (synchronous writes), small inputs are read,
      // split and written without the event loop ever turning: Ctrl-C waited for the end of the run
      // and the bar never redrew. Give the loop a turn every YIELD_MS (output is unchanged).
      if (Date.now() - turn >= YIELD_MS) { await new Promise<void>((r) => setImmediate(r)); turn = Date.now(); }
      const input = o.inputs[i]!;
      const conflict = plan.conflicts.get(i);
      if (conflict) { queue.push({ kind: 'failed', input: i, reason: conflict }); continue; }
      if (o.skipExisting && (await dest.exists(input))) { queue.push({ kind: 'skipped', input: i }); continue; }
      if (input.path !== null && input.size !== undefined && input.size <= WHOLE_FILE_BYTES && runner.pooled(input.size)) {
        // a small file goes to a worker whole: it reads, decodes and splits it (the main thread only writes)
        await room.take(input.size);
        if (stopped) break;
        const result = runner.runFile({ seq: seq++, path: input.path, file: input.name });
        result.catch(() => {}); // awaited by the consumer, in order
        queue.push({ kind: 'file', input: i, bytes: input.size, result });
        continue;
      }
      try {
        // a small file is read in one synchronous call, as a worker reads it: this thread converts it
        // next anyway, and an asynchronous read costs four thread-pool round trips (open, stat, read,
        // close), during which nothing runs: a quarter of a --jobs 1 run on 2,000 one-page files
        // reading a directory as stdin gives EISDIR only on some systems, no bytes on others ("empty input")
        if (input.path === null && fstatSync(0).isDirectory()) { queue.push({ kind: 'failed', input: i, reason: 'is a directory (give it as an argument to convert its files)' }); continue; }
        const source = input.path === null ? process.stdin
          : input.size !== undefined && input.size <= WHOLE_FILE_BYTES ? [readFileSync(input.path)]
          : createReadStream(input.path, { highWaterMark: 1 << 20 });
        const stream = await openPages(counted(source, (n) => progress.bytes(n)), read);
        for await (const page of stream.pages) {
          await room.take(page.text.length);
          if (stopped) break;
          const task: PageTask = { seq: seq++, file: input.name, page: page.page, text: page.text, start: page.start, ...(page.separators ? { separators: page.separators } : {}) };
          const result = runner.run(task);
          result.catch(() => {}); // awaited by the consumer, in order
          queue.push({ kind: 'page', input: i, page: page.page, chars: page.text.length, encoding: stream.encoding, result, ...(page.cut !== undefined ? { cut: page.cut } : {}) });
        }
        queue.push({ kind: 'done', input: i, warnings: stream.warnings });
      } catch (err) {
        queue.push({ kind: 'failed', input: i, reason: describeReadError(err) });
        if (o.debug) console.error(err);
      }
    }
    queue.close();
  };

  // ---- consumer
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
    for (let step = await queue.shift(); step; step = await queue.shift()) {
      if (stopped) { if (step.kind === 'page') room.give(step.chars); else if (step.kind === 'file') room.give(step.bytes); continue; }
      switch (step.kind) {
        case 'page': {
          let value: PageResult | null = null;
          let error: unknown;
          try { value = await step.result; } catch (err) { error = err; }
          room.give(step.chars);
          await page(step.input, step.page, step.encoding, value, error, step.cut);
          break;
        }
        case 'file': {
          let file: FileResult | null = null;
          try { file = await step.result; } catch (err) {
            room.give(step.bytes);
            await fail(step.input, `internal error: ${(err as Error)?.message ?? err}`);
            if (o.debug) console.error(err);
            break;
          }
          progress.bytes(step.bytes);
          for (const p of file.pages) {
            const error = p.ok ? undefined : errorFrom(p);
            await page(step.input, p.page, file.encoding, p.ok ? p.value : null, error, p.cut);
          }
          room.give(step.bytes);
          if (file.end.ok) await done(step.input, file.end.warnings);
          else {
            const err = readError(file.end.error);
            await fail(step.input, describeReadError(err));
            if (o.debug) console.error(err);
          }
          break;
        }
        case 'done':
          await done(step.input, step.warnings);
          break;
        case 'skipped':
          counts.skipped++;
          progress.fileDone();
          break;
        case 'failed':
          await fail(step.input, step.reason);
          break;
      }
    }
    if (!stopped || o.failFast) await writing(-1, () => dest.close());
  };

  try {
    const producing = produce().catch((err) => { outputError = (err as Error).message; stop(); queue.close(); });
    await consume();
    if (!stopped) await producing;
  } finally {
    stop();
    queue.close();
    await runner.close();
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

/** A page cut for length (read/pages.ts) says so among its warnings in --diagnostics and the json format's inputs. */
function withCut(diagnostics: Diagnostics, cut: string | undefined): Diagnostics {
  return cut === undefined ? diagnostics : { ...diagnostics, warnings: [...diagnostics.warnings, cut] };
}

/** Stateless built-in formats are emitted where each page is split (see worker.ts). */
async function emitsInPlace(o: BatchOptions): Promise<boolean> {
  if (!o.factory.stateless || o.factory.layout === 'per-article') return false;
  // a plug-in may take a built-in's name; the workers load the built-in, so it must be that one
  try {
    return (await loadEmitter(o.factory.name)) === o.factory;
  } catch {
    return false;
  }
}

/** Bytes read count towards the progress bar. */
async function* counted(source: AsyncIterable<Buffer | string> | Iterable<Buffer>, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    onBytes(buf.length);
    yield buf;
  }
}

export function describeReadError(err: unknown): string {
  if (err instanceof DecodeError) return err.message;
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT': return 'no such file';
    case 'EISDIR': return 'is a directory, not a file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    default: return e?.message ?? String(err);
  }
}

// ---------------------------------------------------------------- the ordered queue and its room

type Step =
  | { kind: 'page'; input: number; page: number; chars: number; encoding: string; result: Promise<PageResult>; cut?: string }
  | { kind: 'file'; input: number; bytes: number; result: Promise<FileResult> }
  | { kind: 'done'; input: number; warnings: string[] }
  | { kind: 'skipped'; input: number }
  | { kind: 'failed'; input: number; reason: string };

class StepQueue {
  private readonly items: Step[] = [];
  private waiter: (() => void) | null = null;
  private closed = false;

  push(step: Step): void {
    this.items.push(step);
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  async shift(): Promise<Step | undefined> {
    while (!this.items.length && !this.closed) await new Promise<void>((r) => { this.waiter = r; });
    return this.items.shift();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
}

/** Room for pages in flight: a page waits until both its count and its characters fit. */
class Room {
  private pages = 0;
  private chars = 0;
  private waiting: Array<() => void> = [];
  private cancelled = false;

  constructor(private readonly maxPages: number, private readonly maxChars: number) {}

  async take(chars: number): Promise<void> {
    while (!this.cancelled && (this.pages >= this.maxPages || (this.pages > 0 && this.chars + chars > this.maxChars))) {
      await new Promise<void>((r) => this.waiting.push(r));
    }
    this.pages++;
    this.chars += chars;
  }

  give(chars: number): void {
    this.pages--;
    this.chars -= chars;
    const w = this.waiting;
    this.waiting = [];
    for (const r of w) r();
  }

  cancel(): void {
    this.cancelled = true;
    const w = this.waiting;
    this.waiting = [];
    for (const r of w) r();
  }
}

// ---------------------------------------------------------------- where pages are converted

/** Runs pages in-process until there is enough text to pay for worker threads, then on the pool. */
class PageRunner {
  private pool: WorkerPool | null = null;
  private chars = 0;

  constructor(private readonly jobs: number, private readonly settings: PageSettings, private readonly read: PageStreamOptions,
    private readonly poolMin: number, poolAtOnce: boolean, private readonly emitter: Emitter | undefined) {
    if (jobs > 1 && poolAtOnce) this.pool = new WorkerPool(jobs, settings, read, this.inProcess);
  }

  /** Counts `chars` more text towards the pool's start; true when it runs on the pool. */
  pooled(chars: number): boolean {
    this.chars += chars;
    if (!this.pool && this.jobs > 1 && this.chars >= this.poolMin) this.pool = new WorkerPool(this.jobs, this.settings, this.read, this.inProcess);
    return this.pool !== null;
  }

  /** A whole file read and converted on the pool (only when pooled() said so). */
  runFile(task: FileTask): Promise<FileResult> {
    return this.pool!.run(task) as Promise<FileResult>;
  }

  run(task: PageTask): Promise<PageResult> {
    if (this.pooled(task.text.length)) return this.pool!.run(task) as Promise<PageResult>;
    try {
      return Promise.resolve(convertPage(task, this.settings, this.emitter));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  /** A task converted in this thread (the pool's fallback for a worker that ran out of heap). */
  private readonly inProcess = async (task: PageTask | FileTask): Promise<PageResult | FileResult> =>
    ('path' in task ? convertFile(task, this.settings, this.read, this.emitter) : convertPage(task, this.settings, this.emitter));
}

interface Pending {
  task: PageTask | FileTask;
  resolve(value: PageResult | FileResult): void;
  reject(err: Error): void;
}

/** Pages go to workers in batches (a message per page costs more than a small page's split), and each
 *  worker has up to WORKER_DEPTH batches in its port, so it never waits for the main thread. */
const BATCH_PAGES = 16;
const BATCH_CHARS = 256 * 1024;
const WORKER_DEPTH = 2;

class WorkerPool {
  private readonly workers: Array<{ worker: Worker; jobs: Pending[][] }> = [];
  private readonly queue: Pending[][] = [];
  private batch: Pending[] = [];
  private batchChars = 0;
  private flushScheduled = false;
  private closed = false;
  /** one jieba for all workers (~47 MB each otherwise); replacements of crashed workers may load their own */
  private readonly segmenter: SharedSegmenter;

  constructor(size: number, private readonly settings: PageSettings, private readonly read: PageStreamOptions,
    private readonly inProcess: (task: PageTask | FileTask) => Promise<PageResult | FileResult>) {
    this.segmenter = new SharedSegmenter(size * 2);
    for (let i = 0; i < size; i++) this.workers.push(this.spawn());
  }

  run(task: PageTask | FileTask): Promise<PageResult | FileResult> {
    return new Promise((resolve, reject) => {
      this.batch.push({ task, resolve, reject });
      this.batchChars += 'text' in task ? task.text.length : 0;
      if (this.batch.length >= BATCH_PAGES || this.batchChars >= BATCH_CHARS) this.flush();
      else if (!this.flushScheduled) {
        // a part batch goes out as soon as the producer waits (for room or for input)
        this.flushScheduled = true;
        setImmediate(() => { this.flushScheduled = false; this.flush(); });
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    this.workers.length = 0;
    await this.segmenter.close();
  }

  private flush(): void {
    if (!this.batch.length) return;
    this.queue.push(this.batch);
    this.batch = [];
    this.batchChars = 0;
    this.dispatch();
  }

  private spawn(): { worker: Worker; jobs: Pending[][] } {
    const remote = this.segmenter.claim();
    const init: WorkerInit = { newsSplitPageWorker: true, settings: this.settings, read: this.read, ...(remote ? { segmenter: remote } : {}) };
    // dist/cli/worker.js next to this module once built: the worker loads compiled JavaScript
    // a small young generation: a page worker keeps nothing between pages, and every worker's heap
    // counts towards the run's peak memory (no old-generation cap: one huge page must still fit)
    const slot = { worker: new Worker(new URL('./worker.js', import.meta.url), { workerData: init, resourceLimits: WORKER_HEAP }), jobs: [] as Pending[][] };
    slot.worker.on('message', (replies: WorkerReply[]) => {
      const job = slot.jobs.shift() ?? [];
      replies.forEach((reply, k) => {
        const pending = job[k];
        if (!pending) return;
        if (reply.ok) pending.resolve('file' in reply ? reply.file : reply.value);
        else pending.reject(errorFrom(reply));
      });
      this.dispatch();
    });
    slot.worker.on('error', (err) => {
      // a crashed worker fails the pages it held (and so their inputs), and is replaced; one that ran
      // out of heap (WORKER_HEAP) hands them to this thread, which has no such limit
      const oom = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      for (const job of slot.jobs.splice(0)) for (const p of job) if (oom) this.inProcess(p.task).then(p.resolve, p.reject); else p.reject(err);
      const i = this.workers.indexOf(slot);
      if (i >= 0 && !this.closed) { this.workers[i] = this.spawn(); this.dispatch(); }
    });
    return slot;
  }

  private dispatch(): void {
    while (!this.closed && this.queue.length) {
      const slot = this.workers.reduce((a, b) => (b.jobs.length < a.jobs.length ? b : a));
      if (slot.jobs.length >= WORKER_DEPTH) return;
      const job = this.queue.shift()!;
      slot.jobs.push(job);
      slot.worker.postMessage(job.map((p) => p.task));
    }
  }
}

// ---------------------------------------------------------------- where output goes

interface Destination {
  /** true when each input has its own output (a failure there undoes only that input's output) */
  perInput: boolean;
  /** where an input's output goes, for --skip-existing and collision checks (null: a shared stream) */
  target(input: InputFile): string | null;
  exists(input: InputFile): Promise<boolean>;
  open(): Promise<void>;
  page(index: number, input: InputFile, report: InputReport, articles: PageArticles): Promise<void>;
  /** a page's articles already emitted (a stateless format; never for per-article layouts) */
  text(index: number, input: InputFile, text: string | Uint8Array): Promise<void>;
  finish(index: number, input: InputFile): Promise<void>;
  abort(index: number, input: InputFile): Promise<void>;
  close(): Promise<void>;
}

type PageArticles = import('../types.js').Article[];
type Diagnostics = import('../types.js').Diagnostics;

function destinationFor(o: BatchOptions): Destination {
  if (!o.outDir) return new SharedStream(o.factory, o.emitterOptions, o.output);
  return o.factory.layout === 'per-article'
    ? new ArticleTree(o.outDir, o.factory, o.emitterOptions, o.skipExisting ?? false, o.inputs)
    : new FileTree(o.outDir, o.factory, o.emitterOptions, o.inputs);
}

/** Two inputs that would write the same output file: the second one fails instead of overwriting. */
function planOutputs(o: BatchOptions, dest: Destination): { conflicts: Map<number, string> } {
  const conflicts = new Map<number, string>();
  const owners = new Map<string, string>();
  o.inputs.forEach((input, i) => {
    const target = dest.target(input);
    if (target === null) return;
    const key = target.toLowerCase(); // as case-insensitive file systems see it
    const owner = owners.get(key);
    if (owner !== undefined) conflicts.set(i, `its output ${target} is also the output of ${owner}`);
    else owners.set(key, input.name);
  });
  return { conflicts };
}

/**
 * stdout or --output: one emitter for the whole run. --output is written as --out-dir's files are: to
 * a hidden temporary file beside it, renamed over it when the run is complete, removed when the run
 * stops early or is interrupted (atomic-write.ts), so an existing file is never left half-written.
 */
class SharedStream implements Destination {
  readonly perInput = false;
  private readonly emitter: Emitter;
  private out: Output | null = null;
  private temp: string | null = null;
  private forgetTemp = (): void => {};

  constructor(factory: EmitterFactory, options: EmitterOptions, private readonly path?: string) {
    this.emitter = factory.create(options);
  }

  target(): null { return null; }
  exists(): Promise<boolean> { return Promise.resolve(false); }

  open(): Promise<void> {
    if (this.path === undefined) this.out = stdoutOutput();
    else if (isSpecialFile(this.path)) {
      // -o /dev/null, a FIFO, a terminal: written as `>` writes it; a temporary file renamed over
      // it would replace the device itself (as root, /dev/null became a regular file)
      this.out = streamOutput(createWriteStream('', { fd: openSync(this.path, 'w') }), true);
    } else {
      const temp = tempPathFor(this.path);
      this.forgetTemp = trackTemp(temp);
      // opened synchronously, as FileTree's files: an interrupt must not race an open in flight
      const fd = openSync(temp, 'wx');
      this.temp = temp;
      this.out = streamOutput(createWriteStream(temp, { fd }), true);
    }
    return this.out.write(this.emitter.start?.() ?? '');
  }

  async page(_i: number, _input: InputFile, report: InputReport, articles: PageArticles): Promise<void> {
    // one write per page: a write per article costs a promise and a stream call each
    let text = '';
    for (const a of articles) text += this.emitter.article(a) ?? '';
    await this.out!.write(text + (this.emitter.input?.(report) ?? ''));
  }

  text(_i: number, _input: InputFile, text: string | Uint8Array): Promise<void> {
    return this.out!.write(text);
  }

  finish(): Promise<void> { return Promise.resolve(); }
  abort(): Promise<void> { return Promise.resolve(); }

  async close(): Promise<void> {
    await this.out!.write(this.emitter.end?.() ?? '');
    await this.out!.close();
    if (this.temp !== null) {
      await commitTemp(this.temp, this.path!);
      this.temp = null;
    }
  }

  /** The run stopped before close(): the temporary file goes, the old --output (if any) stays. */
  async discard(): Promise<void> {
    if (this.temp === null) return;
    const temp = this.temp;
    this.temp = null;
    await this.out?.close().catch(() => {});
    await rm(temp, { force: true });
    this.forgetTemp();
  }
}

/** Something that exists and is not a regular file (a device, a FIFO, a socket): never renamed over. */
function isSpecialFile(path: string): boolean {
  try {
    const st = statSync(path);
    return !st.isFile() && !st.isDirectory();
  } catch {
    return false;
  }
}

/** The output path of `mirror` (a/b/2023-11-04.txt) under `dir`, with the format's extension. */
export function mirroredPath(dir: string, mirror: string, extension: string): string {
  const ext = posix.extname(mirror);
  const stem = ext && ext !== mirror ? mirror.slice(0, -ext.length) : mirror;
  return safeJoin(dir, `${stem || 'stdin'}.${extension}`);
}

/** `dir/rel`, refusing anything that would land outside `dir` (a mirror never has '..', but check). */
function safeJoin(dir: string, rel: string): string {
  return resolveInside(dir, rel);
}

/** On disk: no symlinked folder on the way out of DIR, and never an input file (safe-path.ts). */
async function checkTarget(dir: string, target: string, inputs: InputFile[]): Promise<void> {
  await refuseSymlinks(dir, target);
  await refuseInputOverwrite(target, await realInputsOf(inputs));
}

/** The inputs' real paths, computed once per run (not once per output file: archives have 10⁵ files). */
const realInputs = new WeakMap<InputFile[], Promise<Set<string>>>();
function realInputsOf(inputs: InputFile[]): Promise<Set<string>> {
  let set = realInputs.get(inputs);
  if (!set) realInputs.set(inputs, (set = realInputSet(inputs.flatMap((f) => (f.path === null ? [] : [f.path])))));
  return set;
}

/**
 * --out-dir, one file per input. Each file is written to a hidden temporary name beside its target and
 * renamed when the input is complete, so an interrupted or failed input never leaves a partial file
 * that --skip-existing would take for done.
 */
class FileTree implements Destination {
  readonly perInput = true;
  private readonly open_ = new Map<number, { emitter: Emitter; out: Output; temp: string; target: string }>();

  constructor(private readonly dir: string, private readonly factory: EmitterFactory, private readonly options: EmitterOptions,
    private readonly inputs: InputFile[] = []) {}

  target(input: InputFile): string {
    return mirroredPath(this.dir, input.mirror, this.factory.extension);
  }

  exists(input: InputFile): Promise<boolean> {
    return stat(this.target(input)).then(() => true, () => false);
  }

  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  private async fileOf(i: number, input: InputFile) {
    let f = this.open_.get(i);
    if (!f) {
      const target = this.target(input);
      await checkTarget(this.dir, target, this.inputs);
      await mkdir(dirname(target), { recursive: true });
      const temp = tempPathFor(target);
      trackTemp(temp);
      const emitter = this.factory.create(this.options);
      // opened here, synchronously: an interrupt (atomic-write.ts removes tracked temp files, then
      // exits) must not race an open still in flight that would create the file after the removal
      const fd = openSync(temp, 'wx');
      f = { emitter, out: streamOutput(createWriteStream(temp, { fd }), true), temp, target };
      this.open_.set(i, f);
      await f.out.write(emitter.start?.() ?? '');
    }
    return f;
  }

  async page(i: number, input: InputFile, report: InputReport, articles: PageArticles): Promise<void> {
    const f = await this.fileOf(i, input);
    let text = '';
    for (const a of articles) text += f.emitter.article(a) ?? '';
    await f.out.write(text + (f.emitter.input?.(report) ?? ''));
  }

  async text(i: number, input: InputFile, text: string | Uint8Array): Promise<void> {
    const f = await this.fileOf(i, input);
    await f.out.write(text);
  }

  async finish(i: number, input: InputFile): Promise<void> {
    const f = await this.fileOf(i, input);
    this.open_.delete(i);
    await f.out.write(f.emitter.end?.() ?? '');
    await f.out.close();
    await commitFile(f.temp, f.target);
  }

  async abort(i: number): Promise<void> {
    const f = this.open_.get(i);
    if (!f) return;
    this.open_.delete(i);
    await f.out.close().catch(() => {});
    await rm(f.temp, { force: true });
  }

  async close(): Promise<void> {
    for (const i of [...this.open_.keys()]) await this.abort(i);
  }
}

/**
 * --out-dir with a per-article format (Markdown): each input's articles go into its mirrored folder
 * (a/b/2023-11-04.txt → DIR/a/b/2023-11-04-001-标题.md), named by src/emit/filenames.ts; a page after
 * the first adds -pN to the stem. Names are claimed in input order in one book per folder, so
 * re-runs give the same names; --skip-existing keeps article files that are already there.
 */
class ArticleTree implements Destination {
  readonly perInput = true;
  private readonly books = new Map<string, NameBook>();
  private readonly documents: ArticleFiles;

  constructor(private readonly dir: string, private readonly factory: EmitterFactory, options: EmitterOptions, private readonly keep: boolean,
    private readonly inputs: InputFile[] = []) {
    this.documents = new ArticleFiles(dir, factory, options);
  }

  target(): null { return null; }
  exists(): Promise<boolean> { return Promise.resolve(false); }
  open(): Promise<void> { return mkdir(this.dir, { recursive: true }).then(() => {}); }

  async page(_i: number, input: InputFile, report: InputReport, articles: PageArticles): Promise<void> {
    const folder = posix.dirname(input.mirror);
    const where = safeJoin(this.dir, folder === '.' ? '' : folder);
    let book = this.books.get(where);
    if (!book) this.books.set(where, (book = new NameBook()));
    if (articles.length) await mkdir(where, { recursive: true });
    const base = posix.basename(input.name);
    // a page after the first: stem-p2 (with a stand-in extension, so a dotted stem keeps its dots)
    const stemName = report.page > 1 ? `${base.slice(0, base.length - extname(base).length) || base}-p${report.page}.txt` : input.name;
    for (const a of articles) {
      const path = join(where, book.claim(articleFileName(stemName, a.index, a.title, this.factory.extension)));
      if (this.keep && (await stat(path).then(() => true, () => false))) continue;
      await checkTarget(this.dir, path, this.inputs);
      await writeFileAtomic(path, this.documents.document(a));
    }
  }

  text(): Promise<void> { return Promise.reject(new Error('per-article output needs the articles')); }
  finish(): Promise<void> { return Promise.resolve(); }
  abort(): Promise<void> { return Promise.resolve(); }
  close(): Promise<void> { return Promise.resolve(); }
}

/** Replace `target` by the finished `temp` in one step (same folder, so rename is atomic). */
async function commitFile(temp: string, target: string): Promise<void> {
  await commitTemp(temp, target);
}
