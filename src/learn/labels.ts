/**
 * What the structure model says of each unit of a page. Article boundaries follow from the labels:
 * an article begins at its first deck line after body text (or at a `start`), so the model needs
 * no separate boundary tag, and a deck line can never sit in the middle of a body.
 */
import { CAPTION_RE } from '../knowledge/conventions.js';
import { endsSentence, hasInnerSentenceEnd, visibleLength } from '../knowledge/punctuation.js';

export const LABELS = ['furniture', 'kicker', 'title', 'subtitle', 'start', 'body'] as const;
export type Label = (typeof LABELS)[number];
export const L = LABELS.length;

export const FURNITURE = 0;
export const KICKER = 1;
export const TITLE = 2;
export const SUBTITLE = 3;
export const START = 4;
export const BODY = 5;

export const isDeck = (l: number): boolean => l === KICKER || l === TITLE || l === SUBTITLE;

/**
 * Transitions the print order allows (from → to). A kicker stands above its title, a subtitle below
 * it; a deck is followed by its body (furniture may stand between); body text goes on, or a new deck
 * or a headline-less item (`start`) begins. The first unit of a page cannot continue a body that the
 * page does not show: it is furniture, a deck line or a `start`.
 */
const ALLOWED: Record<Label, readonly Label[]> = {
  furniture: ['furniture', 'kicker', 'title', 'subtitle', 'start', 'body'],
  kicker: ['kicker', 'title', 'furniture'],
  title: ['title', 'subtitle', 'body', 'furniture'],
  subtitle: ['subtitle', 'body', 'furniture'],
  start: ['body', 'start', 'kicker', 'title', 'furniture'],
  body: ['body', 'start', 'kicker', 'title', 'furniture'],
};
const FIRST: readonly Label[] = ['furniture', 'kicker', 'title', 'start'];

/** allowed[from * L + to]; from = L is the page start. */
export const ALLOWED_TRANSITION: Uint8Array = (() => {
  const a = new Uint8Array((L + 1) * L);
  LABELS.forEach((from, f) => { for (const to of ALLOWED[from]) a[f * L + LABELS.indexOf(to)] = 1; });
  for (const to of FIRST) a[L * L + LABELS.indexOf(to)] = 1;
  return a;
})();

/**
 * Labels a unit cannot take, whatever the weights say: what the furniture rules take is furniture
 * (they are exact patterns of page headers, editor lines, navigation; on the training pages 99 % of
 * what they take is furniture; an image placeholder inside an article is furniture too, and the
 * article goes on after it); a dateline lead (新华社北京10月12日电 …) is never a deck line nor
 * furniture (it opens an item or goes on in one: as furniture, a page of one lead would give no
 * article); a byline line standing alone (本报记者 张三, （新华社北京10月14日电）) or a caption
 * (图为…, 图说：…) is never a deck line, nor is a unit longer than MAX_DECK_LINE; prose is never
 * furniture (isProse). Returned as a bit mask of allowed labels per unit (0: no constraint).
 */
export interface MaskedUnit { kind: string; text: string }
const ONLY_FURNITURE = 1 << FURNITURE;
const LEAD = (1 << START) | (1 << BODY);
const NOT_DECK = (1 << FURNITURE) | (1 << START) | (1 << BODY);
const ANY = (1 << L) - 1;
const NOT_FURNITURE = ANY & ~(1 << FURNITURE);
export function allowedLabels(units: readonly MaskedUnit[]): Int32Array {
  const m = new Int32Array(units.length);
  units.forEach((u, i) => {
    if (u.kind === 'furniture') { m[i] = ONLY_FURNITURE; return; }
    if (u.kind === 'lead') { m[i] = LEAD; return; }
    let allowed = ANY;
    if (u.kind === 'byline' || CAPTION_RE.test(u.text.trimStart()) || visibleLength(u.text, MAX_DECK_LINE + 1) > MAX_DECK_LINE) allowed &= NOT_DECK;
    if (isProse(u.text)) allowed &= NOT_FURNITURE;
    m[i] = allowed === ANY ? 0 : allowed;
  });
  return m;
}

/**
 * Longest unit that may be a deck line. The longest deck line of the 5,663 in the training records
 * is a subtitle of 329 characters (99.9 % are 131 or less); a paragraph of a page whose text has few
 * full stops (申報's 、-only prose) was otherwise read as a headline of thousands of characters.
 */
const MAX_DECK_LINE = 400;

/**
 * Prose: PROSE_MIN visible characters or more with a sentence end in them. Furniture is lines of
 * form (headers, editor lines, navigation, credits), not text: on the training pages the units the
 * gold leaves to furniture that read as prose were body text its alignment missed (169 of 19,624),
 * and the weights, which had learnt from them, left a page of one paragraph with no article.
 */
const PROSE_MIN = 40;
function isProse(text: string): boolean {
  return visibleLength(text, PROSE_MIN) >= PROSE_MIN && (endsSentence(text) || hasInnerSentenceEnd(text));
}

/** Apply a mask to per-unit scores: disallowed labels get -Infinity. */
export function applyMask(scores: Float64Array, mask: Int32Array | undefined): Float64Array {
  if (!mask) return scores;
  for (let i = 0; i < mask.length; i++) {
    const m = mask[i]!;
    if (m === 0) continue;
    for (let y = 0; y < L; y++) if (!(m & (1 << y))) scores[i * L + y] = -Infinity;
  }
  return scores;
}

/**
 * The nearest allowed label for a gold label the mask forbids: furniture, or text (body, or the
 * start of an item where no article is open: `previous` is the unit above's label, L at the page's top).
 */
export function maskedLabel(label: number, mask: number, previous: number = BODY): number {
  if (mask === 0 || mask & (1 << label)) return label;
  if (mask === ONLY_FURNITURE) return FURNITURE;
  return previous === FURNITURE || previous === L ? START : BODY;
}
