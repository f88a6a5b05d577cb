import { describe, expect, it } from '@jest/globals';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, SAMPLE, FIXTURES } from './helpers/cli.js';

describe('news-split command line', () => {
  it('prints one JSON line per article of the sample page', () => {
    // the rule-based segmenter (--no-model) reads the sample page exactly; the model gets its decks
    // partly wrong (README § Structure model), and gives the same three articles
    expect(runCli([SAMPLE]).stdout.trim().split('\n')).toHaveLength(3);
    const r = runCli(['--no-model', SAMPLE]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => JSON.parse(l).title)).toEqual([
      '市委常委会举行扩大会议',
      '重庆已组建4个市级以上的多跨协同产教联合体',
      '渝湘复线高速公路芦沟河特大桥左幅顺利合龙',
    ]);
  });

  it('reads stdin when no file or "-" is given', () => {
    const page = readFileSync(SAMPLE);
    for (const args of [[], ['-']]) {
      const r = runCli(args, page);
      expect(r.status).toBe(0);
      expect(r.stdout.trim().split('\n')).toHaveLength(3);
      expect(JSON.parse(r.stdout.split('\n')[0]!).id).toBe('stdin#1');
    }
  });

  it('prints one JSON document with --format json', () => {
    const r = runCli(['--format', 'json', SAMPLE]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.articles).toHaveLength(3);
    expect(doc.inputs[0].diagnostics.furniture).toEqual([]);
  });

  it('reports furniture of JSON Lines runs with --diagnostics, the same with any --jobs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ns-diag-'));
    const page = join(FIXTURES, 'furniture', 'input.txt');
    const outs = ['1', '2'].map((jobs) => {
      const file = join(dir, `d${jobs}.jsonl`);
      const r = runCli(['--jobs', jobs, '--diagnostics', file, page, SAMPLE], undefined, { NEWS_SPLIT_POOL_MIN_CHARS: '0' });
      expect(r.status).toBe(0);
      return readFileSync(file, 'utf8');
    });
    expect(outs[1]).toBe(outs[0]);
    const records = outs[0]!.trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((r) => [r.file, r.page])).toEqual([[page, 1], [SAMPLE, 1]]);
    expect(records[0].pageDate).toBe('2024-03-08');
    expect(records[0].furniture.map((f: { text: string }) => f.text)).toEqual(['2024年3月8日  星期五  晨光日报  第2版', '（下转第3版）', '下转第3版', '责任编辑：刘 洋  美编：陈 晨']);
    expect(records[1].furniture).toEqual([]);
  });

  // a page with no page break is cut for length (read/pages.ts): on stderr as a warning of the input,
  // and in the cut page's own --diagnostics record and the json format's inputs
  it('records each page cut for length in --diagnostics and in the json format, from a file or stdin, with any --jobs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ns-diag-cut-'));
    const text = `${'y'.repeat(900_000)}\n`; // 400,000 characters a page at most: cut twice
    const file = join(dir, 'yes.txt');
    writeFileSync(file, text);
    const cut = 'no page break in 400000 characters; cut inside a line';
    const runs = [['1', file], ['2', file], ['1', '-'], ['2', '-']].map(([jobs, input]) => {
      const diag = join(dir, `d${jobs}${input === '-' ? 'stdin' : 'file'}.jsonl`);
      const r = runCli(['--jobs', jobs!, '--diagnostics', diag, input!], input === '-' ? text : undefined, { NEWS_SPLIT_POOL_MIN_CHARS: '0' });
      expect(r.status).toBe(0);
      const records = readFileSync(diag, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      return records.map((x) => [x.page, x.warnings]);
    });
    for (const r of runs) expect(r).toEqual([[1, [cut]], [2, [cut]], [3, []]]);
    const doc = JSON.parse(runCli(['--format', 'json', file]).stdout);
    expect(doc.inputs.map((x: { page: number; diagnostics: { warnings: string[] } }) => [x.page, x.diagnostics.warnings])).toEqual([[1, [cut]], [2, [cut]], [3, []]]);
  });

  it('refuses a --diagnostics file it cannot write, before converting anything', () => {
    const r = runCli(['--diagnostics', '/nonexistent-folder/d.jsonl', SAMPLE]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--diagnostics /nonexistent-folder/d.jsonl: no such folder');
  });

  it('answers a missing file with exit 1 and a message naming it, no stack trace', () => {
    const r = runCli(['no/such/page.txt']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no/such/page.txt: no such file');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('answers an unknown option or format with exit 2', () => {
    expect(runCli(['--frobnicate', SAMPLE]).status).toBe(2);
    const r = runCli(['--format', 'docx', SAMPLE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown format 'docx'");
  });
});
