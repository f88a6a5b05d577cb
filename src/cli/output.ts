/**
 * Where output goes: stdout or a file. Writes respect back-pressure; a reader that goes away
 * (`news-split big.txt | head -1`) ends the run quietly instead of crashing with EPIPE.
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

export function streamOutput(stream: Writable, ownsStream: boolean): Output {
  let failure: Error | null = null;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    failure = err.code === 'EPIPE' ? new PipeClosed() : err;
  });
  return {
    write(text: string): Promise<void> {
      if (failure) return Promise.reject(failure);
      if (!text) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const ok = stream.write(text, (err) => {
          if (err) reject(failure ?? ((err as NodeJS.ErrnoException).code === 'EPIPE' ? new PipeClosed() : err));
        });
        if (ok) resolve();
        else stream.once('drain', resolve);
      }).then(() => { if (failure) throw failure; });
    },
    close(): Promise<void> {
      if (!ownsStream) return failure ? Promise.reject(failure) : Promise.resolve();
      return new Promise((resolve, reject) => {
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
