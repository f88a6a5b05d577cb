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
import iconv from 'iconv-lite';
import { decodeBuffer, isGb18030, DecodeError } from './decode.js';
import { FURNITURE_RULES, MAX_FURNITURE_LENGTH } from '../knowledge/furniture.js';
import { applies, holdsAny } from '../knowledge/furniture-match.js';
import { isBlank, lineEnds, OTHER_LINE_END_RE } from './lines.js';
import { isSpaceCode } from '../knowledge/punctuation.js';
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
  /** a page with no separator longer than this (UTF-16 units) is cut at the next blank line */
  maxPageChars?: number;
}

export interface PageStream {
  encoding: string;
  pages: AsyncGenerator<Page>;
  /** notes about the stream (an over-long page cut at a blank line), filled while reading */
  warnings: string[];
}

const PREFIX_BYTES = 64 * 1024;
const MAX_PAGE_CHARS = 16 * 1024 * 1024;

/** Page-header rules that open a new page of an archive: the table's opensPage rows (knowledge/furniture.ts). */
const BREAK_RULES = FURNITURE_RULES.filter((r) => r.kind === 'page-header' && r.opensPage);
export const PAGE_BREAK_RULES: RegExp[] = BREAK_RULES.map((r) => r.pattern);
/** A line holding none of these matches no page-break rule (each rule's `needs`; empty if a rule has none). */
const BREAK_NEEDS = BREAK_RULES.every((r) => r.needs) ? [...new Set(BREAK_RULES.flatMap((r) => r.needs!))] : [];

export function isPageHeader(line: string): boolean {
  return pageHeaderOf(line) !== null;
}

/** Which page-break rule a line matches (and its text, trimmed), or null. */
interface HeaderLine {
  rule: number;
  text: string;
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
  return rule < 0 ? null : { rule, text: t.replace(/\s+/gu, ' ') };
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
  const splitter = new PageSplitter(options.separator, options.maxPageChars ?? MAX_PAGE_CHARS, warnings);

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
  const dec = iconv.getDecoder('gb18030');
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
  if (!iconv.encodingExists(name)) throw new DecodeError(`unknown encoding '${forced}'`, 'unknown-encoding');
  const dec = iconv.getDecoder(name);
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

/**
 * Cuts decoded text into pages. A form feed always ends a page, and so does a --page-separator line.
 * Without a separator, a page-header line opens a new page when it is the same kind of header as the
 * one that opened the current page (same rule: 2023年11月4日重庆日报 第2版 after …第1版) but not the
 * same text. So a footer that repeats the header, a web page's per-article 《人民日报》(… 06 版) line
 * under a 第3版 header, or a header in a single-page file never cut a page. The new page's header and
 * the blank lines after it wait in `pending` until a body line shows that a page has begun (they open
 * it) or the input ends (they close the current one).
 */
export class PageSplitter {
  private parts: string[] = [];
  private chars = 0;
  private hasBody = false;
  private pending: string[] = [];
  /** the header that opened the current page, and the one waiting in `pending` */
  private header: HeaderLine | null = null;
  private pendingHeader: HeaderLine | null = null;
  private carry = '';
  private number = 0;
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

  constructor(
    private readonly separator: RegExp | undefined,
    private readonly maxPageChars: number,
    private readonly warnings: string[],
  ) {}

  *push(text: string): Generator<Page> {
    if (!text) return;
    const segments = (this.carry + text).split('\f');
    this.carry = '';
    for (let s = 0; s < segments.length; s++) {
      const last = s === segments.length - 1;
      this.lines(segments[s]!, last);
      if (!last) { this.cut(true); this.at++; } // the form feed
    }
    yield* this.take();
  }

  *end(): Generator<Page> {
    const rest = this.carry;
    this.carry = '';
    if (rest) this.lines(rest, false);
    this.cut(true);
    // an input of separator lines only: one page without text holds them
    const first = this.leading[0];
    if (first) this.ready.push({ page: ++this.number, text: '', start: { line: first.line, column: 1, offset: first.offset }, separators: this.leading });
    this.leading = [];
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

  /** Complete lines of a segment; the unterminated tail of the last segment is carried over. */
  private lines(segment: string, last: boolean): void {
    let start = 0;
    if (!OTHER_LINE_END_RE.test(segment)) {
      // only LF line ends (most inputs): found by indexOf, without a match object per line; and
      // where no page-break need occurs, whole runs of lines at once (see bodyRun)
      const next = BREAK_NEEDS.map(() => -1);
      for (let at = segment.indexOf('\n'); at !== -1; at = segment.indexOf('\n', start)) {
        const run = this.bodyRun(segment, start, next);
        if (run > start) {
          const lines = segment.slice(start, run);
          if (!isBlank(lines)) this.hasBody = true;
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
    if (last) this.carry = tail;
    else if (tail) this.line(tail, '');
  }

  /**
   * Where a run of complete lines from `start` ends that line() would take one by one as body: no
   * separator and no header waiting, no page-break need on any of them (so none is a header), and
   * the page stays under maxPageChars (so no blank line cuts it). The caller appends them as one
   * string. `next` holds each need's next position (-1: not looked for yet), so the segment is
   * searched once per need. Returns `start` when no run applies.
   */
  private bodyRun(segment: string, start: number, next: number[]): number {
    if (this.separator || this.pending.length || BREAK_NEEDS.length === 0) return start;
    let need = segment.length;
    for (let k = 0; k < BREAK_NEEDS.length; k++) {
      if (next[k]! !== segment.length && next[k]! < start) {
        const found = segment.indexOf(BREAK_NEEDS[k]!, start);
        next[k] = found === -1 ? segment.length : found;
      }
      if (next[k]! < need) need = next[k]!;
    }
    // complete lines only, up to the start of the line that holds the need
    const end = segment.lastIndexOf('\n', need - 1) + 1;
    return end <= start || this.chars + (end - start) > this.maxPageChars ? start : end;
  }

  private line(text: string, end: string): void {
    this.takeLine(text, end);
    this.at += text.length + end.length;
    if (end) { this.atLine++; this.lineStart = this.at; }
  }

  private here(): Point {
    return { line: this.atLine, column: this.at - this.lineStart + 1, offset: this.at };
  }

  /** LF-only lines appended as one run: move past them. */
  private advanceRun(lines: string): void {
    for (let i = lines.indexOf('\n'); i !== -1; i = lines.indexOf('\n', i + 1)) { this.atLine++; this.lineStart = this.at + i + 1; }
    this.at += lines.length;
  }

  private hold(s: string): void {
    if (!this.pending.length) this.pendingStart = this.here();
    this.pending.push(s);
  }

  private takeLine(text: string, end: string): void {
    if (this.separator) {
      if (this.separator.test(text)) { this.separatorLine(text); return; }
    } else if (this.pending.length) {
      if (isBlank(text) || pageHeaderOf(text)) { this.hold(text + end); return; }
      this.cut(false);
    } else {
      const header = pageHeaderOf(text);
      if (header) {
        const opens = this.hasBody && this.header !== null && header.rule === this.header.rule && header.text !== this.header.text;
        if (opens) { this.hold(text + end); this.pendingHeader = header; return; }
        this.header ??= header;
        this.append(text + end);
        return;
      }
    }
    if (!isBlank(text)) this.hasBody = true;
    else if (this.chars > this.maxPageChars && this.hasBody) {
      this.warnings.push(`page ${this.number + 1}: no page break in ${this.maxPageChars} characters; cut at a blank line`);
      this.cut(false);
    }
    this.append(text + end);
  }

  private append(s: string, start?: Point): void {
    if (!this.parts.length) this.pageStart = start ?? this.here();
    this.parts.push(s);
    this.chars += s.length;
  }

  /** End the current page; pending header lines go to the next page, or to this one at a form feed or the end. */
  private cut(hard: boolean): void {
    const carried = this.pending;
    const carriedStart = this.pendingStart;
    this.pending = [];
    if (hard) for (const p of carried) this.append(p, carriedStart);
    const text = this.parts.join('');
    this.parts = [];
    this.chars = 0;
    this.hasBody = false;
    this.header = hard ? null : this.pendingHeader;
    this.pendingHeader = null;
    if (!isBlank(text)) {
      this.ready.push({ page: ++this.number, text, start: this.pageStart, ...(this.leading.length ? { separators: this.leading } : {}) });
      this.leading = [];
    }
    if (!hard) for (const p of carried) this.append(p, carriedStart);
  }
}
