import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, FIXTURES, SAMPLE } from './helpers/cli.js';

const GOLD = join(FIXTURES, 'gold');

describe('news-split eval', () => {
  it('scores the example gold set as JSON, with the metrics by name', () => {
    const r = runCli(['eval', GOLD, '--format', 'json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    for (const name of ['article_precision', 'article_recall', 'article_f1', 'pk', 'windowdiff', 'headlines', 'title',
      'byline_f1', 'byline_reporters_f1', 'byline_correspondents_f1', 'byline_photographers_f1', 'byline_source_f1',
      'paragraph_f1', 'repair_precision', 'repair_recall', 'perfect', 'noise_leaks']) {
      expect(typeof doc.metrics[name]).toBe('number');
    }
    expect(doc.metrics.files).toBe(4);
    expect(doc.metrics.gold_articles).toBe(6);
    expect(doc.metrics.gold_joins).toBe(3); // 发/展, 融合/合, 40分钟/(page header)/缩短
    expect(doc.files.map((f: { file: string }) => f.file)).toEqual(['deck-lead.txt', 'page-break.txt', 'short-items.txt', 'web-furniture.txt']);
    expect(doc.options).toEqual({ repair: true, date: null });
  });

  it('exits 1 when a --min or --max bound is not met, naming it on stderr', () => {
    const r = runCli(['eval', GOLD, '--format', 'json', '--min', 'article_f1=1.01']);
    expect(r.status).toBe(1);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stderr).toMatch(/article_f1 = [\d.]+ < 1\.01/);
    expect(runCli(['eval', GOLD, '--min', 'article_f1=0', '--max', 'pk=1']).status).toBe(0);
    expect(runCli(['eval', GOLD, '--max', 'pk=-1']).status).toBe(1);
  });

  it('takes the split options, before or after eval', () => {
    for (const args of [['--no-repair', 'eval', GOLD], ['eval', '--no-repair', GOLD]]) {
      const doc = JSON.parse(runCli([...args, '--format', 'json']).stdout);
      expect(doc.options.repair).toBe(false);
      expect(doc.metrics.predicted_repairs).toBe(0);
      expect(doc.metrics.repair_recall).toBe(0);
    }
  });

  it('prints a table, and each file\'s misses with --verbose', () => {
    const r = runCli(['eval', GOLD, '--verbose']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^articles +[\d.]+ +[\d.]+ +[\d.]+/m);
    expect(r.stdout).toMatch(/^Pk +[\d.]+/m);
    expect(r.stdout).toContain('web-furniture.txt:');
  });

  it('answers usage errors with exit 2', () => {
    expect(runCli(['eval', GOLD, '--min', 'nonsense=1']).stderr).toContain("unknown metric 'nonsense'");
    expect(runCli(['eval', GOLD, '--min', 'pk=0.1']).status).toBe(2); // lower is better: --max
    expect(runCli(['eval', GOLD, '--format', 'xml']).status).toBe(2);
    expect(runCli(['eval']).status).toBe(2);
  });

  it('refuses an invalid gold file, naming the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'news-split-gold-'));
    copyFileSync(join(GOLD, 'deck-lead.txt'), join(dir, 'p.txt'));
    writeFileSync(join(dir, 'p.gold.json'), JSON.stringify({ input: 'p.txt', articles: [{ headlines: [], paragraphs: 'text' }] }));
    writeFileSync(join(dir, 'q.gold.json'), JSON.stringify({ input: 'missing.txt', articles: [] }));
    const r = runCli(['eval', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'p.gold.json')}: articles[0].paragraphs: expected a list of strings`);
    expect(r.stderr).toContain(`${join(dir, 'q.gold.json')}: input: no file missing.txt beside the gold file`);
    expect(r.stdout).toBe('');
  });

  it('leaves the main command as it was: a file named on the command line is converted', () => {
    const r = runCli([SAMPLE]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').length).toBeGreaterThan(1);
  });
});
