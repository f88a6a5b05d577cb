/**
 * The flat view of an article that users filter on, shared by the Markdown front matter and the
 * CSV columns so that both formats name a field the same way. Nested records (byline, dateline,
 * source span, publication) become top-level fields; nothing here is re-read from the text.
 * `--fields` chooses among these names (and `text`, the body) for every format.
 */
import type { Article, Byline } from '../types.js';

/** The article's own deck fields, the byline's people and outlets (source: the paper or agency the
 *  byline names), and these flattened ones. */
export type ArticleFields = Pick<Article, 'id' | 'index' | 'title' | 'headlines' | 'kicker' | 'subtitles'>
  & Pick<Byline, 'source' | 'reporters' | 'correspondents' | 'photographers' | 'editors' | 'agency'>
  & {
    /** the byline texts as printed, one per line (joined with a line end) */
    byline: string | null;
    /** the dateline's YYYY-MM-DD when the year is known */
    date: string | null;
    /** the dateline as printed (11月3日下午) */
    dateline: string | null;
    place: string | null;
    /** number of body paragraphs */
    paragraphs: number;
    source_file: string;
    page: number;
    /** first and last line in the input, 1-based: "12-30" */
    lines: string;
    /** the publication's date (publication.date: --date, the page header or the file name) */
    publication_date: string | null;
    /** the paper (publication.paper: --paper, the profile or the page header) */
    paper: string | null;
    /** the page as the paper prints it (publication.printedPage: 第09版 → 9, A3版 → A3) */
    printed_page: string | null;
  };

export function articleFields(a: Article): ArticleFields {
  return {
    id: a.id,
    index: a.index,
    title: a.title,
    headlines: [...a.headlines],
    kicker: [...a.kicker],
    subtitles: [...a.subtitles],
    source: a.byline.source,
    reporters: [...a.byline.reporters],
    correspondents: [...a.byline.correspondents],
    photographers: [...a.byline.photographers],
    editors: [...a.byline.editors],
    agency: a.byline.agency,
    byline: a.byline.raw,
    date: a.dateline?.date ?? null,
    dateline: a.dateline?.raw ?? null,
    place: a.dateline?.place ?? null,
    paragraphs: a.paragraphs.length,
    source_file: a.source.file,
    page: a.source.page,
    lines: `${a.source.startLine}-${a.source.endLine}`,
    publication_date: a.publication.date,
    paper: a.publication.paper,
    printed_page: a.publication.printedPage,
  };
}

/** Every field of the flat view, in the order of {@link articleFields}. */
export const FLAT_FIELDS = [
  'id', 'index', 'title', 'headlines', 'kicker', 'subtitles', 'source', 'reporters', 'correspondents',
  'photographers', 'editors', 'agency', 'byline', 'date', 'dateline', 'place', 'paragraphs', 'source_file',
  'page', 'lines', 'publication_date', 'paper', 'printed_page',
] as const satisfies ReadonlyArray<keyof ArticleFields>;

/** What --fields may name: the flat view, and `text`, the body (paragraphs joined by a line end;
 *  `paragraphs` is their number). */
export const FIELD_NAMES = [...FLAT_FIELDS, 'text'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** Joins the paragraphs in the `text` field. */
export const PARAGRAPH_SEPARATOR = '\n';

/** The --fields list checked: the names in the order given (a repeated name once), or the unknown ones. */
export function parseFields(spec: string): { fields: FieldName[] } | { unknown: string[] } {
  const names = spec.split(',').map((n) => n.trim()).filter((n) => n !== '');
  const unknown = names.filter((n) => !(FIELD_NAMES as readonly string[]).includes(n));
  if (unknown.length || !names.length) return { unknown: unknown.length ? unknown : [spec] };
  return { fields: [...new Set(names)] as FieldName[] };
}

/** The article's values of the chosen fields, in their order (lists stay lists, `text` is a string). */
export function chosenFields(a: Article, fields: readonly FieldName[]): Record<string, unknown> {
  const flat = articleFields(a) as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = f === 'text' ? a.paragraphs.join(PARAGRAPH_SEPARATOR) : flat[f];
  return out;
}
