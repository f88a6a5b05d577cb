// Safe writes: atomic files, paths that cannot escape the output folder, never an input overwritten,
// and an interrupted --out-dir run that leaves no partial file.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, finishedOutputs } from '../src/cli/atomic-write.js';
import { resolveInside, refuseSymlinks, refuseInputOverwrite, realInputSet, safeOutputPath, UnsafePathError } from '../src/cli/safe-path.js';
import { CLI, SAMPLE, runCli } from './helpers/cli.js';

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'ns-write-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));

describe('writeFileAtomic', () => {
  it('writes the whole file, leaves no temporary file, records the target', async () => {
    const target = join(tmp, 'a.jsonl');
    await writeFileAtomic(target, 'x'.repeat(100_000), { fsync: true });
    expect(readFileSync(target, 'utf8')).toHaveLength(100_000);
    expect(readdirSync(tmp).filter((f) => f.includes('partial'))).toEqual([]);
    expect(finishedOutputs()).toContain(target);
  });

  it('replaces an existing file in one step and cleans up after a failure', async () => {
    const target = join(tmp, 'b.jsonl');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    await expect(writeFileAtomic(join(tmp, 'no-such-dir', 'c.jsonl'), 'x')).rejects.toThrow();
    expect(readdirSync(tmp).filter((f) => f.includes('partial'))).toEqual([]);
  });
});

describe('safe-path', () => {
  it.each([['../x.jsonl'], ['a/../../x.jsonl'], ['/etc/passwd'], ['C:\\x'], ['a\0b']])('refuses %j', (rel) => {
    expect(() => resolveInside(join(tmp, 'out'), rel)).toThrow(UnsafePathError);
  });

  it('accepts names inside the folder', () => {
    expect(resolveInside('out', 'a/b/c.jsonl')).toBe(join('out', 'a/b/c.jsonl'));
    expect(resolveInside('out', 'a/../c.jsonl')).toBe(join('out', 'c.jsonl'));
  });

  it('refuses a symlinked folder on the way, and a target that is a link', async () => {
    const out = join(tmp, 'out-links');
    mkdirSync(join(tmp, 'elsewhere'), { recursive: true });
    mkdirSync(out, { recursive: true });
    symlinkSync(join(tmp, 'elsewhere'), join(out, 'sub'));
    symlinkSync(join(tmp, 'elsewhere', 'f'), join(out, 'f.jsonl'));
    await expect(refuseSymlinks(out, join(out, 'sub', 'x.jsonl'))).rejects.toThrow(/symbolic link/);
    await expect(refuseSymlinks(out, join(out, 'f.jsonl'))).rejects.toThrow(/symbolic link/);
    await expect(refuseSymlinks(out, join(out, 'new', 'x.jsonl'))).resolves.toBeUndefined();
  });

  it('refuses to overwrite an input, also through a link', async () => {
    const input = join(tmp, 'page.txt');
    writeFileSync(input, '标题\n');
    symlinkSync(input, join(tmp, 'alias.jsonl'));
    const inputs = await realInputSet([input]);
    await expect(refuseInputOverwrite(input, inputs)).rejects.toThrow(/overwrite the input/);
    await expect(refuseInputOverwrite(join(tmp, 'alias.jsonl'), inputs)).rejects.toThrow(/overwrite the input/);
    await expect(safeOutputPath(tmp, 'other.jsonl', inputs)).resolves.toBe(join(tmp, 'other.jsonl'));
  });
});

describe('--out-dir through the CLI', () => {
  it('never writes through a symlinked folder out of the output directory', () => {
    const base = join(tmp, 'cli-link');
    mkdirSync(join(base, 'in'), { recursive: true });
    mkdirSync(join(base, 'outside'), { recursive: true });
    mkdirSync(join(base, 'out'), { recursive: true });
    writeFileSync(join(base, 'in', 'p.txt'), readFileSync(SAMPLE));
    symlinkSync(join(base, 'outside'), join(base, 'out', 'in'));
    const r = runCli(['--out-dir', join(base, 'out'), join(base, 'in')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('symbolic link');
    expect(readdirSync(join(base, 'outside'))).toEqual([]);
  });

  it('never overwrites an input file', () => {
    const base = join(tmp, 'cli-self');
    mkdirSync(base, { recursive: true });
    const input = join(base, 'p.jsonl');
    writeFileSync(input, readFileSync(SAMPLE));
    const r = spawnResult(['--out-dir', '.', 'p.jsonl'], base);
    return r.then(({ status, stderr }) => {
      expect(status).toBe(1);
      expect(stderr).toContain('would overwrite the input');
      expect(readFileSync(input)).toEqual(readFileSync(SAMPLE));
    });
  });

  it('an output directory inside the input tree is not read back as input', () => {
    const base = join(tmp, 'cli-inside');
    mkdirSync(join(base, 'in'), { recursive: true });
    writeFileSync(join(base, 'in', 'p.txt'), readFileSync(SAMPLE));
    expect(runCli(['--out-dir', join(base, 'in', 'out'), join(base, 'in')]).status).toBe(0);
    const again = runCli(['--out-dir', join(base, 'in', 'out'), join(base, 'in')]);
    expect(again.status).toBe(0);
    expect(walk(join(base, 'in', 'out')).map((f) => f.slice(base.length))).toEqual(['/in/out/in/p.jsonl']);
  });

  it('a symlink loop in a recursed directory does not hang', () => {
    const base = join(tmp, 'cli-loop');
    mkdirSync(join(base, 'in', 'a'), { recursive: true });
    writeFileSync(join(base, 'in', 'a', 'p.txt'), readFileSync(SAMPLE));
    symlinkSync(join(base, 'in'), join(base, 'in', 'a', 'loop'));
    const r = runCli([join(base, 'in')]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
  });

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s during a run: no partial files, finished files complete, reported', async (signal, code) => {
    const base = join(tmp, `cli-${signal}`);
    mkdirSync(join(base, 'in'), { recursive: true });
    const page = readFileSync(SAMPLE);
    for (let i = 0; i < 400; i++) writeFileSync(join(base, 'in', `p${String(i).padStart(3, '0')}.txt`), page);
    const out = join(base, 'out');
    const child = spawn(process.execPath, [CLI, '--jobs', '1', '--out-dir', out, join(base, 'in')], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
    // wait until some outputs exist, then interrupt
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !(existsSync(out) && walk(out).filter((f) => f.endsWith('.jsonl')).length >= 3)) {
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill(signal);
    const status = await exited;
    const files = walk(out);
    expect(files.filter((f) => f.includes('.partial'))).toEqual([]);
    const done = files.filter((f) => f.endsWith('.jsonl'));
    expect(done.length).toBeGreaterThanOrEqual(3);
    // interrupted before the end: the exit code says so, and stderr says what was finished
    expect(status).toBe(code);
    expect(stderr).toMatch(new RegExp(`interrupted \\(${signal}\\); \\d+ output file\\(s\\) finished`));
    expect(done.length).toBeLessThan(400);
    for (const f of done) {
      const lines = readFileSync(f, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(3);
      for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    }
  }, 60_000);
});

function spawnResult(args: string[], cwd: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('exit', (status) => res({ status, stderr }));
  });
}
