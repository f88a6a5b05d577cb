/**
 * Dates as printed: in the lead (新华社北京5月27日电), at the start of the first sentence (11月3日下午,…),
 * and in page headers (2026年6月12日人民日报 第3版). Dates stay plain strings: no time zone ever
 * touches them. A year is known only from --date or a page header that states it.
 */
import type { Dateline } from '../types.js';
import { printedDate, fullDate, TIME_OF_DAY, isCalendarDate } from '../knowledge/dates.js';

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 12 → 12; 十三 → 13; 廿一 → 21; 三十一 → 31 */
export function parseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  let t = text.replace(/^廿/u, '二十').replace(/^卅/u, '三十');
  if (t === '十') return 10;
  if (t.startsWith('十')) t = '一' + t;
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/u.exec(t);
  if (m) return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[2] ? CN_DIGITS[m[2]]! : 0);
  if (t.length === 1 && t in CN_DIGITS) return CN_DIGITS[t]!;
  return null;
}

/** groups: year, month, day */
const DATE = printedDate({ capture: true });
const DATE_IN_LEAD_RE = new RegExp(DATE, 'u');
const DATE_AT_START_RE = new RegExp(`^${DATE}${TIME_OF_DAY}?`, 'u');

export function datelineFrom(raw: string, place: string | null, anchored: boolean): Dateline | null {
  const m = (anchored ? DATE_AT_START_RE : DATE_IN_LEAD_RE).exec(raw);
  if (!m) return null;
  const year = m[1] ? Number(m[1]) : null;
  const month = m[2] ? parseNumber(m[2]) : null;
  const day = m[3] ? parseNumber(m[3]) : null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day === null || day < 1 || day > 31) return null;
  return { raw: anchored ? m[0] : raw, place, year, month, day, date: null };
}

/** Complete a dateline's year (and date) from the publication date; a December dateline on a January page is last year's. */
export function resolveDate(d: Dateline, publication: { year: number; month: number | null } | null): Dateline {
  let { year } = d;
  let month = d.month;
  if (publication) {
    if (month === null && publication.month !== null) month = publication.month;
    if (year === null) {
      year = publication.year;
      if (month !== null && publication.month !== null && month - publication.month > 6) year -= 1;
    }
  }
  // a date is a calendar date or absent: not 2023-02-30, not year 26 (fuzzing found 0026年 → "26-06-02")
  const date = year !== null && month !== null && d.day !== null && isCalendarDate(year, month, d.day) ? `${year}-${pad(month)}-${pad(d.day)}` : null;
  return { ...d, year, month, date };
}

/** groups: year, month, day (年月日), then year, month, day (1985-01-02) */
const PAGE_DATE_RE = new RegExp(fullDate({ capture: true }), 'u');

/** A date stated by a page header or imprint line. */
export function pageDateFrom(text: string): { year: number; month: number; day: number } | null {
  const m = PAGE_DATE_RE.exec(text);
  if (!m) return null;
  const year = Number(m[1] ?? m[4]);
  const month = Number(m[2] ?? m[5]);
  const day = Number(m[3] ?? m[6]);
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year, month, day };
}

/** --date accepts YYYY, YYYY-MM or YYYY-MM-DD. */
export function parseDateOption(text: string): { year: number; month: number | null } | null {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const month = m[2] ? Number(m[2]) : null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (m[3] && !isCalendarDate(Number(m[1]), month!, Number(m[3]))) return null;
  if (!isCalendarDate(Number(m[1]), month ?? 1, 1)) return null;
  return { year: Number(m[1]), month };
}

const pad = (n: number): string => String(n).padStart(2, '0');
