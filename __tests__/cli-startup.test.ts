// `--version` and `--help` must start fast: a lone --version loads no dependency at all, --help
// commander (and chalk, where stderr can get colour), neither the conversion stack.
// A preloaded hook (helpers/trace-loads.mjs) records every module the process loads.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT, SAMPLE } from './helpers/cli.js';

const HOOK = join(ROOT, '__tests__', 'helpers', 'trace-loads.mjs');

/** the environment without what makes chalk colour a pipe (a CI's FORCE_COLOR, Azure's TF_BUILD) */
function withoutForcedColour(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _force, TF_BUILD: _azure, ...rest } = env;
  return rest;
}

function loadedBy(args: string[]): { status: number | null; stdout: string; loaded: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'news-split-loads-'));
  const file = join(dir, 'loads');
  try {
    const r = spawnSync(process.execPath, ['--import', HOOK, CLI, ...args], {
      cwd: ROOT, encoding: 'utf8', env: { ...withoutForcedColour(process.env), NO_COLOR: '1', NEWS_SPLIT_TRACE_LOADS: file },
    });
    return { status: r.status, stdout: r.stdout, loaded: readFileSync(file, 'utf8').split('\n').filter(Boolean) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** modules that only a conversion or an eval needs */
const HEAVY = [
  /\/dist\/cli\/batch\.js$/, /\/dist\/cli\/worker\.js$/, /\/dist\/pipeline\.js$/, /\/dist\/parse\//, /\/dist\/transform\//,
  /\/dist\/read\//, /\/dist\/eval\/command\.js$/, /\/dist\/emit\/plugin\.js$/, /\/dist\/cli\/profile-file\.js$/,
  /node_modules\/(tinyglobby|cli-progress|iconv-lite|@node-rs|yaml)\//,
];
const heavyIn = (loaded: string[]): string[] => loaded.filter((url) => HEAVY.some((re) => re.test(url)));

describe('start-up', () => {
  for (const args of [['--version'], ['-V']]) it(`a lone ${args[0]} is answered before commander and the option tables load`, () => {
    const r = loadedBy(args);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
    const ours = r.loaded.filter((url) => url.includes('/dist/')).map((url) => url.replace(/^.*\/dist\//u, ''));
    // stdout-closed.js: the version is written so that a closed pipe ends the run quietly
    expect(ours.sort()).toEqual(['cli.js', 'cli/guard.js', 'cli/package-version.js', 'cli/stdout-closed.js', 'thrown.js']);
    expect(r.loaded.some((url) => url.includes('/node_modules/'))).toBe(false);
  });

  for (const args of [['--version', '--debug'], ['--help'], ['eval', '--help']]) it(`${args.join(' ')} loads neither the parser nor the batch machinery`, () => {
    const r = loadedBy(args);
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(r.loaded.some((url) => url.includes('/node_modules/commander/'))).toBe(true);
    expect(heavyIn(r.loaded)).toEqual([]);
  });

  it('a conversion does load them (the probe sees lazy imports)', () => {
    const r = loadedBy([SAMPLE]);
    expect(r.status).toBe(0);
    const heavy = heavyIn(r.loaded).join('\n');
    expect(heavy).toMatch(/\/dist\/cli\/batch\.js$/m);
    expect(heavy).toMatch(/\/dist\/pipeline\.js$/m);
    // a quoted pattern is globbed: tinyglobby loads then, and only then
    const globbed = loadedBy(['fixtures/cqrb-*.txt']);
    expect(globbed.status).toBe(0);
    expect(heavyIn(globbed.loaded).join('\n')).toMatch(/node_modules\/tinyglobby\//);
  });

  // a one-page run pays for what it uses: CommonJS packages load on first use (a bar to draw, a
  // pattern to glob or to check, text that is not UTF-8), chalk where stderr can get colour (here a
  // pipe), and jieba's words come from the build's table
  it('a one-page conversion loads no dependency it does not use', () => {
    const r = loadedBy([SAMPLE]);
    expect(r.status).toBe(0);
    const unused = /node_modules\/(?:tinyglobby|fdir|picomatch|cli-progress|string-width|iconv-lite|safe-regex2|ret|@node-rs|chalk)\//;
    expect(r.loaded.filter((url) => unused.test(url))).toEqual([]);
  });
});
