// --convert t2s | s2t (issue 17): the records' text in the other script through opencc-js; the source
// span, the offsets and what audits the input (repairs, id, diagnostics) stay as printed.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { split } from '../src/pipeline.js';
import { convertArticle } from '../src/emit/script.js';
import { FIXTURES, runCli, SAMPLE } from './helpers/cli.js';

const TRADITIONAL = join(FIXTURES, 'traditional-crlf', 'input.txt');

describe('convertArticle', () => {
  const text = readFileSync(TRADITIONAL, 'utf8');
  const printed = split(text, { file: 'x.txt' }).articles;

  it('t2s: the text simplified, the provenance unchanged', () => {
    const simplified = split(text, { file: 'x.txt', script: 't2s' }).articles;
    expect(simplified).toHaveLength(printed.length);
    const [p, s] = [printed[0]!, simplified[0]!];
    expect(p.paragraphs.join('')).toContain('貨櫃');
    expect(s.paragraphs.join('')).toContain('货柜');
    expect(s.title).toBe('港口货运量创新高');
    expect(s.byline.raw).toContain('本报讯');
    expect(s.byline.reporters).toEqual(['陈大文', '林小雨']);
    expect(s.source).toEqual(p.source);
    expect(s.id).toBe(p.id);
    expect(s.repairs).toEqual(p.repairs);
    expect(s.paragraphs.map((x) => x.length)).toEqual(p.paragraphs.map((x) => x.length));
  });

  it('s2t takes it back; a record is not changed in place', () => {
    const [a] = split(readFileSync(SAMPLE, 'utf8')).articles;
    const copy = structuredClone(a!);
    const t = convertArticle(a!, 's2t');
    expect(a).toEqual(copy);
    expect(t.title).not.toBe(a!.title);
    expect(convertArticle(t, 't2s').title).toBe(a!.title);
  });
});

describe('news-split --convert', () => {
  it('converts every format\'s text, offsets as without it', () => {
    const plain = runCli([TRADITIONAL]).stdout.trim().split('\n').map((l) => JSON.parse(l));
    const simple = runCli(['--convert', 't2s', TRADITIONAL]).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(simple.map((a) => a.source)).toEqual(plain.map((a) => a.source));
    expect(simple[0].title).toBe('港口货运量创新高');
    for (const format of ['csv', 'md', 'json']) {
      const r = runCli(['-f', format, '--convert', 't2s', TRADITIONAL]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('货柜');
      expect(r.stdout).not.toContain('貨櫃');
    }
  });

  it('converts on worker threads as in one thread', () => {
    const one = runCli(['--convert', 't2s', '-j', '1', TRADITIONAL, SAMPLE]);
    const pool = runCli(['--convert', 't2s', '-j', '2', TRADITIONAL, SAMPLE], undefined, { NEWS_SPLIT_POOL_MIN_CHARS: '0' });
    expect(pool.status).toBe(0);
    expect(pool.stdout).toBe(one.stdout);
    expect(one.stdout).toContain('货柜');
  });

  it('passes --verify: the input is checked as printed', () => {
    const r = runCli(['--convert', 't2s', '--verify', TRADITIONAL]);
    expect(r.status).toBe(0);
  });

  it('refuses another direction (exit 2), and the tree format', () => {
    expect(runCli(['--convert', 'tw', TRADITIONAL]).status).toBe(2);
    expect(runCli(['--convert', 't2s', '-f', 'tree', TRADITIONAL]).status).toBe(2);
  });
});
