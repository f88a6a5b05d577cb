// Deep directory trees: what the walk holds does not grow with the square of the depth, and links
// back up the tree are loops however deep and through however many links. The bound is memory, not
// time (CI is loaded): 2,000 levels under a 32 MB heap, where four paths kept per level needed over
// 64 MB and the run aborted.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandInputs } from '../src/read/inputs.js';
import { CLI } from './helpers/cli.js';

const PAGE = '市民广场今日开放\n\n本报讯(记者 王小明)市民广场今天正式开放,吸引了很多市民前来参观。\n';

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'ns-deep-')); });
// rm -rf: rmSync's recursion overflows the stack on 2,000 levels
afterAll(() => { spawnSync('rm', ['-rf', tmp]); });

describe('a tree 2,000 levels deep', () => {
  it('is walked in a 32 MB heap, its file named by its whole path', () => {
    // as deep as PATH_MAX (4,096) allows under this temp folder, at most 2,000 levels
    const levels = Math.min(2000, Math.floor((4000 - tmp.length - 20) / 2));
    const rel = Array.from({ length: levels }, () => 'd').join('/');
    mkdirSync(join(tmp, 'deep', rel), { recursive: true });
    writeFileSync(join(tmp, 'deep', rel, 'p.txt'), PAGE);
    const r = spawnSync(process.execPath, ['--max-old-space-size=32', CLI, 'deep'], { cwd: tmp, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).id).toBe(`deep/${rel}/p.txt#1`);
  }, 120_000);
});

describe('links back up the tree are loops, at any depth and through links', () => {
  it('each real file once, no loop followed', async () => {
    const root = join(tmp, 'links');
    const outside = join(tmp, 'outside');
    mkdirSync(join(root, 'x', 'y'), { recursive: true });
    mkdirSync(join(outside, 'b'), { recursive: true });
    writeFileSync(join(root, 'x', 'y', 'a.txt'), PAGE);
    writeFileSync(join(outside, 'b', 'o.txt'), PAGE);
    symlinkSync(outside, join(root, 'x', 'y', 'out')); // into another tree: followed
    symlinkSync(join(outside, 'b'), join(outside, 'b', 'self')); // back to an ancestor inside the link's tree
    symlinkSync(join(root, 'x'), join(outside, 'b', 'up')); // back to an ancestor above the link
    symlinkSync(join(outside, 'b'), join(root, 'again')); // the same folder by another way: walked first (a < x)
    symlinkSync('../..', join(root, 'x', 'y', 'rel')); // a relative link to the root
    const r = await expandInputs(['links'], { cwd: tmp });
    expect(r.problems).toEqual([]);
    // links/again/up is links/x, not on the way down to it: followed; then links/x/y/a.txt is a file known
    expect(r.inputs.map((f) => [f.name, f.mirror])).toEqual([
      ['links/again/o.txt', 'links/again/o.txt'],
      ['links/again/up/y/a.txt', 'links/again/up/y/a.txt'],
    ]);
  });
});
