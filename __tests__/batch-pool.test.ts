import { describe, expect, it } from '@jest/globals';
import { poolMinChars } from '../src/run/pool.js';

// when the worker pool starts (run/pool.ts): its fixed cost only pays on much text when two CPUs
// are all there is, unless --jobs asks for it
describe('pool threshold', () => {
  const override = process.env.NEWS_SPLIT_POOL_MIN_CHARS;
  const given = override === undefined ? 1 << 20 : Number(override);
  const fewCpus = override === undefined ? 32 << 20 : Number(override);

  it('waits for 32 MB of text with the default --jobs on one or two CPUs', () => {
    expect(poolMinChars(false, 2)).toBe(fewCpus);
    expect(poolMinChars(false, 1)).toBe(fewCpus);
  });

  it('starts at 1 MB when --jobs is given, or with more CPUs', () => {
    expect(poolMinChars(true, 2)).toBe(given);
    expect(poolMinChars(false, 4)).toBe(given);
  });
});
