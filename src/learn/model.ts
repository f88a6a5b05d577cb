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
/** Where `npm run build` (scripts/build-tables.mjs) keeps the shipped model parsed: beside this module. */
export const COMPILED_MODEL_URL = new URL('./structure-model.bin', import.meta.url);
const COMPILED_MAGIC = 0x4d534e; // 'NSM'
const COMPILED_HEADER = 5; // u32: magic, JSON bytes, emission length, transition length, recipe bytes

/**
 * The model parsed from `json`, in one buffer: the JSON's own bytes (so the buffer is used only for
 * exactly that file: `npm run train` rewrites models/structure.json without a build), the emission
 * and transition weights as parseModel() makes them, and the recipe. Opening it costs two file reads
 * and no parse (parseModel: JSON.parse of 0.3 MB and 47k weights, ~8 ms of every run's start-up).
 */
export function compileModel(json: string, file: string): Uint8Array {
  const m = parseModel(json, file);
  const text = Buffer.from(json, 'utf8');
  const recipe = Buffer.from(JSON.stringify(m.recipe), 'utf8');
  const at = (n: number) => (n + 3) & ~3;
  const emissionAt = 4 * COMPILED_HEADER + at(text.length);
  const transitionAt = emissionAt + 4 * m.emission.length;
  const recipeAt = transitionAt + 4 * m.transition.length;
  const out = new Uint8Array(recipeAt + recipe.length);
  new Uint32Array(out.buffer, 0, COMPILED_HEADER).set([COMPILED_MAGIC, text.length, m.emission.length, m.transition.length, recipe.length]);
  out.set(text, 4 * COMPILED_HEADER);
  new Float32Array(out.buffer, emissionAt, m.emission.length).set(m.emission);
  new Float32Array(out.buffer, transitionAt, m.transition.length).set(m.transition);
  out.set(recipe, recipeAt);
  return out;
}

/** The model compileModel() made, if it was made from exactly these bytes (else null: parse them). */
export function openCompiledModel(compiled: Uint8Array, json: Uint8Array): StructureModel | null {
  const bytes = compiled.byteOffset % 4 === 0 ? compiled : compiled.slice();
  if (bytes.byteLength < 4 * COMPILED_HEADER) return null;
  const [magic, textLength, emissionLength, transitionLength, recipeLength] = new Uint32Array(bytes.buffer, bytes.byteOffset, COMPILED_HEADER) as unknown as number[];
  if (magic !== COMPILED_MAGIC || textLength !== json.length) return null;
  const base = bytes.byteOffset;
  const emissionAt = 4 * COMPILED_HEADER + ((textLength! + 3) & ~3);
  const transitionAt = emissionAt + 4 * emissionLength!;
  const recipeAt = transitionAt + 4 * transitionLength!;
  if (recipeAt + recipeLength! !== bytes.byteLength) return null;
  if (!Buffer.from(bytes.buffer, base + 4 * COMPILED_HEADER, textLength).equals(json)) return null;
  return {
    labels: L,
    emission: new Float32Array(bytes.buffer, base + emissionAt, emissionLength),
    transition: new Float32Array(bytes.buffer, base + transitionAt, transitionLength),
    allowed: ALLOWED_TRANSITION,
    recipe: JSON.parse(Buffer.from(bytes.buffer, base + recipeAt, recipeLength).toString('utf8')) as Record<string, unknown>,
  };
}

/** The shipped model through the build's compiled copy when it matches the file, else parsed. */
function readShippedModel(): StructureModel {
  try {
    const compiled = openCompiledModel(readFileSync(COMPILED_MODEL_URL), readFileSync(SHIPPED_MODEL_FILE));
    if (compiled) return compiled;
  } catch {
    // no compiled copy (the sources, before a build) or no model file: readModel() says which
  }
  return readModel(SHIPPED_MODEL_FILE);
}

let shipped: StructureModel | null | undefined;
export function shippedModel(): StructureModel | null {
  if (shipped === undefined) {
    try {
      shipped = readShippedModel();
    } catch (err) {
      if (err instanceof ModelError && /no such file/.test(err.message)) shipped = null;
      else throw err;
    }
  }
  return shipped;
}
