// -o FILE: never one of the inputs (same device and inode, through any name), written atomically
// (temporary file + rename), nothing left behind on failure or interrupt; `-o -` is stdout.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, SAMPLE, runCli } from './helpers/cli.js';

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'ns-output-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

const page = (): Buffer => readFileSync(SAMPLE);
const partials = (dir: string): string[] => readdirSync(dir).filter((f) => f.includes('.partial'));

describe('-o onto an input is refused before anything is written', () => {
  it.each([
    ['the same path', (p: string) => p],
    ['a symbolic link to it', (p: string) => { const l = `${p}.link`; symlinkSync(p, l); return l; }],
    ['a hard link to it', (p: string) => { const l = `${p}.hard`; linkSync(p, l); return l; }],
  ])('%s: exit 2, the input unchanged', (_what, alias) => {
    const input = join(tmp, `in-${Math.random().toString(36).slice(2)}.txt`);
    copyFileSync(SAMPLE, input);
    const out = alias(input);
    const r = runCli(['-o', out, input]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^news-split: error: -o .*(is also an input|is the input)/m);
    expect(readFileSync(input).equals(page())).toBe(true);
    expect(r.stdout).toBe('');
  });

  it('--diagnostics onto an input: exit 2, the input unchanged', () => {
    const input = join(tmp, 'diag-in.txt');
    copyFileSync(SAMPLE, input);
    const r = runCli(['--diagnostics', input, input]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^news-split: error: --diagnostics .*is also an input/m);
    expect(readFileSync(input).equals(page())).toBe(true);
  });
});

describe('a read-only file is not overwritten, whoever runs the tool', () => {
  // `news-split --diagnostics page.txt` takes the page's name as the option's value and reads stdin;
  // run as root, opening the write-protected page for writing would succeed and empty it
  it.each([['-o'], ['--diagnostics']])('%s onto a read-only file: exit 1, the file unchanged', (flag) => {
    const target = join(tmp, `read-only-${flag.replace(/-/g, '')}.txt`);
    copyFileSync(SAMPLE, target);
    chmodSync(target, 0o444);
    const r = runCli([flag, target], '');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^news-split: error: ${flag} .*read-only-.*: is read-only: not overwritten`, 'm'));
    expect(readFileSync(target).equals(page())).toBe(true);
    expect(partials(tmp)).toEqual([]);
  });
});

describe('-o FILE', () => {
  it('writes the same bytes as stdout, atomically, leaving no temporary file', () => {
    const out = join(tmp, 'all.jsonl');
    writeFileSync(out, 'old contents\n');
    const r = runCli(['-o', out, SAMPLE]);
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(runCli([SAMPLE]).stdout);
    expect(partials(tmp)).toEqual([]);
  });

  it("'-o -' is stdout", () => {
    const r = runCli(['-o', '-', SAMPLE]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(runCli([SAMPLE]).stdout);
    expect(existsSync(join(tmp, '-'))).toBe(false);
  });

  it("a missing folder: a news-split message, not a raw ENOENT (exit 1, as --diagnostics)", () => {
    const r = runCli(['-o', join(tmp, 'missing-dir', 'x.jsonl'), SAMPLE]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^news-split: error: -o .*missing-dir\/x\.jsonl: no such folder/m);
    expect(r.stderr).not.toContain('ENOENT');
  });

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s during the run: the old file intact, no temporary file', async (signal, code) => {
    const dir = mkdtempSync(join(tmp, `sig-${signal}-`));
    const inputs: string[] = [];
    for (let i = 0; i < 600; i++) { const p = join(dir, `p${i}.txt`); writeFileSync(p, page()); inputs.push(p); }
    const out = join(dir, 'all.jsonl');
    writeFileSync(out, 'old contents\n');
    const child = spawn(process.execPath, [CLI, '--jobs', '1', '-o', out, ...inputs], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
    // interrupt once the temporary file exists
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !partials(dir).length) await new Promise((r) => setTimeout(r, 10));
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(stderr).toContain(`interrupted (${signal})`);
    expect(partials(dir)).toEqual([]);
    expect(readFileSync(out, 'utf8')).toBe('old contents\n');
  }, 60_000);
});
