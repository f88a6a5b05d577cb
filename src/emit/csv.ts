/**
 * CSV (RFC 4180, through csv-stringify): a header row, then one row per article, each row
 * stringified on its own so that output streams. Lists are joined with " | " (LIST_SEPARATOR); the
 * body text is one cell with one paragraph per line ("\n" inside the quoted cell).
 *
 * `bom` writes a UTF-8 byte-order mark and CRLF record ends, without which Excel reads UTF-8 as
 * the ANSI code page and shows Chinese as mojibake. `excel` does the same and also neutralises cells
 * that a spreadsheet would run as a formula (= + - @, tab, CR at the start) with a leading "'".
 */
import type { Article } from '../types.js';
import type { EmitterFactory } from './types.js';
import { chosenFields, PARAGRAPH_SEPARATOR, type FieldName } from './fields.js';

// a package is imported on first use, never statically (scripts/bundle.mjs says why)
const { stringify } = await import('csv-stringify/sync');

/**
 * The header, in order: the complete flat view (fields.ts) and the body (`text`). Names match the
 * Markdown front matter's keys. The columns of schema 1.1 come first, in their old order, so that a
 * reader that takes columns by position still finds them; those that 1.2 added follow.
 */
export const CSV_COLUMNS = [
  'id', 'title', 'headlines', 'kicker', 'subtitles', 'reporters', 'correspondents', 'photographers',
  'source', 'date', 'paragraphs', 'text', 'source_file', 'lines',
  'index', 'byline', 'editors', 'agency', 'dateline', 'place', 'page', 'publication_date', 'paper', 'printed_page',
] as const satisfies readonly FieldName[];

/** Joins the values of a multi-valued cell (headlines, reporters…); Chinese text hardly ever contains it. */
export const LIST_SEPARATOR = ' | ';
export { PARAGRAPH_SEPARATOR };

type Cell = string | number;

/** The row of `columns` (default: all of them): lists joined with LIST_SEPARATOR, nothing as ''. */
export function csvRow(a: Article, columns: readonly FieldName[] = CSV_COLUMNS): Cell[] {
  const values = chosenFields(a, columns);
  return columns.map((c): Cell => {
    const v = values[c];
    if (Array.isArray(v)) return v.join(LIST_SEPARATOR);
    return typeof v === 'number' || typeof v === 'string' ? v : '';
  });
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
    const columns = (options.fields as readonly FieldName[] | undefined) ?? CSV_COLUMNS;
    return {
      start: () => stringify([[...columns]], { bom, record_delimiter }),
      article: (a) => {
        const row = csvRow(a, columns);
        return stringify([excel ? row.map(neutraliseFormula) : row], { record_delimiter, quoted_match });
      },
    };
  },
};
