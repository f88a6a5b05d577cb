/**
 * One page's conversion, and the worker thread that runs it for `--jobs N`. The same convertPage()
 * runs in-process for small runs, so output never depends on where a page was converted.
 *
 * The worker returns the SplitResult (structured-cloned), not emitted text: emitters may keep state
 * across articles (JSON's separators, its inputs list) and plug-ins need not load in a worker, so the
 * main thread runs the one emitter. Measured on the sample page: cloning a page's articles costs
 * about 4 % of what split() costs, so the parallel part is where the time goes.
 */
import type { Profile } from '../knowledge/profile.js';
import { parentPort, workerData } from 'node:worker_threads';
import { split } from '../pipeline.js';
import { verify, type VerifyReport } from '../verify.js';
import type { SplitResult } from '../types.js';

export interface PageSettings {
  repair: boolean;
  date?: string;
  verify: boolean;
  /** a newspaper profile (plain data: it crosses to the workers as is) */
  profile?: Profile;
}

export interface PageTask {
  seq: number;
  file: string;
  page: number;
  text: string;
}

export interface PageResult {
  result: SplitResult;
  check?: VerifyReport;
}

export type WorkerReply =
  | { seq: number; ok: true; value: PageResult }
  | { seq: number; ok: false; message: string; stack?: string };

export function convertPage(task: PageTask, settings: PageSettings): PageResult {
  const result = split(task.text, {
    file: task.file, page: task.page, repair: settings.repair, ...(settings.date ? { date: settings.date } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
  });
  return settings.verify ? { result, check: verify(task.text, result) } : { result };
}

/** Marks the worker's data, so that importing this module in the main thread starts nothing. */
export interface WorkerInit {
  newsSplitPageWorker: true;
  settings: PageSettings;
}

const init = workerData as WorkerInit | undefined;
if (parentPort && init?.newsSplitPageWorker) {
  const port = parentPort;
  // a batch of pages in, one reply per page out, in the same order
  port.on('message', (tasks: PageTask[]) => {
    port.postMessage(tasks.map((task): WorkerReply => {
      try {
        return { seq: task.seq, ok: true, value: convertPage(task, init.settings) };
      } catch (err) {
        const e = err as Error;
        return { seq: task.seq, ok: false, message: e?.message ?? String(err), ...(e?.stack ? { stack: e.stack } : {}) };
      }
    }));
  });
}
