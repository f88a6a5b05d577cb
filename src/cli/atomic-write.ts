/**
 * Atomic output files: write to a hidden temporary file beside the target, then rename it over the
 * target (same folder, so the rename is one step). A reader, a crash or Ctrl-C never sees a
 * half-written file. Temporary files are tracked, so that SIGINT / SIGTERM removes them before the
 * process ends, and the run can report which outputs were finished. A kill -9 (or a power cut)
 * leaves its temporary files behind: the next run that writes into the folder removes them.
 */
import { closeSync, fsyncSync, openSync, readdirSync, rmSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const temps = new Set<string>();
const done: string[] = [];
let counter = 0;

/** A temporary name beside `target`: hidden, unique to this process (.page.jsonl.partial-1234-7). */
export function tempPathFor(target: string): string {
  sweepStalePartials(dirname(target));
  return join(dirname(target), `.${basename(target)}.partial-${process.pid}-${++counter}`);
}

/** Our temporary files' names: .NAME.partial-PID-N */
const PARTIAL = /^\..+\.partial-(\d+)-\d+$/;
const swept = new Set<string>();
const sweptFiles: string[] = [];

/**
 * Remove the temporary files in `dir` (once per folder and run) that a process no longer running
 * left: a kill -9 gives no handler the chance to. A process that is still running (another
 * news-split writing into the same folder, or a process that now has a dead one's PID) keeps its.
 */
export function sweepStalePartials(dir: string): void {
  if (swept.has(dir)) return;
  swept.add(dir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // not there yet: nothing left in it
  }
  for (const name of names) {
    const pid = Number(PARTIAL.exec(name)?.[1] ?? 0);
    if (!pid || pid === process.pid || running(pid)) continue;
    try { rmSync(join(dir, name)); sweptFiles.push(join(dir, name)); } catch { /* a folder of that name, or gone */ }
  }
}

/** Stale temporary files removed by this run so far. */
export function staleRemoved(): readonly string[] {
  return sweptFiles;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // running, as another user
  }
}

/** Remember a temporary file, so an interrupt removes it; returns the function that forgets it. */
export function trackTemp(path: string): () => void {
  temps.add(path);
  return () => { temps.delete(path); };
}

export interface AtomicOptions {
  /** flush the data to disk before the rename (slower; survives a power cut, not only a crash) */
  fsync?: boolean;
}

/** Put a finished temporary file in place of `target` and record the target as finished. */
export async function commitTemp(temp: string, target: string, options: AtomicOptions = {}): Promise<void> {
  if (options.fsync) {
    const fd = openSync(temp, 'r+');
    try { fsyncSync(fd); } finally { closeSync(fd); }
  }
  await rename(temp, target);
  temps.delete(temp);
  done.push(target);
}

/** Write `data` to `target` atomically (temporary file, then rename); on failure nothing is left. */
export async function writeFileAtomic(target: string, data: string | Uint8Array, options: AtomicOptions = {}): Promise<void> {
  const temp = tempPathFor(target);
  const forget = trackTemp(temp);
  try {
    const fh = await open(temp, 'wx');
    try {
      await fh.writeFile(data);
      if (options.fsync) await fh.sync();
    } finally {
      await fh.close();
    }
    await commitTemp(temp, target);
  } catch (err) {
    forget();
    await rm(temp, { force: true });
    throw err;
  }
}

/** Targets committed so far in this process, in order. */
export function finishedOutputs(): readonly string[] {
  return done;
}

/** Remove every tracked temporary file now (synchronously: safe inside a signal handler). */
export function removeTempFiles(): string[] {
  const removed: string[] = [];
  for (const t of temps) {
    try { rmSync(t, { force: true }); removed.push(t); } catch { /* already gone */ }
  }
  temps.clear();
  return removed;
}

const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };
type InterruptHandler = (signal: 'SIGINT' | 'SIGTERM', finished: readonly string[]) => void;
const handlers: InterruptHandler[] = [];
let installed = false;

/**
 * On SIGINT or SIGTERM: remove the temporary files, call `handler` (to report what was finished),
 * and exit with 128 + the signal number. Returns the function that removes the handler.
 */
export function onInterrupt(handler: InterruptHandler): () => void {
  handlers.push(handler);
  if (!installed) {
    installed = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        removeTempFiles();
        for (const h of handlers) {
          try { h(signal, done); } catch { /* reporting must not stop the exit */ }
        }
        process.exit(SIGNAL_EXIT[signal]);
      });
    }
  }
  return () => {
    const i = handlers.indexOf(handler);
    if (i >= 0) handlers.splice(i, 1);
  };
}

/** The usual report: one line on stderr naming how many outputs were finished. */
export function reportInterrupt(signal: 'SIGINT' | 'SIGTERM', finished: readonly string[]): void {
  const list = finished.length ? `: ${finished.slice(0, 20).join(', ')}${finished.length > 20 ? ', …' : ''}` : '';
  process.stderr.write(`news-split: interrupted (${signal}); ${finished.length} output file(s) finished${list}; no partial files left\n`);
}
