/**
 * Text → lines with their positions. Line ends CRLF, CR and LF are all line ends; offsets index the
 * decoded text as given (so provenance points into the user's text, not a normalised copy).
 */
import { isSpaceCode } from '../knowledge/punctuation.js';

export interface Line {
  /** 1-based line number */
  no: number;
  /** offset of the line's first character */
  offset: number;
  /** the line without its line end */
  text: string;
}

/** line ends other than LF */
export const OTHER_LINE_END_RE = /[\r\u2028\u2029]/u;
/** Every line end (CRLF, CR, LF, U+2028, U+2029), as a fresh global pattern for one scan. */
export const lineEnds = (): RegExp => /\r\n|\r|\n|\u2028|\u2029/g;

export function toLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let no = 1;
  if (!OTHER_LINE_END_RE.test(text)) {
    // only LF line ends (most pages): cut at indexOf, without a match object per line
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', start)) {
      lines.push({ no: no++, offset: start, text: text.slice(start, at) });
      start = at + 1;
    }
  } else {
    const re = lineEnds();
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      lines.push({ no: no++, offset: start, text: text.slice(start, m.index) });
      start = m.index + m[0].length;
    }
  }
  if (start < text.length || lines.length === 0) lines.push({ no, offset: start, text: text.slice(start) });
  return lines;
}

/** The offset where each line starts (index 0: line 1), with the same line ends as toLines. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (!OTHER_LINE_END_RE.test(text)) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  } else {
    const re = lineEnds();
    for (let m = re.exec(text); m !== null; m = re.exec(text)) starts.push(m.index + m[0].length);
  }
  return starts;
}

/** White space as newspapers print it: ASCII, full-width (U+3000), no-break and zero-width spaces. */
export function isBlank(s: string): boolean {
  // a loop, not /^[\s\u200b]*$/: every line of every page comes here, and most fail at once
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x200b && !isSpaceCode(c)) return false;
  }
  return true;
}
