import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { printedDate, fullDate, TIME_OF_DAY, TIMES_OF_DAY, CLOCK_TIME, WEEKDAY } from '../src/knowledge/dates.js';
import { datelineFrom } from '../src/transform/dateline.js';
import { parseLead } from '../src/parse/byline.js';
import { ROOT } from './helpers/cli.js';

const whole = (source: string): RegExp => new RegExp(`^${source}$`, 'u');

describe('dates written once (knowledge/dates.ts)', () => {
  it('reads the dates dispatches and sentences print', () => {
    for (const d of ['27日', '5月27日', '2026年5月27日', '十三日', '十二月廿一日']) expect(whole(printedDate()).test(d)).toBe(true);
    expect(whole(printedDate()).test('2026年27日')).toBe(false); // a year comes with its month
    expect(whole(printedDate({ figuresOnly: true })).test('十三日')).toBe(false);
    expect(new RegExp(printedDate({ capture: true }), 'u').exec('2026年5月27日')!.slice(1)).toEqual(['2026', '5', '27']);
  });

  it('reads the full dates of page headers, with their parts', () => {
    for (const d of ['2026年6月12日', '2015 年 8 月 10 日', '1985-01-02', '2024.5.6', '2024/5/6']) expect(whole(fullDate()).test(d)).toBe(true);
    expect(new RegExp(fullDate({ capture: true }), 'u').exec('1985-01-02')!.slice(4)).toEqual(['1985', '01', '02']);
    expect(whole(WEEKDAY).test('(星期一)') && whole(WEEKDAY).test('星期天')).toBe(true);
  });

  it('keeps each time of day whole, the longer words first (晚上 is not 晚)', () => {
    for (const t of TIMES_OF_DAY) expect(datelineFrom(`3日${t}，`, null, true)!.raw).toBe(`3日${t}`);
    expect(new RegExp(`^${TIME_OF_DAY}`, 'u').exec('晚上')![0]).toBe('晚上');
    expect(whole(CLOCK_TIME).test('午前三時四十分') && whole(CLOCK_TIME).test('晚8时')).toBe(true);
    expect(parseLead('捷京十七日午前三時四十分電 德軍…')?.dateText).toBe('十七日');
  });

  it('is the only place that spells a time of day or a date pattern in the code', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
    const copies: string[] = [];
    for (const f of files(join(ROOT, 'src'))) {
      if (f.endsWith(join('knowledge', 'dates.ts'))) continue;
      // code only: comments (the examples) may print dates
      const code = readFileSync(f, 'utf8').split('\n').filter((l) => !/^\s*(?:\/\/|\*|\/\*\*)/u.test(l)).join('\n');
      // a time of day, a weekday class, or a count or group right before 年, 月 or 日 (\d{1,2}\s*月, ${NUM}日)
      if (/上午|下午|凌晨|晚间|星期\[|\}\)?(?:\\{1,2}s\*)?[年月日]/u.test(code)) copies.push(f.slice(ROOT.length + 1));
    }
    expect(copies).toEqual([]);
  });
});
