// No stage may recurse or spread (`push(...x)`, `Math.min(...x)`) over something that grows with
// the page: each page below overflowed the call stack on main ("Maximum call stack size exceeded").
// Inputs are generated; every result must also pass the conservation check.
import { describe, expect, it } from '@jest/globals';
import { split } from '../src/pipeline.js';
import { verify } from '../src/verify.js';

const PAGES: Array<[string, () => string]> = [
  ['a 1 MB page of short lines (a name list: 会议 a line)', () => '会议\n'.repeat(350_000)],
  ['a 4 MB page of headline-like lines', () => Array.from({ length: 200_000 }, (_, i) => `全国人民代表大会召开第${i}次`).join('\n')],
  ['a 200,000-line article body', () => '这是一行文字，\n'.repeat(200_000)],
  ['200,000 byline lines', () => '（记者 王芳）\n'.repeat(200_000)],
  ['a 9 MB run of spaces inside a line', () => `他说${' '.repeat(9_000_000)}正文。`],
];

describe('a page of any line count does not overflow the stack', () => {
  for (const [name, make] of PAGES) {
    it(name, () => {
      const text = make();
      const result = split(text);
      expect(verify(text, result).ok).toBe(true);
    }, 60_000);
  }
});
