// The emitters as a user runs them: spawns the built CLI (dist/cli.js; build first).
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { MAX_NAME_BYTES } from '../src/emit/filenames.js';
import { CLI, FIXTURES, runCli, SAMPLE } from './helpers/cli.js';
import { expectedFrontMatter, frontMatterOf, markdownDocuments } from './helpers/emit.js';
import type { Article } from '../src/types.js';

const HOSTILE = join(FIXTURES, 'emit', 'hostile-titles.txt');
const tmp = mkdtempSync(join(tmpdir(), 'news-split-emit-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Copy `page` as `name` into a fresh folder and run `news-split -f md --out-dir out name` there
 *  (runCli runs in the project root, where --out-dir would mirror the fixtures/ tree). */
function markdownIntoOutDir(page: string, name: string): { cwd: string; status: number | null; stdout: string } {
  const cwd = join(tmp, name.replace(/\.txt$/, '-run'));
  mkdirSync(cwd);
  copyFileSync(page, join(cwd, name));
  const r = spawnSync(process.execPath, [CLI, '--no-model', '--format', 'markdown', '--out-dir', 'out/', name], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { cwd, status: r.status, stdout: r.stdout };
}

/** Every file under `dir`, relative, with '/'. */
const filesUnder = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1).split('\\').join('/'))
    .sort();

// the sample page as the rule-based segmenter reads it (--no-model), the record every format is checked against
const jsonl = (file: string): Article[] => runCli(['--no-model', file]).stdout.trim().split('\n').map((l) => JSON.parse(l) as Article);
const sample = jsonl(SAMPLE);
const SAMPLE_NAME = sample[0]!.source.file;

describe('news-split --format markdown', () => {
  it('news-split --format markdown --out-dir out/ sample.txt writes 3 files with safe names, nothing on stdout', () => {
    const { cwd, ...r } = markdownIntoOutDir(SAMPLE, 'sample.txt');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const names = filesUnder(join(cwd, 'out'));
    expect(names).toEqual([
      'sample-001-市委常委会举行扩大会议.md',
      'sample-002-重庆已组建4个市级以上的多跨协同产教联合体.md',
      'sample-003-渝湘复线高速公路芦沟河特大桥左幅顺利合龙.md',
    ]);
    // sample.txt holds no date in its name, as cqrb-2023-11-04-p1.txt does (nor does its header state one)
    const expected = sample.map((a) => ({ ...expectedFrontMatter(a), id: a.id.replace(SAMPLE_NAME, 'sample.txt'), source_file: 'sample.txt', publication_date: null }));
    expect(names.map((n) => frontMatterOf(readFileSync(join(cwd, 'out', n), 'utf8')))).toEqual(expected);
  });

  it('keeps titles with / .. : * and device names inside --out-dir with safe names', () => {
    const { cwd: base, status } = markdownIntoOutDir(HOSTILE, 'hostile-titles.txt');
    expect(status).toBe(0);
    expect(readdirSync(base).sort()).toEqual(['hostile-titles.txt', 'out']);
    const names = filesUnder(join(base, 'out'));
    expect(names).toEqual([
      'hostile-titles-001-etc-passwd-旧城-新区——“小巷”里的-大-变化.md',
      'hostile-titles-002-CON.md',
      'hostile-titles-003-市民热线-你问我答.md',
    ]);
    for (const n of names) expect(Buffer.byteLength(n)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    const titles = names.map((n) => frontMatterOf(readFileSync(join(base, 'out', n), 'utf8')).title);
    expect(titles).toEqual(['../../etc/passwd:旧城/新区——“小巷”里的*大*变化', 'CON', '市民热线|你问我答']);
    // the body shows the title as printed: the * are escaped, not emphasis
    expect(readFileSync(join(base, 'out', names[0]!), 'utf8')).toContain('# ../../etc/passwd:旧城/新区——“小巷”里的\\*大\\*变化\n');
  });

  it('writes every article to stdout as its own front-matter document (md is an alias)', () => {
    const r = runCli(['--no-model', '--format', 'md', SAMPLE]);
    expect(r.status).toBe(0);
    const docs = markdownDocuments(r.stdout);
    expect(docs.map(frontMatterOf)).toEqual(sample.map(expectedFrontMatter));
    expect(runCli(['--no-model', '--format', 'markdown', SAMPLE]).stdout).toBe(r.stdout);
  });

  it('refuses --out-dir together with --output', () => {
    const r = runCli(['--no-model', '-f', 'md', '--out-dir', join(tmp, 'x'), '-o', join(tmp, 'y.md'), SAMPLE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--out-dir and --output exclude each other');
  });
});

describe('news-split --format csv', () => {
  it('writes one row per article that parses back to the titles', () => {
    const r = runCli(['--no-model', '--format', 'csv', SAMPLE]);
    expect(r.status).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.title)).toEqual(sample.map((a) => a.title));
    expect(r.stdout.includes('\r\n')).toBe(false);
  });

  it.each([['--bom'], ['--excel']])('%s writes a BOM and CRLF for Excel', (flag) => {
    const r = runCli(['--no-model', '--format', 'csv', flag, SAMPLE]);
    expect(r.stdout.startsWith('\uFEFFid,')).toBe(true);
    expect(r.stdout.endsWith('\r\n')).toBe(true);
    expect((parse(r.stdout, { columns: true, bom: true }) as unknown[]).length).toBe(3);
  });
});

describe('news-split --emitter and --list-formats', () => {
  it('runs the example plug-in as the format when it is the only one loaded', () => {
    const r = runCli(['--no-model', '--emitter', './examples/tsv-emitter.mjs', SAMPLE]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('id\tdate\ttitle\treporters');
    expect(lines.slice(1, 4).map((l) => l.split('\t')[2])).toEqual(sample.map((a) => a.title));
    // --format still chooses among everything
    expect(runCli(['--no-model', '--emitter', './examples/tsv-emitter.mjs', '--format', 'jsonl', SAMPLE]).stdout.split('\n')[0]).toMatch(/^\{"schema":"1\.2","id"/);
  });

  it('lists the built-in and loaded formats', () => {
    const r = runCli(['--no-model', '--list-formats', '--emitter', './examples/tsv-emitter.mjs']);
    expect(r.status).toBe(0);
    const names = r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual(['jsonl', 'json', 'markdown', 'csv', 'tree', 'tsv']);
    expect(r.stdout).toMatch(/^markdown \(md\)\s+\.md\s+Markdown/m);
    expect(r.stdout).toContain('[./examples/tsv-emitter.mjs]');
  });

  it('answers a broken plug-in with exit 2 and a sentence naming it', () => {
    const bad = join(tmp, 'bad-emitter.mjs');
    writeFileSync(bad, "export default { name: 'bad', extension: 'txt' };");
    const r = runCli(['--no-model', '--emitter', bad, SAMPLE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`emitter '${bad}' is not a valid emitter: create(options) must be a function`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('lazy loading of the Markdown stack', () => {
  // A module-resolution hook records every module URL that the CLI loads.
  const hooks = join(tmp, 'hooks.mjs');
  const register = join(tmp, 'register.mjs');
  writeFileSync(hooks, "import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(process.env.NS_TRACE, r.url + '\\n'); return r; }\n");
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  const MARKDOWN_STACK = /node_modules\/(unified|remark-stringify|gray-matter|mdast-util-to-markdown)\//;

  function loaded(args: string[]): string[] {
    const trace = join(tmp, `trace-${args.join('_').replace(/\W/g, '')}.txt`);
    writeFileSync(trace, '');
    const r = runCli(args, undefined, { NODE_OPTIONS: `--import ${pathToFileURL(register).href}`, NS_TRACE: trace });
    expect(r.status).toBe(0);
    return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
  }

  it('--version and JSON runs do not load unified, remark or gray-matter; markdown runs do', () => {
    for (const args of [['--version'], ['--format', 'json', SAMPLE], [SAMPLE], ['--format', 'csv', SAMPLE]]) {
      const urls = loaded(args);
      expect(urls.some((u) => u.endsWith('/dist/cli.js'))).toBe(true);
      expect(urls.filter((u) => MARKDOWN_STACK.test(u))).toEqual([]);
    }
    expect(loaded(['--format', 'md', SAMPLE]).some((u) => MARKDOWN_STACK.test(u))).toBe(true);
  });
});
