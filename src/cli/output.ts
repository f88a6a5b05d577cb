/**
 * Where output goes: stdout or a file. Writes respect back-pressure; a reader that goes away
 * (`news-split big.txt | head -1`) ends the run quietly instead of crashing with EPIPE.
 *
 * Output is buffered as C's stdio buffers a file: small writes (a page's articles, often under
 * 2 KB) are joined and go out as one write when the buffer holds FLUSH_CHARS, or as soon as the
 * run waits for anything (input, workers: a setImmediate), or at close. stdout redirected to a file
 * is a synchronous stream, where each write is a system call: one per page was ~10 % of a
 * `--jobs 1` run. Output still streams: a reader sees each chunk when it is flushed.
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

export class PipeClosed extends Error {
  constructor() {
    super('output closed by the reader');
  }
}

export interface Output {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Characters buffered before a write goes out without waiting for the run to pause. */
export const FLUSH_CHARS = 256 * 1024;

export function streamOutput(stream: Writable, ownsStream: boolean): Output {
  let failure: Error | null = null;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    failure = err.code === 'EPIPE' ? new PipeClosed() : err;
  });
  let buffered = '';
  let flushScheduled = false;
  /** the last flush not yet taken by the stream (back-pressure: the next flush waits for it) */
  let draining: Promise<void> = Promise.resolve();
  /** the last write's outcome (a pipe closed under it fails it after it was taken) */
  let lastWrite: Promise<void> = Promise.resolve();
  const asFailure = (err: Error): Error => failure ?? ((err as NodeJS.ErrnoException).code === 'EPIPE' ? new PipeClosed() : err);

  /** Resolves when the stream has taken the text (at once, or at 'drain'), rejects if the write fails first. */
  const send = (text: string): Promise<void> => {
    let taken!: () => void;
    const accepted = new Promise<void>((resolve) => { taken = resolve; });
    const written = new Promise<void>((resolve, reject) => {
      const ok = stream.write(text, (err) => (err ? reject(asFailure(err)) : resolve()));
      if (ok) taken();
      else stream.once('drain', taken);
    });
    written.catch(() => {}); // reported by the next write or by close()
    lastWrite = written;
    return Promise.race([accepted, written]).then(() => { if (failure) throw failure; });
  };

  const flush = (): Promise<void> => {
    if (!buffered) return draining;
    const text = buffered;
    buffered = '';
    draining = draining.then(() => send(text));
    return draining;
  };
  const flushSoon = (): void => {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(() => {
      flushScheduled = false;
      // a failure is reported by the next write or by close()
      flush().catch(() => {});
    });
  };

  return {
    write(text: string): Promise<void> {
      if (failure) return Promise.reject(failure);
      if (!text) return Promise.resolve();
      buffered += text;
      if (buffered.length >= FLUSH_CHARS) return flush();
      flushSoon();
      return draining;
    },
    async close(): Promise<void> {
      await flush();
      await lastWrite;
      if (failure) throw failure;
      if (!ownsStream) return;
      await new Promise<void>((resolve, reject) => {
        stream.end((err?: Error | null) => (err || failure ? reject(err ?? failure) : resolve()));
      });
    },
  };
}

export function fileOutput(path: string): Output {
  return streamOutput(createWriteStream(path), true);
}

export function stdoutOutput(): Output {
  return streamOutput(process.stdout, false);
}
