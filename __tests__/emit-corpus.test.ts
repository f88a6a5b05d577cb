// Every emitter over the sample page, this project's emitter fixtures and every page of the dev corpus
// (../shared/corpus/dev, read in place: it is copyrighted and never copied here). When ../shared is
// missing (a bare checkout), only the fixtures run, and the first test says so; in CI (CI set) a
// missing corpus fails instead of shrinking the test silently.
import { describe, expect, it } from '@jest/globals';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { csv } from '../src/emit/csv.js';
import { markdown } from '../src/emit/markdown.js';
import { loadPlugin } from '../src/emit/plugin.js';
import type { EmitterFactory, EmitterOptions } from '../src/emit/types.js';
import type { Article } from '../src/types.js';
import { FIXTURES, ROOT, SAMPLE } from './helpers/cli.js';
import { articlesOf, devPages, DEV_CORPUS, expectedFrontMatter, frontMatterOf, markdownDocuments } from './helpers/emit.js';

const corpus = devPages();
const pages = [SAMPLE, join(FIXTURES, 'emit', 'hostile-titles.txt'), ...(corpus ?? [])];
const label = (p: string): string => (p.startsWith(DEV_CORPUS) ? `dev/${relative(DEV_CORPUS, p)}` : relative(ROOT, p));

function emit(factory: EmitterFactory, articles: Article[], options: EmitterOptions = {}): string {
  const e = factory.create(options);
  return [e.start?.(), ...articles.map((a) => e.article(a)), e.end?.()].map((t) => t ?? '').join('');
}

describe('emitters over the dev corpus', () => {
  it('reads the dev corpus from ../shared (or says that only the fixtures run)', () => {
    if (!corpus) {
      expect(process.env.CI).toBeFalsy();
      console.warn(`${DEV_CORPUS} not found: the emitter round-trips run on the fixtures only`);
      return;
    }
    expect(corpus.length).toBeGreaterThanOrEqual(20);
  });

  describe.each(pages.map((p) => [label(p), p] as const))('%s', (_, page) => {
    const articles = articlesOf(page);

    it('has articles to emit', () => {
      expect(articles.length).toBeGreaterThan(0);
    });

    it('markdown: every document\'s front matter parses back to the same fields', () => {
      const docs = markdownDocuments(emit(markdown, articles));
      expect(docs.map(frontMatterOf)).toEqual(articles.map(expectedFrontMatter));
    });

    it.each<[EmitterOptions]>([[{}], [{ excel: true }]])('csv %j: parses back to the same rows and titles', (options) => {
      const rows = parse(emit(csv, articles, options), { columns: true, bom: true }) as Record<string, string>[];
      expect(rows).toHaveLength(articles.length);
      const unquote = (t: string): string => (options.excel ? t.replace(/^'(?=[=+\-@\t\r])/, '') : t);
      expect(rows.map((r) => unquote(r.title!))).toEqual(articles.map((a) => a.title));
      expect(rows.map((r) => r.id)).toEqual(articles.map((a) => a.id));
      expect(rows.map((r) => unquote(r.text!).split('\n'))).toEqual(articles.map((a) => (a.paragraphs.length ? a.paragraphs : [''])));
    });

    it('the example plug-in writes its TSV: a header and one line of 4 cells per article', async () => {
      const tsv = await loadPlugin('./examples/tsv-emitter.mjs', ROOT);
      const lines = emit(tsv, articles).split('\n');
      expect(lines.pop()).toBe('');
      expect(lines).toHaveLength(articles.length + 1);
      for (const [i, line] of lines.slice(1).entries()) {
        expect(line.split('\t')).toHaveLength(4);
        expect(line.split('\t')[0]).toBe(articles[i]!.id);
      }
    });
  });
});
