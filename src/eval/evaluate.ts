/**
 * Scoring one page's predicted articles against its gold, and summing pages into the metrics.
 * Article matching, headlines, title, byline, paragraphs, perfect and noise follow the project's
 * external scorer (../shared/eval/score.mjs) exactly, so both print the same numbers; segmentation
 * (Pk, WindowDiff) and break repairs are this module's own (see metrics.ts and repairs.ts).
 *
 * Counts are micro-averaged: every page adds its counts, the rates are computed once at the end.
 * Conventions when nothing was there to count (kept from the scorer): article and paragraph
 * precision/recall are 0, byline and repair precision/recall are 1, Pk/WindowDiff are null.
 */
import { BYLINE_FIELDS, type BylineField, type GoldArticle, type GoldPage } from './gold.js';
import { matchArticles, normList, normText, assignUnits } from './match.js';
import { lcs, ratio, f1, prf, boundariesOf, halfMeanSegment, pkCount, windowDiffCount, rate, type WindowCount } from './metrics.js';
import { goldJoins, scoreRepairs } from './repairs.js';
import type { Article } from '../types.js';

/** What the eval reads of a predicted article: the library's Article or a hand-built one in tests. */
export interface PredictedArticle {
  headlines?: string[];
  title?: string | null;
  byline?: Partial<Record<BylineField, string | string[] | null>> | null;
  paragraphs?: string[];
  repairs?: Article['repairs'];
}

export interface FieldCount { tp: number; fp: number; fn: number }

/** The counts of one page (or of many, summed). */
export interface Counts {
  files: number;
  failures: number;
  gold: number;
  pred: number;
  matched: number;
  headlines: number;
  title: number;
  titled: number;
  byline: Record<BylineField, FieldCount>;
  paraTP: number;
  paraGold: number;
  paraPred: number;
  perfect: number;
  noiseLeaks: number;
  pk: WindowCount;
  windowDiff: WindowCount;
  repairs: FieldCount;
  unlocated: number;
}

export interface PageResult {
  file: string;
  counts: Counts;
  /** the window size used for Pk and WindowDiff on this page */
  k: number;
  /** one line per problem, for --verbose */
  misses: string[];
}

export function emptyCounts(): Counts {
  const byline = Object.fromEntries(BYLINE_FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<BylineField, FieldCount>;
  return {
    files: 0, failures: 0, gold: 0, pred: 0, matched: 0, headlines: 0, title: 0, titled: 0, byline,
    paraTP: 0, paraGold: 0, paraPred: 0, perfect: 0, noiseLeaks: 0,
    pk: { errors: 0, windows: 0 }, windowDiff: { errors: 0, windows: 0 }, repairs: { tp: 0, fp: 0, fn: 0 }, unlocated: 0,
  };
}

export function addCounts(into: Counts, c: Counts): Counts {
  for (const k of ['files', 'failures', 'gold', 'pred', 'matched', 'headlines', 'title', 'titled', 'paraTP', 'paraGold', 'paraPred', 'perfect', 'noiseLeaks', 'unlocated'] as const) into[k] += c[k];
  for (const f of BYLINE_FIELDS) for (const k of ['tp', 'fp', 'fn'] as const) into.byline[f][k] += c.byline[f][k];
  for (const k of ['tp', 'fp', 'fn'] as const) into.repairs[k] += c.repairs[k];
  for (const m of ['pk', 'windowDiff'] as const) { into[m].errors += c[m].errors; into[m].windows += c[m].windows; }
  return into;
}

/** The (field, value) pairs of a byline, for the fields that the gold article labels. */
function bylinePairs(byline: PredictedArticle['byline'], gold: GoldArticle): Map<BylineField, Set<string>> {
  const out = new Map<BylineField, Set<string>>();
  for (const f of BYLINE_FIELDS) {
    if (!(f in gold.byline)) continue; // the gold says nothing of this field
    out.set(f, new Set(normList(byline?.[f] ?? null)));
  }
  return out;
}

const short = (s: string | undefined): string => normText(s).slice(0, 20);

/**
 * Score one page. `text` is the decoded input (for the gold joins); null when it could not be read
 * (the page then counts as a failure with no predicted article).
 */
export function evaluatePage(gold: GoldPage, pred: readonly PredictedArticle[], text: string | null): PageResult {
  const c = emptyCounts();
  const misses: string[] = [];
  c.files = 1;
  if (text === null) c.failures = 1;
  const G = gold.articles;
  const m = matchArticles(G, pred);
  c.gold = G.length;
  c.pred = pred.length;
  c.matched = m.goldToPred.size;

  G.forEach((g, i) => {
    const gp = normList(g.paragraphs);
    c.paraGold += gp.length;
    const gb = bylinePairs(g.byline, g);
    const j = m.goldToPred.get(i);
    if (j === undefined) {
      misses.push(`unmatched gold article ${i + 1}: ${short(g.headlines[0] ?? g.paragraphs[0])}`);
      for (const [f, vs] of gb) c.byline[f].fn += vs.size;
      return;
    }
    const p = pred[j]!;
    const pp = normList(p.paragraphs);
    const hl = JSON.stringify(normList(g.headlines)) === JSON.stringify(normList(p.headlines));
    const ti = g.title === null || normText(g.title) === normText(p.title);
    if (g.title !== null) { c.titled++; if (ti) c.title++; }
    if (hl) c.headlines++;
    const pb = bylinePairs(p.byline, g);
    let bylineExact = true;
    for (const [f, gv] of gb) {
      const pv = pb.get(f)!;
      let tp = 0;
      for (const v of pv) if (gv.has(v)) tp++;
      c.byline[f].tp += tp;
      c.byline[f].fp += pv.size - tp;
      c.byline[f].fn += gv.size - tp;
      if (tp !== gv.size || tp !== pv.size) bylineExact = false;
    }
    const common = lcs(gp, pp);
    c.paraTP += common;
    const parasExact = common === gp.length && gp.length === pp.length;
    if (hl && ti && bylineExact && parasExact) c.perfect++;
    else {
      const what = [
        !hl && 'headlines', !ti && 'title', !bylineExact && 'byline',
        !parasExact && `paragraphs ${common}/${gp.length} (pred ${pp.length})`,
      ].filter(Boolean);
      misses.push(`article ${i + 1}: ${what.join(', ')}`);
    }
  });
  pred.forEach((p, j) => {
    c.paraPred += normList(p.paragraphs).length;
    if (!m.predToGold.has(j)) misses.push(`unmatched predicted article ${j + 1}: ${short(p.headlines?.[0] ?? p.paragraphs?.[0])}`);
  });

  // a noise string leaks when it stands as a whole paragraph or headline, or (4+ characters) inside one
  const leaks = (x: string, n: string): boolean => x === n || (n.length >= 4 && x.includes(n));
  for (const n of normList(gold.noise)) {
    if (pred.some((p) => [...normList(p.paragraphs), ...normList(p.headlines)].some((x) => leaks(x, n)))) {
      c.noiseLeaks++;
      misses.push(`noise kept: ${n}`);
    }
  }

  const k = segmentation(G, pred, c);
  if (c.pk.windows && c.pk.errors) misses.push(`segmentation: Pk ${fmt(rate(c.pk))}, WindowDiff ${fmt(rate(c.windowDiff))} (k = ${k})`);

  if (text !== null) {
    const joins = goldJoins(text, G);
    const r = scoreRepairs(joins, pred.flatMap((p) => p.repairs ?? []));
    c.repairs = { tp: r.tp, fp: r.fp, fn: r.fn };
    c.unlocated = r.unlocated;
    for (const j of r.missed) misses.push(`join missed at line ${j.line}: …${j.before} / ${j.after}…${j.duplicate ? ' (duplicated character)' : ''}`);
    for (const w of r.wrong) misses.push(`wrong join at line ${w.line}: …${w.before} / ${w.after}…`);
    for (const u of joins.unlocated) misses.push(`gold paragraph not found in the input: article ${u.article + 1} paragraph ${u.paragraph + 1}`);
  }
  return { file: gold.input, counts: c, k, misses };
}

const fmt = (x: number | null): string => (x === null ? '-' : x.toFixed(3));

/**
 * Units and labels for Pk / WindowDiff. Units are the gold paragraphs in order (a gold article
 * without paragraphs is one unit of its headlines); the gold label of a unit is its gold article,
 * the predicted label is the predicted article holding its text (match.ts `assignUnits`).
 * Returns k; adds the window counts to `c`.
 */
function segmentation(gold: readonly GoldArticle[], pred: readonly PredictedArticle[], c: Counts): number {
  const units: string[] = [];
  const goldLabels: number[] = [];
  gold.forEach((g, i) => {
    const paras = normList(g.paragraphs);
    const own = paras.length ? paras : [normText(g.headlines.join(''))].filter(Boolean);
    for (const u of own) { units.push(u); goldLabels.push(i); }
  });
  const predLabels = pred.length ? assignUnits(units, pred) : units.map(() => -1);
  const ref = boundariesOf(goldLabels);
  const hyp = boundariesOf(predLabels);
  const k = halfMeanSegment(ref);
  c.pk = pkCount(ref, hyp, k);
  c.windowDiff = windowDiffCount(ref, hyp, k);
  return k;
}

/** The metrics, by the names that reports, JSON output and --min/--max use. */
export type Metrics = Record<string, number | null>;

/** Metrics where lower is better (error rates and counts of errors): bounded with --max. */
export const LOWER_IS_BETTER = new Set(['pk', 'windowdiff', 'noise_leaks', 'failures', 'unlocated_paragraphs']);

export function metricsOf(c: Counts): Metrics {
  const ap = ratio(c.matched, c.pred, 0);
  const ar = ratio(c.matched, c.gold, 0);
  const all = { tp: 0, fp: 0, fn: 0 };
  for (const f of BYLINE_FIELDS) for (const k of ['tp', 'fp', 'fn'] as const) all[k] += c.byline[f][k];
  const b = prf(all.tp, all.fp, all.fn, 1);
  const pp = ratio(c.paraTP, c.paraPred, 0);
  const pr = ratio(c.paraTP, c.paraGold, 0);
  const rp = prf(c.repairs.tp, c.repairs.fp, c.repairs.fn, 1);
  const M: Metrics = {
    files: c.files, failures: c.failures,
    gold_articles: c.gold, predicted_articles: c.pred, matched_articles: c.matched,
    article_precision: ap, article_recall: ar, article_f1: f1(ap, ar),
    pk: rate(c.pk), windowdiff: rate(c.windowDiff),
    headlines: ratio(c.headlines, c.gold, 0),
    title: ratio(c.title, c.titled, 0),
    byline_precision: b.precision, byline_recall: b.recall, byline_f1: b.f1,
  };
  for (const f of BYLINE_FIELDS) {
    const r = prf(c.byline[f].tp, c.byline[f].fp, c.byline[f].fn, 1);
    M[`byline_${f}_precision`] = r.precision;
    M[`byline_${f}_recall`] = r.recall;
    M[`byline_${f}_f1`] = r.f1;
  }
  Object.assign(M, {
    paragraph_precision: pp, paragraph_recall: pr, paragraph_f1: f1(pp, pr),
    perfect: ratio(c.perfect, c.gold, 0), noise_leaks: c.noiseLeaks,
    gold_joins: c.repairs.tp + c.repairs.fn, predicted_repairs: c.repairs.tp + c.repairs.fp,
    repair_precision: rp.precision, repair_recall: rp.recall, repair_f1: rp.f1,
    unlocated_paragraphs: c.unlocated,
  });
  return M;
}
