// The library beside split() (issue 17): convert() streams an input's pages, emit() writes records in
// any format; both exported from the package entry; examples/library.mjs runs as the README shows.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import * as entry from '../src/index.js';
import { convert, emit, split, type Article, type PageResult } from '../src/index.js';
import { ROOT, SAMPLE, runCli } from './helpers/cli.js';

const TEXT = readFileSync(SAMPLE, 'utf8');
// two invented pages, a form feed between them
const TWO_PAGES = '示例日报 2024年5月6日 第1版\n\n江边新建一座图书馆\n\n本报讯（记者 王小明）5月5日上午，江边新图书馆正式开放。\n\f示例日报 2024年5月6日 第2版\n\n山区公路全线贯通\n\n本报讯（记者 李华）5月4日，山区公路全线通车。\n';

async function pages(source: Parameters<typeof convert>[0], options = {}): Promise<PageResult[]> {
  const out: PageResult[] = [];
  for await (const p of convert(source, options)) out.push(p);
  return out;
}

describe('convert()', () => {
  it('gives the records split() gives, from a string, bytes, a file, a URL and a stream', async () => {
    const expected = split(TEXT, { file: 'p.txt' }).articles;
    const sources = [TEXT, Buffer.from(TEXT), { path: SAMPLE }, pathToFileURL(SAMPLE), Readable.from([Buffer.from(TEXT)])];
    for (const source of sources) {
      const [page, ...rest] = await pages(source, { file: 'p.txt' });
      expect(rest).toEqual([]);
      expect(page!.articles).toEqual(expected);
      expect(page).toMatchObject({ file: 'p.txt', page: 1, encoding: 'utf-8' });
    }
    expect((await pages({ path: SAMPLE }))[0]!.file).toBe(SAMPLE);
  });

  it('streams page by page, positions counting from the start of the input', async () => {
    const result = await pages(TWO_PAGES, { file: 'two.txt' });
    expect(result.map((p) => p.page)).toEqual([1, 2]);
    expect(result.map((p) => p.articles[0]!.publication.printedPage)).toEqual(['1', '2']);
    const second = result[1]!.articles[0]!;
    expect(TWO_PAGES.slice(second.source.startOffset, second.source.endOffset)).toContain('山区公路全线贯通');
  });

  it('reads GB18030 bytes as the command line does, and takes split options (script, date, paper)', async () => {
    const [page] = await pages(iconv.encode(TEXT, 'gb18030'), { paper: '重庆日报', script: 's2t' });
    expect(page!.encoding).toBe('gb18030');
    expect(page!.articles[0]!.publication).toMatchObject({ paper: '重慶日報', paperFrom: 'option' });
  });

  // one route (run/convert.ts): the library converts a page as the command line does, so the lines a
  // pageSeparator takes out of the text are the page's furniture in both (they went missing here)
  it('gives the lines a pageSeparator took out as furniture, as the command line does', async () => {
    const text = TWO_PAGES.replace('\f', '==== 换版 ====\n');
    const result = await pages(text, { file: 'two.txt', pageSeparator: /^==== 换版 ====$/u });
    expect(result.map((p) => p.page)).toEqual([1, 2]);
    const furniture = result.flatMap((p) => p.diagnostics.furniture).filter((f) => f.text.startsWith('===='));
    expect(furniture).toEqual([expect.objectContaining({ kind: 'page-header', text: '==== 换版 ====', line: 6 })]);
    const dir = mkdtempSync(join(tmpdir(), 'news-split-library-'));
    try {
      const diagnostics = join(dir, 'diagnostics.jsonl');
      const cli = runCli(['--format', 'jsonl', '--page-separator', '^==== 换版 ====$', '--diagnostics', diagnostics, '-o', join(dir, 'out.jsonl'), '-'], text);
      expect(cli.status).toBe(0);
      const cliFurniture = readFileSync(diagnostics, 'utf8').trim().split('\n').flatMap((l) => JSON.parse(l).furniture);
      expect(cliFurniture).toEqual(result.flatMap((p) => p.diagnostics.furniture));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('emit()', () => {
  const records: Article[] = split(TEXT, { file: 'p.txt' }).articles;

  it('writes what the command line writes, in every format', async () => {
    for (const format of ['jsonl', 'csv', 'md']) {
      const cli = runCli(['-f', format, '-'], TEXT).stdout;
      const lib = await emit(split(TEXT).articles, format);
      expect(lib).toBe(cli);
    }
    expect(JSON.parse(await emit(records, 'json')).articles).toEqual(records);
  });

  it('takes an async iterable, --fields names, and refuses an unknown field or format', async () => {
    async function* stream(): AsyncGenerator<Article> { yield* records; }
    expect(await emit(stream(), 'csv', { fields: ['title', 'index'] })).toMatch(/^title,index\n/);
    await expect(emit(records, 'csv', { fields: ['body'] })).rejects.toThrow(/unknown field "body"/);
    await expect(emit(records, 'docx')).rejects.toThrow(/unknown format/);
  });
});

describe('the package entry and examples/library.mjs', () => {
  it('exports convert, emit and split', () => {
    expect(typeof entry.convert).toBe('function');
    expect(typeof entry.emit).toBe('function');
    expect(typeof entry.split).toBe('function');
  });

  it('runs (node examples/library.mjs) and prints a CSV of its page', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'examples', 'library.mjs')], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('page 1 (utf-8): 1 articles, 示例日报, 2024-05-06\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('title,paper,publication_date,page,index,reporters,date\n江边新建一座图书馆,示例日报,2024-05-06,1,1,王小明,2024-05-05\n');
  });
});
