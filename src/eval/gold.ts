/**
 * Gold files: the hand-labelled right answer for one page. A gold set is a folder (searched
 * recursively, in name order) of pairs `X.txt` (the page as the user has it) + `X.gold.json`:
 *
 *   {"input": "X.txt", "note": "…", "articles": [{"headlines": […], "title": "…",
 *    "byline": {"source": "…", "reporters": […], "correspondents": […], "photographers": […]},
 *    "paragraphs": […]}], "noise": […]}
 *
 * The labelling rules are in the README ("Measuring accuracy"). A byline field that the gold leaves
 * out is not scored for that article; a title of null is not scored either. Every problem is
 * reported with the file and the field (`articles[2].byline.reporters[0]`), all at once.
 */
import { findGoldFiles } from '../read/gold-files.js';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';

/** The byline fields that are scored, in the scorer's order. Editors are not scored. */
export const BYLINE_FIELDS = ['source', 'reporters', 'correspondents', 'photographers'] as const;
export type BylineField = (typeof BYLINE_FIELDS)[number];

export interface GoldByline {
  source?: string | null;
  reporters?: string[];
  correspondents?: string[];
  photographers?: string[];
}

export interface GoldArticle {
  headlines: string[];
  /** null: not labelled, not scored */
  title: string | null;
  byline: GoldByline;
  paragraphs: string[];
}

export interface GoldPage {
  /** path of the .gold.json file */
  goldFile: string;
  /** path of the input file (the gold's `input`, beside it) */
  inputFile: string;
  /** the `input` field as written: the page's name in reports */
  input: string;
  note: string | null;
  articles: GoldArticle[];
  noise: string[];
}

export class GoldError extends Error {
  constructor(readonly file: string, readonly field: string | null, problem: string) {
    super(`${file}: ${field ? `${field}: ` : ''}${problem}`);
    this.name = 'GoldError';
  }
}

const ARTICLE_KEYS = new Set(['headlines', 'title', 'byline', 'paragraphs', 'note']);
const BYLINE_KEYS = new Set<string>(BYLINE_FIELDS);

export { findGoldFiles };

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`.slice(0, 40);
}

/** Validate parsed JSON as a gold page: the page, or every problem found (page null). */
export function parseGold(json: unknown, goldFile: string): { page: GoldPage | null; errors: GoldError[] } {
  const errors: GoldError[] = [];
  const fail = (field: string | null, problem: string): void => { errors.push(new GoldError(goldFile, field, problem)); };
  const strings = (v: unknown, field: string): string[] => {
    if (!Array.isArray(v)) { fail(field, `expected a list of strings, got ${describe(v)}`); return []; }
    v.forEach((s, i) => { if (typeof s !== 'string') fail(`${field}[${i}]`, `expected a string, got ${describe(s)}`); });
    return v.filter((s): s is string => typeof s === 'string');
  };

  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    fail(null, `expected a JSON object with "input" and "articles", got ${describe(json)}`);
    return { page: null, errors };
  }
  const g = json as Record<string, unknown>;
  if (typeof g.input !== 'string' || !g.input) fail('input', `expected the input file's name, got ${describe(g.input)}`);
  if (g.note !== undefined && typeof g.note !== 'string') fail('note', `expected a string, got ${describe(g.note)}`);
  const noise = g.noise === undefined ? [] : strings(g.noise, 'noise');
  const articles: GoldArticle[] = [];
  if (!Array.isArray(g.articles)) fail('articles', `expected a list of articles, got ${describe(g.articles)}`);
  else g.articles.forEach((a: unknown, i) => {
    const at = `articles[${i}]`;
    if (typeof a !== 'object' || a === null || Array.isArray(a)) { fail(at, `expected an article object, got ${describe(a)}`); return; }
    const r = a as Record<string, unknown>;
    for (const k of Object.keys(r)) if (!ARTICLE_KEYS.has(k)) fail(`${at}.${k}`, `unknown field (known: ${[...ARTICLE_KEYS].join(', ')})`);
    if (r.paragraphs === undefined) fail(`${at}.paragraphs`, 'missing (the body paragraphs, a list of strings)');
    const paragraphs = r.paragraphs === undefined ? [] : strings(r.paragraphs, `${at}.paragraphs`);
    const headlines = r.headlines === undefined ? [] : strings(r.headlines, `${at}.headlines`);
    if (r.title !== undefined && r.title !== null && typeof r.title !== 'string') fail(`${at}.title`, `expected a string, got ${describe(r.title)}`);
    const byline: GoldByline = {};
    if (r.byline !== undefined) {
      if (typeof r.byline !== 'object' || r.byline === null || Array.isArray(r.byline)) fail(`${at}.byline`, `expected an object, got ${describe(r.byline)}`);
      else {
        const b = r.byline as Record<string, unknown>;
        for (const k of Object.keys(b)) if (!BYLINE_KEYS.has(k)) fail(`${at}.byline.${k}`, `unknown field (scored: ${BYLINE_FIELDS.join(', ')}; editors go to "noise")`);
        if ('source' in b) {
          if (b.source !== null && typeof b.source !== 'string') fail(`${at}.byline.source`, `expected a string, got ${describe(b.source)}`);
          else byline.source = b.source as string | null;
        }
        for (const role of ['reporters', 'correspondents', 'photographers'] as const) {
          if (role in b) byline[role] = strings(b[role], `${at}.byline.${role}`);
        }
      }
    }
    articles.push({ headlines, title: typeof r.title === 'string' ? r.title : null, byline, paragraphs });
  });
  if (errors.length) return { page: null, errors };
  const input = g.input as string;
  return {
    page: {
      goldFile, inputFile: join(dirname(goldFile), input), input,
      note: typeof g.note === 'string' ? g.note : null, articles, noise,
    },
    errors,
  };
}

/** Read and validate one gold file, and check that its input exists. */
export function readGoldFile(goldFile: string): { page: GoldPage | null; errors: GoldError[] } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(goldFile, 'utf8').replace(/^\ufeff/, ''));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const problem = e instanceof SyntaxError ? `not valid JSON: ${e.message}` : e.code === 'ENOENT' ? 'no such file' : e.message;
    return { page: null, errors: [new GoldError(goldFile, null, problem)] };
  }
  const r = parseGold(json, goldFile);
  if (r.page && !existsSync(r.page.inputFile)) {
    return { page: null, errors: [new GoldError(goldFile, 'input', `no file ${basename(r.page.inputFile)} beside the gold file`)] };
  }
  return r;
}

/** Every gold page below the folders (or gold files) given, with all problems found. */
export function readGoldSet(paths: readonly string[]): { pages: GoldPage[]; errors: GoldError[] } {
  const pages: GoldPage[] = [];
  const errors: GoldError[] = [];
  for (const p of paths) {
    let files: string[];
    try {
      files = statSync(p).isDirectory() ? findGoldFiles(p) : [p];
    } catch {
      errors.push(new GoldError(p, null, 'no such file or folder'));
      continue;
    }
    if (!files.length) errors.push(new GoldError(p, null, 'no *.gold.json files in this folder'));
    for (const f of files) {
      const r = readGoldFile(f);
      if (r.page) pages.push(r.page);
      errors.push(...r.errors);
    }
  }
  return { pages, errors };
}
