/**
 * Lexical cohesion across a heading (after Hearst's TextTiling): an intertitle sits inside one story,
 * so the text before and after it shares vocabulary; a new article changes the subject. Measured as
 * the cosine of Han-character bigram counts: the whole article so far against the text after the
 * heading. Whole articles separate better than 400-character windows: on the dev gold, the 34
 * intertitles score 0.16 and more, and 27 of 29 boundaries between neighbouring articles 0.14 or
 * less (the other two join articles on one subject); with 400-character windows the two overlapped
 * from 0.045 to 0.24.
 */
import { readFileSync } from 'node:fs';

/** Characters compared: the article so far (up to WINDOW_BEFORE) against the text after the heading. */
export const WINDOW_BEFORE = 3000;
export const WINDOW_AFTER = 800;
/**
 * Below this, the text after a heading is about something else: a new article. A two-line heading is
 * a deck more often than an intertitle, so it needs clearly shared vocabulary to stay inside.
 */
export const NEW_TOPIC_BELOW = { oneLine: 0.1, twoLines: 0.15 };
/** Too little text on a side says nothing. */
export const MIN_SIDE = 100;

const NOT_HAN_RE = /[^\p{Script=Han}]/gu;
const HAN_RE = /\p{Script=Han}/u;

const HAN_RUN_RE = /\p{Script=Han}+/gu;

/** Where `npm run build` (scripts/build-tables.mjs) keeps hanRuns(), with the Unicode and ICU versions it read them under. */
export const BUILT_HAN_RUNS_URL = new URL('./han-runs.json', import.meta.url);

/**
 * The runs of Han in the BMP, as [start, end) pairs of code units: the pattern run once over a
 * string of every BMP character (65,536 tests one by one took ~3–5 ms; this ~10–15 ms on a slow
 * host, which the build's copy saves).
 */
export function hanRuns(): number[] {
  const units = new Uint16Array(0x10000);
  // surrogates stand for no code point alone: never Han (as the u-flag pattern sees them); a space
  // in their place keeps each character at its own index
  for (let c = 0; c < 0x10000; c++) units[c] = c >= 0xd800 && c <= 0xdfff ? 0x20 : c;
  const all = Buffer.from(units.buffer).toString('utf16le');
  const runs: number[] = [];
  HAN_RUN_RE.lastIndex = 0;
  for (let m = HAN_RUN_RE.exec(all); m; m = HAN_RUN_RE.exec(all)) runs.push(m.index, m.index + m[0].length);
  return runs;
}

/** The build's runs, where this node reads Unicode as the build's did (the same Unicode and ICU
 *  versions: the same Script property); else null, and they are read off the pattern here. */
function builtHanRuns(): number[] | null {
  try {
    const built = JSON.parse(readFileSync(BUILT_HAN_RUNS_URL, 'utf8')) as { unicode?: string; icu?: string; runs?: number[] };
    return built.unicode === process.versions.unicode && built.icu === process.versions.icu && Array.isArray(built.runs) ? built.runs : null;
  } catch {
    return null;
  }
}

/**
 * Which BMP code units are Han (1) or not (0), and whether an astral code point is Han (tested one
 * by one: astral Han is rare). Built on the first call, not at start-up.
 */
let hanBmp: Uint8Array | null = null;
function hanTable(): Uint8Array {
  if (hanBmp) return hanBmp;
  const t = new Uint8Array(0x10000);
  const runs = builtHanRuns() ?? hanRuns();
  for (let i = 0; i + 1 < runs.length; i += 2) t.fill(1, runs[i], runs[i + 1]);
  return (hanBmp = t);
}
const astralHan = new Map<number, boolean>();
function isAstralHan(cp: number): boolean {
  let v = astralHan.get(cp);
  if (v === undefined) astralHan.set(cp, (v = HAN_RE.test(String.fromCodePoint(cp))));
  return v;
}

/**
 * The Han code units of text[from, to), in order: what text.slice(from, to).replace(NOT_HAN_RE, '')
 * keeps (a surrogate pair cut by the range's ends stands alone there, so it is dropped here too).
 * Written into `out` from `at` on; returns how many.
 */
function hanUnits(text: string, from: number, to: number, out: Uint16Array, at = 0): number {
  const t = hanTable();
  let n = at;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) { if (t[c] === 1) out[n++] = c; continue; }
    if (c <= 0xdbff && i + 1 < to) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        if (isAstralHan((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000)) { out[n++] = c; out[n++] = d; }
        i++;
      }
    }
  }
  return n - at;
}

/**
 * Counts of Han bigrams in an open-addressing table (linear probing): a bigram is its two UTF-16
 * units as one signed 32-bit key (never 0: a Han unit is not 0), its count beside it; `used` lists
 * the filled slots, so reading and clearing cost the bigrams, not the table. Sized for WINDOW_BEFORE
 * characters at under half load. Signed keys: as unsigned ones, a key from U+8000 on (above 2³¹) was
 * a double to V8, not an integer (cohesion() 13 % slower on real text).
 */
class BigramCounts {
  readonly keys: Int32Array;
  readonly counts: Uint32Array;
  readonly used: Int32Array;
  size = 0;
  private readonly mask: number;
  private readonly shift: number;

  constructor(bits: number) {
    this.keys = new Int32Array(1 << bits);
    this.counts = new Uint32Array(1 << bits);
    this.used = new Int32Array(1 << (bits - 1));
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }

  /** Fill from `units[0, n)`, after clearing what the last fill left. */
  fill(units: Uint16Array, n: number): void {
    const { keys, counts, used, mask, shift } = this;
    for (let k = 0; k < this.size; k++) { const s = used[k]!; keys[s] = 0; counts[s] = 0; }
    let size = 0;
    for (let i = 0; i + 1 < n; i++) {
      const g = (units[i]! << 16) | units[i + 1]!;
      let s = Math.imul(g, 0x9e3779b1) >>> shift;
      for (;;) {
        const k = keys[s]!;
        if (k === g) { counts[s]!++; break; }
        if (k === 0) { keys[s] = g; counts[s] = 1; used[size++] = s; break; }
        s = (s + 1) & mask;
      }
    }
    this.size = size;
  }

  get(g: number): number {
    const { keys, mask } = this;
    for (let s = Math.imul(g, 0x9e3779b1) >>> this.shift; ; s = (s + 1) & mask) {
      const k = keys[s]!;
      if (k === g) return this.counts[s]!;
      if (k === 0) return 0;
    }
  }
}

// one set of buffers for every call (cohesion is not reentrant)
const unitsBefore = new Uint16Array(WINDOW_BEFORE);
const unitsAfter = new Uint16Array(WINDOW_AFTER);
const countsBefore = new BigramCounts(13); // 8,192 slots for ≤ 2,999 bigrams
const countsAfter = new BigramCounts(11); // 2,048 slots for ≤ 799 bigrams

/** The Han bigrams of a short line, as strings. */
function bigramStrings(text: string): Set<string> {
  const out = new Set<string>();
  const han = text.replace(NOT_HAN_RE, '');
  for (let i = 0; i + 1 < han.length; i++) out.add(han.slice(i, i + 2));
  return out;
}

/** The text of pieces joined, but only the last `chars` characters or a little more (no join of a whole long article). */
export function tailText(pieces: ReadonlyArray<{ text: string }>, chars: number): string {
  return tailTexts(pieces, chars).join('');
}

/** The texts tailText() joins. */
export function tailTexts(pieces: ReadonlyArray<{ text: string }>, chars: number): string[] {
  let n = 0;
  let k = pieces.length;
  while (k > 0 && n < chars) n += pieces[--k]!.text.length;
  const out: string[] = [];
  for (; k < pieces.length; k++) out.push(pieces[k]!.text);
  return out;
}

/**
 * Cosine similarity of the text before and after (each within its window); null without text on a side.
 * The sums are of integers (exact in a double far beyond these windows), so the result does not
 * depend on the order of the bigrams.
 */
export function cohesion(before: string, after: string): number | null {
  return cohesionOfTexts([before], [after]);
}

/**
 * cohesion(before.join(''), after.join('')), to the bit, without joining the texts: a text built
 * piece by piece is a rope, which V8 copies into one string on the first character read (a third of
 * cohesion()'s time on the features' windows). The Han units of the joined text are those of each
 * text in turn, unless a text ends in half a surrogate pair that the next could complete: then the
 * texts are joined after all.
 */
export function cohesionOfTexts(before: readonly string[], after: readonly string[]): number | null {
  const beforeLength = lengthOf(before);
  const afterLength = lengthOf(after);
  if (beforeLength < MIN_SIDE || afterLength < MIN_SIDE) return null;
  if (pairSplit(before) || pairSplit(after)) return cohesionOfTexts([before.join('')], [after.join('')]);
  const na0 = hanUnitsOf(before, Math.max(0, beforeLength - WINDOW_BEFORE), beforeLength, unitsBefore);
  const nb0 = hanUnitsOf(after, 0, Math.min(afterLength, WINDOW_AFTER), unitsAfter);
  return cosine(na0, nb0);
}

function lengthOf(texts: readonly string[]): number {
  let n = 0;
  for (const t of texts) n += t.length;
  return n;
}

/** Does a text end in half a surrogate pair that the next text could complete? (Never with one text.) */
function pairSplit(texts: readonly string[]): boolean {
  for (let k = 0; k + 1 < texts.length; k++) {
    const c = texts[k]!.charCodeAt(texts[k]!.length - 1);
    if (c >= 0xd800 && c <= 0xdbff) return true;
  }
  return false;
}

/** hanUnits() of the texts joined, over [from, to) of the joined text (no text ending in half a pair). */
function hanUnitsOf(texts: readonly string[], from: number, to: number, out: Uint16Array): number {
  let n = 0;
  let start = 0;
  for (const t of texts) {
    const end = start + t.length;
    if (end > from && start < to) n += hanUnits(t, Math.max(from, start) - start, Math.min(to, end) - start, out, n);
    start = end;
    if (start >= to) break;
  }
  return n;
}

/** The cosine of the bigram counts of unitsBefore[0, na0) and unitsAfter[0, nb0); null if either has no bigram. */
function cosine(na0: number, nb0: number): number | null {
  if (na0 < 2 || nb0 < 2) return null;
  const a = countsBefore;
  const b = countsAfter;
  a.fill(unitsBefore, na0);
  b.fill(unitsAfter, nb0);
  // the dot product over the bigrams after (≤ 800), looked up in the counts before (≤ 3,000):
  // the same integer sums as the other way round, so the same result to the bit
  let na = 0;
  for (let k = 0; k < a.size; k++) { const v = a.counts[a.used[k]!]!; na += v * v; }
  let dot = 0;
  let nb = 0;
  for (let k = 0; k < b.size; k++) {
    const s = b.used[k]!;
    const v = b.counts[s]!;
    nb += v * v;
    dot += v * a.get(b.keys[s]!);
  }
  return dot / Math.sqrt(na * nb);
}

/** Share of a short line's Han bigrams that occur in a text (0 when the line has none). */
export function sharedBigrams(line: string, text: string): number {
  const grams = bigramStrings(line);
  if (grams.size === 0) return 0;
  let found = 0;
  for (const g of grams) if (text.includes(g)) found++;
  return found / grams.size;
}
