/**
 * Article drafts → the document tree (model/tree.ts). The segmenter and the repairer decide; this
 * module only places what they found: each node gets its text and its position in the file, the
 * article its merged byline and its dateline. Nothing here changes a decision.
 */
import { joinPieces, type Piece as PieceDraft } from './repair.js';
import { readDeck, type Deck } from './title.js';
import { datelineFrom, resolveDate } from './dateline.js';
import type { ArticleDraft } from './segment.js';
import type { BylineFacts, TagFacts } from '../parse/byline.js';
import type { ClassifiedUnit } from '../parse/classify.js';
import type { CompiledProfile } from '../knowledge/profile.js';
import { OWN_PAPER } from '../knowledge/outlets.js';
import { emptyPeople, mergePeople } from '../knowledge/roles.js';
import { lineStarts } from '../read/lines.js';
import type { Lexicon } from '../lexicon/lexicon.js';
import type { Byline as BylineRecord, Dateline } from '../types.js';
import type {
  Article, ArticleContent, Byline, BylineKind, Message, Paragraph, Point, Position, Repair,
} from '../model/tree.js';

/** Page offsets → file points: the page's own line starts, placed from where the page starts. */
export interface Locator {
  point(offset: number): Point;
  span(start: number, end: number): Position;
  /** a page line (1-based) as a file line */
  line(pageLine: number): number;
  /** the span of `value` printed at `offset`: a hard-wrapped unit's text skips the line ends it crossed */
  place(offset: number, value: string): Position;
}

export function locator(text: string, start: Point): Locator {
  const starts = lineStarts(text);
  const point = (offset: number): Point => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const column = offset - starts[lo]! + 1 + (lo === 0 ? start.column - 1 : 0);
    return { line: start.line + lo, column, offset: start.offset + offset };
  };
  const end = (offset: number, value: string): number => {
    if (text.startsWith(value, offset)) return offset + value.length;
    let i = offset;
    for (let k = 0; k < value.length && i < text.length; i++) {
      if (text[i] === value[k]) k++;
      else if (!/[\r\n\u2028\u2029]/u.test(text[i]!)) break;
    }
    return i;
  };
  return {
    point,
    span: (s, e) => ({ start: point(s), end: point(e) }),
    line: (pageLine) => start.line + pageLine - 1,
    place: (offset, value) => ({ start: point(offset), end: point(end(offset, value)) }),
  };
}

export interface AssembleContext {
  profile: CompiledProfile;
  file: string;
  page: number;
  repair: boolean;
  /** the words break repair asks about */
  lexicon: Lexicon;
  publication: { year: number; month: number | null } | null;
  at: Locator;
  /** the unit each byline fact was read from (see bylineHolders) */
  holders: Map<BylineFacts, ClassifiedUnit>;
  /** the page's messages: article warnings are added here too */
  messages: Message[];
}

/** The unit each byline fact came from: the classifier hangs every fact on its unit. */
export function bylineHolders(units: readonly ClassifiedUnit[]): Map<BylineFacts, ClassifiedUnit> {
  const holders = new Map<BylineFacts, ClassifiedUnit>();
  for (const u of units) {
    for (const f of [u.lead, u.byline, u.credit, u.tag, u.meta]) if (f) holders.set(f, u);
  }
  return holders;
}

export function assembleArticle(d: ArticleDraft, index: number, ctx: AssembleContext): Article {
  const { at } = ctx;
  const id = ctx.page > 1 ? `${ctx.file}#p${ctx.page}-${index}` : `${ctx.file}#${index}`;
  const { paragraphs, repairs } = joinPieces(d.pieces, ctx.repair, ctx.lexicon);
  const deck = deckOf(d);
  const facts: BylineFacts[] = d.lead ? [d.lead.facts, ...d.bylines] : d.bylines;
  const all = d.units;
  // loops, not Math.min(...spread): an article of 200,000 lines would overflow the call stack
  let startOffset = Infinity, endOffset = -Infinity, startLine = Infinity, endLine = -Infinity;
  for (const u of all) {
    if (u.offset < startOffset) startOffset = u.offset;
    if (u.end > endOffset) endOffset = u.end;
    if (u.line < startLine) startLine = u.line;
    if (u.line > endLine) endLine = u.line;
  }
  const children: ArticleContent[] = [];

  if (d.headlines.length) {
    const heads = d.headlines.flatMap((h) => printedLines(h).map(([value, offset]) => ({ type: 'headline' as const, value, position: at.place(offset, value) })));
    children.push({ type: 'deck', children: heads, data: deck, position: { start: heads[0]!.position.start, end: heads[heads.length - 1]!.position.end } });
  }
  const warnings: string[] = [];
  for (const f of facts) {
    const place = bylinePlace(f, d, ctx, startOffset);
    if (f.raw) {
      if (d.lead && f === d.lead.facts) children.push({ type: 'lead', value: f.raw, position: place });
      else children.push({ type: 'byline', value: f.raw, data: { kind: bylineKind(f, ctx) }, position: place } satisfies Byline);
    }
    if (f.rejected.length) {
      const reason = `byline '${f.raw}': not taken as names: ${f.rejected.join(', ')}`;
      warnings.push(reason);
      ctx.messages.push({ reason, ruleId: 'byline-names', place, article: id });
    }
  }
  for (const p of paragraphNodes(d.pieces, paragraphs, repairs, at)) children.push(p);

  let dateline: Dateline | null = null;
  if (d.lead?.facts.dateText) dateline = datelineFrom(d.lead.facts.raw, d.lead.facts.place, false);
  // a dispatch that closes the article: …。（本报莫斯科5月5日电）
  const closing = d.bylines.find((b): b is TagFacts => 'dateText' in b && !!b.dateText);
  if (!dateline && closing) dateline = datelineFrom(closing.raw, closing.place ?? null, false);
  const first = paragraphs[0]?.text;
  if (!dateline && first) dateline = datelineFrom(first, d.lead?.facts.place ?? null, true);
  if (dateline) dateline = resolveDate(dateline, ctx.publication);

  return {
    type: 'article',
    children,
    data: {
      id, index, byline: mergeBylines(facts, ctx.profile.name), dateline, warnings,
      lines: { start: at.line(startLine), end: at.line(endLine) },
    },
    position: at.span(startOffset, endOffset),
  };
}

/** Paragraph nodes with their pieces, and each repair between the two pieces it joined. */
function paragraphNodes(pieces: PieceDraft[], paragraphs: ReturnType<typeof joinPieces>['paragraphs'], repairs: ReturnType<typeof joinPieces>['repairs'], at: Locator): Paragraph[] {
  const out: Paragraph[] = [];
  let r = 0;
  let k = -1;
  for (const p of pieces) {
    const next = paragraphs[k + 1];
    const joined = r < repairs.length && repairs[r]!.offset === p.offset && k >= 0;
    if (!joined && next && next.offset === p.offset) {
      k++;
      out.push({ type: 'paragraph', value: next.text, children: [], position: at.span(next.offset, next.end) });
    }
    const cur = out[out.length - 1]!;
    if (joined) {
      const rec = repairs[r++]!;
      const here = at.point(p.offset);
      const end = rec.dropped ? at.point(p.offset + rec.dropped.length) : here;
      const node: Repair = { type: 'repair', data: { ...rec, line: here.line, offset: here.offset }, position: { start: here, end } };
      cur.children.push(node);
    }
    cur.children.push({ type: 'piece', value: p.text, position: at.place(p.offset, p.text) });
  }
  return out;
}

function bylineKind(f: BylineFacts, ctx: AssembleContext): BylineKind {
  const u = ctx.holders.get(f);
  if (!u) return 'line';
  if (u.tag === f) return 'tag';
  if (u.credit === f) return 'credit';
  if (u.meta === f) return 'meta';
  return 'line';
}

/** Where a byline text stands: in the unit it was read from, else in a unit of the article that holds it. */
function bylinePlace(f: BylineFacts, d: ArticleDraft, ctx: AssembleContext, fallback: number): Position {
  const holder = ctx.holders.get(f) ?? d.units.find((u) => f.raw && u.text.includes(f.raw));
  if (!holder) return ctx.at.span(fallback, fallback);
  const from = 'start' in f && typeof f.start === 'number' ? f.start : 0;
  let i = f.raw ? holder.text.indexOf(f.raw, from) : -1;
  if (i < 0 && f.raw) i = holder.text.indexOf(f.raw);
  if (i < 0) return ctx.at.span(holder.offset, holder.end);
  return ctx.at.place(holder.offset + i, f.raw);
}

/** Lead first, then byline lines, meta lines, credits and tags: the first outlet named wins. */
function mergeBylines(facts: BylineFacts[], paper: string | null): Omit<BylineRecord, 'raw'> {
  // the record's order: source, the roles, agency
  const b: Omit<BylineRecord, 'raw'> = Object.assign({ source: null }, emptyPeople(), { agency: null });
  const raws: string[] = [];
  for (const f of facts) {
    if (f.raw) raws.push(f.raw);
    b.source ??= f.source;
    b.agency ??= f.agency;
    mergePeople(b, f);
  }
  // with a profile that names the paper, 本报 names it too
  if (!b.source && paper && raws.some((r) => OWN_PAPER.some((own) => r.replace(/^[(（【\[]/u, '').startsWith(own)))) b.source = paper;
  return b;
}

type DeckRole = 'kicker' | 'title' | 'subtitle';

/**
 * The deck: each headline unit's role as the structure model labelled it, else as the rules read it
 * (readDeck keeps its kickers first and its subtitles last); the title lines joined, the kickers and
 * subtitles line by line as printed.
 */
function deckOf(d: ArticleDraft): Deck {
  const units = d.headlines;
  let roles: DeckRole[] | undefined = d.deck;
  if (!roles) {
    const read = readDeck(units.map((h) => h.text));
    const kickers = read.kicker.length;
    const titleEnd = units.length - read.subtitles.length;
    roles = units.map((_, k) => (k < kickers ? 'kicker' : k < titleEnd ? 'title' : 'subtitle'));
  }
  const lines = (role: DeckRole): string[] => units.flatMap((h, k) => (roles[k] === role ? printedLines(h).map(([v]) => v) : []));
  let title = lines('title').join('');
  const kicker = lines('kicker');
  let subtitles = lines('subtitle');
  // a deck labelled without a title line: its first subtitle stands for it
  const first = roles.indexOf('subtitle');
  if (!title && first >= 0) {
    title = units[first]!.text;
    subtitles = subtitles.slice(printedLines(units[first]!).length);
  }
  return { title, kicker, subtitles };
}

/**
 * A headline unit's lines as printed, each with its offset in the page: a hard-wrapped column that
 * breaks a long headline over two lines gives two headline lines (the convention: every headline line
 * as written), though the de-wrap read them as one unit.
 */
function printedLines(h: ClassifiedUnit): Array<[string, number]> {
  if (!h.wraps) return [[h.text, h.offset]];
  const out: Array<[string, number]> = [];
  let from = 0;
  let offset = h.offset;
  for (const [at, next] of h.wraps) {
    out.push([h.text.slice(from, at), offset]);
    from = at;
    offset = next;
  }
  out.push([h.text.slice(from), offset]);
  return out;
}
