/**
 * Text → lines with their positions. Line ends CRLF, CR and LF are all line ends; offsets index the
 * decoded text as given (so provenance points into the user's text, not a normalised copy).
 */
export interface Line {
  /** 1-based line number */
  no: number;
  /** offset of the line's first character */
  offset: number;
  /** the line without its line end */
  text: string;
}

export function toLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\r|\n|\u2028|\u2029/g;
  let start = 0;
  let no = 1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    lines.push({ no: no++, offset: start, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  if (start < text.length || lines.length === 0) lines.push({ no, offset: start, text: text.slice(start) });
  return lines;
}

/** White space as newspapers print it: ASCII, full-width (U+3000), no-break and zero-width spaces. */
export const isBlank = (s: string): boolean => /^[\s\u3000\u00a0\u200b\ufeff]*$/u.test(s);

/**
 * Is the UTF-16 unit white space as /\s/ reads it (the full-width U+3000, the no-break U+00A0 and the
 * BOM included)? A table lookup instead of a one-character regular expression per character.
 */
export function isSpaceCode(c: number): boolean {
  return c <= 0x20 ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f
      || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
