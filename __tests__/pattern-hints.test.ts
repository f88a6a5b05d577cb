import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { hintsOf } from '../src/knowledge/pattern-hints.js';
import { FURNITURE_RULES, FURNITURE_PREFIXES, FURNITURE_SUFFIXES } from '../src/knowledge/furniture.js';
import { applies } from '../src/knowledge/furniture-match.js';

describe('cheap tests read off the patterns (knowledge/pattern-hints.ts)', () => {
  it('reads the strings every match holds, the longest it can be sure of', () => {
    expect(hintsOf(/^第\s*\d{1,3}\s*版$/u)).toEqual({ needs: ['第'], starts: '第', ends: '版' });
    expect(hintsOf(/专栏\s*[:：]?$/u).needs).toEqual(['专栏']);
    expect(hintsOf(/^(?:下转|上接)\s*第/u).needs).toEqual(['下转', '上接']);
    // a count of many figures is not listed: -01- holds no -0-
    expect(hintsOf(/\d{4}-\d{1,2}-\d{1,2}/u).needs).toEqual(['-']);
    expect(hintsOf(/img$/iu).needs).toEqual(expect.arrayContaining(['img', 'IMG', 'Img']));
  });

  it('gives no hint where it cannot be sure', () => {
    expect(hintsOf(/^.{2,}$/u)).toEqual({});
    expect(hintsOf(/^[^。]+$/u)).toEqual({});
    expect(hintsOf(/^\S+\d?/u)).toEqual({});
    expect(hintsOf(/^[|｜\s]+$/u)).toEqual({}); // a line of white space matches too
    expect(hintsOf(/^\s*>/u).starts).toBeUndefined();
  });

  it('reads the last character before trailing white space and bars', () => {
    expect(hintsOf(/(?<![\s|｜])[|｜]*\s+[|｜][\s|｜]*$/u).ends).toBe('|｜');
    expect(hintsOf(/[(（]\s*下转\s*[)）]$/u).ends).toBe(')）');
  });

  it('never skips a line a rule matches (every table rule, lines built from its own pieces)', () => {
    const rules = [...FURNITURE_RULES, ...FURNITURE_PREFIXES, ...FURNITURE_SUFFIXES];
    const pieces = [...new Set(rules.flatMap((r) => [r.example, ...r.example.split(/\s+/u), ...(r.needs ?? [])]))]
      .concat([' ', '\u3000', '|', '：', '。', '第', '3', '12', 'A', '版', '-', '年', '月', '日', '星期一', '(', '）']);
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 6 }), (parts) => {
      const text = parts.join('');
      for (const rule of rules) if (rule.pattern.test(text)) expect([rule.example, text, applies(rule, text)]).toEqual([rule.example, text, true]);
    }), { numRuns: 3000 });
  });
});
