// Worker threads share one jieba through cli/segmenter.ts: its answers must be jieba's own, token for
// token, or break repair would depend on --jobs. Runs the built modules in a child process: two
// client threads ask the segmenter thread (dist/cli/segmenter.js) and the answers are compared with
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
Promise.all([import('node:worker_threads'), import(${JSON.stringify(dist('cli/segmenter.js'))})]).then(([{ workerData, parentPort }, { remoteSegmenter }]) => {
  const seg = remoteSegmenter(workerData.slot);
  const tokens = workerData.texts.map((t) => seg.cut(t));
  parentPort.postMessage({ tokens, answeredHere: seg.answeredHere });
});`;

const SCRIPT = `
import { Worker } from 'node:worker_threads';
const { SharedSegmenter } = await import(${JSON.stringify(dist('cli/segmenter.js'))});
const { loadSegmenter } = await import(${JSON.stringify(dist('transform/junction.js'))});
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

describe('the shared segmenter', () => {
  it('answers every worker with the tokens jieba gives in-process', () => {
    const texts = ['经济圈建设打造', '渝湘复线高速公路', '午餐和晚餐,日均', 'A26版 记者 王', '𠀀𠀁汉字', '', '  ', '一'];
    // a file, not -e: worker threads inherit the parent's execArgv
    const dir = mkdtempSync(join(tmpdir(), 'news-split-segmenter-'));
    const script = join(dir, 'run.mjs');
    writeFileSync(script, SCRIPT);
    const r = spawnSync(process.execPath, [script, JSON.stringify(texts)], { encoding: 'utf8', cwd: ROOT, timeout: 30_000 });
    rmSync(dir, { recursive: true, force: true });
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
});
