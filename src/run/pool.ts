/**
 * Where pages are converted: in this thread until there is enough text to pay for worker threads,
 * then on a pool of them (run/worker.ts), each with its own jieba (lexicon/jieba.ts: one table read). The pool's
 * start and size follow the machine's CPUs (the tuning below).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Emitter } from '../emit/types.js';
import type { PageStreamOptions } from '../read/pages.js';
import type { Lexicon } from '../lexicon/lexicon.js';
import {
  convertFile, convertPage, errorFrom,
  type FileResult, type FileTask, type PageResult, type PageSettings, type PageTask, type WorkerInit, type WorkerReply,
} from './worker.js';

/** Worker threads cost time to start (each loads the modules, and opens the dictionary table): below this much text, run in-process.
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

/**
 * Heap limits of page workers, MB. The young generation: V8's default grows to tens of MB per
 * thread; 16 MB, not 4: at 4 MB a worker scavenged so often that its collector took 8-13 % of its
 * time on real text (cpu 7 % less for the run at 16 MB, peak RSS +4 MB; 32 MB: no less cpu, +32 MB).
 * The old generation: V8 lets a heap grow to up to 4 × what survived its last collection
 * when the limit is large (the default here is GBs), but only to ~1.4 × under a limit of 512 MB;
 * each worker's heap then stays near what it uses (peak RSS of the pool on the 100 MB real-text
 * archive 331 → 282 MB, 2 % more CPU). A page is at most 400,000 characters (read/pages.ts) and
 * needs well under 64 MB; a worker that still runs out has its pages converted in-process
 * (NEWS_SPLIT_WORKER_HEAP_MB sets the old generation's limit: tests make workers run out).
 */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: envNumber('NEWS_SPLIT_WORKER_HEAP_MB') ?? 512 };

export const defaultJobs = (): number => availableParallelism();

/** Each worker holds its own heap: --jobs 2000 took 6 GB; more workers than twice the CPUs gain nothing. */
export const maxJobs = (): number => 2 * availableParallelism();

function envNumber(name: string): number | undefined {
  const v = process.env[name];
  return v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
}

/** Runs pages in-process until there is enough text to pay for worker threads, then on the pool. */
export class PageRunner {
  private pool: WorkerPool | null = null;
  private chars = 0;

  constructor(private readonly jobs: number, private readonly settings: PageSettings, private readonly read: PageStreamOptions,
    private readonly poolMin: number, poolAtOnce: boolean, private readonly emitter: Emitter | undefined,
    private readonly lexicon?: Lexicon) {
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
      return Promise.resolve(convertPage(task, this.settings, this.emitter, this.lexicon));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  /** A task converted in this thread (the pool's fallback for a worker that ran out of heap). */
  private readonly inProcess = async (task: PageTask | FileTask): Promise<PageResult | FileResult> =>
    ('path' in task ? convertFile(task, this.settings, this.read, this.emitter, this.lexicon) : convertPage(task, this.settings, this.emitter, this.lexicon));
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

  constructor(size: number, private readonly settings: PageSettings, private readonly read: PageStreamOptions,
    private readonly inProcess: (task: PageTask | FileTask) => Promise<PageResult | FileResult>) {
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
  }

  private flush(): void {
    if (!this.batch.length) return;
    this.queue.push(this.batch);
    this.batch = [];
    this.batchChars = 0;
    this.dispatch();
  }

  private spawn(): { worker: Worker; jobs: Pending[][] } {
    const init: WorkerInit = { newsSplitPageWorker: true, settings: this.settings, read: this.read };
    // dist/run/worker.js next to this module once built: the worker loads compiled JavaScript
    // small heap limits (WORKER_HEAP): a page worker keeps nothing between pages, and every worker's
    // heap counts towards the run's peak memory; a page that does not fit is converted in this thread
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
