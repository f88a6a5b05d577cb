/**
 * Punctuation classes of Chinese print, half- and full-width alike.
 * They decide whether a line can end a paragraph and whether a break cut a sentence.
 */

/** Marks that end a sentence. A closing quote or bracket after one of them still ends it (。” / !」). */
export const SENTENCE_END = '。．！？!?…';
/** Closers that may follow a sentence end. */
export const CLOSERS = '”’」』）)】〕》〉"\'';
/** Marks after which a sentence clearly goes on: a break right after them cut a clause. */
export const CLAUSE_MARKS = ',，、;；';
/** Openers: a break right after one cut the quotation or bracket it opens. */
export const OPENERS = '“‘「『（(【〔《〈';
/** Marks that never stand twice in a row (unlike …… and ——, or !! in speech): doubled only by a break. */
export const NEVER_DOUBLED = '，,、；;：:。．';
/** Marks a line cannot start with unless it continues the previous one (kinsoku). */
export const NO_LINE_START = ',，、;；:：。．！？!?)）」』】〕》〉”’';

/**
 * Does the text end a sentence: a sentence end, then closers (。” / !」), at the very end; or, when
 * white space follows, a sentence end and at least one closer before it (a quotation that closes the
 * paragraph after an exclamation or question inside it: …!”  ). As patterns (the test's definition):
 * /[END][CLOSERS]*$/u or /[END][CLOSERS]+\s*$/u.
 */
export function endsSentence(text: string): boolean {
  // read from the end: a pattern anchored only at $ is tried from every position of the text, and
  // this runs on most units and at every break. White space, closers and sentence ends are three
  // disjoint sets, so the patterns match exactly when, after the trailing white space and the
  // trailing closers, a sentence end stands, and there was no white space or some closer
  let i = trimmedEnd(text) - 1;
  const spaced = i < text.length - 1;
  const closersEnd = i;
  while (i >= 0 && CLOSER_CODES.has(text.charCodeAt(i))) i--;
  if (i < 0 || (spaced && i >= closersEnd)) return false;
  const c = text.charCodeAt(i);
  return SENTENCE_END_CODES.has(c) || (c === 0x2e && i > 0 && isWide(text.charCodeAt(i - 1)));
}

/**
 * Text converted to half-width punctuation ends its sentences in an ASCII full stop (…集會慶祝.). After
 * a Han character or a full-width mark it is that stop; after a letter or digit it is not (3. / U.S.).
 */
const isWide = (c: number): boolean => c >= 0x2e80 && c <= 0xffef && (c < 0xd800 || c > 0xdfff);

const codes = (s: string): ReadonlySet<number> => new Set([...s].map((c) => c.charCodeAt(0)));
const SENTENCE_END_CODES = codes(SENTENCE_END);
const CLOSER_CODES = codes(CLOSERS);

export function lastChar(text: string): string {
  const cp = text.codePointAt(text.length - 1);
  if (cp === undefined) return '';
  // a low surrogate: take the whole astral character
  if (cp >= 0xdc00 && cp <= 0xdfff && text.length >= 2) return text.slice(-2);
  return text.slice(-1);
}

export function firstChar(text: string): string {
  const cp = text.codePointAt(0);
  if (cp === undefined) return '';
  return String.fromCodePoint(cp);
}

export const isClauseMark = (ch: string): boolean => ch !== '' && CLAUSE_MARKS.includes(ch);
/** A semicolon, full-width or not: how the items of a numbered list end. */
export const isSemicolon = (ch: string): boolean => ch === '；' || ch === ';';
export const isOpener = (ch: string): boolean => ch !== '' && OPENERS.includes(ch);
export const cannotStartLine = (ch: string): boolean => ch !== '' && NO_LINE_START.includes(ch);

/**
 * Is the UTF-16 unit white space as /\s/ reads it (the full-width U+3000, the no-break U+00A0 and the
 * BOM included)? A few comparisons instead of a one-character regular expression per character.
 */
export function isSpaceCode(c: number): boolean {
  // Han characters and CJK punctuation (most of the text) are above U+3000: one test for them
  if (c > 0x3000) return c === 0xfeff;
  return c <= 0x20 ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f
      || c === 0x205f || c === 0x3000;
}

/** The end of text[start, end) without its trailing white space (a loop: /\s*$/ retries at every position). */
export function trimmedEnd(text: string, start = 0, end = text.length): number {
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return end;
}

const HAN_RE = /\p{Script=Han}/u;
export const isHan = (ch: string): boolean => HAN_RE.test(ch);

/**
 * Visible length in characters (code points), white space not counted. With `atMost`, counting stops
 * once the length is past it (and some number above it is returned): most callers only ask whether a
 * unit is short, and most units are paragraphs.
 */
export function visibleLength(text: string, atMost = Infinity): number {
  // Counted without a string per character or a match array (this runs on every unit and paragraph,
  // bench profile): white space (\s, what trim() removes) is not counted, and a surrogate pair is one
  // character.
  let n = 0;
  for (let i = 0; i < text.length && n <= atMost; i++) {
    const c = text.charCodeAt(i);
    // Han characters and CJK punctuation (most of the text): visible but for the BOM, tested here
    // and not in a call per character (V8 inlines little into this loop: cli.ts)
    if (c > 0x3000 ? c === 0xfeff : isSpaceCode(c)) continue;
    n++;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return n;
}

/** Characters (code points) in the text: [...text].length without building the array. */
export function charCount(text: string): number {
  let n = text.length;
  for (let i = 0; i + 1 < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { n--; i++; }
    }
  }
  return n;
}

function esc(s: string): string {
  return s.replace(/[\\\]\[^-]/g, '\\$&');
}

/** Quotation marks and brackets that open and close: a text that opens one and does not close it goes on. */
export const PAIRS: ReadonlyArray<readonly [string, string]> = [['“', '”'], ['‘', '’'], ['「', '」'], ['『', '』'], ['（', '）'], ['(', ')'], ['《', '》'], ['【', '】']];

/**
 * The open-pair test for a table of pairs (each mark a single UTF-16 unit). One pass over the text
 * for all pairs, not one per pair with a string per character: decideJoin runs it on every paragraph
 * at a break (bench profile). Which code units to look at comes from the table itself (a byte per
 * code unit), so a pair added to the table is counted.
 */
export function openPairTest(pairs: ReadonlyArray<readonly [string, string]>): (text: string) => boolean {
  // per code unit: the pair it opens, else the pair it closes, as index + 1 (0: neither); a mark
  // listed twice counts for its first pair, as indexOf found it
  const opens = new Uint8Array(0x10000);
  const closes = new Uint8Array(0x10000);
  pairs.forEach(([open, close], k) => {
    if (opens[open.charCodeAt(0)] === 0) opens[open.charCodeAt(0)] = k + 1;
    if (closes[close.charCodeAt(0)] === 0) closes[close.charCodeAt(0)] = k + 1;
  });
  // one depth table for every call, cleared at its start (the test is not reentrant)
  const depth = new Int32Array(pairs.length);
  return (text) => {
    depth.fill(0);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const open = opens[c]!;
      if (open !== 0) { depth[open - 1]!++; continue; }
      const close = closes[c]!;
      if (close !== 0 && depth[close - 1]! > 0) depth[close - 1]!--;
    }
    for (let k = 0; k < depth.length; k++) if (depth[k]! > 0) return true;
    return false;
  };
}

/** A quotation or bracket opened and not closed: the text goes on after it (…从“双向两 / 两车道”…). */
export const hasOpenPair: (text: string) => boolean = openPairTest(PAIRS);

// an exclamation closing a quotation that another quotation follows (“…休息!”“读者日”…) is a headline's style, not prose
const INNER_END_RE = new RegExp(`(?:[${esc(SENTENCE_END)}]|(?<=\\p{Script=Han})\\.(?=\\p{Script=Han}))[${esc(CLOSERS)}]*(?=[^${esc(CLOSERS)}${esc(OPENERS)}${esc(SENTENCE_END)}\\s])`, 'u');
/** A sentence ends inside the text and more follows (…值不值?中国城市经济学): prose, not a title. */
export function hasInnerSentenceEnd(text: string): boolean {
  return INNER_END_RE.test(text);
}
