/**
 * The emitter table: format name → emitter, loaded on first use so that a JSON run never loads the
 * Markdown stack (unified, remark, gray-matter). Adding a format is one module and one row here.
 */
import type { EmitterFactory } from './types.js';

type Loader = () => Promise<EmitterFactory>;

const BUILT_IN: Record<string, Loader> = {
  jsonl: async () => (await import('./jsonl.js')).jsonl,
  json: async () => (await import('./json.js')).json,
};

const ALIASES: Record<string, string> = { ndjson: 'jsonl' };

export function builtInFormats(): string[] {
  return Object.keys(BUILT_IN);
}

export function formatAliases(): Record<string, string> {
  return { ...ALIASES };
}

export function isBuiltIn(name: string): boolean {
  return (ALIASES[name] ?? name) in BUILT_IN;
}

export async function loadEmitter(name: string): Promise<EmitterFactory> {
  const loader = BUILT_IN[ALIASES[name] ?? name];
  if (!loader) throw new Error(`unknown format '${name}' (known: ${builtInFormats().join(', ')})`);
  return loader();
}
