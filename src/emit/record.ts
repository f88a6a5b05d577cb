/**
 * The document tree → the versioned article record (types.ts, schema/article.schema.json) and the
 * page's diagnostics. This is the one place that decides how the tree reads as a record; emitters
 * and verify read the record (or the tree), never the text again.
 */
import { articlesOf, furnitureOf, type Article as ArticleNode, type Page } from '../model/tree.js';
import type { Article, Byline, Furniture, SplitResult } from '../types.js';
import { SCHEMA_VERSION } from './version.js';

/** The byline texts of an article node, in the order the record lists them: lead, then bylines. */
export function bylineTexts(a: ArticleNode): string[] {
  const out: string[] = [];
  for (const c of a.children) if (c.type === 'lead' || c.type === 'byline') out.push(c.value);
  return out;
}

/**
 * The byline texts of a record, one per printed byline. `byline.raw` holds them one per line (a
 * byline text is a unit of one line, so it holds no line end of its own); this is the one reader
 * of that encoding.
 */
export function bylineLines(b: Pick<Byline, 'raw'>): string[] {
  return b.raw === null ? [] : b.raw.split('\n');
}

export function articleRecord(a: ArticleNode, page: Page): Article {
  const deck = a.children.find((c) => c.type === 'deck');
  const texts = bylineTexts(a);
  const d = a.data;
  const paragraphs: string[] = [];
  const repairs: Article['repairs'] = [];
  for (const c of a.children) {
    if (c.type !== 'paragraph') continue;
    paragraphs.push(c.value);
    for (const p of c.children) if (p.type === 'repair') repairs.push(p.data);
  }
  return {
    schema: SCHEMA_VERSION,
    id: d.id,
    index: d.index,
    title: deck ? deck.data.title : '',
    headlines: deck ? deck.children.map((h) => h.value) : [],
    kicker: deck ? deck.data.kicker : [],
    subtitles: deck ? deck.data.subtitles : [],
    byline: { raw: texts.length ? texts.join('\n') : null, ...d.byline },
    dateline: d.dateline,
    paragraphs,
    repairs,
    warnings: d.warnings,
    publication: { ...page.data.publication },
    source: {
      file: page.data.file,
      page: page.data.page,
      startLine: d.lines.start,
      endLine: d.lines.end,
      startOffset: a.position.start.offset,
      endOffset: a.position.end.offset,
    },
  };
}

export function resultFrom(page: Page): SplitResult {
  const furniture: Furniture[] = furnitureOf(page).map((f) => ({ kind: f.kind, text: f.value, line: f.position.start.line, offset: f.position.start.offset }));
  const warnings = page.data.messages.filter((m) => m.article === undefined).map((m) => m.reason);
  return {
    articles: articlesOf(page).map((a) => articleRecord(a, page)),
    diagnostics: { furniture, warnings },
    pageDate: page.data.pageDate,
  };
}
