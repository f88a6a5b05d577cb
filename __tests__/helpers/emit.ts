// Shared by the emitter tests: articles from the sample page and the dev corpus, and ways to read
// the emitters' output back.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import matter from 'gray-matter';
import { split } from '../../src/pipeline.js';
import { decodeBuffer } from '../../src/read/decode.js';
import type { Article } from '../../src/types.js';
import { ROOT, SAMPLE } from './cli.js';

export const DEV_CORPUS = join(ROOT, '..', 'shared', 'corpus', 'dev');

export function articlesOf(path: string, file = relative(ROOT, path)): Article[] {
  // as the rule-based segmenter reads the page (model: false): the emitters are checked against known records
  return split(decodeBuffer(readFileSync(path)).text, { file, model: false }).articles;
}

export const sampleArticles = (): Article[] => articlesOf(SAMPLE);

/** A copy of `a` with another title (and that title as its only title line). */
export function withTitle(a: Article, title: string): Article {
  return { ...a, title, headlines: [...a.kicker, title, ...a.subtitles] };
}

/** Every page (.txt) under ../shared/corpus/dev, or null when ../shared is not there. */
export function devPages(): string[] | null {
  if (!existsSync(DEV_CORPUS)) return null;
  const pages: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.txt')) pages.push(path);
    }
  };
  walk(DEV_CORPUS);
  return pages;
}

/** Markdown on one stream → its documents: each starts with the line `---` and then `id: `. */
export function markdownDocuments(stream: string): string[] {
  return stream.split(/^(?=---\nid: )/m).filter((d) => d.length > 0);
}

/** The front matter of one Markdown document, parsed by gray-matter (fresh, not from its cache). */
export function frontMatterOf(doc: string): Record<string, unknown> {
  return matter(doc, {}).data as Record<string, unknown>;
}

/** What the front matter must hold for `a`. */
export function expectedFrontMatter(a: Article): Record<string, unknown> {
  return {
    id: a.id, index: a.index, title: a.title, headlines: a.headlines, kicker: a.kicker, subtitles: a.subtitles,
    source: a.byline.source, reporters: a.byline.reporters, correspondents: a.byline.correspondents,
    photographers: a.byline.photographers, editors: a.byline.editors, agency: a.byline.agency, byline: a.byline.raw,
    date: a.dateline?.date ?? null, dateline: a.dateline?.raw ?? null, place: a.dateline?.place ?? null,
    paragraphs: a.paragraphs.length, source_file: a.source.file, page: a.source.page,
    lines: `${a.source.startLine}-${a.source.endLine}`,
    publication_date: a.publication.date, paper: a.publication.paper, printed_page: a.publication.printedPage,
  };
}
