/**
 * Units → article drafts, as the structure model labels them (learn/): a deck line after body text
 * opens an article, and so does a `start` (a headline-less item); furniture goes to no article;
 * body units feed the open one. What a unit holds is still read by the rules: a dateline lead is cut
 * off its paragraph, byline lines, credits and closing tags go to the byline, names alone under a
 * deck are its byline.
 */
import { namesOnlyByline, type ClassifiedUnit } from '../parse/classify.js';
import { eachUnitFeatures } from '../learn/features.js';
import { addEmission, viterbi, type ChainWeights } from '../learn/viterbi.js';
import { FURNITURE, START, BODY, isDeck, LABELS, allowedLabels, applyMask } from '../learn/labels.js';
import type { ArticleDraft, Segmentation } from './segment.js';
import type { BylineFacts } from '../parse/byline.js';
import { readDeck, MAX_JOINED_TITLE } from './title.js';
import { visibleLength } from '../knowledge/punctuation.js';
import type { Lexicon } from '../lexicon/lexicon.js';

/** The model's label for each unit. */
export function labelUnits(units: readonly ClassifiedUnit[], model: ChainWeights, lexicon: Lexicon): Int32Array {
  const scores = new Float64Array(units.length * model.labels);
  eachUnitFeatures(units, lexicon, (i, ids) => { addEmission(ids, model, scores, i); });
  return viterbi(applyMask(scores, allowedLabels(units)), units.length, model);
}

export function structure(units: readonly ClassifiedUnit[], model: ChainWeights, lexicon: Lexicon): Segmentation {
  return assemble(units, labelUnits(units, model, lexicon));
}

export function assemble(units: readonly ClassifiedUnit[], labels: Int32Array): Segmentation {
  const drafts: ArticleDraft[] = [];
  const leftovers: ClassifiedUnit[] = [];
  let cur: ArticleDraft | null = null;
  // meta lines (an editor line naming people) before an article's deck: its byline
  let pending: BylineFacts[] = [];
  const open = (): ArticleDraft => {
    const d: ArticleDraft = { headlines: [], deck: [], lead: null, bylines: pending, pieces: [], units: [], closed: false };
    pending = [];
    drafts.push(d);
    return d;
  };
  const hasBody = (d: ArticleDraft | null): boolean => !!d && (d.pieces.length > 0 || d.lead !== null);

  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const y = labels[i]!;
    if (y === FURNITURE) {
      leftovers.push(u.kind === 'furniture' ? u : { ...u, kind: 'furniture', furnitureKind: 'unassigned' });
      if (u.meta) {
        if (cur && !hasBody(cur)) cur.bylines.push(u.meta);
        else pending.push(u.meta);
      }
      continue;
    }
    if (isDeck(y)) {
      if (!cur || hasBody(cur)) cur = open();
      cur.headlines.push(u);
      cur.deck!.push(LABELS[y] as 'kicker' | 'title' | 'subtitle');
      cur.units.push(u);
      continue;
    }
    if (y === START || !cur) cur = open();
    cur.units.push(u);
    switch (u.kind) {
      case 'lead': {
        // a dateline lead opens the body: heading lines between the deck and it are the deck's subtitles
        if (!cur.lead && cur.headlines.length > 0 && cur.pieces.length > 0 && pieceUnits(cur).every((p) => p.kind === 'heading')) {
          for (const p of pieceUnits(cur)) { cur.headlines.push(p); cur.deck!.push('subtitle'); }
          cur.pieces = [];
        }
        if (hasBody(cur)) { addPiece(cur, u); break; }
        cur.lead = { unit: u, facts: u.lead! };
        const restStart = u.offset + u.lead!.length;
        let restEnd = u.end;
        if (u.tag) { cur.bylines.push(u.tag); restEnd = u.offset + u.tag.start; }
        const rest = u.text.slice(u.lead!.length, restEnd - u.offset).trimEnd();
        if (rest) cur.pieces.push({ text: rest, line: u.line, offset: restStart, end: restStart + rest.length });
        break;
      }
      case 'byline':
        cur.bylines.push(u.byline!);
        break;
      case 'credit':
        cur.bylines.push(u.credit!);
        break;
      default: {
        // names alone under a deck (王  颖): the article's byline, not its first paragraph
        const names = !hasBody(cur) && cur.headlines.length > 0 && labels[i + 1] === BODY ? namesOnlyByline(u.text) : null;
        if (names) { cur.bylines.push({ ...names }); break; }
        if (u.kind !== 'heading') takeTitleLines(cur, units[i - 1]);
        addPiece(cur, u);
      }
    }
  }
  const kept: ArticleDraft[] = [];
  for (const d of drafts) {
    if (hasBody(d)) kept.push(d);
    else for (const u of d.units) leftovers.push(u);
  }
  leftovers.sort((a, b) => a.offset - b.offset);
  return { drafts: kept, leftovers };
}

/**
 * A short lone title line followed by heading lines and then the first paragraph: the heading lines
 * are the rest of the deck, not intertitles: a title printed over several lines (渝湘复线高速公路 /
 * 芦沟河特大桥 / 左幅顺利合龙, 长江黄金水 / 道扩能带来新机遇) or a title and its subtitles. Their roles are
 * read as the rule-based deck reader reads them (transform/title.ts). A byline line between them and
 * the paragraph (老年人的新生活 / 餐餐好滋味 / 本报记者 贺勇) marks the heading as the body's first intertitle.
 */
/** Most heading lines taken under a lone title: a title over three lines, or a title and two subtitles. */
const MAX_TAKEN_LINES = 3;
function takeTitleLines(d: ArticleDraft, before: ClassifiedUnit | undefined): void {
  // (a deck has a few lines: the bound keeps this test off a long body, where it ran once a unit: quadratic)
  if (d.lead || d.pieces.length === 0 || d.pieces.length > MAX_TAKEN_LINES || d.headlines.length !== 1 || d.deck![0] !== 'title') return;
  const lines = pieceUnits(d);
  if (lines.length !== d.pieces.length || !lines.every((p) => p.kind === 'heading') || lines.at(-1) !== before) return;
  // a title cut over lines leaves a short first line; after a full title, a heading line is the
  // body's first intertitle (千年文化渊远流长, 内容提要 open feature articles)
  if (visibleLength(d.headlines[0]!.text) > MAX_JOINED_TITLE / 2) return;
  d.headlines.push(...lines);
  d.pieces = [];
  const deck = readDeck(d.headlines.map((h) => h.text));
  const kickers = deck.kicker.length;
  const titles = d.headlines.length - kickers - deck.subtitles.length;
  d.deck = d.headlines.map((_, k) => (k < kickers ? 'kicker' : k < kickers + titles ? 'title' : 'subtitle'));
}

/** The units whose text is in the draft's pieces so far (not its deck, lead or bylines). */
function pieceUnits(d: ArticleDraft): ClassifiedUnit[] {
  const at = new Set(d.pieces.map((p) => p.offset));
  return d.units.filter((u) => at.has(u.offset) && !d.headlines.includes(u));
}

function addPiece(d: ArticleDraft, u: ClassifiedUnit): void {
  let end = u.end;
  if (u.tag) { d.bylines.push(u.tag); end = Math.min(end, u.offset + u.tag.start); }
  if (u.credit) { d.bylines.push(u.credit); end = Math.min(end, u.offset + u.credit.start); }
  const text = u.text.slice(0, end - u.offset).trimEnd();
  if (text) d.pieces.push({ text, line: u.line, offset: u.offset, end: u.offset + text.length });
}
