/**
 * jieba (@node-rs/jieba, with its 349k-word dictionary) in this thread: the default Lexicon. No HMM,
 * so that only dictionary words count. It loads lazily, on the first ambiguous break, so runs that
 * never need it (and --version) do not pay its ~0.2 s start-up; where it cannot load, it cuts no word
 * (the layout evidence alone decides).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Lexicon } from './lexicon.js';

/** jieba's own interface (the native segmenter). */
export interface Segmenter {
  cut(text: string, hmm?: boolean): string[];
}

/** jieba with its dictionary, or null where it cannot load. */
export function loadSegmenter(): Segmenter | null {
  try {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(d: Uint8Array): Segmenter } };
    // read dict.txt directly: the package's dict.js also reads a 6 MB idf table we do not use
    return Jieba.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
  } catch {
    return null;
  }
}

let inThread: Lexicon | undefined;

/** This thread's jieba as a Lexicon, one per thread, loaded on its first question. */
export function jiebaLexicon(): Lexicon {
  if (!inThread) {
    let segmenter: Segmenter | null | undefined;
    inThread = {
      cut(text: string): string[] {
        if (segmenter === undefined) segmenter = loadSegmenter();
        return segmenter ? segmenter.cut(text, false) : [];
      },
    };
  }
  return inThread;
}
