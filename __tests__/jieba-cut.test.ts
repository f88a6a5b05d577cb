// The words break repair asks about are jieba's (no HMM), cut in JS over a compact table of its
// dictionary (src/lexicon/cut.ts, dictionary.ts): token for token what the native @node-rs/jieba
// returns. bench/jieba-equal.mjs compares the two on the whole corpus; here, the tricky cases by hand.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cutNoHmm } from '../src/lexicon/cut.js';
import { encodeDictionary, firstWordFrom, lnCorrectlyRounded, lnFreqOf, openDictionary, parseDictText } from '../src/lexicon/dictionary.js';
import { jiebaLexicon, loadDictionary } from '../src/lexicon/jieba.js';

interface NativeJieba { cut(text: string, hmm: boolean): string[] }
const require = createRequire(import.meta.url);
/** the native jieba with a dictionary, where its binary loads on this platform */
function nativeWith(dict: Uint8Array): NativeJieba | null {
  try {
    return (require('@node-rs/jieba') as { Jieba: { withDict(d: Uint8Array): NativeJieba } }).Jieba.withDict(dict);
  } catch {
    return null;
  }
}
const DICT_TXT = readFileSync(require.resolve('@node-rs/jieba/dict.txt'));
const native = nativeWith(DICT_TXT);
const dict = loadDictionary()!;

/** text → the tokens jieba gives for it, as the native module returned them when this was written */
const CASES: ReadonlyArray<[string, string[]]> = [
  ['经济圈建设,打造', ['经济圈', '建设', ',', '打造']],
  ['中华人民共和国成立了', ['中华人民共和国', '成立', '了']],
  ['北京大学生前来应聘', ['北京', '大学生', '前来', '应聘']],
  ['首批镭舢起航后', ['首批', '镭', '舢', '起航', '后']], // 镭舢: no word, each character alone
  // single ASCII letters and digits the route leaves side by side are one token; dictionary words with + & 4S
  ['iPhone12Pro发布了', ['iPhone12Pro', '发布', '了']],
  ['C++和AT&T在4S店', ['C++', '和', 'AT&T', '在', '4S店']],
  ['2023年11月4日电', ['2023', '年', '11', '月', '4', '日电']],
  ['50%的人，3.14', ['50', '%', '的', '人', '，', '3', '.', '14']],
  ['abc def_ghi-jkl', ['abc', ' ', 'def', '_', 'ghi', '-', 'jkl']],
  // full-width letters and digits are not in jieba's blocks: a token each
  ['ＡＢＣ１２３全角', ['Ａ', 'Ｂ', 'Ｃ', '１', '２', '３', '全角']],
  // astral characters: Han of Extension B in the blocks, an emoji outside, each one character
  ['𠮷野家𠀀𪚥😀', ['𠮷', '野', '家', '𠀀', '𪚥', '😀']],
  // CR LF is one token, any other white space a token per character
  ['a\r\nb\rc\n d', ['a', '\r\n', 'b', '\r', 'c', '\n', ' ', 'd']],
  ['  ', [' ', ' ']],
  // a lone surrogate half: the native module reads the text as UTF-8 (U+FFFD)
  ['\ud800孤\udc00', ['\ufffd', '孤', '\ufffd']],
  ['', []],
];

describe('jieba without HMM, in JS', () => {
  it.each(CASES)('cuts %j as jieba does', (text, tokens) => {
    expect(cutNoHmm(dict, text)).toEqual(tokens);
    if (native) expect(cutNoHmm(dict, text)).toEqual(native.cut(text, false));
  });

  it('is the default lexicon', () => {
    expect(jiebaLexicon().cut('经济圈建设,打造')).toEqual(['经济圈', '建设', ',', '打造']);
  });

  // made-up dictionaries, each against the native jieba given the same text
  const own = (text: string) => {
    const table = openDictionary(encodeDictionary(parseDictText(text)))!;
    const other = nativeWith(Buffer.from(text));
    return (s: string, expected: string[]) => {
      expect(cutNoHmm(table, s)).toEqual(expected);
      if (other) expect(other.cut(s, false)).toEqual(expected);
    };
  };

  it('breaks a tie of probabilities towards the longer word', () => {
    // total 16: ln(1/16) for 甲乙 is exactly ln(4/16) + ln(4/16) for 甲 + 乙
    const check = own('甲 4\n乙 4\n甲乙 1\n丙 7\n');
    check('甲乙', ['甲乙']);
    check('丁甲乙丁', ['丁', '甲乙', '丁']);
  });

  it('keeps the last frequency of a word listed twice (0: never chosen)', () => {
    own('甲 4\n乙 4\n甲乙 50\n丙 7\n甲乙 0\n')('甲乙', ['甲', '乙']);
  });

  it('takes a word even where its first character alone is no word', () => {
    own('甲乙丙 3\n乙 1\n')('甲乙丙甲乙', ['甲乙丙', '甲', '乙']);
  });

  it('joins single ASCII letters only where the route leaves them single', () => {
    own('a 5\nb 5\nab 1\n')('abcab中ab', ['abcab', '中', 'ab']);
  });

  it('finds every word of dict.txt with its frequency', () => {
    const { words, freqs } = parseDictText(DICT_TXT.toString('utf8'));
    expect(words.length).toBe(dict.size);
    words.forEach((w, k) => { if (k % 97 === 0) expect(lnFreqOf(dict, w)).toBe(lnCorrectlyRounded(freqs[k]!)); });
    expect(lnFreqOf(dict, '镭舢')).toBeUndefined();
  });

  it('finds where the words of a first code unit begin, as a scan of all words does', () => {
    // an empty word, words of one first unit in a run, a gap of units no word starts with, the top unit
    const small = openDictionary(encodeDictionary({ words: ['', 'a', 'ab', 'b', '中', '中国', '国', '\uffff'], freqs: [1, 2, 3, 4, 5, 6, 7, 8] }))!;
    for (const d of [small, dict]) {
      const scan = (c: number) => {
        for (let k = 0; k < d.size; k++) if (d.offsets[k + 1]! > d.offsets[k]! && d.chars[d.offsets[k]!]! >= c) return k;
        return d.size;
      };
      const units = d === small ? Array.from({ length: 0x10001 }, (_, c) => c) : [0, 0x41, 0x4e00, 0x4e2d, 0x56fd, 0x9fff, 0xffff, 0x10000];
      for (const c of units) expect([c, firstWordFrom(d, c)]).toEqual([c, scan(c)]);
      // asked again, the same answer from the index
      for (const c of units.slice(0, 50)) expect(firstWordFrom(d, c)).toBe(scan(c));
    }
    expect([firstWordFrom(small, 0x4e2d), firstWordFrom(small, 0x4e2e)]).toEqual([4, 6]);
  });

  it('takes logarithms correctly rounded, as the C library jieba-rs calls (not Math.log)', () => {
    // glibc's log(3); V8's Math.log(3) is one unit lower in the last place
    expect(lnCorrectlyRounded(3)).toBe(1.0986122886681098);
    expect(lnCorrectlyRounded(1)).toBe(0);
    expect(lnCorrectlyRounded(60101964)).toBe(17.911553077840047);
  });
});
