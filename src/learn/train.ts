/**
 * Training from gold pages: read each `X.gold.json` and its `X.txt`, cut the text into pages as the
 * command line does, parse each page into classified units, label them from the gold (align.ts),
 * and train the chain on the labelled pages (perceptron.ts). Used by `news-split train` (a user's
 * own pages, starting from the shipped weights) and by `npm run train` (the shipped model).
 */
import { readFileSync, statSync } from 'node:fs';
import { findGoldFiles } from '../read/gold-files.js';
import { join, dirname } from 'node:path';
import { decodeBuffer } from '../read/decode.js';
import { PageSplitter } from '../read/pages.js';
import { toUnits } from '../parse/units.js';
import { classifyUnit, type ClassifiedUnit } from '../parse/classify.js';
import { pageFeatures, FEATURE_COUNT } from './features.js';
import { jiebaLexicon } from '../lexicon/jieba.js';
import { alignPage, newAlignment, type GoldLike, type AlignStats } from './align.js';
import { train, averageWeights, type Sequence } from './perceptron.js';
export { averageWeights };
import { ALLOWED_TRANSITION, L, allowedLabels, maskedLabel } from './labels.js';
import type { ChainWeights } from './viterbi.js';

/** Every `*.gold.json` below the paths (folders, or gold files named one by one), in the scorer's order. */
export function goldFilesIn(paths: readonly string[]): string[] {
  return paths.flatMap((p) => (statSync(p).isDirectory() ? findGoldFiles(p) : p.endsWith('.gold.json') ? [p] : []));
}

export interface LabelledPage {
  file: string;
  units: ClassifiedUnit[];
  labels: Int32Array;
}

/** The pages of one gold file, each unit labelled. */
export function labelledPages(goldFile: string, stats?: AlignStats): LabelledPage[] {
  const gold = JSON.parse(readFileSync(goldFile, 'utf8')) as GoldLike & { input: string };
  const text = decodeBuffer(readFileSync(join(dirname(goldFile), gold.input))).text;
  const splitter = new PageSplitter(undefined, Infinity, []);
  const state = newAlignment();
  const out: LabelledPage[] = [];
  for (const page of [...splitter.push(text), ...splitter.end()]) {
    const units = toUnits(page.text).units.map((u) => classifyUnit(u));
    out.push({ file: goldFile, units, labels: alignPage(units, gold, state, stats) });
  }
  return out;
}

export function sequencesOf(pages: readonly LabelledPage[]): Sequence[] {
  return pages.map((p) => {
    const mask = allowedLabels(p.units);
    const labels = new Int32Array(p.labels.length);
    for (let i = 0; i < labels.length; i++) labels[i] = maskedLabel(p.labels[i]!, mask[i]!, i === 0 ? L : labels[i - 1]!);
    return { features: pageFeatures(p.units, jiebaLexicon()), labels, mask };
  });
}

export interface TrainRun {
  epochs?: number;
  seed?: number;
  init?: ChainWeights;
  progress?: (epoch: number, wrongPages: number, wrongUnits: number) => void;
}

export function trainOn(sequences: readonly Sequence[], run: TrainRun = {}): ChainWeights {
  return train(sequences, {
    labels: L, features: FEATURE_COUNT, allowed: ALLOWED_TRANSITION, epochs: run.epochs ?? 10, seed: run.seed ?? 1,
    init: run.init, progress: run.progress,
  });
}
