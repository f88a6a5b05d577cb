/**
 * The features of each unit that the structure model weighs. Each is a small table entry: a name,
 * how many values it takes, and how to read its value off a unit and its neighbours. The rules of
 * the parser (furniture patterns, the byline grammar, the heading test, cohesion) are features here,
 * not decisions; the weights that turn them into labels are learned (learn/perceptron.ts).
 *
 * A feature is a template and a value; its index in the weight table is the template's base plus
 * the value, so extraction builds no strings. Character features (the first and last characters)
 * are hashed into a fixed number of buckets.
 */
import type { ClassifiedUnit } from '../parse/classify.js';
import { looksLikeHeading, namesOnlyByline } from '../parse/classify.js';
import {
  endsSentence, hasInnerSentenceEnd, visibleLength, hasOpenPair, cannotStartLine, firstChar, lastChar,
} from '../knowledge/punctuation.js';
import { COLUMN_KICKER_RE, EDITORS_NOTE_RE, NEVER_FINAL, CAPTION_RE, LIST_ITEM_RE } from '../knowledge/conventions.js';
import { isSpeakerItem } from '../parse/names.js';
import { cohesionOfTexts, WINDOW_AFTER } from '../transform/cohesion.js';
import { segment } from '../transform/segment.js';
import { readDeck } from '../transform/title.js';
import type { Lexicon } from '../lexicon/lexicon.js';
import { FURNITURE, KICKER, TITLE, SUBTITLE, START, BODY, L } from './labels.js';

/** What one unit shows on its own, as small integers (the values of the unit templates). */
export interface UnitView {
  kind: number; furn: number; len: number; last: number; first: number; sent: number; commas: number;
  column: number; twoPart: number; heading: number; names: number; speaker: number; tag: number;
  credit: number; leadDate: number; gap: number; gapRel: number; indent: number; indentRel: number;
  quoted: number; note: number; caption: number; list: number; openPair: number; neverFinal: number;
  contStart: number; firstCode: number; lastCode: number; first2: number; last2: number;
  /** what the rule-based segmenter (transform/segment.ts) made of the unit, as a label */
  rule: number;
}

const KINDS = ['furniture', 'lead', 'byline', 'credit', 'heading', 'body'];
const FURNITURE_KINDS = ['', 'page-header', 'editor', 'navigation', 'jump', 'web-residue', 'table-of-contents', 'section-label', 'image-placeholder', 'unassigned'];
/** Visible-length bins: titles run 5–30 characters, kickers and subtitles longer, body lines longer still. */
const LENGTH_BINS = [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 25, 28, 32, 36, 42, 50, 60, 80, 100, 150, 250];
const lengthBin = (n: number): number => { let b = 0; while (b + 1 < LENGTH_BINS.length && n > LENGTH_BINS[b + 1]!) b++; return b; };

/** Classes of a line's last and first characters: how decks, bylines and body lines end and start. */
const CHAR_CLASSES: Array<[string, RegExp]> = [
  ['stop', /[。．.]/u], ['excl', /[！？!?]/u], ['close-quote', /[”’」』"']/u], ['close-paren', /[）)】〕]/u],
  ['colon', /[：:]/u], ['comma', /[，,、；;]/u], ['dash', /[—－-]/u], ['ellipsis', /…/u], ['open-quote', /[“‘「『]/u],
  ['open-paren', /[（(【〔《]/u], ['close-title', /[》〉]/u], ['digit', /[0-9０-９]/u], ['latin', /[A-Za-zＡ-Ｚａ-ｚ]/u],
  ['han', /\p{Script=Han}/u], ['mark', /[■●▲◆★☆□○◎※·•]/u],
];
function classOf(ch: string): number { for (let k = 0; k < CHAR_CLASSES.length; k++) if (CHAR_CLASSES[k]![1].test(ch)) return k + 1; return ch ? CHAR_CLASSES.length + 1 : 0; }
/** A character's class, remembered by code point (firstChar and lastChar give one code point, or ''; a lone surrogate pair half is one too). */
const bmpClasses = new Uint8Array(0x10000);
const astralClasses = new Map<number, number>();
const charClass = (ch: string): number => {
  if (ch === '') return 0;
  const cp = ch.codePointAt(0)!;
  if (ch.length > (cp > 0xffff ? 2 : 1)) return classOf(ch);
  if (cp > 0xffff) {
    let k = astralClasses.get(cp);
    if (k === undefined) astralClasses.set(cp, (k = classOf(ch)));
    return k;
  }
  let k = bmpClasses[cp]!;
  if (k === 0) bmpClasses[cp] = k = classOf(ch) + 1;
  return k - 1;
};
const CHAR_CLASS_COUNT = CHAR_CLASSES.length + 2;

/** A title set in two parts with a space between (二季度以来 银行理财规模企稳回升). */
const TWO_PART_RE = /\p{Script=Han}[”」》)）]?[ \u3000\u00a0]+[“「《(（]?[\p{Script=Han}A-Za-z0-9]/u;
/** TWO_PART_RE needs a space or an ideographic space: most lines have neither, and indexOf is a scan, where the pattern is tried at every Han character. */
const hasSpace = (text: string): boolean => text.includes(' ') || text.includes('\u3000') || text.includes('\u00a0');
/** A line wholly in quotation marks: an intertitle of quoted words (“成就越来越大”), a slogan. */
const QUOTED_RE = /^[“「『"][^“”「」『』"]*[”」』"]$/u;
const HASH_BUCKETS = 2048;
const hashCode = (s: string): number => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) % HASH_BUCKETS;
};

/** Cohesion bins of the text above a heading-like line against the text below it. */
const COHESION_BINS = [0.03, 0.06, 0.1, 0.14, 0.2, 0.3, 0.45];
const COHESION_WINDOW = 1500;
const AFTER_WINDOW = Math.min(COHESION_WINDOW, WINDOW_AFTER);

interface PageStats { gapMode: number; gapsInformative: boolean; indentShare: number }

function pageStats(units: readonly ClassifiedUnit[]): PageStats {
  const counts = new Map<number, number>();
  let total = 0;
  let indented = 0;
  for (let i = 1; i < units.length; i++) {
    const u = units[i]!;
    if (u.gap < 0 || u.kind === 'furniture') continue;
    counts.set(u.gap, (counts.get(u.gap) ?? 0) + 1);
    total++;
  }
  for (const u of units) if (u.indent) indented++;
  let mode = 0;
  let best = -1;
  for (const [g, c] of counts) if (c > best || (c === best && g < mode)) { mode = g; best = c; }
  return { gapMode: mode, gapsInformative: total > 0 && best < total, indentShare: units.length ? indented / units.length : 0 };
}

/**
 * Where each unit stands in the page (undefined: not one of them; the segmenter hands back the
 * units themselves). The units come in text order, so a binary search on the offset finds it, with
 * no map of the page's units to build (the last place of a unit listed twice, as a map would keep);
 * units out of order fall back to a map.
 */
function unitIndex(units: readonly ClassifiedUnit[]): (u: ClassifiedUnit) => number | undefined {
  let sorted = true;
  for (let i = 1; i < units.length && sorted; i++) sorted = units[i - 1]!.offset <= units[i]!.offset;
  if (!sorted) {
    const at = new Map<ClassifiedUnit, number>();
    units.forEach((u, i) => { at.set(u, i); });
    return (u) => at.get(u);
  }
  return (u) => {
    let lo = 0;
    let hi = units.length;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (units[mid]!.offset < u.offset) lo = mid + 1; else hi = mid; }
    let found: number | undefined;
    for (let i = lo; i < units.length && units[i]!.offset === u.offset; i++) if (units[i] === u) found = i;
    return found;
  };
}

/**
 * The rule-based segmenter's reading of the page as labels: its decks (roles as title.ts reads
 * them), its bodies, the first unit of its headline-less items, its leftovers. The whole rule set
 * is one feature: the weights learn where to follow it and where not.
 */
export function ruleLabels(units: readonly ClassifiedUnit[], lexicon: Lexicon): Int32Array {
  const out = new Int32Array(units.length).fill(FURNITURE);
  const at = unitIndex(units);
  const { drafts } = segment(units as ClassifiedUnit[], lexicon);
  for (const d of drafts) {
    const heads = d.headlines;
    // one headline line is the title (readDeck says so, with no kicker and no subtitles)
    const deck = heads.length > 1 ? readDeck(heads.map((h) => h.text)) : null;
    for (const h of heads) {
      const i = at(h);
      if (i === undefined) continue;
      out[i] = !deck ? TITLE : deck.kicker.includes(h.text) ? KICKER : deck.subtitles.includes(h.text) ? SUBTITLE : TITLE;
    }
    let first = heads.length === 0;
    for (const u of d.units) {
      const i = at(u);
      if (i === undefined || (heads.length > 0 && heads.includes(u))) continue;
      out[i] = first ? START : BODY;
      first = false;
    }
  }
  return out;
}

/** Is the code point a Han character? Remembered per BMP code point (the pattern is tested once each). */
const HAN_RE = /\p{Script=Han}/u;
const hanBmp = new Uint8Array(0x10000);
const isHan = (cp: number): boolean => {
  if (cp > 0xffff) return HAN_RE.test(String.fromCodePoint(cp));
  let k = hanBmp[cp]!;
  if (k === 0) hanBmp[cp] = k = HAN_RE.test(String.fromCharCode(cp)) ? 1 : 2;
  return k === 1;
};
/** The first two UTF-16 units of the text's Han characters (as the Han-only string's slice(0, 2)), found without building it. */
function hanHead(text: string): string {
  let out = '';
  for (let i = 0; i < text.length && out.length < 2;) {
    const cp = text.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (isHan(cp)) out += text.slice(i, i + w);
    i += w;
  }
  return out.slice(0, 2);
}
/** The last two UTF-16 units of the text's Han characters (the Han-only string's slice(-2)). */
function hanTail(text: string): string {
  let out = '';
  for (let j = text.length; j > 0 && out.length < 2;) {
    const c = text.charCodeAt(j - 1);
    const pair = c >= 0xdc00 && c <= 0xdfff && j >= 2 && text.charCodeAt(j - 2) >= 0xd800 && text.charCodeAt(j - 2) <= 0xdbff;
    const w = pair ? 2 : 1;
    if (isHan(pair ? text.codePointAt(j - 2)! : c)) out = text.slice(j - w, j) + out;
    j -= w;
  }
  return out.slice(-2);
}

/** Features read a unit's ends: a long unit is seen by its first and last characters only (a
 *  pattern over a line of megabytes would cost time and, on long space runs, the stack). */
const VIEW_END = 200;

/** Writes the unit's view (UnitView, one field a slot in the order of SIZES) into row[at ...]. */
export function viewOf(u: ClassifiedUnit, next: ClassifiedUnit | undefined, stats: PageStats, rule: number, row: Int32Array, at = 0): void {
  const text = u.text.length > 2 * VIEW_END ? `${u.text.slice(0, VIEW_END)}${u.text.slice(-VIEW_END)}` : u.text;
  const len = visibleLength(text, 300);
  const last = lastChar(text);
  const first = firstChar(text);
  let commas = 0;
  for (let i = 0; i < text.length && commas < 2; i++) { const c = text.charCodeAt(i); if (c === 0x2c || c === 0xff0c) commas++; }
  const heading = looksLikeHeading(text, len);
  const gap = u.gap < 0 ? 0 : Math.min(u.gap + 1, 4);
  const gapRel = u.gap < 0 ? 3 : !stats.gapsInformative ? 0 : u.gap > stats.gapMode ? 2 : u.gap < stats.gapMode ? 1 : 4;
  const indentRel = stats.indentShare === 0 ? 0 : stats.indentShare > 0.9 ? (u.indent ? 1 : 2) : (u.indent ? 3 : 4);
  const f = AT;
  row[at + f.kind] = KINDS.indexOf(u.kind);
  row[at + f.furn] = u.furnitureKind ? Math.max(0, FURNITURE_KINDS.indexOf(u.furnitureKind)) : 0;
  row[at + f.len] = lengthBin(len);
  row[at + f.last] = charClass(last);
  row[at + f.first] = charClass(first);
  row[at + f.sent] = (endsSentence(text) ? 1 : 0) + (hasInnerSentenceEnd(text) ? 2 : 0);
  row[at + f.commas] = commas;
  // (the bracket test only where the line ends in one: a pattern anchored at $ alone is tried from every position)
  row[at + f.column] = COLUMN_KICKER_RE.test(text) ? 1 : (last === ')' || last === '）') && /[(（][^()（）]{2,20}[)）]$/u.test(text) ? 2 : 0;
  row[at + f.twoPart] = hasSpace(text) && TWO_PART_RE.test(text) ? 1 : 0;
  row[at + f.heading] = heading ? 1 : 0;
  row[at + f.names] = heading && len <= 12 && namesOnlyByline(text) ? 1 : 0;
  row[at + f.speaker] = isSpeakerItem(text) ? 1 : 0;
  row[at + f.tag] = u.tag ? 1 : 0;
  row[at + f.credit] = u.credit ? (u.credit.start === 0 ? 2 : 1) : 0;
  row[at + f.leadDate] = u.lead ? (u.lead.dateText ? 2 : 1) : 0;
  row[at + f.gap] = gap;
  row[at + f.gapRel] = gapRel;
  row[at + f.indent] = u.indent ? 1 : 0;
  row[at + f.indentRel] = indentRel;
  row[at + f.quoted] = QUOTED_RE.test(text) ? 1 : 0;
  row[at + f.note] = EDITORS_NOTE_RE.test(text) ? 1 : 0;
  row[at + f.caption] = CAPTION_RE.test(text) ? 1 : 0;
  row[at + f.list] = LIST_ITEM_RE.test(text) ? 1 : 0;
  row[at + f.openPair] = hasOpenPair(text) ? 1 : 0;
  row[at + f.neverFinal] = NEVER_FINAL.has(last) ? 1 : 0;
  row[at + f.contStart] = next && cannotStartLine(firstChar(next.text)) ? 1 : 0;
  row[at + f.firstCode] = hashCode(first);
  row[at + f.lastCode] = hashCode(last);
  row[at + f.first2] = hashCode(hanHead(text));
  row[at + f.last2] = hashCode(hanTail(text));
  row[at + f.rule] = rule;
}

type ViewKey = keyof UnitView;
/** Domain sizes of the unit fields. */
const SIZES: Record<ViewKey, number> = {
  kind: KINDS.length, furn: FURNITURE_KINDS.length, len: LENGTH_BINS.length, last: CHAR_CLASS_COUNT, first: CHAR_CLASS_COUNT,
  sent: 4, commas: 3, column: 3, twoPart: 2, heading: 2, names: 2, speaker: 2, tag: 2, credit: 3, leadDate: 3, gap: 5,
  gapRel: 5, indent: 2, indentRel: 5, quoted: 2, note: 2, caption: 2, list: 2, openPair: 2, neverFinal: 2, contStart: 2,
  firstCode: HASH_BUCKETS, lastCode: HASH_BUCKETS, first2: HASH_BUCKETS, last2: HASH_BUCKETS, rule: L,
};

/**
 * What a template reads: a field of the unit's view or of a neighbour's (0 past the page's ends, else
 * the field + 1), or a fact of the page. Each is a slot of the unit's input vector (pageFeatureIds).
 */
const SELF = 0;
const NEAR = { p: 1, pp: 2, n: 3, nn: 4 } as const;
const OFFSET = [0, -1, -2, 1, 2];
const FACT = 5;
interface Input { slot: number; size: number }
/**
 * A template: a name (the model file lists them), how many values it takes, and the inputs its value
 * is made of: one input, or several read as the digits of a mixed-radix number (`both`).
 */
interface Template { name: string; size: number; inputs: Input[] }

const UNIT_FIELDS: ViewKey[] = Object.keys(SIZES) as ViewKey[];
/** Where each field sits in a view row. */
const AT = Object.fromEntries(UNIT_FIELDS.map((k, i) => [k, i])) as Record<ViewKey, number>;
/** Fields a view row has. */
export const VIEW_WIDTH = UNIT_FIELDS.length;
const WIDTH = VIEW_WIDTH;
/** The page facts, in slot order; their values are worked out in pageFeatureIds. */
const FACTS = ['bias', 'run', 'runPos', 'runLeft', 'runCohesion', 'edge', 'runNext', 'runPrev', 'shapeBefore', 'shapeAfter'] as const;
type FactName = (typeof FACTS)[number];

const self = (k: ViewKey): Template => ({ name: k, size: SIZES[k], inputs: [{ slot: SELF * WIDTH + AT[k], size: SIZES[k] }] });
/** A neighbour's field; value 0 when there is no neighbour. */
const near = (where: keyof typeof NEAR, k: ViewKey): Template => ({
  name: `${where}.${k}`, size: SIZES[k] + 1, inputs: [{ slot: NEAR[where] * WIDTH + AT[k], size: SIZES[k] + 1 }],
});
/** Two templates at once (their values' product: a's value × b's size + b's value). */
const both = (a: Template, b: Template): Template => ({ name: `${a.name}&${b.name}`, size: a.size * b.size, inputs: [...a.inputs, ...b.inputs] });
const fact = (name: FactName, size: number): Template => ({ name, size, inputs: [{ slot: FACT * WIDTH + FACTS.indexOf(name), size }] });

const NEIGHBOUR_FIELDS: ViewKey[] = ['rule', 'kind', 'furn', 'len', 'last', 'first', 'sent', 'heading', 'gap', 'gapRel', 'indent', 'indentRel', 'credit', 'leadDate', 'names', 'tag', 'column', 'quoted', 'twoPart'];
const FAR_FIELDS: ViewKey[] = ['rule', 'kind', 'len', 'heading', 'last', 'gapRel'];

// the facts' values (pageFeatureIds): a heading run's length, each line's place in it and the lines
// left after it (each capped), the run's cohesion bin (on each of its lines), whether the unit is the page's first or last
const run = fact('run', 6);
const runPos = fact('runPos', 5);
const runLeft = fact('runLeft', 5);
const coh = fact('runCohesion', COHESION_BINS.length + 2);
const edge = fact('edge', 4);
// what a run of heading-like lines leads to: a deck is followed by a lead or a byline, an intertitle by body text
const runNext = fact('runNext', KINDS.length + 1);
const runPrev = fact('runPrev', KINDS.length + 1);
// intertitles come in series of one form (观 马 / 骑 马 / 品 马, four-character pairs): heading lines of
// the same length and spacing above and below within SHAPE_WINDOW units (0, 1, 2 or more each)
const shapeBefore = fact('shapeBefore', 3);
const shapeAfter = fact('shapeAfter', 3);

/** The templates, in a fixed order (the model file names them, so a changed table is caught at load). */
export const TEMPLATES: Template[] = [
  fact('bias', 1),
  ...UNIT_FIELDS.map(self),
  ...NEIGHBOUR_FIELDS.flatMap((k) => [near('p', k), near('n', k)]),
  ...FAR_FIELDS.flatMap((k) => [near('pp', k), near('nn', k)]),
  run, runPos, runLeft, coh, edge, runNext, runPrev, shapeBefore, shapeAfter,
  both(shapeBefore, shapeAfter), both(shapeAfter, coh), both(shapeBefore, coh), both(shapeAfter, self('rule')),
  both(runNext, runPos), both(runNext, run), both(runNext, runLeft), both(runPrev, runPos), both(runNext, runPrev),
  both(runNext, self('len')), both(runNext, coh),
  both(run, runPos), both(run, runLeft), both(coh, run), both(coh, runPos), both(coh, self('gapRel')),
  both(self('kind'), near('n', 'kind')), both(self('kind'), near('p', 'kind')),
  both(self('len'), near('n', 'kind')), both(self('len'), near('p', 'kind')),
  both(self('heading'), both(near('p', 'heading'), near('n', 'heading'))),
  both(self('last'), self('heading')), both(self('first'), self('len')), both(self('gapRel'), self('heading')),
  both(self('gap'), near('n', 'gap')), both(self('indent'), near('n', 'indent')), both(self('len'), near('n', 'len')),
  both(self('len'), near('p', 'len')), both(self('heading'), near('n', 'leadDate')), both(self('column'), self('len')),
  both(near('n', 'kind'), near('nn', 'kind')), both(self('first'), self('last')), both(self('sent'), self('len')),
  both(run, self('len')), both(runPos, self('first')), both(runLeft, self('last')), both(edge, self('kind')),
  both(self('indentRel'), self('heading')), both(self('indentRel'), near('p', 'indentRel')), both(self('indentRel'), near('n', 'indentRel')),
  both(self('twoPart'), self('indentRel')), both(self('gapRel'), near('n', 'gapRel')), both(self('heading'), near('n', 'first')),
  both(self('rule'), near('p', 'rule')), both(self('rule'), near('n', 'rule')), both(self('rule'), self('kind')),
  both(self('rule'), self('len')), both(self('rule'), self('gapRel')), both(self('rule'), near('n', 'kind')),
];

export const TEMPLATE_NAMES = TEMPLATES.map((t) => t.name);
const BASES: number[] = [];
export const FEATURE_COUNT = TEMPLATES.reduce((n, t) => { BASES.push(n); return n + t.size; }, 0);
/** Features a unit (the number of templates): pageFeatureIds gives this many indices a unit. */
export const FEATURES_PER_UNIT = TEMPLATES.length;

// The templates as flat tables. Most read one input: their index is BASE + the input (ONE_*). The
// others (MANY_*) read inputs TERM[k] .. TERM[k + 1] - 1, each its slot and the weight of its digit
// (the product of the sizes of the inputs after it); their index is BASE + Σ input × weight.
const ONE_T: number[] = [];
const ONE_SLOT: number[] = [];
const MANY_T: number[] = [];
const TERM: number[] = [0];
const SLOT: number[] = [];
const DIGIT: number[] = [];
TEMPLATES.forEach((t, i) => {
  if (t.inputs.length === 1) { ONE_T.push(i); ONE_SLOT.push(t.inputs[0]!.slot); return; }
  MANY_T.push(i);
  let weight = t.size;
  for (const x of t.inputs) { weight /= x.size; SLOT.push(x.slot); DIGIT.push(weight); }
  TERM.push(SLOT.length);
});
const BASE = Int32Array.from(BASES);
const ONE = { t: Int32Array.from(ONE_T), slot: Int32Array.from(ONE_SLOT) };
const MANY = { t: Int32Array.from(MANY_T), term: Int32Array.from(TERM), slot: Int32Array.from(SLOT), digit: Int32Array.from(DIGIT) };
/** The neighbour slots some template reads (the rest are never filled): which neighbour, which field. */
const NEAR_SLOTS = [...new Set([...ONE_SLOT, ...SLOT].filter((s) => s >= WIDTH && s < FACT * WIDTH))];
const NEAR_SLOT = Int32Array.from(NEAR_SLOTS);
const NEAR_OFFSET = Int32Array.from(NEAR_SLOTS, (s) => OFFSET[Math.floor(s / WIDTH)]!);
const NEAR_FIELD = Int32Array.from(NEAR_SLOTS, (s) => s % WIDTH);

/** The active features of every unit of a page: `features[i]` lists unit i's feature indices. */
export function pageFeatures(units: readonly ClassifiedUnit[], lexicon: Lexicon): Int32Array[] {
  const out: Int32Array[] = [];
  eachUnitFeatures(units, lexicon, (_, ids) => { out.push(ids.slice()); });
  return out;
}

/**
 * Each unit's feature indices in turn, to `visit(i, ids)`: `ids` (FEATURES_PER_UNIT of them, in
 * template order) is one buffer for every unit, good until visit returns.
 */
export function eachUnitFeatures(units: readonly ClassifiedUnit[], lexicon: Lexicon, visit: (i: number, ids: Int32Array) => void): void {
  const n = units.length;
  const stats = pageStats(units);
  const rules = ruleLabels(units, lexicon);
  // every unit's view, one row of WIDTH fields each (the order of SIZES)
  const views = new Int32Array(n * WIDTH);
  for (let i = 0; i < n; i++) viewOf(units[i]!, units[i + 1], stats, rules[i]!, views, i * WIDTH);
  const KIND = AT.kind;
  const HEADING = AT.heading;
  const HEADING_KIND = KINDS.indexOf('heading');
  const heading = (i: number): boolean => views[i * WIDTH + HEADING] === 1 && views[i * WIDTH + KIND] === HEADING_KIND;
  // runs of heading-like lines: their length and each line's place in its run
  const runStart = new Int32Array(n);
  const runEnd = new Int32Array(n);
  for (let i = 0; i < n; i++) runStart[i] = heading(i) && i > 0 && heading(i - 1) ? runStart[i - 1]! : i;
  for (let i = n - 1; i >= 0; i--) runEnd[i] = heading(i) && i + 1 < n && heading(i + 1) ? runEnd[i + 1]! : i;
  const shapes = sameShapes(units, heading);
  const ids = new Int32Array(FEATURES_PER_UNIT);
  // the unit's inputs: its own view, its neighbours' fields (+1; 0 past the page's ends), the facts
  const x = new Int32Array(FACT * WIDTH + FACTS.length);
  const F = FACT * WIDTH;
  let runCoh = 0;
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < WIDTH; f++) x[f] = views[i * WIDTH + f]!;
    for (let k = 0; k < NEAR_SLOT.length; k++) {
      const j = i + NEAR_OFFSET[k]!;
      x[NEAR_SLOT[k]!] = j >= 0 && j < n ? views[j * WIDTH + NEAR_FIELD[k]!]! + 1 : 0;
    }
    const isRun = heading(i);
    x[F] = 0;
    x[F + 1] = Math.min(isRun ? runEnd[i]! - runStart[i]! + 1 : 0, 5);
    x[F + 2] = Math.min(isRun ? i - runStart[i]! : 0, 4);
    x[F + 3] = Math.min(isRun ? runEnd[i]! - i : 0, 4);
    // the run's cohesion, measured once at its first line, is a fact of each of its lines
    if (isRun && i === runStart[i]) runCoh = cohesionBin(units, runStart[i]!, runEnd[i]!);
    x[F + 4] = isRun ? runCoh : 0;
    x[F + 5] = (i === 0 ? 1 : 0) + (i === n - 1 ? 2 : 0);
    x[F + 6] = isRun && runEnd[i]! + 1 < n ? views[(runEnd[i]! + 1) * WIDTH + KIND]! + 1 : 0;
    x[F + 7] = isRun && runStart[i]! > 0 ? views[(runStart[i]! - 1) * WIDTH + KIND]! + 1 : 0;
    // 0 off heading lines: sameShapes compares only those
    x[F + 8] = shapes.before[i]!;
    x[F + 9] = shapes.after[i]!;
    for (let k = 0; k < ONE.t.length; k++) { const t = ONE.t[k]!; ids[t] = BASE[t]! + x[ONE.slot[k]!]!; }
    for (let k = 0; k < MANY.t.length; k++) {
      const t = MANY.t[k]!;
      let id = BASE[t]!;
      for (let j = MANY.term[k]!, e = MANY.term[k + 1]!; j < e; j++) id += x[MANY.slot[j]!]! * MANY.digit[j]!;
      ids[t] = id;
    }
    visit(i, ids);
  }
}

/** How far a heading line looks for others of its form (a feature article's intertitles stand 3 to 15 units apart). */
const SHAPE_WINDOW = 40;
/**
 * For each heading line, the heading lines of the same form within SHAPE_WINDOW units above and
 * below (capped at 2): the same visible length, and spaces inside or not. Only heading lines are
 * compared, a page has few, so this is a short scan each.
 */
export function sameShapes(units: readonly ClassifiedUnit[], heading: (i: number) => boolean): { before: Uint8Array; after: Uint8Array } {
  const n = units.length;
  const before = new Uint8Array(n);
  const after = new Uint8Array(n);
  const heads: number[] = [];
  for (let i = 0; i < n; i++) if (heading(i)) heads.push(i);
  const shape = heads.map((i) => visibleLength(units[i]!.text, 60) * 2 + (hasSpace(units[i]!.text.trim()) ? 1 : 0));
  for (let a = 0; a < heads.length; a++) {
    for (let b = a + 1; b < heads.length && heads[b]! - heads[a]! <= SHAPE_WINDOW; b++) {
      if (shape[a] !== shape[b]) continue;
      if (after[heads[a]!]! < 2) after[heads[a]!]!++;
      if (before[heads[b]!]! < 2) before[heads[b]!]!++;
    }
  }
  return { before, after };
}

/** Does the text below a heading run go on with the words of the text above it? Binned; 0: not measurable. */
function cohesionBin(units: readonly ClassifiedUnit[], from: number, to: number): number {
  // the texts above and below, as cohesion() would read them joined (cohesionOfTexts joins none)
  const before: string[] = [];
  let chars = 0;
  for (let k = from - 1; k >= 0 && chars < COHESION_WINDOW; k--) {
    const u = units[k]!;
    if (u.kind === 'furniture') continue;
    before.push(u.text);
    chars += u.text.length;
  }
  before.reverse();
  const after: string[] = [];
  chars = 0;
  // cohesion() reads the first WINDOW_AFTER characters after the run: more would be built for nothing
  for (let k = to + 1; k < units.length && chars < AFTER_WINDOW; k++) {
    const u = units[k]!;
    if (u.kind === 'furniture') continue;
    if (u.kind === 'heading' && chars > 0 && looksLikeHeading(u.text) && visibleLength(u.text) < 10) break;
    after.push(u.text);
    chars += u.text.length;
  }
  const c = cohesionOfTexts(before, after);
  if (c === null) return 0;
  let b = 0;
  while (b < COHESION_BINS.length && c >= COHESION_BINS[b]!) b++;
  return b + 1;
}
