/**
 * Training the chain: an averaged structured perceptron (Collins 2002). For each page in turn,
 * decode with the current weights; where the decoded labels differ from the true ones, add the true
 * sequence's features and transitions and subtract the decoded one's. The averaged weights are what
 * is kept (they generalise far better than the last ones). Pages are visited in an order shuffled by
 * a seeded generator, so the same data and seed give the same weights bit for bit.
 */
import { emissionScores, viterbi, type ChainWeights } from './viterbi.js';
import { applyMask } from './labels.js';

export interface Sequence {
  features: Int32Array[];
  labels: Int32Array;
  /** labels each unit may take (labels.ts allowedLabels); decoding in training obeys it as at run time */
  mask?: Int32Array;
}

export interface TrainOptions {
  labels: number;
  features: number;
  allowed: Uint8Array;
  epochs?: number;
  seed?: number;
  /** start from these weights (adapting a shipped model to a user's pages) */
  init?: { emission: ArrayLike<number>; transition: ArrayLike<number> };
  /** called after each epoch with the number of pages decoded wrong */
  progress?: (epoch: number, wrongPages: number, wrongUnits: number) => void;
}

/** A small seeded generator (mulberry32): deterministic shuffles. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One perceptron update of weight k at time c, with its share of the average kept in `acc`. */
function bump(w: Float64Array, acc: Float64Array, k: number, by: number, c: number): void {
  w[k] = w[k]! + by;
  acc[k] = acc[k]! + by * c;
}

export function train(data: readonly Sequence[], o: TrainOptions): ChainWeights {
  const L = o.labels;
  const emission = new Float64Array(o.features * L);
  const transition = new Float64Array((L + 1) * L);
  if (o.init) { emission.set(o.init.emission); transition.set(o.init.transition); }
  // lazy averaging: sum of weights over time = w * t - (accumulated timestamped updates)
  const eAcc = new Float64Array(emission.length);
  const tAcc = new Float64Array(transition.length);
  const w: ChainWeights = { labels: L, emission, transition, allowed: o.allowed };
  const order = data.map((_, i) => i);
  const random = seeded(o.seed ?? 1);
  let c = 1;
  const epochs = o.epochs ?? 10;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [order[i], order[j]] = [order[j]!, order[i]!]; }
    let wrongPages = 0;
    let wrongUnits = 0;
    for (const k of order) {
      const { features, labels, mask } = data[k]!;
      const n = labels.length;
      if (n === 0) continue;
      const guess = viterbi(applyMask(emissionScores(features, w), mask), n, w);
      let wrong = false;
      for (let i = 0; i < n; i++) {
        const y = labels[i]!;
        const g = guess[i]!;
        const py = i === 0 ? L : labels[i - 1]!;
        const pg = i === 0 ? L : guess[i - 1]!;
        if (y !== g) {
          wrong = true;
          wrongUnits++;
          for (const f of features[i]!) {
            bump(emission, eAcc, f * L + y, 1, c);
            bump(emission, eAcc, f * L + g, -1, c);
          }
        }
        if (y !== g || py !== pg) {
          bump(transition, tAcc, py * L + y, 1, c);
          bump(transition, tAcc, pg * L + g, -1, c);
        }
      }
      if (wrong) wrongPages++;
      c++;
    }
    o.progress?.(epoch + 1, wrongPages, wrongUnits);
  }
  // averaged = w - acc / c
  const avgE = new Float64Array(emission.length);
  for (let k = 0; k < emission.length; k++) avgE[k] = emission[k]! - eAcc[k]! / c;
  const avgT = new Float64Array(transition.length);
  for (let k = 0; k < transition.length; k++) avgT[k] = transition[k]! - tAcc[k]! / c;
  return { labels: L, emission: avgE, transition: avgT, allowed: o.allowed };
}

/**
 * The mean of several trained chains' weights (parameter mixing: runs over other shuffles and other
 * generated pages, averaged, vary less from seed to seed than any one run does). The chains share
 * labels, features and the allowed transitions.
 */
export function averageWeights(runs: readonly ChainWeights[]): ChainWeights {
  if (runs.length === 0) throw new Error('averageWeights: no runs');
  const first = runs[0]!;
  const emission = new Float64Array(first.emission.length);
  const transition = new Float64Array(first.transition.length);
  for (const w of runs) {
    if (w.emission.length !== emission.length || w.transition.length !== transition.length) throw new Error('averageWeights: runs of different feature tables');
    for (let k = 0; k < emission.length; k++) emission[k] = emission[k]! + w.emission[k]! / runs.length;
    for (let k = 0; k < transition.length; k++) transition[k] = transition[k]! + w.transition[k]! / runs.length;
  }
  return { ...first, emission, transition };
}
