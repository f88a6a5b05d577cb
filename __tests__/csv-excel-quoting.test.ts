// Defect: with --bom/--excel (CRLF records) a cell whose only special character is a bare "\n" (a
// multi-paragraph body: Chinese text uses full-width commas) was left unquoted, so every paragraph
// became a row of its own. The file is read back with a real CSV reader.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { runCli, FIXTURES } from './helpers/cli.js';

const require = createRequire(import.meta.url);
const { parse } = require('csv-parse/sync') as { parse: (input: string, o: object) => string[][] };

// pages with no ASCII comma or quote, and articles of several paragraphs
const PAGES = ['break-repairs', 'intertitles', 'hard-wrapped-columns'].map((p) => join(FIXTURES, p, 'input.txt'));

describe('CSV for spreadsheets (--bom, --excel)', () => {
  for (const p of PAGES) expect(/[,"]/.test(readFileSync(p, 'utf8'))).toBe(false);
  const articles = runCli(['-f', 'jsonl', ...PAGES]).stdout.trim().split('\n').map((l) => JSON.parse(l) as { paragraphs: string[] });

  it.each([['--bom'], ['--excel'], ['']])('%s: one row per article, multi-line cells quoted', (...flags) => {
    expect(articles.some((a) => a.paragraphs.length > 1)).toBe(true);
    const r = runCli(['-f', 'csv', ...flags.filter(Boolean), ...PAGES]);
    expect(r.status).toBe(0);
    // a reader that takes any line end outside quotes as a record end, as Python's csv module and pandas do
    const rows = parse(r.stdout, { bom: true, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true });
    expect(rows.length).toBe(articles.length + 1);
    const text = rows[0]!.indexOf('text');
    rows.slice(1).forEach((row, i) => {
      expect(row[text]).toBe(articles[i]!.paragraphs.join('\n'));
    });
  });
});
