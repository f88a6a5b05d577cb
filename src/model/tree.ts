/**
 * The document tree: one shape for everything news-split finds on a page, in the manner of unist
 * (unified's syntax trees): every node has a `type` and a `position` in the source, parents have
 * `children`, leaves that hold text have a `value`, and what a transform decided lives in `data`.
 *
 *   Root > Page > Article > Deck > Headline
 *                         > Lead                 the dateline lead, as printed (本报讯（记者 X）)
 *                         > Byline               one byline text as printed: a line, a credit, a tag
 *                         > Paragraph > Piece    the printed pieces a paragraph was joined from
 *                                     > Repair   a re-joined break, between the two pieces
 *               > Furniture {kind, rule}         a line (or part of one) that belongs to no article
 *
 * Positions count from the start of the FILE, not of the page: a page knows where it starts and
 * every node below it is placed from there. Lines and columns are 1-based, columns and offsets
 * count UTF-16 code units (JavaScript string indices, as vfile-location does), `end` is exclusive.
 * Problems are messages on the page with a place and a rule id (as vfile's `file.message`).
 *
 * The tree is built by the pipeline (pipeline.ts) from what the parser and the transforms found;
 * the article record that users read is built from it (emit/record.ts).
 */
import type { Byline as BylineRecord, Dateline, FurnitureKind, Publication, Repair as RepairRecord } from '../types.js';

export interface Point {
  /** 1-based line of the file */
  line: number;
  /** 1-based column, in UTF-16 code units */
  column: number;
  /** 0-based index into the decoded file */
  offset: number;
}

export interface Position {
  start: Point;
  /** exclusive */
  end: Point;
}

interface Node<T extends string> {
  type: T;
  position: Position;
}

/** A headline line as printed (引题, 主题 or 副题: the deck's data says which). */
export interface Headline extends Node<'headline'> {
  value: string;
}

/** The run of headline lines over an article, and how they read. */
export interface Deck extends Node<'deck'> {
  children: Headline[];
  data: { title: string; kicker: string[]; subtitles: string[] };
}

/** The dateline lead opening the first paragraph: 本报讯（记者 张三） or 新华社北京5月5日电. */
export interface Lead extends Node<'lead'> {
  value: string;
}

/** Where a byline text stood: the lead, a byline line, a web page's meta line, a photo credit, a closing tag. */
export type BylineKind = 'lead' | 'line' | 'meta' | 'credit' | 'tag';

/** One byline text as printed. The article's merged people and outlets are on the article's data. */
export interface Byline extends Node<'byline'> {
  value: string;
  data: { kind: BylineKind };
}

/** A printed piece of a paragraph: a line, or the part of one that is body text. */
export interface Piece extends Node<'piece'> {
  value: string;
}

/** A page or column break that was re-joined; it stands between the two pieces it joined. */
export interface Repair extends Node<'repair'> {
  data: RepairRecord;
}

/** A body paragraph after break repair: its text and the pieces (and repairs) it came from. */
export interface Paragraph extends Node<'paragraph'> {
  value: string;
  children: Array<Piece | Repair>;
}

export type ArticleContent = Deck | Lead | Byline | Paragraph;

export interface ArticleData {
  id: string;
  index: number;
  /** the people and outlets of all the article's bylines, merged (raw: see emit/record.ts) */
  byline: Omit<BylineRecord, 'raw'>;
  dateline: Dateline | null;
  warnings: string[];
  /** first and last line of the units that fed the article (a hard-wrapped unit counts at its first line) */
  lines: { start: number; end: number };
}

export interface Article extends Node<'article'> {
  children: ArticleContent[];
  data: ArticleData;
}

/** A line, or part of one, that belongs to no article. `rule` names what matched it. */
export interface Furniture extends Node<'furniture'> {
  kind: FurnitureKind;
  /** the table or decision that made it furniture (e.g. 'furniture-table', 'html-break', 'no-article') */
  rule: string;
  value: string;
}

/** A problem found on a page, with a place and the rule that reported it (as vfile's messages). */
export interface Message {
  reason: string;
  ruleId: string;
  /** where, when the problem has a place (an option problem has none) */
  place: Position | null;
  /** the id of the article it concerns, if any */
  article?: string;
}

export interface Page extends Node<'page'> {
  children: Array<Article | Furniture>;
  data: {
    file: string;
    /** 1-based page number within the file */
    page: number;
    /** the date the page header states (YYYY-MM-DD) */
    pageDate: string | null;
    /** the page's date and paper, with what stated them */
    publication: Publication;
    messages: Message[];
  };
}

export interface Root extends Node<'root'> {
  children: Page[];
}

export type AnyNode = Root | Page | Article | Deck | Headline | Lead | Byline | Paragraph | Piece | Repair | Furniture;

/** The start of a file: where a single page begins. */
export const FILE_START: Point = Object.freeze({ line: 1, column: 1, offset: 0 });

/** A node's children, or none. */
export function childrenOf(node: AnyNode): readonly AnyNode[] {
  return 'children' in node ? node.children : [];
}

/** The articles of a page, in order. */
export const articlesOf = (page: Page): Article[] => page.children.filter((c): c is Article => c.type === 'article');

/** The furniture of a page, in order. */
export const furnitureOf = (page: Page): Furniture[] => page.children.filter((c): c is Furniture => c.type === 'furniture');

/** The first child of a type, or undefined. */
export function childOf<T extends ArticleContent['type']>(a: Article, type: T): Extract<ArticleContent, { type: T }> | undefined {
  return a.children.find((c) => c.type === type) as Extract<ArticleContent, { type: T }> | undefined;
}

/** Every child of a type, in order. */
export function childrenOfType<T extends ArticleContent['type']>(a: Article, type: T): Array<Extract<ArticleContent, { type: T }>> {
  return a.children.filter((c) => c.type === type) as Array<Extract<ArticleContent, { type: T }>>;
}
