/**
 * The library beside split(): convert() streams the pages of an input (a string, bytes, a file, a
 * readable stream) as split results, one page at a time, as the command line reads them (read/pages.ts:
 * encoding detection, page cutting at form feeds and page headers); emit() writes records in any
 * format of the registry, as the command line writes them.
 *
 *   for await (const page of convert({ path: 'page.txt' })) console.log(page.page, page.articles.length);
 *   process.stdout.write(await emit(records, 'csv'));
 */
import { fileURLToPath } from 'node:url';
import { convert as runInputs, type RunInput } from './run/convert.js';
import { settingsOf } from './run/worker.js';
import { loadEmitter } from './emit/registry.js';
import { FIELD_NAMES } from './emit/fields.js';
import type { EmitterFactory, EmitterOptions } from './emit/types.js';
import type { Article, SplitOptions, SplitResult } from './types.js';

/** What convert() reads. A string is the text itself, never a path: name a file as { path } or a file: URL. */
export type ConvertSource =
  | string
  | Uint8Array
  | URL
  | { path: string }
  | AsyncIterable<Uint8Array | string>;

export interface ConvertOptions extends Omit<SplitOptions, 'page' | 'start'> {
  /** force an encoding (default: detect UTF-8 / UTF-16 BOM / GB18030, as the command line does) */
  encoding?: string;
  /** lines matching this separate pages (default: form feeds and page headers like 第3版) */
  pageSeparator?: RegExp;
}

/** One page of the input: its articles and diagnostics (as split() gives them), and where it was. */
export interface PageResult extends SplitResult {
  /** the name records carry (options.file, else the path, else "stdin") */
  file: string;
  /** 1-based page number within the input */
  page: number;
  /** the encoding the input was read in */
  encoding: string;
}

/** The pages of an input, split one at a time (memory holds one page, not the whole input), as the
 *  command line converts them (run/convert.ts), in this thread. */
export async function* convert(source: ConvertSource, options: ConvertOptions = {}): AsyncGenerator<PageResult> {
  const { encoding, pageSeparator, lexicon, ...split } = options;
  const path = source instanceof URL ? fileURLToPath(source)
    : typeof source === 'object' && 'path' in source && typeof source.path === 'string' ? source.path : null;
  const file = options.file ?? path ?? 'stdin';
  const input: RunInput = path !== null ? { name: file, path }
    : { name: file, path: null, open: () => (typeof source === 'string' ? [Buffer.from(source, 'utf8')] : source instanceof Uint8Array ? [source] : source as AsyncIterable<Uint8Array | string>) };
  const run = runInputs([input], {
    settings: settingsOf(split), jobs: 1, ahead: 1, ...(lexicon ? { lexicon } : {}),
    read: { ...(encoding ? { encoding } : {}), ...(pageSeparator ? { separator: pageSeparator } : {}) },
  });
  for await (const event of run) {
    if (event.kind === 'failed') throw event.error ?? new Error(event.reason);
    if (event.kind === 'page-error') throw event.error;
    if (event.kind === 'page' && 'result' in event.value) yield { ...event.value.result, file, page: event.page, encoding: event.encoding };
  }
}

/**
 * Records as one text in a format of the registry (jsonl, json, markdown/md, csv) or a plug-in's
 * factory, as the command line writes them to one output. `options`: { fields, bom, excel }.
 */
export async function emit(
  records: Iterable<Article> | AsyncIterable<Article>,
  format: string | EmitterFactory = 'jsonl',
  options: EmitterOptions = {},
): Promise<string> {
  const factory = typeof format === 'string' ? await loadEmitter(format.toLowerCase()) : format;
  if (factory.name === 'tree') throw new Error("emit(): the tree format draws a page's tree, not records (parsePage() gives the tree)");
  const unknown = (options.fields ?? []).filter((f) => !(FIELD_NAMES as readonly string[]).includes(f));
  if (unknown.length) throw new Error(`emit(): unknown field ${unknown.map((f) => JSON.stringify(f)).join(', ')} (valid: ${FIELD_NAMES.join(', ')})`);
  const emitter = factory.create(options);
  let out = emitter.start?.() ?? '';
  for await (const a of records) out += emitter.article(a) ?? '';
  return out + (emitter.end?.() ?? '');
}
