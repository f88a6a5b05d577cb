// The library's own promises: a date is a calendar date or absent (the schema's ^\d{4}-\d{2}-\d{2}$),
// and repairs never make a character that the text does not hold.
import { describe, expect, it } from '@jest/globals';
import { split } from '../src/pipeline.js';
import { verify } from '../src/verify.js';

const dates = (text: string, date?: string): Array<string | null> =>
  split(text, date ? { date } : {}).articles.map((a) => a.dateline?.date ?? null);

describe('dates are valid calendar dates or absent', () => {
  it('year 0026 gives no date (fuzzing found "26-06-02")', () => {
    expect(dates('0\n0026年6月2日。')).toEqual([null]);
  });

  it('2023年2月30日 gives no date', () => {
    expect(dates('标题\n\n本报北京2023年2月30日电 正文写在这里。')).toEqual([null]);
  });

  it('--date 2023-02-30 is ignored with a warning; 2024-02-29 completes 2月3日', () => {
    const page = '标题\n\n本报北京2月3日电 正文写在这里。';
    const r = split(page, { date: '2023-02-30' });
    expect(r.articles.map((a) => a.dateline?.date ?? null)).toEqual([null]);
    expect(JSON.stringify(r)).toMatch(/--date 2023-02-30 .*ignored/);
    expect(dates(page, '2024-02-29')).toEqual(['2024-02-03']);
  });
});

describe('lone surrogates on both sides of a break', () => {
  it('are not joined into one astral character, and verify() holds', () => {
    const text = '标题\n\n本报讯 今天我们在这里开会，讨论了很多事情，\uD83D\n\uDE00继续写下去的问题。\n';
    const r = split(text);
    for (const p of r.articles.flatMap((a) => a.paragraphs)) expect(p).not.toContain('\u{1F600}');
    expect(verify(text, r).ok).toBe(true);
  });
});
