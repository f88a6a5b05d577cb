import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPages, isPageHeader, type Page, type PageStreamOptions } from '../src/read/pages.js';
import { decodeBuffer, DecodeError } from '../src/read/decode.js';
import { encode, makePage, type ArchiveEncoding } from './helpers/archive.js';

/** Feed `bytes` in chunks of the given sizes (cycled) and collect the pages. */
async function pagesOf(bytes: Buffer, sizes: number[] = [bytes.length || 1], options: PageStreamOptions = {}) {
  async function* chunks() {
    for (let at = 0, k = 0; at < bytes.length; k++) {
      const n = Math.max(1, sizes[k % sizes.length]!);
      yield bytes.subarray(at, at + n);
      at += n;
    }
  }
  const stream = await openPages(chunks(), options);
  const pages: Page[] = [];
  for await (const p of stream.pages) pages.push(p);
  return { encoding: stream.encoding, pages, warnings: stream.warnings };
}

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('page splitting', () => {
  it('cuts at form feeds, numbers pages from 1 and drops blank pages', async () => {
    const { pages } = await pagesOf(utf8('甲页正文。\n\f乙页正文。\n\f\n\f丙页正文。'));
    expect(pages).toEqual([
      { page: 1, text: '甲页正文。\n', start: { line: 1, column: 1, offset: 0 } },
      { page: 2, text: '乙页正文。\n', start: { line: 2, column: 2, offset: 7 } },
      { page: 3, text: '丙页正文。', start: { line: 4, column: 2, offset: 16 } },
    ]);
  });

  it('opens a page at a header that states a page number, keeping the header with its page', async () => {
    const text = '2023年11月4日重庆日报 第1版\n\n第一篇正文。\n\n2023年11月4日重庆日报 第2版\n\n第二篇正文。\n';
    const { pages } = await pagesOf(utf8(text));
    expect(pages.map((p) => p.text)).toEqual([
      '2023年11月4日重庆日报 第1版\n\n第一篇正文。\n\n',
      '2023年11月4日重庆日报 第2版\n\n第二篇正文。\n',
    ]);
  });

  it('cuts only at a header of the kind that opened the page, with a different text', async () => {
    // the footer repeats the header: no cut; the next page's header (same kind, 第 2 版) opens page 2
    const archive = '第 1 版\n正文一。\n第 1 版\n\n第 2 版\n正文二。\n';
    expect((await pagesOf(utf8(archive))).pages.map((p) => p.text)).toEqual(['第 1 版\n正文一。\n第 1 版\n\n', '第 2 版\n正文二。\n']);
    // a web page's per-article footer (another kind of header, another page number) is no page break
    const web = '2026年6月12日人民日报 第3版\n正文。\n《 人民日报 》( 2026年06月12日   06 版)\n正文二。\n';
    expect((await pagesOf(utf8(web))).pages).toHaveLength(1);
    // nor is a header in a page that had none at its top
    expect((await pagesOf(utf8('正文一。\n第 1 版\n正文二。\n'))).pages).toHaveLength(1);
  });

  it('leaves every single-page fixture in one page, exactly as decoded', async () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const bytes = readFileSync(join(dir, f));
      const { pages } = await pagesOf(bytes, [4096], { prefixBytes: 1024 });
      expect({ f, texts: pages.map((p) => p.text) }).toEqual({ f, texts: [decodeBuffer(bytes).text] });
    }
  });

  it('does not cut at date-only headers or at the mirror\'s per-article 第1版(要闻)专栏:', () => {
    expect(isPageHeader('2026年6月12日人民日报 第3版')).toBe(true);
    expect(isPageHeader('第07版:要闻')).toBe(true);
    expect(isPageHeader('第1版(要闻)专栏:')).toBe(false);
    expect(isPageHeader('1985-01-02')).toBe(false);
    expect(isPageHeader('会议强调,要深入学习贯彻第3版的精神。')).toBe(false);
  });

  it('cuts at --page-separator lines, drops them, and then ignores page headers', async () => {
    const text = '正文一。\n=====\n第 2 版\n正文二。\n第 3 版\n正文三。\n';
    const { pages } = await pagesOf(utf8(text), undefined, { separator: /^=+$/u });
    expect(pages.map((p) => p.text)).toEqual(['正文一。\n', '第 2 版\n正文二。\n第 3 版\n正文三。\n']);
  });

  it('cuts LF text as it cuts the same text with another line end, which goes line by line (the LF path takes runs of lines)', async () => {
    // lines with and without the page-break needs (版, 星期, P), headers of two kinds, blank and
    // zero-width lines, form feeds; any chunking, any page-length limit
    const line = fc.constantFrom(
      '2024年1月1日 星期一 第1版', '2024年1月2日 星期二 第2版', '第 1 版', '第 2 版', 'A3版 要闻', 'Page 2',
      '正文一。', '出版社出版了新书。', '星期天照常开放', 'GDP增长', '', '   ', '\u200b', '\u3000', '\f', '甲乙丙丁戊己庚辛壬癸',
    );
    await fc.assert(fc.asyncProperty(
      fc.array(line, { maxLength: 30 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 4 }),
      fc.constantFrom(8, 30, 1000), fc.boolean(),
      async (lines, sizes, maxPageChars, ends) => {
        const lf = lines.join('\n') + (ends ? '\n' : '');
        const options = { maxPageChars, prefixBytes: 16 };
        // U+2028 (a line end of one character, as LF) keeps the page lengths that maxPageChars counts
        const viaLf = await pagesOf(utf8(lf), sizes, options);
        const viaLs = await pagesOf(utf8(lf.replace(/\n/g, '\u2028')), sizes, options);
        expect(viaLf.pages.map((p) => p.text.replace(/\n/g, '\u2028'))).toEqual(viaLs.pages.map((p) => p.text));
        expect(viaLf.warnings).toEqual(viaLs.warnings);
      },
    ), { seed: 20261127, numRuns: 1500 });
  });

  it('cuts a page with no break at a blank line once it is too long, and says so', async () => {
    const { pages, warnings } = await pagesOf(utf8('一二三四五。\n\n六七八九十。\n\n甲乙。\n'), undefined, { maxPageChars: 16 });
    expect(pages.map((p) => p.text)).toEqual(['一二三四五。\n\n六七八九十。\n', '\n甲乙。\n']);
    expect(warnings).toHaveLength(1);
  });
});

describe('streaming decode', () => {
  const archive = [makePage(1, 1), makePage(2, 2), makePage(3, 3)].join('\r\n\f');

  it.each<ArchiveEncoding>(['utf-8', 'gb18030', 'utf-16le', 'utf-16be'])(
    '%s in any chunking gives the pages that one whole-buffer decode gives',
    async (encoding) => {
      const bytes = encode(archive, encoding);
      const whole = await pagesOf(bytes, undefined, { prefixBytes: bytes.length + 1 });
      expect(whole.pages).toHaveLength(3);
      expect(whole.pages.map((p) => p.text).join('\f')).toBe(decodeBuffer(bytes).text);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 8 }), async (sizes) => {
          const streamed = await pagesOf(bytes, sizes, { prefixBytes: 64 });
          expect(streamed.encoding).toBe(whole.encoding);
          expect(streamed.pages).toEqual(whole.pages);
        }),
        { numRuns: 25 },
      );
    },
  );

  it('keeps CRLF whole when a chunk ends between CR and LF', async () => {
    const bytes = utf8('标题\r\n\r\n正文。\r\n');
    const { pages } = await pagesOf(bytes, [7, 1], { prefixBytes: 2 });
    expect(pages).toEqual([{ page: 1, text: '标题\r\n\r\n正文。\r\n', start: { line: 1, column: 1, offset: 0 } }]);
  });

  it('refuses a bad byte after the detection prefix instead of writing U+FFFD', async () => {
    const good = utf8(makePage(4).repeat(4));
    const bytes = Buffer.concat([good, Buffer.from([0xff, 0x41])]);
    await expect(pagesOf(bytes, [1000], { prefixBytes: 1024 })).rejects.toThrow(DecodeError);
    const gb = Buffer.concat([iconv.encode(makePage(5).repeat(4), 'gb18030'), Buffer.from([0x80])]);
    await expect(pagesOf(gb, [1000], { prefixBytes: 1024 })).rejects.toThrow(/GB18030/);
  });

  it('decides GB18030 from the prefix when it is not UTF-8, and refuses binary input', async () => {
    const gb = iconv.encode(makePage(6).repeat(3), 'gb18030');
    expect((await pagesOf(gb, [500], { prefixBytes: 256 })).encoding).toBe('gb18030');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.alloc(5000, 7)]);
    await expect(pagesOf(png, [500], { prefixBytes: 256 })).rejects.toMatchObject({ reason: 'binary' });
  });

  it('holds one page at a time: 120 MB of pages stream through in bounded memory', async () => {
    const page = utf8(`${makePage(7)}\n\f`);
    const copies = Math.ceil(120e6 / page.length);
    async function* source() {
      const block = Buffer.concat(Array.from({ length: 64 }, () => page));
      for (let i = 0; i < copies; i += 64) yield block;
    }
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    let count = 0;
    const stream = await openPages(source());
    for await (const p of stream.pages) {
      count++;
      if (p.text.length > page.length) throw new Error('pages ran together');
      if (count % 2000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    expect(count).toBeGreaterThanOrEqual(copies);
    expect(peak - before).toBeLessThan(100e6);
  }, 30_000);
});
