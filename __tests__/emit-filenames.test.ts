import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArticleFiles } from '../src/emit/article-files.js';
import { articleFileName, inputStem, joinInside, MAX_NAME_BYTES, NameBook, sanitizeComponent, truncateBytes } from '../src/emit/filenames.js';
import { markdown } from '../src/emit/markdown.js';
import type { Article } from '../src/types.js';
import { frontMatterOf, sampleArticles, withTitle } from './helpers/emit.js';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
/** What every OS accepts as one name: no separators, no Windows-forbidden or control characters,
 *  no '..' component, no reserved device stem, no trailing dot or space, at most MAX_NAME_BYTES. */
function expectSafe(name: string): void {
  expect(name).not.toMatch(/[/\\:*?"<>|\p{Cc}\p{Cf}]/u);
  expect(name).not.toMatch(/^\.|\.\.|[. ]$/);
  expect(name.split('.')[0]).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i);
  expect(bytes(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
  expect(name.length).toBeGreaterThan(0);
}

describe('safe file names', () => {
  it('names an article by input stem, 3-digit index and title slug', () => {
    expect(articleFileName('fixtures/cqrb-2023-11-04-p1.txt', 2, '重庆已组建4个市级以上的多跨协同产教联合体', 'md'))
      .toBe('cqrb-2023-11-04-p1-002-重庆已组建4个市级以上的多跨协同产教联合体.md');
    expect(articleFileName('stdin', 12, '', 'md')).toBe('stdin-012.md');
  });

  it.each([
    ['slashes and dots', '../../etc/passwd'],
    ['a Windows path', 'C:\\Windows\\system32'],
    ['colons and quotes', '重庆:“双城”——"记者"手记?'],
    ['only dots', '..'],
    ['control and invisible characters', 'a\u0000b\u0007c\u200bd\u202ee\nf\r\tg'],
    ['a reserved device name', 'CON'],
    ['300 Chinese characters', '长'.repeat(300)],
    ['300 emoji (4 bytes each)', '😀'.repeat(300)],
    ['trailing dots and spaces', '标题. . .  '],
  ])('keeps a title with %s safe', (_, title) => {
    const name = articleFileName('page.txt', 1, title, 'md');
    expectSafe(name);
    expect(name).toMatch(/^page-001(-.+)?\.md$/);
    expect(joinInside('out', name)).toBe(join('out', name));
  });

  it('cuts long titles on a character boundary to fit a byte budget', () => {
    expect(truncateBytes('重庆日报', 7)).toBe('重庆');
    expect(truncateBytes('😀😀', 5)).toBe('😀');
    const name = articleFileName('page.txt', 1, '长'.repeat(300), 'md');
    expect(name).toMatch(/^page-001-长+\.md$/);
    expect(bytes(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
  });

  it('makes input stems safe, including reserved device names and empty names', () => {
    expect(inputStem('a/b/page-1.txt')).toBe('page-1');
    expect(inputStem('C:\\dumps\\nul.txt')).toBe('_nul');
    expect(inputStem('...')).toBe('input');
    expect(sanitizeComponent('  a   b  ', 50)).toBe('a-b');
  });

  it('refuses a name that would leave the directory', () => {
    expect(() => joinInside('out', '../x.md')).toThrow(/unsafe/);
    expect(() => joinInside('out', 'a/b.md')).toThrow(/unsafe/);
    expect(() => joinInside('out', '..')).toThrow(/unsafe/);
  });

  it('gives a repeated name a ~N suffix, ignoring case', () => {
    const book = new NameBook();
    expect(['a.md', 'A.md', 'a.md', 'b'].map((n) => book.claim(n))).toEqual(['a.md', 'A~2.md', 'a~3.md', 'b']);
  });

  it('writes one file per article, all inside the directory, even for hostile titles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'news-split-files-'));
    try {
      const [a] = sampleArticles() as [Article];
      const hostile = ['../../escape', '/etc/passwd', 'C:..\\x', '长'.repeat(300), '', 'CON'].map((t, i) => ({ ...withTitle(a, t), index: i + 1 }));
      const files = new ArticleFiles(join(dir, 'out'), markdown);
      const paths = [];
      for (const h of hostile) paths.push(await files.write('a/page.txt', h));
      // the same input name again (another folder): suffixed, not overwritten
      paths.push(await files.write('b/page.txt', hostile[0]!));
      const names = readdirSync(join(dir, 'out')).sort();
      expect(names).toHaveLength(hostile.length + 1);
      for (const name of names) expectSafe(name);
      expect(readdirSync(dir)).toEqual(['out']);
      expect(paths.map((p) => frontMatterOf(readFileSync(p, 'utf8')).title)).toEqual([...hostile.map((h) => h.title), hostile[0]!.title]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
