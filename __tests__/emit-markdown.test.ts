import { describe, expect, it } from '@jest/globals';
import { articleDocument, articleTree, markdown } from '../src/emit/markdown.js';
import type { Article } from '../src/types.js';
import { split } from '../src/pipeline.js';
import { expectedFrontMatter, frontMatterOf, markdownDocuments, sampleArticles, withTitle } from './helpers/emit.js';

const [first, second, third] = sampleArticles() as [Article, Article, Article];
const bodyOf = (doc: string): string => doc.replace(/^---\n[\s\S]*?\n---\n/, '');
/** The first article with a one-line deck and no byline: the body is the heading and the paragraphs. */
const bare: Article = { ...first, kicker: [], subtitles: [], headlines: [first.title], byline: { ...first.byline, raw: null } };

describe('markdown emitter', () => {
  it('writes front matter that gray-matter parses back to the article fields', () => {
    for (const a of [first, second, third]) expect(frontMatterOf(articleDocument(a))).toEqual(expectedFrontMatter(a));
  });

  it.each([
    ['colons and curly quotes', '重庆:“双城”经济圈——记者手记'],
    ['ASCII quotes of both kinds', `他说"'好'"就是好`],
    ['a leading dash and a YAML indicator', '- 100天:倒计时 #1 @重庆 & *星号* | 竖线 > 大于 ! 感叹'],
    ['a value YAML 1.1 would read as a boolean', 'yes'],
    ['a value YAML would read as a time', '11:30'],
    ['a value YAML would read as a date', '2023-11-04'],
    ['a number', '2024'],
    ['the front-matter fence itself', '---'],
    ['a long title without spaces', '重'.repeat(300)],
    ['a long title with spaces that YAML may fold', 'Shanghai Daily 上海日报 '.repeat(12).trim()],
    ['leading and trailing spaces', '  两端空格  '],
    ['a backslash and a tab', 'C:\\路径\t制表'],
  ])('round-trips a title with %s', (_, title) => {
    const a = withTitle({ ...first, kicker: [`引题:${title}`], subtitles: [`——${title}`] }, title);
    const a2 = { ...a, headlines: [`引题:${title}`, title, `——${title}`] };
    expect(frontMatterOf(articleDocument(a2))).toEqual(expectedFrontMatter(a2));
  });

  it('builds the deck by role: kicker above the heading, subtitles below, then byline and body', () => {
    const a: Article = { ...first, kicker: ['引题'], subtitles: ['副题一', '副题二'], paragraphs: ['正文一。', '正文二。'] };
    const tree = articleTree(a);
    expect(tree.children.map((n) => n.type)).toEqual(['paragraph', 'heading', 'paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph']);
    expect(bodyOf(articleDocument(a))).toBe(
      '*引题*\n\n# 市委常委会举行扩大会议\n\n*副题一*\n\n*副题二*\n\n重庆日报讯(记者 张 璐)\n\n正文一。\n\n正文二。\n',
    );
  });

  it('puts each byline text on its own line (a lead and a closing byline of a page, as split() reads them)', () => {
    const page = '长江黄金水道扩能\n本报讯（记者 张三）重庆港口吞吐量创新高。\n\n（记者 李四）\n';
    const [a] = split(page, { file: 'p.txt' }).articles;
    expect(a!.byline.raw).toBe('本报讯（记者 张三）\n（记者 李四）');
    // a hard break between the two, not one paragraph run on over a soft line end
    expect(bodyOf(articleDocument(a!))).toContain('\n\n本报讯（记者 张三）\\\n（记者 李四）\n\n');
  });

  it.each([
    ['*重要*通知', '\\*重要\\*通知'],
    ['# 不是标题', '\\# 不是标题'],
    ['1. 第一条', '1\\. 第一条'],
    ['- 不是列表', '\\- 不是列表'],
    ['+ 也不是', '\\+ 也不是'],
    ['> 不是引用', '\\> 不是引用'],
    ['[链接](http://example.com)', '\\[链接]\\(http://example.com)'],
    ['![图](x.png)', '!\\[图]\\(x.png)'],
    ['<b>标签</b>', '\\<b>标签\\</b>'],
    ['`代码`', '\\`代码\\`'],
    ['_下划线_', '\\_下划线\\_'],
    ['---', '\\---'],
    ['***', '\\*\\*\\*'],
    ['&amp;', '\\&amp;'],
  ])('escapes body text that looks like Markdown: %s', (text, escaped) => {
    const a: Article = { ...bare, paragraphs: [text] };
    expect(bodyOf(articleDocument(a))).toBe(`# 市委常委会举行扩大会议\n\n${escaped}\n`);
  });

  it('escapes a title that looks like Markdown inside the heading', () => {
    const a = withTitle({ ...bare, paragraphs: [] }, '*一* [二] #');
    expect(bodyOf(articleDocument(a))).toBe('# \\*一\\* \\[二] \\#\n');
  });

  it('separates articles on one stream so that each is its own front-matter document', () => {
    const emitter = markdown.create({});
    const stream = [first, second, third].map((a) => emitter.article(a) ?? '').join('');
    const docs = markdownDocuments(stream);
    expect(docs).toHaveLength(3);
    expect(docs.map((d) => frontMatterOf(d).id)).toEqual([first.id, second.id, third.id]);
    expect(stream).toContain('\n\n---\nid: ');
  });

  it('is registered as a per-article format with the .md extension', () => {
    expect(markdown).toMatchObject({ name: 'markdown', extension: 'md', layout: 'per-article' });
  });
});
