/**
 * Where a page was published: its date and its paper, each with what stated it. Archive users
 * recovered these from file names; every record now carries them (emit/record.ts → `publication`).
 *
 * The date: --date as given, else the date the page header prints, else a date in the input file's
 * name (rmrb-20191008-p09.txt, peoplecn-2026-06-01.txt). The paper: --paper, else the profile's
 * name, else the name a page header prints (人民日报 2019年10月01日 第09版 → 人民日报). The printed page:
 * what a page header says (第09版 → 9), which is not the input's page count (source.page).
 */
import type { Publication } from '../types.js';
import { looksLikeOutlet, isOwnPaper } from '../knowledge/outlets.js';
import { MONTH_IN_WORDS, WEEKDAY_WORD, isCalendarDate } from '../knowledge/dates.js';
import { pageNumberOf } from '../read/pages.js';

export interface PublicationInput {
  /** --date, already checked (YYYY, YYYY-MM or YYYY-MM-DD) */
  dateOption: string | null;
  /** the date the page header states (YYYY-MM-DD) */
  pageDate: string | null;
  /** the input's name as given (a path, or "stdin") */
  file: string;
  /** --paper */
  paperOption: string | null;
  /** the profile's name */
  profileName: string | null;
  /** the page's header lines (furniture of kind page-header), in print order */
  headers: readonly string[];
}

export function publicationOf(p: PublicationInput): Publication {
  const fileDate = p.dateOption || p.pageDate ? null : dateInFileName(p.file);
  const date = p.dateOption ? { date: p.dateOption, dateFrom: 'option' as const }
    : p.pageDate ? { date: p.pageDate, dateFrom: 'page-header' as const }
    : fileDate ? { date: fileDate, dateFrom: 'file-name' as const }
    : { date: null, dateFrom: null };
  let headerPaper: string | null = null;
  if (!p.paperOption && !p.profileName) {
    for (const h of p.headers) if ((headerPaper = paperInHeader(h))) break;
  }
  const paper = p.paperOption ? { paper: p.paperOption, paperFrom: 'option' as const }
    : p.profileName ? { paper: p.profileName, paperFrom: 'profile' as const }
    : headerPaper ? { paper: headerPaper, paperFrom: 'page-header' as const }
    : { paper: null, paperFrom: null };
  let printedPage: string | null = null;
  for (const h of p.headers) if ((printedPage = pageNumberOf(h))) break;
  return { ...date, ...paper, printedPage };
}

/** The page number a page header prints: the page splitter's reading (read/pages.ts), one for both. */
export { pageNumberOf as pageInHeader } from '../read/pages.js';

// A date in a file name: 2019-10-08, 2019_10_08, 2019.10.08 or 20191008, not inside a longer run of
// digits (an id such as 1201910081 is no date). The folder names are not read: only the file's own.
const FILE_DATE = /(?<!\d)(\d{4})([-_.]?)(\d{2})\2(\d{2})(?!\d)/u;

/** The YYYY-MM-DD that the file's name (not its folders) holds, when it is a real calendar day. */
export function dateInFileName(file: string): string | null {
  const name = file.split(/[\\/]/u).pop() ?? '';
  const m = FILE_DATE.exec(name);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[3]), Number(m[4])];
  if (year < 1800 || year > 2200 || !isCalendarDate(year, month, day)) return null;
  return `${m[1]}-${m[3]}-${m[4]}`;
}

// What a page header prints besides the paper's name: the date (2019年10月01日, 2024.5.6, 十二月號),
// the weekday, the page (第09版, A3版, 06 版), the title marks of 《 人民日报 》.
const NOT_THE_NAME = [
  /\d{4}\s*[年\-./]\s*\d{1,2}\s*[月\-./]\s*\d{1,2}\s*[日号號]?/gu,
  /\d{1,4}\s*[年月日号號]/gu,
  new RegExp(`${MONTH_IN_WORDS}\\s*[号號]?`, 'gu'),
  new RegExp(WEEKDAY_WORD, 'gu'),
  /第?\s*[A-Z]?\d{1,3}\s*版/gu,
  /[《》()（）]/gu,
];

/** The paper a page header names (人民日报 2019年10月01日 第09版 → 人民日报), or null. */
export function paperInHeader(header: string): string | null {
  let rest = header;
  for (const re of NOT_THE_NAME) rest = rest.replace(re, ' ');
  for (const run of rest.match(/\p{Script=Han}{2,12}/gu) ?? []) {
    if (looksLikeOutlet(run) && !isOwnPaper(run)) return run;
  }
  return null;
}
