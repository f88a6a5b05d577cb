/**
 * The eval report: a table for people, JSON for programs. Both carry the same metrics by the same
 * names (the names that --min/--max take).
 */
import { BYLINE_FIELDS } from './gold.js';
import type { Metrics, PageResult } from './evaluate.js';

export interface EvalReport {
  /** the split options the pages were split with */
  options: Record<string, unknown>;
  metrics: Metrics;
  files: PageResult[];
}

export function reportJson(r: EvalReport): string {
  const files = r.files.map((f) => {
    const c = f.counts;
    return {
      file: f.file, gold: c.gold, predicted: c.pred, matched: c.matched, perfect: c.perfect, k: f.k,
      pk: c.pk.windows ? c.pk.errors / c.pk.windows : null,
      windowdiff: c.windowDiff.windows ? c.windowDiff.errors / c.windowDiff.windows : null,
      misses: f.misses,
    };
  });
  return `${JSON.stringify({ options: r.options, metrics: r.metrics, files }, null, 2)}\n`;
}

const num = (x: number | null | undefined): string => (x == null ? '-' : Number.isInteger(x) ? String(x) : x.toFixed(3));
const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - s.length));
const lpad = (s: string, n: number): string => ' '.repeat(Math.max(0, n - s.length)) + s;

export function reportTable(r: EvalReport, verbose = false): string {
  const M = r.metrics;
  const rows: string[][] = [['', 'precision', 'recall', 'F1', '']];
  const prfRow = (label: string, key: string, note: string): void => {
    rows.push([label, num(M[`${key}_precision`]), num(M[`${key}_recall`]), num(M[`${key}_f1`]), note]);
  };
  prfRow('articles', 'article', `${num(M.matched_articles)} matched of ${num(M.gold_articles)} gold, ${num(M.predicted_articles)} predicted`);
  prfRow('byline', 'byline', '(field, name) pairs');
  for (const f of BYLINE_FIELDS) prfRow(`  ${f}`, `byline_${f}`, '');
  prfRow('paragraphs', 'paragraph', 'reproduced exactly, in order');
  prfRow('repairs', 'repair', `${num(M.gold_joins)} gold joins, ${num(M.predicted_repairs)} repairs made`);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  const lines = rows.map((row) => [pad(row[0]!, widths[0]!), ...[1, 2, 3].map((i) => lpad(row[i]!, Math.max(widths[i]!, 6))), row[4]].join('  ').trimEnd());

  const single = (label: string, value: string, note: string): string => `${pad(label, 14)}${lpad(value, 6)}  ${note}`;
  const out = [
    `news-split eval: ${num(M.files)} files (${Object.entries(r.options).map(([k, v]) => `${k}=${String(v)}`).join(', ')})`,
    '',
    ...lines,
    '',
    single('headlines', num(M.headlines), 'gold articles matched with exactly the gold headline lines'),
    single('title', num(M.title), 'matched articles with the gold title'),
    single('perfect', num(M.perfect), 'gold articles right in every field'),
    single('Pk', num(M.pk), 'segmentation error over gold paragraphs (lower is better)'),
    single('WindowDiff', num(M.windowdiff), 'segmentation error over gold paragraphs (lower is better)'),
    single('noise leaks', num(M.noise_leaks), 'gold noise strings kept in articles'),
  ];
  if (M.failures) out.push(single('failures', num(M.failures), 'inputs that could not be read'));
  if (M.unlocated_paragraphs) out.push(single('unlocated', num(M.unlocated_paragraphs), 'gold paragraphs not found in their input (no joins derived)'));
  if (verbose) {
    for (const f of r.files) {
      if (!f.misses.length) continue;
      out.push('', `${f.file}: ${f.counts.matched}/${f.counts.gold} matched, ${f.counts.pred} predicted`);
      for (const m of f.misses) out.push(`  ${m}`);
    }
  }
  return `${out.join('\n')}\n`;
}
