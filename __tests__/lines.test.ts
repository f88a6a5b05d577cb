import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { toLines } from '../src/read/lines.js';
import { isSpaceCode, visibleLength } from '../src/knowledge/punctuation.js';

describe('lines', () => {
  it('isSpaceCode agrees with /\\s/ on every UTF-16 unit', () => {
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (isSpaceCode(c) !== /\s/u.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
  });

  it('visibleLength counts characters, not white space, a surrogate pair as one', () => {
    expect(visibleLength(' 张 璐\u3000')).toBe(2);
    expect(visibleLength('𠀋a\ud840')).toBe(3);
    expect(visibleLength('')).toBe(0);
    // the definition: code points that are not white space
    const units = fc.constantFrom('张', ' ', '\u3000', '\t', '𠀋', '\ud840', '\udc0b', 'a', '\u00a0', '\ufeff', '\u200b');
    fc.assert(fc.property(fc.array(units, { maxLength: 12 }).map((a) => a.join('')), (t) => {
      expect(visibleLength(t)).toBe([...t].filter((ch) => !/^\s$/u.test(ch)).length);
    }), { seed: 20261127, numRuns: 1000 });
    // with a cap: exact up to it, and above it once the text is longer
    fc.assert(fc.property(fc.array(units, { maxLength: 12 }).map((a) => a.join('')), fc.nat(8), (t, cap) => {
      const n = visibleLength(t);
      const capped = visibleLength(t, cap);
      expect(n <= cap ? capped === n : capped > cap).toBe(true);
    }), { seed: 20261127, numRuns: 1000 });
  });

  it('cuts LF-only text as the general rule does', () => {
    expect(toLines('a\n\nb\n').map((l) => [l.no, l.offset, l.text])).toEqual([[1, 0, 'a'], [2, 2, ''], [3, 3, 'b']]);
    expect(toLines('').map((l) => [l.no, l.offset, l.text])).toEqual([[1, 0, '']]);
  });

  it('cuts at every kind of line end and keeps offsets into the text', () => {
    expect(toLines('a\r\nb\rc\nd').map((l) => [l.no, l.offset, l.text])).toEqual([[1, 0, 'a'], [2, 3, 'b'], [3, 5, 'c'], [4, 7, 'd']]);
  });
});
