import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { csv, CSV_COLUMNS, LIST_SEPARATOR, neutraliseFormula } from '../src/emit/csv.js';
import type { EmitterOptions } from '../src/emit/types.js';
import type { Article } from '../src/types.js';
import { sampleArticles, withTitle } from './helpers/emit.js';

const articles = sampleArticles();
const [first] = articles as [Article];

function emit(list: Article[], options: EmitterOptions = {}): string {
  const e = csv.create(options);
  return [e.start?.(), ...list.map((a) => e.article(a)), e.end?.()].map((t) => t ?? '').join('');
}

function rows(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true, relax_column_count: false }) as Record<string, string>[];
}

const list = (cell: string | undefined): string[] => (cell ? cell.split(LIST_SEPARATOR) : []);

/** The record as the CSV must give it back. */
function expectedRow(a: Article): Record<string, string> {
  return {
    id: a.id, title: a.title, headlines: a.headlines.join(LIST_SEPARATOR), kicker: a.kicker.join(LIST_SEPARATOR),
    subtitles: a.subtitles.join(LIST_SEPARATOR), reporters: a.byline.reporters.join(LIST_SEPARATOR),
    correspondents: a.byline.correspondents.join(LIST_SEPARATOR), photographers: a.byline.photographers.join(LIST_SEPARATOR),
    source: a.byline.source ?? '', date: a.dateline?.date ?? '', paragraphs: String(a.paragraphs.length),
    text: a.paragraphs.join('\n'), source_file: a.source.file, lines: `${a.source.startLine}-${a.source.endLine}`,
    index: String(a.index), byline: a.byline.raw ?? '', editors: a.byline.editors.join(LIST_SEPARATOR),
    agency: a.byline.agency ?? '', dateline: a.dateline?.raw ?? '', place: a.dateline?.place ?? '', page: String(a.source.page),
    publication_date: a.publication.date ?? '', paper: a.publication.paper ?? '', printed_page: a.publication.printedPage ?? '',
  };
}

describe('csv emitter', () => {
  it('writes a stable header and parses back to the records', () => {
    const text = emit(articles);
    expect(text.split('\n')[0]).toBe(CSV_COLUMNS.join(','));
    // the columns of schema 1.1 first, in their order; then the rest of the flat view (schema 1.2)
    expect(CSV_COLUMNS).toEqual(['id', 'title', 'headlines', 'kicker', 'subtitles', 'reporters', 'correspondents',
      'photographers', 'source', 'date', 'paragraphs', 'text', 'source_file', 'lines',
      'index', 'byline', 'editors', 'agency', 'dateline', 'place', 'page', 'publication_date', 'paper', 'printed_page']);
    const back = rows(text);
    expect(back).toEqual(articles.map(expectedRow));
    expect(back.map((r) => list(r.headlines))).toEqual(articles.map((a) => a.headlines));
    expect(back.map((r) => r.text!.split('\n'))).toEqual(articles.map((a) => a.paragraphs));
  });

  it('quotes what RFC 4180 requires: commas, quotes and line breaks stay in their cell', () => {
    const a = { ...withTitle(first, '他说:"好,很好"'), paragraphs: ['第一段,有逗号。', '第二段"引号"。', 'a\r\nb'] };
    const text = emit([a]);
    expect(text).toContain('"他说:""好,很好"""');
    expect(rows(text)[0]).toMatchObject({ title: '他说:"好,很好"', text: '第一段,有逗号。\n第二段"引号"。\na\r\nb' });
  });

  it('writes only the header for no articles', () => {
    expect(emit([])).toBe(`${CSV_COLUMNS.join(',')}\n`);
  });

  it('streams: each article is one self-contained chunk of rows', () => {
    const e = csv.create({});
    e.start?.();
    const chunk = e.article(first) ?? '';
    expect(parse(chunk)).toHaveLength(1);
  });

  it('--bom writes a UTF-8 BOM and CRLF record ends, line breaks inside cells stay LF', () => {
    const text = emit(articles, { bom: true });
    expect(text.startsWith('\uFEFFid,title,')).toBe(true);
    expect(text.match(/\r\n/g)).toHaveLength(articles.length + 1);
    expect(rows(text).map((r) => r.title)).toEqual(articles.map((a) => a.title));
    expect(rows(text)[0]!.text).toBe(first.paragraphs.join('\n'));
  });

  it('--excel neutralises cells a spreadsheet would run as formulas, and only with --excel', () => {
    const evil = { ...withTitle(first, '=HYPERLINK("http://x","点我")'), paragraphs: ['+1', '-2'],
      byline: { ...first.byline, reporters: ['@SUM(A1)'] } };
    const plain = rows(emit([evil]))[0]!;
    expect(plain.title).toBe('=HYPERLINK("http://x","点我")');
    const excel = emit([evil], { excel: true });
    expect(excel.startsWith('\uFEFF')).toBe(true);
    expect(excel).toContain('\r\n');
    const row = rows(excel)[0]!;
    expect(row.title).toBe(`'=HYPERLINK("http://x","点我")`);
    expect(row.text).toBe("'+1\n-2");
    expect(row.reporters).toBe("'@SUM(A1)");
    expect(row.id).toBe(first.id);
  });

  it('neutralises = + - @ tab and CR at the start, nothing else', () => {
    expect(['=1', '+1', '-1', '@a', '\t1', '\r1', '1-', '重庆', 7].map(neutraliseFormula))
      .toEqual(["'=1", "'+1", "'-1", "'@a", "'\t1", "'\r1", '1-', '重庆', 7]);
  });
});
