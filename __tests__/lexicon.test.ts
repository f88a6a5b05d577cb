// The words break repair asks about come in through the options (SplitOptions.lexicon): a lexicon
// that knows a word jieba does not joins a break inside it; without one, jieba in this thread decides.
import { describe, expect, it } from '@jest/globals';
import { split } from '../src/pipeline.js';
import { breakInsideWord, type Lexicon } from '../src/lexicon/lexicon.js';
import { jiebaLexicon } from '../src/lexicon/jieba.js';

/** A made-up word (镭舢) that no dictionary holds; every other character is a word of its own. */
const WORD = '镭舢';
const knowsWord: Lexicon = {
  cut(text) {
    const at = text.indexOf(WORD);
    return at < 0 ? [...text] : [...text.slice(0, at), WORD, ...text.slice(at + WORD.length)];
  },
};

const PAGE = '市里举办科技节\n\n本报讯（记者 王芳）昨天，市里举办科技节，全市二十所学校参加。\n\n首批镭\n\n舢起航后，学生们在江边观看了演示。\n';

describe('lexicon in the options', () => {
  it('joins a break inside a word the given lexicon knows', () => {
    const [article] = split(PAGE, { lexicon: knowsWord }).articles;
    expect(article!.paragraphs).toContain('首批镭舢起航后，学生们在江边观看了演示。');
    expect(article!.repairs.map((r) => r.kind)).toEqual(['mid-word']);
  });

  it('leaves it to jieba in this thread by default (which does not know the word)', () => {
    const [article] = split(PAGE).articles;
    expect(article!.paragraphs).toContain('首批镭');
    expect(article!.repairs).toEqual([]);
  });

  it('asks the lexicon only when mayJoin() allows it', () => {
    let asked = 0;
    const never: Lexicon = { cut: (t) => { asked++; return knowsWord.cut(t); }, mayJoin: () => false };
    expect(breakInsideWord(never, '首批镭', '舢起航')).toBe(false);
    expect(asked).toBe(0);
    expect(breakInsideWord(knowsWord, '首批镭', '舢起航')).toBe(true);
    expect(breakInsideWord(jiebaLexicon(), '经济圈建', '设,打造')).toBe(true);
  });
});
