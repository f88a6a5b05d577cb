import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { streamOutput, PipeClosed, FLUSH_CHARS } from '../src/cli/output.js';

/** A stream that records each write it is given, as text (output goes out as UTF-8 bytes), and can fail like a closed pipe. */
function recorder(options: { fail?: NodeJS.ErrnoException; highWaterMark?: number } = {}) {
  const writes: string[] = [];
  const stream = new Writable({
    highWaterMark: options.highWaterMark ?? 16 * 1024,
    decodeStrings: false,
    write(chunk: string | Uint8Array, _enc, done) {
      writes.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      setImmediate(() => done(options.fail ?? null));
    },
  });
  return { stream, writes };
}

describe('buffered output', () => {
  it('joins small writes into few, in order, and writes everything by close()', async () => {
    const { stream, writes } = recorder();
    const out = streamOutput(stream, true);
    const parts = Array.from({ length: 2000 }, (_, i) => `{"n":${i}}\n`);
    for (const p of parts) await out.write(p);
    await out.close();
    expect(writes.join('')).toBe(parts.join(''));
    expect(writes.length).toBeLessThan(10);
  });

  it('takes UTF-8 bytes (a worker\'s output) between strings, in order', async () => {
    const { stream, writes } = recorder();
    const out = streamOutput(stream, true);
    await out.write('{"title":"甲"}\n');
    await out.write(new TextEncoder().encode('{"title":"乙"}\n{"title":"丙"}\n'));
    await out.write('{"title":"丁"}\n');
    await out.close();
    expect(Buffer.concat(writes.map((w) => Buffer.from(w))).toString('utf8')).toBe('{"title":"甲"}\n{"title":"乙"}\n{"title":"丙"}\n{"title":"丁"}\n');
    expect(writes).toHaveLength(1);
  });

  it('sends a full buffer at once and waits for the stream to take it (back-pressure)', async () => {
    const { stream, writes } = recorder({ highWaterMark: 1024 });
    const out = streamOutput(stream, true);
    const big = 'x'.repeat(FLUSH_CHARS);
    await out.write(big);
    // the stream has it (nothing waits in the buffer), and it was one write
    expect(writes).toEqual([big]);
    await out.write('tail\n');
    await out.close();
    expect(writes.join('')).toBe(`${big}tail\n`);
  });

  it('goes out when the run pauses, without waiting for close()', async () => {
    const { stream, writes } = recorder();
    const out = streamOutput(stream, true);
    await out.write('first\n');
    await new Promise((r) => setTimeout(r, 20));
    expect(writes.join('')).toBe('first\n');
    await out.close();
  });

  it('reports a reader that went away: from the next write, or from close()', async () => {
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    const { stream } = recorder({ fail: epipe });
    const out = streamOutput(stream, false);
    await out.write('lost\n');
    await expect(out.close()).rejects.toBeInstanceOf(PipeClosed);
    await expect(out.write('more\n')).rejects.toBeInstanceOf(PipeClosed);
  });

  it('reports any other write error as it is', async () => {
    const enospc = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    const { stream } = recorder({ fail: enospc });
    const out = streamOutput(stream, true);
    await out.write('x'.repeat(FLUSH_CHARS)).catch(() => {});
    await expect(out.close()).rejects.toThrow('no space left on device');
  });
});
