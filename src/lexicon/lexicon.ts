/**
 * The words break repair asks about: does a page break fall inside a word? A Lexicon cuts a short
 * window of text into words; if one word with a Han character covers both sides of the break, the
 * break cut a word (…经济圈建 | 设,打造… → 建设). The pipeline takes one in its options (SplitOptions.lexicon):
 * by default jieba in this thread (jieba.ts); page workers pass the one shared by all threads (shared.ts).
 * Nothing below the pipeline loads a dictionary itself.
 */

export interface Lexicon {
  /** `text` cut into words (only dictionary words join characters: jieba without HMM) */
  cut(text: string): string[];
  /** false when no word of the lexicon can span the join of `left` and `right`, so cut() need not be asked */
  mayJoin?(left: string, right: string): boolean;
}

/** Answers already given, per lexicon (a page asks about the same few breaks again and again). */
const answers = new WeakMap<Lexicon, Map<string, boolean>>();
const WINDOW = 6;

/** True when the lexicon reads the characters on both sides of the break as one word. */
export function breakInsideWord(lexicon: Lexicon, left: string, right: string): boolean {
  const l = left.slice(-WINDOW);
  const r = right.slice(0, WINDOW);
  if (!l || !r) return false;
  let cache = answers.get(lexicon);
  if (!cache) answers.set(lexicon, (cache = new Map()));
  const key = `${l}|${r}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let inside = false;
  if (!lexicon.mayJoin || lexicon.mayJoin(l, r)) {
    let pos = 0;
    for (const token of lexicon.cut(l + r)) {
      const end = pos + token.length;
      if (pos < l.length && end > l.length && /\p{Script=Han}/u.test(token)) { inside = true; break; }
      pos = end;
      if (pos >= l.length) break;
    }
  }
  if (cache.size > 100_000) cache.clear();
  cache.set(key, inside);
  return inside;
}
