// What a --page-separator takes out of the text is accounted for: each separator line is furniture
// (a page header) of the page it ends, and --verify counts it. Generated pages only.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PageSplitter, type Page } from '../src/read/pages.js';
import { runCli } from './helpers/cli.js';
import { makePage } from './helpers/archive.js';

const nonWhite = (s: string): number => [...s.replace(/[\s\u3000\u00a0\u200b\ufeff]/gu, '')].length;

function split(text: string, separator: RegExp, chunk: number): Page[] {
  const s = new PageSplitter(separator, 1 << 24, []);
  const pages: Page[] = [];
  for (let at = 0; at < text.length; at += chunk) pages.push(...s.push(text.slice(at, at + chunk)));
  pages.push(...s.end());
  return pages;
}

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'ns-sep-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

describe('separator lines are kept as their page\'s furniture', () => {
  const SEP = /^=+ *第\d+页 *=+$/u;
  const text = [
    '=== 第0页 ===', '', makePage(1), '=== 第1页 ===', '', '=== 第2页 ===', makePage(2), '', '=== 第3页 ===', '=== 第4页 ===', '',
  ].join('\n');
  const lines = text.split('\n');

  it('each separator line once, on the page it ends (the first ones on the first page), at its line and offset', () => {
    const pages = split(text, SEP, text.length);
    expect(pages.map((p) => p.page)).toEqual([1, 2]);
    expect(pages[0]!.separators!.map((s) => s.text)).toEqual(['=== 第0页 ===', '=== 第1页 ===', '=== 第2页 ===']);
    expect(pages[1]!.separators!.map((s) => s.text)).toEqual(['=== 第3页 ===', '=== 第4页 ===']);
    for (const s of pages.flatMap((p) => p.separators ?? [])) {
      expect(lines[s.line - 1]).toBe(s.text);
      expect(text.slice(s.offset, s.offset + s.text.length)).toBe(s.text);
    }
  });

  it('the same pages whatever the chunks the text arrives in', () => {
    const whole = split(text, SEP, text.length);
    for (const chunk of [1, 2, 3, 7, 16, 64, 333]) expect(split(text, SEP, chunk)).toEqual(whole);
  });

  it('an input of separator lines only: one page without text holds them', () => {
    const pages = split('=== 第1页 ===\n\n=== 第2页 ===\n', SEP, 5);
    expect(pages).toEqual([{ page: 1, text: '', start: { line: 1, column: 1, offset: 0 }, separators: [
      { text: '=== 第1页 ===', line: 1, offset: 0 }, { text: '=== 第2页 ===', line: 3, offset: 13 },
    ] }]);
  });
});

describe('--verify with --page-separator', () => {
  // the lead paragraph mentions 第2版: an unanchored '第\d+版' takes it out of the text
  const page = '2023年11月4日 第1版\n\n市民广场今日开放\n\n本报讯(记者 王小明)市民广场今天正式开放,详见第2版报道。\n\n广场占地很大,设施齐全。\n';

  it('a separator that deletes a lead line: the line is reported as furniture, every character counted', () => {
    const file = join(tmp, 'lead.txt');
    writeFileSync(file, page);
    const diagnostics = join(tmp, 'lead.diag.jsonl');
    const r = runCli(['--verify', '--page-separator', '第\\d+版', '--diagnostics', diagnostics, file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`verified: all ${nonWhite(page)} characters accounted for`);
    const furniture = readFileSync(diagnostics, 'utf8').trim().split('\n')
      .flatMap((l) => (JSON.parse(l) as { furniture: Array<{ kind: string; text: string; line: number }> }).furniture);
    expect(furniture).toContainEqual(expect.objectContaining({ kind: 'page-header', text: '本报讯(记者 王小明)市民广场今天正式开放,详见第2版报道。', line: 5 }));
  });

  it('the same on two workers, for small files read whole by a worker', () => {
    const dir = join(tmp, 'many');
    mkdirSync(dir);
    for (let i = 0; i < 4; i++) writeFileSync(join(dir, `${i}.txt`), `${page}\f${makePage(i)}`);
    const one = runCli(['--verify', '--jobs', '1', '--page-separator', '第\\d+版', '-f', 'json', dir]);
    const two = runCli(['--verify', '--jobs', '2', '--page-separator', '第\\d+版', '-f', 'json', dir]);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout).toContain('"text": "本报讯(记者 王小明)市民广场今天正式开放,详见第2版报道。"');
  });

  it("--page-separator '' is refused (it would drop every line), exit 2", () => {
    const r = runCli(['--verify', '--page-separator', '', join(tmp, 'lead.txt')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('matches the empty string');
  });
});
