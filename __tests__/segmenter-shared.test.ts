// Worker threads share one jieba through lexicon/shared.ts: its answers must be jieba's own, token for
// token, or break repair would depend on --jobs. Runs the built modules in a child process: two
// client threads ask the segmenter thread (dist/lexicon/shared.js) and the answers are compared with
// an in-process jieba.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { ROOT } from './helpers/cli.js';

const dist = (p: string) => pathToFileURL(join(ROOT, 'dist', p)).href;

const CLIENT = `
Promise.all([import('node:worker_threads'), import(${JSON.stringify(dist('lexicon/shared.js'))})]).then(([{ workerData, parentPort }, { remoteSegmenter }]) => {
  const seg = remoteSegmenter(workerData.slot);
  const tokens = workerData.texts.map((t) => seg.cut(t));
  parentPort.postMessage({ tokens, answeredHere: seg.answeredHere });
});`;

const SCRIPT = `
import { Worker } from 'node:worker_threads';
const { SharedSegmenter } = await import(${JSON.stringify(dist('lexicon/shared.js'))});
const { loadSegmenter } = await import(${JSON.stringify(dist('lexicon/jieba.js'))});
const texts = JSON.parse(process.argv[2]);
const shared = new SharedSegmenter(2);
const ask = (slot) => new Promise((resolve, reject) => {
  const w = new Worker(${JSON.stringify(CLIENT)}, { eval: true, workerData: { slot, texts } });
  w.once('message', resolve);
  w.once('error', reject);
});
const answers = await Promise.all([ask(shared.claim()), ask(shared.claim())]);
const spare = shared.claim();
await shared.close();
const local = loadSegmenter();
process.stdout.write(JSON.stringify({ answers, spare, local: local && texts.map((t) => local.cut(t, false)) }));
`;

// Breaks judged in a worker through the shared segmenter (its word table first, then jieba) and
// in-process with jieba alone.
const JUDGE_CLIENT = `
Promise.all([import('node:worker_threads'), import(${JSON.stringify(dist('lexicon/shared.js'))}), import(${JSON.stringify(dist('lexicon/lexicon.js'))})]).then(([{ workerData, parentPort }, { remoteSegmenter }, l]) => {
  const seg = remoteSegmenter(workerData.slot);
  let asked = 0;
  const lexicon = { cut: (t) => { asked++; return seg.cut(t); }, mayJoin: (a, b) => seg.mayJoin(a, b) };
  l.breakInsideWord(lexicon, '渝湘复线高', '速公路'); // the first answer waits for jieba to load
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (!seg.tableReady) Atomics.wait(pause, 0, 0, 5); // the word table fills between answers
  asked = 0;
  const inside = workerData.breaks.map(([a, b]) => l.breakInsideWord(lexicon, a, b));
  parentPort.postMessage({ inside, asked, skipped: workerData.breaks.filter(([a, b]) => !seg.mayJoin(a, b)).length });
});`;

const JUDGE_SCRIPT = `
import { Worker } from 'node:worker_threads';
const { SharedSegmenter } = await import(${JSON.stringify(dist('lexicon/shared.js'))});
const { breakInsideWord } = await import(${JSON.stringify(dist('lexicon/lexicon.js'))});
const { jiebaLexicon } = await import(${JSON.stringify(dist('lexicon/jieba.js'))});
const breaks = JSON.parse(process.argv[2]);
const shared = new SharedSegmenter(1);
const w = new Worker(${JSON.stringify(JUDGE_CLIENT)}, { eval: true, workerData: { slot: shared.claim(), breaks } });
const remote = await new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); });
await shared.close();
process.stdout.write(JSON.stringify({ remote, local: breaks.map(([l, r]) => breakInsideWord(jiebaLexicon(), l, r)) }));
`;

const runScript = (source: string, arg: unknown) => {
  // a file, not -e: worker threads inherit the parent's execArgv
  const dir = mkdtempSync(join(tmpdir(), 'news-split-segmenter-'));
  const script = join(dir, 'run.mjs');
  writeFileSync(script, source);
  const r = spawnSync(process.execPath, [script, JSON.stringify(arg)], { encoding: 'utf8', cwd: ROOT, timeout: 30_000 });
  rmSync(dir, { recursive: true, force: true });
  return r;
};

describe('the shared segmenter', () => {
  it('answers every worker with the tokens jieba gives in-process', () => {
    const texts = ['经济圈建设打造', '渝湘复线高速公路', '午餐和晚餐,日均', 'A26版 记者 王', '𠀀𠀁汉字', '', '  ', '一'];
    const r = runScript(SCRIPT, texts);
    expect(r.stderr).toBe('');
    const res = JSON.parse(r.stdout) as { answers: Array<{ tokens: string[][]; answeredHere: boolean }>; spare: unknown; local: string[][] | null };
    expect(res.local).not.toBeNull();
    for (const a of res.answers) {
      expect(a.answeredHere).toBe(false); // the segmenter thread answered, not a fallback
      expect(a.tokens).toEqual(res.local);
    }
    expect(res.local![0]).toContain('建设'); // a real segmentation, not one token per character
    expect(res.spare).toBeNull(); // two slots, both claimed
  });

  it('skips jieba only where no dictionary word spans the break, with the same verdicts', () => {
    const breaks = [
      ['经济圈建', '设,打造'], ['深度融合', '合、良性循环'], ['建成市级实', '训基地'], ['市委常委会议', '学习贯彻'],
      ['增长百分之十', '二点六,'], ['开放时间。', '为保障读者'], ['记者', '张三'], ['T', '恤衫'], ['𠀀汉', '字𠀁'], ['A26', '版'],
      ['长江黄金水', '道扩能'], ['会议', '学习'], ['今天', '。'], ['abc', 'def'],
      ['汉\ud840', '\udc00字'], // a break inside a surrogate pair (𠀀): one character spans it
    ];
    const r = runScript(JUDGE_SCRIPT, breaks);
    expect(r.stderr).toBe('');
    const res = JSON.parse(r.stdout) as { remote: { inside: boolean[]; asked: number; skipped: number }; local: boolean[] };
    expect(res.remote.inside).toEqual(res.local);
    expect(res.local[0]).toBe(true); // 建设
    expect(res.remote.skipped).toBeGreaterThan(0); // the table answered some breaks…
    expect(res.remote.asked).toBe(breaks.length - res.remote.skipped); // …and jieba all the others
  });
});
