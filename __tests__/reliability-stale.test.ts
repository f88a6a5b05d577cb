// A kill -9 gives no handler the chance to remove the temporary files of --out-dir and -o: the next
// run that writes into the folder removes those whose process is gone (and only those).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, runCli } from './helpers/cli.js';
import { makePage } from './helpers/archive.js';

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'ns-stale-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

/** A PID no process has: that of a child that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

const partials = (dir: string): string[] => readdirSync(dir).filter((n) => n.includes('.partial-')).sort();

describe('stale temporary files', () => {
  it('--out-dir: a rerun removes those of a process that is gone, keeps those of one that runs', () => {
    const base = join(tmp, 'swept');
    mkdirSync(join(base, 'in'), { recursive: true });
    writeFileSync(join(base, 'in', 'a.txt'), makePage(1));
    const out = join(base, 'out');
    mkdirSync(join(out, 'in'), { recursive: true });
    const dead = `.a.jsonl.partial-${deadPid()}-1`;
    const other = `.b.jsonl.partial-${deadPid()}-3`;
    const live = `.a.jsonl.partial-${process.pid}-1`; // this test's process: running
    for (const n of [dead, other, live]) writeFileSync(join(out, 'in', n), '{"half":');
    const r = runCli(['--out-dir', out, '--progress', join(base, 'in')]);
    expect(r.status).toBe(0);
    expect(partials(join(out, 'in'))).toEqual([live]);
    expect(r.stderr).toContain('removed 2 temporary file(s) an interrupted run left (kill -9)');
    expect(readFileSync(join(out, 'in', 'a.jsonl'), 'utf8')).toContain('a.txt#1"');
  });

  it('-o: the same beside the output file; names that are not ours are left alone', () => {
    const dir = join(tmp, 'single');
    mkdirSync(dir);
    writeFileSync(join(dir, 'p.txt'), makePage(2));
    const dead = `.all.jsonl.partial-${deadPid()}-1`;
    for (const n of [dead, '.notes.partial-x', 'all.jsonl.partial-1-1']) writeFileSync(join(dir, n), 'x');
    expect(runCli(['-o', join(dir, 'all.jsonl'), join(dir, 'p.txt')]).status).toBe(0);
    expect(existsSync(join(dir, dead))).toBe(false);
    expect(existsSync(join(dir, '.notes.partial-x'))).toBe(true);
    expect(existsSync(join(dir, 'all.jsonl.partial-1-1'))).toBe(true); // not hidden: not a name we give
  });

  it('after a real kill -9 mid-run, the rerun leaves no partial file and every output whole', async () => {
    const base = join(tmp, 'killed');
    mkdirSync(join(base, 'in'), { recursive: true });
    // one large input: its output stays a partial file for the whole of its conversion
    writeFileSync(join(base, 'in', 'big.txt'), Array.from({ length: 800 }, (_, i) => makePage(i, i + 1)).join('\n\f'));
    const out = join(base, 'out');
    const child = spawn(process.execPath, [CLI, '--jobs', '1', '--out-dir', out, join(base, 'in')], { stdio: 'ignore' });
    const exited = new Promise<void>((res) => child.on('exit', () => res()));
    const folder = join(out, 'in');
    let seen = false;
    for (const deadline = Date.now() + 60_000; !seen && Date.now() < deadline && child.exitCode === null;) {
      seen = existsSync(folder) && partials(folder).length > 0;
      if (!seen) await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    await exited;
    expect(seen).toBe(true);
    expect(partials(folder).length).toBe(1);
    const r = runCli(['--jobs', '1', '--out-dir', out, join(base, 'in')]);
    expect(r.status).toBe(0);
    expect(partials(folder)).toEqual([]);
    expect(readFileSync(join(folder, 'big.jsonl'), 'utf8').trim().split('\n').length).toBeGreaterThan(800);
  }, 120_000);
});
