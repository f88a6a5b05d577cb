/**
 * Lines → units: the smallest pieces of print that the parser reasons about (a headline line, a
 * paragraph or a fragment of one, a byline, a credit, a furniture line). Most units are lines; a line
 * that a web mirror flattened (headline runs, a dateline and paragraphs separated by single spaces)
 * is cut into several units. Furniture glued to the start or end of a line is cut off and reported.
 */
import { toLines, isBlank, type Line } from '../read/lines.js';
import { FURNITURE_PREFIXES, FURNITURE_SUFFIXES, HTML_BREAK_RE } from '../knowledge/furniture.js';
import { applies, matchFurniture } from '../knowledge/furniture-match.js';
import { SENTENCE_END, CLOSERS, isSpaceCode, trimmedEnd } from '../knowledge/punctuation.js';
import { DEFAULT_GRAMMAR, grammarOf, type BylineGrammar } from './byline.js';
import type { CompiledProfile } from '../knowledge/profile.js';
import { isSpeakerItem } from './names.js';
import { looksLikeHeading } from './classify.js';
import type { Furniture, FurnitureKind } from '../types.js';
import { allMatches } from '../regex.js';

export interface Unit {
  text: string;
  /** 1-based line number */
  line: number;
  /** offsets of the trimmed text in the decoded input */
  offset: number;
  end: number;
  /** blank lines before this unit (0: on the next line; -1: on the same line as the previous unit) */
  gap: number;
  /** the line starts with indentation */
  indent: boolean;
  /**
   * A hard-wrapped unit's later input lines: where each starts, as [index in `text`, offset in the
   * input]. Undefined for a unit of one line. A headline keeps its lines as printed (emitted apart).
   */
  wraps?: Array<[number, number]>;
}

export interface UnitsResult {
  units: Unit[];
  furniture: Furniture[];
}

const WS = '[ \\t\\u3000\\u00a0]';
/** Numbered item after a space run: …的公告 一、1987年… */
const LIST_ITEM_RE = /^[一二三四五六七八九十]{1,3}、/;
/** Characters after which a space run is a flattened paragraph boundary: …决心。 会场上… */
function endsSentence(body: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && CLOSERS.includes(body[i]!)) i--;
  return i >= 0 && SENTENCE_END.includes(body[i]!);
}
const isLineSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0;
/**
 * The runs of white space in a line, as [index, run] matches of a global `WS+` pattern would give
 * them, found by a loop: the pattern overflows V8's regexp stack on a run of millions of spaces.
 */
function* spaceRuns(body: string): Generator<{ index: number; 0: string }> {
  for (let i = 0; i < body.length; i++) {
    if (!isLineSpace(body.charCodeAt(i))) continue;
    let j = i + 1;
    while (j < body.length && isLineSpace(body.charCodeAt(j))) j++;
    yield { index: i, 0: body.slice(i, j) };
    i = j;
  }
}
const HAS_SPACE_RE = new RegExp(WS, 'u');
/** Longest space run kept inside a piece; column padding in real dumps stays under a hundred. */
const MAX_SPACE_RUN = 1000;
/** Fewest consecutive lines that can show a hard-wrapped layout. */
const MIN_WRAPPED_LINES = 8;
/** Longest headline segment accepted before an embedded dateline. */
const MAX_SEGMENT = 45;

/** The page's units; a profile's role words and outlets reach the search for a lead inside a line. */
export function toUnits(text: string, profile?: CompiledProfile): UnitsResult {
  const grammar = profile ? grammarOf(profile) : DEFAULT_GRAMMAR;
  const units: Unit[] = [];
  const furniture: Furniture[] = [];
  let gap = 0;
  const lines = text.includes('<') ? toLines(text).flatMap((l) => splitHtmlBreaks(l, furniture)) : toLines(text);
  for (const line of lines) {
    if (isBlank(line.text)) { gap++; continue; }
    // white space around the line (\s holds U+3000, U+00A0 and the BOM): loops, not /^\s*/ and /\s*$/
    // (the second retries at every position of an inner space run: quadratic)
    const t = line.text;
    let lead = 0;
    while (lead < t.length && isSpaceCode(t.charCodeAt(lead))) lead++;
    let start = line.offset + lead;
    let end = line.offset + trimmedEnd(t, lead);
    let body = text.slice(start, end);
    // furniture glued to the start of the line (第1版(要闻)专栏:, >>, ■)
    for (const rule of FURNITURE_PREFIXES) {
      if (!applies(rule, body)) continue;
      const m = rule.pattern.exec(headView(body));
      if (m && m[0].length > 0) {
        const piece = m[0].trimEnd();
        furniture.push({ kind: rule.kind, text: piece, line: line.no, offset: start });
        start += m[0].length;
        body = text.slice(start, end);
      }
    }
    for (const rule of FURNITURE_SUFFIXES) {
      if (!applies(rule, body)) continue;
      const m = tailMatch(rule.pattern, body);
      if (m && m.index > 0) {
        const piece = m[0].trim();
        furniture.push({ kind: rule.kind, text: piece, line: line.no, offset: start + m.index + m[0].indexOf(piece[0]!) });
        end = start + m.index;
        body = text.slice(start, end);
      }
    }
    if (!body) { gap = 0; continue; }
    let first = true;
    for (const [s, e] of cutLine(body, grammar)) {
      units.push({
        text: body.slice(s, e), line: line.no, offset: start + s, end: start + e,
        gap: first ? gap : -1, indent: first && lead > 0,
      });
      first = false;
    }
    gap = 0;
  }
  return { units: joinWrappedLines(units, text), furniture };
}

/**
 * Hard-wrapped columns: the page breaks every line at the column width and marks a new paragraph
 * (and each headline line) only by indenting it. There, a line that is not indented and follows
 * another directly continues it: the two are one unit, as printed before the wrap. A page is read
 * this way only when indented and unindented lines are both common among lines that follow each
 * other without a blank line; where every line is indented, or none, indentation says nothing.
 *
 * A wrapped line fills the column; the last line of a paragraph mostly does not. So a line shorter
 * than the page's column width by more than WRAP_SLACK ended its paragraph, and the flush line
 * under it (a headline set without indent, the next article's first line) starts a unit of its own
 * (de-wrapping as fmt and pdftotext do it). The width is the commonest length, in characters with the
 * indent, of the lines that an unindented line follows; a column wrapped by display width (Han two
 * columns, digits one) gives its full lines more characters, never fewer, so they stay full.
 */
function joinWrappedLines(units: Unit[], text: string): Unit[] {
  let consecutive = 0;
  let continuations = 0;
  let indented = 0;
  for (let i = 1; i < units.length; i++) {
    const u = units[i]!;
    if (u.gap !== 0) continue;
    consecutive++;
    if (u.indent) indented++;
    else continuations++;
  }
  if (consecutive < MIN_WRAPPED_LINES || continuations < consecutive * 0.3 || indented < consecutive * 0.1) return units;
  const widths = new Map<number, number>();
  for (let i = 1; i < units.length; i++) {
    const u = units[i]!;
    if (u.gap !== 0 || u.indent) continue;
    const w = lineWidth(text, units[i - 1]!.end);
    widths.set(w, (widths.get(w) ?? 0) + 1);
  }
  let column = 0;
  let best = 0;
  for (const [w, n] of widths) if (n > best || (n === best && w > column)) { column = w; best = n; }
  const out: Unit[] = [];
  let lastEnd = -1;
  for (const u of units) {
    const prev = out[out.length - 1];
    if (prev && u.gap === 0 && !u.indent && lineWidth(text, lastEnd) >= column - WRAP_SLACK && !standsAlone(u.text)) {
      const wraps: Array<[number, number]> = [...(prev.wraps ?? []), [prev.text.length, u.offset]];
      out[out.length - 1] = { ...prev, text: prev.text + text.slice(u.offset, u.end), end: u.end, wraps };
    } else out.push(u);
    lastEnd = u.end;
  }
  return out;
}

/** Kinds of furniture printed on a line of their own even flush under a full line: a jump line
 *  (（下转第6版）), an editor line, a page header that opens a page. A date alone or a section label
 *  may be the end of a wrapped sentence, so those are still joined. */
const ALONE_KINDS = new Set<FurnitureKind>(['jump', 'editor']);
function standsAlone(line: string): boolean {
  const rule = matchFurniture(line);
  return rule !== null && (ALONE_KINDS.has(rule.kind) || rule.opensPage === true);
}

/**
 * How many characters a line that ends short of the column may lack and still be full: a line
 * breaks a character early or late where a mark may not start the next one (kinsoku), or before
 * a number or a word that would not fit.
 */
const WRAP_SLACK = 3;

/** The length in characters (code points, the indent counted) of the line that ends at `end`. */
function lineWidth(text: string, end: number): number {
  let n = 0;
  for (let i = end - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) break;
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** A line cut at its HTML line breaks: pieces on the same line number, the tags reported as residue. */
function splitHtmlBreaks(line: Line, furniture: Furniture[]): Line[] {
  if (!line.text.includes('<')) return [line];
  const pieces: Line[] = [];
  let from = 0;
  for (const m of allMatches(HTML_BREAK_RE, line.text)) {
    pieces.push({ no: line.no, offset: line.offset + from, text: line.text.slice(from, m.index) });
    furniture.push({ kind: 'web-residue', text: m[0], line: line.no, offset: line.offset + m.index });
    from = m.index + m[0].length;
  }
  if (from === 0) return [line];
  const rest = line.text.slice(from);
  if (rest.trim()) pieces.push({ no: line.no, offset: line.offset + from, text: rest });
  // an empty piece between two breaks is no blank line of the page
  return pieces.filter((p, i) => i === 0 || p.text.trim() !== '');
}

/**
 * Glued furniture is short: its patterns read a long line's first or last VIEW characters only, so
 * their `\s*` runs never meet a line of millions of spaces (V8 overflows its regexp stack there).
 */
const VIEW = 600;
const headView = (body: string): string => (body.length > VIEW ? body.slice(0, VIEW) : body);
function tailMatch(re: RegExp, body: string): { index: number; 0: string } | null {
  if (body.length <= VIEW) return re.exec(body);
  const at = body.length - VIEW;
  const m = re.exec(body.slice(at));
  return m ? { index: m.index + at, 0: m[0] } : null;
}

/** Cut one line into [start, end) pieces: flattened headlines + dateline, paragraphs, numbered items. */
function cutLine(body: string, grammar: BylineGrammar): Array<[number, number]> {
  // Every cut below is at a space run; most lines (a paragraph as printed) have no space at all.
  // Skipping the scans then saves about a quarter of split()'s CPU (bench).
  if (!HAS_SPACE_RE.test(body)) {
    const e = trimmedEnd(body);
    return e > 0 ? [[0, e]] : [];
  }
  const cuts = new Set<number>();
  // 1. headline segments before an embedded dateline: 标题一 标题二 新华社北京4月8日电 …
  const leadAt = embeddedLeadPosition(body, grammar);
  if (leadAt > 0) {
    for (const m of spaceRuns(body.slice(0, leadAt))) cuts.add(m.index + m[0].length);
    cuts.add(leadAt);
  }
  // 2. paragraph boundaries flattened into spaces after a sentence end, and numbered items
  //    Space runs are found by a loop, not a `WS+` pattern: on a run of millions of spaces V8 keeps
  //    a backtrack entry per character and overflows its regexp stack (the reliability test).
  for (const m of spaceRuns(body)) {
    const end = m.index + m[0].length;
    // a run longer than any column's padding is a gap between pieces, not a word space: cutting
    // there keeps every later pattern (byline grammar, furniture) off runs of millions of spaces
    if (m[0].length > MAX_SPACE_RUN) cuts.add(m.index).add(end);
    if (end >= body.length || /\s/.test(body[end]!)) continue;
    if (endsSentence(body, m.index) || LIST_ITEM_RE.test(body.slice(end, end + 4))) cuts.add(end);
  }
  // 3. a flattened article (several paragraphs on the line) opens with its headline segments:
  //    二〇一九， 世界看好中国经济（外媒看中国） 当前，全球经济承压下行。…
  if (leadAt < 0 && cuts.size >= 2) for (const at of leadingSegments(body)) cuts.add(at);
  const points = [...cuts].filter((c) => c > 0 && c < body.length).sort((a, b) => a - b);
  const boxAt = quoteBoxHeadingEnd(body, points);
  if (boxAt > 0) points.unshift(boxAt);
  const out: Array<[number, number]> = [];
  let s = 0;
  for (const c of [...points, body.length]) {
    const e = trimmedEnd(body, s, c);
    if (e > s) out.push([s, e]);
    s = c;
  }
  return out;
}

/** Shortest heading cut off a quote box's first item (眾人眼中的他); shorter is a name's padding. */
const MIN_BOX_HEADING = 4;
/**
 * A quote box flattened into one line, its heading glued to the first item: 眾人眼中的他 張三 「…」
 * 李四 「…」. Where the line's pieces (cut at `points`) are speaker items from the second on, and the
 * first is a short heading, a space and an item, the heading ends where the item starts.
 */
function quoteBoxHeadingEnd(body: string, points: number[]): number {
  if (points.length === 0) return -1;
  // the first space run, found by the loop (a `\S+ WS+` pattern overflows on a long run)
  const run = spaceRuns(body).next();
  if (run.done || run.value.index >= points[0]!) return -1;
  const heading = body.slice(0, run.value.index);
  if (heading.length < MIN_BOX_HEADING || /\s/u.test(heading) || !looksLikeHeading(heading)) return -1;
  const end = Math.min(run.value.index + run.value[0].length, points[0]!);
  const first = body.slice(end, points[0]).trimEnd();
  const second = body.slice(points[0], points[1] ?? body.length).trimEnd();
  return isSpeakerItem(first) && isSpeakerItem(second) ? end : -1;
}

/** The ends of the short, unpunctuated segments that open a line, each followed by a space run. */
function leadingSegments(body: string): number[] {
  const out: number[] = [];
  let from = 0;
  for (const m of spaceRuns(body)) {
    if (m.index === 0) return out;
    const segment = body.slice(from, m.index);
    if (segment.length > MAX_SEGMENT || /[。！？!?；;]/u.test(segment)) return out;
    from = m.index + m[0].length;
    // a name before quoted words is a speaker item of a quote box (张三 「…」), not a deck line
    if (QUOTE_OPENING_RE.test(body.slice(from, from + 1))) return out;
    out.push(from);
    if (out.length >= MAX_LEADING_SEGMENTS) return out;
  }
  return out;
}
const QUOTE_OPENING_RE = /^[“「『"]/u;
/** A deck has at most a kicker, a title over two lines and two subtitles. */
const MAX_LEADING_SEGMENTS = 5;

/** Where a dateline lead starts inside a line that begins with space-separated headline segments. */
function embeddedLeadPosition(body: string, { parseLead }: BylineGrammar): number {
  if (body.length < 20) return -1;
  let checked = 0;
  for (const m of spaceRuns(body)) {
    const at = m.index + m[0].length;
    if (m.index === 0) return -1;
    // test only the text since the last space run: re-testing all of it each time is quadratic
    if (/[。！？!?]/u.test(body.slice(checked, m.index))) return -1;
    checked = m.index;
    const lead = parseLead(body.slice(at));
    if (lead && (lead.dateText || /讯|訊/u.test(lead.raw))) {
      const before = body.slice(0, m.index);
      let from = 0;
      for (const r of spaceRuns(before)) {
        if (r.index - from > MAX_SEGMENT) return -1;
        from = r.index + r[0].length;
      }
      return before.length - from <= MAX_SEGMENT ? at : -1;
    }
  }
  return -1;
}
