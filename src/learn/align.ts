/**
 * Gold pages → labelled units, so that the model learns from the same files `news-split eval`
 * scores (hand-labelled pages, and the pages train/generate.mjs lays out). A gold file lists each
 * article's headline lines and paragraphs; this walks the page's units in order and finds each one
 * there: a headline line of the next article is a deck line (its role from the gold title: lines
 * above it kickers, below it subtitles), text found in the current article's paragraphs is body,
 * text that opens the next article's paragraphs starts that article, a noise string is furniture.
 * A unit found nowhere (a byline line or a credit, which the gold removes from the paragraphs) is
 * body when the article goes on after it, furniture otherwise.
 */
import { readDeck } from '../transform/title.js';
import type { ClassifiedUnit } from '../parse/classify.js';
import { ALLOWED_TRANSITION, L, FURNITURE, KICKER, TITLE, SUBTITLE, START, BODY, isDeck } from './labels.js';

export interface GoldLike {
  articles: Array<{ headlines?: string[]; title?: string | null; paragraphs?: string[]; deck?: string[] }>;
  noise?: string[];
}

const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/gu, '');

interface GoldArticleText {
  /** the headline lines joined, and the label of each of its characters */
  heads: string;
  firstHead: string;
  headRoles: number[];
  body: string;
}

function roles(a: GoldLike['articles'][number]): number[] {
  const lines = a.headlines ?? [];
  if (a.deck && a.deck.length === lines.length) {
    return a.deck.map((r) => (r === 'kicker' ? KICKER : r === 'subtitle' ? SUBTITLE : TITLE));
  }
  const n = lines.map(norm);
  const title = a.title == null ? null : norm(a.title);
  if (title) {
    // the title's lines: a run whose join is the title
    for (let i = 0; i < n.length; i++) {
      let joined = '';
      for (let j = i; j < n.length; j++) {
        joined += n[j];
        if (joined === title) return n.map((_, k) => (k < i ? KICKER : k <= j ? TITLE : SUBTITLE));
        if (!title.startsWith(joined)) break;
      }
    }
  }
  // no title given (or not among the lines): read the deck by its form
  const deck = readDeck(lines);
  return lines.map((l) => (deck.kicker.includes(l) ? KICKER : deck.subtitles.includes(l) ? SUBTITLE : TITLE));
}

export interface Alignment {
  /** the article each gold article was found at (the next one to look for), kept across the pages of a file */
  article: number;
  headAt: number;
  bodyAt: number;
}

export function newAlignment(): Alignment {
  return { article: -1, headAt: 0, bodyAt: 0 };
}

export interface AlignStats { units: number; unmatched: number; fixed: number }

/** Label the units of one page of a gold file (pages in order share `state`). */
export function alignPage(units: readonly ClassifiedUnit[], gold: GoldLike, state: Alignment, stats?: AlignStats): Int32Array {
  const arts: GoldArticleText[] = gold.articles.map((a) => {
    const lines = (a.headlines ?? []).map(norm);
    const r = roles(a);
    const headRoles: number[] = [];
    lines.forEach((l, k) => { for (let c = 0; c < l.length; c++) headRoles.push(r[k]!); });
    return { heads: lines.join(''), firstHead: lines[0] ?? '', headRoles, body: (a.paragraphs ?? []).map(norm).join('') };
  });
  const noise = (gold.noise ?? []).map(norm).filter(Boolean);
  const labels = new Int32Array(units.length).fill(-1);
  const owner = new Int32Array(units.length).fill(-1);
  const bodyStarted = (): boolean => state.article >= 0 && state.bodyAt > 0;

  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const t = norm(u.text);
    // editor, designer and data-source lines are furniture (CONVENTIONS), even where a record's body holds them
    if (!t || (u.kind === 'furniture' && u.furnitureKind === 'editor')) { labels[i] = FURNITURE; continue; }
    const cur = arts[state.article];
    const next = arts[state.article + 1];
    // a deck line of the current article (its body not begun) or of the next one
    if (cur && !bodyStarted() && cur.heads.startsWith(t, state.headAt)) {
      labels[i] = cur.headRoles[state.headAt]!;
      state.headAt += t.length;
      owner[i] = state.article;
      continue;
    }
    // the next deck: its first line, or the start of it (a title wrapped over lines) when the text
    // is no body text of the current article (习近平 signing a letter is not 习近平春节前夕…)
    const core = coreText(u);
    if (next && next.heads.length > 0 && next.heads.startsWith(t) && (t === next.firstHead
      || (t.length >= 6 && !(cur && findIn(cur.body, core, state.bodyAt) >= 0)))) {
      state.article++;
      state.headAt = t.length;
      state.bodyAt = 0;
      labels[i] = next.headRoles[0]!;
      owner[i] = state.article;
      continue;
    }
    if (cur) {
      const at = findIn(cur.body, core, state.bodyAt);
      if (at >= 0) { labels[i] = BODY; owner[i] = state.article; state.bodyAt = Math.max(state.bodyAt, at + Math.max(1, core.length - 1)); continue; }
    }
    // the next article's first paragraph (a headline-less item, or one whose deck this page lacks)
    if (next) {
      const at = findIn(next.body, core, 0);
      if (at >= 0 && at < 40) {
        state.article++;
        state.headAt = next.heads.length;
        state.bodyAt = at + Math.max(1, core.length - 1);
        labels[i] = next.heads.length > 0 ? BODY : START;
        owner[i] = state.article;
        continue;
      }
    }
    if (noise.some((n) => n === t || (t.length >= 2 && n.includes(t)) || (n.length >= 4 && t.includes(n)))) {
      labels[i] = FURNITURE;
      continue;
    }
    // found nowhere: decided below, from its neighbours
    owner[i] = -2;
  }
  // units found nowhere: body inside an article (a byline line, a credit), furniture between articles
  let unmatched = 0;
  for (let i = 0; i < units.length; i++) {
    if (owner[i] !== -2) continue;
    unmatched++;
    let before = -1;
    for (let k = i - 1; k >= 0; k--) if (owner[k]! >= 0) { before = owner[k]!; break; }
    let after = -1;
    let afterLabel = -1;
    for (let k = i + 1; k < units.length; k++) if (owner[k]! >= 0) { after = owner[k]!; afterLabel = labels[k]!; break; }
    const trailing = units[i]!.kind === 'byline' || units[i]!.kind === 'credit' || !!units[i]!.tag || !!units[i]!.credit;
    if (before >= 0 && (before === after && afterLabel === BODY || (after !== before && trailing))) { labels[i] = BODY; owner[i] = before; }
    else labels[i] = FURNITURE;
  }
  const fixed = repairSequence(labels);
  if (stats) { stats.units += units.length; stats.unmatched += unmatched; stats.fixed += fixed; }
  return labels;
}

/** The unit's text without its dateline lead, closing tag or credit, which the gold removes. */
function coreText(u: ClassifiedUnit): string {
  let s = 0;
  let e = u.text.length;
  if (u.lead) s = u.lead.length;
  if (u.tag) e = Math.min(e, u.tag.start);
  if (u.credit && u.credit.start > 0) e = Math.min(e, u.credit.start);
  const core = norm(u.text.slice(s, e));
  return core || norm(u.text);
}

/** Where `t` stands in `body` from about `from` on; a long text is also found by its head or its tail. */
function findIn(body: string, t: string, from: number): number {
  const start = Math.max(0, from - 8);
  let at = body.indexOf(t, start);
  if (at >= 0 || t.length < 16) return at;
  at = body.indexOf(t.slice(0, 12), start);
  if (at >= 0) return at;
  at = body.indexOf(t.slice(-12), start);
  return at >= 0 ? Math.max(start, at - (t.length - 12)) : -1;
}

/**
 * Make the labels a sequence the print order allows, so that every training page can be decoded as
 * its gold says (a sequence the decoder cannot produce would be wrong at every epoch and push the
 * weights towards it). A kicker with no title under it is the title; a subtitle with no title above
 * it is one; body text at the page's top starts an item; a deck line under a title or subtitle
 * continues it; after a deck, the next article's first paragraph is the deck's own body.
 */
export function repairSequence(labels: Int32Array): number {
  let fixed = 0;
  for (let i = 0, guard = 0; i < labels.length && guard < 4 * labels.length; i++, guard++) {
    const prev = i === 0 ? L : labels[i - 1]!;
    const y = labels[i]!;
    if (ALLOWED_TRANSITION[prev * L + y]) continue;
    fixed++;
    if ((y === BODY || y === START) && isDeck(prev)) {
      labels[i] = BODY;
      if (prev === KICKER) {
        // the kicker stands alone: it is the title; look at what stands above it again
        labels[i - 1] = TITLE;
        i = Math.max(-1, i - 3);
      }
    } else if (y === BODY) labels[i] = START;
    else if (y === SUBTITLE) labels[i] = TITLE;
    else labels[i] = prev === TITLE ? TITLE : SUBTITLE;
  }
  return fixed;
}
