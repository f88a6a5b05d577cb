/**
 * One word segmenter for all worker threads. jieba's dictionary costs ~47 MB of native memory and
 * ~0.2 s of CPU in every thread that loads it; with `--jobs N` the page workers instead ask this one
 * thread, synchronously, through shared memory (a page worker's split() cannot await a message).
 *
 * The shared buffer holds a doorbell, a "closed" flag and one slot per page worker: its state
 * (idle → request → answer → idle), a length, and room for the text and the answer. A worker writes
 * its text, sets "request", rings the doorbell and waits on its state; the segmenter thread, waiting
 * on the doorbell, answers every slot in "request" with the tokens (count, lengths, characters) and
 * sets "answer". It loads jieba on the first request, so runs without ambiguous breaks never do.
 * The tokens are exactly what jieba returns in-process, so results do not depend on where a page
 * was split.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadSegmenter, type Segmenter } from '../transform/junction.js';

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
}

const header = 2; // doorbell, closed
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
    this.layout = { buffer: new SharedArrayBuffer(4 * (header + 2 * slots) + 2 * ROOM * slots), slots };
    const data: SegmenterThreadData = { newsSplitSegmenter: true, layout: this.layout };
    this.worker = new Worker(new URL('./segmenter.js', import.meta.url), { workerData: data });
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

/** In a page worker: a Segmenter that asks the segmenter thread. It must not run on the thread that
 *  started the segmenter thread (a thread blocked in Atomics.wait cannot start a worker). */
export function remoteSegmenter({ layout, slot }: RemoteSlot): Segmenter & { readonly answeredHere: boolean } {
  const ctl = ctlOf(layout);
  const data = dataOf(layout, slot);
  const state = header + 2 * slot;
  let local: Segmenter | null | undefined; // after a time-out: this thread's own
  return {
    /** true once the segmenter thread did not answer and this thread loaded its own */
    get answeredHere() { return local !== undefined; },
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

/** The segmenter thread's loop: answer requests until closed. */
function serve(layout: Layout): void {
  const ctl = ctlOf(layout);
  let segmenter: Segmenter | null | undefined;
  for (;;) {
    const rung = Atomics.load(ctl, 0);
    for (let slot = 0; slot < layout.slots; slot++) {
      const state = header + 2 * slot;
      if (Atomics.load(ctl, state) !== REQUEST) continue;
      const data = dataOf(layout, slot);
      const text = String.fromCharCode(...data.subarray(0, Atomics.load(ctl, state + 1)));
      if (segmenter === undefined) segmenter = loadSegmenter();
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
    if (Atomics.load(ctl, 1)) return;
    Atomics.wait(ctl, 0, rung, 1000);
  }
}

const init = workerData as SegmenterThreadData | undefined;
if (!isMainThread && parentPort && init?.newsSplitSegmenter) serve(init.layout);
