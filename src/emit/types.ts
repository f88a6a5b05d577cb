/**
 * The emitter interface: how articles become output. One emitter instance writes one output stream
 * (stdout, an --output file, or one file per input with --out-dir); the CLI calls start() once,
 * article() for each article in input order, input() after each input's articles, and end() last.
 * Each call returns the text to write (or nothing); calls are synchronous.
 *
 * A plug-in module (`--emitter ./my-emitter.js`) default-exports an EmitterFactory (or exports it
 * as `emitter`); see examples/tsv-emitter.mjs. plugin.ts checks its shape when it loads.
 */
import type { Article, Diagnostics } from '../types.js';
import type { Page } from '../model/tree.js';

export interface InputReport {
  /** the input's name as given (or "stdin") */
  file: string;
  page: number;
  encoding: string;
  articles: number;
  pageDate: string | null;
  diagnostics: Diagnostics;
}

export interface EmitterOptions {
  /** write a UTF-8 BOM and CRLF (CSV: --bom) */
  bom?: boolean;
  /** as bom, and neutralise cells a spreadsheet would run as formulas (CSV: --excel) */
  excel?: boolean;
  /** --fields: the fields of the flat view (fields.ts) to write, in this order (default: every
   *  format's own; plug-ins may honour it too) */
  fields?: readonly string[];
  /** anything else a format understands */
  [key: string]: unknown;
}

export interface Emitter {
  start?(): string | void;
  article(article: Article): string | void;
  /** a format that draws the document tree: called with each page's tree instead of article()
   *  (built-in stateless formats only: the tree exists where the page is split) */
  page?(page: Page): string | void;
  input?(report: InputReport): string | void;
  end?(): string | void;
}

export interface EmitterFactory {
  /** format name used with --format */
  name: string;
  /** file extension (without the dot) used with --out-dir */
  extension: string;
  description: string;
  /** 'per-article': with --out-dir, one file per article (Markdown), each written by a fresh emitter
   *  as start() + article() + end(); default 'per-input', one file per input */
  layout?: 'per-input' | 'per-article';
  /** article() depends on nothing but the article and the options, and input() writes nothing: the
   *  CLI may then call article() where the page was split (a worker thread) and pass on its text.
   *  Honoured for the built-in formats only (a worker loads an emitter by its format name). */
  stateless?: boolean;
  create(options: EmitterOptions): Emitter;
}
