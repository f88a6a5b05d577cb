/**
 * Dates and times of day as newspapers print them, written once: every date pattern of the parser
 * (page headers, dateline leads, closing dispatches, a sentence that opens with its date, a title
 * that cannot end on one) is built from these pieces. Patterns are sources for the u flag.
 */

/** A day or month number in a dispatch or a sentence, in figures or in words: 5, 27, 十三, 廿一 (【新华社延安十三日电】) */
const DAY_NUMBER = '(?:\\d{1,2}|[一二三四五六七八九十廿卅]{1,3})';
/** The same, in figures only (page headers print figures) */
const DAY_FIGURES = '\\d{1,2}';
const YEAR = '\\d{4}';

const group = (capture: boolean, source: string): string => (capture ? `(${source})` : source);

/**
 * A date as a dispatch or a sentence prints it: 27日, 5月27日, 2026年5月27日, 十三日 (a year only with
 * its month). With `capture`, groups 1, 2 and 3 are the year, the month and the day.
 */
export function printedDate({ capture = false, figuresOnly = false }: { capture?: boolean; figuresOnly?: boolean } = {}): string {
  const n = figuresOnly ? DAY_FIGURES : DAY_NUMBER;
  return `(?:(?:${group(capture, YEAR)}年)?${group(capture, n)}月)?${group(capture, n)}日`;
}

const monthDayFigures = (capture: boolean): string => `${group(capture, DAY_FIGURES)}\\s*月\\s*${group(capture, DAY_FIGURES)}\\s*日`;
/** A month and day in figures, spaced or not: 6月12日, 8 月 10 日 */
export const MONTH_DAY_FIGURES = monthDayFigures(false);

/**
 * A full date in figures as a page header or an imprint prints it: 2026年6月12日, 2015 年 8 月 10 日,
 * 1985-01-02, 2024.5.6, 2024/5/6. With `capture`, groups 1–3 are year, month and day as 年月日,
 * groups 4–6 the same in the numeric form.
 */
export function fullDate({ capture = false }: { capture?: boolean } = {}): string {
  const y = group(capture, YEAR);
  const n = group(capture, DAY_FIGURES);
  return `(?:${y}\\s*年\\s*${monthDayFigures(capture)}|${y}[-./]${n}[-./]${n})`;
}

/** A time a sentence may open on, as precise as it likes: 2023年, 2023年5月, 5月, 5月3日, 2023年5月3日 */
export const SENTENCE_TIME = `(?:${YEAR}年(?:${DAY_FIGURES}月(?:${DAY_FIGURES}日)?)?|${DAY_FIGURES}月(?:${DAY_FIGURES}日)?)`;

/** The month of a monthly's issue: 2013年十二月(號), 2013 年 3 月 */
export const ISSUE_MONTH = `${YEAR}\\s*年\\s*\\S{1,3}月`;

/** A day that exists, in a year the schema can write (four digits, from 1000): 2023-02-30 is none. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A month in words, as a monthly's issue or a header prints it: 十二月 (十二月號) */
export const MONTH_IN_WORDS = '[一二三四五六七八九十〇]{1,3}\\s*月';

/** The day of the week: 星期一 … 星期日 / 星期天 */
export const WEEKDAY_WORD = '星期[一二三四五六日天]';
/** The day of the week as a header prints it, bracketed or not: (星期一) / 星期一 */
export const WEEKDAY = `[(（]?${WEEKDAY_WORD}[)）]?`;

/**
 * Times of day printed after a date: 11月3日下午, 5日凌晨, 十三日晚 (a sentence opening with them is
 * prose, and the dateline keeps them: 11月3日下午).
 */
export const TIMES_OF_DAY: readonly string[] = [
  '上午', '下午', '中午', '凌晨', '早上', '清晨', '傍晚', '晚上', '晚间', '晚', '夜间', '夜',
];
/** Older words for the half of the day, before an hour only: 申報-era dispatches (捷京十七日午前三時四十分電) */
const OLD_HALVES_OF_DAY = ['午前', '午後', '午后', '晨'];

/** Longest first, so that 晚上 is read whole rather than as 晚 */
const alternation = (words: readonly string[]): string => [...words].sort((a, b) => b.length - a.length).join('|');

/** A time of day after a date (11月3日下午) */
export const TIME_OF_DAY = `(?:${alternation(TIMES_OF_DAY)})`;

/** An hour number, in figures or in words: 3, 十一, 〇 */
const HOUR_NUMBER = '(?:\\d{1,2}|[〇一二三四五六七八九十]{1,3})';
/** The hour a dispatch was sent, with a time of day before it: 午前三時四十分, 晚8时 */
export const CLOCK_TIME = `(?:${alternation([...TIMES_OF_DAY, ...OLD_HALVES_OF_DAY])})?${HOUR_NUMBER}[时時](?:${HOUR_NUMBER}分)?`;
