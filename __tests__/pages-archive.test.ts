// Page cutting on archives as they are scraped: pages of several papers and header styles one after
// another, and inputs with no page marks at all (cut at a limit so that memory stays bounded).
// Generated text only (never the corpus).
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { openPages, MAX_PAGE_CHARS, MAX_PAGE_LINES, type Page, type PageStreamOptions } from '../src/read/pages.js';
import { makePage } from './helpers/archive.js';

/** Feed `text` as UTF-8 in chunks of the given sizes (cycled) and collect the pages. */
async function pagesOf(text: string, sizes: number[] = [65536], options: PageStreamOptions = {}) {
  const bytes = Buffer.from(text, 'utf8');
  async function* chunks() {
    for (let at = 0, k = 0; at < bytes.length; k++) {
      const n = Math.max(1, sizes[k % sizes.length]!);
      yield bytes.subarray(at, at + n);
      at += n;
    }
  }
  const stream = await openPages(chunks(), { prefixBytes: 16, ...options });
  const pages: Page[] = [];
  for await (const p of stream.pages) pages.push(p);
  return { pages, warnings: stream.warnings };
}

/** line and column of an offset of `text`, counted as the reader counts them */
function pointAt(text: string, offset: number) {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n|\u2028|\u2029/u);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1, offset };
}

/** The body of a generated page without its header line (makePage's first line). */
const bodyOf = (seed: number): string => makePage(seed).split('\n').slice(1).join('\n');

describe('pages of an archive of several papers and header styles', () => {
  // header styles as real dumps print them, each a different rule of the furniture table
  const HEADERS = [
    (d: number, p: number) => `人民日报 2019年10月${String(d).padStart(2, '0')}日 第${String(p).padStart(2, '0')}版`,
    (d: number, p: number) => `2019年10月${d}日人民日报 第${p}版`,
    (_d: number, p: number) => `第${String(p).padStart(2, '0')}版:要闻`,
    (d: number, p: number) => `1985-01-${String(d).padStart(2, '0')}\n\n第 ${p} 版`,
    (d: number, p: number) => `A${String(p).padStart(2, '0')} 要闻 2024.5.${d} 星期一 编辑 王小明 美编 李华`,
    (_d: number, p: number) => `Page ${p}`,
  ];

  it('cuts each page where its header stands, though the styles alternate from page to page', async () => {
    const written: string[] = [];
    for (let i = 0; i < 24; i++) written.push(`${HEADERS[i % HEADERS.length]!(1 + (i % 5), 1 + (i % 7))}\n${bodyOf(i)}\n`);
    const text = written.join('');
    const { pages, warnings } = await pagesOf(text, [700, 33]);
    expect(pages.map((p) => p.text)).toEqual(written);
    for (const p of pages) expect(p.start).toEqual(pointAt(text, p.start.offset));
    expect(warnings).toEqual([]);
  });

  it('opens a page at a header after a page that had none, when a blank line stands before it', async () => {
    const text = '正文甲。\n\n人民日报 2019年10月02日 第02版\n\n正文乙。\n';
    expect((await pagesOf(text)).pages.map((p) => p.text)).toEqual(['正文甲。\n\n', '人民日报 2019年10月02日 第02版\n\n正文乙。\n']);
  });

  it('takes a date line above a header with no date to the new page: the next day\'s 第 1 版 is a new page', async () => {
    const text = '1985-01-02\n\n第 1 版\n\n正文一。\n\n1985-01-03\n\n第 1 版\n\n正文二。\n';
    const { pages } = await pagesOf(text, [5]);
    expect(pages.map((p) => p.text)).toEqual(['1985-01-02\n\n第 1 版\n\n正文一。\n\n', '1985-01-03\n\n第 1 版\n\n正文二。\n']);
    expect(pages[1]!.start).toEqual({ line: 7, column: 1, offset: text.indexOf('1985-01-03') });
    // the same with a masthead line instead of a date
    const mast = '正文甲。\n\n仁聞報2013年十二月號\n\nPage 1\n\n正文乙。\n';
    expect((await pagesOf(mast)).pages.map((p) => p.text)).toEqual(['正文甲。\n\n', '仁聞報2013年十二月號\n\nPage 1\n\n正文乙。\n']);
  });

  it('leaves a signature date with its page when the next header states its own date', async () => {
    const text = '人民日报 2019年10月30日 第11版\n\n通知正文。\n\n海口江东新区管理局\n\n2019年10月30日\n\n人民日报 2019年10月31日 第03版\n\n正文。\n';
    const { pages } = await pagesOf(text);
    expect(pages.map((p) => p.text.split('\n')[0])).toEqual(['人民日报 2019年10月30日 第11版', '人民日报 2019年10月31日 第03版']);
    expect(pages[0]!.text).toContain('2019年10月30日\n\n');
  });

  it('does not cut at a footer that states the same page and date in another form, nor at a header inside a line run', async () => {
    const footer = '江城日报 2024年3月5日 第3版\n\n正文一,\n\n2024年3月5日 江城日报 第3版\n\n正文二。\n';
    expect((await pagesOf(footer)).pages).toHaveLength(1);
    expect((await pagesOf('正文一。\n第 1 版\n正文二。\n')).pages).toHaveLength(1);
    const cited = '2026年6月12日人民日报 第3版\n\n正文。\n\n《 人民日报 》( 2026年06月12日   06 版)\n\n\n标题\n\n正文二。\n';
    expect((await pagesOf(cited)).pages).toHaveLength(1);
  });
});

describe('a text with no page marks', () => {
  it('is cut at the documented limits, at a blank line first', async () => {
    expect(MAX_PAGE_CHARS).toBe(400_000);
    expect(MAX_PAGE_LINES).toBe(10_000);
    const para = `${'国家统计局发布数据显示经济运行总体平稳。'.repeat(50)}\n\n`; // 1,002 characters
    const text = para.repeat(1000);
    const { pages, warnings } = await pagesOf(text);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const p of pages) {
      expect(p.text.length).toBeLessThanOrEqual(MAX_PAGE_CHARS);
      expect(text.startsWith(p.text, p.start.offset)).toBe(true);
    }
    // every cut at a blank line: each page but the first starts with the blank line
    expect(pages.slice(1).every((p) => p.text.startsWith('\n'))).toBe(true);
    // the pages are the text (but for its last blank line, a page of its own, dropped)
    const joined = pages.map((p) => p.text).join('');
    expect(text.startsWith(joined) && text.slice(joined.length) === '\n').toBe(true);
    expect(warnings[0]).toMatch(/^page 1: no page break in 200000 characters; cut at a blank line$/u);
  });

  it('is cut at a line end when it has no blank line, and by lines when its lines are short (yes | news-split)', async () => {
    const yes = 'y\n'.repeat(3 * MAX_PAGE_LINES + 5);
    const { pages, warnings } = await pagesOf(yes);
    expect(pages.map((p) => p.text.length)).toEqual([2 * MAX_PAGE_LINES, 2 * MAX_PAGE_LINES, 2 * MAX_PAGE_LINES, 10]);
    expect(warnings).toEqual([1, 2, 3].map((n) => `page ${n}: no page break in ${MAX_PAGE_LINES} lines; cut at a line end`));
    expect(pages[1]!.start).toEqual({ line: MAX_PAGE_LINES + 1, column: 1, offset: 2 * MAX_PAGE_LINES });
  });

  it('cuts one long line at character boundaries, never inside a surrogate pair, and keeps the positions', async () => {
    const text = `第一行\n${'𠀀字'.repeat(300)}\n末行\n`;
    const { pages, warnings } = await pagesOf(text, [7, 100], { maxPageChars: 101 });
    expect(pages.map((p) => p.text).join('')).toBe(text);
    for (const p of pages) {
      expect(p.text.length).toBeLessThanOrEqual(101);
      expect(/^[\udc00-\udfff]/u.test(p.text) || /[\ud800-\udbff]$/u.test(p.text)).toBe(false);
      expect(p.start).toEqual(pointAt(text, p.start.offset));
    }
    expect(pages[0]!.text).toBe('第一行\n');
    expect(warnings).toContain('page 1: no page break in 101 characters; cut at a line end');
    expect(warnings).toContain('page 2: no page break in 101 characters; cut inside a line');
  });

  it('holds to its limits in any chunking and with any line ends: pages are the input, in order, bounded, placed', async () => {
    const piece = fc.constantFrom('正文一。', '第 1 版', '第 2 版', '1985-01-02', '', '   ', '𠀀𠀁', 'y', '甲'.repeat(45), '乙'.repeat(130));
    const end = fc.constantFrom('\n', '\r\n', '\r', '\f', '\u2028', '');
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(piece, end), { maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 90 }), { minLength: 1, maxLength: 4 }),
      fc.constantFrom(40, 101, 300), fc.constantFrom(4, 9, 1000),
      async (parts, sizes, maxPageChars, maxPageLines) => {
        const text = parts.map(([p, e]) => p + e).join('');
        const { pages } = await pagesOf(text, sizes, { maxPageChars, maxPageLines });
        let at = 0;
        for (const p of pages) {
          expect(p.text.length).toBeLessThanOrEqual(maxPageChars);
          expect((p.text.match(/\r\n|\r|\n|\u2028/gu) ?? []).length).toBeLessThanOrEqual(maxPageLines);
          expect(p.start.offset).toBeGreaterThanOrEqual(at);
          // only white space and form feeds between pages (blank pages are dropped)
          expect(text.slice(at, p.start.offset).trim()).toBe('');
          expect(text.startsWith(p.text, p.start.offset)).toBe(true);
          expect(p.start).toEqual(pointAt(text, p.start.offset));
          expect(/^[\udc00-\udfff]/u.test(p.text)).toBe(false);
          at = p.start.offset + p.text.length;
        }
        expect(text.slice(at).trim()).toBe('');
      },
    ), { seed: 20261202, numRuns: 400 });
  });

  it('takes one 30 MB line through 64 KB chunks (a pipe) in pages, in linear time', async () => {
    const chunk = Buffer.from('国家统计局发布数据显示经济运行总体平稳。'.repeat(1092), 'utf8'); // 65,520 bytes
    const copies = Math.ceil(30e6 / chunk.length);
    async function* pipe() { for (let i = 0; i < copies; i++) yield chunk; }
    const started = Date.now();
    const stream = await openPages(pipe());
    let pages = 0;
    let chars = 0;
    for await (const p of stream.pages) {
      pages++;
      chars += p.text.length;
      expect(p.text.length).toBeLessThanOrEqual(MAX_PAGE_CHARS);
    }
    expect(chars).toBe(copies * 21_840);
    expect(pages).toBe(Math.ceil(chars / MAX_PAGE_CHARS));
    // ~0.3 s here; joining the line again with every chunk (before) took ~24 s
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(stream.warnings).toHaveLength(21);
    expect(stream.warnings[20]).toMatch(/^… and \d+ more pages cut for length$/u);
  }, 60_000);

  it('drops a run of blank lines of any length without holding it', async () => {
    const { pages, warnings } = await pagesOf('\n'.repeat(3 * MAX_PAGE_LINES));
    expect(pages).toEqual([]);
    expect(warnings).toEqual([]);
    const after = await pagesOf(`第 1 版\n${'\n'.repeat(3 * MAX_PAGE_LINES)}正文。\n`);
    expect(after.pages.map((p) => p.text.trim())).toEqual(['第 1 版', '正文。']);
  });
});
