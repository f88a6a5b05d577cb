/**
 * The article record and the diagnostics that news-split produces.
 * This is the library's contract; schema/article.schema.json describes the same shape for JSON users.
 */
import type { People, Role } from './knowledge/roles.js';
import type { Lexicon } from './lexicon/lexicon.js';

/** Where a piece of output came from in the decoded input. Lines are 1-based; offsets are
 *  0-based UTF-16 code-unit indices into the decoded text (JavaScript string indices), end exclusive.
 *  Both count from the start of the file, also on the later pages of a multi-page input. */
export interface SourceSpan {
  file: string;
  page: number;
  startLine: number;
  endLine: number;
  startOffset: number;
  endOffset: number;
}

/** People and organisations named by the article's byline(s), credits and reporter tags. The people
 *  are named by role: reporters, correspondents, photographers, editors (the roles of knowledge/roles.ts). */
export interface Byline extends People {
  /** The byline texts as printed (lead, standalone byline lines, credits, trailing tags), one per line (joined with a line end). */
  raw: string | null;
  /** The paper or agency that the byline itself names (重庆日报讯 → 重庆日报, 新华社…电 → 新华社); null for 本报 or none. */
  source: string | null;
  /** A photo agency named after a credit (摄/视觉重庆 → 视觉重庆). */
  agency: string | null;
}

/** The date (and place) that the lead or the first sentence states. Dates are plain strings, never times. */
export interface Dateline {
  raw: string;
  place: string | null;
  year: number | null;
  month: number | null;
  day: number | null;
  /** YYYY-MM-DD when year, month and day are all known, else null. */
  date: string | null;
}

export type RepairKind =
  /** a word cut in two by a page or column break (…建 / 设,…) */
  | 'mid-word'
  /** a clause cut after a comma or other non-final punctuation (…责任, / 切实…) */
  | 'clause'
  /** a sentence cut without punctuation between two characters that are not one word */
  | 'mid-sentence'
  /** the break repeated a character (…融合 / 合、…): the second copy is dropped */
  | 'duplicate';

/** One re-joined page or column break. */
export interface Repair {
  kind: RepairKind;
  /** 1-based line of the text after the break. */
  line: number;
  /** offset of the text after the break (where the second part starts). */
  offset: number;
  /** the last characters before the break and the first after it, as printed. */
  before: string;
  after: string;
  /** a character dropped by a 'duplicate' repair. */
  dropped?: string;
  /** the evidence that decided the join. */
  evidence: string[];
}

export interface Article {
  /** The version of this record's shape (schema/article.schema.json): "1.2". */
  schema: string;
  /** Stable identifier: input name, page (when the input has several) and 1-based index. */
  id: string;
  index: number;
  /** The main title (主题); a title printed over several lines is joined without separator. */
  title: string;
  /** Every headline line in print order: kicker(s), title line(s), subtitle(s). */
  headlines: string[];
  kicker: string[];
  subtitles: string[];
  byline: Byline;
  dateline: Dateline | null;
  /** Body paragraphs after break repair, without the lead byline and photo credits. */
  paragraphs: string[];
  repairs: Repair[];
  warnings: string[];
  /** Where and when the page was published, and what stated it (schema 1.2). */
  publication: Publication;
  source: SourceSpan;
}

/** The page's publication: its date and its paper, each with what stated it (null: nothing did). */
export interface Publication {
  /** YYYY-MM-DD (--date may also give YYYY-MM or YYYY). */
  date: string | null;
  /** --date ('option'), the page header, or a date in the input file's name. */
  dateFrom: 'option' | 'page-header' | 'file-name' | null;
  paper: string | null;
  /** --paper ('option'), the profile's name, or the name a page header prints. */
  paperFrom: 'option' | 'profile' | 'page-header' | null;
  /** The page of the paper as its header prints it (第09版 → "9", A3版 → "A3"); source.page counts the input's pages. */
  printedPage: string | null;
}

export type FurnitureKind =
  | 'page-header'
  | 'editor'
  | 'navigation'
  | 'jump'
  | 'web-residue'
  | 'table-of-contents'
  | 'section-label'
  | 'image-placeholder'
  | 'unassigned';

/** A line (or part of one) that belongs to no article. */
export interface Furniture {
  kind: FurnitureKind;
  text: string;
  line: number;
  offset: number;
}

export interface Diagnostics {
  furniture: Furniture[];
  warnings: string[];
}

export interface SplitResult {
  articles: Article[];
  diagnostics: Diagnostics;
  /** A date that the page header states (YYYY-MM-DD), used to complete datelines. */
  pageDate: string | null;
}

export interface SplitOptions {
  /** Name used in ids and provenance (default "stdin"). */
  file?: string;
  /** Page number within the input (default 1). */
  page?: number;
  /** Re-join page and column breaks (default true). */
  repair?: boolean;
  /** Publication date (YYYY-MM-DD or YYYY): completes datelines that state only month and day. */
  date?: string;
  /** The paper's name, for every record's publication (default: the profile's name, else the page header's). */
  paper?: string;
  /** The structure model that labels the page's units (default: the one shipped; false: the rule-based segmenter). */
  model?: StructureModel | false;
  /** Where the text starts in its file (a page of a longer input): positions count from the start
   *  of the file. Default: line 1, column 1, offset 0. */
  start?: { line: number; column: number; offset: number };
  /** Extra rules (see profiles). */
  profile?: Profile;
  /** The words break repair asks about: does a page break fall inside a word? (default: jieba in
   *  this thread, loaded on the first question; lexicon/lexicon.ts) */
  lexicon?: Lexicon;
  /** The records' text in the other script (--convert): 't2s' Traditional → Simplified, 's2t' back
   *  (opencc-js); offsets and the source span are unchanged. */
  script?: 't2s' | 's2t';
}

/** A newspaper profile: rules as data for one paper (JSON or YAML, --profile FILE); knowledge/profile.ts
 *  checks and compiles it. Patterns are JavaScript regular expressions (u flag). */
export interface Profile {
  /** the paper's name: bylines that say 本报 name it (source) */
  name?: string;
  /** lines that are furniture: a pattern, or {pattern, kind} */
  furniture?: Array<string | { pattern: string; kind?: FurnitureKind }>;
  /** dateline leads at a paragraph start; named groups: source, place, date, people (e.g. 记者 王芳) */
  datelines?: string[];
  /** whole lines that are bylines; named groups: source, people */
  bylines?: string[];
  /** lines that are headline lines and start an article (rubrics, kickers: 【晨光快评】) */
  headlines?: string[];
  /** lines that are intertitles inside an article, never the start of one (◎ 把好质量关) */
  intertitles?: string[];
  /** the paper's own role words, by role, added to the generic ones: { reporters: [融媒记者], photographers: [图片记者] } */
  roles?: Partial<Record<Role, string[]>>;
  /** outlets to know by name, added to the generic agencies (they may send 电 without a date): 晨光网, 山城社 */
  outlets?: string[];
}

/** A trained structure model (learn/model.ts reads and writes its file): per-feature label weights,
 *  label-to-label transition weights, the transitions print order allows, and how it was trained. */
export interface StructureModel {
  labels: number;
  emission: Float64Array | Float32Array;
  transition: Float64Array | Float32Array;
  allowed: Uint8Array;
  recipe: Record<string, unknown>;
}
