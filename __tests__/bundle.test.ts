// The command as installed runs bin/news-split.js, which runs the build's bundle (dist/cli.bundle.js,
// scripts/bundle.mjs) where there is one: the same output as dist/cli.js, from any directory, the
// tables and models found beside the modules the bundle was made of, and one module loaded for a
// one-page conversion. A lone --version still goes to dist/cli.js.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, FIXTURES, ROOT, SAMPLE } from './helpers/cli.js';

const BIN = join(ROOT, 'bin', 'news-split.js');
const BUNDLE = join(ROOT, 'dist', 'cli.bundle.js');
const HOOK = join(ROOT, '__tests__', 'helpers', 'trace-loads.mjs');

function node(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function loadedBy(args: string[]): { status: number | null; stdout: string; loaded: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'news-split-bundle-'));
  const file = join(dir, 'loads');
  try {
    const r = node(['--import', HOOK, BIN, ...args], tmpdir(), { NEWS_SPLIT_TRACE_LOADS: file });
    return { ...r, loaded: existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the bundle through bin/news-split.js', () => {
  it('is built by npm run build', () => {
    expect(existsSync(BUNDLE)).toBe(true);
  });

  // a page whose breaks need jieba's words (the table in dist/lexicon/), the model (dist/learn/,
  // models/), and a profile (yaml, loaded on use): each found from another directory
  const profile = join(ROOT, 'examples', 'profiles', 'chenguang-ribao.yml');
  const cases: Array<[string, string[]]> = [
    ['jsonl', [SAMPLE]],
    ['json', [SAMPLE, '--format', 'json']],
    ['markdown', [SAMPLE, '--format', 'md']],
    ['csv', [SAMPLE, '--format', 'csv', '--excel']],
    ['tree', [SAMPLE, '--format', 'tree']],
    ['a profile', [join(FIXTURES, 'profile', 'chenguang-page.txt'), '--profile', profile]],
    ['t2s', [join(FIXTURES, 'traditional-crlf', 'input.txt'), '--convert', 't2s']],
    ['--help', ['--help']],
    ['a usage error', ['--format', 'nope', SAMPLE]],
  ];
  for (const [name, args] of cases) it(`gives what dist/cli.js gives: ${name}`, () => {
    const viaBin = node([BIN, ...args], tmpdir());
    const direct = node([CLI, ...args], ROOT);
    expect(viaBin).toEqual(direct);
    expect(viaBin.stdout.length + viaBin.stderr.length).toBeGreaterThan(0);
  });

  it('--version: the package version, answered by dist/cli.js without the bundle', () => {
    const r = loadedBy(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
    expect(r.loaded.some((url) => url.endsWith('/dist/cli.js'))).toBe(true);
    expect(r.loaded.some((url) => url.endsWith('/dist/cli.bundle.js'))).toBe(false);
  });

  it('a one-page conversion loads the bundle alone: no module of dist/ and no package besides it', () => {
    const r = loadedBy([SAMPLE, '--format', 'jsonl']);
    expect(r.status).toBe(0);
    const ours = r.loaded.filter((url) => url.startsWith('file:') && !url.endsWith('/bin/news-split.js') && !url.includes('/__tests__/'));
    expect(ours.map((url) => url.replace(/^.*\/dist\//u, 'dist/'))).toEqual(['dist/cli.bundle.js']);
  });

  it('worker threads start (--jobs 2 on the pool) and give what one thread gives', () => {
    const env = { NEWS_SPLIT_POOL_MIN_CHARS: '0' };
    const inputs = [SAMPLE, join(FIXTURES, 'profile', 'chenguang-page.txt'), join(FIXTURES, 'traditional-crlf', 'input.txt')];
    const two = node([BIN, ...inputs, '--jobs', '2'], tmpdir(), env);
    const one = node([BIN, ...inputs, '--jobs', '1'], tmpdir(), env);
    expect(two.status).toBe(0);
    expect(two).toEqual(one);
  });
});
