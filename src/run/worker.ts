/**
 * One page's conversion, and the worker thread that runs it for `--jobs N`. The same convertPage()
 * runs in-process for small runs, for the library's convert() and for eval, so output never depends
 * on where, or by which route, a page was converted.
 *
 * With a stateless built-in format (JSON Lines, CSV: `stateless` in emit/types.ts) the page's
 * articles are emitted where the page was split, and only their text and a summary (counts,
 * warnings) come back: the main thread, which reads every input and writes all output, then does
 * not also clone and stringify every article. Other emitters may keep state across articles (JSON's
 * separators, its inputs list) and plug-ins need not load in a worker, so for them the worker returns
 * the SplitResult (structured-cloned) and the main thread runs the one emitter.
 */
import type { Profile } from '../knowledge/profile.js';
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parsePage } from '../pipeline.js';
import { resultFrom } from '../emit/record.js';
import { convertResult, type ScriptConversion } from '../emit/script.js';
import { verify, type VerifyReport } from '../verify.js';
import type { Diagnostics, Furniture, SplitOptions, SplitResult } from '../types.js';
import type { Emitter, EmitterOptions } from '../emit/types.js';
import { loadEmitter } from '../emit/registry.js';
import type { Lexicon } from '../lexicon/lexicon.js';
import { openPages, type PageStreamOptions, type SeparatorLine } from '../read/pages.js';
import { DecodeError } from '../read/decode.js';
import { readModel, type StructureModel } from '../learn/model.js';
import type { Point } from '../model/tree.js';

export interface PageSettings {
  repair: boolean;
  date?: string;
  /** --paper */
  paper?: string;
  /** --convert: the records' text in the other script */
  script?: ScriptConversion;
  verify: boolean;
  /** a newspaper profile (plain data: it crosses to the workers as is) */
  profile?: Profile;
  /** --model FILE (a path: each thread reads it once), or false for --no-model (the rule-based segmenter);
   *  a model already read only for pages converted in this thread (the library, eval) */
  model?: string | false | StructureModel;
  /** a stateless built-in format to emit pages in place (see above) */
  emit?: { format: string; options: EmitterOptions };
  /** --diagnostics is on: a page's summary carries its furniture (otherwise it is not cloned back) */
  diagnostics?: boolean;
}

export interface PageTask {
  seq: number;
  file: string;
  page: number;
  text: string;
  /** where the page starts in its file (default: the file's start) */
  start?: Point;
  /** the --page-separator lines that ended (or opened) the page: its furniture */
  separators?: SeparatorLine[];
}

/** A whole small input, read, decoded and cut into pages by the worker (the main thread only writes). */
export interface FileTask {
  seq: number;
  /** the path to read, and the name the input goes by */
  path: string;
  file: string;
}

/** What came of a FileTask: its pages in order, then either the input's warnings or why it failed. */
export interface FileResult {
  encoding: string;
  pages: Array<{ page: number; chars: number; cut?: string } & ({ ok: true; value: PageResult } | ({ ok: false } & ErrorInfo))>;
  end: { ok: true; warnings: string[] } | { ok: false; error: ReadFailure };
}

/** An error as it crosses between threads (an Error does not survive structured cloning whole). */
export interface ErrorInfo {
  message: string;
  stack?: string;
}

export function errorInfo(err: unknown): ErrorInfo {
  const x = err as Error;
  return { message: x?.message ?? String(err), ...(x?.stack ? { stack: x.stack } : {}) };
}

/** The error an ErrorInfo stands for, on the thread that receives it. */
export function errorFrom(info: ErrorInfo): Error {
  return Object.assign(new Error(info.message), info.stack ? { stack: info.stack } : {});
}

/** A read or decode error, as it crosses back to the main thread (see readFailure / readError). */
export interface ReadFailure extends ErrorInfo {
  code?: string;
  decode?: DecodeError['reason'];
}

/** What the consumer needs of a page whose articles were emitted in place. */
export interface PageSummary {
  articles: number;
  repairs: number;
  /** the articles' warnings (each prefixed with its article's id), then the page's */
  warnings: string[];
  /** what went to no article, and the page's own warnings (for --diagnostics; empty without it) */
  diagnostics: Diagnostics;
  pageDate: string | null;
}

export type PageResult =
  | { result: SplitResult; check?: VerifyReport }
  | { text: string | Uint8Array; summary: PageSummary; check?: VerifyReport };

/** The settings of split options (the library's, eval's): what convertPage() makes of a page. */
export function settingsOf(options: Omit<SplitOptions, 'file' | 'page' | 'start' | 'lexicon'>): PageSettings {
  return {
    repair: options.repair ?? true, verify: false,
    ...(options.date ? { date: options.date } : {}), ...(options.paper ? { paper: options.paper } : {}),
    ...(options.script ? { script: options.script } : {}), ...(options.profile ? { profile: options.profile } : {}),
    ...(options.model !== undefined ? { model: options.model } : {}),
  };
}

/** The emitter for settings.emit (a fresh instance: stateless emitters need no sharing). */
export async function pageEmitter(settings: PageSettings): Promise<Emitter | undefined> {
  return settings.emit ? (await loadEmitter(settings.emit.format)).create(settings.emit.options) : undefined;
}

export function summarise(result: SplitResult, pageName: string, diagnostics = true): PageSummary {
  let repairs = 0;
  const warnings: string[] = [];
  for (const a of result.articles) {
    repairs += a.repairs.length;
    for (const w of a.warnings) warnings.push(`${a.id}: ${w}`);
  }
  for (const w of result.diagnostics.warnings) warnings.push(`${pageName}: ${w}`);
  return {
    articles: result.articles.length, repairs, warnings, pageDate: result.pageDate,
    diagnostics: diagnostics ? result.diagnostics : { furniture: [], warnings: [] },
  };
}

/** How a page is named in its warnings: the input's name, and pN after the first page. */
export const pageNameOf = (file: string, page: number): string => (page > 1 ? `${file} p${page}` : file);

export type WorkerReply =
  | { seq: number; ok: true; value: PageResult }
  | ({ seq: number; ok: false } & ErrorInfo)
  | { seq: number; ok: true; file: FileResult };

const models = new Map<string, StructureModel>();
/** A --model file, read once per thread. */
function modelFrom(file: string): StructureModel {
  let m = models.get(file);
  if (!m) { m = readModel(file); models.set(file, m); }
  return m;
}

/** A --page-separator took these lines out of the page's text: they are its furniture (page headers), in input order. */
function withSeparators(result: SplitResult, separators: SeparatorLine[] | undefined): SplitResult {
  if (!separators?.length) return result;
  const lines: Furniture[] = separators.map((s) => ({ kind: 'page-header', text: s.text, line: s.line, offset: s.offset }));
  const furniture = [...lines, ...result.diagnostics.furniture].sort((a, b) => a.offset - b.offset);
  return { ...result, diagnostics: { ...result.diagnostics, furniture } };
}

export function convertPage(task: PageTask, settings: PageSettings, emitter?: Emitter, lexicon?: Lexicon): PageResult {
  const tree = parsePage(task.text, {
    ...(lexicon ? { lexicon } : {}),
    file: task.file, page: task.page, repair: settings.repair, ...(settings.date ? { date: settings.date } : {}),
    ...(settings.paper ? { paper: settings.paper } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}), ...(task.start ? { start: task.start } : {}),
    ...(settings.model !== undefined ? { model: typeof settings.model === 'string' ? modelFrom(settings.model) : settings.model } : {}),
  });
  const printed = withSeparators(resultFrom(tree), task.separators);
  // checked as printed (verify counts the input's characters), then converted (--convert); the
  // separator lines are part of the input and (as furniture) of the output: the check counts them
  const checked = task.separators ? [task.text, ...task.separators.map((s) => s.text)].join('\n') : task.text;
  const check = settings.verify ? { check: verify(checked, printed, task.start) } : {};
  const result = convertResult(printed, settings.script);
  if (!emitter) return { result, ...check };
  let text = '';
  if (emitter.page) text = emitter.page(tree) ?? '';
  else for (const a of result.articles) text += emitter.article(a) ?? '';
  return { text, summary: summarise(result, pageNameOf(task.file, task.page), settings.diagnostics ?? false), ...check };
}

/**
 * Read, decode and split one whole input exactly as the main thread's producer does for an input
 * read in one piece (run/convert.ts): the same openPages() on the same single chunk.
 */
export async function convertFile(task: FileTask, settings: PageSettings, read: PageStreamOptions, emitter?: Emitter, lexicon?: Lexicon): Promise<FileResult> {
  const result: FileResult = { encoding: '', pages: [], end: { ok: true, warnings: [] } };
  try {
    const bytes = readFileSync(task.path);
    const stream = await openPages((async function* () { yield bytes; })(), read);
    result.encoding = stream.encoding;
    for await (const page of stream.pages) {
      const pageTask: PageTask = { seq: task.seq, file: task.file, page: page.page, text: page.text, start: page.start, ...(page.separators ? { separators: page.separators } : {}) };
      const cut = page.cut !== undefined ? { cut: page.cut } : {};
      try {
        result.pages.push({ page: page.page, chars: page.text.length, ...cut, ok: true, value: convertPage(pageTask, settings, emitter, lexicon) });
      } catch (err) {
        result.pages.push({ page: page.page, chars: page.text.length, ...cut, ok: false, ...errorInfo(err) });
      }
    }
    result.end = { ok: true, warnings: stream.warnings };
  } catch (err) {
    result.end = { ok: false, error: readFailure(err) };
  }
  return result;
}

function readFailure(err: unknown): ReadFailure {
  const code = (err as NodeJS.ErrnoException)?.code;
  return { ...errorInfo(err), ...(code ? { code } : {}), ...(err instanceof DecodeError ? { decode: err.reason } : {}) };
}

/** The error a worker's ReadFailure stands for, as the main thread would have caught it. */
export function readError(f: ReadFailure): Error {
  const err = f.decode ? new DecodeError(f.message, f.decode) : Object.assign(new Error(f.message), f.code ? { code: f.code } : {});
  if (f.stack) err.stack = f.stack;
  return err;
}

/**
 * The emitted texts of a batch's replies, as UTF-8 buffers that are transferred, not copied: the
 * main thread then neither deserialises nor encodes them (cloning and encoding ~170 MB of output for
 * 100 MB of input was a third of its time). Each text becomes a buffer of its own, of its exact
 * size, so the main thread frees each page's output once it is written: views of one buffer sized
 * for the worst case (3 bytes a UTF-16 unit) kept a whole batch's buffer, three times the size of
 * its output, alive until the batch's last page was written (for ASCII-heavy output, such as a
 * page of 10,000 repaired breaks, ~50 MB a batch). Returns the transfer list.
 */
function asBytes(replies: WorkerReply[]): ArrayBuffer[] {
  const transfer: ArrayBuffer[] = [];
  const encode = (r: { text: string | Uint8Array }): void => {
    if (typeof r.text !== 'string' || !r.text.length) return;
    // encoded in place into one scratch buffer kept for the thread (one encode() and a byteLength()
    // of each text took 3 × as long), then copied out at its exact size: a fresh buffer of its own
    // (Buffer.from may hand out a shared pool, which cannot move)
    if (scratch.length < r.text.length * 3) scratch = new Uint8Array(r.text.length * 3);
    const { written } = UTF8.encodeInto(r.text, scratch);
    const bytes = scratch.slice(0, written);
    r.text = bytes;
    transfer.push(bytes.buffer);
  };
  for (const r of replies) {
    if (!r.ok) continue;
    if ('file' in r) for (const p of r.file.pages) { if (p.ok && 'text' in p.value) encode(p.value); }
    else if ('text' in r.value) encode(r.value);
  }
  return transfer;
}

/** asBytes()'s scratch buffer: as large as the largest page's output has needed (3 bytes a unit) */
let scratch = new Uint8Array(0);
const UTF8 = new TextEncoder();

/** Marks the worker's data, so that importing this module in the main thread starts nothing. */
export interface WorkerInit {
  newsSplitPageWorker: true;
  settings: PageSettings;
  /** how FileTasks are read (--encoding, --page-separator) */
  read: PageStreamOptions;
}

const init = workerData as WorkerInit | undefined;
if (parentPort && init?.newsSplitPageWorker) {
  const port = parentPort;
  const emitter = pageEmitter(init.settings);
  // a batch of pages (or of whole files) in, one reply per task out, in the same order; batches
  // stay in order: each waits for the one before (and the first for the emitter, which loads once)
  let previous: Promise<unknown> = emitter;
  port.on('message', (tasks: Array<PageTask | FileTask>) => {
    const failed = (task: PageTask | FileTask, err: unknown): WorkerReply => ({ seq: task.seq, ok: false, ...errorInfo(err) });
    previous = previous.then(() => emitter).then(
      async (e) => {
        const replies: WorkerReply[] = [];
        for (const task of tasks) {
          try {
            replies.push('path' in task
              ? { seq: task.seq, ok: true, file: await convertFile(task, init.settings, init.read, e) }
              : { seq: task.seq, ok: true, value: convertPage(task, init.settings, e) });
          } catch (err) {
            replies.push(failed(task, err));
          }
        }
        port.postMessage(replies, asBytes(replies));
      },
      (err) => port.postMessage(tasks.map((task) => failed(task, err))),
    );
  });
}
