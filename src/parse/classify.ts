/**
 * What each unit is, judged from the unit alone: furniture, a dateline lead, a byline line, a photo
 * credit, a headline-like line, or body text. Context (what comes before and after) is the
 * segmenter's job.
 */
import { matchFurniture } from '../knowledge/furniture-match.js';
import { NO_PROFILE, type CompiledProfile } from '../knowledge/profile.js';
import { profileLead, profileBylineLine } from './profile-rules.js';
import {
  endsSentence, lastChar, firstChar, isClauseMark, cannotStartLine, visibleLength, hasInnerSentenceEnd,
} from '../knowledge/punctuation.js';
import {
  grammarOf, DEFAULT_GRAMMAR, type LeadFacts, type BylineFacts, type CreditFacts, type TagFacts,
} from './byline.js';
import { printedDate, TIME_OF_DAY } from '../knowledge/dates.js';
import type { FurnitureKind } from '../types.js';
import type { Unit } from './units.js';

/** A headline line is at most this long (the longest in the dev corpus is 37). */
export const MAX_HEADLINE = 42;
/** A sentence that opens with its date: 6月11日，… / 3日晚上，… */
const DATE_OPENING_RE = new RegExp(`^${printedDate({ figuresOnly: true })}${TIME_OF_DAY}?[,，\\s]`, 'u');
/** A headline line ending in ? or ! is short (商圈如何接住世界杯流量?); a longer one is a sentence. */
const MAX_QUESTION_HEADLINE = 20;

export type UnitKind = 'furniture' | 'lead' | 'byline' | 'credit' | 'heading' | 'body';

export interface ClassifiedUnit extends Unit {
  kind: UnitKind;
  furnitureKind?: FurnitureKind;
  /** people named by a furniture line (来源:新民晚报 记者:李明) */
  meta?: BylineFacts;
  lead?: LeadFacts;
  byline?: BylineFacts;
  /** a credit at the end of the unit (whole unit when kind is 'credit') */
  credit?: CreditFacts;
  /** a reporter tag closing the unit: (吕劲) */
  tag?: TagFacts;
  /** a profile says what this heading line is */
  cue?: 'headline' | 'intertitle';
}

/**
 * Longest unit whose whole text the patterns read. A longer one is prose (no furniture line, byline
 * or headline is printed this long) and is read by its ends: a dateline may open it, a credit or a
 * reporter's tag close it. The patterns' `+` runs then never meet a line of millions of characters,
 * where V8 overflows its regexp stack (reliability-stack test).
 */
const MAX_WHOLE_UNIT = 4000;
/** How much of a long unit's start and end is read. */
const END_VIEW = 600;

export function classifyUnit(unit: Unit, profile: CompiledProfile = NO_PROFILE): ClassifiedUnit {
  const text = unit.text;
  // the byline grammar knows the profile's role words and outlets too
  const { parseLead, parseBylineLine, parseCredit, parseMetaLine, parseTrailingTag, parseClosingLine } = grammarOf(profile);
  if (text.length > MAX_WHOLE_UNIT) return classifyLong(unit, profile);
  // a profile's own rules come before the generic ones
  const own = profile.furniture.find((r) => r.pattern.test(text));
  if (!own) {
    if (profile.headlines.some((r) => r.test(text))) return classified(unit, { kind: 'heading', cue: 'headline' });
    if (profile.intertitles.some((r) => r.test(text))) return classified(unit, { kind: 'heading', cue: 'intertitle' });
  }
  const furniture = own ?? matchFurniture(text);
  if (furniture) {
    const meta = furniture.kind === 'editor' ? parseMetaLine(text) ?? undefined : undefined;
    return classified(unit, { kind: 'furniture', furnitureKind: furniture.kind, meta });
  }
  const profileByline = profileBylineLine(text, profile);
  if (profileByline) return classified(unit, { kind: 'byline', byline: profileByline });
  const lead = profileLead(text, profile) ?? parseLead(text);
  if (lead) {
    const c = classified(unit, { kind: 'lead', lead });
    const tag = parseTrailingTag(text);
    if (tag && tag.start > lead.length) c.tag = tag;
    return c;
  }
  const credit = parseCredit(text);
  if (credit && credit.start === 0) return classified(unit, { kind: 'credit', credit });
  const closing = parseClosingLine(text);
  if (closing) return classified(unit, { kind: 'byline', byline: closing });
  const byline = parseBylineLine(stripParens(text));
  // raw keeps the line as printed, parentheses included: (记者 张三) lost its ( ) (found by verify)
  if (byline) return classified(unit, { kind: 'byline', byline: Object.assign({}, byline, { raw: text.trim() }) });
  const c = classified(unit, { kind: looksLikeHeading(text) ? 'heading' : 'body' });
  if (credit) c.credit = credit;
  const tag = parseTrailingTag(text);
  if (tag) c.tag = tag;
  if (c.kind === 'heading' && (c.credit || c.tag)) c.kind = 'body';
  return c;
}

/** A long unit is body text, or a lead when a dateline opens it; its end may carry a credit or tag. */
function classifyLong(unit: Unit, profile: CompiledProfile): ClassifiedUnit {
  const { parseLead, parseTrailingTag, parseCredit } = grammarOf(profile);
  const head = unit.text.slice(0, END_VIEW);
  const tailAt = unit.text.length - END_VIEW;
  const tail = unit.text.slice(tailAt);
  const lead = profileLead(head, profile) ?? parseLead(head);
  const c = classified(unit, lead ? { kind: 'lead', lead } : { kind: 'body' });
  const tag = parseTrailingTag(tail);
  if (tag) c.tag = Object.assign(tag, { start: tag.start + tailAt });
  const credit = lead ? null : parseCredit(tail);
  if (credit) c.credit = Object.assign(credit, { start: credit.start + tailAt });
  return c;
}

/**
 * The unit with what classification found, every field present (undefined when not found): one
 * object shape for all units keeps the segmenter's and assembler's property reads monomorphic, and
 * a literal is cheaper than Object.assign (and than { ...unit, kind }, which on Node 20 takes a slow
 * runtime path, ~3 µs a unit).
 */
function classified(unit: Unit, found: Omit<ClassifiedUnit, keyof Unit>): ClassifiedUnit {
  return {
    text: unit.text, line: unit.line, offset: unit.offset, end: unit.end, gap: unit.gap, indent: unit.indent, wraps: unit.wraps,
    kind: found.kind, furnitureKind: found.furnitureKind, meta: found.meta, lead: found.lead, byline: found.byline,
    credit: found.credit, tag: found.tag, cue: found.cue,
  };
}

/**
 * Short, without a sentence end, not a fragment that must continue the line before. `len`: the
 * text's visibleLength() when the caller has it (counted up to MAX_HEADLINE or further: only
 * whether it is 0, short or too long is read), so that a unit's characters are not counted twice.
 */
export function looksLikeHeading(text: string, len = visibleLength(text, MAX_HEADLINE)): boolean {
  if (len === 0 || len > MAX_HEADLINE) return false;
  if (/[。;；]/u.test(text) || hasInnerSentenceEnd(text)) return false;
  // prose: two clause commas, or a sentence that opens with its date (6月11日，在…)
  if (commas(text) >= 2 || DATE_OPENING_RE.test(text)) return false;
  if (cannotStartLine(firstChar(text)) || /^\p{Script=Han}[,，、]/u.test(text)) return false;
  const last = lastChar(text);
  if (isClauseMark(last) || last === '：' || last === ':') return false;
  if (endsSentence(text)) return len <= MAX_QUESTION_HEADLINE && /[?？!！][”」』)）]*$/u.test(text);
  return true;
}

/** Commas (half- and full-width) in the text. */
function commas(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2c || c === 0xff0c) n++;
  }
  return n;
}

/** A names-only line under a headline: 王  颖 (a commentary's author). */
export function namesOnlyByline(text: string): BylineFacts | null {
  return DEFAULT_GRAMMAR.parseBylineLine(text, true);
}

function stripParens(text: string): string {
  const m = /^[(（]([^()（）]+)[)）]$/u.exec(text.trim());
  return m ? m[1]! : text;
}
