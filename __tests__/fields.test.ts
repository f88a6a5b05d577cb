// --fields for every format, and the CSV's complete flat view (issue 17).
import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { FIELD_NAMES, FLAT_FIELDS, articleFields, chosenFields, parseFields } from '../src/emit/fields.js';
import { CSV_COLUMNS } from '../src/emit/csv.js';
import { readFrontMatter } from '../src/emit/front-matter.js';
import { runCli, SAMPLE } from './helpers/cli.js';
import { sampleArticles } from './helpers/emit.js';

describe('the flat view', () => {
  const [a] = sampleArticles();

  it('names every field once, in the order of the Markdown front matter, and the CSV has them all', () => {
    expect(Object.keys(articleFields(a!))).toEqual([...FLAT_FIELDS]);
    expect([...CSV_COLUMNS].sort()).toEqual([...FIELD_NAMES].sort());
    for (const f of ['page', 'index', 'dateline', 'place', 'editors', 'agency', 'byline', 'publication_date', 'paper']) expect(CSV_COLUMNS).toContain(f);
  });

  it('checks a --fields list: the names in their order, a repeat once; unknown names listed', () => {
    expect(parseFields('title, date,text,title')).toEqual({ fields: ['title', 'date', 'text'] });
    expect(parseFields('title,body,wordcount')).toEqual({ unknown: ['body', 'wordcount'] });
    expect(parseFields(',')).toEqual({ unknown: [','] });
    expect(chosenFields(a!, ['paragraphs', 'text', 'reporters'])).toEqual({ paragraphs: a!.paragraphs.length, text: a!.paragraphs.join('\n'), reporters: a!.byline.reporters });
  });
});

describe('news-split --fields', () => {
  const fields = 'title,date,paragraphs,text,reporters';
  const args = (format: string): string[] => ['-f', format, '--fields', fields, SAMPLE];

  it('jsonl: each line holds the chosen fields, in order', () => {
    const r = runCli(args('jsonl'));
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(Object.keys(l)).toEqual(['title', 'date', 'paragraphs', 'text', 'reporters']);
    expect(typeof lines[0].paragraphs).toBe('number');
    expect(Array.isArray(lines[0].reporters)).toBe(true);
  });

  it('json: the articles hold the chosen fields; the document keeps version and inputs', () => {
    const doc = JSON.parse(runCli(args('json')).stdout);
    expect(doc.version).toBe('1.2');
    expect(doc.inputs).toHaveLength(1);
    for (const a of doc.articles) expect(Object.keys(a)).toEqual(['title', 'date', 'paragraphs', 'text', 'reporters']);
  });

  it('csv: the chosen columns, in order', () => {
    const r = runCli(args('csv'));
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(r.stdout.split('\n')[0]).toBe('title,date,paragraphs,text,reporters');
    expect(rows.length).toBeGreaterThan(1);
    expect(rows[0]!.text!.split('\n').length).toBe(Number(rows[0]!.paragraphs));
  });

  it('markdown: the front matter holds the chosen fields (text is the body, always written)', () => {
    const r = runCli(args('md'));
    const first = r.stdout.split(/^(?=---\ntitle: )/m)[0]!;
    const { data, content } = readFrontMatter(first);
    expect(Object.keys(data)).toEqual(['title', 'date', 'paragraphs', 'reporters']);
    expect(content.length).toBeGreaterThan(0);
  });

  it('an unknown field is a usage error (exit 2) that lists the valid names', () => {
    const r = runCli(['--fields', 'title,body', SAMPLE]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('news-split: error: --fields: unknown field "body" (valid: id, index, title,');
    expect(r.stderr).toContain('publication_date, paper, printed_page, text)');
  });

  it('the tree format takes no --fields (exit 2)', () => {
    expect(runCli(['-f', 'tree', '--fields', 'title', SAMPLE]).status).toBe(2);
  });
});

describe('csv without --fields: the complete flat view', () => {
  it('carries page, index, dateline, place, editors and agency', () => {
    const r = runCli(['-f', 'csv', SAMPLE]);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    const jsonl = runCli([SAMPLE]).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((row) => [row.index, row.page, row.dateline, row.place, row.editors, row.agency])).toEqual(
      jsonl.map((a) => [String(a.index), String(a.source.page), a.dateline?.raw ?? '', a.dateline?.place ?? '', a.byline.editors.join(' | '), a.byline.agency ?? '']));
  });
});
