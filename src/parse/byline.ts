/**
 * The grammar of bylines, datelines and credits.
 *
 *   lead      := [【] [据] OUTLET [PLACE] [DATE] (讯|电) [】] [ "(" people ")" ] [记者 NAMES 报道:]
 *   people    := ( [ORG] ROLE [:] NAMES )+ | NAMES
 *   credit    := [OUTLET [发] ["("]] [ROLE] NAMES (摄|摄影) [/AGENCY] [(下同)] [")"]
 *   tag       := "(" [ROLE] NAMES ")"          at the end of a short item
 *
 * Newspaper knowledge (role words, outlets) lives in ../knowledge; this file applies it.
 */
import {
  ROLES, ROLE_TABLE, roleTable, emptyPeople, mergePeople, PHOTO_SUFFIXES, PHOTO_REPORT_SUFFIXES, CREDIT_PREFIXES,
  type People, type Role, type RoleTable,
} from '../knowledge/roles.js';
import { OUTLET_TABLE, DISPATCH_KINDS, outletTable, outletOrNull, type OutletTable } from '../knowledge/outlets.js';
import type { CompiledProfile } from '../knowledge/profile.js';
import { splitNames as splitAnyNames, splitUnroledNames as splitAnyUnroledNames, isPlausibleName, notInNames } from './names.js';
import { allMatches } from '../regex.js';
import { trimmedEnd, charCount } from '../knowledge/punctuation.js';
import { printedDate, CLOCK_TIME } from '../knowledge/dates.js';

const HAN = '\\p{Script=Han}';
/** the date of a dispatch, in figures or words (【新华社延安十三日电】) */
const DATE = printedDate();
/** A closing dispatch names its kind with one character (（新华社北京10月3日电）; 专电 ends in 电 too) */
const CLOSING_KIND = DISPATCH_KINDS.map(([k]) => k).filter((k) => k.length === 1).join('|');

export { emptyPeople, type People } from '../knowledge/roles.js';

export interface BylineFacts extends People {
  /** outlet the byline names (null: 本报 or none) */
  source: string | null;
  agency: string | null;
  /** the text as printed */
  raw: string;
  /** tokens that looked like names but were not taken */
  rejected: string[];
}

export interface LeadFacts extends BylineFacts {
  place: string | null;
  dateText: string | null;
  /** length of the lead in the paragraph (what is removed) */
  length: number;
}

// Records below are built as Object.assign(emptyPeople(), {…}), not { ...emptyPeople(), … }: on Node 20
// (V8 11) a spread followed by more properties takes a slow runtime path, about 3 µs against 0.2 µs,
// and parseBylineLine alone runs for most units (bench profile: the spreads were ~25 % of split()).


interface ParsedPeople extends People {
  outlet: string | null;
  count: number;
  outletOnly: boolean;
  rejected: string[];
}

export interface CreditFacts extends BylineFacts {
  /** where the credit starts in the text (the caption before it stays) */
  start: number;
}

export interface TagFacts extends BylineFacts {
  start: number;
  place?: string | null;
  dateText?: string | null;
}

/** The byline grammar made for one table of role words and one of outlets. */
export interface BylineGrammar {
  /** Recognise a dateline lead at the start of a paragraph: 重庆日报讯(记者 张 璐) / 新华社北京5月27日电 */
  parseLead(text: string): LeadFacts | null;
  parsePeople(text: string, defaultRole?: Role, maxUnroled?: number): ParsedPeople | null;
  parseBylineLine(text: string, namesOnly?: boolean): BylineFacts | null;
  parseCredit(text: string): CreditFacts | null;
  parseTrailingTag(text: string): TagFacts | null;
  parseClosingLine(text: string): TagFacts | null;
  parseMetaLine(text: string): BylineFacts | null;
  BYLINE_LINE_RE: RegExp;
  CREDIT_PREFIX_RE: RegExp;
  BYLINE_WORD_END_RE: RegExp;
}

/**
 * The grammar over a table of role words and one of outlets: the generic tables (DEFAULT_GRAMMAR), or
 * those a profile adds to (grammarOf). Every pattern below is made from the two tables.
 */
export function bylineGrammar(roleWords: RoleTable, outlets: OutletTable): BylineGrammar {
  const ROLE_GROUP = `(?:${roleWords.alternation})(?:[、,，/和](?:${roleWords.alternation}))*`;
  // no name holds one of this grammar's role words (a profile's too): 张三 观察员 摄 credits 张三 alone
  const NOT_IN_NAMES_RE = notInNames(roleWords.words.map(([w]) => w));
  const splitNames = (text: string, maxUnroled = 4) => splitAnyNames(text, maxUnroled, NOT_IN_NAMES_RE);
  const splitUnroledNames = (text: string) => splitAnyUnroledNames(text, NOT_IN_NAMES_RE);

  // --- lead --------------------------------------------------------------------------------------

  /** 申報-era dispatches give the hour too: 捷京十七日午前三時四十分電 */
  const TIME = CLOCK_TIME;
  const KIND = DISPATCH_KINDS.map(([k]) => k).sort((a, b) => b.length - a.length).join('|');
  const SP = '[ \\t\\u3000\\u00a0]?';
  const LEAD_RE = new RegExp(
    `^[【\\[〔]?(据|據)?(?:(${outlets.source})${SP})?([${HAN}]{1,8}?)?${SP}(${DATE})?(?:${TIME})?(${KIND})(?![员員])[】\\]〕]?`,
    'u',
  );
  const PAREN_RE = /^[ \t\u3000\u00a0]*[(（]([^()（）]{1,80})[)）]/u;
  /** The closing parenthesis of a bracketed dateline (none nested inside it). */
  const PAREN_LEAD_CLOSE_RE = /^[^()（）\n]{3,40}?([)）])/u;
  const REPORTED_RE = new RegExp(`^[ \\t\\u3000\\u00a0]*((?:${ROLE_GROUP})[:：]?[ \\t\\u3000\\u00a0]*[${HAN}· \\t\\u3000\\u00a0、]{2,30}?)(?:报道|報道)[:：,，]?`, 'u');

  /** Recognise a dateline lead at the start of a paragraph: 重庆日报讯(记者 张 璐) / 新华社北京5月27日电 */
  /** A lead ends within its first ~50 characters in a dispatch kind: a cheap test before the long pattern.
   *  Each kind ends in a one-character kind (专电 in 电) or is looked for whole (消息: 息 alone is common). */
  const LEAD_KIND_RE = new RegExp(`[${CLOSING_KIND.split('|').join('')}]|${DISPATCH_KINDS.map(([k]) => k).filter((k) => !CLOSING_KIND.split('|').includes(k.at(-1)!)).join('|')}`, 'u');
  const LEAD_REACH = 64;

  function parseLead(text: string): LeadFacts | null {
    if (!LEAD_KIND_RE.test(text.slice(0, LEAD_REACH))) return null;
    const c = text.charCodeAt(0);
    if (c === 0xff08 || c === 0x28) return parseParenLead(text);
    const m = LEAD_RE.exec(text);
    if (!m) return null;
    const [, , outletText, placeText, dateText, kind] = m;
    const outlet = outletText ?? '';
    const isDispatch = DISPATCH_KINDS.find(([k]) => k === kind)![1] === 'dispatch';
    // Without an outlet only a place and a date make a dateline (倫敦一日電, 华盛顿十二日电).
    if (!outlet && (!placeText || !dateText)) return null;
    // A generic name ending in 网/台 followed by 电 is ordinary text (国家电网电力…) unless dated.
    if (outlet && isDispatch && !dateText && !outlets.agencies.includes(outlet)) return null;
    // 本报讯 / X日报讯 with a place but no date is unusual; accept only a short place.
    if (placeText && !dateText && placeText.length > 4) return null;
    let length = m[0].length;
    const facts: LeadFacts = Object.assign(emptyPeople(), {
      source: outletOrNull(outlet), agency: null, raw: '', rejected: [],
      place: placeText || null, dateText: dateText || null, length,
    });
    const rest = text.slice(length);
    let paren = PAREN_RE.exec(rest);
    if (paren) {
      // one bracket of people, or one per role: 本报讯（记者 张三）（通讯员 李四）
      for (let at = 0; paren; paren = PAREN_RE.exec(rest.slice(at))) {
        const people = parsePeople(paren[1]!);
        if (people && people.count > 0) {
          mergePeople(facts, people);
          if (!facts.source && people.outlet) facts.source = people.outlet;
        } else if (!people?.outletOnly) break;
        at += paren[0].length;
        length += paren[0].length;
      }
    } else {
      const rep = REPORTED_RE.exec(rest);
      if (rep) {
        const people = parsePeople(rep[1]!);
        if (people && people.count > 0) {
          mergePeople(facts, people);
          length += rep[0].length;
        }
      }
    }
    // the white space after the lead goes with it
    const tail = /^[ \t\u3000\u00a0]*/u.exec(text.slice(length));
    length += tail ? tail[0].length : 0;
    facts.length = length;
    facts.raw = text.slice(0, length).trim();
    return facts;
  }

  /**
   * A dateline in parentheses opening a paragraph, the text going on after it: （中央社南京廿一日電）敎育部… /
   * (新华社北京5月27日电)… (申報, Taiwan's 中央社, many papers print their leads so). The parentheses must
   * hold the dateline and nothing else, and text must follow: the same dateline standing alone, or closing
   * a paragraph, is a closing dispatch, which parseClosingLine and parseTrailingTag read.
   */
  function parseParenLead(text: string): LeadFacts | null {
    const close = PAREN_LEAD_CLOSE_RE.exec(text.slice(1, LEAD_REACH));
    if (!close) return null;
    const inner = text.slice(1, close[0].length);
    let length = close[0].length + 1;
    if (trimmedEnd(text, length) === length) return null;
    const lead = parseLead(inner);
    if (!lead || lead.length !== inner.length) return null;
    const tail = /^[ \t\u3000\u00a0]*/u.exec(text.slice(length));
    length += tail ? tail[0].length : 0;
    lead.length = length;
    lead.raw = text.slice(0, length).trim();
    return lead;
  }

  // --- people ------------------------------------------------------------------------------------


  const PHOTO_REPORT_RE = new RegExp(`(?<=\\S)[ \\t\\u3000\\u00a0]*(?:${PHOTO_REPORT_SUFFIXES.join('|')})$`, 'u');
  const ROLE_MARK_RE = new RegExp(`(${ROLE_GROUP})[ \\t\\u3000\\u00a0]*[:：]?`, 'gu');
  const TRAILING_OUTLET_RE = new RegExp(`(?:^|[\\s、,，])(${outlets.source})$`, 'u');

  /**
   * The people inside a byline: 记者 张 璐 / 记者颉满斌 通讯员余若怡 / 中央人民广播电台记者刘振英、新华社记者邹爱国 /
   * 梁钦卿 (no role: a reporter). Returns null when the text is not a byline at all.
   */
  function parsePeople(text: string, defaultRole: Role = 'reporters', maxUnroled = 3): ParsedPeople | null {
    // 记者 张三 摄影报道: the names took the photos too
    const photoReport = PHOTO_REPORT_RE.exec(text);
    if (photoReport) {
      const people = parsePeople(text.slice(0, photoReport.index), defaultRole, maxUnroled);
      if (people) creditAlso(people, ['photographers']);
      return people;
    }
    const out: ParsedPeople = Object.assign(emptyPeople(), { outlet: null, count: 0, outletOnly: false, rejected: [] });
    const marks = allMatches(ROLE_MARK_RE, text);
    if (marks.length === 0) {
      const { names, rejected } = splitUnroledNames(text);
      if (rejected.length || names.length === 0) return null;
      if (names.some((n) => charCount(n) > maxUnroled)) return null;
      out[defaultRole].push(...names);
      out.count = names.length;
      return out;
    }
    let pendingOrg = text.slice(0, marks[0]!.index).trim();
    for (let i = 0; i < marks.length; i++) {
      const mk = marks[i]!;
      const roles = roleWords.rolesOf(mk[1]!);
      if (pendingOrg) {
        const org = pendingOrg.replace(/^[、,，\s]+/u, '');
        if (outlets.looksLikeOutlet(org)) { if (!out.outlet) out.outlet = outletOrNull(org); }
        else if (org) {
          // text before a role word that is no outlet: names of the previous role (or noise)
          const { names, rejected } = splitNames(org);
          if (rejected.length) out.rejected.push(...rejected);
          out[defaultRole].push(...names);
          out.count += names.length;
        }
      }
      const end = i + 1 < marks.length ? marks[i + 1]!.index : text.length;
      let seg = text.slice(mk.index + mk[0].length, end);
      pendingOrg = '';
      const trailing = TRAILING_OUTLET_RE.exec(seg.trim());
      if (trailing && i + 1 < marks.length) {
        pendingOrg = trailing[1]!;
        seg = seg.trim().slice(0, seg.trim().length - trailing[1]!.length);
      }
      const { names, rejected } = splitNames(seg);
      out.rejected.push(...rejected);
      for (const role of roles) out[role].push(...names.filter((n) => !out[role].includes(n)));
      out.count += names.length;
    }
    if (out.rejected.length) return null;
    if (out.count === 0 && out.outlet) out.outletOnly = true;
    return out;
  }

  /** The reporters named are credited in these roles too (摄影报道, a trailing 文/图). */
  function creditAlso(people: People, roles: readonly Role[]): void {
    for (const role of roles) for (const n of people.reporters) if (!people[role].includes(n)) people[role].push(n);
  }

  // --- standalone byline lines -------------------------------------------------------------------

  const BYLINE_LINE_RE = new RegExp(`^(${outlets.source})?(${ROLE_GROUP})`, 'u');
  // tried once per run of spaces (the lookbehind): from every space of a long run it would be quadratic
  const FILED_FROM_RE = /(?<![ \t\u3000\u00a0])[ \t\u3000\u00a0]+(?:[\p{Script=Han}]{0,6}(?:报道|報道)|(?:发自|發自)[\p{Script=Han}]{1,8})$/u;
  /** The credit prefixes (文/图, 图/, 文/) as a pattern, the slash full-width or spaced. */
  const CREDIT_WORDS = [...CREDIT_PREFIXES].map(([p]) => p).sort((a, b) => b.length - a.length).map((p) => p.replace('/', '\\s*[/／]\\s*'));
  const CREDIT_PREFIX_RE = new RegExp(`^(${CREDIT_WORDS.join('|')})\\s*`, 'u');
  /**
   * A character every role word and credit word ends with (the posted reporter, 驻京记者, ends in 者
   * as 记者 does): a line holding none of them matches neither pattern above, and most short lines
   * (headlines, captions) are skipped with one scan instead of the outlet-and-role pattern.
   */
  const BYLINE_WORD_END_RE = new RegExp(
    `[${[...new Set([...roleWords.words.map(([w]) => w), ...CREDIT_PREFIXES.map(([p]) => p.replace('/', ''))].map((w) => w.at(-1)!))].join('')}]`,
    'u',
  );
  /** The same credits after the names, where a whole word (文/图, 图文) stands: 本报记者 张三 文/图 */
  const TRAILING_CREDIT_RE = new RegExp(`[ \\t\\u3000\\u00a0]+(${CREDIT_WORDS.filter((w) => !w.endsWith('\\s*')).join('|')})$`, 'u');
  const rolesOfCredit = (printed: string): Role[] => CREDIT_PREFIXES.find(([p]) => p === printed.replace(/\s/gu, '').replace('／', '/'))![1];
  /** the outlet before a role word after a credit prefix (文/本报记者 张三) */
  const OUTLET_BEFORE_ROLE_RE = new RegExp(`^(?:${outlets.source})?(?=${ROLE_GROUP})`, 'u');

  const SENTENCE_MARK_RE = /[。!?！？]/u;

  /**
   * A line that is only a byline: 本报记者 孙 振 胡婧怡 / 仁聞報記者 / 记者、攝影:李明佑 / 文/图 X.
   * Names-only lines (王 颖) count when `namesOnly` is allowed (right under a headline).
   */
  function parseBylineLine(text: string, namesOnly = false): BylineFacts | null {
    // a sentence end is no byline; the filed-from tail removed below holds none, so test first (most
    // units are sentences: the replace below is then never run)
    if (text.length > 200 || SENTENCE_MARK_RE.test(text)) return null;
    if (!namesOnly && !BYLINE_WORD_END_RE.test(text)) return null;
    // 本报记者 张三 北京报道: where the report was filed is no name
    const t = text.trim().replace(FILED_FROM_RE, '');
    if (t.length > 60) return null;
    const facts: BylineFacts = Object.assign(emptyPeople(), { source: null, agency: null, raw: text.trim(), rejected: [] });
    const prefix = CREDIT_PREFIX_RE.exec(t);
    if (prefix) {
      const roles = rolesOfCredit(prefix[1]!);
      // 文/图 王小明, or 文/本报记者 张三 (the role words read as usual)
      const people = parsePeople(t.slice(prefix[0].length).replace(OUTLET_BEFORE_ROLE_RE, ''), 'reporters', 4);
      const names = people ? [...new Set([...people.reporters, ...people.photographers, ...people.correspondents])] : [];
      if (!names.length) return null;
      for (const role of roles) facts[role].push(...names);
      return facts;
    }
    const m = BYLINE_LINE_RE.exec(t);
    if (m) {
      const outlet = m[1] ?? null;
      const credit = TRAILING_CREDIT_RE.exec(t);
      const people = parsePeople(t.slice(outlet ? outlet.length : 0, credit?.index), 'reporters', 4);
      if (!people) return null;
      if (people.count === 0 && !outlet && !people.outlet) return null;
      if (credit) creditAlso(people, rolesOfCredit(credit[1]!));
      mergePeople(facts, people);
      facts.source = outletOrNull(outlet) ?? people.outlet;
      return facts;
    }
    if (namesOnly) {
      const { names, rejected } = splitUnroledNames(t);
      if (rejected.length || names.length === 0 || names.length > 4) return null;
      if (names.some((n) => charCount(n) > 3)) return null;
      facts.reporters.push(...names);
      return facts;
    }
    return null;
  }

  // --- photo credits -----------------------------------------------------------------------------

  const PHOTO = PHOTO_SUFFIXES.join('|');
  const CREDIT_RE = new RegExp(
    // a credit starts after the *last* space of a run: starting at every space of a long run is quadratic
    // (the white space after a sentence end belongs to the boundary, so the credit starts at its first word)
    `(^|[。！？!?”」][ \\t\\u3000\\u00a0]*[(（]?|\\s(?![ \\t\\u3000\\u00a0])[(（]?|[(（])((?:(${outlets.source})(?:[发發][ \\t\\u3000\\u00a0]*[(（]?)?)?(${ROLE_GROUP})?[ \\t\\u3000\\u00a0]*` +
      `([${HAN}·]{1,4}(?:[ \\t\\u3000\\u00a0、,，]+[${HAN}·]{1,4}){0,5})[ \\t\\u3000\\u00a0]*[/／]?(?:${PHOTO})` +
      // the agency that distributed the photo, in brackets after it: 马怀刚摄（影像中国）, 任超摄（新华社发）
      `(?:[ \\t\\u3000\\u00a0]*[(（]([^\\s()（）]{2,12})[)）])?` +
      `(?:[ \\t\\u3000\\u00a0]*[/／][ \\t\\u3000\\u00a0]*([^\\s/／()（）]{2,12}))?[ \\t\\u3000\\u00a0]*(?:[(（]下同[)）])?)[)）]?[ \\t\\u3000\\u00a0]*$`,
    'u',
  );


  /** A photo credit at the end of a line: 重庆日报记者 谢智强 摄/视觉重庆, 新华社记者鞠鹏摄, 中新网记者 何蓬磊 摄 */
  function parseCredit(text: string): CreditFacts | null {
    if (!text.includes('摄') && !text.includes('攝')) return null;
    const m = CREDIT_RE.exec(text);
    if (!m) return null;
    const outlet = m[3] ?? null;
    const roleWord = m[4] ?? null;
    const { names, rejected } = splitNames(m[5]!);
    if (rejected.length || names.length === 0) return null;
    // without a role word or outlet, only a short line is a credit (张三 摄), not the end of a sentence
    if (!roleWord && !outlet && m.index + m[1]!.length > 0 && !/\s/u.test(m[1]!)) return null;
    // an opening bracket before the credit belongs to it: （新华社记者 李贺 摄）
    const open = /[(（]$/u.test(m[1]!) ? 1 : 0;
    const start = m.index + m[1]!.length - open;
    const facts: CreditFacts = Object.assign(emptyPeople(), {
      source: outletOrNull(outlet), agency: m[7] ?? m[6]?.replace(/[发發]$/u, '') ?? null, raw: text.slice(start).trim(), rejected: [], start,
    });
    facts.photographers.push(...names);
    return facts;
  }

  // --- trailing reporter tags --------------------------------------------------------------------

  const TAG_RE = new RegExp(
    `[(（][ \\t\\u3000\\u00a0]*((?:${ROLE_GROUP})?[ \\t\\u3000\\u00a0]*[${HAN}·]{1,4}(?:[ \\t\\u3000\\u00a0、,，]+[${HAN}·]{1,4}){0,5})[ \\t\\u3000\\u00a0]*[)）]\\s*$`,
    'u',
  );
  const TRAILING_DISPATCH_RE = new RegExp(`[(（]((?:据|據)?${outlets.source}[${HAN}]{0,8}?(?:${DATE})?(?:${CLOSING_KIND}))[)）]\\s*$`, 'u');


  /** A reporter tag closing a short item, after its last sentence: …。(吕劲) / …。(記者 李勇、李松) */
  function parseTrailingTag(text: string): TagFacts | null {
    // a closing bracket among the last four characters, only white space after it (before any pattern)
    const from = Math.max(0, text.length - 4);
    const last = trimmedEnd(text, from) - 1;
    if (last < from || (text[last] !== ')' && text[last] !== '）')) return null;
    const m = TAG_RE.exec(text);
    if (m && m.index > 0) {
      const before = text.slice(0, m.index).trimEnd();
      if (!/[。！？!?”」…]$/u.test(before)) return null;
      const people = parsePeople(m[1]!, 'reporters', 3);
      if (!people || people.count === 0) return null;
      return Object.assign(emptyPeople(), pick(people), { source: people.outlet, agency: null, raw: m[0].trim(), rejected: [], start: m.index });
    }
    const d = TRAILING_DISPATCH_RE.exec(text);
    if (d && d.index > 0) {
      const lead = parseLead(d[1]!);
      if (!lead) return null;
      return Object.assign(emptyPeople(), { source: lead.source, agency: null, raw: d[0].trim(), rejected: [], start: d.index, place: lead.place, dateText: lead.dateText });
    }
    // …。（新华社北京10月14日电 记者周玮、史竞男） — a dispatch that names its reporters
    const open = Math.max(text.lastIndexOf('（'), text.lastIndexOf('('));
    if (open > 0 && last - open < 60 && /[。！？!?”」…]$/u.test(text.slice(0, open).trimEnd())) {
      const facts = dispatchWithPeople(text.slice(open, last + 1));
      if (facts) return { ...facts, start: open };
    }
    return null;
  }

  /**
   * A line that is nothing but a closing tag or dispatch, set on its own under the last paragraph:
   * （新华社北京10月3日电） / （本报记者 牟宗琮、李琰）.
   */
  function parseClosingLine(text: string): TagFacts | null {
    const t = text.trim();
    if (!/^[(（]/u.test(t) || !/[)）]$/u.test(t) || t.length > 60) return null;
    // read as the tag of a sentence: the same patterns, with the line as what closes it
    const tag = parseTrailingTag(`。${t}`);
    if (tag) return { ...tag, start: 0, raw: t };
    return dispatchWithPeople(t);
  }

  /** A bracketed dispatch with its reporters: （新华社北京10月14日电 记者周玮、史竞男、王思北）. */
  function dispatchWithPeople(t: string): TagFacts | null {
    const inner = t.slice(1, -1);
    const lead = parseLead(inner);
    if (!lead?.dateText) return null;
    const facts: TagFacts = Object.assign(emptyPeople(), {
      source: lead.source, agency: null, raw: t, rejected: [], start: 0, place: lead.place, dateText: lead.dateText,
    });
    mergePeople(facts, lead);
    const rest = inner.slice(lead.length).trim();
    if (rest) {
      const people = parsePeople(rest);
      if (!people || people.count === 0) return null;
      mergePeople(facts, people);
    }
    return facts;
  }

  /** Only the people of p (its lists, not copies) */
  function pick(p: People): People {
    const out = {} as People;
    for (const role of ROLES) out[role] = p[role];
    return out;
  }

  // --- meta lines of web pages -------------------------------------------------------------------

  const META_FIELD_RE = /(来源|來源|记者|記者|作者|责任编辑|責任編輯|编辑|編輯)\s*[:：]\s*([^\s|｜:：]+)/gu;

  /** 来源:新民晚报 记者:李明 编辑:王芳 — furniture that still names the article's people. */
  function parseMetaLine(text: string): BylineFacts | null {
    const facts: BylineFacts = Object.assign(emptyPeople(), { source: null, agency: null, raw: text.trim(), rejected: [] });
    let any = false;
    for (const m of allMatches(META_FIELD_RE, text)) {
      const field = m[1]!;
      const value = m[2]!;
      if (field === '来源' || field === '來源') {
        if (outlets.looksLikeOutlet(value)) { facts.source = outletOrNull(value); any = true; }
      } else if (field === '记者' || field === '記者') {
        const { names } = splitNames(value);
        facts.reporters.push(...names.filter(isPlausibleName));
        any = any || names.length > 0;
      } else if (field.includes('编') || field.includes('編')) {
        const { names } = splitNames(value);
        facts.editors.push(...names);
      }
    }
    return any ? facts : null;
  }

  return { parseLead, parsePeople, parseBylineLine, parseCredit, parseTrailingTag, parseClosingLine, parseMetaLine, BYLINE_LINE_RE, CREDIT_PREFIX_RE, BYLINE_WORD_END_RE };
}

/** The grammar of the generic tables, no profile. */
export const DEFAULT_GRAMMAR: BylineGrammar = bylineGrammar(ROLE_TABLE, OUTLET_TABLE);
export const {
  parseLead, parsePeople, parseBylineLine, parseCredit, parseTrailingTag, parseClosingLine, parseMetaLine,
  BYLINE_LINE_RE, CREDIT_PREFIX_RE, BYLINE_WORD_END_RE,
} = DEFAULT_GRAMMAR;

const grammars = new WeakMap<CompiledProfile, BylineGrammar>();

/** The grammar of a profile: its role words and outlets added to the tables (the generic one when it adds none). */
export function grammarOf(profile: CompiledProfile): BylineGrammar {
  if (profile.roles.length === 0 && profile.outlets.length === 0) return DEFAULT_GRAMMAR;
  let g = grammars.get(profile);
  if (!g) grammars.set(profile, (g = bylineGrammar(roleTable(profile.roles), outletTable(profile.outlets))));
  return g;
}
