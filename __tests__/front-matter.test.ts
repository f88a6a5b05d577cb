// Markdown front matter through gray-matter with `yaml` as its engine, the library that reads
// profiles (issue 17), written as gray-matter's own js-yaml 3 wrote it.
import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import matter from 'gray-matter';
import { readFrontMatter, stringifyYaml, withFrontMatter, yamlEngine } from '../src/emit/front-matter.js';
import { articleDocument } from '../src/emit/markdown.js';
import { articleFields } from '../src/emit/fields.js';
import { sampleArticles, withTitle } from './helpers/emit.js';

// js-yaml 3 is gray-matter's own engine (its dependency): the reference for the old output
const jsYaml = createRequire(import.meta.url)('js-yaml') as { safeDump(v: unknown): string; safeLoad(s: string): unknown };

// titles a YAML dialect may read as something else, or style otherwise
const TRICKY = ['11:30', 'yes', 'no', 'on', '2024-03-07', '0123', '1e3', '~', 'null', '', '- 列表', '#话题', '话题 #1',
  '他说:"好"', "it's", '利益,坚决维护', '[专题]', '{x}', '全角：冒号', 'a\nb', ' 前空格', '后空格 ', '* 星号', '& 和', '! 叹',
  '长'.repeat(79), '长'.repeat(81), `${'长'.repeat(90)}\n短`, '@提及', '%百分', '`反引号`', '|竖线', '>大于', '=等于', '?问'];

describe('front matter', () => {
  it('is written by the yaml engine, not js-yaml', () => {
    const calls: unknown[] = [];
    const spy = { parse: yamlEngine.parse, stringify: (d: object) => { calls.push(d); return yamlEngine.stringify(d); } };
    matter.stringify('x\n', { title: '标题' }, { engines: { yaml: spy } });
    expect(calls).toHaveLength(1);
    expect(withFrontMatter('正文\n', { title: '标题' })).toBe('---\ntitle: 标题\n---\n正文\n');
  });

  it.each(TRICKY)('writes %j as js-yaml 3 did, and reads it back as the same string', (title) => {
    const data = { title, headlines: [title, '另一行'], none: null, list: [] };
    expect(stringifyYaml(data)).toBe(jsYaml.safeDump(data));
    const doc = withFrontMatter('正文\n', data);
    expect(readFrontMatter(doc).data).toEqual(data);
    // a YAML 1.1 reader (js-yaml, PyYAML) reads the same
    expect(jsYaml.safeLoad(doc.split('---\n')[1]!)).toEqual(data);
  });

  it('an article document: the flat fields in the front matter, read back by the same library', () => {
    for (const a of sampleArticles().map((x) => withTitle(x, '11:30 会议, 继续'))) {
      const { data, content } = readFrontMatter(articleDocument(a));
      expect(data).toEqual({ ...articleFields(a) });
      expect(content).toContain(a.paragraphs[0]!.slice(0, 5));
    }
  });
});
