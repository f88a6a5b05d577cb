/**
 * CSV (RFC 4180, through csv-stringify): a header row, then one row per article, each row
 * stringified on its own so that output streams. Lists are joined with " | " (LIST_SEPARATOR); the
 * body text is one cell with one paragraph per line ("\n" inside the quoted cell).
 *
 * `bom` writes a UTF-8 byte-order mark and CRLF record ends, without which Excel reads UTF-8 as
 * the ANSI code page and shows Chinese as mojibake. `excel` does the same and also neutralises cells
 * that a spreadsheet would run as a formula (= + - @, tab, CR at the start) with a leading "'".
 */
import { stringify } from 'csv-stringify/sync';
import type { Article } from '../types.js';
import type { EmitterFactory } from './types.js';
import { articleFields } from './fields.js';

/** The header, in order. Names match the Markdown front matter's keys. */
export const CSV_COLUMNS = [
  'id', 'title', 'headlines', 'kicker', 'subtitles', 'reporters', 'correspondents', 'photographers',
  'source', 'date', 'paragraphs', 'text', 'source_file', 'lines',
] as const;

/** Joins the values of a multi-valued cell (headlines, reporters…); Chinese text hardly ever contains it. */
export const LIST_SEPARATOR = ' | ';
/** Joins the paragraphs in the text cell. */
export const PARAGRAPH_SEPARATOR = '\n';

type Cell = string | number;

export function csvRow(a: Article): Cell[] {
  const f = articleFields(a);
  const cells: Record<(typeof CSV_COLUMNS)[number], Cell> = {
    id: f.id,
    title: f.title,
    headlines: f.headlines.join(LIST_SEPARATOR),
    kicker: f.kicker.join(LIST_SEPARATOR),
    subtitles: f.subtitles.join(LIST_SEPARATOR),
    reporters: f.reporters.join(LIST_SEPARATOR),
    correspondents: f.correspondents.join(LIST_SEPARATOR),
    photographers: f.photographers.join(LIST_SEPARATOR),
    source: f.source ?? '',
    date: f.date ?? '',
    paragraphs: f.paragraphs,
    text: a.paragraphs.join(PARAGRAPH_SEPARATOR),
    source_file: f.source_file,
    lines: f.lines,
  };
  return CSV_COLUMNS.map((c) => cells[c]);
}

// OWASP "CSV injection": a spreadsheet evaluates a cell starting with one of these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell that a spreadsheet would evaluate, made inert with a leading apostrophe. */
export function neutraliseFormula(cell: Cell): Cell {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export const csv: EmitterFactory = {
  name: 'csv',
  extension: 'csv',
  description: 'CSV, one row per article (--bom or --excel for spreadsheet programs)',
  stateless: true,
  create(options) {
    const excel = Boolean(options.excel);
    const bom = excel || Boolean(options.bom);
    const record_delimiter = bom ? 'windows' : 'unix';
    // csv-stringify quotes a cell holding the record delimiter; with CRLF records a bare "\n" (one
    // paragraph per line in `text`) would go out unquoted, and Excel, pandas and Python's csv module
    // all end the row there. Any CR or LF in a cell quotes it.
    const quoted_match = /[\r\n]/;
    return {
      start: () => stringify([[...CSV_COLUMNS]], { bom, record_delimiter }),
      article: (a) => {
        const row = csvRow(a);
        return stringify([excel ? row.map(neutraliseFormula) : row], { record_delimiter, quoted_match });
      },
    };
  },
};
