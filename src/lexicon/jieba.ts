/**
 * jieba's words (its 349k-word dictionary, no HMM, so that only dictionary words count) in this
 * thread: the default Lexicon. The segmentation is jieba-rs's own, redone in JS (cut.ts) over a
 * compact table of the dictionary (dictionary.ts) that `npm run build` writes from the dict.txt of
 * @node-rs/jieba: opening it is one file read (a few milliseconds, where the native jieba built its
 * trie in ~0.2 s). It opens on the first ambiguous break, so runs that never need it do not read it;
 * where neither the table nor dict.txt can be read, it cuts no word (the layout evidence alone decides).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { encodeDictionary, openDictionary, parseDictText, type Dictionary } from './dictionary.js';
import { cutNoHmm } from './cut.js';
import type { Lexicon } from './lexicon.js';

/** Where the build writes the table: beside this module in dist/ (scripts/build-tables.mjs). */
export const TABLE_URL = new URL('./jieba-dict.bin', import.meta.url);

/** The table's bytes, made from jieba's dict.txt (the build writes them to TABLE_URL). */
export function jiebaTableBytes(): Uint8Array {
  const require = createRequire(import.meta.url);
  return encodeDictionary(parseDictText(readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8')));
}

/** jieba's dictionary: the built table, or (from the sources, before a build) one made from dict.txt; null if neither reads. */
export function loadDictionary(): Dictionary | null {
  try {
    const table = openDictionary(readFileSync(TABLE_URL));
    if (table) return table;
  } catch {
    // no table beside this module: make it
  }
  try {
    return openDictionary(jiebaTableBytes());
  } catch {
    return null;
  }
}

let inThread: Lexicon | undefined;

/** This thread's jieba as a Lexicon, one per thread, its dictionary opened on its first question. */
export function jiebaLexicon(): Lexicon {
  if (!inThread) {
    let dict: Dictionary | null | undefined;
    inThread = {
      cut(text: string): string[] {
        if (dict === undefined) dict = loadDictionary();
        return dict ? cutNoHmm(dict, text) : [];
      },
    };
  }
  return inThread;
}
