/**
 * Bytes → text. Decide the encoding from evidence, in this order: a BOM (UTF-8, UTF-16 LE/BE),
 * strict UTF-8, then GB18030 (which covers GBK and GB2312). Bytes that decode in no candidate are an
 * error, never a silent U+FFFD. Binary input (NUL bytes, known magic numbers) is refused as "not text".
 */
import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import { iconv } from './iconv.js';

export type EncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | string;

export interface Decoded {
  text: string;
  encoding: EncodingName;
}

export class DecodeError extends Error {
  constructor(message: string, readonly reason: 'binary' | 'undecodable' | 'unknown-encoding') {
    super(message);
    this.name = 'DecodeError';
  }
}

const MAGIC: ReadonlyArray<readonly [number[], string]> = [
  [[0x1f, 0x8b], 'gzip'],
  [[0x50, 0x4b, 0x03, 0x04], 'zip'],
  [[0x89, 0x50, 0x4e, 0x47], 'PNG image'],
  [[0xff, 0xd8, 0xff], 'JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'PDF'],
  [[0x42, 0x5a, 0x68], 'bzip2'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a], 'xz'],
  [[0x7f, 0x45, 0x4c, 0x46], 'ELF executable'],
];

function startsWith(buf: Uint8Array, bytes: number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

/** Decode a whole buffer. `forced` names an encoding iconv-lite knows (e.g. gbk, big5, utf-16le). */
export function decodeBuffer(buf: Uint8Array, forced?: string): Decoded {
  if (forced) {
    const name = normaliseEncoding(forced);
    if (!iconv().encodingExists(name)) throw new DecodeError(`unknown encoding '${forced}'`, 'unknown-encoding');
    if (name === 'utf8') {
      if (!isUtf8(buf)) throw new DecodeError('not valid UTF-8 (forced by --encoding)', 'undecodable');
      return { text: stripBom(Buffer.from(buf).toString('utf8')), encoding: 'utf-8' };
    }
    // forced UTF-16 gets the same checks as UTF-16 with a BOM (odd length, unpaired surrogates)
    const utf16 = /^utf-?16-?(le|be)$/i.exec(name);
    if (utf16) {
      const enc = utf16[1]!.toLowerCase() === 'le' ? 'utf-16le' : 'utf-16be';
      return { text: stripBom(decodeUtf16(buf, enc)), encoding: enc };
    }
    return { text: stripBom(iconv().decode(Buffer.from(buf), name)), encoding: name };
  }
  if (startsWith(buf, [0xef, 0xbb, 0xbf])) {
    const body = buf.subarray(3);
    if (!isUtf8(body)) throw new DecodeError('has a UTF-8 byte-order mark but is not valid UTF-8', 'undecodable');
    return { text: Buffer.from(body).toString('utf8'), encoding: 'utf-8-bom' };
  }
  if (startsWith(buf, [0xff, 0xfe])) return { text: decodeUtf16(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (startsWith(buf, [0xfe, 0xff])) return { text: decodeUtf16(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  for (const [magic, what] of MAGIC) if (startsWith(buf, magic)) throw new DecodeError(`not text (looks like ${what})`, 'binary');
  if (buf.indexOf(0) !== -1) {
    const utf16 = looksLikeUtf16(buf);
    if (utf16) throw new DecodeError(`not text as given: looks like ${utf16.toUpperCase()} without a byte-order mark (use --encoding ${utf16})`, 'undecodable');
    throw new DecodeError('not text (contains NUL bytes; UTF-16 without a byte-order mark? try --encoding utf-16le)', 'binary');
  }
  // Chinese UTF-16 without a BOM and without ASCII has no NUL byte, but its low bytes include C0
  // control codes that no UTF-8 or GB18030 page has (标 = 07 68): do not let it pass as GB18030.
  if (hasControlBytes(buf)) {
    const utf16 = looksLikeUtf16(buf);
    if (utf16) throw new DecodeError(`not text as given: looks like ${utf16.toUpperCase()} without a byte-order mark (use --encoding ${utf16})`, 'undecodable');
  }
  if (isUtf8(buf)) return { text: Buffer.from(buf).toString('utf8'), encoding: 'utf-8' };
  if (isGb18030(buf)) {
    const text = iconv().decode(Buffer.from(buf), 'gb18030');
    if (looksLikeBig5(text, buf)) throw new DecodeError(BIG5_HINT, 'undecodable');
    return { text, encoding: 'gb18030' };
  }
  const utf16 = looksLikeUtf16(buf);
  if (utf16) throw new DecodeError(`bytes are neither UTF-8 nor GB18030: UTF-16 without a byte-order mark? use --encoding ${utf16}`, 'undecodable');
  throw new DecodeError('bytes are neither UTF-8 nor GB18030 (use --encoding NAME to force one)', 'undecodable');
}

const BIG5_HINT = 'looks like Big5 (traditional Chinese), which reads as GB18030 mojibake: pass --encoding big5 (or --encoding gb18030 if it really is GB18030)';

/**
 * Big5 bytes are valid GB18030 too, so validity cannot tell them apart; what they decode to can. Read
 * as GB18030, Big5's punctuation (，。、「」 at A141–A17E) lands in the private use area (GB18030's
 * user-defined A140–A7A0), and its most frequent characters (lead bytes A4 and A5: 一 人 不 中 …) on
 * GB2312's kana rows. Chinese text in GB18030, simplified or traditional, has almost neither: none in
 * the 199,000 characters of the dev pages and fixtures re-encoded as GB18030, against 41–53 % of the
 * characters of the traditional ones encoded as Big5. Looked at in the first 64 Ki characters; a
 * few kana (a Japanese name) do not count.
 *
 * A short text has too few characters for the share (a 13-character Big5 line shows 6 telling ones):
 * when it shows some but not enough, the bytes go to a character-frequency detector (jschardet, a
 * port of Python's chardet: Big5 against GB18030 by which one's decoding reads as common Chinese).
 * Measured on snippets of the dev pages (simplified, encoded as GB18030) and the same converted to
 * traditional (opencc-js) and encoded as Big5, 521 each: with at least one telling character and
 * jschardet's pick, no GB18030 snippet was refused at any length (4–64 characters); Big5 ones were
 * missed 55 times at 4 characters, 6 at 8, 3 at 13–16 and never from 32. Without the telling
 * character jschardet alone refused 2 of 169 eight-character GB18030 snippets, so it is only asked
 * then. A Big5 text with none (`臺灣新聞`: four valid GB18030 characters) cannot be told.
 */
export function looksLikeBig5(text: string, bytes?: Uint8Array): boolean {
  const n = Math.min(text.length, 1 << 16);
  let wide = 0;
  let telling = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    wide++;
    if ((c >= 0xe000 && c <= 0xf8ff) || (c >= 0x3040 && c <= 0x30ff)) telling++;
  }
  if (telling >= BIG5_MIN_TELLING && telling >= BIG5_MIN_SHARE * wide) return true;
  if (telling === 0 || bytes === undefined) return false;
  return frequencyPick(bytes.subarray(0, 1 << 16)) === 'Big5';
}

/** jschardet's best guess among Big5, GB18030 and (its fallback) Windows-1252; loaded when first asked. */
function frequencyPick(bytes: Uint8Array): string | null {
  detector ??= createRequire(import.meta.url)('jschardet') as Detector;
  const all = detector.detectAll(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { detectEncodings: ['Big5', 'GB18030', 'windows-1252'] });
  return all[0]?.encoding ?? null;
}
interface Detector { detectAll(b: Buffer, o: { detectEncodings: string[] }): Array<{ encoding: string | null }> }
let detector: Detector | undefined;
const BIG5_MIN_TELLING = 8;
const BIG5_MIN_SHARE = 0.1;

function decodeUtf16(body: Uint8Array, enc: 'utf-16le' | 'utf-16be'): string {
  if (body.length % 2 !== 0) throw new DecodeError(`odd number of bytes for ${enc.toUpperCase()}`, 'undecodable');
  // fatal: a non-fatal decoder turns an unpaired surrogate into U+FFFD silently, which the check after it cannot see
  try {
    return new TextDecoder(enc, { fatal: true }).decode(body);
  } catch {
    throw new DecodeError(`invalid ${enc.toUpperCase()} (unpaired surrogates)`, 'undecodable');
  }
}

/** C0 control codes other than tab, line ends, form feed, SUB and ESC. */
const CONTROL_BYTES = [...Array(0x20).keys()].filter((b) => ![0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1a, 0x1b].includes(b));
function hasControlBytes(buf: Uint8Array): boolean {
  // one memchr-speed indexOf per byte value beats a JavaScript loop over 100 MB
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  return CONTROL_BYTES.some((c) => b.indexOf(c) !== -1);
}

/**
 * UTF-16 without a byte-order mark: only a hint for the error message, never a silent guess. Read as
 * UTF-16 (LE, then BE), nearly every code unit of Chinese text is a Han character, CJK punctuation,
 * a full-width form or printable ASCII / a line end. Checked only on bytes that are not UTF-8
 * (ASCII read as UTF-16 would look like Han characters).
 */
function looksLikeUtf16(buf: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (buf.length < 4 || buf.length % 2 !== 0) return null;
  const n = Math.min(buf.length, 1 << 16) & ~1;
  for (const enc of ['utf-16le', 'utf-16be'] as const) {
    let good = 0;
    for (let i = 0; i < n; i += 2) {
      const u = enc === 'utf-16le' ? buf[i]! | (buf[i + 1]! << 8) : (buf[i]! << 8) | buf[i + 1]!;
      if ((u >= 0x4e00 && u <= 0x9fff) || (u >= 0x3000 && u <= 0x303f) || (u >= 0xff00 && u <= 0xffef)
        || (u >= 0x20 && u <= 0x7e) || u === 0x0a || u === 0x0d || u === 0x09) good++;
    }
    if (good >= 0.9 * (n / 2)) return enc;
  }
  return null;
}

/**
 * Strict GB18030 validity: one-byte ASCII; two-byte lead 0x81–0xFE with trail 0x40–0x7E or 0x80–0xFE;
 * four-byte lead 0x81–0xFE, 0x30–0x39, 0x81–0xFE, 0x30–0x39.
 */
export function isGb18030(buf: Uint8Array): boolean {
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i]!;
    if (b < 0x80) { i++; continue; }
    if (b === 0x80 || b === 0xff) return false;
    const b2 = buf[i + 1];
    if (b2 === undefined) return false;
    if ((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0x80 && b2 <= 0xfe)) { i += 2; continue; }
    if (b2 >= 0x30 && b2 <= 0x39) {
      const b3 = buf[i + 2], b4 = buf[i + 3];
      if (b3 === undefined || b4 === undefined) return false;
      if (b3 < 0x81 || b3 > 0xfe || b4 < 0x30 || b4 > 0x39) return false;
      i += 4;
      continue;
    }
    return false;
  }
  return true;
}

function normaliseEncoding(name: string): string {
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  // GBK and GB2312 are subsets of GB18030; decoding them as gbk breaks four-byte sequences.
  if (n === 'gbk' || n === 'gb2312' || n === 'cp936' || n === 'gb18030') return 'gb18030';
  if (n === 'utf8') return 'utf8';
  return name;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
