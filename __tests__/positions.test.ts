// Positions count from the start of the file, not of the page: pages know where they start, and
// articles, repairs, furniture and verify's lost characters are placed from there.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPages, type Page } from '../src/read/pages.js';
import { split } from '../src/pipeline.js';
import { verify } from '../src/verify.js';
import { runCli } from './helpers/cli.js';
import type { Article } from '../src/types.js';

const PAGE_1 = '2023年11月4日重庆日报 第1版\n\n长江黄金水道扩能\n本报讯（记者 张三）重庆港口吞吐量创新高，\n全年有望突破两亿吨。\n\n';
const PAGE_2 = '2023年11月4日重庆日报 第2版\n\n文旅融合发展\n本报讯（记者 李四）今年以来，游客数量大增，\n比去年多了三成。\n';
const FILE = PAGE_1 + PAGE_2;

async function pagesOf(text: string, sizes: number[]): Promise<Page[]> {
  const bytes = Buffer.from(text, 'utf8');
  async function* chunks() {
    for (let at = 0, k = 0; at < bytes.length; k++) {
      const n = sizes[k % sizes.length]!;
      yield bytes.subarray(at, at + n);
      at += n;
    }
  }
  const pages: Page[] = [];
  for await (const p of (await openPages(chunks(), { prefixBytes: 16 })).pages) pages.push(p);
  return pages;
}

/** line and column of an offset of `text`, counted as the reader counts them */
function pointAt(text: string, offset: number): { line: number; column: number; offset: number } {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n|\u2028|\u2029/u);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1, offset };
}

describe('file-relative positions', () => {
  it('gives each page its start in the file, in any chunking, with any line ends and form feeds', async () => {
    const piece = fc.constantFrom('正文一。', '第 1 版', '第 2 版', '', '\u3000', '标题');
    const end = fc.constantFrom('\n', '\r\n', '\r', '\f', '\n\f', '\u2028');
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(piece, end), { maxLength: 30 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }), async (parts, sizes) => {
      const text = parts.map(([p, e]) => p + e).join('');
      for (const page of await pagesOf(text, sizes)) {
        expect(text.startsWith(page.text, page.start.offset)).toBe(true);
        expect(page.start).toEqual(pointAt(text, page.start.offset));
      }
    }), { seed: 20261201, numRuns: 300 });
  });

  it('places the articles of page 2 on their lines of the file (both said startLine 3 before)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'news-split-pos-'));
    const path = join(dir, 'two.txt');
    writeFileSync(path, FILE);
    const r = runCli(['--format', 'jsonl', path]);
    expect(r.status).toBe(0);
    const articles = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Article);
    expect(articles.map((a) => [a.source.page, a.source.startLine, a.source.endLine])).toEqual([[1, 3, 5], [2, 9, 11]]);
    for (const a of articles) {
      // the offsets point into the file: the deck starts there
      expect(FILE.slice(a.source.startOffset)).toMatch(new RegExp(`^${a.title}`, 'u'));
      expect(pointAt(FILE, a.source.startOffset).line).toBe(a.source.startLine);
      for (const rep of a.repairs) {
        expect(FILE.startsWith(rep.after, rep.offset)).toBe(true);
        expect(pointAt(FILE, rep.offset).line).toBe(rep.line);
      }
    }
    expect(articles[1]!.repairs).toHaveLength(1);
  });

  it('places furniture and lost characters from the page start too', async () => {
    const [, page2] = await pagesOf(FILE, [FILE.length * 3]);
    const result = split(page2!.text, { file: 'two.txt', page: 2, start: page2!.start });
    expect(result.diagnostics.furniture[0]).toMatchObject({ kind: 'page-header', line: 7, offset: PAGE_1.length });
    // drop the page's furniture: verify must say where its characters are in the file
    const lossy = { ...result, diagnostics: { ...result.diagnostics, furniture: [] } };
    const report = verify(page2!.text, lossy, page2!.start);
    const version = report.missing.find((d) => d.char === '版')!;
    expect(version.positions[0]).toEqual(pointAt(FILE, FILE.lastIndexOf('版')));
  });
});
