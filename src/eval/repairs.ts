/**
 * Break repairs judged against the gold. The gold does not list joins; they follow from it:
 *
 *   A gold paragraph is located in the input as a chain of pieces: the first piece ends a line (or
 *   holds the whole paragraph: then there is nothing to join), every later piece is a whole line
 *   (the last one may stop before the line ends), and lines in between (blank lines, page headers,
 *   credits, other articles' text) are skipped. Each piece after the first is one **gold join**, at
 *   the 1-based line where that piece starts. Where the line starts with a copy of the character
 *   before the break (…融合 / 合、…), the gold join is a `duplicate` one.
 *
 * Texts are compared after NFKC with white space removed, like everything in the eval. A predicted
 * repair (`Article.repairs[]`, any article) is correct when a gold join is at its `line` (the line of
 * the text after the break); each gold join counts once. Gold paragraphs that cannot be located this
 * way (text the gold rewrote, pieces out of order) give no joins and are counted as `unlocated`.
 */
import { toLines } from '../read/lines.js';
import { normText } from './match.js';
import type { GoldArticle } from './gold.js';
import type { Repair } from '../types.js';

export interface GoldJoin {
  /** 1-based line of the text after the break */
  line: number;
  duplicate: boolean;
  /** normalised text just before and after the break */
  before: string;
  after: string;
  /** 0-based gold article and paragraph */
  article: number;
  paragraph: number;
}

export interface GoldJoins {
  joins: GoldJoin[];
  unlocated: Array<{ article: number; paragraph: number }>;
}

interface Located {
  joins: Array<Omit<GoldJoin, 'article' | 'paragraph'>>;
  /** line index where the paragraph's last piece is */
  last: number;
}

/** Lengths m (longest first) such that `line` ends with the first m characters of `para`. */
function overhangs(line: string, para: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const m = line.length - i;
    if (m < para.length && para.startsWith(line.slice(i))) out.push(m);
  }
  return out;
}

/** Follow the paragraph from position `pos` over the lines after `li`; greedy: nearest fitting line. */
function follow(lines: readonly string[], para: string, pos: number, li: number): Located | null {
  const joins: Located['joins'] = [];
  while (pos < para.length) {
    const rest = para.slice(pos);
    let next = -1;
    let dup = false;
    for (let lj = li + 1; lj < lines.length && next < 0; lj++) {
      const l = lines[lj]!;
      if (!l) continue;
      const fits = (s: string): boolean => s.length > 0 && (s.startsWith(rest) || (rest.startsWith(s) && (s.length >= 2 || lj === li + 1)));
      if (fits(l)) next = lj;
      else if (l[0] === para[pos - 1] && fits(l.slice(1))) { next = lj; dup = true; }
    }
    if (next < 0) return null;
    const l = lines[next]!;
    const body = dup ? l.slice(1) : l;
    joins.push({ line: next, duplicate: dup, before: para.slice(Math.max(0, pos - 6), pos), after: body.slice(0, 6) });
    pos += Math.min(body.length, rest.length);
    li = next;
  }
  return { joins, last: li };
}

function locate(lines: readonly string[], para: string, from: number): Located | null {
  for (let li = from; li < lines.length; li++) {
    const l = lines[li]!;
    if (!l) continue;
    if (l.includes(para)) return { joins: [], last: li };
    for (const m of overhangs(l, para)) {
      const r = follow(lines, para, m, li);
      if (r) return r;
    }
  }
  return null;
}

/** The joins that the gold paragraphs imply in this input (see the file comment). */
export function goldJoins(text: string, articles: readonly GoldArticle[]): GoldJoins {
  const inputLines = toLines(text);
  const lines = inputLines.map((l) => normText(l.text));
  const out: GoldJoins = { joins: [], unlocated: [] };
  let cursor = 0;
  articles.forEach((a, ai) => { a.paragraphs.forEach((p, pi) => {
    const para = normText(p);
    if (!para) return;
    const found = locate(lines, para, cursor) ?? (cursor > 0 ? locate(lines, para, 0) : null);
    if (!found) { out.unlocated.push({ article: ai, paragraph: pi }); return; }
    for (const j of found.joins) out.joins.push({ ...j, line: inputLines[j.line]!.no, article: ai, paragraph: pi });
    cursor = found.last;
  }); });
  return out;
}

export interface RepairScore {
  tp: number;
  fp: number;
  fn: number;
  /** gold joins that no predicted repair made */
  missed: GoldJoin[];
  /** predicted repairs at a line where the gold has no join */
  wrong: Repair[];
  unlocated: number;
}

/** Compare predicted repairs with the gold joins, one-to-one by line. */
export function scoreRepairs(gold: GoldJoins, predicted: readonly Repair[]): RepairScore {
  const open = new Map<number, GoldJoin[]>();
  for (const j of gold.joins) open.set(j.line, [...(open.get(j.line) ?? []), j]);
  const wrong: Repair[] = [];
  let tp = 0;
  for (const r of predicted) {
    const at = open.get(r.line);
    if (at?.length) { at.shift(); tp++; } else wrong.push(r);
  }
  const missed = [...open.values()].flat().sort((a, b) => a.line - b.line);
  return { tp, fp: wrong.length, fn: missed.length, missed, wrong, unlocated: gold.unlocated.length };
}
