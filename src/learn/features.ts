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
import { cohesion } from '../transform/cohesion.js';
import { segment } from '../transform/segment.js';
import { readDeck } from '../transform/title.js';
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
const charClass = (ch: string): number => { for (let k = 0; k < CHAR_CLASSES.length; k++) if (CHAR_CLASSES[k]![1].test(ch)) return k + 1; return ch ? CHAR_CLASSES.length + 1 : 0; };
const CHAR_CLASS_COUNT = CHAR_CLASSES.length + 2;

/** A title set in two parts with a space between (二季度以来 银行理财规模企稳回升). */
const TWO_PART_RE = /\p{Script=Han}[”」》)）]?[ \u3000]+[“「《(（]?[\p{Script=Han}A-Za-z0-9]/u;
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
 * The rule-based segmenter's reading of the page as labels: its decks (roles as title.ts reads
 * them), its bodies, the first unit of its headline-less items, its leftovers. The whole rule set
 * is one feature: the weights learn where to follow it and where not.
 */
export function ruleLabels(units: readonly ClassifiedUnit[]): Int32Array {
  const out = new Int32Array(units.length).fill(FURNITURE);
  const at = new Map<ClassifiedUnit, number>();
  units.forEach((u, i) => { at.set(u, i); });
  const { drafts } = segment(units as ClassifiedUnit[]);
  for (const d of drafts) {
    const deck = readDeck(d.headlines.map((h) => h.text));
    const heads = new Set(d.headlines);
    d.headlines.forEach((h, k) => {
      const i = at.get(h);
      if (i === undefined) return;
      const text = d.headlines[k]!.text;
      out[i] = deck.kicker.includes(text) ? KICKER : deck.subtitles.includes(text) ? SUBTITLE : TITLE;
    });
    let first = d.headlines.length === 0;
    for (const u of d.units) {
      const i = at.get(u);
      if (i === undefined || heads.has(u)) continue;
      out[i] = first ? START : BODY;
      first = false;
    }
  }
  return out;
}

/** Features read a unit's ends: a long unit is seen by its first and last characters only (a
 *  pattern over a line of megabytes would cost time and, on long space runs, the stack). */
const VIEW_END = 200;

export function viewOf(u: ClassifiedUnit, next: ClassifiedUnit | undefined, stats: PageStats, rule = 0): UnitView {
  const text = u.text.length > 2 * VIEW_END ? `${u.text.slice(0, VIEW_END)}${u.text.slice(-VIEW_END)}` : u.text;
  const len = visibleLength(text, 300);
  const last = lastChar(text);
  const first = firstChar(text);
  let commas = 0;
  for (let i = 0; i < text.length && commas < 2; i++) { const c = text.charCodeAt(i); if (c === 0x2c || c === 0xff0c) commas++; }
  const heading = looksLikeHeading(text);
  const gap = u.gap < 0 ? 0 : Math.min(u.gap + 1, 4);
  const gapRel = u.gap < 0 ? 3 : !stats.gapsInformative ? 0 : u.gap > stats.gapMode ? 2 : u.gap < stats.gapMode ? 1 : 4;
  const indentRel = stats.indentShare === 0 ? 0 : stats.indentShare > 0.9 ? (u.indent ? 1 : 2) : (u.indent ? 3 : 4);
  const han = text.replace(/[^\p{Script=Han}]/gu, '');
  return {
    kind: KINDS.indexOf(u.kind),
    furn: u.furnitureKind ? Math.max(0, FURNITURE_KINDS.indexOf(u.furnitureKind)) : 0,
    len: lengthBin(len),
    last: charClass(last),
    first: charClass(first),
    sent: (endsSentence(text) ? 1 : 0) + (hasInnerSentenceEnd(text) ? 2 : 0),
    commas,
    column: COLUMN_KICKER_RE.test(text) ? 1 : /[(（][^()（）]{2,20}[)）]$/u.test(text) ? 2 : 0,
    twoPart: TWO_PART_RE.test(text) ? 1 : 0,
    heading: heading ? 1 : 0,
    names: heading && len <= 12 && namesOnlyByline(text) ? 1 : 0,
    speaker: isSpeakerItem(text) ? 1 : 0,
    tag: u.tag ? 1 : 0,
    credit: u.credit ? (u.credit.start === 0 ? 2 : 1) : 0,
    leadDate: u.lead ? (u.lead.dateText ? 2 : 1) : 0,
    gap,
    gapRel,
    indent: u.indent ? 1 : 0,
    indentRel,
    quoted: QUOTED_RE.test(text) ? 1 : 0,
    note: EDITORS_NOTE_RE.test(text) ? 1 : 0,
    caption: CAPTION_RE.test(text) ? 1 : 0,
    list: LIST_ITEM_RE.test(text) ? 1 : 0,
    openPair: hasOpenPair(text) ? 1 : 0,
    neverFinal: NEVER_FINAL.has(last) ? 1 : 0,
    contStart: next && cannotStartLine(firstChar(next.text)) ? 1 : 0,
    firstCode: hashCode(first),
    lastCode: hashCode(last),
    first2: hashCode(han.slice(0, 2)),
    last2: hashCode(han.slice(-2)),
    rule,
  };
}

type ViewKey = keyof UnitView;
/** Domain sizes of the unit fields. */
const SIZES: Record<ViewKey, number> = {
  kind: KINDS.length, furn: FURNITURE_KINDS.length, len: LENGTH_BINS.length, last: CHAR_CLASS_COUNT, first: CHAR_CLASS_COUNT,
  sent: 4, commas: 3, column: 3, twoPart: 2, heading: 2, names: 2, speaker: 2, tag: 2, credit: 3, leadDate: 3, gap: 5,
  gapRel: 5, indent: 2, indentRel: 5, quoted: 2, note: 2, caption: 2, list: 2, openPair: 2, neverFinal: 2, contStart: 2,
  firstCode: HASH_BUCKETS, lastCode: HASH_BUCKETS, first2: HASH_BUCKETS, last2: HASH_BUCKETS, rule: L,
};

/** The context a feature reads: the unit's view, its neighbours' (null past the page's ends), and page facts. */
interface Context {
  v: UnitView; p: UnitView | null; pp: UnitView | null; n: UnitView | null; nn: UnitView | null;
  run: number; runPos: number; runLeft: number; cohesion: number; first: boolean; last: boolean;
  /** the kind of the unit after the heading run, and before it (0: none or not in a run) */
  runNext: number; runPrev: number;
}

interface Template { name: string; size: number; value: (c: Context) => number }

const self = (k: ViewKey): Template => ({ name: k, size: SIZES[k], value: (c) => c.v[k] });
/** A neighbour's field; value 0 when there is no neighbour. */
const near = (where: 'p' | 'pp' | 'n' | 'nn', k: ViewKey): Template => ({
  name: `${where}.${k}`, size: SIZES[k] + 1, value: (c) => { const x = c[where]; return x ? x[k] + 1 : 0; },
});
/** Two templates at once (their values' product). */
const both = (a: Template, b: Template): Template => ({ name: `${a.name}&${b.name}`, size: a.size * b.size, value: (c) => a.value(c) * b.size + b.value(c) });
const fact = (name: string, size: number, value: (c: Context) => number): Template => ({ name, size, value });

const UNIT_FIELDS: ViewKey[] = Object.keys(SIZES) as ViewKey[];
const NEIGHBOUR_FIELDS: ViewKey[] = ['rule', 'kind', 'furn', 'len', 'last', 'first', 'sent', 'heading', 'gap', 'gapRel', 'indent', 'indentRel', 'credit', 'leadDate', 'names', 'tag', 'column', 'quoted', 'twoPart'];
const FAR_FIELDS: ViewKey[] = ['rule', 'kind', 'len', 'heading', 'last', 'gapRel'];

const run = fact('run', 6, (c) => Math.min(c.run, 5));
const runPos = fact('runPos', 5, (c) => Math.min(c.runPos, 4));
const runLeft = fact('runLeft', 5, (c) => Math.min(c.runLeft, 4));
const coh = fact('cohesion', COHESION_BINS.length + 2, (c) => c.cohesion);
const edge = fact('edge', 4, (c) => (c.first ? 1 : 0) + (c.last ? 2 : 0));
// what a run of heading-like lines leads to: a deck is followed by a lead or a byline, an intertitle by body text
const runNext = fact('runNext', KINDS.length + 1, (c) => c.runNext);
const runPrev = fact('runPrev', KINDS.length + 1, (c) => c.runPrev);

/** The templates, in a fixed order (the model file names them, so a changed table is caught at load). */
export const TEMPLATES: Template[] = [
  fact('bias', 1, () => 0),
  ...UNIT_FIELDS.map(self),
  ...NEIGHBOUR_FIELDS.flatMap((k) => [near('p', k), near('n', k)]),
  ...FAR_FIELDS.flatMap((k) => [near('pp', k), near('nn', k)]),
  run, runPos, runLeft, coh, edge, runNext, runPrev,
  both(runNext, runPos), both(runNext, run), both(runNext, runLeft), both(runPrev, runPos), both(runNext, runPrev),
  both(runNext, self('len')), both(runNext, coh),
  both(run, runPos), both(run, runLeft), both(coh, run), both(coh, self('gapRel')),
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

/** The active features of every unit of a page: `features[i]` lists unit i's feature indices. */
export function pageFeatures(units: readonly ClassifiedUnit[]): Int32Array[] {
  const stats = pageStats(units);
  const rules = ruleLabels(units);
  const views = units.map((u, i) => viewOf(u, units[i + 1], stats, rules[i]));
  const heading = (i: number): boolean => views[i]!.heading === 1 && views[i]!.kind === KINDS.indexOf('heading');
  // runs of heading-like lines: their length and each line's place in its run
  const runStart = new Int32Array(units.length);
  const runEnd = new Int32Array(units.length);
  for (let i = 0; i < units.length; i++) runStart[i] = heading(i) && i > 0 && heading(i - 1) ? runStart[i - 1]! : i;
  for (let i = units.length - 1; i >= 0; i--) runEnd[i] = heading(i) && i + 1 < units.length && heading(i + 1) ? runEnd[i + 1]! : i;
  const out: Int32Array[] = [];
  for (let i = 0; i < units.length; i++) {
    const isRun = heading(i);
    const c: Context = {
      v: views[i]!, p: views[i - 1] ?? null, pp: views[i - 2] ?? null, n: views[i + 1] ?? null, nn: views[i + 2] ?? null,
      run: isRun ? runEnd[i]! - runStart[i]! + 1 : 0,
      runPos: isRun ? i - runStart[i]! : 0,
      runLeft: isRun ? runEnd[i]! - i : 0,
      cohesion: isRun && i === runStart[i] ? cohesionBin(units, runStart[i]!, runEnd[i]!) : 0,
      first: i === 0, last: i === units.length - 1,
      runNext: isRun && runEnd[i]! + 1 < units.length ? views[runEnd[i]! + 1]!.kind + 1 : 0,
      runPrev: isRun && runStart[i]! > 0 ? views[runStart[i]! - 1]!.kind + 1 : 0,
    };
    const f = new Int32Array(TEMPLATES.length);
    for (let t = 0; t < TEMPLATES.length; t++) f[t] = BASES[t]! + TEMPLATES[t]!.value(c);
    out.push(f);
  }
  return out;
}

/** Does the text below a heading run go on with the words of the text above it? Binned; 0: not measurable. */
function cohesionBin(units: readonly ClassifiedUnit[], from: number, to: number): number {
  let before = '';
  for (let k = from - 1; k >= 0 && before.length < COHESION_WINDOW; k--) {
    const u = units[k]!;
    if (u.kind === 'furniture') continue;
    before = u.text + before;
  }
  let after = '';
  for (let k = to + 1; k < units.length && after.length < COHESION_WINDOW; k++) {
    const u = units[k]!;
    if (u.kind === 'furniture') continue;
    if (u.kind === 'heading' && after.length > 0 && looksLikeHeading(u.text) && visibleLength(u.text) < 10) break;
    after += u.text;
  }
  const c = cohesion(before, after);
  if (c === null) return 0;
  let b = 0;
  while (b < COHESION_BINS.length && c >= COHESION_BINS[b]!) b++;
  return b + 1;
}
