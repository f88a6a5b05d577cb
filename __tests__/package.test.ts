// The package as a user gets it: `npm pack`, install the tarball into an empty project, run `npx news-split`.
// Packs the dist/ that `npm run build` left (like the CLI tests, which spawn dist/cli.js). `--ignore-scripts`
// keeps `prepack` from rebuilding dist/ under the other test files that are running it at the same time.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/cli.js';

const TIMEOUT = 180_000;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const PAGE = [
  '城市公园新增健身步道',
  '',
  '本报讯(记者 李明)近日,市区中心公园新建的三公里健身步道正式开放,沿途设置了休息座椅和饮水点,方便市民晨练散步。',
  '',
  '公园管理处负责人介绍,步道采用透水材料铺设,雨后不易积水。下一步还将在步道两侧增种树木,改善遮阴条件。',
  '',
].join('\n');

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, {
    cwd, encoding: 'utf8', maxBuffer: 1 << 26,
    env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' },
  });
}
const show = (r: SpawnSyncReturns<string>): string => `exit ${r.status}\n${r.stdout}\n${r.stderr}`;

let work = '';
let tarball = '';
let files: string[] = [];
let project = '';
let install: SpawnSyncReturns<string>;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/ is not built: run `npm run build` first');
  work = mkdtempSync(join(tmpdir(), 'news-split-pack-'));
  const pack = run(NPM, ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], ROOT);
  if (pack.status !== 0) throw new Error(`npm pack failed: ${show(pack)}`);
  const tgz = readdirSync(work).filter((f) => f.endsWith('.tgz'));
  if (tgz.length !== 1) throw new Error(`expected one tarball in ${work}, found ${tgz.join(', ')}`);
  tarball = join(work, tgz[0] ?? '');
  const list = run('tar', ['-tzf', tarball], work);
  if (list.status !== 0) throw new Error(`tar -tzf failed: ${show(list)}`);
  files = list.stdout.split('\n').map((l) => l.trim()).filter(Boolean);

  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'empty-project', version: '1.0.0', private: true }, null, 2)}\n`);
  writeFileSync(join(project, 'page.txt'), PAGE);
  const flags = ['--no-audit', '--no-fund', '--foreground-scripts'];
  install = run(NPM, ['install', ...flags, '--offline', tarball], project);
  // offline fails when a dependency is not in the npm cache: fetch what is missing
  if (install.status !== 0) install = run(NPM, ['install', ...flags, '--prefer-offline', tarball], project);
}, TIMEOUT);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('ships the CLI, the library, its declarations, the schema, LICENSE and examples/', () => {
    for (const f of ['package/package.json', 'package/bin/news-split.js', 'package/dist/cli.js', 'package/dist/cli.bundle.js', 'package/dist/index.js',
      'package/dist/index.d.ts', 'package/LICENSE', 'package/README.md', 'package/schema/article.schema.json',
      'package/examples/tsv-emitter.mjs', 'package/examples/library.mjs']) expect(files).toContain(f);
    expect(files.some((f) => f.startsWith('package/examples/profiles/') && f.endsWith('.yml'))).toBe(true);
    if (existsSync(join(ROOT, 'models'))) expect(files.some((f) => f.startsWith('package/models/'))).toBe(true);
  });

  it('ships no source maps, sources, tests, fixtures or bench', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const dir of ['src/', '__tests__/', 'fixtures/', 'bench/']) expect(files.filter((f) => f.startsWith(`package/${dir}`))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });
});

describe('the packed tarball installed into an empty project', () => {
  it('installs without running any install script of news-split (prepare is not run for a tarball)', () => {
    expect(install.status).toBe(0);
    expect(existsSync(join(project, 'node_modules', 'news-split', 'dist', 'cli.js'))).toBe(true);
    // --foreground-scripts prints "> news-split@x prepare" for every lifecycle script npm runs
    expect(`${install.stdout}\n${install.stderr}`).not.toMatch(/news-split@[^\s]+ (prepare|prepack|preinstall|install|postinstall)/);
  }, TIMEOUT);

  it('npx news-split page.txt prints JSON Lines with at least one article', () => {
    expect(install.status).toBe(0);
    const r = run(NPX, ['--no-install', 'news-split', 'page.txt'], project);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    const first = JSON.parse(lines[0] ?? '') as { title?: string; paragraphs?: unknown[] };
    expect(first.title).toBe('城市公园新增健身步道');
    expect(Array.isArray(first.paragraphs)).toBe(true);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
  }, TIMEOUT);

  it('runs examples/library.mjs as shipped (convert() and emit() from the installed package), and --convert (opencc-js a dependency)', () => {
    expect(install.status).toBe(0);
    const example = run(process.execPath, [join('node_modules', 'news-split', 'examples', 'library.mjs'), 'page.txt'], project);
    expect(show(example)).toMatch(/^exit 0\ntitle,paper,publication_date,page,index,reporters,date\n城市公园新增健身步道,,,1,1,李明,\n/);
    const s2t = run(NPX, ['--no-install', 'news-split', '--convert', 's2t', '--fields', 'title', 'page.txt'], project);
    expect(show(s2t)).toMatch(/^exit 0\n\{"title":"城市公園新增健身步道"\}\n/);
  }, TIMEOUT);

  it('import works from an ES module, and require() from CommonJS on this Node (require(esm), Node ≥ 20.19)', () => {
    expect(install.status).toBe(0);
    writeFileSync(join(project, 'esm.mjs'), "import { split } from 'news-split';\nconsole.log(typeof split);\n");
    const esm = run(process.execPath, ['esm.mjs'], project);
    expect(show(esm)).toMatch(/^exit 0\nfunction\n/);
    writeFileSync(join(project, 'cjs.cjs'), "const m = require('news-split');\nconsole.log(typeof m, typeof m.split);\n");
    const cjs = run(process.execPath, ['cjs.cjs'], project);
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    if (major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19)) expect(show(cjs)).toMatch(/^exit 0\nobject function\n/);
    else expect(show(cjs)).toMatch(/ERR_REQUIRE_ESM/); // Node 20.11–20.18 (and 21, 22.0–22.11 unflagged): import only
  }, TIMEOUT);
});
