/**
 * jieba's dictionary as one compact table: its words sorted (UTF-16 code units), each with ln(freq),
 * looked up by binary search over typed arrays, so that opening it costs a file read and no parse
 * (jieba's own load builds a 349k-word trie: ~0.2 s). `npm run build` writes the table next to this
 * module (scripts/build-tables.mjs → dist/lexicon/jieba-dict.bin) from the dict.txt that
 * @node-rs/jieba ships; where the file is missing (the sources under ts-jest or ts-node), the same
 * table is built in memory from dict.txt.
 *
 * The logarithms are correctly rounded (computed with BigInt, not Math.log): jieba-rs takes them
 * from the C library (glibc's log, correctly rounded on all of dict.txt's frequencies), while V8's
 * Math.log is off by one unit in the last place on 77 of its 5,088 frequencies, which could tip a
 * tie between two segmentations the other way.
 */

/** The table file: a header, then the arrays (little-endian, as the typed arrays on every platform Node runs on). */
const MAGIC = 0x424a534e; // 'NSJB'
const VERSION = 1;
const HEADER_BYTES = 40; // 8 u32 (magic, version, words, chars, logs, longest word, 2 spare) + ln(total) as f64

export interface Dictionary {
  /** number of words */
  readonly size: number;
  /** ln(total of all frequencies) */
  readonly logTotal: number;
  /** the words' UTF-16 code units, one after another, in sorted order */
  readonly chars: Uint16Array;
  /** word k is chars[offsets[k], offsets[k + 1]) */
  readonly offsets: Uint32Array;
  /** word k's ln(freq) is logs[freqIndex[k]] */
  readonly freqIndex: Uint16Array | Uint32Array;
  readonly logs: Float64Array;
  /**
   * Where the words of each first code unit begin: the words that start with unit c are
   * [firstWordFrom(c), firstWordFrom(c + 1)); byFirst[c] holds the answer once asked (-1: not yet).
   * Filled as lookups ask (a binary search for each new code unit: a page asks about a few hundred),
   * not when the table opens: a scan of all 349k words in a cold process took 6–11 ms of the 25 ms
   * that opening the table cost a one-page run.
   */
  readonly byFirst: Int32Array;
}

/** Unicode White_Space (Rust's char::is_whitespace, which split_whitespace uses; JS's \s differs by U+0085 and U+FEFF). */
const isWhiteSpace = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0 || c === 0x1680
  || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;

/** A dictionary in jieba's text form (`word freq tag` a line), its words and frequencies in file order. */
export interface DictEntries {
  words: string[];
  freqs: number[];
}

/** A frequency as Rust's `parse::<usize>` reads it (digits, an optional leading +), or -1. */
function parseFreq(text: string, start: number, end: number): number {
  if (text.charCodeAt(start) === 0x2b) start++;
  if (start >= end) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return Number.isSafeInteger(n) ? n : -1;
}

/** dict.txt as jieba-rs's load_dict reads it: each line's fields split at white space, the first the
 *  word, the second its frequency (none: 0), the rest ignored. (A scan of the characters: a regex split
 *  per line took 0.4 s on dict.txt.) */
export function parseDictText(text: string): DictEntries {
  const words: string[] = [];
  const freqs: number[] = [];
  for (let at = 0; at < text.length;) {
    let lineEnd = text.indexOf('\n', at);
    if (lineEnd < 0) lineEnd = text.length;
    let i = at;
    while (i < lineEnd && isWhiteSpace(text.charCodeAt(i))) i++;
    const wordStart = i;
    while (i < lineEnd && !isWhiteSpace(text.charCodeAt(i))) i++;
    if (i > wordStart) {
      const word = text.slice(wordStart, i);
      while (i < lineEnd && isWhiteSpace(text.charCodeAt(i))) i++;
      const freqStart = i;
      while (i < lineEnd && !isWhiteSpace(text.charCodeAt(i))) i++;
      const freq = i > freqStart ? parseFreq(text, freqStart, i) : 0;
      if (freq < 0) throw new Error(`dictionary: frequency ${text.slice(freqStart, i)} of ${word}`);
      words.push(word);
      freqs.push(freq);
    }
    at = lineEnd + 1;
  }
  return { words, freqs };
}

/** The table's bytes for a dictionary. A word listed twice keeps its last frequency (as jieba-rs's
 *  load_dict does); the total is over the distinct words. */
export function encodeDictionary(entries: DictEntries): Uint8Array {
  let { words, freqs } = entries;
  // UTF-16 code unit order, as the lookups compare; dict.txt comes sorted (checking is cheaper than sorting)
  if (words.some((w, k) => k > 0 && words[k - 1]! >= w)) {
    const order = words.map((_, k) => k).sort((a, b) => (words[a]! < words[b]! ? -1 : words[a]! > words[b]! ? 1 : a - b));
    const keep = order.filter((k, j) => j + 1 === order.length || words[order[j + 1]!] !== words[k]); // the last of equals
    words = keep.map((k) => entries.words[k]!);
    freqs = keep.map((k) => entries.freqs[k]!);
  }
  let total = 0;
  for (const f of freqs) total += f;
  if (!Number.isSafeInteger(total)) throw new Error('dictionary: frequencies too large');
  const distinct = [...new Set(freqs)].sort((a, b) => a - b);
  const logIndex = new Map(distinct.map((f, k) => [f, k]));
  let nChars = 0;
  let longest = 0;
  for (const w of words) { nChars += w.length; longest = Math.max(longest, w.length); }
  const wide = distinct.length > 0xffff;
  const layout = sections(words.length, nChars, distinct.length, wide);
  const bytes = new Uint8Array(layout.end);
  const head = new Uint32Array(bytes.buffer, 0, 8);
  head.set([MAGIC, VERSION, words.length, nChars, distinct.length, longest, wide ? 1 : 0, 0]);
  new Float64Array(bytes.buffer, 32, 1)[0] = lnCorrectlyRounded(total);
  new Float64Array(bytes.buffer, layout.logs, distinct.length).set(distinct.map(lnCorrectlyRounded));
  const offsets = new Uint32Array(bytes.buffer, layout.offsets, words.length + 1);
  const freqIndex = wide ? new Uint32Array(bytes.buffer, layout.freqIndex, words.length) : new Uint16Array(bytes.buffer, layout.freqIndex, words.length);
  const chars = new Uint16Array(bytes.buffer, layout.chars, nChars);
  let at = 0;
  words.forEach((w, k) => {
    offsets[k] = at;
    freqIndex[k] = logIndex.get(freqs[k]!)!;
    for (let i = 0; i < w.length; i++) chars[at++] = w.charCodeAt(i);
  });
  offsets[words.length] = at;
  return bytes;
}

/** The table's arrays, viewed in place (copied once if the bytes are not 8-aligned); null if these are not a table's bytes. */
export function openDictionary(source: Uint8Array): Dictionary | null {
  if (source.byteLength < HEADER_BYTES) return null;
  const bytes = source.byteOffset % 8 === 0 ? source : source.slice();
  const head = new Uint32Array(bytes.buffer, bytes.byteOffset, 8);
  if (head[0] !== MAGIC || head[1] !== VERSION) return null;
  const [, , size, nChars, nLogs, , wideFlag] = head as unknown as number[];
  const wide = wideFlag === 1;
  const layout = sections(size!, nChars!, nLogs!, wide);
  if (layout.end !== bytes.byteLength) return null;
  const base = bytes.byteOffset;
  const offsets = new Uint32Array(bytes.buffer, base + layout.offsets, size! + 1);
  const chars = new Uint16Array(bytes.buffer, base + layout.chars, nChars);
  return {
    size: size!,
    logTotal: new Float64Array(bytes.buffer, base + 32, 1)[0]!,
    logs: new Float64Array(bytes.buffer, base + layout.logs, nLogs),
    offsets,
    freqIndex: wide ? new Uint32Array(bytes.buffer, base + layout.freqIndex, size) : new Uint16Array(bytes.buffer, base + layout.freqIndex, size),
    chars,
    byFirst: new Int32Array(0x10001).fill(-1),
  };
}

/** The first word whose first code unit is c or more (an empty word sorts first): byFirst[c], found once. */
export function firstWordFrom(dict: Dictionary, c: number): number {
  const known = dict.byFirst[c]!;
  if (known >= 0) return known;
  const { offsets, chars } = dict;
  let lo = 0;
  let hi = dict.size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const first = offsets[mid + 1]! === offsets[mid]! ? -1 : chars[offsets[mid]!]!;
    if (first < c) lo = mid + 1;
    else hi = mid;
  }
  dict.byFirst[c] = lo;
  return lo;
}

/** Byte offsets of the table's arrays (each aligned for its type). */
function sections(words: number, chars: number, logs: number, wide: boolean) {
  const at = { logs: HEADER_BYTES, offsets: 0, freqIndex: 0, chars: 0, end: 0 };
  at.offsets = at.logs + 8 * logs;
  at.freqIndex = at.offsets + 4 * (words + 1);
  at.chars = at.freqIndex + (wide ? 4 : 2) * words;
  at.end = at.chars + 2 * chars;
  return at;
}

/**
 * Calls found(end, lnFreq) for every dictionary word that text[start, …) begins with and that ends
 * at or before `limit`, shortest first (as jieba's trie walk finds them). Each step narrows the range
 * of words that share the prefix read so far; the word equal to the prefix, if any, sorts first in it.
 */
export function eachWordAt(dict: Dictionary, text: string, start: number, limit: number, found: (end: number, lnFreq: number) => void): void {
  const { chars, offsets } = dict;
  if (start >= limit) return;
  // the first unit's words from the index, then each further unit narrows them by binary search
  const c0 = text.charCodeAt(start);
  let lo = firstWordFrom(dict, c0);
  let hi = firstWordFrom(dict, c0 + 1);
  if (lo >= hi) return;
  if (offsets[lo + 1]! - offsets[lo]! === 1) found(start + 1, dict.logs[dict.freqIndex[lo]!]!);
  for (let d = 1; start + d < limit; d++) {
    const c = text.charCodeAt(start + d);
    // first word in [lo, hi) whose unit d is >= c (a word of d units or fewer counts as -1)
    let a = lo;
    let b = hi;
    while (a < b) {
      const m = (a + b) >>> 1;
      const p = offsets[m]! + d;
      if (p >= offsets[m + 1]! || chars[p]! < c) a = m + 1; else b = m;
    }
    lo = a;
    b = hi;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (chars[offsets[m]! + d]! <= c) a = m + 1; else b = m;
    }
    hi = a;
    if (lo >= hi) return;
    if (offsets[lo + 1]! - offsets[lo]! === d + 1) found(start + d + 1, dict.logs[dict.freqIndex[lo]!]!);
  }
}

/** The exact word's ln(freq), or undefined when the dictionary lacks it. */
export function lnFreqOf(dict: Dictionary, word: string): number | undefined {
  let result: number | undefined;
  if (word) eachWordAt(dict, word, 0, word.length, (end, ln) => { if (end === word.length) result = ln; });
  return result;
}

const PRECISION = 128n;

/** atanh(num / den) in fixed point (2^PRECISION), for |num / den| <= 1/3. */
function atanhFixed(num: bigint, den: bigint): bigint {
  if (num < 0n) return -atanhFixed(-num, den);
  const z = (num << PRECISION) / den;
  const z2 = (z * z) >> PRECISION;
  let term = z;
  let sum = 0n;
  for (let i = 1n; term > 0n; i += 2n) {
    sum += term / i;
    term = (term * z2) >> PRECISION;
  }
  return sum;
}

const LN2_FIXED = 2n * atanhFixed(1n, 3n);

/** ln(n) for a positive integer, correctly rounded to the nearest double (128-bit fixed point, then one rounding;
 *  checked against glibc's log on every frequency of dict.txt). */
export function lnCorrectlyRounded(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`ln of ${n}`);
  if (n === 0) return -Infinity;
  if (n === 1) return 0;
  const big = BigInt(n);
  // n = m·2^k with √½ <= m < √2 (the series then gains 5 bits a term); ln m = 2·atanh((n − 2^k)/(n + 2^k))
  let k = BigInt(big.toString(2).length - 1);
  if (big * big >= 2n << (2n * k)) k += 1n; // m >= √2: halve it
  const r = k * LN2_FIXED + 2n * atanhFixed(big - (1n << k), big + (1n << k));
  const shift = BigInt(r.toString(2).length) - 53n;
  let mantissa = r >> shift;
  const rest = r - (mantissa << shift);
  const half = 1n << (shift - 1n);
  if (rest > half || (rest === half && (mantissa & 1n) === 1n)) mantissa += 1n;
  return Number(mantissa) * 2 ** Number(shift - PRECISION);
}
