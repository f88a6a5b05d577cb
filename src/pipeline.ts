/**
 * The pipeline: text → units → classified units → article drafts → articles. This function is the
 * library API and what the command line runs; emitters only ever see its result.
 */
import { toUnits } from './parse/units.js';
import { classifyUnit } from './parse/classify.js';
import { segment, type ArticleDraft } from './transform/segment.js';
import { joinPieces } from './transform/repair.js';
import { readDeck } from './transform/title.js';
import { datelineFrom, resolveDate, pageDateFrom, parseDateOption } from './transform/dateline.js';
import { compileProfile, type CompiledProfile } from './knowledge/profile.js';
import { OWN_PAPER } from './knowledge/outlets.js';
import type { Article, Byline, Dateline, Furniture, SplitOptions, SplitResult } from './types.js';
import type { BylineFacts, TagFacts } from './transform/byline.js';

export function split(text: string, options: SplitOptions = {}): SplitResult {
  const file = options.file ?? 'stdin';
  const page = options.page ?? 1;
  const repair = options.repair ?? true;
  const warnings: string[] = [];

  const { units, furniture: cutFurniture } = toUnits(text);
  const profile = compileProfile(options.profile);
  const classified = units.map((u) => classifyUnit(u, profile));
  const { drafts, leftovers } = segment(classified);

  const furniture: Furniture[] = [
    ...cutFurniture,
    ...leftovers.map((u) => ({ kind: u.furnitureKind ?? 'unassigned', text: u.text, line: u.line, offset: u.offset }) as Furniture),
  ].sort((a, b) => a.offset - b.offset);

  let publication = options.date ? parseDateOption(options.date) : null;
  if (options.date && !publication) warnings.push(`--date ${options.date} is not YYYY, YYYY-MM or YYYY-MM-DD: ignored`);
  let pageDate: string | null = null;
  for (const f of furniture) {
    if (f.kind !== 'page-header' && f.kind !== 'editor' && f.kind !== 'web-residue') continue;
    const d = pageDateFrom(f.text);
    if (d) {
      pageDate = `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
      publication ??= { year: d.year, month: d.month };
      break;
    }
  }

  const articles = drafts.map((d, i) => buildArticle(d, i + 1, { file, page, repair, publication, profile }));
  return { articles, diagnostics: { furniture, warnings }, pageDate };
}

interface BuildContext {
  profile: CompiledProfile;
  file: string;
  page: number;
  repair: boolean;
  publication: { year: number; month: number | null } | null;
}

function buildArticle(d: ArticleDraft, index: number, ctx: BuildContext): Article {
  const { paragraphs, repairs } = joinPieces(d.pieces, ctx.repair);
  const deck = readDeck(d.headlines.map((h) => h.text));
  const facts: BylineFacts[] = d.lead ? [d.lead.facts, ...d.bylines] : d.bylines;
  const byline = mergeBylines(facts, ctx.profile.name);
  const warnings: string[] = [];
  for (const f of facts) if (f.rejected.length) warnings.push(`byline '${f.raw}': not taken as names: ${f.rejected.join(', ')}`);

  let dateline: Dateline | null = null;
  if (d.lead?.facts.dateText) dateline = datelineFrom(d.lead.facts.raw, d.lead.facts.place, false);
  // a dispatch that closes the article: …。（本报莫斯科5月5日电）
  const closing = d.bylines.find((b): b is TagFacts => 'dateText' in b && !!b.dateText);
  if (!dateline && closing) dateline = datelineFrom(closing.raw, closing.place ?? null, false);
  const first = paragraphs[0]?.text;
  if (!dateline && first) dateline = datelineFrom(first, d.lead?.facts.place ?? null, true);
  if (dateline) dateline = resolveDate(dateline, ctx.publication);

  // a loop, not Math.min(...spread): an article of 200,000 lines would overflow the call stack
  let startOffset = Infinity, endOffset = -Infinity, startLine = Infinity, endLine = -Infinity;
  for (const u of d.units) {
    if (u.offset < startOffset) startOffset = u.offset;
    if (u.end > endOffset) endOffset = u.end;
    if (u.line < startLine) startLine = u.line;
    if (u.line > endLine) endLine = u.line;
  }
  const id = ctx.page > 1 ? `${ctx.file}#p${ctx.page}-${index}` : `${ctx.file}#${index}`;
  return {
    id,
    index,
    title: deck.title,
    headlines: d.headlines.map((h) => h.text),
    kicker: deck.kicker,
    subtitles: deck.subtitles,
    byline,
    dateline,
    paragraphs: paragraphs.map((p) => p.text),
    repairs,
    warnings,
    source: {
      file: ctx.file,
      page: ctx.page,
      startLine,
      endLine,
      startOffset,
      endOffset,
    },
  };
}

/** Lead first, then byline lines, meta lines, credits and tags: the first outlet named wins. */
function mergeBylines(facts: BylineFacts[], paper: string | null): Byline {
  const b: Byline = { raw: null, source: null, reporters: [], correspondents: [], photographers: [], editors: [], agency: null };
  const raws: string[] = [];
  for (const f of facts) {
    if (f.raw) raws.push(f.raw);
    b.source ??= f.source;
    b.agency ??= f.agency;
    for (const role of ['reporters', 'correspondents', 'photographers', 'editors'] as const) {
      for (const n of f[role]) if (!b[role].includes(n)) b[role].push(n);
    }
  }
  // with a profile that names the paper, 本报 names it too
  if (!b.source && paper && raws.some((r) => OWN_PAPER.some((own) => r.replace(/^[(（【\[]/u, '').startsWith(own)))) b.source = paper;
  b.raw = raws.length ? raws.join('\n') : null;
  return b;
}
