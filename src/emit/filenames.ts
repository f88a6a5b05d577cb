/**
 * Safe file names for one-file-per-article output. A name is built from the input's name, the
 * article's index and a slug of its title, and must be safe on every OS: no path separators or
 * characters Windows refuses, no control or invisible format characters, no reserved device names
 * (CON, NUL, COM1…), no leading or trailing dots and spaces, and short enough in UTF-8 bytes for
 * file systems that count bytes (ext4, APFS: 255) — a Chinese character takes 3 bytes there.
 */
import { basename, extname, relative, resolve, isAbsolute, join } from 'node:path';

/** Bytes allowed for a whole name, extension included: well under the usual 255-byte limit, so that
 *  a collision suffix or an editor's backup suffix still fits. */
export const MAX_NAME_BYTES = 200;
/** Bytes of the title slug inside a name: about 26 Chinese characters. */
export const MAX_SLUG_BYTES = 80;

// Windows forbids these in names; '/' and '\' separate paths everywhere; NUL and controls confuse tools.
const FORBIDDEN = /[<>:"/\\|?*\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
// Device names that Windows reserves whatever the extension (CON.txt is still CON).
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

const encoder = new TextEncoder();
const byteLength = (s: string): number => encoder.encode(s).length;

/** Cut `text` to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = byteLength(ch);
    if (used + n > maxBytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/** One component of a file name: forbidden characters become '-', runs of spaces and dashes
 *  collapse, dots and dashes at either end go (so '..' and '.hidden' cannot appear). */
export function sanitizeComponent(text: string, maxBytes: number): string {
  const cleaned = text
    .normalize('NFC')
    .replace(FORBIDDEN, '-')
    .replace(/[\s\u3000]+/gu, '-')
    .replace(/\.{2,}/g, '.') // no '..' anywhere, even where it is not a path component
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return truncateBytes(cleaned, maxBytes).replace(/[-.]+$/g, '');
}

/** The stem of an input's name, safe as a file name: 'a/b/page-1.txt' → 'page-1', 'CON.txt' → '_CON'. */
export function inputStem(input: string): string {
  const base = basename(input.replace(/\\/g, '/'));
  const stem = sanitizeComponent(base.slice(0, base.length - extname(base).length) || base, MAX_NAME_BYTES / 2) || 'input';
  return RESERVED.test(stem) ? `_${stem}` : stem;
}

/**
 * The file name of one article: `<input stem>-<index, 3 digits>[-<title slug>].<extension>`, e.g.
 * `cqrb-2023-11-04-p1-001-市委常委会举行扩大会议.md`. The index keeps the names in page order and
 * unique within an input even when titles repeat or slug to nothing.
 */
export function articleFileName(input: string, index: number, title: string | null, extension: string): string {
  const ext = sanitizeComponent(extension, 16);
  const stem = `${inputStem(input)}-${String(index).padStart(3, '0')}`;
  const slug = title ? sanitizeComponent(title, MAX_SLUG_BYTES) : '';
  const room = MAX_NAME_BYTES - byteLength(stem) - byteLength(ext) - 2;
  const fitted = room > 0 ? sanitizeComponent(slug, room) : '';
  return `${stem}${fitted ? `-${fitted}` : ''}${ext ? `.${ext}` : ''}`;
}

/** `dir/name`, refusing any name that would resolve outside `dir`. */
export function joinInside(dir: string, name: string): string {
  const root = resolve(dir);
  const path = resolve(root, name);
  const rel = relative(root, path);
  if (!rel || rel.startsWith('..') || isAbsolute(rel) || rel.includes('/') || rel.includes('\\')) {
    throw new Error(`unsafe output file name '${name}'`);
  }
  return join(dir, name);
}

/**
 * Names already given in one output directory. Two inputs with the same name in different
 * folders (a/page.txt, b/page.txt) would produce the same article names: the second one gets
 * `~2` before the extension instead of overwriting the first. Compared case-insensitively, as
 * Windows and macOS file systems do.
 */
export class NameBook {
  private readonly used = new Set<string>();

  claim(name: string): string {
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let candidate = name;
    for (let n = 2; this.used.has(candidate.toLowerCase()); n++) candidate = `${stem}~${n}${ext}`;
    this.used.add(candidate.toLowerCase());
    return candidate;
  }
}
