/**
 * Page and column breaks: decide, for each pair of neighbouring body pieces, whether the break between
 * them ended a paragraph or cut one, and re-join the cut ones. Evidence, strongest first:
 *   - the next piece starts with a mark no line may start with (,、。)」) → cut;
 *   - the first piece ends a sentence (。!?…) → paragraph end;
 *   - it ends with a clause mark or an opener (,、;“《) → cut after a clause;
 *   - the same character on both sides of the break, with a sign that it is one character twice → cut
 *     that repeated it (…融合 | 合、…): the copy is dropped;
 *   - the dictionary reads the characters across the break as one word (建 | 设) → cut in a word;
 *   - the first piece is prose (commas, or 40 characters and more), or ends in a character no title
 *     ends with → cut.
 * A shorter piece without end punctuation whose break falls between words is an intertitle: kept.
 * How often each rule errs on real text, per 1,000 paragraph ends: `node train/breaks.mjs`.
 */
import {
  endsSentence, lastChar, firstChar, isClauseMark, isSemicolon, isOpener, cannotStartLine, isHan, visibleLength,
  hasOpenPair, hasInnerSentenceEnd, NEVER_DOUBLED, SENTENCE_END, CLAUSE_MARKS,
} from '../knowledge/punctuation.js';
import { MAX_HEADLINE } from '../parse/classify.js';
import { NEVER_FINAL, NEVER_INITIAL, CAPTION_LABEL_RE, CAPTION_RE, LIST_ITEM_RE, PARAGRAPH_OPENERS } from '../knowledge/conventions.js';
import { MONTH_DAY_FIGURES, SENTENCE_TIME, fullDate } from '../knowledge/dates.js';
import { breakInsideWord, type Lexicon } from '../lexicon/lexicon.js';
import type { Repair, RepairKind } from '../types.js';

export interface Piece {
  text: string;
  line: number;
  offset: number;
  end: number;
}

export interface ParagraphDraft {
  text: string;
  line: number;
  endLine: number;
  offset: number;
  end: number;
}

/** One character and a comma at the start of a piece: the end of a clause cut off above. */
const LONE_CHARACTER_RE = /^\p{Script=Han}[,，、;；]/u;

/** A full date at the end of a piece: no title ends on one. */
const FULL_DATE_END_RE = new RegExp(`${MONTH_DAY_FIGURES}$`, 'u');

/**
 * How a new sentence below an intertitle often opens: a date and a comma (2019年9月25日，1月3日，).
 * (Not a quotation: 馆长介绍 | “这是…” is a cut before the words quoted.)
 */
const SENTENCE_OPENING_RE = new RegExp(`^(?:${fullDate()}|${MONTH_DAY_FIGURES})[，,]`, 'u');
/**
 * A line above a sentence that opens on its date may be a long intertitle: in the training months,
 * lifting the limit from a headline's length (42) to 80 keeps 5 more real paragraph ends apart and
 * costs 0.2 expected cuts (train/breaks.mjs).
 */
const DATED_HEADING_MAX = 80;
/** How a paragraph's first sentence opens on a time or a link word and a comma; no heading opens so. */
const PARAGRAPH_OPENING_RE = new RegExp(`^(?:${fullDate()}|${SENTENCE_TIME}|${PARAGRAPH_OPENERS.join('|')})[，,]`, 'u');

/**
 * Text that ends a paragraph with no end punctuation and no sentence end inside (an intertitle, a line
 * of verse, a standfirst). Measured on the 44,722 paragraph ends of two months of 人民日报
 * (train/breaks.mjs, a column cut per 450 characters): with no comma in it, such a text of 20 to 39
 * characters ends a paragraph 3 to 8 times as often as a column cuts it there (220 ends, 32 cuts);
 * with commas, the odds are 2 to 3 for a paragraph end in 人民日报 but not in the business papers of
 * dev/rendered, whose cuts in a first sentence read like that, so a comma still makes it prose.
 * Joining above 18 characters, as before, joined 220 of those ends. With the two guards below (a word
 * and a full stop under the break; text with few marks) errors per 1,000 ends fell from 58 to 53
 * (72 to 67 at a cut per 250 characters).
 */
const UNPUNCTUATED_END_MAX = 40;
/**
 * Below the break, this many characters without a mark: text of an era or a dump with little
 * punctuation (申報 of the 1940s), where a long unpunctuated line says nothing of an intertitle; there
 * only a line of up to 18 characters is one.
 */
const UNMARKED_RUN = 40;
const UNMARKED_TEXT_END_MAX = 19;
const MARKED_RE = new RegExp(`[${SENTENCE_END}${CLAUSE_MARKS}：:]`, 'u');
/** A piece that opens with a word or two and a full stop. */
const WORD_AND_STOP_RE = new RegExp(`^\\p{Script=Han}{1,4}[${SENTENCE_END}]`, 'u');
/** A piece this long with commas inside reads as prose; intertitles with commas end in a dash (handled above). */
const PROSE_MIN = 20;

interface Decision {
  join: boolean;
  kind?: RepairKind;
  drop?: boolean;
  evidence: string[];
}

/**
 * How much of the paragraph above a break the decision reads. Everything it asks of that text (its
 * last characters, whether it is short enough to be a title, open quotes, inner sentence ends) is
 * settled within this tail, so a long paragraph costs no more than a short one: joining stays linear.
 */
const TAIL = 200;
/** How much of the paragraph's start the decision reads (a caption label, an opening 近日，/ 2019年10月1日，). */
const HEAD = 12;

const HIGH_SURROGATE_END_RE = /[\uD800-\uDBFF]$/;
const LOW_SURROGATE_START_RE = /^[\uDC00-\uDFFF]/;

export function decideJoin(paragraph: string, right: string, lexicon: Lexicon): Decision {
  return decide(paragraph.slice(0, HEAD), paragraph.length > TAIL ? paragraph.slice(-TAIL) : paragraph, paragraph.length, right, lexicon);
}

/** The decision reads the paragraph's first characters (a caption label?), its tail and its length. */
function decide(head: string, left: string, length: number, right: string, lexicon: Lexicon): Decision {
  // a lone high surrogate above the break and a lone low one below it: joined they would become one
  // astral character that neither line holds (and verify() would count two lost, one extra)
  if (HIGH_SURROGATE_END_RE.test(left) && LOW_SURROGATE_START_RE.test(right)) return { join: false, evidence: ['lone surrogates on both sides'] };
  const paragraph = length <= HEAD ? head : '';
  const isCaption = CAPTION_RE.test(head);
  const a = lastChar(left);
  const b = firstChar(right);
  if (CAPTION_LABEL_RE.test(paragraph)) return { join: true, kind: 'clause', evidence: ['caption label'] };
  // a comma or full stop printed on both sides of the break: no text doubles these marks (…挑战， | ，即…)
  if (a === b && NEVER_DOUBLED.includes(a)) {
    return { join: true, kind: 'duplicate', drop: true, evidence: [`${a} on both sides`] };
  }
  // an ellipsis or a dash is two characters wide: the break may fall between its halves (…… / ——)
  if (a === b && (a === '…' || a === '—') && left.at(-2) !== a && right[1] !== a) {
    return { join: true, kind: 'clause', evidence: [`${a}${b} split by the break`] };
  }
  if (cannotStartLine(b)) return { join: true, kind: 'clause', evidence: [`next part starts with ${b}`] };
  if (endsSentence(left)) return { join: false, evidence: ['sentence end'] };
  if (a === '：' || a === ':') return { join: false, evidence: ['colon introduces what follows'] };
  const long = length > TAIL || visibleLength(left, MAX_HEADLINE) > MAX_HEADLINE;
  if ((a === '—' || a === '－') && !long) return { join: false, evidence: ['intertitle ending in a dash'] };
  // A semicolon or a whole dash (——) above the break ends an item of a list or a paragraph that
  // introduces the next (…纵深推进—— | 明确…). In the 50,258 paragraphs (5.0 M characters) of two
  // months of 人民日报, 387 end in ； and 437 in ——; column cuts, about one every 300 characters,
  // would land right after one of the 5,807 inner ； some 19 times and after an inner —— some 7:
  // at such a break a paragraph end is 20 to 60 times as likely as a cut.
  if (isSemicolon(a)) return { join: false, evidence: ['an item ends in a semicolon'] };
  if (a === '—' && left.at(-2) === '—') return { join: false, evidence: ['a dash ends the paragraph'] };
  if (isClauseMark(a)) return { join: true, kind: 'clause', evidence: [`ends with ${a}`] };
  if (isOpener(a)) return { join: true, kind: 'clause', evidence: [`ends with opening ${a}`] };
  // a caption (图说:…) is a paragraph of its own unless the break is plainly inside a sentence
  if (isCaption && !hasOpenPair(left)) return { join: false, evidence: ['caption'] };
  const open = hasOpenPair(left);
  // A paragraph that starts with the very character the unfinished text above ends with is the
  // break repeating it (…融合 | 合、…, …规模化 | 化发展…): chance would make that one break in hundreds.
  if (a === b && isHan(a)) {
    return { join: true, kind: 'duplicate', drop: true, evidence: ['same character on both sides', 'no end punctuation'] };
  }
  if (/[A-Za-z0-9]/.test(a) && /[A-Za-z0-9]/.test(b)) {
    return { join: true, kind: 'mid-word', evidence: ['letters or digits on both sides'] };
  }
  if (LIST_ITEM_RE.test(right)) return { join: false, evidence: ['numbered item follows'] };
  if (NEVER_INITIAL.has(b)) return { join: true, kind: 'mid-sentence', evidence: [`${b} cannot start a sentence`] };
  if (breakInsideWord(lexicon, left, right)) return { join: true, kind: 'mid-word', evidence: ['word across the break'] };
  // one character and a comma (…受限环境 | 中，无人机…): the end of the clause above, not a new sentence
  if (LONE_CHARACTER_RE.test(right)) {
    return { join: true, kind: 'clause', evidence: ['one character before a comma ends the clause above'] };
  }
  if (open) return { join: true, kind: 'mid-sentence', evidence: ['quotation or bracket left open'] };
  // a paragraph of heading length so far, the break between words, and below it a sentence opening
  // on a date: an intertitle, however long (…开启全面依法治国新时代 | 2019年2月25日，…)
  if (visibleLength(left, DATED_HEADING_MAX) < DATED_HEADING_MAX && SENTENCE_OPENING_RE.test(right) && !NEVER_FINAL.has(a) && !FULL_DATE_END_RE.test(left)) {
    return { join: false, evidence: ['a sentence opens below a heading-length line'] };
  }
  if (hasInnerSentenceEnd(left)) return { join: true, kind: 'mid-sentence', evidence: ['a sentence ends inside: prose, not a title'] };
  // A paragraph that opens on a time or a link and a comma (近日，/ 如今，/ 6月11日，/ 此外，) and has
  // no sentence end yet is in its first sentence: in two months of 人民日报, about 20 of 6,000 paragraphs
  // that end unpunctuated open so, against about 240 column cuts in such a first sentence.
  if (PARAGRAPH_OPENING_RE.test(head)) return { join: true, kind: 'mid-sentence', evidence: ['the first sentence of a paragraph opening on 近日，'] };
  if (visibleLength(left, PROSE_MIN) >= PROSE_MIN && /[,，、：:]/u.test(left)) {
    return { join: true, kind: 'mid-sentence', evidence: ['punctuated like prose', 'no end punctuation'] };
  }
  // a word or two and a full stop below (…举行新春 | 座谈会。…): the end of the sentence above
  if (WORD_AND_STOP_RE.test(right)) return { join: true, kind: 'mid-sentence', evidence: ['a word and a full stop finish the sentence above'] };
  const max = MARKED_RE.test(right.slice(0, UNMARKED_RUN)) ? UNPUNCTUATED_END_MAX : UNMARKED_TEXT_END_MAX;
  if (length > TAIL || visibleLength(left, max) >= max) {
    return { join: true, kind: 'mid-sentence', evidence: ['no end punctuation', 'too long to end a paragraph without it'] };
  }
  if (FULL_DATE_END_RE.test(left)) return { join: true, kind: 'mid-sentence', evidence: ['a date ends no title'] };
  if (NEVER_FINAL.has(a) && Array.from(lastWord(left, lexicon)).length < 3) return { join: true, kind: 'mid-sentence', evidence: [`${a} cannot end a sentence`] };
  return { join: false, evidence: ['no end punctuation between words: a line of its own (intertitle)'] };
}

/** The last word of a text, as the lexicon cuts its last few characters. */
function lastWord(text: string, lexicon: Lexicon): string {
  return lexicon.cut(text.slice(-6)).at(-1) ?? '';
}

/** Join pieces into paragraphs; with repair off, every piece is its own paragraph. */
export function joinPieces(pieces: Piece[], repair: boolean, lexicon: Lexicon): { paragraphs: ParagraphDraft[]; repairs: Repair[] } {
  const paragraphs: ParagraphDraft[] = [];
  const repairs: Repair[] = [];
  // the paragraph being built, kept as parts plus its head and tail: re-reading or re-slicing the
  // growing string at every break would make a page of many short lines quadratic
  let parts: string[] = [];
  let head = '';
  let tail = '';
  let length = 0;
  const flush = (): void => {
    const cur = paragraphs[paragraphs.length - 1];
    if (cur && parts.length > 1) cur.text = parts.join('');
  };
  for (const p of pieces) {
    const cur = paragraphs[paragraphs.length - 1];
    if (repair && cur) {
      const d = decide(head, tail, length, p.text, lexicon);
      if (d.join) {
        const dropped = d.drop ? firstChar(p.text) : '';
        const added = p.text.slice(dropped.length);
        repairs.push({
          kind: d.kind!, line: p.line, offset: p.offset,
          before: tail.slice(-8), after: p.text.slice(0, 8),
          ...(dropped ? { dropped } : {}), evidence: d.evidence,
        });
        parts.push(added);
        length += added.length;
        tail = (tail + added.slice(-TAIL)).slice(-TAIL);
        cur.endLine = p.line;
        cur.end = p.end;
        continue;
      }
    }
    flush();
    paragraphs.push({ text: p.text, line: p.line, endLine: p.line, offset: p.offset, end: p.end });
    parts = [p.text];
    head = p.text.slice(0, HEAD);
    tail = p.text.slice(-TAIL);
    length = p.text.length;
  }
  flush();
  return { paragraphs, repairs };
}
