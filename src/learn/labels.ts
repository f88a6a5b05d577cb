/**
 * What the structure model says of each unit of a page. Article boundaries follow from the labels:
 * an article begins at its first deck line after body text (or at a `start`), so the model needs
 * no separate boundary tag, and a deck line can never sit in the middle of a body.
 */
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
