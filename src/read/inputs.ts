/**
 * Command-line inputs → the list of files to convert, in a deterministic order: the arguments in the
 * order given, each expanded on its own — a directory recursively (names sorted, hidden entries
 * skipped, symbolic links followed but never in a loop), a quoted glob by tinyglobby (sorted), `-` as
 * stdin — then the paths of a --files-from list (one a line, or NUL-separated from `find -print0`).
 * Each file also gets the relative path that --out-dir mirrors.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import type { Dirent, Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep, posix, basename } from 'node:path';

export interface InputFile {
  /** path to open, or null for stdin */
  path: string | null;
  /** the name shown in messages, ids and provenance: the path as the user spelled it, or "stdin" */
  name: string;
  /** relative path (with '/') that --out-dir mirrors: a/b/2023-11-04.txt */
  mirror: string;
  /** size in bytes when known (regular files) */
  size?: number;
}

/** An argument that yields nothing: a glob matching no file, an empty directory. */
export interface InputProblem {
  input: string;
  reason: string;
}

export interface ExpandOptions {
  /** a list of paths, or '-' for stdin */
  filesFrom?: string;
  /** the list is NUL-separated (find -print0) */
  nul?: boolean;
  cwd?: string;
  /** directories never entered (the output directory, so a re-run does not read its own output) */
  exclude?: string[];
  /** reads stdin (for --files-from -) */
  readStdin?: () => Promise<Buffer>;
  /** which files of a directory argument are inputs (given its path; default: all); named files always are */
  select?: (dir: string) => Promise<FileFilter>;
}

/** Takes a file's path relative to the directory argument it was found under ('a/b.txt'). */
export type FileFilter = (relative: string) => boolean;

export interface Expanded {
  inputs: InputFile[];
  problems: InputProblem[];
}

const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export async function expandInputs(args: string[], options: ExpandOptions = {}): Promise<Expanded> {
  const cwd = options.cwd ?? process.cwd();
  const excluded = new Set<string>();
  for (const dir of options.exclude ?? []) excluded.add(await realpath(resolve(cwd, dir)).catch(() => resolve(cwd, dir)));
  const inputs: InputFile[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  // a file is converted once, however many names reach it (a glob through a symlinked folder, a list
  // that repeats an argument)
  const add = async (f: InputFile, real?: string): Promise<void> => {
    const key = f.path === null ? '\0stdin' : real ?? await realpath(resolve(cwd, f.path)).catch(() => resolve(cwd, f.path!));
    if (seen.has(key)) return;
    seen.add(key);
    inputs.push(f);
  };

  const expandOne = async (arg: string): Promise<void> => {
    if (arg === '-') { await add({ path: null, name: 'stdin', mirror: 'stdin' }); return; }
    const abs = resolve(cwd, arg);
    const st = await stat(abs).catch(() => null);
    if (st?.isDirectory()) {
      const before = inputs.length;
      const failed = problems.length;
      const accept = options.select ? await options.select(abs) : () => true;
      const addSelected = (f: InputFile, real: string): Promise<void> => (accept(posix.relative(toPosix(arg), f.name)) ? add(f, real) : Promise.resolve());
      await walk(abs, await realpath(abs).catch(() => abs), arg, mirrorPath(arg, cwd), excluded, addSelected, problems);
      if (inputs.length === before && problems.length === failed) {
        problems.push({ input: arg, reason: options.select ? 'directory holds no file to convert' : 'directory holds no files' });
      }
      return;
    }
    // tinyglobby (and picomatch, CommonJS) load only for an argument that names no file
    const globs = st ? null : await import('tinyglobby');
    if (globs?.isDynamicPattern(arg)) {
      const { glob } = globs;
      const matches = (await glob(arg, { cwd, onlyFiles: true, dot: false, followSymbolicLinks: true, expandDirectories: false })).sort(byName);
      if (!matches.length) problems.push({ input: arg, reason: 'no file matches this pattern' });
      for (const m of matches) await add(fileInput(m, cwd, (await stat(resolve(cwd, m)).catch(() => null))?.size));
      return;
    }
    // A file, or a path that does not exist: reading it reports the reason ("no such file").
    await add(fileInput(arg, cwd, st?.isFile() ? st.size : undefined));
  };

  for (const arg of args) await expandOne(arg);
  if (options.filesFrom !== undefined) {
    const list = options.filesFrom === '-'
      ? await (options.readStdin ?? readAll)()
      : await readFile(resolve(cwd, options.filesFrom));
    const names = list.toString('utf8').split(options.nul ? '\0' : /\r?\n/).filter((n) => n.length > 0);
    for (const name of names) {
      // entries are paths, never patterns: a file name may contain * or [
      const st = await stat(resolve(cwd, name)).catch(() => null);
      if (st?.isDirectory()) await expandOne(name);
      else await add(fileInput(name, cwd, st?.isFile() ? st.size : undefined));
    }
  }
  return { inputs, problems };
}

/** Why an entry of a directory cannot be read, in words (the reason is reported, never skipped). */
function entryProblem(err: unknown, what: 'folder' | 'entry' | 'link'): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENAMETOOLONG') return 'path too long for the system (over PATH_MAX)';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'ENOENT') return what === 'link' ? 'dangling symbolic link (its target does not exist)' : 'vanished while the folder was read';
  return `cannot read this ${what}: ${(err as Error).message}`;
}

/**
 * Recursively list a directory: sorted names, no hidden entries, each real directory entered once.
 * An entry that cannot be read (a folder without permission, a dangling link, a name that is not
 * valid UTF-8, a path over PATH_MAX, a FIFO) is a problem named in `problems`, never skipped without
 * a word.
 *
 * Linear in the depth of the tree: a loop over a stack of folders, not a recursion, and what the
 * stack holds per folder does not grow with the depth: its entries' names and types, and a real
 * path only for a folder reached through a link. Paths (to open, shown, mirrored, real) are made
 * from the stack of names when an entry needs them. Carried down level by level, four paths per
 * level (one a chain of concatenations) made 1,000 levels take seconds, most of them in the garbage
 * collector. A folder's real path is its parent's plus its name unless it is a link (asking
 * realpath() at every level costs a readlink per component).
 */
async function walk(
  rootAbs: string, rootReal: string, rootShown: string, rootMirror: string, excluded: Set<string>,
  add: (f: InputFile, real: string) => Promise<void>, problems: InputProblem[],
): Promise<void> {
  interface Entry { name: string; dir: boolean; file: boolean; link: boolean }
  /** a folder being listed; `real`: its real path, when it is the root or was reached through a link */
  interface Folder { entries: Entry[]; next: number; real: string | null }
  const stack: Folder[] = [];
  const names: string[] = []; // from the root down to the folder on top of the stack
  const rootPosix = toPosix(rootShown);
  const shownOf = (name: string): string => posix.join(rootPosix, ...names, name);
  const mirrorOf = (name: string): string => [...(rootMirror ? [rootMirror] : []), ...names, name].join('/');
  const absOf = (name: string): string => join(rootAbs, ...names, name);
  /** the real path of the folder on top of the stack: the nearest real one above it, plus the names since */
  const realOfTop = (): string => {
    let d = stack.length - 1;
    while (stack[d]!.real === null) d--;
    return d === stack.length - 1 ? stack[d]!.real! : join(stack[d]!.real!, ...names.slice(d));
  };
  /** is `real` the real path of a folder on the stack (a link back up: a loop)? */
  const onTheWay = (real: string): boolean => {
    for (let d = 0, end = stack.length; d < stack.length; d = end) {
      const base = stack[d]!.real!;
      for (end = d + 1; end < stack.length && stack[end]!.real === null;) end++;
      if (real === base) return true;
      if (!real.startsWith(base.endsWith(sep) ? base : base + sep)) continue;
      const rest = real.slice(base.length).split(sep).filter(Boolean);
      if (d + rest.length < end && rest.every((n, i) => n === names[d + i])) return true;
    }
    return false;
  };
  /** enter a folder (push it on the stack) unless it is on the way down already or excluded */
  const enter = async (abs: string, real: string, link: boolean, shown: () => string): Promise<boolean> => {
    if ((link && onTheWay(real)) || excluded.has(real)) return false; // a symlink loop, or the output directory
    let dirents: Dirent[];
    try {
      dirents = (await readdir(abs, { withFileTypes: true })).sort((a, b) => byName(a.name, b.name));
    } catch (err) {
      problems.push({ input: shown(), reason: entryProblem(err, 'folder') });
      return false;
    }
    const entries = dirents.map((e) => ({ name: e.name, dir: e.isDirectory(), file: e.isFile(), link: e.isSymbolicLink() }));
    stack.push({ entries, next: 0, real: link || !stack.length ? real : null });
    return true;
  };
  await enter(rootAbs, rootReal, false, () => rootShown);
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const e = top.entries[top.next++];
    if (!e) {
      stack.pop();
      names.pop();
      continue;
    }
    if (e.name.startsWith('.')) continue;
    const childAbs = absOf(e.name);
    let childReal = join(realOfTop(), e.name);
    let isDir = e.dir;
    let isFile = e.file;
    let size: number | undefined;
    if (e.link || isFile) {
      let st: Stats;
      try {
        st = await stat(childAbs);
        if (e.link) childReal = await realpath(childAbs);
      } catch (err) {
        // readdir gives a name that is not valid UTF-8 with U+FFFD in place of the bytes: no such name
        const reason = e.name.includes('\uFFFD') && (err as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'file name is not valid UTF-8 (rename it to read it)'
          : entryProblem(err, e.link ? 'link' : 'entry');
        problems.push({ input: shownOf(e.name), reason });
        continue;
      }
      isDir = st.isDirectory();
      isFile = st.isFile();
      size = st.size;
    }
    if (isDir) {
      if (await enter(childAbs, childReal, e.link, () => shownOf(e.name))) names.push(e.name);
    } else if (isFile) {
      await add({ path: childAbs, name: shownOf(e.name), mirror: mirrorOf(e.name), ...(size !== undefined ? { size } : {}) }, childReal);
    } else problems.push({ input: shownOf(e.name), reason: 'not a regular file (a FIFO, socket or device)' });
  }
}

function fileInput(path: string, cwd: string, size: number | undefined): InputFile {
  const name = toPosix(path);
  return { path, name, mirror: mirrorPath(path, cwd), ...(size !== undefined ? { size } : {}) };
}

/**
 * The relative path an output mirrors: the input's path under the working directory
 * (a/b/2023-11-04.txt); for a path outside it (../x, /abs/archive), its last name, so a directory
 * outside is mirrored from its own name down (archive/a/b/2023-11-04.txt). The working directory
 * itself (`news-split --out-dir out .`) mirrors as '' (its files at the top of the output).
 */
export function mirrorPath(path: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, path));
  if (!rel) return '';
  if (!rel.startsWith('..') && !isAbsolute(rel)) return toPosix(rel);
  return basename(resolve(cwd, path));
}

async function readAll(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
