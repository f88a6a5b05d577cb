// Nothing inside a directory is skipped without a word: each entry that cannot be read is a named
// failure and the run exits 1. Root-proof cases (the suite may run as root, who reads mode 000):
// a dangling link, a name that is not valid UTF-8, a FIFO.
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, runCli } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'ns-inputs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const PAGE = '市民广场今日开放\n\n本报讯(记者 王小明)市民广场今天正式开放,吸引了很多市民前来参观。\n';

function folder(name: string, make: (dir: string) => void): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'good.txt'), PAGE);
  make(dir);
  return dir;
}

describe('an entry of a directory that cannot be read is a named failure, exit 1', () => {
  it('a dangling symbolic link', () => {
    const dir = folder('dangling', (d) => symlinkSync(join(d, 'missing.txt'), join(d, 'link.txt')));
    const r = runCli([dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^news-split: error: .*dangling\/link\.txt: dangling symbolic link/m);
    expect(r.stdout).toContain('市民广场今日开放'); // the readable file is still converted
  });

  it('a file name that is not valid UTF-8 (\\xff.txt)', () => {
    const dir = folder('latin1', (d) => writeFileSync(Buffer.concat([Buffer.from(`${d}/`), Buffer.from([0xff]), Buffer.from('.txt')]), PAGE));
    const r = runCli([dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/latin1\/\uFFFD\.txt: file name is not valid UTF-8/);
  });

  it('a folder holding only \\xff.txt is not "a folder that holds no files"', () => {
    const dir = join(tmp, 'only');
    mkdirSync(dir);
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0xff]), Buffer.from('.txt')]), PAGE);
    const r = runCli([dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/file name is not valid UTF-8/);
    expect(r.stderr).not.toMatch(/holds no files/);
  });

  it('a FIFO', () => {
    const dir = folder('fifo', (d) => execFileSync('mkfifo', [join(d, 'pipe.txt')]));
    const r = runCli([dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/fifo\/pipe\.txt: not a regular file/);
  });
});

describe('stdin', () => {
  it('a directory as stdin is an error, exit 1 (not "empty input", exit 0)', () => {
    const r = spawnSync(process.execPath, [CLI], { stdio: [openSync(tmp, 'r'), 'pipe', 'pipe'], encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^news-split: error: stdin: is a directory/m);
  });
});
