import { describe, expect, it } from '@jest/globals';
import { isSpaceCode, toLines } from '../src/read/lines.js';

describe('lines', () => {
  it('isSpaceCode agrees with /\\s/ on every UTF-16 unit', () => {
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (isSpaceCode(c) !== /\s/u.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
  });

  it('cuts at every kind of line end and keeps offsets into the text', () => {
    expect(toLines('a\r\nb\rc\nd').map((l) => [l.no, l.offset, l.text])).toEqual([[1, 0, 'a'], [2, 3, 'b'], [3, 5, 'c'], [4, 7, 'd']]);
  });
});
