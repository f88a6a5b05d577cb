/**
 * Which files of a directory argument are converted. A folder of pages often holds other things: the
 * corpus keeps its `.gold.json` labels beside the pages (143 junk articles when they were converted),
 * and scans or images beside text dumps made a run fail. So a directory contributes text files only:
 * by default the extensions below; `--ext` names others, `--glob` a pattern (tinyglobby, matched
 * against the path inside the directory). Files named on the command line are always read.
 */
import type { FileFilter } from '../read/inputs.js';

/** What a directory contributes by default: plain-text dumps (.txt, and .text as some exporters write). */
export const DEFAULT_EXTENSIONS = ['txt', 'text'] as const;

/** `--ext txt,.TEXT,md` → ['txt', 'text', 'md']; an empty item is refused (returns null). */
export function parseExtensions(list: string): string[] | null {
  const items = list.split(',').map((e) => e.trim().replace(/^\./, '').toLowerCase());
  return items.length && items.every((e) => e.length > 0 && !/[\\/]/.test(e)) ? items : null;
}

export function directorySelector(extensions: readonly string[] | null, pattern: string | undefined): (dir: string) => Promise<FileFilter> {
  const exts = new Set(extensions ?? (pattern === undefined ? DEFAULT_EXTENSIONS : []));
  const byExtension = (rel: string): boolean => {
    const dot = rel.lastIndexOf('.');
    return dot > rel.lastIndexOf('/') && exts.has(rel.slice(dot + 1).toLowerCase());
  };
  return async (dir) => {
    if (pattern === undefined) return byExtension;
    // tinyglobby (and picomatch, CommonJS) load only for --glob: most runs never match a pattern
    const { glob } = await import('tinyglobby');
    const matched = new Set(await glob(pattern, { cwd: dir, onlyFiles: true, dot: false, followSymbolicLinks: true, expandDirectories: false }));
    // --glob alone: the pattern decides; with --ext too, both must hold
    return (rel) => matched.has(rel) && (exts.size === 0 || byExtension(rel));
  };
}
