/**
 * Units → article drafts. An article starts at a run of headline lines when the run is clearly a new
 * deck and not an intertitle:
 *   - it is followed by a dateline lead or a byline line (本报记者 X, or names alone under a title);
 *   - the gap before it is wider than the page's usual gap between paragraphs;
 *   - page furniture (a header, an editor line) stands right before it, or nothing does (page start);
 *   - the article before it has ended (a closing reporter tag or byline);
 *   - it has three lines or more (intertitles have one or two);
 *   - it heads a quote box (speaker items follow);
 *   - failing all these, the text after it changes subject (lexical cohesion, cohesion.ts).
 * Otherwise the run stays in the body as intertitles. A dateline lead also starts an article, and
 * so does body text after furniture or after a closing reporter tag (headline-less items).
 */
import { namesOnlyByline, looksLikeHeading, MAX_HEADLINE, type ClassifiedUnit } from '../parse/classify.js';
import { hasOpenPair, visibleLength, endsSentence, lastChar } from '../knowledge/punctuation.js';
import { NEVER_FINAL, EDITORS_NOTE_RE } from '../knowledge/conventions.js';
import { decideJoin } from './repair.js';
import { breakInsideWord, type Lexicon } from '../lexicon/lexicon.js';
import { isSpeakerItem } from '../parse/names.js';
import { cohesionOfTexts, sharedBigrams, tailText, tailTexts, NEW_TOPIC_BELOW, WINDOW_AFTER, WINDOW_BEFORE } from './cohesion.js';
import type { BylineFacts, LeadFacts } from '../parse/byline.js';
import type { Piece } from './repair.js';

export interface ArticleDraft {
  headlines: ClassifiedUnit[];
  /** each headline line's role, where the structure model gave it (else the deck is read by its form) */
  deck?: Array<'kicker' | 'title' | 'subtitle'>;
  lead: { unit: ClassifiedUnit; facts: LeadFacts } | null;
  /** byline facts in the order found: byline lines, meta lines, credits, tags */
  bylines: BylineFacts[];
  pieces: Piece[];
  /** every unit that fed the article, for provenance */
  units: ClassifiedUnit[];
  /** an ending mark was seen (closing tag or byline, furniture after the body) */
  closed: boolean;
  /** an image placeholder or web residue followed the body: the next body may or may not go on */
  softBreak?: boolean;
  /** a closing reporter tag ended it (…。(吕劲)) */
  tagged?: boolean;
}

export interface Segmentation {
  drafts: ArticleDraft[];
  /** units that went to no article: furniture, and headline runs without any body */
  leftovers: ClassifiedUnit[];
}

/** Heading runs this long start an article: intertitles have one or two lines. */
const RUN_STARTS_ARTICLE = 3;

/** Furniture that stands inside articles as often as between them (a photo's placeholder). */
const SOFT_BREAKS = new Set<string>(['image-placeholder', 'web-residue']);

/** Furniture that ends a deck still waiting for its body. */
const DECK_ENDING = new Set<string>(['page-header', 'section-label', 'table-of-contents', 'jump']);

/** A headline set in two parts with a space between (二季度以来 银行理财规模企稳回升); intertitles are one phrase. */
const TWO_PART_TITLE_RE = /\p{Script=Han}[”」》)）]?[ \u3000\u00a0]+[“「《(（]?[\p{Script=Han}A-Za-z0-9]/u;

/** A title set in large type over a narrow column breaks inside a word (长江黄金水 / 道扩能…); intertitles fit one line. */
function titleBrokenInWord(run: ClassifiedUnit[], lexicon: Lexicon): boolean {
  for (let k = 0; k + 1 < run.length; k++) if (breakInsideWord(lexicon, run[k]!.text, run[k + 1]!.text)) return true;
  return false;
}

export function segment(units: ClassifiedUnit[], lexicon: Lexicon): Segmentation {
  const drafts: ArticleDraft[] = [];
  const leftovers: ClassifiedUnit[] = [];
  const gaps = gapJudge(units);
  let cur: ArticleDraft | null = null;
  let afterFurniture = true;
  let pending: BylineFacts[] = [];
  // credit units seen before any article: they go with the next article, or to leftovers (found by verify)
  let pendingUnits: ClassifiedUnit[] = [];

  const open = (headlines: ClassifiedUnit[]): ArticleDraft => {
    const d: ArticleDraft = { headlines, lead: null, bylines: pending, pieces: [], units: [...pendingUnits, ...headlines], closed: false };
    pending = [];
    pendingUnits = [];
    drafts.push(d);
    return d;
  };
  const hasBody = (d: ArticleDraft | null): boolean => !!d && (d.pieces.length > 0 || d.lead !== null);
  /** The article that body text goes to: the current one, unless it ended (or furniture ended its text). */
  const bodyTarget = (): ArticleDraft => {
    if (cur && afterFurniture && hasBody(cur)) cur.closed = true;
    return cur && !cur.closed ? cur : open([]);
  };

  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    switch (u.kind) {
      case 'furniture': {
        leftovers.push(u);
        if (u.meta) {
          if (cur && !hasBody(cur)) cur.bylines.push(u.meta);
          else pending.push(u.meta);
        }
        // furniture ends an article's text; between a deck and its body only residue (a meta line,
        // a site's date line) may stand, not a new page, section or table of contents
        if (cur && hasBody(cur) && SOFT_BREAKS.has(u.furnitureKind!)) cur.softBreak = true;
        else if (hasBody(cur) || (cur && DECK_ENDING.has(u.furnitureKind!))) cur!.closed = true;
        afterFurniture = true;
        continue;
      }
      case 'heading': {
        // a short line glued to furniture above and set apart from the deck below is part of that
        // furniture block (a site's channel name under its search box: 娱乐专题搜索: / 影音娱乐)
        const prev = units[i - 1];
        const after = units[i + 1];
        if (u.gap === 0 && prev?.kind === 'furniture' && after?.kind === 'heading' && after.gap > 0 && !hasBody(cur)) {
          leftovers.push({ ...u, kind: 'furniture', furnitureKind: 'navigation' });
          continue;
        }
        let j = i;
        let names: BylineFacts | null = null;
        while (j < units.length && units[j]!.kind === 'heading') {
          // names alone under a title (王  颖, or 李 文 after a ■) are its byline, not a deck line
          if (j > i && (names = namesOnlyByline(units[j]!.text))) break;
          // a wide gap inside a run: the lines above it close the article before (a table title, an intertitle)
          if (j > i && gaps.wide(units[j]!) && cur && hasBody(cur)) {
            for (const h of units.slice(i, j)) addPiece(cur, h);
            i = j;
          }
          j++;
        }
        // a title line broken before its closing quote (汇率避险“工具箱 / ”再扩容…)
        while (j < units.length && j > i && continuesQuotedTitle(units[j - 1]!.text, units[j]!)) j++;
        // the first words of the body, cut off by a break, are not a deck line (…新途径 / 在没有定位信号的受 / 限环境中…)
        if (j - 1 > i || (j - 1 === i && cur)) {
          const last = units[j - 1]!;
          const body = units[j];
          if (body && body.kind === 'body' && startsBody(last.text, body.text, lexicon)) j--;
        }
        if (j === i) {
          // the whole "run" was the body's first words
          cur = bodyTarget();
          addPiece(cur, units[i]!);
          afterFurniture = false;
          continue;
        }
        // (from here on the run's first line is units[i]: a wide gap inside the run may have moved i past u)
        let run = units.slice(i, j);
        const next = units[j];
        if (!names && next && next.kind === 'body' && next.gap >= 0) names = namesOnlyByline(next.text);
        let starts = !cur || cur.closed || afterFurniture || gaps.wide(run[0]!) || run.length >= RUN_STARTS_ARTICLE
          || titleBrokenInWord(run, lexicon) || run.some((h) => TWO_PART_TITLE_RE.test(h.text))
          || next?.kind === 'lead' || next?.kind === 'byline' || names !== null || opensQuoteBox(units, j);
        // where the layout says nothing here, a change of subject does: also on a page whose wider gaps
        // mark some article boundaries, since a page or column break leaves wide gaps of its own
        if (!starts && cur) starts = subjectChanges(cur, units, j, run.length);
        // a heading-like last line of the article before (a table's title, a reference) above a new deck
        if (starts && cur && hasBody(cur) && !cur.closed && !afterFurniture && run.length >= 2 && !gaps.wide(run[0]!)
          && !run[0]!.cue && endsArticleBefore(cur, run, units, j)) {
          addPiece(cur, run[0]!);
          run = run.slice(1);
        }
        // a profile's cues overrule the layout
        if (run.some((h) => h.cue === 'headline')) starts = true;
        else if (cur && !cur.closed && run.every((h) => h.cue === 'intertitle')) starts = false;
        if (cur && !hasBody(cur) && !cur.closed && cur.headlines.length > 0 && !gaps.wide(run[0]!)) {
          // more deck lines after a meta line under the title
          for (const h of run) { cur.headlines.push(h); cur.units.push(h); }
        } else if (starts) {
          cur = open(run);
        } else {
          for (const h of run) addPiece(cur!, h);
        }
        if (names && next) {
          cur!.bylines.push({ ...names });
          cur!.units.push(next);
          j++;
        }
        i = j - 1;
        afterFurniture = false;
        continue;
      }
      case 'byline': {
        if (!cur || cur.closed) cur = open([]);
        cur.bylines.push(u.byline!);
        cur.units.push(u);
        // a byline after the body closes the article: (记者 X) at the end
        if (hasBody(cur)) cur.closed = true;
        afterFurniture = false;
        continue;
      }
      case 'lead': {
        if (!cur || hasBody(cur) || cur.closed) cur = open([]);
        cur.lead = { unit: u, facts: u.lead! };
        cur.units.push(u);
        const restStart = u.offset + u.lead!.length;
        let restEnd = u.end;
        if (u.tag) { cur.bylines.push(u.tag); restEnd = u.offset + u.tag.start; }
        const rest = u.text.slice(u.lead!.length, restEnd - u.offset).trimEnd();
        if (rest) cur.pieces.push({ text: rest, line: u.line, offset: restStart, end: restStart + rest.length });
        if (u.tag) cur.closed = true;
        afterFurniture = false;
        continue;
      }
      case 'credit': {
        if (cur) { cur.bylines.push(u.credit!); cur.units.push(u); }
        else { pending.push(u.credit!); pendingUnits.push(u); }
        continue;
      }
      case 'body': {
        // after an image placeholder or residue inside the body, only a change of subject starts anew
        if (cur?.softBreak && !cur.closed) {
          cur.softBreak = false;
          if (subjectChanges(cur, units, i, 1)) cur.closed = true;
        }
        cur = bodyTarget();
        addPiece(cur, u);
        afterFurniture = false;
        continue;
      }
    }
  }
  // headline runs that never got a body are furniture (teasers, theme words, TOC lines)
  const kept: ArticleDraft[] = [];
  // loops, not push(...spread): a page of 200,000 short lines would overflow the call stack
  for (const u of pendingUnits) leftovers.push(u);
  for (const d of drafts) {
    if (hasBody(d) && !isOrphanLine(d)) kept.push(d);
    else for (const u of d.units) leftovers.push(u);
  }
  return { drafts: attachEditorsNotes(separateClusterIntro(kept)), leftovers };
}

/** An editor's note (编者按：…) printed above a headline introduces the article below it. */
function attachEditorsNotes(drafts: ArticleDraft[]): ArticleDraft[] {
  const out: ArticleDraft[] = [];
  for (let k = 0; k < drafts.length; k++) {
    const d = drafts[k]!;
    const next = drafts[k + 1];
    const note = d.headlines.length === 0 && d.lead === null && d.bylines.length === 0 && d.pieces.length > 0
      && EDITORS_NOTE_RE.test(d.pieces[0]!.text);
    if (note && next && next.headlines.length > 0) {
      drafts[k + 1] = { ...next, pieces: [...d.pieces, ...next.pieces], units: [...d.units, ...next.units] };
    } else out.push(d);
  }
  return out;
}

/** The break between a heading-like line and the body below it cut a sentence: the line is body. */
function startsBody(line: string, body: string, lexicon: Lexicon): boolean {
  if (visibleLength(body, MAX_HEADLINE) <= MAX_HEADLINE) return false;
  // a line that stops on 的 / 于 / 和 … leaves its sentence open, and a sentence of a word or two
  // (茶话会。) is the end of one begun above: no deck line does either
  if (NEVER_FINAL.has(lastChar(line)) || SENTENCE_TAIL_RE.test(body)) return true;
  const d = decideJoin(line, body, lexicon);
  return d.join && (d.kind === 'mid-word' || d.kind === 'duplicate' || d.kind === 'clause' || d.evidence.includes('quotation or bracket left open'));
}
/** A first sentence of at most four characters: the tail of a sentence begun above the break. */
const SENTENCE_TAIL_RE = /^[^。！？!?，,、；;：:“”「」]{1,4}[。！？!?]/u;

function continuesQuotedTitle(above: string, u: ClassifiedUnit): boolean {
  return u.kind === 'body' && hasOpenPair(above) && /^[”’」』》)）]/u.test(u.text) && looksLikeHeading(u.text.slice(1));
}

/** Does the body after a heading (from unit j on) leave the subject of the article so far? */
function subjectChanges(cur: ArticleDraft, units: ClassifiedUnit[], j: number, lines: number): boolean {
  const c = cohesionOfTexts(tailTexts(cur.pieces, WINDOW_BEFORE), textsFrom(units, j, 0, true));
  if (c === null) return lines >= 2;
  return c < (lines >= 2 ? NEW_TOPIC_BELOW.twoLines : NEW_TOPIC_BELOW.oneLine);
}

/**
 * Is a deck's first line really the last line of the article before? It is when it repeats that
 * article's words, and the text below it far fewer (A股市场板块涨跌幅排行 under a market report, above
 * an unrelated headline): a kicker speaks of its own story.
 */
function endsArticleBefore(cur: ArticleDraft, run: ClassifiedUnit[], units: ClassifiedUnit[], j: number): boolean {
  const line = run[0]!.text;
  const after = textFrom(units, j, run.slice(1).map((h) => h.text).join(''), false);
  const own = sharedBigrams(line, tailText(cur.pieces, WINDOW_BEFORE).slice(-WINDOW_BEFORE));
  return own >= OWN_WORDS && sharedBigrams(line, after) * 2 <= own;
}

/** The text of the units from j on, after `start`, until it fills the window (or, with bodyOnly, a unit that is not body). */
function textFrom(units: ClassifiedUnit[], j: number, start: string, bodyOnly: boolean): string {
  return start + textsFrom(units, j, start.length, bodyOnly).join('');
}

/** The texts textFrom() joins after a start of `chars` characters. */
function textsFrom(units: ClassifiedUnit[], j: number, chars: number, bodyOnly: boolean): string[] {
  const texts: string[] = [];
  for (let k = j; k < units.length && chars < WINDOW_AFTER; k++) {
    if (bodyOnly && units[k]!.kind !== 'body') break;
    texts.push(units[k]!.text);
    chars += units[k]!.text.length;
  }
  return texts;
}
/** Share of the line's bigrams found in the article before; the text below must share at most half as many. */
const OWN_WORDS = 0.15;

/** Speaker items that show a quote box (张三 「…」 李四 「…」): one could be a quote in the text. */
const QUOTE_BOX_ITEMS = 2;
/** Does a quote box (众声, 他们说) start at unit j? A heading over it is the box's own, not an intertitle. */
function opensQuoteBox(units: ClassifiedUnit[], j: number): boolean {
  let n = 0;
  while (n < QUOTE_BOX_ITEMS && units[j + n]?.kind === 'body' && isSpeakerItem(units[j + n]!.text)) n++;
  return n === QUOTE_BOX_ITEMS;
}

/** A lone short line with no headline and no byline is no article (a weather line, a stray label). */
const MIN_ORPHAN_TEXT = 20;
function isOrphanLine(d: ArticleDraft): boolean {
  return d.headlines.length === 0 && d.lead === null && d.bylines.length === 0 && d.pieces.length === 1
    && visibleLength(d.pieces[0]!.text) < MIN_ORPHAN_TEXT;
}

/**
 * A cluster of short items, each closed by its reporter tag, prints one paragraph per item. When the
 * first tagged item has more, the untagged paragraphs before it are the cluster's introduction (or
 * an item whose tag the page lost), not part of that item.
 */
function separateClusterIntro(drafts: ArticleDraft[]): ArticleDraft[] {
  const items = drafts.filter((d) => d.tagged && d.headlines.length === 0 && d.lead === null);
  const single = items.filter((d) => d.pieces.length === 1).length;
  if (items.length < 3 || single < items.length - 1) return drafts;
  const isItem = new Set(items);
  const out: ArticleDraft[] = [];
  for (const d of drafts) {
    const k = d.pieces.length - 1;
    if (!isItem.has(d) || k < 1 || !endsSentence(d.pieces[k - 1]!.text)) { out.push(d); continue; }
    const introPieces = d.pieces.slice(0, k);
    const cut = d.pieces[k]!.offset;
    out.push({ ...d, bylines: [], pieces: introPieces, units: d.units.filter((u) => u.offset < cut), tagged: false });
    out.push({ ...d, pieces: [d.pieces[k]!], units: d.units.filter((u) => u.offset >= cut) });
  }
  return out;
}

function addPiece(d: ArticleDraft, u: ClassifiedUnit): void {
  d.units.push(u);
  let end = u.end;
  if (u.tag) { d.bylines.push(u.tag); end = Math.min(end, u.offset + u.tag.start); d.closed = true; d.tagged = true; }
  if (u.credit) { d.bylines.push(u.credit); end = Math.min(end, u.offset + u.credit.start); }
  const text = u.text.slice(0, end - u.offset).trimEnd();
  if (text) d.pieces.push({ text, line: u.line, offset: u.offset, end: u.offset + text.length });
}

/**
 * Is the gap before a unit wider than this page's gap between paragraphs? The usual gap is the most
 * common one; a page whose gaps are all alike says nothing (and then cohesion decides).
 */
function gapJudge(units: ClassifiedUnit[]): { wide: (u: ClassifiedUnit) => boolean } {
  const none = { wide: () => false };
  const counts = new Map<number, number>();
  let total = 0;
  for (const u of units.slice(1)) {
    if (u.gap < 0 || u.kind === 'furniture') continue;
    counts.set(u.gap, (counts.get(u.gap) ?? 0) + 1);
    total++;
  }
  if (total === 0) return none;
  let mode = 0;
  let best = -1;
  for (const [g, c] of counts) if (c > best || (c === best && g < mode)) { mode = g; best = c; }
  const wider = total - best;
  // wide gaps must be the exception, or they are just this page's paragraph gap
  if (wider === 0 || wider > total * 0.4) return none;
  return { wide: (u) => u.gap > mode };
}
