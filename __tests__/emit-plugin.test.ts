import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseFormat, loadPlugin, loadPlugins, PluginError } from '../src/emit/plugin.js';
import { builtInFormats, loadEmitter } from '../src/emit/registry.js';
import type { Article } from '../src/types.js';
import { ROOT } from './helpers/cli.js';
import { sampleArticles } from './helpers/emit.js';

const EXAMPLE = './examples/tsv-emitter.mjs';
const articles = sampleArticles();
const dir = mkdtempSync(join(tmpdir(), 'news-split-plugin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A module file in the temp folder; returns its path relative to nothing (absolute). */
function moduleFile(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

function run(factory: { create(o: object): { start?(): string | void; article(a: Article): string | void; end?(): string | void } }): string {
  const e = factory.create({});
  return [e.start?.(), ...articles.map((a) => e.article(a)), e.end?.()].map((t) => t ?? '').join('');
}

describe('plug-in emitters', () => {
  it('loads the example from examples/ and produces its TSV', async () => {
    const tsv = await loadPlugin(EXAMPLE, ROOT);
    expect(tsv).toMatchObject({ name: 'tsv', extension: 'tsv' });
    const lines = run(tsv).replace(/\n$/, '').split('\n');
    expect(lines[0]).toBe('id\tdate\ttitle\treporters');
    expect(lines.slice(1).map((l) => l.split('\t'))).toEqual(
      articles.map((a) => [a.id, a.dateline?.date ?? '', a.title, a.byline.reporters.join(',')]),
    );
  });

  it('accepts an export named `emitter` and a CommonJS module', async () => {
    const named = moduleFile('named.mjs', "export const emitter = { name: 'n', extension: 'txt', description: 'd', create: () => ({ article: (a) => a.title + '\\n' }) };");
    const cjs = moduleFile('old.cjs', "module.exports = { name: 'c', extension: 'txt', create: () => ({ article: (a) => a.index + ',' }) };");
    expect(run(await loadPlugin(named))).toBe(articles.map((a) => `${a.title}\n`).join(''));
    const c = await loadPlugin(cjs);
    expect(c.description).toBe('');
    expect(run(c)).toBe('1,2,3,');
  });

  it('loads a package by name from the folder it is run in', async () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, 'node_modules', 'news-split-emitter-titles'), { recursive: true });
    writeFileSync(join(project, 'node_modules', 'news-split-emitter-titles', 'package.json'), JSON.stringify({ name: 'news-split-emitter-titles', type: 'module', main: 'index.js' }));
    writeFileSync(join(project, 'node_modules', 'news-split-emitter-titles', 'index.js'), "export default { name: 'titles', extension: 'txt', description: 'titles', create: () => ({ article: (a) => a.title + '\\n' }) };");
    const titles = await loadPlugin('news-split-emitter-titles', project);
    expect(run(titles)).toBe(articles.map((a) => `${a.title}\n`).join(''));
  });

  it.each([
    ['a missing file', './no-such-emitter.js', /cannot load emitter '.\/no-such-emitter.js': no such file/],
    ['a missing package', 'no-such-news-split-emitter', /package not found/],
  ])('names %s in a clear error', async (_, spec, message) => {
    await expect(loadPlugin(spec, dir)).rejects.toThrow(message);
  });

  it.each([
    ['no default export', 'export const x = 1;', /does not export an emitter/],
    ['a syntax error', 'export default {', /cannot load emitter/],
    ['no create()', "export default { name: 'x', extension: 'x', description: '' };", /not a valid emitter: create\(options\) must be a function/],
    ['a bad name and extension', "export default { name: 'a b', extension: '.txt', create() {} };", /name must be a word.*extension must be a file extension/],
    ['a bad layout', "export default { name: 'x', extension: 'x', layout: 'per-page', create() {} };", /layout must be/],
  ])('refuses a module with %s', async (_, source, message) => {
    const path = moduleFile(`bad-${Math.random().toString(36).slice(2)}.mjs`, source);
    const err = await loadPlugin(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PluginError);
    expect((err as Error).message).toMatch(message);
  });

  it('checks what create() and the hooks return', async () => {
    const noArticle = await loadPlugin(moduleFile('no-article.mjs', "export default { name: 'x', extension: 'x', create: () => ({}) };"));
    expect(() => noArticle.create({})).toThrow(/create\(\) must return an object with an article\(article\) function/);
    const number = await loadPlugin(moduleFile('number.mjs', "export default { name: 'x', extension: 'x', create: () => ({ article: () => 42 }) };"));
    expect(() => number.create({}).article(articles[0]!)).toThrow(/article\(\) returned number/);
    const async = await loadPlugin(moduleFile('async.mjs', "export default { name: 'x', extension: 'x', create: () => ({ article: async () => 'x' }) };"));
    expect(() => async.create({}).article(articles[0]!)).toThrow(/returned a Promise/);
  });

  it('refuses a plug-in named like a built-in format or like another plug-in', async () => {
    const json = moduleFile('json.mjs', "export default { name: 'json', extension: 'json', create: () => ({ article: () => '' }) };");
    await expect(loadPlugins([json], builtInFormats())).rejects.toThrow(/'json', which is a built-in format/);
    await expect(loadPlugins([EXAMPLE, EXAMPLE], builtInFormats(), ROOT)).rejects.toThrow(/both named 'tsv'/);
  });

  it('selects the only plug-in unless --format is given, and finds plug-ins by name in the registry', async () => {
    const plugins = await loadPlugins([EXAMPLE], builtInFormats(), ROOT);
    expect(chooseFormat('jsonl', false, plugins)).toBe('tsv');
    expect(chooseFormat('csv', true, plugins)).toBe('csv');
    expect(chooseFormat('jsonl', false, [])).toBe('jsonl');
    expect(() => chooseFormat('jsonl', false, [...plugins, { spec: 'y', factory: { ...plugins[0]!.factory, name: 'y' } }])).toThrow(/choose one with --format/);
    expect(await loadEmitter('tsv', plugins.map((p) => p.factory))).toBe(plugins[0]!.factory);
    await expect(loadEmitter('tsv')).rejects.toThrow(/unknown format 'tsv'/);
  });
});
