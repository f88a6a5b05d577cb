// The regression suite: fixtures/phenomena holds pages written for this project, one phenomenon
// each, with the records a careful reader expects (X.txt + X.expected.json).
import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { split } from '../src/pipeline.js';
import { FIXTURES } from './helpers/cli.js';

interface Expected {
  note: string;
  articles: Array<{
    headlines: string[];
    title: string;
    byline: Record<string, unknown>;
    dateline?: Record<string, unknown>;
    paragraphs: string[];
    repairs?: string[];
  }>;
  furniture?: string[];
}

const dir = join(FIXTURES, 'phenomena');
const cases = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

describe('phenomena fixtures', () => {
  it('has fixtures to run', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  for (const name of cases) {
    const expected = JSON.parse(readFileSync(join(dir, name.replace(/\.txt$/, '.expected.json')), 'utf8')) as Expected;
    it(`${name}: ${expected.note}`, () => {
      const text = readFileSync(join(dir, name), 'utf8');
      const { articles, diagnostics } = split(text, { file: name });
      expect(articles.map((a) => a.headlines)).toEqual(expected.articles.map((a) => a.headlines));
      expected.articles.forEach((want, i) => {
        const got = articles[i]!;
        expect(got.title).toBe(want.title);
        expect(got.paragraphs).toEqual(want.paragraphs);
        expect(got.byline).toMatchObject(want.byline);
        if (want.dateline) expect(got.dateline).toMatchObject(want.dateline);
        if (want.repairs) expect(got.repairs.map((r) => r.kind)).toEqual(want.repairs);
      });
      if (expected.furniture) {
        expect(diagnostics.furniture.map((f) => f.text)).toEqual(expect.arrayContaining(expected.furniture));
      }
    });
  }
});
