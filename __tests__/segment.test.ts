// Where the deck ends and the body starts, on invented pages: the body's first words cut off by a
// break are not a deck line.
import { describe, expect, it } from '@jest/globals';
import { split } from '../src/pipeline.js';

// the rule-based segmenter (--no-model), which the structure model reads as a feature
const RULES = { model: false } as const;

const body = '党政领导同两百多位各界代表欢聚一堂，畅谈过去一年全市经济社会发展取得的成绩，表达在新的一年里再接再厉的决心。';

describe('the first words of the body under a deck', () => {
  it('a line that stops on 于 is the body’s start, not a subtitle', () => {
    const r = split(`市政协举行新春座谈会\n\n市政府今天召开常务会议，研究部署关于\n\n城市更新的重点工作。${body}\n`, RULES);
    expect(r.articles).toHaveLength(1);
    expect(r.articles[0]!.headlines).toEqual(['市政协举行新春座谈会']);
    expect(r.articles[0]!.paragraphs[0]).toMatch(/^市政府今天召开常务会议，研究部署关于城市更新的重点工作。/u);
  });

  it('a first sentence of a word or two finishes the line above', () => {
    const r = split(`市政协举行新春座谈会\n\n市政协今天上午在政协礼堂三楼大厅举行新春\n\n座谈会。${body}\n`, RULES);
    expect(r.articles[0]!.headlines).toEqual(['市政协举行新春座谈会']);
    expect(r.articles[0]!.paragraphs[0]).toMatch(/^市政协今天上午在政协礼堂三楼大厅举行新春座谈会。/u);
  });

  it('a subtitle above the body stays in the deck', () => {
    const r = split(`市政协举行新春座谈会\n\n各界代表畅谈发展成绩，共话新年新打算\n\n${body}\n`, RULES);
    expect(r.articles[0]!.headlines).toEqual(['市政协举行新春座谈会', '各界代表畅谈发展成绩，共话新年新打算']);
  });
});
