// No stage may recurse or spread (`push(...x)`, `Math.min(...x)`) over something that grows with
// the page: each page below overflowed the call stack on main ("Maximum call stack size exceeded").
// Inputs are generated; every result must also pass the conservation check.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { split } from '../src/pipeline.js';
import { verify } from '../src/verify.js';

const PAGES: Array<[string, () => string]> = [
  ['a 1 MB page of short lines (a name list: 会议 a line)', () => '会议\n'.repeat(350_000)],
  ['a 4 MB page of headline-like lines', () => Array.from({ length: 200_000 }, (_, i) => `全国人民代表大会召开第${i}次`).join('\n')],
  ['a 200,000-line article body', () => '这是一行文字，\n'.repeat(200_000)],
  ['200,000 byline lines', () => '（记者 王芳）\n'.repeat(200_000)],
  ['a 9 MB run of spaces inside a line', () => `他说${' '.repeat(9_000_000)}正文。`],
];

describe('a page of any line count does not overflow the stack', () => {
  for (const [name, make] of PAGES) {
    it(name, () => {
      const text = make();
      const result = split(text);
      expect(verify(text, result).ok).toBe(true);
    }, 60_000);
  }
});

// V8's regexp stack shares the thread's stack limit, so a pattern that passes on an idle machine can
// overflow under load (CI failed once on the 9 MB case above). Running the library under a small
// stack makes that failure deterministic: every long run below overflowed one pattern or another.
describe('long runs inside a line under a small stack (as under load)', () => {
  // [what, before the run, the run's character, after the run]; each run is 9 million characters
  const RUNS: Array<[string, string, string, string]> = [
    ['spaces after a sentence end', '他说。', ' ', '正文。'],
    ['spaces before a dateline', '标题一', ' ', '标题二 新华社北京4月8日电 正文。'],
    ['ideographic spaces before a numbered item', '正文。', '\u3000', '一、他说。'],
    ['tabs in a byline', '（记者', '\t', '王芳）'],
    ['em spaces in a byline', '（记者', '\u2003', '王芳）'],
    ['no-break spaces before a credit', '王芳', '\u00a0', '摄'],
    ['spaces after a jump line', '（上接第一版）', ' ', '正文'],
    ['spaces in a quote box', '眾人眼中的他', ' ', '張三 「好」 李四 「好」'],
    ['spaces in a page header', '第', ' ', '版'],
  ];
  const script = `
    import { split } from './dist/pipeline.js';
    import { verify } from './dist/verify.js';
    const cases = JSON.parse(process.argv[1]);
    for (const [name, before, run, after] of cases) {
      const text = before + run.repeat(9_000_000) + after;
      for (const model of [undefined, false]) {
        if (!verify(text, split(text, model === false ? { model } : {})).ok) throw new Error('lost text: ' + name);
      }
    }
    console.log('ok');`;
  it('each is split, every character kept, with a 150 KB stack', () => {
    const r = spawnSync(process.execPath, ['--stack-size=150', '--input-type=module', '-e', script, JSON.stringify(RUNS)], {
      encoding: 'utf8',
    });
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('ok');
  }, 120_000);
});
