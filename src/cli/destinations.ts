/**
 * Where the command line's output goes: stdout or --output (one emitter for the whole run), or
 * --out-dir (the input tree mirrored: a file per input, or a file per article for Markdown). Every
 * file is written to a hidden temporary name and renamed when complete (atomic-write.ts), and never
 * over an input or through a symlinked folder (safe-path.ts).
 */
import { createWriteStream, openSync, statSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, extname, join, posix } from 'node:path';
import type { EmitterFactory, EmitterOptions, Emitter, InputReport } from '../emit/types.js';
import type { Article } from '../types.js';
import { ArticleFiles } from '../emit/article-files.js';
import { articleFileName, NameBook } from '../emit/filenames.js';
import type { InputFile } from '../read/inputs.js';
import { stdoutOutput, streamOutput, type Output } from './output.js';
import { tempPathFor, trackTemp, commitTemp, writeFileAtomic } from './atomic-write.js';
import { resolveInside, refuseSymlinks, refuseInputOverwrite, realInputSet } from './safe-path.js';

/** What decides the destination: the inputs, the format, and -o / --out-dir (part of cli/batch.ts's BatchOptions). */
export interface DestinationOptions {
  inputs: InputFile[];
  factory: EmitterFactory;
  emitterOptions: EmitterOptions;
  /** -o FILE: everything into one file */
  output?: string;
  /** --out-dir DIR: the input tree mirrored */
  outDir?: string;
  skipExisting?: boolean;
}

export interface Destination {
  /** true when each input has its own output (a failure there undoes only that input's output) */
  perInput: boolean;
  /** where an input's output goes, for --skip-existing and collision checks (null: a shared stream) */
  target(input: InputFile): string | null;
  exists(input: InputFile): Promise<boolean>;
  open(): Promise<void>;
  page(index: number, input: InputFile, report: InputReport, articles: PageArticles): Promise<void>;
  /** a page's articles already emitted (a stateless format; never for per-article layouts) */
  text(index: number, input: InputFile, text: string | Uint8Array): Promise<void>;
  finish(index: number, input: InputFile): Promise<void>;
  abort(index: number, input: InputFile): Promise<void>;
  close(): Promise<void>;
}

type PageArticles = Article[];

export function destinationFor(o: DestinationOptions): Destination {
  if (!o.outDir) return new SharedStream(o.factory, o.emitterOptions, o.output);
  return o.factory.layout === 'per-article'
    ? new ArticleTree(o.outDir, o.factory, o.emitterOptions, o.skipExisting ?? false, o.inputs)
    : new FileTree(o.outDir, o.factory, o.emitterOptions, o.inputs);
}

/** Two inputs that would write the same output file: the second one fails instead of overwriting. */
export function planOutputs(o: DestinationOptions, dest: Destination): { conflicts: Map<number, string> } {
  const conflicts = new Map<number, string>();
  const owners = new Map<string, string>();
  o.inputs.forEach((input, i) => {
    const target = dest.target(input);
    if (target === null) return;
    const key = target.toLowerCase(); // as case-insensitive file systems see it
    const owner = owners.get(key);
    if (owner !== undefined) conflicts.set(i, `its output ${target} is also the output of ${owner}`);
    else owners.set(key, input.name);
  });
  return { conflicts };
}

/**
 * stdout or --output: one emitter for the whole run. --output is written as --out-dir's files are: to
 * a hidden temporary file beside it, renamed over it when the run is complete, removed when the run
 * stops early or is interrupted (atomic-write.ts), so an existing file is never left half-written.
 */
export class SharedStream implements Destination {
  readonly perInput = false;
  private readonly emitter: Emitter;
  private out: Output | null = null;
  private temp: string | null = null;
  private forgetTemp = (): void => {};

  constructor(factory: EmitterFactory, options: EmitterOptions, private readonly path?: string) {
    this.emitter = factory.create(options);
  }

  target(): null { return null; }
  exists(): Promise<boolean> { return Promise.resolve(false); }

  open(): Promise<void> {
    if (this.path === undefined) this.out = stdoutOutput();
    else if (isSpecialFile(this.path)) {
      // -o /dev/null, a FIFO, a terminal: written as `>` writes it; a temporary file renamed over
      // it would replace the device itself (as root, /dev/null became a regular file)
      this.out = streamOutput(createWriteStream('', { fd: openSync(this.path, 'w') }), true);
    } else {
      const temp = tempPathFor(this.path);
      this.forgetTemp = trackTemp(temp);
      // opened synchronously, as FileTree's files: an interrupt must not race an open in flight
      const fd = openSync(temp, 'wx');
      this.temp = temp;
      this.out = streamOutput(createWriteStream(temp, { fd }), true);
    }
    return this.out.write(this.emitter.start?.() ?? '');
  }

  async page(_i: number, _input: InputFile, report: InputReport, articles: PageArticles): Promise<void> {
    // one write per page: a write per article costs a promise and a stream call each
    let text = '';
    for (const a of articles) text += this.emitter.article(a) ?? '';
    await this.out!.write(text + (this.emitter.input?.(report) ?? ''));
  }

  text(_i: number, _input: InputFile, text: string | Uint8Array): Promise<void> {
    return this.out!.write(text);
  }

  finish(): Promise<void> { return Promise.resolve(); }
  abort(): Promise<void> { return Promise.resolve(); }

  async close(): Promise<void> {
    await this.out!.write(this.emitter.end?.() ?? '');
    await this.out!.close();
    if (this.temp !== null) {
      await commitTemp(this.temp, this.path!);
      this.temp = null;
    }
  }

  /** The run stopped before close(): the temporary file goes, the old --output (if any) stays. */
  async discard(): Promise<void> {
    if (this.temp === null) return;
    const temp = this.temp;
    this.temp = null;
    await this.out?.close().catch(() => {});
    await rm(temp, { force: true });
    this.forgetTemp();
  }
}

/** Something that exists and is not a regular file (a device, a FIFO, a socket): never renamed over. */
function isSpecialFile(path: string): boolean {
  try {
    const st = statSync(path);
    return !st.isFile() && !st.isDirectory();
  } catch {
    return false;
  }
}

/** The output path of `mirror` (a/b/2023-11-04.txt) under `dir`, with the format's extension. */
export function mirroredPath(dir: string, mirror: string, extension: string): string {
  const ext = posix.extname(mirror);
  const stem = ext && ext !== mirror ? mirror.slice(0, -ext.length) : mirror;
  return safeJoin(dir, `${stem || 'stdin'}.${extension}`);
}

/** `dir/rel`, refusing anything that would land outside `dir` (a mirror never has '..', but check). */
function safeJoin(dir: string, rel: string): string {
  return resolveInside(dir, rel);
}

/** On disk: no symlinked folder on the way out of DIR, and never an input file (safe-path.ts). */
async function checkTarget(dir: string, target: string, inputs: InputFile[]): Promise<void> {
  await refuseSymlinks(dir, target);
  await refuseInputOverwrite(target, await realInputsOf(inputs));
}

/** The inputs' real paths, computed once per run (not once per output file: archives have 10⁵ files). */
const realInputs = new WeakMap<InputFile[], Promise<Set<string>>>();
function realInputsOf(inputs: InputFile[]): Promise<Set<string>> {
  let set = realInputs.get(inputs);
  if (!set) realInputs.set(inputs, (set = realInputSet(inputs.flatMap((f) => (f.path === null ? [] : [f.path])))));
  return set;
}

/**
 * --out-dir, one file per input. Each file is written to a hidden temporary name beside its target and
 * renamed when the input is complete, so an interrupted or failed input never leaves a partial file
 * that --skip-existing would take for done.
 */
class FileTree implements Destination {
  readonly perInput = true;
  private readonly open_ = new Map<number, { emitter: Emitter; out: Output; temp: string; target: string }>();

  constructor(private readonly dir: string, private readonly factory: EmitterFactory, private readonly options: EmitterOptions,
    private readonly inputs: InputFile[] = []) {}

  target(input: InputFile): string {
    return mirroredPath(this.dir, input.mirror, this.factory.extension);
  }

  exists(input: InputFile): Promise<boolean> {
    return stat(this.target(input)).then(() => true, () => false);
  }

  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  private async fileOf(i: number, input: InputFile) {
    let f = this.open_.get(i);
    if (!f) {
      const target = this.target(input);
      await checkTarget(this.dir, target, this.inputs);
      await mkdir(dirname(target), { recursive: true });
      const temp = tempPathFor(target);
      trackTemp(temp);
      const emitter = this.factory.create(this.options);
      // opened here, synchronously: an interrupt (atomic-write.ts removes tracked temp files, then
      // exits) must not race an open still in flight that would create the file after the removal
      const fd = openSync(temp, 'wx');
      f = { emitter, out: streamOutput(createWriteStream(temp, { fd }), true), temp, target };
      this.open_.set(i, f);
      await f.out.write(emitter.start?.() ?? '');
    }
    return f;
  }

  async page(i: number, input: InputFile, report: InputReport, articles: PageArticles): Promise<void> {
    const f = await this.fileOf(i, input);
    let text = '';
    for (const a of articles) text += f.emitter.article(a) ?? '';
    await f.out.write(text + (f.emitter.input?.(report) ?? ''));
  }

  async text(i: number, input: InputFile, text: string | Uint8Array): Promise<void> {
    const f = await this.fileOf(i, input);
    await f.out.write(text);
  }

  async finish(i: number, input: InputFile): Promise<void> {
    const f = await this.fileOf(i, input);
    this.open_.delete(i);
    await f.out.write(f.emitter.end?.() ?? '');
    await f.out.close();
    await commitFile(f.temp, f.target);
  }

  async abort(i: number): Promise<void> {
    const f = this.open_.get(i);
    if (!f) return;
    this.open_.delete(i);
    await f.out.close().catch(() => {});
    await rm(f.temp, { force: true });
  }

  async close(): Promise<void> {
    for (const i of [...this.open_.keys()]) await this.abort(i);
  }
}

/**
 * --out-dir with a per-article format (Markdown): each input's articles go into its mirrored folder
 * (a/b/2023-11-04.txt → DIR/a/b/2023-11-04-001-标题.md), named by src/emit/filenames.ts; a page after
 * the first adds -pN to the stem. Names are claimed in input order in one book per folder, so
 * re-runs give the same names; --skip-existing keeps article files that are already there.
 */
class ArticleTree implements Destination {
  readonly perInput = true;
  private readonly books = new Map<string, NameBook>();
  private readonly documents: ArticleFiles;

  constructor(private readonly dir: string, private readonly factory: EmitterFactory, options: EmitterOptions, private readonly keep: boolean,
    private readonly inputs: InputFile[] = []) {
    this.documents = new ArticleFiles(dir, factory, options);
  }

  target(): null { return null; }
  exists(): Promise<boolean> { return Promise.resolve(false); }
  open(): Promise<void> { return mkdir(this.dir, { recursive: true }).then(() => {}); }

  async page(_i: number, input: InputFile, report: InputReport, articles: PageArticles): Promise<void> {
    const folder = posix.dirname(input.mirror);
    const where = safeJoin(this.dir, folder === '.' ? '' : folder);
    let book = this.books.get(where);
    if (!book) this.books.set(where, (book = new NameBook()));
    if (articles.length) await mkdir(where, { recursive: true });
    const base = posix.basename(input.name);
    // a page after the first: stem-p2 (with a stand-in extension, so a dotted stem keeps its dots)
    const stemName = report.page > 1 ? `${base.slice(0, base.length - extname(base).length) || base}-p${report.page}.txt` : input.name;
    for (const a of articles) {
      const path = join(where, book.claim(articleFileName(stemName, a.index, a.title, this.factory.extension)));
      if (this.keep && (await stat(path).then(() => true, () => false))) continue;
      await checkTarget(this.dir, path, this.inputs);
      await writeFileAtomic(path, this.documents.document(a));
    }
  }

  text(): Promise<void> { return Promise.reject(new Error('per-article output needs the articles')); }
  finish(): Promise<void> { return Promise.resolve(); }
  abort(): Promise<void> { return Promise.resolve(); }
  close(): Promise<void> { return Promise.resolve(); }
}

/** Replace `target` by the finished `temp` in one step (same folder, so rename is atomic). */
async function commitFile(temp: string, target: string): Promise<void> {
  await commitTemp(temp, target);
}
