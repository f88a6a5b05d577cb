/**
 * Does a page break fall inside a word? jieba (with its 349k-word dictionary, no HMM so that only
 * dictionary words count) segments a window around the break; if one token covers both sides, the
 * break cut a word (…经济圈建 | 设,打造… → 建设). The segmenter loads lazily, on the first ambiguous
 * break, so runs that never need it (and --version) do not pay its ~0.2 s start-up.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

export interface Segmenter {
  cut(text: string, hmm?: boolean): string[];
  /** false when no dictionary word can span the break, so cut() need not be asked (lexicon/shared.ts) */
  mayJoin?(left: string, right: string): boolean;
}

let segmenter: Segmenter | null | undefined;
const cache = new Map<string, boolean>();
const WINDOW = 6;

/** jieba with its dictionary, or null where it cannot load (then the layout evidence alone decides). */
export function loadSegmenter(): Segmenter | null {
  try {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(d: Uint8Array): Segmenter } };
    // read dict.txt directly: the package's dict.js also reads a 6 MB idf table we do not use
    return Jieba.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
  } catch {
    return null;
  }
}

/** Segment with `s` instead of loading jieba here (worker threads share one: lexicon/shared.ts). */
export function useSegmenter(s: Segmenter): void {
  segmenter = s;
}

function load(): Segmenter | null {
  if (segmenter === undefined) segmenter = loadSegmenter();
  return segmenter;
}

/** True when the dictionary reads the characters on both sides of the break as one word. */
export function breakInsideWord(left: string, right: string): boolean {
  const l = left.slice(-WINDOW);
  const r = right.slice(0, WINDOW);
  if (!l || !r) return false;
  const key = `${l}|${r}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const seg = load();
  let inside = false;
  if (seg && (!seg.mayJoin || seg.mayJoin(l, r))) {
    let pos = 0;
    for (const token of seg.cut(l + r, false)) {
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
