// The regression suite: fixtures/<phenomenon>/ holds a page written for this project, one phenomenon
// each (input.txt), with the records a careful reader expects (expected.json).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { split } from '../src/pipeline.js';
import { verify } from '../src/verify.js';
import { phenomena } from './helpers/cli.js';

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

const cases = phenomena();

describe('phenomena fixtures', () => {
  it('has fixtures to run', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  for (const { name, input, expected: path } of cases) {
    const expected = JSON.parse(readFileSync(path, 'utf8')) as Expected;
    it(`${name}: ${expected.note}`, () => {
      const text = readFileSync(input, 'utf8');
      const { articles, diagnostics } = split(text, { file: `${name}.txt`, model: false });
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

describe('phenomena fixtures through the structure model', () => {
  // the expected records above are the rule-based segmenter's; the model's reading may differ, but
  // it never loses or doubles a character of the page
  for (const { name, input } of cases) {
    it(`${name}: every character accounted for`, () => {
      const text = readFileSync(input, 'utf8');
      const result = split(text, { file: `${name}.txt` });
      expect(verify(text, result).ok).toBe(true);
    });
  }
});
