// The deck rule (src/transform/title.ts) on invented decks: kicker / title / subtitles told apart by form.
import { describe, expect, it } from '@jest/globals';
import { readDeck } from '../src/transform/title.js';

describe('readDeck', () => {
  it('two kickers, a title, then a long subtitle and a clause: the title is the line above the first subtitle', () => {
    const deck = readDeck(['回顾一年来的发展成就', '展望新的一年奋斗目标', '市政协举行新春座谈会', '市领导同两百多位各界代表欢聚一堂共迎新春佳节', '王明、李华讲话,各界代表发言']);
    expect(deck.title).toBe('市政协举行新春座谈会');
    expect(deck.kicker).toEqual(['回顾一年来的发展成就', '展望新的一年奋斗目标']);
    expect(deck.subtitles).toHaveLength(2);
  });

  it('a long first line is a kicker, not a subtitle', () => {
    const deck = readDeck(['受市政府委托副市长主持召开全市安全生产工作会议', '部署做好汛期安全防范工作', '近日将派出六个督查组,前往各区县检查落实情况']);
    expect(deck.title).toBe('部署做好汛期安全防范工作');
    expect(deck.kicker).toEqual(['受市政府委托副市长主持召开全市安全生产工作会议']);
  });

  it('a title over a clause: the first line', () => {
    expect(readDeck(['全市春季植树活动启动', '今年计划新增造林面积三万亩,义务植树人数创新高']).title).toBe('全市春季植树活动启动');
  });

  it('a short title printed over several lines is joined', () => {
    expect(readDeck(['跨江大桥', '主塔顺利封顶']).title).toBe('跨江大桥主塔顺利封顶');
  });
});
