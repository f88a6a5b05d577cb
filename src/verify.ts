/**
 * The conservation check: nothing of the user's text is lost without a trace.
 *
 * Every non-white-space character of the decoded input must be accounted for exactly once in the
 * result, in one of these places:
 *   - an article's headline lines (`headlines`; title, kicker and subtitles are views of them);
 *   - its paragraphs;
 *   - its `byline.raw` (the lead, byline lines, credits and closing tags the parser took out of
 *     the text: one per line);
 *   - a repair's `dropped` character (the copy a 'duplicate' repair removed);
 *   - the diagnostics' furniture list.
 * The dateline is not counted: it is read from the lead or the first paragraph and left there.
 * A web page's meta line (来源:新民晚报 记者:李明) is furniture *and* names the article's people,
 * so its byline.raw entry is a copy of a furniture text and is not counted a second time.
 *
 * Characters are compared as a multiset (order is free: titles are views, repairs re-join), so the
 * report says which characters are missing or extra and, for missing ones, where they occur in the
 * input.
 */
import type { SplitResult } from './types.js';
import { bylineLines } from './emit/record.js';
import { FILE_START, type Point } from './model/tree.js';

/** White space as the reader treats it: line ends, ASCII, full-width, no-break and zero-width spaces, BOM. */
const WHITE = /[\s\u3000\u00a0\u200b\ufeff]/u;

export interface CharPosition {
  /** 1-based line and column (column in code points) */
  line: number;
  column: number;
  /** JavaScript string index into the decoded text */
  offset: number;
}

export interface CharDifference {
  char: string;
  /** how many more (missing) or fewer (extra) times the input has it than the output */
  count: number;
  /** for missing characters: where the character occurs in the input (at most `MAX_POSITIONS`) */
  positions: CharPosition[];
}

export interface VerifyReport {
  ok: boolean;
  /** non-white-space characters in the input */
  inputChars: number;
  /** non-white-space characters in the output places listed above */
  outputChars: number;
  /** characters of the input the output does not account for */
  missing: CharDifference[];
  /** characters the output has more often than the input */
  extra: CharDifference[];
}

export const MAX_POSITIONS = 5;

/**
 * A multiset of characters: BMP code units in an array (fast on 100 MB inputs), astral characters
 * (surrogate pairs) in a map. A lone surrogate counts as itself.
 */
class Balance {
  private readonly bmp = new Int32Array(0x10000);
  private readonly astral = new Map<string, number>();
  private static white: Uint8Array | null = null;

  private static isWhite(): Uint8Array {
    if (!Balance.white) {
      Balance.white = new Uint8Array(0x10000);
      for (let c = 0; c < 0x10000; c++) if (WHITE.test(String.fromCharCode(c))) Balance.white[c] = 1;
    }
    return Balance.white;
  }

  /** Add (sign 1) or take away (sign -1) the non-white-space characters of `text`; returns how many. */
  count(text: string | null | undefined, sign: 1 | -1): number {
    if (!text) return 0;
    const white = Balance.isWhite();
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          const ch = text.slice(i, i + 2);
          this.astral.set(ch, (this.astral.get(ch) ?? 0) + sign);
          i++;
          n++;
          continue;
        }
      }
      if (white[c]) continue;
      this.bmp[c]! += sign;
      n++;
    }
    return n;
  }

  /** Characters whose count is not zero. */
  *differences(): Generator<[string, number]> {
    for (let c = 0; c < 0x10000; c++) if (this.bmp[c] !== 0) yield [String.fromCharCode(c), this.bmp[c]!];
    for (const [ch, n] of this.astral) if (n !== 0) yield [ch, n];
  }
}

/** Check that `result` (what `split(text)` returned) accounts for every character of `text`; positions
 *  of lost characters count from the start of the file (`start`: where `text` starts in it). */
export function verify(text: string, result: SplitResult, start: Point = FILE_START): VerifyReport {
  const balance = new Balance();
  const inputChars = balance.count(text, 1);
  let outputChars = 0;
  // meta lines are 'editor' furniture; each one can lend its text to one byline (found by fuzzing:
  // a plain byline line equal to some other furniture line must still be counted)
  const metaCopies = new Map<string, number>();
  for (const f of result.diagnostics.furniture) {
    if (f.kind === 'editor') metaCopies.set(f.text.trim(), (metaCopies.get(f.text.trim()) ?? 0) + 1);
  }
  for (const f of result.diagnostics.furniture) outputChars += balance.count(f.text, -1);
  for (const a of result.articles) {
    for (const h of a.headlines) outputChars += balance.count(h, -1);
    for (const p of a.paragraphs) outputChars += balance.count(p, -1);
    for (const r of a.repairs) outputChars += balance.count(r.dropped, -1);
    for (const raw of bylineLines(a.byline)) {
      const copies = metaCopies.get(raw.trim()) ?? 0;
      if (copies > 0) { metaCopies.set(raw.trim(), copies - 1); continue; } // a meta line's copy (see above)
      outputChars += balance.count(raw, -1);
    }
  }
  const missing: CharDifference[] = [];
  const extra: CharDifference[] = [];
  for (const [char, count] of balance.differences()) {
    if (count > 0) missing.push({ char, count, positions: [] });
    else extra.push({ char, count: -count, positions: [] });
  }
  if (missing.length) locate(text, missing, start);
  const byChar = (x: CharDifference, y: CharDifference): number => (x.char < y.char ? -1 : x.char > y.char ? 1 : 0);
  missing.sort((x, y) => (x.positions[0]?.offset ?? 0) - (y.positions[0]?.offset ?? 0) || byChar(x, y));
  extra.sort(byChar);
  return { ok: missing.length === 0 && extra.length === 0, inputChars, outputChars, missing, extra };
}

/** Fill in where each missing character occurs in the input (the first few occurrences). */
function locate(text: string, missing: CharDifference[], start: Point): void {
  const wanted = new Map(missing.map((d) => [d.char, d]));
  let line = start.line;
  let column = start.column;
  let offset = 0;
  for (const ch of text) {
    const d = wanted.get(ch);
    if (d && d.positions.length < MAX_POSITIONS) d.positions.push({ line, column, offset: start.offset + offset });
    if (ch === '\n' || (ch === '\r' && text[offset + 1] !== '\n') || ch === '\u2028' || ch === '\u2029') {
      line++;
      column = 1;
    } else column++;
    offset += ch.length;
  }
}

/** A few lines for a person: what was lost or added, and where. */
export function describeVerifyReport(report: VerifyReport, name = 'input'): string[] {
  if (report.ok) return [`${name}: verified: all ${report.inputChars} characters accounted for`];
  const show = (ch: string): string => (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch) ? ch : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  const lines: string[] = [];
  const lost = report.missing.reduce((n, d) => n + d.count, 0);
  const added = report.extra.reduce((n, d) => n + d.count, 0);
  lines.push(`${name}: verification failed: ${lost} character(s) of the input not in the output, ${added} in the output not in the input`);
  for (const d of report.missing.slice(0, 20)) {
    const where = d.positions.map((p) => `${p.line}:${p.column}`).join(', ');
    lines.push(`  lost '${show(d.char)}' ×${d.count}${where ? ` (occurs at line:column ${where}${d.positions.length === MAX_POSITIONS ? ', …' : ''})` : ''}`);
  }
  if (report.missing.length > 20) lines.push(`  … and ${report.missing.length - 20} more lost characters`);
  for (const d of report.extra.slice(0, 20)) lines.push(`  extra '${show(d.char)}' ×${d.count}`);
  if (report.extra.length > 20) lines.push(`  … and ${report.extra.length - 20} more extra characters`);
  return lines;
}
