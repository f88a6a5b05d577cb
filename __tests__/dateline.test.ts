import { describe, expect, it } from '@jest/globals';
import { datelineFrom, resolveDate, pageDateFrom, parseNumber, parseDateOption } from '../src/transform/dateline.js';
import { split } from '../src/pipeline.js';

describe('datelines', () => {
  it('reads Chinese numerals', () => {
    expect([parseNumber('十'), parseNumber('十三'), parseNumber('廿一'), parseNumber('三十一'), parseNumber('12')]).toEqual([10, 13, 21, 31, 12]);
  });

  it('reads the date opening the first sentence, with the time of day', () => {
    expect(datelineFrom('11月3日下午,市委常委会…', null, true)).toMatchObject({ raw: '11月3日下午', month: 11, day: 3, year: null, date: null });
    expect(datelineFrom('29日,重庆市…', '重庆', true)).toMatchObject({ month: null, day: 29, place: '重庆' });
  });

  it('completes the year from the publication date, a December dateline on a January page being last year\'s', () => {
    const d = datelineFrom('12月31日电', null, false)!;
    expect(resolveDate(d, { year: 2024, month: 1 }).date).toBe('2023-12-31');
    expect(resolveDate(datelineFrom('11月3日下午', null, true)!, { year: 2023, month: 11 }).date).toBe('2023-11-03');
    expect(resolveDate(datelineFrom('29日,', null, true)!, { year: 2026, month: 1 }).date).toBe('2026-01-29');
  });

  it('reads page-header dates and --date values', () => {
    expect(pageDateFrom('2026年6月12日人民日报 第3版')).toEqual({ year: 2026, month: 6, day: 12 });
    expect(pageDateFrom('1985-01-02')).toEqual({ year: 1985, month: 1, day: 2 });
    expect(parseDateOption('2023-11-04')).toEqual({ year: 2023, month: 11 });
    expect(parseDateOption('2023')).toEqual({ year: 2023, month: null });
    expect(parseDateOption('2023-13-01')).toBeNull();
    expect(parseDateOption('yesterday')).toBeNull();
  });

  it('fills dateline.date through split() with --date, as a plain string', () => {
    const text = '标题一行\n\n重庆日报讯(记者 张 璐)11月3日下午,会议召开。';
    expect(split(text, { date: '2023-11-04' }).articles[0]!.dateline).toMatchObject({ date: '2023-11-03', year: 2023 });
    expect(split(text).articles[0]!.dateline).toMatchObject({ date: null, year: null, month: 11, day: 3 });
    expect(split(text, { date: 'soon' }).diagnostics.warnings[0]).toContain('--date soon');
  });
});

describe('a dispatch closing the article', () => {
  it('gives the dateline when no lead does, its year from the page header', () => {
    const page = '2025年3月12日 星期三 第6版 国际\n\n友谊之桥跨越山海\n\n本报记者 周 航\n\n两国之间的直航航班今年增加到每周二十班，往来游客和留学生人数创下新高。（本报莫斯科3月11日电）\n';
    // the rule-based segmenter (--no-model): the structure model reads this one-line deck as body
    const [a] = split(page, { model: false }).articles;
    expect(a!.dateline).toMatchObject({ raw: '（本报莫斯科3月11日电）', place: '莫斯科', date: '2025-03-11' });
    expect(a!.paragraphs).toEqual(['两国之间的直航航班今年增加到每周二十班，往来游客和留学生人数创下新高。']);
  });
});
