/**
 * Byline role words: who did what in a byline, credit or reporter tag.
 * Simplified and Traditional forms side by side; longer words first so that 首席记者 wins over 记者.
 * Interns (实习生) count as reporters, as the gold conventions say.
 */

/**
 * The roles a byline names, in the order the record lists them (the Byline type of types.ts, the
 * byline grammar's facts and the merging of an article's bylines are all made from this list). A new
 * role is a name here and its words in ROLE_WORDS; the JSON schema (schema/article.schema.json) and
 * the flat fields of the Markdown and CSV formats (emit/fields.ts, emit/csv.ts) name it too.
 */
export const ROLES = ['reporters', 'correspondents', 'photographers', 'editors'] as const;
export type Role = (typeof ROLES)[number];

/** The people a byline names, by role: a list of names each. */
export type People = { [R in Role]: string[] };

/** No one in any role (a new object each time: the lists are filled in place). */
export function emptyPeople(): People {
  const p = {} as People;
  for (const role of ROLES) p[role] = [];
  return p;
}

/** Add the people of `from` to `into`, role by role, each name once. */
export function mergePeople(into: People, from: People): void {
  for (const role of ROLES) {
    const names = into[role];
    for (const n of from[role]) if (!names.includes(n)) names.push(n);
  }
}

export const ROLE_WORDS: ReadonlyArray<readonly [string, Role]> = [
  ['首席记者', 'reporters'], ['首席記者', 'reporters'],
  // newsrooms merged with their web and video desks sign as 全媒体 / 融媒体 reporters
  ['全媒体记者', 'reporters'], ['全媒體記者', 'reporters'], ['融媒体记者', 'reporters'], ['融媒體記者', 'reporters'],
  ['新媒体记者', 'reporters'], ['新媒體記者', 'reporters'], ['全媒体见习记者', 'reporters'], ['融媒体见习记者', 'reporters'],
  ['特派记者', 'reporters'], ['特派記者', 'reporters'], ['视频记者', 'reporters'], ['視頻記者', 'reporters'],
  ['见习记者', 'reporters'], ['見習記者', 'reporters'],
  ['本报记者', 'reporters'], ['本報記者', 'reporters'],
  ['特约记者', 'reporters'], ['特約記者', 'reporters'],
  ['驻站记者', 'reporters'], ['駐站記者', 'reporters'],
  ['实习记者', 'reporters'], ['實習記者', 'reporters'],
  ['实习生', 'reporters'], ['實習生', 'reporters'],
  ['记者', 'reporters'], ['記者', 'reporters'],
  // 本报评论员 signs a commentary without a name: a byline that names nobody
  ['特约评论员', 'reporters'], ['特約評論員', 'reporters'], ['评论员', 'reporters'], ['評論員', 'reporters'],
  ['特约通讯员', 'correspondents'], ['特約通訊員', 'correspondents'],
  ['本报通讯员', 'correspondents'], ['本報通訊員', 'correspondents'],
  ['通讯员', 'correspondents'], ['通訊員', 'correspondents'],
  ['摄影记者', 'photographers'], ['攝影記者', 'photographers'],
  ['摄影', 'photographers'], ['攝影', 'photographers'],
  ['责任编辑', 'editors'], ['責任編輯', 'editors'],
  ['本版编辑', 'editors'], ['本版編輯', 'editors'],
  ['编辑', 'editors'], ['編輯', 'editors'],
  ['美编', 'editors'], ['美編', 'editors'],
  ['校对', 'editors'], ['校對', 'editors'],
];

/** Words that, after names, credit them with the photo (X 摄, X 摄影). */
export const PHOTO_SUFFIXES = ['摄影', '攝影', '摄', '攝'];
/** Prefixes that credit text or photo before the names (文/图 X, 图/X, 文/X); a slash may be full-width or spaced. */
export const CREDIT_PREFIXES: ReadonlyArray<readonly [string, Role[]]> = [
  ['文/图', ['reporters', 'photographers']], ['文/圖', ['reporters', 'photographers']],
  ['文图', ['reporters', 'photographers']], ['圖文', ['reporters', 'photographers']], ['图文', ['reporters', 'photographers']],
  ['图/', ['photographers']], ['圖/', ['photographers']],
  ['文/', ['reporters']],
];

/**
 * Roles that sign only a page's editor and imprint lines, never an article (page furniture): the
 * layout, the charts, the review chain of mainland e-papers (一审 / 二审 / 三审).
 */
export const PAGE_ROLES = [
  '本版责任编辑', '本版責任編輯', '本版责编', '本版責編', '责编', '責編', '图片编辑', '圖片編輯', '视觉编辑', '視覺編輯', '值班编辑', '值班編輯',
  '版式设计', '版式設計', '版式', '制图', '製圖', '一审', '二审', '三审', '一審', '二審', '三審',
];

/** Words after the names that credit them with the photos as well: 记者 张三 摄影报道. */
export const PHOTO_REPORT_SUFFIXES = ['摄影报道', '攝影報道'];

/** A reporter posted somewhere: 本报驻京记者, 驻上海记者, 本報駐港記者. */
const POSTED_REPORTER = '(?:本报|本報)?[驻駐]\\p{Script=Han}{1,5}?[记記]者';
const POSTED_REPORTER_RE = new RegExp(`^${POSTED_REPORTER}$`, 'u');

/**
 * The role words a byline grammar reads: the table above, and a profile's own words after it
 * (knowledge/profile.ts). Made once per table.
 */
export interface RoleTable {
  words: ReadonlyArray<readonly [string, Role]>;
  /** Regular-expression alternation of every role word, longest first (for patterns with the u flag). */
  alternation: string;
  /** A combined role: 记者、攝影:李明佑 names the same person in both roles. */
  rolesOf(word: string): Role[];
}

/** `extra`: words as printed, no pattern syntax in them (profile.ts checks). */
export function roleTable(extra: ReadonlyArray<readonly [string, Role]> = []): RoleTable {
  const words = [...ROLE_WORDS, ...extra];
  return {
    words,
    alternation: [POSTED_REPORTER, ...[...words.map(([w]) => w)].sort((a, b) => b.length - a.length)].join('|'),
    rolesOf(word) {
      const out: Role[] = [];
      for (const raw of word.split(/[、,，/和及]/u)) {
        const part = raw.trim();
        const hit = words.find(([w]) => w === part)?.[1] ?? (POSTED_REPORTER_RE.test(part) ? 'reporters' : undefined);
        if (hit && !out.includes(hit)) out.push(hit);
      }
      return out;
    },
  };
}

/** The roles table alone (no profile). */
export const ROLE_TABLE: RoleTable = roleTable();
export const ROLE_ALTERNATION = ROLE_TABLE.alternation;
export const rolesOf = ROLE_TABLE.rolesOf;
