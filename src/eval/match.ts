/**
 * Text similarity and alignment between gold and predicted articles. The rules are those of the
 * project's external scorer (../shared/eval/score.mjs), so that both give the same numbers:
 *   - texts are compared after NFKC and with all white space removed;
 *   - an article's text is its headline lines and paragraphs concatenated;
 *   - similarity is the Dice coefficient of character bigrams (as multisets);
 *   - gold and predicted articles are matched one-to-one, greedily by similarity (best pair first,
 *     ties in gold order, then predicted order), pairs below 0.8 never match.
 */

/** The threshold of the scorer: pairs less similar than this are not the same article. */
export const MATCH_THRESHOLD = 0.8;

/** What matching and alignment read of an article (gold or predicted). */
export interface ArticleText {
  headlines?: readonly string[];
  paragraphs?: readonly string[];
}

/** NFKC, then every white space character removed: print padding and line ends do not count. */
export function normText(s: string | null | undefined): string {
  return String(s ?? '').normalize('NFKC').replace(/\s+/gu, '');
}

/** A string or a list of strings as normalised, non-empty strings (the scorer's `list`). */
export function normList(v: readonly string[] | string | null | undefined): string[] {
  const arr = Array.isArray(v) ? v : v == null || v === '' ? [] : [v as string];
  return arr.map(normText).filter(Boolean);
}

export type Bigrams = Map<string, number>;

export function bigrams(s: string): Bigrams {
  const m: Bigrams = new Map();
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

function total(b: Bigrams): number {
  let n = 0;
  for (const v of b.values()) n += v;
  return n;
}

function overlap(a: Bigrams, b: Bigrams): number {
  let inter = 0;
  for (const [g, v] of a) inter += Math.min(v, b.get(g) ?? 0);
  return inter;
}

/** Dice coefficient of two bigram multisets; two texts without bigrams are identical (1). */
export function dice(a: Bigrams, b: Bigrams): number {
  const n = total(a) + total(b);
  return n ? (2 * overlap(a, b)) / n : 1;
}

/** The share of `part`'s bigrams that `whole` also has (0 when `part` has none). */
export function containment(part: Bigrams, whole: Bigrams): number {
  const n = total(part);
  return n ? overlap(part, whole) / n : 0;
}

export function articleText(a: ArticleText): string {
  return normText([...(a.headlines ?? []), ...(a.paragraphs ?? [])].join(''));
}

export interface ArticleMatch {
  /** gold article index → predicted article index */
  goldToPred: Map<number, number>;
  /** predicted article index → gold article index */
  predToGold: Map<number, number>;
  /** similarity of each matched pair, by gold index */
  score: Map<number, number>;
}

/** One-to-one matching of gold to predicted articles, greedy by similarity (see the file comment). */
export function matchArticles(gold: readonly ArticleText[], pred: readonly ArticleText[]): ArticleMatch {
  const gText = gold.map((a) => bigrams(articleText(a)));
  const pText = pred.map((a) => bigrams(articleText(a)));
  const cand: Array<[number, number, number]> = [];
  gText.forEach((g, i) => { pText.forEach((p, j) => {
    const s = dice(g, p);
    if (s >= MATCH_THRESHOLD) cand.push([s, i, j]);
  }); });
  cand.sort((x, y) => y[0] - x[0]); // stable: equal scores keep gold, then predicted order
  const m: ArticleMatch = { goldToPred: new Map(), predToGold: new Map(), score: new Map() };
  for (const [s, i, j] of cand) {
    if (m.goldToPred.has(i) || m.predToGold.has(j)) continue;
    m.goldToPred.set(i, j);
    m.predToGold.set(j, i);
    m.score.set(i, s);
  }
  return m;
}

/**
 * Which predicted article holds each unit of text (a gold paragraph): the first article whose text
 * contains the unit whole; else the article sharing most of the unit's bigrams; a unit that no
 * article shares anything with (dropped as furniture, lost) takes the article of the unit before it
 * (or after it, at the start), since losing text is not a boundary. Returns one article index per
 * unit, or an empty array when there are no predicted articles.
 */
export function assignUnits(units: readonly string[], pred: readonly ArticleText[]): number[] {
  if (!pred.length) return [];
  const texts = pred.map(articleText);
  const grams = texts.map(bigrams);
  const owner: Array<number | null> = units.map((u) => {
    const inside = texts.findIndex((t) => u.length > 0 && t.includes(u));
    if (inside >= 0) return inside;
    const ub = bigrams(u);
    let best = -1;
    let bestShare = 0;
    grams.forEach((g, j) => {
      const share = containment(ub, g);
      if (share > bestShare) { best = j; bestShare = share; }
    });
    return best >= 0 ? best : null;
  });
  const firstKnown = owner.find((o) => o !== null) ?? 0;
  let prev = firstKnown;
  return owner.map((o) => (prev = o ?? prev));
}
