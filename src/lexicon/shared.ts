/**
 * One word segmenter for all worker threads. jieba's dictionary costs ~47 MB of native memory and
 * ~0.2 s of CPU in every thread that loads it; with `--jobs N` the page workers instead ask this one
 * thread, synchronously, through shared memory (a page worker's split() cannot await a message).
 *
 * The shared buffer holds a doorbell, a "closed" flag and one slot per page worker: its state
 * (idle → request → answer → idle), a length, and room for the text and the answer. A worker writes
 * its text, sets "request", rings the doorbell and waits on its state; the segmenter thread, waiting
 * on the doorbell, answers every slot in "request" with the tokens (count, lengths, characters) and
 * sets "answer". It loads jieba as it starts, while the page workers load (see serve()).
 * The tokens are exactly what jieba returns in-process, so results do not depend on where a page
 * was split.
 *
 * Each question costs a page worker a wait for another thread (on a busy machine, a wait for a core),
 * so the segmenter thread also fills a shared table of the dictionary's words (hashes of all words of
 * two characters or more, ~4 MB, hashed as UTF-8). Without HMM, jieba's only tokens of two characters
 * or more are dictionary words (and runs of ASCII letters and digits, which hold no Han character),
 * so when no word in the table spans the break, jieba cannot join its two sides and the worker need not ask:
 * the answer is the same, about a third of the questions fewer on the bench archive. A hash collision
 * only means asking.
 */
import { createRequire } from 'node:module';
import { closeSync, openSync, readSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadSegmenter, type Segmenter } from './jieba.js';
import type { Lexicon } from './lexicon.js';

const IDLE = 0;
const REQUEST = 1;
const ANSWER = 2;
/** UTF-16 units of text and answer per slot (breakInsideWord asks about 12 characters) */
const ROOM = 1024;
/** the answer's count when this platform has no segmenter */
const NO_SEGMENTER = 0xffff;
/** a page worker gives up on a segmenter that has not answered in this long */
const TIMEOUT_MS = 60_000;

interface Layout {
  buffer: SharedArrayBuffer;
  slots: number;
  /** the dictionary's words, hashed (WORD_TABLE_SIZE slots; 0 is empty); usable once ctl[2] is 1 */
  words: SharedArrayBuffer;
}

/** The segmenter thread's own heap holds a question and its answer at a time (jieba's dictionary is
 *  native memory): small limits keep V8 from growing it as it would a page worker's */
const SEGMENTER_HEAP = { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 64 };

const header = 3; // doorbell, closed, word table filled
/** slots of the word table: a power of two, about three times the dictionary's 337k words */
const WORD_TABLE_SIZE = 1 << 20;
const ctlOf = (l: Layout) => new Int32Array(l.buffer, 0, header + 2 * l.slots);
const dataOf = (l: Layout, slot: number) => new Uint16Array(l.buffer, 4 * (header + 2 * l.slots) + 2 * ROOM * slot, ROOM);

export interface SegmenterThreadData {
  newsSplitSegmenter: true;
  layout: Layout;
}

/** The main thread's handle: starts the thread, hands out slots, stops it. */
export class SharedSegmenter {
  private readonly layout: Layout;
  private readonly worker: Worker;
  private next = 0;

  constructor(slots: number) {
    this.layout = {
      buffer: new SharedArrayBuffer(4 * (header + 2 * slots) + 2 * ROOM * slots), slots, words: new SharedArrayBuffer(4 * WORD_TABLE_SIZE),
    };
    const data: SegmenterThreadData = { newsSplitSegmenter: true, layout: this.layout };
    this.worker = new Worker(new URL('./shared.js', import.meta.url), { workerData: data, resourceLimits: SEGMENTER_HEAP });
    this.worker.unref();
    this.worker.on('error', () => { /* page workers time out and fall back to their own segmenter */ });
  }

  /** A slot for a new page worker, or null when all are used (it then loads its own segmenter). */
  claim(): RemoteSlot | null {
    return this.next < this.layout.slots ? { layout: this.layout, slot: this.next++ } : null;
  }

  async close(): Promise<void> {
    const ctl = ctlOf(this.layout);
    Atomics.store(ctl, 1, 1);
    Atomics.add(ctl, 0, 1);
    Atomics.notify(ctl, 0);
    await this.worker.terminate();
  }
}

export interface RemoteSlot {
  layout: Layout;
  slot: number;
}

/** In a page worker: a Lexicon that asks the segmenter thread. It must not run on the thread that
 *  started the segmenter thread (a thread blocked in Atomics.wait cannot start a worker). */
export function remoteSegmenter({ layout, slot }: RemoteSlot): Lexicon & { readonly answeredHere: boolean; readonly tableReady: boolean } {
  const ctl = ctlOf(layout);
  const data = dataOf(layout, slot);
  const state = header + 2 * slot;
  const words = new Int32Array(layout.words);
  let local: Segmenter | null | undefined; // after a time-out: this thread's own
  const tableFilled = (): boolean => Atomics.load(ctl, 2) === 1;
  return {
    /** true once the segmenter thread did not answer and this thread loaded its own */
    get answeredHere() { return local !== undefined; },
    /** true once the word table is filled (mayJoin() answers from it from then on) */
    get tableReady() { return tableFilled(); },
    mayJoin(left: string, right: string): boolean {
      if (local !== undefined || !tableFilled()) return true;
      // a break inside a surrogate pair: one character spans it, no word needed
      const before = left.charCodeAt(left.length - 1);
      const after = right.charCodeAt(0);
      if ((before >= 0xd800 && before < 0xdc00) || (after >= 0xdc00 && after < 0xe000)) return true;
      const text = left + right;
      for (let start = 0; start < left.length; start++) {
        for (let end = left.length + 1; end <= text.length; end++) if (hasWord(words, text, start, end)) return true;
      }
      return false;
    },
    cut(text: string): string[] {
      if (local !== undefined) return local ? local.cut(text, false) : [];
      if (text.length > ROOM / 2 - 1) throw new Error(`segmenter: ${text.length} characters do not fit`);
      for (let i = 0; i < text.length; i++) data[i] = text.charCodeAt(i);
      Atomics.store(ctl, state + 1, text.length);
      Atomics.store(ctl, state, REQUEST);
      Atomics.add(ctl, 0, 1);
      Atomics.notify(ctl, 0);
      const deadline = Date.now() + TIMEOUT_MS;
      while (Atomics.load(ctl, state) === REQUEST) {
        if (Atomics.wait(ctl, state, REQUEST, 1000) === 'timed-out' && Date.now() > deadline) {
          local = loadSegmenter();
          return local ? local.cut(text, false) : [];
        }
      }
      const count = data[0]!;
      Atomics.store(ctl, state, IDLE);
      if (count === NO_SEGMENTER) return [];
      const tokens: string[] = [];
      let at = 1 + count;
      for (let k = 0; k < count; k++) {
        const n = data[1 + k]!;
        tokens.push(String.fromCharCode(...data.subarray(at, at + n)));
        at += n;
      }
      return tokens;
    },
  };
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-8 bytes of text[start, end), as they stand in dict.txt; never 0 (the empty slot). */
function wordHash(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  const byte = (b: number): void => { h = Math.imul(h ^ b, FNV_PRIME); };
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) { byte(c); continue; }
    if (c < 0x800) { byte(0xc0 | (c >> 6)); byte(0x80 | (c & 0x3f)); continue; }
    const next = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < end && next >= 0xdc00 && next < 0xe000) {
      c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
      i++;
      byte(0xf0 | (c >> 18)); byte(0x80 | ((c >> 12) & 0x3f));
    } else byte(0xe0 | (c >> 12));
    byte(0x80 | ((c >> 6) & 0x3f)); byte(0x80 | (c & 0x3f));
  }
  return h === 0 ? 1 : h;
}

/** The table slot that holds the hash, or the empty slot where it would go (linear probing). */
function slotOf(table: Int32Array, h: number): number {
  let i = h & (WORD_TABLE_SIZE - 1);
  while (table[i] !== 0 && table[i] !== h) i = (i + 1) & (WORD_TABLE_SIZE - 1);
  return i;
}

function hasWord(table: Int32Array, text: string, start: number, end: number): boolean {
  const h = wordHash(text, start, end);
  return table[slotOf(table, h)] === h;
}

/** White space other than the space and the line end, in UTF-8: jieba would cut a word there. */
const OTHER_SPACE = ['\t', '\v', '\f', '\r', '\u0085', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff',
  ...Array.from({ length: 11 }, (_, k) => String.fromCharCode(0x2000 + k))].map((c) => Buffer.from(c));

/**
 * The words of jieba's dictionary (dict.txt: word freq tag), two characters or more, into the table.
 * Read in small pieces, hashing the bytes in place: this thread rarely collects garbage, so a copy
 * of the 5 MB file would stay in its memory for the whole run.
 */
function* fillWordTable(layout: Layout): Generator<void> {
  let fd = -1;
  try {
    const table = new Int32Array(layout.words);
    fd = openSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'), 'r');
    const buf = Buffer.alloc(1 << 16);
    let kept = 0; // bytes of an unfinished line at the start of buf
    let filled = 0;
    for (;;) {
      const read = readSync(fd, buf, kept, buf.length - kept, null);
      const n = kept + read;
      // complete lines only (all of it at the end of the file)
      const last = read === 0 ? n : buf.lastIndexOf(0x0a, n - 1) + 1;
      if (last === 0 && read > 0) return; // a line longer than the buffer: not the dictionary we know
      // jieba cuts each line at white space: with only spaces and line ends, its words are exactly
      // what precedes each line's first space (other white space: no table, to be safe)
      const lines = buf.subarray(0, last);
      if (OTHER_SPACE.some((sp) => lines.includes(sp))) return;
      for (let at = 0; at < last;) {
        let lineEnd = buf.indexOf(0x0a, at);
        if (lineEnd < 0 || lineEnd > last) lineEnd = last;
        let end = buf.indexOf(0x20, at);
        if (end < 0 || end > lineEnd) end = lineEnd;
        let h = FNV_OFFSET;
        for (let i = at; i < end; i++) h = Math.imul(h ^ buf[i]!, FNV_PRIME);
        if (h === 0) h = 1;
        // two characters or more: more bytes than one character's UTF-8 has
        if (end - at > utf8Length(buf[at]!)) {
          const i = slotOf(table, h);
          if (table[i] === 0) { table[i] = h; filled++; }
          if (filled > WORD_TABLE_SIZE / 2) return; // a dictionary this large: keep asking jieba
        }
        at = lineEnd + 1;
      }
      if (read === 0) break;
      kept = n - last;
      buf.copy(buf, 0, last, n);
      yield; // questions are answered between pieces (serve())
    }
    Atomics.store(ctlOf(layout), 2, 1);
  } catch {
    // no table: page workers ask about every break
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/** Bytes of the UTF-8 sequence that starts with `lead`. */
const utf8Length = (lead: number): number => (lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4);

/**
 * The segmenter thread's loop: answer requests until closed. jieba loads as the thread starts, while
 * the page workers load their modules (a pool runs on a megabyte or more, or on many files, and
 * nearly always asks; loading on the first question kept every worker waiting ~0.3 s for it), and
 * the word table fills between answers.
 */
function serve(layout: Layout): void {
  const ctl = ctlOf(layout);
  const segmenter = loadSegmenter();
  // the table only stands in for this jieba, with its dictionary; it is filled a piece at a time
  // between answers, so the first questions (asked as the workers start) do not wait for it too
  let filling: Generator<void> | null = segmenter ? fillWordTable(layout) : null;
  for (;;) {
    const rung = Atomics.load(ctl, 0);
    for (let slot = 0; slot < layout.slots; slot++) {
      const state = header + 2 * slot;
      if (Atomics.load(ctl, state) !== REQUEST) continue;
      const data = dataOf(layout, slot);
      const text = String.fromCharCode(...data.subarray(0, Atomics.load(ctl, state + 1)));
      const tokens = segmenter ? segmenter.cut(text, false) : null;
      if (!tokens) data[0] = NO_SEGMENTER;
      else {
        data[0] = tokens.length;
        let at = 1 + tokens.length;
        tokens.forEach((t, k) => {
          data[1 + k] = t.length;
          for (let i = 0; i < t.length; i++) data[at + i] = t.charCodeAt(i);
          at += t.length;
        });
      }
      Atomics.store(ctl, state, ANSWER);
      Atomics.notify(ctl, state);
    }
    if (Atomics.load(ctl, 1)) { filling?.return(undefined); return; }
    if (filling) { if (filling.next().done) filling = null; } else Atomics.wait(ctl, 0, rung, 1000);
  }
}

const init = workerData as SegmenterThreadData | undefined;
if (!isMainThread && parentPort && init?.newsSplitSegmenter) serve(init.layout);
