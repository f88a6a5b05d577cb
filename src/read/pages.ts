/**
 * Bytes → pages, as a stream. An archive may be one file holding years of pages (or a pipe on
 * stdin), so nothing here holds more than one page of text: chunks are decoded incrementally and
 * cut into pages at form feeds, at page-header lines that state a page number (第3版), or at lines
 * matching a user's --page-separator. Pages are yielded one at a time, numbered from 1.
 *
 * The encoding is decided as decodeBuffer() decides it (BOM → strict UTF-8 → GB18030), from the
 * whole input when it fits in the detection prefix and from that prefix otherwise (a prefix of ASCII
 * only: from the first 64 KiB that follow the first byte that is not); the rest is then decoded
 * strictly in that encoding, so a bad byte later on is an error, never a U+FFFD.
 */
import { isAscii } from 'node:buffer';
import { iconv } from './iconv.js';
import { decodeBuffer, isGb18030, DecodeError } from './decode.js';
import { FURNITURE_RULES, MAX_FURNITURE_LENGTH } from '../knowledge/furniture.js';
import { applies, holdsAny } from '../knowledge/furniture-match.js';
import { isBlank, lineEnds, OTHER_LINE_END_RE } from './lines.js';
import { isSpaceCode } from '../knowledge/punctuation.js';
import { fullDate } from '../knowledge/dates.js';
import type { Point } from '../model/tree.js';

export interface Page {
  /** 1-based page number within the input */
  page: number;
  text: string;
  /** where the page's text starts in the decoded input (positions of its articles count from the file's start) */
  start: Point;
  /** the --page-separator lines that ended this page (or, before the first page, opened it): not in
   *  `text`, so that they are reported as the page's furniture and --verify counts them */
  separators?: SeparatorLine[];
  /** the page had no page break and was cut for length: why and where (as in the stream's warnings,
   *  without the page number), for the page's diagnostics */
  cut?: string;
}

/** A line a --page-separator took out of the text: its text, 1-based line and offset in the decoded input. */
export interface SeparatorLine {
  text: string;
  line: number;
  offset: number;
}

export interface PageStreamOptions {
  /** force an encoding (any name iconv-lite knows; gbk and gb2312 read as GB18030) */
  encoding?: string;
  /** lines matching this separate pages and are dropped; replaces page-header detection */
  separator?: RegExp;
  /** bytes looked at to decide the encoding (default 64 KiB) */
  prefixBytes?: number;
  /** no page is longer (UTF-16 units; default MAX_PAGE_CHARS): past half of it, a page with no page
   *  break is cut at the next blank line, at the limit at a line end, or inside a line longer than a page */
  maxPageChars?: number;
  /** the same in lines (default MAX_PAGE_LINES) */
  maxPageLines?: number;
}

export interface PageStream {
  encoding: string;
  pages: AsyncGenerator<Page>;
  /** notes about the stream (a page with no page break cut for length), filled while reading */
  warnings: string[];
}

const PREFIX_BYTES = 64 * 1024;
/**
 * No page is longer than this many characters (UTF-16 units) or lines: a page with no page break is
 * cut (see PageSplitter), so that memory stays bounded on any input. The longest page of a real
 * archive is under 100,000 characters and a few hundred lines.
 */
export const MAX_PAGE_CHARS = 400_000;
export const MAX_PAGE_LINES = 10_000;

/** Page-header rules that open a new page of an archive: the table's opensPage rows (knowledge/furniture.ts). */
const BREAK_RULES = FURNITURE_RULES.filter((r) => r.kind === 'page-header' && r.opensPage);
export const PAGE_BREAK_RULES: RegExp[] = BREAK_RULES.map((r) => r.pattern);
/** A line holding none of these matches no page-break rule (each rule's `needs`; empty if a rule has none). */
const BREAK_NEEDS = BREAK_RULES.every((r) => r.needs) ? [...new Set(BREAK_RULES.flatMap((r) => r.needs!))] : [];

export function isPageHeader(line: string): boolean {
  return pageHeaderOf(line) !== null;
}

/** Which page-break rule a line matches, its text (trimmed), and the date and page it states. */
interface HeaderLine {
  rule: number;
  text: string;
  /** y-m-d without zeros (2019-10-1), and the page (A5, 12): null where the header does not say */
  date: string | null;
  page: string | null;
}

function pageHeaderOf(line: string): HeaderLine | null {
  // every line of the input comes here: the cheap tests first, on the line as it is (trimming only
  // removes white space, which no need holds); a long line without white space at its ends is too
  // long once trimmed too
  const n = line.length;
  if (n > MAX_FURNITURE_LENGTH && !isSpaceCode(line.charCodeAt(0)) && !isSpaceCode(line.charCodeAt(n - 1))) return null;
  if (BREAK_NEEDS.length && !holdsAny(line, BREAK_NEEDS)) return null;
  const t = line.trim();
  if (!t.length || t.length > MAX_FURNITURE_LENGTH) return null;
  const rule = BREAK_RULES.findIndex((r) => applies(r, t) && r.pattern.test(t));
  return rule < 0 ? null : { rule, text: t.replace(/\s+/gu, ' '), date: dateOf(t), page: pageNumberOf(t) };
}

/** The furniture table's dates: 2019年10月1日, 2019-10-01, 2024.5.6 */
const DATE_RE = new RegExp(fullDate({ capture: true }), 'u');
/** A page number as the headers state it: 第09版, 06 版, A3版; Page 1; A26 at the start; A03 after a
 *  running head's bar (江城日报 | 2019-02-01 | A03 要闻) */
const PAGE_NUMBER_RES = [/([A-Z]?)(\d{1,3})\s*版/u, /^(?:Page|PAGE|P\.)\s*()(\d{1,3})$/u, /^([A-Z]?)(\d{1,3})\s/u, /[|｜]\s*([A-Z]?)(\d{1,3})(?:\s|$)/u];

function dateOf(t: string): string | null {
  const m = DATE_RE.exec(t);
  if (!m) return null;
  const k = m[1] !== undefined ? 1 : 4;
  return `${Number(m[k])}-${Number(m[k + 1])}-${Number(m[k + 2])}`;
}

/** The page number a page header prints, leading zeros dropped (第09版 → "9", A03版 → "A3"), or null. */
export function pageNumberOf(t: string): string | null {
  for (const re of PAGE_NUMBER_RES) {
    const m = re.exec(t);
    if (m) return `${m[1]}${Number(m[2])}`;
  }
  return null;
}

/** The header with the date of the line above it, when it states none itself (第 1 版 under 1985-01-02). */
function dated(h: HeaderLine, date: string | null): HeaderLine {
  return h.date === null && date !== null ? { rule: h.rule, text: h.text, date, page: h.page } : h;
}

/** Two headers that state different pages or different dates are two pages. */
function statesAnotherPage(a: HeaderLine, b: HeaderLine): boolean {
  return (a.page !== null && b.page !== null && a.page !== b.page) || (a.date !== null && b.date !== null && a.date !== b.date);
}

/** Both state the same page and the same date: a footer in another form (江城日报 2024年3月5日 第3版, then 2024年3月5日 江城日报 第3版). */
function samePage(a: HeaderLine, b: HeaderLine): boolean {
  return a.page !== null && a.page === b.page && a.date !== null && a.date === b.date;
}

/** Page-header rules that open no page by themselves: a date or masthead line above a page's header
 *  (1985-01-02, a blank line, 第 1 版; 仁聞報2013年十二月號 over Page 1) belongs to the page below it. */
const LEAD_RULES = FURNITURE_RULES.filter((r) => r.kind === 'page-header' && !r.opensPage);

/** Is the line a lead line (see LEAD_RULES)? Then its date (or null) in `date`. */
function leadLine(line: string): { date: string | null } | null {
  // as pageHeaderOf: a long line without white space at its ends is too long once trimmed too
  const n = line.length;
  if (n > MAX_FURNITURE_LENGTH && !isSpaceCode(line.charCodeAt(0)) && !isSpaceCode(line.charCodeAt(n - 1))) return null;
  const t = line.trim();
  if (!t.length || t.length > MAX_FURNITURE_LENGTH || !LEAD_RULES.some((r) => applies(r, t) && r.pattern.test(t))) return null;
  return { date: dateOf(t) };
}

function leadOf(line: string, chars: number, lines: number, start: Point, bodyBefore: boolean): Lead | null {
  const lead = leadLine(line);
  return lead === null ? null : { date: lead.date, chars, lines, start, bodyBefore };
}

/** Open a byte stream: decide its encoding from a prefix, then yield its pages. Throws DecodeError. */
export async function openPages(source: AsyncIterable<Uint8Array>, options: PageStreamOptions = {}): Promise<PageStream> {
  const iterator = source[Symbol.asyncIterator]();
  const prefixLimit = options.prefixBytes ?? PREFIX_BYTES;
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < prefixLimit) {
    const next = await iterator.next();
    if (next.done) { ended = true; break; }
    const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    head.push(chunk);
    headBytes += chunk.length;
  }
  const prefix = Buffer.concat(head);
  const warnings: string[] = [];
  const splitter = new PageSplitter(options.separator, options.maxPageChars ?? MAX_PAGE_CHARS, warnings, options.maxPageLines ?? MAX_PAGE_LINES);

  if (ended) {
    // The whole input is in hand: decide exactly as for a single file.
    const { text, encoding } = decodeBuffer(prefix, options.encoding);
    return { encoding, warnings, pages: (async function* () { yield* splitter.push(text); yield* splitter.end(); })() };
  }

  const decoder = chooseDecoder(prefix, options.encoding);
  async function* pages(): AsyncGenerator<Page> {
    try {
      yield* splitter.push(decoder.write(prefix));
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const v = next.value;
        yield* splitter.push(decoder.write(Buffer.from(v.buffer, v.byteOffset, v.byteLength)));
      }
      yield* splitter.push(decoder.end());
      yield* splitter.end();
    } finally {
      await iterator.return?.();
    }
  }
  // a getter: after a prefix of ASCII only, the encoding is decided later in the stream
  return { get encoding() { return decoder.encoding; }, warnings, pages: pages() };
}

// ---------------------------------------------------------------- incremental decoders

interface ChunkDecoder {
  encoding: string;
  write(bytes: Buffer): string;
  end(): string;
}

function chooseDecoder(prefix: Buffer, forced?: string): ChunkDecoder {
  if (forced) return forcedDecoder(forced);
  if (startsWith(prefix, [0xef, 0xbb, 0xbf])) return strictDecoder('utf-8', 'utf-8-bom');
  if (startsWith(prefix, [0xff, 0xfe])) return strictDecoder('utf-16le', 'utf-16le');
  if (startsWith(prefix, [0xfe, 0xff])) return strictDecoder('utf-16be', 'utf-16be');
  // ASCII reads the same in UTF-8 and GB18030, so a prefix of ASCII only (an English header, a long
  // table of numbers) decides nothing: the decision waits for the first bytes that are not ASCII
  if (isAscii(prefix)) {
    decodeBuffer(prefix); // binary (NUL bytes, a magic number) is refused now, as before
    return deferredDecoder();
  }
  return sniffedDecoder(prefix, 0);
}

/** decodeBuffer's verdict on bytes with no BOM (binary, UTF-16 without a BOM, UTF-8, GB18030); `offset`: where they start. */
function sniffedDecoder(prefix: Buffer, offset: number): ChunkDecoder {
  // cut first so that a character split at the prefix's end does not count against it
  let verdict: string;
  try {
    verdict = decodeBuffer(prefix.subarray(0, utf8Boundary(prefix))).encoding;
  } catch (err) {
    if (err instanceof DecodeError && err.reason === 'binary') throw err;
    const gb = new Gb18030Validator();
    verdict = gb.write(prefix) ? decodeBuffer(prefix.subarray(0, prefix.length - gb.pending)).encoding : decodeBuffer(prefix).encoding;
  }
  if (verdict === 'gb18030') return withoutNul(gb18030Decoder(offset));
  return withoutNul(strictDecoder('utf-8', 'utf-8', offset));
}

/**
 * After a prefix of ASCII only: ASCII passes through; from the first byte that is not ASCII, up to
 * PREFIX_BYTES are held and decide the encoding as a prefix would (so a GB18030 file whose first MiB
 * is an English header is read as GB18030, from stdin too). Nothing non-ASCII: UTF-8.
 */
function deferredDecoder(): ChunkDecoder {
  let chosen: ChunkDecoder | null = null;
  let offset = 0;
  let held: Buffer[] = [];
  let heldBytes = 0;
  const decide = (): string => {
    const bytes = Buffer.concat(held);
    held = [];
    chosen = sniffedDecoder(bytes, offset);
    return chosen.write(bytes);
  };
  return {
    get encoding() { return chosen?.encoding ?? 'utf-8'; },
    write(bytes) {
      if (chosen) return chosen.write(bytes);
      let ascii = '';
      if (!heldBytes) {
        const k = firstNonAscii(bytes);
        if (bytes.subarray(0, k < 0 ? bytes.length : k).indexOf(0) !== -1) throw new DecodeError('not text (contains NUL bytes)', 'binary');
        if (k < 0) { offset += bytes.length; return bytes.toString('latin1'); }
        ascii = bytes.subarray(0, k).toString('latin1');
        offset += k;
        bytes = bytes.subarray(k);
      }
      held.push(bytes);
      heldBytes += bytes.length;
      return heldBytes >= PREFIX_BYTES ? ascii + decide() : ascii;
    },
    end() {
      if (chosen) return chosen.end();
      if (!heldBytes) return '';
      const text = decide();
      return text + chosen!.end();
    },
  };
}

function firstNonAscii(bytes: Buffer): number {
  if (isAscii(bytes)) return -1;
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return i;
  return -1;
}

/** WHATWG decoders with fatal: invalid bytes (and unpaired UTF-16 surrogates) throw. */
function strictDecoder(label: 'utf-8' | 'utf-16le' | 'utf-16be', encoding: string, start = 0): ChunkDecoder {
  // a decoder started mid-stream keeps a U+FEFF it meets first (only a file's first bytes are a BOM)
  const td = new TextDecoder(label, { fatal: true, ignoreBOM: start > 0 });
  let offset = start;
  const fail = (): never => {
    // the bytes before were valid: a file of two encodings, or GB18030 that began like UTF-8
    const hint = label === 'utf-8' && encoding === 'utf-8' ? '; if the file is GB18030, pass --encoding gb18030' : '';
    throw new DecodeError(`not valid ${label.toUpperCase()} (near byte ${offset}; the bytes before were${hint})`, 'undecodable');
  };
  return {
    encoding,
    write(bytes) {
      try { const s = td.decode(bytes, { stream: true }); offset += bytes.length; return s; } catch { return fail(); }
    },
    end() {
      try { return td.decode(); } catch { return fail(); }
    },
  };
}

function gb18030Decoder(start = 0): ChunkDecoder {
  const validator = new Gb18030Validator();
  const dec = iconv().getDecoder('gb18030');
  let offset = start;
  const fail = (): never => { throw new DecodeError(`not valid GB18030 (near byte ${offset})`, 'undecodable'); };
  return {
    encoding: 'gb18030',
    write(bytes) {
      if (!validator.write(bytes)) fail();
      offset += bytes.length;
      return dec.write(bytes);
    },
    end() {
      if (!validator.end()) fail();
      return dec.end() ?? '';
    },
  };
}

/** NUL bytes after the prefix: the same "not text" refusal that a whole-file decode gives. */
function withoutNul(d: ChunkDecoder): ChunkDecoder {
  return {
    encoding: d.encoding,
    write(bytes) {
      if (bytes.indexOf(0) !== -1) throw new DecodeError('not text (contains NUL bytes)', 'binary');
      return d.write(bytes);
    },
    end: () => d.end(),
  };
}

function forcedDecoder(forced: string): ChunkDecoder {
  const n = forced.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (n === 'utf8') return strictDecoder('utf-8', 'utf-8');
  if (n === 'utf16le' || n === 'utf16be') return strictDecoder(n === 'utf16le' ? 'utf-16le' : 'utf-16be', n === 'utf16le' ? 'utf-16le' : 'utf-16be');
  // GBK and GB2312 are subsets of GB18030; decoding them as gbk breaks four-byte sequences.
  const name = ['gbk', 'gb2312', 'cp936', 'gb18030'].includes(n) ? 'gb18030' : forced;
  if (!iconv().encodingExists(name)) throw new DecodeError(`unknown encoding '${forced}'`, 'unknown-encoding');
  const dec = iconv().getDecoder(name);
  let first = true;
  return {
    encoding: name,
    write(bytes) {
      let s = dec.write(bytes);
      if (first && s.length) { first = false; if (s.charCodeAt(0) === 0xfeff) s = s.slice(1); }
      return s;
    },
    end: () => dec.end() ?? '',
  };
}

/** The length of `buf` without a trailing incomplete UTF-8 sequence. */
function utf8Boundary(buf: Uint8Array): number {
  const n = buf.length;
  for (let back = 1; back <= 4 && back <= n; back++) {
    const b = buf[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/**
 * decodeBuffer's strict GB18030 rule (isGb18030) across chunk boundaries: one-byte ASCII; two-byte
 * lead 0x81–0xFE with trail 0x40–0x7E or 0x80–0xFE; four-byte 0x81–0xFE 0x30–0x39 0x81–0xFE 0x30–0x39.
 */
export class Gb18030Validator {
  private carry: Buffer = Buffer.alloc(0);

  /** false as soon as the bytes so far cannot be GB18030 */
  write(bytes: Uint8Array): boolean {
    const buf = this.carry.length ? Buffer.concat([this.carry, bytes]) : bytes;
    let i = 0;
    const n = buf.length;
    while (i < n) {
      const b = buf[i]!;
      if (b < 0x80) { i++; continue; }
      if (b === 0x80 || b === 0xff) return false;
      if (i + 1 >= n) break;
      const b2 = buf[i + 1]!;
      if ((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0x80 && b2 <= 0xfe)) { i += 2; continue; }
      if (b2 < 0x30 || b2 > 0x39) return false;
      if (i + 3 >= n) break;
      const b3 = buf[i + 2]!, b4 = buf[i + 3]!;
      if (b3 < 0x81 || b3 > 0xfe || b4 < 0x30 || b4 > 0x39) return false;
      i += 4;
    }
    this.carry = Buffer.from(buf.subarray(i));
    return true;
  }

  /** bytes of an incomplete sequence at the end of what was written */
  get pending(): number {
    return this.carry.length;
  }

  /** false when the input ended inside a sequence */
  end(): boolean {
    return this.carry.length === 0 || isGb18030(this.carry);
  }
}

function startsWith(buf: Uint8Array, bytes: number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

// ---------------------------------------------------------------- text → pages

/** A blank line? For text[from, to) (isBlank without a copy of the line). */
function blankBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x200b && !isSpaceCode(c)) return false;
  }
  return true;
}

/** The start of the line that ends at text[end] (its line end), in LF-only text. */
function lineStartBefore(text: string, end: number): number {
  return end === 0 ? 0 : text.lastIndexOf('\n', end - 1) + 1;
}

function countLf(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Where a page's last body line was a date line (1985-01-02): it may lead the next page's header. */
interface Lead {
  /** the date it states, if any (a masthead line such as 仁聞報2013年十二月號 states none the cutter reads) */
  date: string | null;
  /** the page's characters and lines before it, where it starts, and whether body stands before it */
  chars: number;
  lines: number;
  start: Point;
  bodyBefore: boolean;
}

/** The line ends and form feeds: a chunk holding none of them continues the line before it. */
const BREAK_CHAR_RE = /[\n\r\f\u2028\u2029]/u;

/** Cuts for length noted one by one in the warnings, before "… and N more" */
const MAX_NOTED_CUTS = 20;

/**
 * Cuts decoded text into pages. A form feed always ends a page, and so does a --page-separator line.
 * Without a separator, a page-header line opens a new page when the current page has body text and
 * the header is a new page's:
 *   - the same kind of header as the one that opened the current page (same rule: 2023年11月4日重庆日报
 *     第2版 after …第1版) but not the same text; or
 *   - another kind that states another page or date (an archive of several papers, whose header
 *     styles alternate: 2019年10月4日人民日报 第1版 after 人民日报 2019年10月02日 第02版); or
 *   - when the current page had no header at all, any header standing after a blank line (a page
 *     without a header, then one with).
 * So a footer that repeats the header (or states the same page in another form), a web page's
 * per-article 《人民日报》(… 06 版) line under a 第3版 header (underArticles in the table), or a header
 * in the middle of a single-page file never cut a page. A date line just above the header (1985-01-02,
 * a blank line, 第 1 版: a new front page led by its date) goes with it to the new page and dates it, so
 * the next day's 第 1 版 is a new page too. The new page's lines wait in `pending` until a body line
 * shows that a page has begun (they open it) or the input ends (they close the current one).
 *
 * Memory stays bounded on any input (a text without page marks, `yes` through a pipe, one line of
 * 25 MB): no page is longer than maxPageChars characters or maxPageLines lines. A page with no page
 * break is cut at the first blank line once it is half that long; at the limit, at a line end; a
 * line longer than a page, at a character boundary (never inside a surrogate pair). Each such cut
 * is noted in `warnings`. Positions (Page.start) count from the start of the input across all cuts.
 */
export class PageSplitter {
  private parts: string[] = [];
  private chars = 0;
  /** line ends in the current page */
  private lines = 0;
  private hasBody = false;
  /** the page's last line is blank */
  private lastBlank = true;
  private lead: Lead | null = null;
  private pending: string[] = [];
  private pendingChars = 0;
  private pendingLines = 0;
  private pendingLastBlank = false;
  /** the header that opened the current page, and the one waiting in `pending` */
  private header: HeaderLine | null = null;
  private pendingHeader: HeaderLine | null = null;
  /** the unterminated line so far: in pieces, so that a long line arriving in many chunks is joined
   *  once, not copied again with every chunk (that made one long line through a pipe quadratic) */
  private carry: string[] = [];
  private carryChars = 0;
  /** the last line was cut inside (it was longer than a page): its rest is body, whatever it holds */
  private midLine = false;
  private number = 0;
  private cuts = 0;
  /** pages finished by the text pushed so far (plain methods fill it: a generator per line cost ~15 % of reading) */
  private ready: Page[] = [];
  /** where the text consumed so far ends (offset, line, and the offset its line starts at), and
   *  where the current page and the pending lines start */
  private at = 0;
  private atLine = 1;
  private lineStart = 0;
  private pageStart: Point = { line: 1, column: 1, offset: 0 };
  private pendingStart: Point = this.pageStart;
  /** separator lines before the first page, waiting for it */
  private leading: SeparatorLine[] = [];
  /** from these on, a blank line cuts a page that has no page break */
  private readonly softChars: number;
  private readonly softLines: number;

  constructor(
    private readonly separator: RegExp | undefined,
    private readonly maxPageChars: number,
    private readonly warnings: string[],
    private readonly maxPageLines: number = Infinity,
  ) {
    this.softChars = Math.floor(maxPageChars / 2);
    this.softLines = Math.floor(maxPageLines / 2);
  }

  *push(text: string): Generator<Page> {
    if (!text) return;
    if (this.carryChars && !BREAK_CHAR_RE.test(text) && !this.carryEndsInCr()) {
      // the same line goes on: kept in pieces until it ends or fills a page
      this.carry.push(text);
      this.carryChars += text.length;
    } else {
      const all = this.carryChars ? this.carry.join('') + text : text;
      this.carry = [];
      this.carryChars = 0;
      const segments = all.split('\f');
      for (let s = 0; s < segments.length; s++) {
        const last = s === segments.length - 1;
        this.takeSegment(segments[s]!, last);
        if (!last) { this.cut(true); this.at++; } // the form feed
      }
    }
    // a line longer than a page is cut inside anyway (see line()): cut it now, so memory stays bounded
    if (this.carryChars > this.maxPageChars && !this.carryEndsInCr()) this.spill();
    yield* this.take();
  }

  *end(): Generator<Page> {
    const rest = this.carry.join('');
    this.carry = [];
    this.carryChars = 0;
    if (rest) this.takeSegment(rest, false);
    this.cut(true);
    // an input of separator lines only: one page without text holds them
    const first = this.leading[0];
    if (first) this.ready.push({ page: ++this.number, text: '', start: { line: first.line, column: 1, offset: first.offset }, separators: this.leading });
    this.leading = [];
    if (this.cuts > MAX_NOTED_CUTS) this.warnings.push(`… and ${this.cuts - MAX_NOTED_CUTS} more pages cut for length`);
    yield* this.take(true);
  }

  private take(end = false): Page[] {
    // with a separator, the last page waits until a line of the next one comes: separator lines
    // after it are its own (however the input was cut into chunks)
    const keep = !end && this.separator && !this.hasBody && this.ready.length ? 1 : 0;
    const pages = this.ready.slice(0, this.ready.length - keep);
    this.ready = this.ready.slice(this.ready.length - keep);
    return pages;
  }

  /** A separator line: it ends the page before it (or the one before the blank lines before it). */
  private separatorLine(text: string): void {
    const line: SeparatorLine = { text, line: this.atLine, offset: this.at };
    this.cut(false);
    const last = this.ready[this.ready.length - 1];
    if (last) (last.separators ??= []).push(line);
    else this.leading.push(line);
  }

  /** a CR at the end of a chunk may be the first half of CRLF: the next chunk tells */
  private carryEndsInCr(): boolean {
    const last = this.carry[this.carry.length - 1];
    return last !== undefined && last.charCodeAt(last.length - 1) === 0x0d;
  }

  /** Complete lines of a segment; the unterminated tail of the last segment is carried over. */
  private takeSegment(segment: string, last: boolean): void {
    let start = 0;
    if (!OTHER_LINE_END_RE.test(segment)) {
      // only LF line ends (most inputs): found by indexOf, without a match object per line; and
      // where no page-break need occurs, whole runs of lines at once (see bodyRun)
      const next = BREAK_NEEDS.map(() => -1);
      for (let at = segment.indexOf('\n'); at !== -1; at = segment.indexOf('\n', start)) {
        const run = this.bodyRun(segment, start, next);
        if (run > start) {
          const lines = segment.slice(start, run);
          this.takeRun(lines);
          this.append(lines);
          this.advanceRun(lines);
          start = run;
          continue;
        }
        this.line(segment.slice(start, at), '\n');
        start = at + 1;
      }
    } else {
      const lineEnd = lineEnds();
      for (let m = lineEnd.exec(segment); m; m = lineEnd.exec(segment)) {
        // a CR at the end of a chunk may be the first half of CRLF: wait for the next chunk
        if (last && m[0] === '\r' && m.index + 1 === segment.length) break;
        this.line(segment.slice(start, m.index), m[0]);
        start = m.index + m[0].length;
      }
    }
    const tail = segment.slice(start);
    if (last) { if (tail) { this.carry = [tail]; this.carryChars = tail.length; } }
    else if (tail) this.line(tail, '');
  }

  /**
   * Where a run of complete lines from `start` ends that line() would take one by one as body: no
   * separator and no header waiting, no page-break need on any of them (so none is a header), and
   * the page stays within its soft limits (so no blank line cuts it). The caller appends them as one
   * string. `next` holds each need's next position (-1: not looked for yet), so the segment is
   * searched once per need. Returns `start` when no run applies.
   */
  private bodyRun(segment: string, start: number, next: number[]): number {
    if (this.separator || this.pending.length || this.midLine || BREAK_NEEDS.length === 0) return start;
    let need = segment.length;
    for (let k = 0; k < BREAK_NEEDS.length; k++) {
      if (next[k]! !== segment.length && next[k]! < start) {
        const found = segment.indexOf(BREAK_NEEDS[k]!, start);
        next[k] = found === -1 ? segment.length : found;
      }
      if (next[k]! < need) need = next[k]!;
    }
    // complete lines only, up to the start of the line that holds the need
    let end = segment.lastIndexOf('\n', need - 1) + 1;
    if (end <= start) return start;
    const room = this.softChars - this.chars;
    if (end - start > room) {
      if (room <= 0) return start;
      end = segment.lastIndexOf('\n', start + room - 1) + 1;
      if (end <= start) return start;
    }
    const lineRoom = this.softLines - this.lines;
    if (end - start > lineRoom) {
      // maybe more lines than the page may still take: end the run after its lineRoom-th line
      if (lineRoom <= 0) return start;
      let i = start - 1;
      for (let k = 0; k < lineRoom; k++) {
        i = segment.indexOf('\n', i + 1);
        if (i === -1 || i >= end) return end;
      }
      end = i + 1;
    }
    return end;
  }

  /** A run of LF lines about to be appended as body: what line() would note of its lines one by one. */
  private takeRun(run: string): void {
    let e = run.length - 1; // the last line's LF
    let b = lineStartBefore(run, e);
    const lastBlank = blankBetween(run, b, e);
    // the last line that is not blank
    while (blankBetween(run, b, e)) {
      if (b === 0) { b = -1; break; }
      e = b - 1;
      b = lineStartBefore(run, e);
    }
    if (b >= 0) {
      const lead = leadLine(run.slice(b, e));
      if (lead === null) this.lead = null;
      else {
        const lines = countLf(run, 0, b);
        const start = { line: this.atLine + lines, column: b > 0 ? 1 : this.at - this.lineStart + 1, offset: this.at + b };
        this.lead = { date: lead.date, chars: this.chars + b, lines: this.lines + lines, start, bodyBefore: this.hasBody || !blankBetween(run, 0, b) };
      }
      this.hasBody = true;
    }
    this.lastBlank = lastBlank;
  }

  private line(text: string, end: string): void {
    if (this.midLine || text.length + end.length > this.maxPageChars) {
      // a line longer than a page, or the rest of one: body, cut where it must be
      this.longText(text);
      this.midLine = false;
      if (end) {
        if (this.chars + end.length > this.maxPageChars || this.lines >= this.maxPageLines) this.limitCut('inside a line');
        this.append(end);
        this.lines++;
        this.at += end.length;
        this.atLine++;
        this.lineStart = this.at;
      }
      return;
    }
    this.takeLine(text, end);
    this.at += text.length + end.length;
    if (end) { this.atLine++; this.lineStart = this.at; }
  }

  private here(): Point {
    return { line: this.atLine, column: this.at - this.lineStart + 1, offset: this.at };
  }

  /** LF-only lines appended as one run: move past them. */
  private advanceRun(lines: string): void {
    for (let i = lines.indexOf('\n'); i !== -1; i = lines.indexOf('\n', i + 1)) { this.atLine++; this.lines++; this.lineStart = this.at + i + 1; }
    this.at += lines.length;
  }

  private hold(s: string, blank: boolean): void {
    if (!this.pending.length) this.pendingStart = this.here();
    this.pending.push(s);
    this.pendingChars += s.length;
    this.pendingLines++;
    this.pendingLastBlank = blank;
  }

  private takeLine(text: string, end: string): void {
    const s = text + end;
    if (this.separator) {
      if (this.separator.test(text)) { this.separatorLine(text); return; }
    } else if (this.pending.length) {
      // blank and header lines wait with the new page's header, up to half a page: then it has begun
      const blank = isBlank(text);
      if ((blank || pageHeaderOf(text)) && this.pendingChars + s.length <= this.softChars && this.pendingLines < this.softLines) { this.hold(s, blank); return; }
      this.cut(false);
    } else {
      const header = pageHeaderOf(text);
      if (header) {
        if (s.length <= this.softChars && this.opens(header, s)) { this.open(header, s); return; }
        if (this.header === null) { const lead = this.leadOf(header, s); this.header = lead ? dated(header, lead.date) : header; }
        this.lead = null;
        if (this.chars + s.length > this.maxPageChars || this.lines >= this.maxPageLines) this.limitCut('at a line end');
        this.append(s);
        if (end) this.lines++;
        this.lastBlank = false;
        return;
      }
    }
    const blank = isBlank(text);
    if (blank && this.chars > 0 && (this.chars > this.softChars || this.lines >= this.softLines)) this.limitCut('at a blank line');
    else if (this.chars + s.length > this.maxPageChars || this.lines >= this.maxPageLines) this.limitCut('at a line end');
    if (!blank) {
      this.lead = this.separator ? null : leadOf(text, this.chars, this.lines, this.here(), this.hasBody);
      this.hasBody = true;
    }
    this.append(s);
    if (end) this.lines++;
    this.lastBlank = blank;
  }

  /** The date or masthead line just above a header that states no date (1985-01-02 over 第 1 版). */
  private leadOf(h: HeaderLine, s: string): Lead | null {
    const lead = this.lead;
    // the lead and the header wait in `pending`, which holds no more than half a page
    return h.date === null && lead !== null && this.chars - lead.chars + s.length <= this.softChars ? lead : null;
  }

  /** Does this header open a new page? (See the class comment.) */
  private opens(h: HeaderLine, s: string): boolean {
    const lead = this.leadOf(h, s);
    if (!(lead ? lead.bodyBefore : this.hasBody)) return false;
    const current = this.header;
    const under = BREAK_RULES[h.rule]!.underArticles === true;
    const standsAlone = lead !== null || this.lastBlank;
    if (current === null) return !under && standsAlone;
    const full = lead ? dated(h, lead.date) : h;
    if (h.rule === current.rule) return h.text !== current.text || statesAnotherPage(current, full);
    if (under) return false;
    return statesAnotherPage(current, full) || (standsAlone && !samePage(current, full));
  }

  /** The header opens a new page: it waits in `pending`, with the line above it if that leads it. */
  private open(h: HeaderLine, s: string): void {
    const lead = this.leadOf(h, s);
    this.lead = null;
    this.pendingHeader = lead ? dated(h, lead.date) : h;
    if (lead) {
      // the lead line and the blank lines after it leave this page for the next
      const text = this.parts.join('');
      const moved = text.slice(lead.chars);
      this.parts = [text.slice(0, lead.chars)];
      this.chars = lead.chars;
      this.pending = [moved];
      this.pendingChars = moved.length;
      this.pendingLines = this.lines - lead.lines;
      this.lines = lead.lines;
      this.pendingStart = lead.start;
    }
    this.hold(s, false);
  }

  /** Body text that may not fit the page: appended, the page cut inside it where it must be. */
  private longText(text: string): void {
    if (this.pending.length) this.cut(false);
    // a new line that does not fit: the page ends at the line end before it
    if (!this.midLine && this.chars > 0 && this.chars + text.length > this.maxPageChars) this.limitCut('at a line end');
    let from = 0;
    while (this.chars + (text.length - from) > this.maxPageChars) {
      let n = this.maxPageChars - this.chars;
      const c = text.charCodeAt(from + n - 1);
      if (n > 0 && c >= 0xd800 && c <= 0xdbff) n--; // not between the halves of a surrogate pair
      if (n <= 0 && this.chars === 0) n = Math.min(2, text.length - from);
      if (n > 0) { this.piece(text.slice(from, from + n)); from += n; }
      this.limitCut('inside a line');
    }
    if (from < text.length) this.piece(from ? text.slice(from) : text);
  }

  /** Part of a line, appended as body. */
  private piece(s: string): void {
    this.append(s);
    this.at += s.length;
    if (!isBlank(s)) this.hasBody = true;
    this.lead = null;
    this.lastBlank = false;
  }

  /** The unterminated line is longer than a page: cut it now (memory stays bounded), as line() would. */
  private spill(): void {
    const text = this.carry.join('');
    this.carry = [];
    this.carryChars = 0;
    this.longText(text);
    this.midLine = true;
  }

  private limitCut(where: string): void {
    const limit = where === 'at a blank line' && this.lines >= this.softLines ? `${this.softLines} lines`
      : where === 'at a line end' && this.lines >= this.maxPageLines ? `${this.maxPageLines} lines`
      : `${where === 'at a blank line' ? this.softChars : this.maxPageChars} characters`;
    this.cut(false, `no page break in ${limit}; cut ${where}`);
  }

  private append(s: string, start?: Point): void {
    if (!this.parts.length) this.pageStart = start ?? this.here();
    this.parts.push(s);
    this.chars += s.length;
  }

  /** End the current page; pending header lines go to the next page, or to this one at a form feed or the end. */
  private cut(hard: boolean, note?: string): void {
    if (hard && this.pending.length) {
      // the lines that waited go back to this page, unless it cannot take them: then they are a page
      const chars = this.chars + this.pendingChars > this.maxPageChars;
      if (chars || this.lines + this.pendingLines > this.maxPageLines) {
        this.cut(false, `no page break in ${chars ? `${this.maxPageChars} characters` : `${this.maxPageLines} lines`}; cut at a line end`);
      }
    }
    const carried = this.pending;
    const carriedStart = this.pendingStart;
    const carriedLines = this.pendingLines;
    this.pending = [];
    this.pendingChars = 0;
    this.pendingLines = 0;
    if (hard) for (const p of carried) this.append(p, carriedStart);
    const text = this.parts.join('');
    this.parts = [];
    this.chars = 0;
    this.lines = 0;
    this.hasBody = false;
    this.lead = null;
    this.lastBlank = true;
    this.header = hard ? null : this.pendingHeader;
    this.pendingHeader = null;
    if (!isBlank(text)) {
      this.ready.push({
        page: ++this.number, text, start: this.pageStart, ...(this.leading.length ? { separators: this.leading } : {}), ...(note !== undefined ? { cut: note } : {}),
      });
      this.leading = [];
      if (note !== undefined && this.cuts++ < MAX_NOTED_CUTS) this.warnings.push(`page ${this.number}: ${note}`);
    }
    if (!hard && carried.length) {
      for (const p of carried) this.append(p, carriedStart);
      this.lines = carriedLines;
      this.lastBlank = this.pendingLastBlank;
    }
  }
}
