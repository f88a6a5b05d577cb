import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { endsSentence, hasOpenPair, charCount, openPairTest, PAIRS, SENTENCE_END, CLOSERS, OPENERS } from '../src/knowledge/punctuation.js';
import { isBlank } from '../src/read/lines.js';

const esc = (s: string): string => s.replace(/[\\\]\[^-]/g, '\\$&');
/** the definitions as patterns: what the loops that replaced them must agree with */
// an ASCII full stop ends a sentence after a wide character (half-width text: …慶祝.), not after 3 or U.S
const END = `(?:[${esc(SENTENCE_END)}]|(?<=[\\u2e80-\\ud7ff\\ue000-\\uffef])\\.)`;
const SENTENCE_END_RE = new RegExp(`${END}[${esc(CLOSERS)}]*$`, 'u');
const QUOTE_END_RE = new RegExp(`${END}[${esc(CLOSERS)}]+\\s*$`, 'u');
const BLANK_RE = /^[\s\u3000\u00a0\u200b\ufeff]*$/u;

/** strings of the characters that matter here, and others around them */
const textOf = (chars: string) => fc.array(fc.constantFrom(...chars), { maxLength: 10 }).map((a) => a.join(''));
const MIXED = [...SENTENCE_END, ...CLOSERS, ...OPENERS, '.', ' ', '\u3000', '\t', '\u00a0', '\u200b', '\ufeff', '张', 'a', '1', '，', '𠀋', '\ud840'];

describe('punctuation', () => {
  it('endsSentence is the two end patterns, read from the end', () => {
    expect(endsSentence('会议召开。')).toBe(true);
    expect(endsSentence('他说:“好!”')).toBe(true);
    expect(endsSentence('他说:“好!” \u3000')).toBe(true);
    expect(endsSentence('会议召开。 ')).toBe(false); // white space after a bare end: as the patterns say
    expect(endsSentence('”')).toBe(false);
    expect(endsSentence('全市懸旗慶祝.')).toBe(true);
    expect(endsSentence('他說:「好.」')).toBe(true);
    expect(endsSentence('增長了3.')).toBe(false);
    expect(endsSentence('訪問U.S.')).toBe(false);
    expect(endsSentence('')).toBe(false);
    fc.assert(fc.property(textOf(MIXED.join('')), (t) => {
      expect(endsSentence(t)).toBe(SENTENCE_END_RE.test(t) || QUOTE_END_RE.test(t));
    }), { seed: 20261127, numRuns: 5000 });
  });

  it('hasOpenPair counts each kind of pair on its own', () => {
    const PAIRS = ['“”', '‘’', '「」', '『』', '（）', '()', '《》', '【】'];
    // one count per pair, a closer without its opener ignored
    const reference = (t: string) => PAIRS.some(([o, c]) => {
      let depth = 0;
      for (const ch of t) if (ch === o) depth++; else if (ch === c && depth > 0) depth--;
      return depth > 0;
    });
    expect(hasOpenPair('从“双向两')).toBe(true);
    expect(hasOpenPair('“两车道”)')).toBe(false);
    fc.assert(fc.property(textOf(PAIRS.join('') + '张，。〔〕〈〉'), (t) => {
      expect(hasOpenPair(t)).toBe(reference(t));
    }), { seed: 20261127, numRuns: 5000 });
  });

  it('charCount counts code points, as spreading the string does', () => {
    expect(charCount('张𠀋')).toBe(2);
    fc.assert(fc.property(textOf(MIXED.join('') + '\udc0b'), (t) => {
      expect(charCount(t)).toBe([...t].length);
    }), { seed: 20261127, numRuns: 2000 });
  });

  it('isBlank is white space (zero-width space included) and nothing else', () => {
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (isBlank(String.fromCharCode(c)) !== BLANK_RE.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
    fc.assert(fc.property(textOf(MIXED.join('')), (t) => {
      expect(isBlank(t)).toBe(BLANK_RE.test(t));
    }), { seed: 20261127, numRuns: 2000 });
  });
});

describe('the pairs table', () => {
  it('is what the open-pair test counts: a pair added to PAIRS is counted', () => {
    expect(hasOpenPair('见〔注')).toBe(false); // 〔〕 is not in the table
    const withTortoise = openPairTest([...PAIRS, ['〔', '〕']]);
    expect(withTortoise('见〔注')).toBe(true);
    expect(withTortoise('见〔注〕')).toBe(false);
    expect(withTortoise('从“双向两')).toBe(true);
    for (const [open, close] of PAIRS) {
      expect(hasOpenPair(`甲${open}乙`)).toBe(true);
      expect(hasOpenPair(`甲${open}乙${close}`)).toBe(false);
    }
  });
});
