import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandInputs, mirrorPath } from '../src/read/inputs.js';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'news-split-inputs-'));
  for (const f of ['arch/2023/b.txt', 'arch/2023/a.txt', 'arch/2022/z.txt', 'arch/.hidden/x.txt', 'arch/.dot.txt', 'arch/notes.md', 'other/c.txt']) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), '正文。\n');
  }
  symlinkSync('..', join(root, 'arch/2023/loop')); // arch/2023/loop → arch: a cycle
  mkdirSync(join(root, 'empty'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const names = async (args: string[], extra = {}) => (await expandInputs(args, { cwd: root, ...extra })).inputs.map((f) => f.name);

describe('expanding inputs', () => {
  it('recurses directories in sorted order, skips hidden entries and survives a symlink loop', async () => {
    expect(await names(['arch'])).toEqual(['arch/2022/z.txt', 'arch/2023/a.txt', 'arch/2023/b.txt', 'arch/notes.md']);
  });

  it('keeps the arguments in the order given and lists a file given twice once', async () => {
    expect(await names(['other/c.txt', 'arch/2022', 'other/c.txt', '-'])).toEqual(['other/c.txt', 'arch/2022/z.txt', 'stdin']);
  });

  it('expands quoted globs itself, sorted, and reports a pattern that matches nothing', async () => {
    expect(await names(['arch/**/*.txt'])).toEqual(['arch/2022/z.txt', 'arch/2023/a.txt', 'arch/2023/b.txt']);
    const r = await expandInputs(['nothing/*.txt', 'empty'], { cwd: root });
    expect(r.inputs).toEqual([]);
    expect(r.problems.map((p) => p.input)).toEqual(['nothing/*.txt', 'empty']);
  });

  it('passes a missing plain path through, so that reading it names the file', async () => {
    expect(await names(['no/such.txt'])).toEqual(['no/such.txt']);
  });

  it('reads --files-from lists, newline- or NUL-separated, from a file or stdin', async () => {
    writeFileSync(join(root, 'list.txt'), 'arch/2023/b.txt\r\nother/c.txt\n\n');
    expect(await names([], { filesFrom: 'list.txt' })).toEqual(['arch/2023/b.txt', 'other/c.txt']);
    const nul = Buffer.from('other/c.txt\0arch/2022\0');
    expect(await names([], { filesFrom: '-', nul: true, readStdin: async () => nul })).toEqual(['other/c.txt', 'arch/2022/z.txt']);
  });

  it('never enters the output directory', async () => {
    expect(await names(['arch'], { exclude: ['arch/2023'] })).toEqual(['arch/2022/z.txt', 'arch/notes.md']);
  });

  it('mirrors paths under the working directory, and names outside ones from their own name down', async () => {
    const r = await expandInputs([join(root, 'arch')], { cwd: join(root, 'other') });
    expect(r.inputs.map((f) => f.mirror)).toEqual(['arch/2022/z.txt', 'arch/2023/a.txt', 'arch/2023/b.txt', 'arch/notes.md']);
    expect(mirrorPath('a/b/2023-11-04.txt', '/w')).toBe('a/b/2023-11-04.txt');
    expect(mirrorPath('../x/page.txt', '/w/y')).toBe('page.txt');
  });
});
