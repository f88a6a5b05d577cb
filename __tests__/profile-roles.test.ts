// A profile's role words (and outlets) reach every place that reads role words, not only the byline
// grammar: the names splitter (no name is a role word), the search for a lead set inside a line of
// headline segments (parse/units.ts), and the editor line of the furniture table (furniture.ts).
import { describe, expect, it } from '@jest/globals';
import { split } from '../src/pipeline.js';
import { compileProfile } from '../src/knowledge/profile.js';
import { grammarOf, DEFAULT_GRAMMAR } from '../src/parse/byline.js';
import type { Profile } from '../src/types.js';

// made-up words: no generic table holds them
const PROFILE: Profile = {
  name: '晨光报', roles: { reporters: ['特约观察员', '观察员'], editors: ['特约审读'] }, outlets: ['晨光TV'],
};
const BODY = '5月5日上午，江边新图书馆正式开放，市民排队入馆。';

describe("a profile's role words", () => {
  it('are never taken for a name (names.ts), as the generic role words are not', () => {
    // 张三 记者 摄 credits nobody named 记者; 张三 观察员 摄 credited 观察员 as a photographer
    expect(DEFAULT_GRAMMAR.parseCredit('张三 记者 摄')).toBeNull();
    const grammar = grammarOf(compileProfile(PROFILE));
    expect(grammar.parseCredit('张三 观察员 摄')).toBeNull();
    expect(grammar.parseCredit('观察员 张三 摄')).toMatchObject({ photographers: ['张三'] });
    expect(grammar.parsePeople('观察员 王小明 通讯员 李华')).toMatchObject({ reporters: ['王小明'], correspondents: ['李华'] });
  });

  it('read a lead set after headline segments inside one line (units.ts), with the outlets', () => {
    const text = `江边新建 一座图书馆 晨光TV讯（特约观察员 王小明）${BODY}\n`;
    const [article] = split(text, { profile: PROFILE }).articles;
    expect(article!.headlines).toEqual(['江边新建', '一座图书馆']);
    expect(article!.byline!.raw).toBe('晨光TV讯（特约观察员 王小明）');
    expect(article!.byline!.reporters).toEqual(['王小明']);
    expect(article!.paragraphs).toEqual([BODY]);
    // without the profile the line stays one paragraph
    expect(split(text).articles[0]!.headlines).toEqual([]);
  });

  it('make an editor line furniture, as 责任编辑 does (furniture.ts)', () => {
    const page = (line: string) => `江边新建一座图书馆\n\n本报讯（记者 王小明）${BODY}\n\n${line}\n`;
    const generic = split(page('责任编辑 赵刚'));
    const own = split(page('特约审读 赵刚'), { profile: PROFILE });
    expect(generic.diagnostics.furniture.map((f) => [f.kind, f.text])).toEqual([['editor', '责任编辑 赵刚']]);
    expect(own.diagnostics.furniture.map((f) => [f.kind, f.text])).toEqual([['editor', '特约审读 赵刚']]);
    // the article's byline is what it is beside a generic editor line: the editor line is not part of it
    expect(own.articles[0]!.byline).toEqual({ ...generic.articles[0]!.byline, source: '晨光报' });
    expect(own.articles[0]!.byline!.raw).toBe('本报讯（记者 王小明）');
  });
});
