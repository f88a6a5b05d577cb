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
