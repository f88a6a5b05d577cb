/**
 * Where output may go. An output name comes from input names and article titles, so it is untrusted:
 * it must stay inside the output directory (no '..', no absolute path, no symlinked folder leading
 * out), and it must never be one of the input files.
 */
import { lstat, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export class UnsafePathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafePathError';
  }
}

/** Is `child` the folder `parent` or inside it? (Both absolute and normalised.) */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * `dir/rel`, checked by name alone: `rel` must be relative, without NUL bytes, and must not climb out
 * of `dir` ('..', 'a/../../x'). Returns the joined path (relative when `dir` is).
 */
export function resolveInside(dir: string, rel: string): string {
  if (rel.includes('\0')) throw new UnsafePathError(`output name ${JSON.stringify(rel)} contains a NUL byte`);
  if (isAbsolute(rel) || /^[A-Za-z]:/.test(rel) || rel.startsWith('\\')) {
    throw new UnsafePathError(`output name ${rel} is an absolute path`);
  }
  const root = resolve(dir);
  const path = resolve(root, rel);
  if (!isInside(root, path)) throw new UnsafePathError(`output name ${rel} is outside ${dir}`);
  return join(dir, rel);
}

/**
 * Check on disk that no folder between `dir` and `path` is a symbolic link (a link could lead out
 * of the output directory), and that `path` itself is not a link. Missing parts are fine: they
 * will be created as plain folders.
 */
export async function refuseSymlinks(dir: string, path: string): Promise<void> {
  const root = resolve(dir);
  const abs = resolve(path);
  if (!isInside(root, abs)) throw new UnsafePathError(`${path} is outside ${dir}`);
  let cur = root;
  for (const part of relative(root, abs).split(sep).filter(Boolean)) {
    cur = join(cur, part);
    const st = await lstat(cur).catch(() => null);
    if (!st) return;
    if (st.isSymbolicLink()) throw new UnsafePathError(`${cur} is a symbolic link: output is not written through links`);
  }
}

/** The real paths of the inputs, to compare outputs against. */
export async function realInputSet(inputs: Iterable<string>): Promise<Set<string>> {
  const set = new Set<string>();
  for (const p of inputs) set.add(await realpath(p).catch(() => resolve(p)));
  return set;
}

/** Refuse an output path that is (or, through a link, points at) one of the inputs. */
export async function refuseInputOverwrite(path: string, inputs: Set<string>): Promise<void> {
  const abs = resolve(path);
  const real = await realpath(abs).catch(() => abs);
  if (inputs.has(abs) || inputs.has(real)) throw new UnsafePathError(`output ${path} would overwrite the input file ${real}`);
}

/** All the checks: a name inside `dir`, no links on the way, not an input. Returns the path to write. */
export async function safeOutputPath(dir: string, rel: string, inputs: Set<string> = new Set()): Promise<string> {
  const path = resolveInside(dir, rel);
  await refuseSymlinks(dir, path);
  await refuseInputOverwrite(path, inputs);
  return path;
}

/**
 * Why a single output file (-o FILE, --diagnostics FILE) cannot be written, or null. Checked before
 * anything is opened for writing: the file must not be one of the inputs (the same device and inode,
 * whatever name reaches it: the same path, a symbolic link, a hard link), and its folder must exist.
 * `news-split -o b.txt b.txt` used to truncate b.txt and convert the empty file, exit 0.
 */
export interface OutputFileProblem {
  /** 'input': a usage error (exit 2); 'unwritable': the output cannot be written (exit 1) */
  kind: 'input' | 'unwritable';
  reason: string;
}

export async function outputFileProblem(path: string, inputs: readonly string[]): Promise<OutputFileProblem | null> {
  const unwritable = (reason: string): OutputFileProblem => ({ kind: 'unwritable', reason });
  const target = await stat(path).catch(() => null);
  if (target?.isDirectory()) return unwritable('is a directory');
  // a file its owner made read-only is not replaced, whoever runs the tool: root may write it, but
  // `news-split --diagnostics page.txt` (the input's name taken as the option's value) must not
  // empty a write-protected archive page
  if (target && (target.mode & 0o222) === 0) return unwritable('is read-only: not overwritten');
  if (target) {
    for (const input of inputs) {
      const st = await stat(input).catch(() => null);
      if (st && st.dev === target.dev && st.ino === target.ino) {
        return { kind: 'input', reason: input === path ? 'is also an input: it would be overwritten' : `is the input ${input} (same file): it would be overwritten` };
      }
    }
    return null;
  }
  const folder = await stat(dirname(resolve(path))).catch(() => null);
  if (!folder) return unwritable(`no such folder: ${dirname(path)}`);
  if (!folder.isDirectory()) return unwritable(`${dirname(path)} is not a folder`);
  return null;
}
