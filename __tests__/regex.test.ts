import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { allMatches } from '../src/regex.js';

describe('allMatches', () => {
  const patterns = [/[ \t\u3000]+/gu, /记者|通讯员/gu, /(?<=[。！？])\s*/gu, /x*/gu, /\p{Script=Han}?/gu, /<br\s*\/?>/giu];
  const text = fc.array(fc.constantFrom('记者', '通讯员', ' ', '\u3000', '。', '！', 'x', '<br/>', '<BR>', '𠀋', '张', 'a'), { maxLength: 12 })
    .map((parts) => parts.join(''));

  it('finds what matchAll finds, empty matches and characters beyond the BMP included', () => {
    fc.assert(fc.property(text, fc.constantFrom(...patterns), (t, re) => {
      const expected = [...t.matchAll(re)].map((m) => [m.index, m[0]]);
      expect(allMatches(re, t).map((m) => [m.index, m[0]])).toEqual(expected);
    }), { seed: 20261127, numRuns: 2000 });
  });

  it('starts from the beginning whatever lastIndex a previous use left', () => {
    const re = /b/gu;
    re.lastIndex = 2;
    expect(allMatches(re, 'abab').map((m) => m.index)).toEqual([1, 3]);
  });
});
