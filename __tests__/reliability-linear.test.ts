// Linear time: doubling an adversarial input at most about doubles the time. Each input targets a
// regular expression that runs on user text (space runs, bars, credits, list items, leads, tags,
// sentence ends). Robust on a noisy 2-core machine: CPU time of this process (process.cpuUsage), not
// wall time, which a loaded machine stretches at random (CI failed at load 10 on wall time); medians
// of several runs, n against 4n (linear gives ~4, quadratic ~16), and the best of three attempts.
import { describe, expect, it } from '@jest/globals';
import { split } from '../src/pipeline.js';

const N = 10_000;
/** at 4n against n, linear is ~4 and quadratic ~16 */
const MAX_RATIO = 8;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** CPU milliseconds (user + system) of one call, the median of five. */
function time(text: string): number {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.cpuUsage();
    split(text);
    const t = process.cpuUsage(t0);
    runs.push((t.user + t.system) / 1000);
  }
  return median(runs);
}

const ADVERSARIAL: Array<[string, (n: number) => string]> = [
  ['a long run of spaces inside a line (trailing-space, credit, list-gap regexes)', (n) => `甲${' '.repeat(n)}乙`],
  ['a long run of ideographic spaces', (n) => `甲${'\u3000'.repeat(n)}乙`],
  ['spaces then a bar not at the end (web-residue suffix)', (n) => `甲${' '.repeat(n)}|乙`],
  ['bars and spaces alternating', (n) => `甲${' |'.repeat(n / 2)}乙`],
  ['many short space-separated segments (embedded lead search)', (n) => '张 '.repeat(n / 2)],
  ['names before a photo credit that never comes', (n) => `${'张 '.repeat(n / 2)}摄x`],
  ['spaces before a numbered item that never comes', (n) => `${' '.repeat(n)}x一、`],
  ['navigation arrows', (n) => `首页${' >'.repeat(n / 2)}`],
  ['sentence ends separated by spaces', (n) => '。 '.repeat(n / 4)],
  ['open parentheses', (n) => '('.repeat(n)],
  ['role words', (n) => '记者、'.repeat(n / 3)],
  ['outlet suffixes before a lead', (n) => `${'日报'.repeat(n / 2)}北京`],
  ['digits', (n) => '1'.repeat(n)],
  // every line is a clause cut after a comma: break repair joins them all into one growing paragraph
  ['thousands of short lines joined into one paragraph (break repair)', (n) => `标题\n\n${'这是一段文字，\n'.repeat(n / 4)}`],
];

describe(`linear time on adversarial input (n = ${N} and ${4 * N}, ratio < ${MAX_RATIO})`, () => {
  it.each(ADVERSARIAL)('%s', (_name, make) => {
    split(make(1000)); // warm up
    const small = make(N);
    const large = make(4 * N);
    let best = Infinity;
    let largeTime = Infinity;
    for (let attempt = 0; attempt < 3 && best >= MAX_RATIO; attempt++) {
      const t1 = Math.max(time(small), 4); // below a few ms the CPU clock's tick is all noise
      const t2 = time(large);
      best = Math.min(best, t2 / t1);
      largeTime = Math.min(largeTime, t2);
    }
    expect(best).toBeLessThan(MAX_RATIO);
    expect(largeTime).toBeLessThan(10_000);
  });
});
