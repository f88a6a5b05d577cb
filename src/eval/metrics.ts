/**
 * The measures of the field, as pure functions on counts and sequences:
 *   - precision, recall and F1;
 *   - the longest common subsequence (paragraphs reproduced exactly and in order);
 *   - Pk (Beeferman, Berger & Lafferty 1999) and WindowDiff (Pevzner & Hearst 2002), two error rates
 *     of a segmentation (0 is perfect; lower is better).
 *
 * Segmentations are given as boundary sequences: for N units, N − 1 gaps, `true` where a segment
 * ends between unit i and unit i + 1. A window of size k spans k gaps (units i and i + k), so there
 * are N − k windows. Pk counts the windows where reference and hypothesis disagree on whether the two
 * ends lie in the same segment (any boundary inside); WindowDiff counts the windows where they
 * disagree on how many boundaries lie inside. Both are returned as counts, so pages can be summed
 * before dividing (micro-average), and as a rate.
 */

/** Errors and windows of one segmentation measure. */
export interface WindowCount {
  errors: number;
  windows: number;
}

/** n / d, or `ifEmpty` when there is nothing to divide (the conventions differ per metric: see evaluate.ts). */
export function ratio(n: number, d: number, ifEmpty: number): number {
  return d ? n / d : ifEmpty;
}

/** Harmonic mean of precision and recall; 0 when both are 0. */
export function f1(precision: number, recall: number): number {
  return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 from true positives, false positives and false negatives. */
export function prf(tp: number, fp: number, fn: number, ifEmpty = 1): PRF {
  const precision = ratio(tp, tp + fp, ifEmpty);
  const recall = ratio(tp, tp + fn, ifEmpty);
  return { precision, recall, f1: f1(precision, recall) };
}

/** Length of the longest common subsequence of two sequences of strings. */
export function lcs(a: readonly string[], b: readonly string[]): number {
  const dp = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let prev = 0;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = a[i - 1] === b[j - 1] ? prev + 1 : Math.max(dp[j]!, dp[j - 1]!);
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/** Boundaries of a labelling: one label (segment id) per unit; a boundary wherever the label changes. */
export function boundariesOf(labels: readonly unknown[]): boolean[] {
  const out: boolean[] = [];
  for (let i = 0; i + 1 < labels.length; i++) out.push(labels[i] !== labels[i + 1]);
  return out;
}

/** Boundaries from a string of 0/1 per gap, as in the literature and NLTK ("0100" → …). */
export function boundariesFromString(s: string): boolean[] {
  return [...s].map((c) => c === '1');
}

/**
 * k = half the mean reference segment length, in units, rounded half up, at least 1.
 * `gaps` is the reference boundary sequence (N − 1 gaps for N units).
 */
export function halfMeanSegment(gaps: readonly boolean[]): number {
  const units = gaps.length + 1;
  const segments = gaps.filter(Boolean).length + 1;
  return Math.max(1, Math.round(units / segments / 2));
}

function checkSameLength(ref: readonly boolean[], hyp: readonly boolean[]): void {
  if (ref.length !== hyp.length) throw new RangeError(`segmentations of different lengths: ${ref.length} and ${hyp.length} gaps`);
}

function boundariesIn(b: readonly boolean[], from: number, k: number): number {
  let n = 0;
  for (let i = from; i < from + k; i++) if (b[i]) n++;
  return n;
}

/** Pk: windows where reference and hypothesis disagree on "same segment". */
export function pkCount(ref: readonly boolean[], hyp: readonly boolean[], k: number): WindowCount {
  checkSameLength(ref, hyp);
  let errors = 0;
  let windows = 0;
  for (let i = 0; i + k <= ref.length; i++, windows++) {
    if ((boundariesIn(ref, i, k) > 0) !== (boundariesIn(hyp, i, k) > 0)) errors++;
  }
  return { errors, windows };
}

/** WindowDiff: windows where reference and hypothesis have different numbers of boundaries. */
export function windowDiffCount(ref: readonly boolean[], hyp: readonly boolean[], k: number): WindowCount {
  checkSameLength(ref, hyp);
  let errors = 0;
  let windows = 0;
  for (let i = 0; i + k <= ref.length; i++, windows++) {
    if (boundariesIn(ref, i, k) !== boundariesIn(hyp, i, k)) errors++;
  }
  return { errors, windows };
}

/** The error rate of a count; null when there was no window to judge (fewer units than k + 1). */
export function rate(c: WindowCount): number | null {
  return c.windows ? c.errors / c.windows : null;
}

export function pk(ref: readonly boolean[], hyp: readonly boolean[], k = halfMeanSegment(ref)): number | null {
  return rate(pkCount(ref, hyp, k));
}

export function windowDiff(ref: readonly boolean[], hyp: readonly boolean[], k = halfMeanSegment(ref)): number | null {
  return rate(windowDiffCount(ref, hyp, k));
}
