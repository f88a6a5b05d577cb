/**
 * jieba's segmentation without HMM (jieba-rs 0.10's `cut(sentence, false)`, as @node-rs/jieba
 * returns it), over the compact dictionary table (dictionary.ts). Step for step:
 * - the text is split into blocks of "Han" characters (CJK ideographs, ASCII letters and digits,
 *   `+#&._%-`) and the rest; each character of the rest is a token of its own, except that CR LF is one;
 * - in a block, every dictionary word that starts at a character is an edge of the DAG (no edge: the
 *   character alone, with frequency 1);
 * - the route is the one of highest Σ (ln freq − ln total), found from the block's end backwards;
 *   of equal ones, the longer word wins (jieba-rs compares (log-probability, end) pairs);
 * - single ASCII letters or digits the route leaves next to each other are one token.
 * The native module reads the text as UTF-8, so a lone surrogate comes back as U+FFFD; so here.
 * `bench/jieba-equal.mjs` compares the two on the whole corpus.
 */
import { eachWordAt, type Dictionary } from './dictionary.js';

/** jieba-rs's is_han_default, on a code point. */
function isHanDefault(c: number): boolean {
  if (c >= 0x4e00 && c <= 0x9fff) return true;
  if (c < 0x80) return isAsciiAlnum(c) || c === 0x2b || c === 0x23 || c === 0x26 || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2d;
  return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2a6df)
    || (c >= 0x2a700 && c <= 0x2ebef) || (c >= 0x2f800 && c <= 0x2fa1f);
}

const isAsciiAlnum = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** UTF-16 units of the code point at text[i] (text well-formed). */
const widthAt = (text: string, i: number): number => {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c < 0xdc00 ? 2 : 1;
};

/** Half a surrogate pair standing alone (UTF-8 has no such thing: the native module reads U+FFFD). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** jieba's cut(text, hmm = false) with this dictionary. */
export function cutNoHmm(dict: Dictionary, input: string): string[] {
  const text = input.replace(LONE_SURROGATE, '\ufffd');
  const words: string[] = [];
  for (let i = 0; i < text.length;) {
    const han = isHanDefault(text.codePointAt(i)!);
    let end = i;
    while (end < text.length && isHanDefault(text.codePointAt(end)!) === han) end += widthAt(text, end);
    if (han) cutBlock(dict, text, i, end, words);
    else {
      for (let k = i; k < end;) {
        const w = text.charCodeAt(k) === 0x0d && text.charCodeAt(k + 1) === 0x0a ? 2 : widthAt(text, k);
        words.push(text.slice(k, k + w));
        k += w;
      }
    }
    i = end;
  }
  return words;
}

/** The route through text[start, end) and its words (cut_dag_no_hmm). */
function cutBlock(dict: Dictionary, text: string, start: number, end: number, words: string[]): void {
  const n = end - start;
  const prob = new Float64Array(n + 1);
  const next = new Int32Array(n + 1);
  const logTotal = dict.logTotal;
  let charEnd = n; // where the character at x ends (the next character's start)
  for (let x = n - 1; x >= 0; x--) {
    const unit = text.charCodeAt(start + x);
    if (unit >= 0xdc00 && unit < 0xe000) continue; // the second half of a surrogate pair: not a start
    let best = -1;
    let bestProb = 0;
    eachWordAt(dict, text, start + x, end, (wordEnd, lnFreq) => {
      const y = wordEnd - start;
      const p = lnFreq - logTotal + prob[y]!;
      // ends come shortest first: an equal probability from a longer word wins
      if (best < 0 || p >= bestProb) { best = y; bestProb = p; }
    });
    if (best < 0) { best = charEnd; bestProb = 0 - logTotal + prob[charEnd]!; }
    prob[x] = bestProb;
    next[x] = best;
    charEnd = x;
  }
  let left = -1; // start of a run of single ASCII letters and digits
  for (let x = 0; x < n;) {
    const y = next[x]!;
    if (y - x === 1 && isAsciiAlnum(text.charCodeAt(start + x))) {
      if (left < 0) left = x;
    } else {
      if (left >= 0) { words.push(text.slice(start + left, start + x)); left = -1; }
      words.push(text.slice(start + x, start + y));
    }
    x = y;
  }
  if (left >= 0) words.push(text.slice(start + left, end));
}
