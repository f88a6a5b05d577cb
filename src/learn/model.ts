/**
 * The structure model as data: a JSON file holding the feature table it was trained with (template
 * names, so a file from another version of the feature table is refused, not misread), the
 * transition weights, and the non-zero emission weights, rounded to 1/100 and delta-coded. The
 * package ships one (models/structure.json), trained by `npm run train`; `news-split train` writes
 * others, and `--model FILE` reads them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LABELS, ALLOWED_TRANSITION, L } from './labels.js';
import { TEMPLATE_NAMES, FEATURE_COUNT } from './features.js';
import type { ChainWeights } from './viterbi.js';
import type { StructureModel } from '../types.js';

export const MODEL_FORMAT = 'news-split-structure';
export const MODEL_VERSION = 1;
/** Weights are kept to two decimals: the file stays small, and decoding does not notice. */
const SCALE = 100;

export type { StructureModel };

interface ModelFile {
  format: string;
  version: number;
  labels: string[];
  templates: string[];
  features: number;
  recipe: Record<string, unknown>;
  transition: number[];
  /** emission weights: gaps between the indices of the non-zero weights, and the weights × SCALE */
  emission: { gaps: number[]; values: number[] };
}

export class ModelError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'ModelError';
  }
}

export function serializeModel(w: ChainWeights, recipe: Record<string, unknown>): string {
  const gaps: number[] = [];
  const values: number[] = [];
  let last = -1;
  for (let k = 0; k < w.emission.length; k++) {
    const v = Math.round(w.emission[k]! * SCALE);
    if (v === 0) continue;
    gaps.push(k - last);
    values.push(v);
    last = k;
  }
  const file: ModelFile = {
    format: MODEL_FORMAT, version: MODEL_VERSION, labels: [...LABELS], templates: TEMPLATE_NAMES, features: FEATURE_COUNT,
    recipe, transition: Array.from(w.transition, (v) => Math.round(v * SCALE)),
    emission: { gaps, values },
  };
  // one key a line, arrays on one line each: small and diffable enough
  return `${JSON.stringify(file).replace(/,"(?=[a-z]+":)/g, ',\n"')}\n`;
}

export function parseModel(json: string, file: string): StructureModel {
  let m: ModelFile;
  try {
    m = JSON.parse(json) as ModelFile;
  } catch (err) {
    throw new ModelError(file, `not JSON (${(err as Error).message})`);
  }
  if (!m || m.format !== MODEL_FORMAT) throw new ModelError(file, `not a news-split structure model`);
  if (m.version !== MODEL_VERSION) throw new ModelError(file, `model version ${m.version}; this news-split reads version ${MODEL_VERSION}`);
  if (JSON.stringify(m.labels) !== JSON.stringify(LABELS) || JSON.stringify(m.templates) !== JSON.stringify(TEMPLATE_NAMES) || m.features !== FEATURE_COUNT) {
    throw new ModelError(file, 'trained with another feature table than this news-split has: retrain it (news-split train)');
  }
  const emission = new Float32Array(FEATURE_COUNT * L);
  const { gaps, values } = m.emission;
  if (!Array.isArray(gaps) || !Array.isArray(values) || gaps.length !== values.length) throw new ModelError(file, 'emission weights malformed');
  let k = -1;
  for (let i = 0; i < gaps.length; i++) {
    k += gaps[i]!;
    if (!(k >= 0 && k < emission.length)) throw new ModelError(file, 'emission weights out of range');
    emission[k] = values[i]! / SCALE;
  }
  if (!Array.isArray(m.transition) || m.transition.length !== (L + 1) * L) throw new ModelError(file, 'transition weights malformed');
  const transition = Float32Array.from(m.transition, (v) => v / SCALE);
  return { labels: L, emission, transition, allowed: ALLOWED_TRANSITION, recipe: m.recipe ?? {} };
}

export function readModel(file: string): StructureModel {
  let json: string;
  try {
    json = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ModelError(file, code === 'ENOENT' ? 'no such file' : (err as Error).message);
  }
  return parseModel(json, file);
}

/** The model shipped with the package (models/structure.json beside dist/), read once. */
export const SHIPPED_MODEL_FILE = fileURLToPath(new URL('../../models/structure.json', import.meta.url));
let shipped: StructureModel | null | undefined;
export function shippedModel(): StructureModel | null {
  if (shipped === undefined) {
    try {
      shipped = readModel(SHIPPED_MODEL_FILE);
    } catch (err) {
      if (err instanceof ModelError && /no such file/.test(err.message)) shipped = null;
      else throw err;
    }
  }
  return shipped;
}
