// Every record says where it came from (issue 17): the publication's date and paper, each with what
// stated it, and the page as the paper prints it, beside the input file, its page and the article's index.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { split } from '../src/pipeline.js';
import { dateInFileName, pageInHeader, paperInHeader } from '../src/transform/publication.js';
import { runCli, SAMPLE } from './helpers/cli.js';

// invented pages: one with a header that names the paper, date and page, one without any header
const HEADED = '示例日报 2024年5月6日 第02版\n\n江边新建一座图书馆\n\n本报讯（记者 王小明）5月5日上午，江边新图书馆正式开放。\n\n馆内藏书二十万册。\n';
const BARE = '江边新建一座图书馆\n\n本报讯（记者 王小明）5月5日上午，江边新图书馆正式开放。\n\n馆内藏书二十万册。\n';

describe('the date in a file name', () => {
  it.each([
    ['rmrb-20191008-p09.txt', '2019-10-08'],
    ['archive/2019/peoplecn-2026-06-01.txt', '2026-06-01'],
    ['cqrb_2019_09_16.txt', '2019-09-16'],
    ['C:\\scans\\2023.11.04.txt', '2023-11-04'],
  ])('%s → %s', (name, date) => expect(dateInFileName(name)).toBe(date));

  it.each([['2019-10-08/page.txt'], ['id-1201910081.txt'], ['2023-02-30.txt'], ['2013-12_p01.txt'], ['stdin']])(
    'none in %s', (name) => expect(dateInFileName(name)).toBeNull());
});

describe('what a page header names', () => {
  it.each([
    ['人民日报 2019年10月01日 第09版', '人民日报', '9'],
    ['2026年6月12日人民日报 第3版', '人民日报', '3'],
    ['《 人民日报 》( 2026年06月12日 06 版)', '人民日报', '6'],
    ['2023年4月4日重庆手机报', '重庆手机报', null],
    ['晨光報2013年十二月號', '晨光報', null],
    ['2019年10月21日 第08版', null, '8'],
    ['A3版 要闻', null, 'A3'],
    ['江城日报 | 2019-02-01 | A03 要闻', '江城日报', 'A3'],
  ])('%s → %s, page %s', (header, paper, page) => {
    expect(paperInHeader(header)).toBe(paper);
    expect(pageInHeader(header)).toBe(page);
  });
});

describe('record.publication', () => {
  it('takes the date and the paper from the page header', () => {
    const [a] = split(HEADED, { file: 'x.txt' }).articles;
    expect(a!.publication).toEqual({ date: '2024-05-06', dateFrom: 'page-header', paper: '示例日报', paperFrom: 'page-header', printedPage: '2' });
    expect(a!.source).toMatchObject({ file: 'x.txt', page: 1 });
    expect(a!.index).toBe(1);
  });

  it('reads a running head between bars, and drops it where it falls inside a paragraph', () => {
    // a PDF's running head at the top of each page, the second one between two halves of a sentence
    const page = '示例日报 | 2024-05-06 | A03 要闻\n\n江边新建一座图书馆\n\n本报讯（记者 王小明）5月5日上午，江边新图书馆正式开放，市民排队\n'
      + '示例日报 | 2024-05-06 | A04 要闻\n入馆参观。\n\n馆内藏书二十万册。\n';
    const { articles } = split(page, { file: 'x.txt' });
    expect(articles).toHaveLength(1);
    expect(articles[0]!.publication).toMatchObject({ date: '2024-05-06', paper: '示例日报', printedPage: 'A3' });
    expect(articles[0]!.paragraphs.join('\n')).not.toContain('要闻');
    expect(articles[0]!.paragraphs.join('\n')).toContain('市民排队入馆参观。');
  });

  it('falls back on the file name for the date; --date, --paper and the profile win', () => {
    expect(split(BARE, { file: 'scans/rmrb-20191008-p09.txt' }).articles[0]!.publication)
      .toEqual({ date: '2019-10-08', dateFrom: 'file-name', paper: null, paperFrom: null, printedPage: null });
    expect(split(HEADED, { file: 'rmrb-20191008.txt', date: '2024-5-7', paper: '另一报' }).articles[0]!.publication)
      .toMatchObject({ date: '2024-05-07', dateFrom: 'option', paper: '另一报', paperFrom: 'option' });
    expect(split(HEADED, { profile: { name: '晨光报' } }).articles[0]!.publication).toMatchObject({ paper: '晨光报', paperFrom: 'profile' });
    expect(split(BARE).articles[0]!.publication).toEqual({ date: null, dateFrom: null, paper: null, paperFrom: null, printedPage: null });
  });

  it('leaves the datelines alone: a file name date completes none', () => {
    const plain = split(BARE).articles[0]!;
    const named = split(BARE, { file: 'rmrb-20191008.txt' }).articles[0]!;
    expect(named.dateline).toEqual(plain.dateline);
  });
});

describe('news-split --paper, and the publication in every format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'news-split-publication-'));
  const page = join(dir, 'scan-20191008.txt');
  writeFileSync(page, BARE);

  it('writes publication into JSON Lines and the flat fields into CSV and Markdown', () => {
    const jsonl = runCli(['--paper', '人民日报', page]);
    expect(jsonl.status).toBe(0);
    const record = JSON.parse(jsonl.stdout.split('\n')[0]!);
    expect(record.schema).toBe('1.2');
    expect(record.publication).toEqual({ date: '2019-10-08', dateFrom: 'file-name', paper: '人民日报', paperFrom: 'option', printedPage: null });
    const csv = runCli(['-f', 'csv', '--paper', '人民日报', page]);
    expect(csv.stdout.split('\n')[0]).toContain('publication_date,paper,printed_page');
    expect(csv.stdout).toContain('2019-10-08,人民日报,');
    const md = runCli(['-f', 'md', '--paper', '人民日报', page]);
    expect(md.stdout).toContain('publication_date: \'2019-10-08\'\npaper: 人民日报\nprinted_page: null\n');
  });

  it('refuses an empty --paper (exit 2)', () => {
    const r = runCli(['--paper', ' ', SAMPLE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^news-split: error: .*--paper/m);
  });

  it('keeps the sample page\'s records as they were, publication added', () => {
    const [a] = split(readFileSync(SAMPLE, 'utf8'), { file: 'cqrb-2023-11-04-p1.txt' }).articles;
    expect(a!.publication).toMatchObject({ date: '2023-11-04', dateFrom: 'file-name' });
    expect(Object.keys(a!)).toEqual(['schema', 'id', 'index', 'title', 'headlines', 'kicker', 'subtitles', 'byline',
      'dateline', 'paragraphs', 'repairs', 'warnings', 'publication', 'source']);
  });
});
