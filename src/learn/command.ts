/**
 * `news-split train GOLD… -o FILE`: read the gold pages, label their units, train, write the model.
 * Exit codes as elsewhere: 0 trained, 1 a gold page could not be read, 2 usage (no pages, bad model).
 */
import { writeFileSync } from 'node:fs';
import { goldFilesIn, labelledPages, sequencesOf, trainOn, type LabelledPage } from './train.js';
import { readModel, shippedModel, serializeModel, SHIPPED_MODEL_FILE } from './model.js';
import type { AlignStats } from './align.js';
import type { StructureModel } from '../types.js';
import type { TrainRequest } from './options.js';

export async function runTrain(r: TrainRequest): Promise<number> {
  const say = (m: string): void => { if (!r.quiet) process.stderr.write(`news-split train: ${m}\n`); };
  const fail = (m: string, code: number): number => { process.stderr.write(`news-split train: error: ${m}\n`); return code; };
  let files: string[];
  try {
    files = goldFilesIn(r.goldPaths);
  } catch (err) {
    return fail((err as Error).message, 2);
  }
  if (!files.length) return fail(`no .gold.json files in ${r.goldPaths.join(', ')}`, 2);
  let init: StructureModel | undefined;
  try {
    init = r.from === false ? undefined : r.from ? readModel(r.from) : shippedModel() ?? undefined;
  } catch (err) {
    return fail((err as Error).message, 2);
  }
  const stats: AlignStats = { units: 0, unmatched: 0, fixed: 0 };
  const pages: LabelledPage[] = [];
  let failed = 0;
  for (const f of files) {
    try {
      for (const p of labelledPages(f, stats)) pages.push(p);
    } catch (err) {
      failed++;
      process.stderr.write(`news-split train: error: ${f}: ${(err as Error).message}\n`);
    }
  }
  say(`${files.length - failed} gold files, ${pages.length} pages, ${stats.units} units (${stats.unmatched} found in no gold text)`);
  const weights = trainOn(sequencesOf(pages), {
    epochs: r.epochs, seed: r.seed, ...(init ? { init } : {}),
    progress: (e, wp, wu) => say(`epoch ${e}: ${wp} pages, ${wu} units labelled wrong before the update`),
  });
  const base = r.from === false ? 'scratch' : r.from ?? (init ? 'shipped' : 'scratch');
  const recipe = {
    base: base === SHIPPED_MODEL_FILE ? 'shipped' : base, gold: r.goldPaths, files: files.length - failed,
    pages: pages.length, units: stats.units, epochs: r.epochs, seed: r.seed,
  };
  try {
    writeFileSync(r.output, serializeModel(weights, recipe));
  } catch (err) {
    return fail(`${r.output}: ${(err as Error).message}`, 1);
  }
  say(`model written to ${r.output}`);
  return failed ? 1 : 0;
}
