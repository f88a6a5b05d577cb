// Quote boxes (众声, 他们说): a heading over speaker items is a box of its own (fixtures/quote-box/input.txt
// shows the whole page); these pin the edges: what is an item, and what does not make a box.
import { describe, expect, it } from '@jest/globals';
import { isSpeakerItem } from '../src/parse/names.js';
import { split } from '../src/pipeline.js';

describe('speaker items', () => {
  it.each([
    ['何桂芳 “菜做得软烂，价钱也实在。”'],
    ['吴晓东：“白天上班，晚上来学摄影。”'],
    ['林援森 「他喜歡穿西裝。」'],
  ])('%s is an item', (text) => expect(isSpeakerItem(text)).toBe(true));

  it.each([
    ['他说：“明天再来。”', 'no surname'],
    ['何桂芳说，菜做得软烂。', 'no quotation'],
    ['何桂芳 “菜做得软烂”，价钱也实在。', 'text after the quotation'],
    ['本报记者 “走基层”', 'a role, not a name'],
  ])('%s is not (%s)', (text) => expect(isSpeakerItem(text)).toBe(false));
});

describe('quote boxes in a page', () => {
  const story = '社区食堂开进老街\n\n本报讯（记者 周明远）上周起，老街社区的长者食堂正式开门，每天供应午餐和晚餐。\n\n';

  it('a flattened box: the heading is cut off its first item and heads an article of its own', () => {
    const r = split(`${story}街坊们怎么说 何桂芳 “菜做得软烂。” 孙立新 “走几步就能吃上热饭。”\n`);
    expect(r.articles.map((a) => a.title)).toEqual(['社区食堂开进老街', '街坊们怎么说']);
    expect(r.articles[1]!.paragraphs).toEqual(['何桂芳 “菜做得软烂。”', '孙立新 “走几步就能吃上热饭。”']);
  });

  it('one quote under an intertitle is no box: the intertitle stays in the article', () => {
    const r = split(`${story}居民反响\n\n何桂芳：“菜做得软烂。”\n\n食堂还将开通送餐上门服务，方便行动不便的老人。\n`);
    expect(r.articles.map((a) => a.title)).toEqual(['社区食堂开进老街']);
    expect(r.articles[0]!.paragraphs).toContain('居民反响');
  });

  it('a line whose first word is long but whose pieces are no items is not cut', () => {
    const line = '老街社区长者食堂负责人 何桂芳介绍，食堂每天供应两餐。 下一步还将开通送餐服务。';
    const r = split(`${story}${line}\n`);
    expect(r.articles.map((a) => a.title)).toEqual(['社区食堂开进老街']);
    expect(r.articles[0]!.paragraphs.join('')).toContain('老街社区长者食堂负责人 何桂芳介绍');
  });
});
