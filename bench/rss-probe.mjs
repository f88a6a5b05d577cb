// Preloaded by bench/run.mjs (node --import): on exit, the process's peak RSS (worker threads
// included) goes to the file named by NEWS_SPLIT_BENCH_RSS. Kept out of the start-up timings.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const target = process.env.NEWS_SPLIT_BENCH_RSS;
if (target && isMainThread) {
  process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));
}
