/**
 * Linear-chain decoding: the best label sequence under per-unit feature weights and label-to-label
 * transition weights (Viterbi). Knows nothing of newspapers: labels are numbers, the transitions the
 * print order forbids are given as a 0/1 table.
 */
export interface ChainWeights {
  /** labels */
  labels: number;
  /** emission weights, feature-major: w[feature * labels + label] */
  emission: Float64Array | Float32Array;
  /** transition weights, (from, to); from = labels is the start of the sequence */
  transition: Float64Array | Float32Array;
  /** 1 where a transition is allowed, same layout as `transition` */
  allowed: Uint8Array;
}

/** Per-unit scores: score[i * labels + y] = sum of the unit's feature weights for label y. */
export function emissionScores(features: readonly Int32Array[], w: ChainWeights): Float64Array {
  const L = w.labels;
  const s = new Float64Array(features.length * L);
  for (let i = 0; i < features.length; i++) {
    const f = features[i]!;
    for (let k = 0; k < f.length; k++) {
      const base = f[k]! * L;
      for (let y = 0; y < L; y++) s[i * L + y] = s[i * L + y]! + w.emission[base + y]!;
    }
  }
  return s;
}

/**
 * Adds one unit's feature weights to its scores, scores[i * labels + y]: as emissionScores does, in
 * the same order, so the sums are the same to the bit.
 */
export function addEmission(ids: Int32Array, w: ChainWeights, s: Float64Array, i: number): void {
  const L = w.labels;
  const e = w.emission;
  const o = i * L;
  if (L !== 6) {
    for (let k = 0; k < ids.length; k++) {
      const base = ids[k]! * L;
      for (let y = 0; y < L; y++) s[o + y] = s[o + y]! + e[base + y]!;
    }
    return;
  }
  // six labels (learn/labels.ts): the sums in locals
  let s0 = s[o]!, s1 = s[o + 1]!, s2 = s[o + 2]!, s3 = s[o + 3]!, s4 = s[o + 4]!, s5 = s[o + 5]!;
  for (let k = 0; k < ids.length; k++) {
    const b = ids[k]! * 6;
    s0 += e[b]!; s1 += e[b + 1]!; s2 += e[b + 2]!; s3 += e[b + 3]!; s4 += e[b + 4]!; s5 += e[b + 5]!;
  }
  s[o] = s0; s[o + 1] = s1; s[o + 2] = s2; s[o + 3] = s3; s[o + 4] = s4; s[o + 5] = s5;
}

/** The highest-scoring allowed label sequence (ties go to the lower label: deterministic). */
export function viterbi(scores: Float64Array, n: number, w: ChainWeights): Int32Array {
  const L = w.labels;
  const out = new Int32Array(n);
  if (n === 0) return out;
  const best = new Float64Array(n * L).fill(-Infinity);
  const back = new Int32Array(n * L);
  for (let y = 0; y < L; y++) if (w.allowed[L * L + y]) best[y] = w.transition[L * L + y]! + scores[y]!;
  for (let i = 1; i < n; i++) {
    for (let y = 0; y < L; y++) {
      let top = -Infinity;
      let arg = 0;
      for (let x = 0; x < L; x++) {
        if (!w.allowed[x * L + y]) continue;
        const v = best[(i - 1) * L + x]! + w.transition[x * L + y]!;
        if (v > top) { top = v; arg = x; }
      }
      best[i * L + y] = top + scores[i * L + y]!;
      back[i * L + y] = arg;
    }
  }
  let y = 0;
  for (let k = 1; k < L; k++) if (best[(n - 1) * L + k]! > best[(n - 1) * L + y]!) y = k;
  for (let i = n - 1; i >= 0; i--) { out[i] = y; y = back[i * L + y]!; }
  return out;
}
