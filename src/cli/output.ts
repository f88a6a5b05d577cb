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
  /** text, or text already encoded as UTF-8 (a worker's output) */
  write(text: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** Characters (or bytes) buffered before a write goes out without waiting for the run to pause. */
export const FLUSH_CHARS = 256 * 1024;

export function streamOutput(stream: Writable, ownsStream: boolean): Output {
  let failure: Error | null = null;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    failure = err.code === 'EPIPE' ? new PipeClosed() : err;
  });
  /** what waits to go out: strings, or UTF-8 bytes, in order; `size` counts their units */
  let buffered: Array<string | Uint8Array> = [];
  let size = 0;
  let flushScheduled = false;
  /** the last flush not yet taken by the stream (back-pressure: the next flush waits for it) */
  let draining: Promise<void> = Promise.resolve();
  /** the last write's outcome (a pipe closed under it fails it after it was taken) */
  let lastWrite: Promise<void> = Promise.resolve();
  const asFailure = (err: Error): Error => failure ?? ((err as NodeJS.ErrnoException).code === 'EPIPE' ? new PipeClosed() : err);

  /** Resolves when the stream has taken the text (at once, or at 'drain'), rejects if the write fails first. */
  const send = (text: string | Uint8Array): Promise<void> => {
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
    if (!buffered.length) return draining;
    const parts = buffered;
    buffered = [];
    size = 0;
    // one write of one buffer, each string encoded straight into it: joining the strings first
    // (a page's text is a rope of its articles) and then encoding the joined one copied it once more
    // (whole process ~1 %). A UTF-16 unit takes at most 3 bytes of UTF-8.
    let room = 0;
    for (const p of parts) room += typeof p === 'string' ? 3 * p.length : p.length;
    const buffer = Buffer.allocUnsafe(room);
    let at = 0;
    for (const p of parts) {
      if (typeof p === 'string') at += buffer.write(p, at, 'utf8');
      else { buffer.set(p, at); at += p.length; }
    }
    const chunk = buffer.subarray(0, at);
    draining = draining.then(() => send(chunk));
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
    write(text: string | Uint8Array): Promise<void> {
      if (failure) return Promise.reject(failure);
      if (!text.length) return Promise.resolve();
      buffered.push(text);
      size += text.length;
      if (size >= FLUSH_CHARS) return flush();
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
