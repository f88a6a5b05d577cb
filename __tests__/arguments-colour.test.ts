// Bad arguments are usage errors (exit 2) with a news-split: message; -f is case-insensitive;
// NO_COLOR and --color govern every message, commander's own included; Markdown without a title
// prints no empty heading.
import { describe, expect, it } from '@jest/globals';
import { SAMPLE, runCli } from './helpers/cli.js';

const ESC = '\x1b[';

describe('bad arguments', () => {
  it.each([['2023-13-45'], ['yesterday'], ['2023/11/04'], ['2023-02-30'], ['2023-00']])('--date %s: exit 2, named', (date) => {
    const r = runCli(['--date', date, SAMPLE]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^news-split: error: .*--date.*'${date}'`));
  });

  it.each([['2023'], ['2023-11'], ['2024-02-29']])('--date %s is accepted', (date) => {
    expect(runCli(['--date', date, SAMPLE]).status).toBe(0);
  });

  it('--encoding klingon: checked once, exit 2', () => {
    const r = runCli(['--encoding', 'klingon', SAMPLE, SAMPLE]);
    expect(r.status).toBe(2);
    expect(r.stderr.match(/^news-split: error/gm)).toHaveLength(1);
    expect(r.stderr).toMatch(/^news-split: error: --encoding klingon/);
  });

  it('-f JSON is -f json', () => {
    const r = runCli(['-f', 'JSON', SAMPLE]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(runCli(['-f', 'json', SAMPLE]).stdout);
  });

  it("commander's own errors start with news-split:", () => {
    const r = runCli(['--no-such-option', SAMPLE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^news-split: error: unknown option '--no-such-option'/);
  });
});

describe('colour', () => {
  it('NO_COLOR: no escape sequence, even where colour is forced', () => {
    const r = runCli(['--no-such-option'], undefined, { NO_COLOR: '1', FORCE_COLOR: '3' });
    expect(r.stderr).not.toContain(ESC);
  });

  it('--color never / always', () => {
    expect(runCli(['--color', 'never', '--bogus'], undefined, { NO_COLOR: '', FORCE_COLOR: '3' }).stderr).not.toContain(ESC);
    expect(runCli(['--color', 'always', '--bogus'], undefined, { NO_COLOR: '' }).stderr).toContain(`${ESC}31merror`);
    expect(runCli(['--color=always', '--bogus'], undefined, { NO_COLOR: '' }).stderr).toContain(`${ESC}31merror`);
  });

  it('--color takes auto, always or never', () => {
    const r = runCli(['--color', 'sometimes', SAMPLE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^news-split: error: .*sometimes/);
  });
});

describe('Markdown of an article without a title', () => {
  it('has no empty heading', () => {
    const page = '　　本报讯（记者张三）今天天气很好，市民纷纷出门散步，公园里人来人往。\n　　另一段正文内容在这里继续，讲述城市的变化。\n';
    const r = runCli(['-f', 'md'], page);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("title: ''");
    expect(r.stdout).not.toMatch(/^#\s*$/m);
    expect(r.stdout).toContain('另一段正文内容');
  });
});
