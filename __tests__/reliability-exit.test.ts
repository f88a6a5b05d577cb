// Every error path is a failure: output that cannot go anywhere, a page eval cannot read. Each case
// through the built CLI in a shell, as a user runs it (generated pages in a temp folder).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, FIXTURES } from './helpers/cli.js';
import { makePage } from './helpers/archive.js';

let tmp: string;

interface Run { status: number | null; stdout: string; stderr: string }

function shell(script: string): Run {
  const r = spawnSync('bash', ['-c', script], {
    cwd: tmp, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1', CLI },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ns-exit-'));
  writeFileSync(join(tmp, 'page.txt'), makePage(1));
  // big enough that the reader is gone long before the last write
  writeFileSync(join(tmp, 'big.txt'), Array.from({ length: 400 }, (_, i) => makePage(i, i + 1)).join('\n\f'));
  mkdirSync(join(tmp, 'dir'));
  for (let i = 0; i < 6; i++) copyFileSync(join(tmp, 'big.txt'), join(tmp, 'dir', `${i}.txt`));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('stdout closed (>&-) is a failure, not a silent exit 0', () => {
  it('a conversion to stdout: exit 1, one line saying so, before any work', () => {
    const r = shell('node "$CLI" page.txt >&-');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('news-split: error: stdout is closed (>&-), so the output would be lost: write it with -o FILE or --out-dir DIR, or discard it on purpose with >/dev/null\n');
  });

  it('>/dev/null is discarding on purpose: exit 0', () => {
    expect(shell('node "$CLI" page.txt >/dev/null').status).toBe(0);
  });

  it('with -o or --out-dir, stdout is not needed: exit 0, the output written', () => {
    const r = shell('node "$CLI" -o out.jsonl page.txt >&- && node "$CLI" --out-dir tree page.txt >&-');
    expect(r.status).toBe(0);
    expect(readFileSync(join(tmp, 'out.jsonl'), 'utf8')).toContain('"id":"page.txt#1"');
    expect(existsSync(join(tmp, 'tree', 'page.jsonl'))).toBe(true);
  });

  it('eval writing its report to a closed stdout: exit 1', () => {
    const r = shell(`node "$CLI" eval "${join(FIXTURES, 'gold')}" >&-`);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('stdout is closed');
  });
});

describe('a reader of stdout that goes away (| head -c1) ends the run quietly with exit 0', () => {
  it.each([
    ['one file', 'big.txt'],
    ['a folder on two workers', '--jobs 2 dir'],
    ['stdin', '- < big.txt'],
    ['markdown', '-f md big.txt'],
  ])('%s', (_what, args) => {
    const r = shell(`node "$CLI" ${args} 2>err | head -c1 >/dev/null; echo "\${PIPESTATUS[0]}"; cat err`);
    expect(r.stdout).toBe('0\n');
  });
});

describe('disk full on stdout (>/dev/full): exit 1 with a news-split line, no stack', () => {
  it.each([['a conversion', 'page.txt'], ['eval', `eval "${join(FIXTURES, 'gold')}"`]])('%s', (_what, args) => {
    const r = shell(`node "$CLI" ${args} >/dev/full`);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^news-split( eval)?: error: stdout: ENOSPC: no space left on device/);
    expect(r.stderr).not.toContain('uncaught');
  });
});

describe('-o to something that is not a regular file is written as > writes it, never replaced', () => {
  // a temporary file renamed over it replaced the device itself: run as root, -o /dev/null made
  // /dev/null a regular file. Tested through a link to /dev/null, so that a failure breaks only the link
  it('a link to /dev/null stays a link to the device; exit 0', () => {
    const r = shell('ln -s /dev/null devnull && node "$CLI" -o devnull page.txt && test -L devnull && test -c /dev/null && test -c devnull');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('a FIFO: its reader gets the articles, the FIFO stays a FIFO', () => {
    const r = shell('mkfifo fifo && { timeout 60 cat fifo > got & } && node "$CLI" -o fifo page.txt; s=$?; wait; test -p fifo && exit $s || exit 9');
    expect(r.status).toBe(0);
    expect(readFileSync(join(tmp, 'got'), 'utf8')).toContain('"id":"page.txt#1"');
  });
});

describe('news-split eval on a gold page that is not text', () => {
  it('names the page, measures the others, and exits 1', () => {
    const gold = join(tmp, 'gold');
    mkdirSync(gold);
    for (const name of ['deck-lead', 'page-break']) {
      copyFileSync(join(FIXTURES, 'gold', `${name}.txt`), join(gold, `${name}.txt`));
      copyFileSync(join(FIXTURES, 'gold', `${name}.gold.json`), join(gold, `${name}.gold.json`));
    }
    // a scan saved under the page's name: PNG magic and NUL bytes
    writeFileSync(join(gold, 'page-break.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const r = shell(`node "$CLI" eval gold --format json`);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join('gold', 'page-break.txt')}: not text (looks like PNG image)`);
    expect(r.stderr).toMatch(/1 of 2 pages could not be read/);
    expect(JSON.parse(r.stdout).metrics.files).toBe(2);
  });
});
