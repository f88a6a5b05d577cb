// A directory argument contributes text files only: *.txt and *.text by default, or what --ext /
// --glob choose. Gold label files (.gold.json) and images beside the pages used to be converted
// (junk articles, and an image made the run exit 1). Files named on the command line are always read.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE, runCli } from './helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ns-dir-'));
  mkdirSync(join(dir, 'sub'));
  copyFileSync(SAMPLE, join(dir, 'a.txt'));
  copyFileSync(SAMPLE, join(dir, 'sub', 'b.TXT'));
  copyFileSync(SAMPLE, join(dir, 'c.text'));
  copyFileSync(SAMPLE, join(dir, 'd.dump'));
  writeFileSync(join(dir, 'a.gold.json'), JSON.stringify({ articles: [{ title: '标题', paragraphs: ['正文第一段。'] }] }, null, 2));
  // a PNG header and some binary: "not text" when read
  writeFileSync(join(dir, 'scan.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
});
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

const files = (stdout: string): string[] => [...new Set(stdout.trim().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { source: { file: string } }).source.file.slice(dir.length + 1)))];

describe('directory arguments', () => {
  it('take *.txt and *.text by default (any case), not labels or images', () => {
    const r = runCli(['-q', dir]);
    expect(r.status).toBe(0);
    expect(files(r.stdout)).toEqual(['a.txt', 'c.text', 'sub/b.TXT']);
  });

  it('--ext chooses the extensions', () => {
    const r = runCli(['-q', '--ext', '.dump,txt', dir]);
    expect(r.status).toBe(0);
    expect(files(r.stdout)).toEqual(['a.txt', 'd.dump', 'sub/b.TXT']);
  });

  it('--glob chooses by a pattern inside the directory', () => {
    const r = runCli(['-q', '--glob', 'sub/**', dir]);
    expect(r.status).toBe(0);
    expect(files(r.stdout)).toEqual(['sub/b.TXT']);
  });

  it('a directory with nothing to convert is an error naming it', () => {
    const r = runCli(['-q', '--ext', 'xml', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('directory holds no file to convert');
  });

  it('a file named on the command line is always read', () => {
    const r = runCli(['-q', join(dir, 'd.dump')]);
    expect(r.status).toBe(0);
    expect(files(r.stdout)).toEqual(['d.dump']);
  });

  it('--ext with an empty item is a usage error', () => {
    const r = runCli(['--ext', 'txt,', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^news-split: error: --ext/m);
  });
});
