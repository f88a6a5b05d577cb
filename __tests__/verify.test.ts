// The conservation check: every non-white-space character of the input is accounted for once.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { split } from '../src/pipeline.js';
import { verify, describeVerifyReport } from '../src/verify.js';
import { decodeBuffer } from '../src/read/decode.js';
import type { SplitResult } from '../src/types.js';
import { FIXTURES, ROOT } from './helpers/cli.js';

const check = (text: string) => verify(text, split(text));

describe('verify()', () => {
  it('accepts a page whose text all went somewhere', () => {
    const r = check('第 1 版\n\n市民广场今日开放\n\n本报讯(记者 王小明)市民广场今天开放。\n');
    expect(r.ok).toBe(true);
    expect(r.inputChars).toBe(r.outputChars);
  });

  it('reports a lost character with its line and column, and an extra one', () => {
    const text = '标题\n\n正文内容。\n';
    const result = split(text);
    const tampered: SplitResult = structuredClone(result);
    tampered.articles[0]!.paragraphs[0] = '正文内容!';
    const r = verify(text, tampered);
    expect(r.ok).toBe(false);
    expect(r.missing).toEqual([{ char: '。', count: 1, positions: [{ line: 3, column: 5, offset: 8 }] }]);
    expect(r.extra).toEqual([{ char: '!', count: 1, positions: [] }]);
    expect(describeVerifyReport(r, 'p.txt').join('\n')).toContain("lost '。' ×1 (occurs at line:column 3:5)");
  });

  it('counts a repair\'s dropped copy, not the dateline copy, and not white space', () => {
    const text = '标题一\n\n新华社北京5月27日电 这是一段很长的正文没有标点符号一直写到这一行的最后为了测试深度融合\n\n合、良性循环的修复。\n';
    const result = split(text);
    expect(result.articles[0]!.repairs.some((r) => r.dropped === '合')).toBe(true);
    expect(verify(text, result).ok).toBe(true);
  });

  it('found and now guards: a byline line in parentheses keeps its parentheses in byline.raw', () => {
    const text = '标题一行\n\n(记者 张三)\n\n这是正文第一段,内容很长很长。\n';
    const r = check(text);
    expect(r.ok).toBe(true);
    expect(split(text).articles[0]!.byline.raw).toBe('(记者 张三)');
  });

  it('found and now guards: a photo credit before any article is furniture, not lost', () => {
    for (const text of ['张三 摄\n', '张三 摄\n\n标题\n']) {
      expect(check(text).ok).toBe(true);
      expect(split(text).diagnostics.furniture.map((f) => f.text)).toContain('张三 摄');
    }
  });

  it('a meta line is furniture and names the people: its byline copy is not counted twice', () => {
    expect(check('来源:新民晚报 记者:李明\n\n标题\n\n正文第一段的内容。\n').ok).toBe(true);
  });

  it('handles astral characters and lone surrogates as characters of their own', () => {
    expect(check('𠀀标题\ud800\n\n正文\udc00内容𠀁。\n').ok).toBe(true);
  });
});

describe('every fixture and corpus page is conserved', () => {
  const files: string[] = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).map((f) => join(FIXTURES, f));
  // The shared corpus (copyrighted, never in the repo) sits beside the clone in CI; without it, only fixtures.
  const corpus = join(ROOT, '..', 'shared', 'corpus', 'dev');
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.txt') ? [join(dir, e.name)] : []));
  if (existsSync(corpus)) files.push(...walk(corpus));

  it('has inputs to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [f.slice(ROOT.length - 4)]))('%s', (rel) => {
    const file = files.find((f) => f.endsWith(rel.slice(4)))!;
    const { text } = decodeBuffer(readFileSync(file));
    for (const repair of [true, false]) {
      const r = verify(text, split(text, { file, repair }));
      expect(describeVerifyReport(r, rel)).toEqual([`${rel}: verified: all ${r.inputChars} characters accounted for`]);
    }
  });
});
