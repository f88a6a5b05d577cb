/**
 * The emitter table: format name → emitter, loaded on first use so that a JSON run never loads the
 * Markdown stack (unified, remark, gray-matter). Adding a format is one module and one row here.
 */
import type { EmitterFactory } from './types.js';

type Loader = () => Promise<EmitterFactory>;

const BUILT_IN: Record<string, Loader> = {
  jsonl: async () => (await import('./jsonl.js')).jsonl,
  json: async () => (await import('./json.js')).json,
  markdown: async () => (await import('./markdown.js')).markdown,
  csv: async () => (await import('./csv.js')).csv,
  tree: async () => (await import('./tree.js')).tree,
};

const ALIASES: Record<string, string> = { ndjson: 'jsonl', md: 'markdown' };

export function builtInFormats(): string[] {
  return Object.keys(BUILT_IN);
}

export function formatAliases(): Record<string, string> {
  return { ...ALIASES };
}

export function isBuiltIn(name: string): boolean {
  return (ALIASES[name] ?? name) in BUILT_IN;
}

/** The emitter for a format name: a loaded plug-in (see plugin.ts) of that name, else a built-in. */
export async function loadEmitter(name: string, plugins: readonly EmitterFactory[] = []): Promise<EmitterFactory> {
  const plugin = plugins.find((p) => p.name === name);
  if (plugin) return plugin;
  const loader = BUILT_IN[ALIASES[name] ?? name];
  if (!loader) {
    const known = [...builtInFormats(), ...plugins.map((p) => p.name)];
    throw new Error(`unknown format '${name}' (known: ${known.join(', ')})`);
  }
  return loader();
}

export interface FormatListing {
  name: string;
  aliases: string[];
  extension: string;
  description: string;
  /** 'built-in', or the --emitter module it came from */
  origin: string;
}

/** Every built-in format and every loaded plug-in (loads the built-ins: meant for --list-formats). */
export async function listFormats(plugins: ReadonlyArray<{ spec: string; factory: EmitterFactory }> = []): Promise<FormatListing[]> {
  const rows: FormatListing[] = [];
  for (const name of builtInFormats()) {
    const f = await loadEmitter(name);
    const aliases = Object.keys(ALIASES).filter((a) => ALIASES[a] === name);
    rows.push({ name, aliases, extension: f.extension, description: f.description, origin: 'built-in' });
  }
  for (const { spec, factory: f } of plugins) {
    rows.push({ name: f.name, aliases: [], extension: f.extension, description: f.description, origin: spec });
  }
  return rows;
}

/** The --list-formats text: one line per format, name, aliases, extension, description, origin. */
export function describeFormats(rows: readonly FormatListing[]): string {
  const names = rows.map((r) => r.name + (r.aliases.length ? ` (${r.aliases.join(', ')})` : ''));
  const width = Math.max(...names.map((n) => n.length));
  const extWidth = Math.max(...rows.map((r) => r.extension.length)) + 1;
  return rows
    .map((r, i) => `${names[i]!.padEnd(width)}  ${`.${r.extension}`.padEnd(extWidth)}  ${r.description}${r.origin === 'built-in' ? '' : `  [${r.origin}]`}\n`)
    .join('');
}
