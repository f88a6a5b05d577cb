import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { runCli, SAMPLE } from './helpers/cli.js';

describe('news-split command line', () => {
  it('prints one JSON line per article of the sample page', () => {
    const r = runCli([SAMPLE]);
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
