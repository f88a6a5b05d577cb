/**
 * A run: inputs → pages → convertPage() (run/worker.ts) in this thread or on the worker pool
 * (run/pool.ts) → page results, in input order. The command line, the library's convert() and eval
 * all convert through convertPage(); the command line and the library read their inputs through this
 * convert(). The shape is a producer and a consumer joined by an ordered queue (run/queue.ts):
 *
 *   producer: for each input, stream its pages (read/pages.ts) and hand each page to the runner;
 *             the page's place in the queue is taken at once, its result arrives later. On the
 *             pool, a small file (≤ 1 MB) goes to a worker whole instead: the worker reads, decodes
 *             and splits it, so the main thread does not also read 10⁵ small files one by one;
 *   consumer: whoever iterates convert(): it takes the results in queue order and writes them
 *             (the command line: to stdout, --output or the mirrored --out-dir tree, cli/batch.ts).
 *
 * The queue is the reorder buffer: whatever order workers finish in, results follow input order, so
 * `--jobs 1` and `--jobs 8` write the same bytes. Its room is bounded (pages and characters in
 * flight), so a 1 GB archive is converted in bounded memory and a slow consumer slows the reading
 * of inputs instead of filling RAM. Breaking out of the iteration stops the run (and its workers).
 */
import { createReadStream, readFileSync } from 'node:fs';
import { openPages, type PageStreamOptions } from '../read/pages.js';
import { DecodeError } from '../read/decode.js';
import type { Lexicon } from '../lexicon/lexicon.js';
import { errorFrom, pageEmitter, readError, type FileResult, type PageResult, type PageSettings, type PageTask } from './worker.js';
import { PageRunner, defaultJobs, maxJobs, poolMinChars } from './pool.js';
import { Room, StepQueue } from './queue.js';

/** One input of a run. */
export interface RunInput {
  /** the name records and messages carry */
  name: string;
  /** the file to read, or null: the bytes come from open() (stdin, a string, a stream) */
  path: string | null;
  /** size in bytes when known: a small file is read in one piece (on the pool, by a worker) */
  size?: number;
  /** the bytes of an input without a path; may throw (why the input cannot be read) */
  open?: () => AsyncIterable<Uint8Array | string> | Iterable<Uint8Array>;
}

export interface RunOptions {
  /** how each page is converted (plain data: it crosses to the workers as is) */
  settings: PageSettings;
  /** how inputs are read (--encoding, --page-separator) */
  read?: PageStreamOptions;
  /** worker threads (default: the number of CPUs; capped at twice that); 1: every page in this thread */
  jobs?: number;
  /** the words of pages converted in this thread (the pool's workers share one jieba) */
  lexicon?: Lexicon;
  /** pages converted ahead of the consumer, per job (default 64; the library asks for 1) */
  ahead?: number;
  /** asked in input order, before an input is read: 'skip' it, a reason it fails, or null to convert it */
  admit?: (input: RunInput, index: number) => Promise<'skip' | string | null> | 'skip' | string | null;
  /** bytes read (the progress bar) */
  onBytes?: (n: number) => void;
}

/** What a run gives, in input order: each input's pages, then its end (or why it failed). */
export type RunEvent =
  /** cut: why and where read/pages.ts cut this page for length, when it did */
  | { kind: 'page'; input: number; page: number; encoding: string; value: PageResult; cut?: string }
  /** a page that could not be converted (an internal error) */
  | { kind: 'page-error'; input: number; page: number; error: unknown }
  | { kind: 'done'; input: number; warnings: string[] }
  /** the input could not be read or decoded (reason: in words; error: as thrown, for --debug) */
  | { kind: 'failed'; input: number; reason: string; error?: unknown }
  | { kind: 'skipped'; input: number };

const MAX_PAGES_IN_FLIGHT_PER_JOB = 64;
/**
 * Characters in flight per job (read, not yet written): what bounds memory, whatever the pages'
 * sizes. A page is at most ~500,000 characters (read/pages.ts), so each worker has batches of
 * several pages waiting while the next are read, and one long page no longer holds the room.
 */
const MAX_CHARS_IN_FLIGHT_PER_JOB = 4 << 20;
/** inputs up to this size are read in one piece (a read stream allocates its whole buffer per file) */
const WHOLE_FILE_BYTES = 1 << 20;
/** the longest the producer runs without letting signals, timers and the progress bar in */
const YIELD_MS = 50;

/** The jobs a run uses for a --jobs value (undefined: the default). */
export const jobsFor = (jobs: number | undefined): number => Math.min(maxJobs(), Math.max(1, jobs ?? defaultJobs()));

export async function* convert(inputs: readonly RunInput[], options: RunOptions): AsyncGenerator<RunEvent> {
  const jobs = jobsFor(options.jobs);
  const read = options.read ?? {};
  const knownBytes = inputs.reduce((n, f) => n + (f.size ?? 0), 0);
  const poolMin = poolMinChars(options.jobs !== undefined);
  const runner = new PageRunner(jobs, options.settings, read, poolMin, knownBytes >= poolMin, await pageEmitter(options.settings), options.lexicon);
  const room = new Room(jobs * (options.ahead ?? MAX_PAGES_IN_FLIGHT_PER_JOB), jobs * MAX_CHARS_IN_FLIGHT_PER_JOB);
  const queue = new StepQueue();
  let stopped = false;
  let failure: { error: unknown } | undefined;
  const stop = (): void => { stopped = true; room.cancel(); queue.close(); };

  // ---- producer
  const produce = async (): Promise<void> => {
    let seq = 0;
    let turn = Date.now();
    for (let i = 0; i < inputs.length && !stopped; i++) {
      // In one thread, with output to a file or /dev/null (synchronous writes), small inputs are read,
      // split and written without the event loop ever turning: Ctrl-C waited for the end of the run
      // and the bar never redrew. Give the loop a turn every YIELD_MS (output is unchanged).
      if (Date.now() - turn >= YIELD_MS) { await new Promise<void>((r) => setImmediate(r)); turn = Date.now(); }
      const input = inputs[i]!;
      const admitted = options.admit ? await options.admit(input, i) : null;
      if (admitted === 'skip') { queue.push({ kind: 'skipped', input: i }); continue; }
      if (admitted !== null) { queue.push({ kind: 'failed', input: i, reason: admitted }); continue; }
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
        const source = input.path === null ? input.open!()
          : input.size !== undefined && input.size <= WHOLE_FILE_BYTES ? [readFileSync(input.path)]
          : createReadStream(input.path, { highWaterMark: 1 << 20 });
        const stream = await openPages(counted(source, options.onBytes), read);
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
        queue.push({ kind: 'failed', input: i, reason: describeReadError(err), error: err });
      }
    }
    queue.close();
  };

  // ---- the consumer's side: steps in order, the room given back as each is taken
  const producing = produce().catch((err: unknown) => { failure = { error: err }; stop(); });
  try {
    for (let step = await queue.shift(); step && !failure; step = await queue.shift()) {
      switch (step.kind) {
        case 'page': {
          let value: PageResult | null = null;
          let error: unknown;
          try { value = await step.result; } catch (err) { error = err; }
          room.give(step.chars);
          yield value ? { kind: 'page', input: step.input, page: step.page, encoding: step.encoding, value, ...(step.cut !== undefined ? { cut: step.cut } : {}) }
            : { kind: 'page-error', input: step.input, page: step.page, error };
          break;
        }
        case 'file': {
          let file: FileResult;
          try { file = await step.result; } catch (err) {
            room.give(step.bytes);
            yield { kind: 'failed', input: step.input, reason: `internal error: ${(err as Error)?.message ?? err}`, error: err };
            break;
          }
          options.onBytes?.(step.bytes);
          for (const p of file.pages) {
            yield p.ok ? { kind: 'page', input: step.input, page: p.page, encoding: file.encoding, value: p.value, ...(p.cut !== undefined ? { cut: p.cut } : {}) }
              : { kind: 'page-error', input: step.input, page: p.page, error: errorFrom(p) };
          }
          room.give(step.bytes);
          if (file.end.ok) yield { kind: 'done', input: step.input, warnings: file.end.warnings };
          else {
            const err = readError(file.end.error);
            yield { kind: 'failed', input: step.input, reason: describeReadError(err), error: err };
          }
          break;
        }
        default:
          yield step;
      }
    }
    if (failure) throw failure.error;
    await producing;
    if (failure) throw (failure as { error: unknown }).error;
  } finally {
    stop();
    await runner.close();
  }
}

/** Bytes read count towards the progress bar. */
async function* counted(source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array>, onBytes?: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    onBytes?.(buf.length);
    yield buf;
  }
}

/** Why an input could not be read, in words. */
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
