// Batch conversion as a user runs it: a generated archive of 500+ pages in nested folders (UTF-8,
// GB18030, UTF-16 with a BOM, two unreadable files), converted by the built CLI.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CLI } from './helpers/cli.js';
import { makePage, writeArchive, type ArchiveFile } from './helpers/archive.js';

let tmp: string;
let archive: ArchiveFile[];
const UNREADABLE = [17, 133];

interface Run { status: number | null; stdout: string; stderr: string }

function run(args: string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: tmp, input: options.input, encoding: 'utf8', maxBuffer: 1 << 28,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function shell(script: string): Run {
  const r = spawnSync('bash', ['-c', script], {
    cwd: tmp, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1', CLI },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir`, as sorted relative paths. */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)));
    }
  };
  walk(dir);
  return out.sort();
}

const readable = () => archive.filter((f) => f.encoding !== 'unreadable');
/** The inputs in the order news-split walks them: sorted path by path. */
const inWalkOrder = (files: ArchiveFile[]) => [...files].sort((a, b) => (a.path < b.path ? -1 : 1));
const jsonlOf = (f: ArchiveFile) => `arch/${f.path.replace(/\.txt$/, '.jsonl')}`;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'news-split-batch-'));
  archive = writeArchive(join(tmp, 'arch'), 260, UNREADABLE, 1); // one article a page keeps the runs short
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('news-split over an archive', () => {
  let single: Run;

  beforeAll(() => {
    single = run(['--out-dir', 'out1', '--jobs', '1', 'arch']);
  });

  it('has what the acceptance asks for: 500+ pages, GB18030 and UTF-16 files, two unreadable', () => {
    expect(archive.reduce((n, f) => n + f.pages, 0)).toBeGreaterThanOrEqual(500);
    expect(archive.filter((f) => f.encoding === 'gb18030').length).toBeGreaterThan(10);
    expect(archive.filter((f) => f.encoding.startsWith('utf-16')).length).toBeGreaterThan(10);
    expect(archive.filter((f) => f.encoding === 'unreadable')).toHaveLength(2);
  });

  it('mirrors the tree in --out-dir, lists the unreadable inputs with a reason, and exits 1', () => {
    expect(single.status).toBe(1);
    expect(tree(join(tmp, 'out1'))).toEqual(readable().map(jsonlOf).sort());
    for (const i of UNREADABLE) {
      expect(single.stderr).toContain(`arch/${archive[i]!.path}: bytes are neither UTF-8 nor GB18030`);
    }
    expect(single.stderr).toMatch(/2 of 260 inputs failed/);
    expect(single.stderr.trim().split('\n')).toHaveLength(3); // errors only: stderr is not a TTY
  });

  it('decodes every encoding and numbers the pages of each file', () => {
    for (const f of readable().filter((x) => x.pages === 3).slice(0, 12)) {
      const articles = readFileSync(join(tmp, 'out1', jsonlOf(f)), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect([...new Set(articles.map((a) => a.source.page))]).toEqual([1, 2, 3]);
      expect(articles.every((a) => a.source.file === `arch/${f.path}` && /工作$/u.test(a.title))).toBe(true);
      expect(articles.filter((a) => a.source.page === 3)[0].id).toBe(`arch/${f.path}#p3-1`);
    }
  });

  it('writes byte-identical files with --jobs 1 and --jobs 2 (on worker threads)', () => {
    const r = run(['--out-dir', 'out2', '--jobs', '2', 'arch'], { env: { NEWS_SPLIT_POOL_MIN_CHARS: '0' } });
    expect(r.status).toBe(1);
    const files = tree(join(tmp, 'out1'));
    expect(tree(join(tmp, 'out2'))).toEqual(files);
    for (const f of files) expect(readFileSync(join(tmp, 'out2', f)).equals(readFileSync(join(tmp, 'out1', f)))).toBe(true);
  });

  /** What one run writes to stdout for these inputs: their --out-dir files, in input order. */
  const expectedStdout = (files: ArchiveFile[]) => inWalkOrder(files).map((f) => readFileSync(join(tmp, 'out1', jsonlOf(f)), 'utf8')).join('');

  it('streams every article to stdout in input order, the same as the files of a --jobs 1 run', () => {
    const two = run(['--jobs', '2', 'arch'], { env: { NEWS_SPLIT_POOL_MIN_CHARS: '0' } });
    expect(two.status).toBe(1);
    expect(two.stdout).toBe(expectedStdout(readable()));
  });

  // page workers run under a heap limit (cli/batch.ts WORKER_HEAP); one that runs out hands the pages
  // it held (whole files, or pages of a stream) to the main thread instead of failing them
  it('a worker that runs out of heap has its files and pages converted in-process, as --jobs 1 converts them', () => {
    const env = { NEWS_SPLIT_POOL_MIN_CHARS: '0', NEWS_SPLIT_WORKER_HEAP_MB: '1' };
    const files = run(['--jobs', '2', 'arch'], { env });
    expect(files.stderr).not.toMatch(/internal error|memory/u);
    expect(files.stdout).toBe(expectedStdout(readable()));
    const input = Buffer.concat(readable().filter((f) => f.encoding === 'utf-8').slice(0, 20).map((f) => readFileSync(join(tmp, 'arch', f.path))));
    const one = run(['--jobs', '1'], { input });
    const two = run(['--jobs', '2'], { input, env });
    expect(two.status).toBe(0);
    expect(one.stdout.length).toBeGreaterThan(10_000);
    expect(two.stdout).toBe(one.stdout);
  });

  // jsonl and csv are emitted on the workers (their text comes back), json on the main thread: each
  // must give the same bytes, counts and warnings as an in-process --jobs 1 run
  it.each(['jsonl', 'csv', 'json'])('--format %s: --jobs 2 on worker threads writes what --jobs 1 writes, and counts the same', (format) => {
    const args = ['--format', format, '--progress', '--strict', 'arch'];
    const one = run(['--jobs', '1', ...args]);
    const two = run(['--jobs', '2', ...args], { env: { NEWS_SPLIT_POOL_MIN_CHARS: '0' } });
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    expect(one.stdout.length).toBeGreaterThan(10_000);
    expect(two.stdout).toBe(one.stdout);
    // the summary (files, pages, articles, repairs, warnings; not the time) and the listed warnings;
    // not the bar lines that --progress prints without a TTY once a second (a slow run has more)
    const summary = (r: Run) => r.stderr.replace(/^news-split [█░]+ .*\n\n/gmu, '').replace(/, [\d.]+ s$/mu, '');
    expect(summary(two)).toBe(summary(one));
    expect(one.stderr).toMatch(/260 files, \d{3,} pages, \d{3,} articles, \d+ repairs?, \d+ warnings?, 2 failed/u);
  });

  it('--skip-existing continues an interrupted run, leaving finished files alone', () => {
    const [first, second] = readable().map(jsonlOf);
    const old = new Date('2001-01-01T00:00:00Z');
    utimesSync(join(tmp, 'out2', first!), old, old);
    rmSync(join(tmp, 'out2', second!)); // as if the run had stopped here
    const resumed = run(['--out-dir', 'out2', '--skip-existing', '--progress', 'arch']);
    expect(resumed.status).toBe(1); // the unreadable files are read again, and fail again
    expect(statSync(join(tmp, 'out2', first!)).mtime.getTime()).toBe(old.getTime());
    expect(readFileSync(join(tmp, 'out2', second!)).equals(readFileSync(join(tmp, 'out1', second!)))).toBe(true);
    expect(resumed.stderr).toMatch(/260 files \(257 skipped\)/);
  });

  it('takes --files-from - -0 from find -print0, the same as the directory', () => {
    const r = shell('find arch/2022 -type f -print0 | sort -z | node "$CLI" --files-from - -0');
    expect(r.status).toBe(archive.some((f) => f.path.startsWith('2022/') && f.encoding === 'unreadable') ? 1 : 0);
    expect(r.stdout).toBe(expectedStdout(readable().filter((f) => f.path.startsWith('2022/'))));
  });

  it('expands a quoted glob itself', () => {
    const r = run(['arch/2021/0[1-3]/*.txt', '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    const chosen = inWalkOrder(readable().filter((f) => /^2021\/0[1-3]\//.test(f.path)));
    const files = [...new Set(doc.articles.map((a: { source: { file: string } }) => a.source.file))];
    expect(files).toEqual(chosen.map((f) => `arch/${f.path}`));
    expect(doc.inputs).toHaveLength(chosen.reduce((n, f) => n + f.pages, 0)); // one report per page
  });

  it('gives a single run\'s output from GNU parallel, one file per job (xargs -P when parallel is absent)', () => {
    const hasParallel = shell('command -v parallel').status === 0;
    const script = hasParallel
      ? 'find arch/2021/01 -type f | sort | parallel -k -j2 node "$CLI" {}'
      // xargs -P does not keep order: each job writes its own part, concatenated in input order
      : 'mkdir -p parts && find arch/2021/01 -type f | sort | nl -ba -nrz -w6 '
        + '| xargs -P 2 -L 1 sh -c \'node "$CLI" "$1" > parts/$0.jsonl\'; cat parts/*.jsonl';
    const r = shell(script);
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(r.stdout).toBe(expectedStdout(readable().filter((f) => /^2021\/01\//.test(f.path))));
  });
});

describe('exit codes and stderr', () => {
  beforeAll(() => {
    mkdirSync(join(tmp, 'small'), { recursive: true });
    writeFileSync(join(tmp, 'small', 'good.txt'), makePage(42));
    writeFileSync(join(tmp, 'small', 'no-articles.txt'), '第 1 版\n');
    writeFileSync(join(tmp, 'small', 'bad.txt'), Buffer.from([0x41, 0x80, 0xff]));
  });

  it('exits 3 with --strict when a warning was raised, and lists it even though stderr is no TTY', () => {
    const quiet = run(['small/good.txt', 'small/no-articles.txt']);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
    const strict = run(['--strict', 'small/good.txt', 'small/no-articles.txt']);
    expect(strict.status).toBe(3);
    expect(strict.stderr).toContain('small/no-articles.txt: no articles found');
    expect(run(['--strict', 'small/good.txt']).status).toBe(0);
  });

  it('converts the other inputs after a failure, and stops at it with --fail-fast', () => {
    const all = run(['small/bad.txt', 'small/good.txt']);
    expect(all.status).toBe(1);
    expect(all.stdout.trim().split('\n').length).toBeGreaterThan(0);
    const fast = run(['--fail-fast', 'small/bad.txt', 'small/good.txt']);
    expect(fast.status).toBe(1);
    expect(fast.stdout).toBe('');
    expect(fast.stderr).toContain('small/bad.txt');
  });

  it('prints the progress summary with --progress', () => {
    const r = run(['--progress', 'small/good.txt', 'small/bad.txt']);
    expect(r.stderr).toMatch(/2 files, 1 page, \d+ articles, \d+ repairs?, \d+ warnings?, 1 failed, [\d.]+ s/);
  });

  it.each([
    [['--jobs', '0', 'small/good.txt'], 'jobs'],
    [['--skip-existing', 'small/good.txt'], '--skip-existing needs --out-dir'],
    [['--page-separator', '(', 'small/good.txt'], '--page-separator'],
    [['-0', 'small/good.txt'], '--files-from'],
  ])('answers %j with exit 2', (args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('exits quietly when the reader of stdout goes away (news-split big.txt | head -1)', () => {
    const pages = Array.from({ length: 600 }, (_, i) => makePage(i, i + 1)).join('\n\f');
    writeFileSync(join(tmp, 'big.txt'), pages);
    const r = shell('set -o pipefail; node "$CLI" big.txt | head -1');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).id).toBe('big.txt#1');
  });
});

describe('help and version text to a reader that is gone', () => {
  // the read end is closed as soon as the child is started, long before Node has booted and written
  // its help: the write fails with EPIPE, which ends the run quietly, as for articles (exit 0)
  it.each([['--help'], ['--version'], ['eval', '--help'], ['train', '--help']])('%s %s: exit 0, nothing on stderr', async (...args) => {
    const child = spawn(process.execPath, [CLI, ...args.filter(Boolean)], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });
});

describe('per-article formats in a mirrored tree', () => {
  it('writes Markdown files into the mirrored folders, with -pN for later pages', () => {
    const r = run(['-f', 'md', '--out-dir', 'md', 'arch/2022/01']);
    expect(r.status).toBe(0);
    const files = tree(join(tmp, 'md'));
    const three = archive.find((f) => f.path.startsWith('2022/01/') && f.pages === 3)!;
    const stem = three.path.split('/').pop()!.replace(/\.txt$/, '');
    expect(files.some((f) => f.startsWith(`arch/2022/01/${stem}-001-`))).toBe(true);
    expect(files.some((f) => f.startsWith(`arch/2022/01/${stem}-p3-001-`))).toBe(true);
    expect(files.every((f) => f.startsWith('arch/2022/01/') && f.endsWith('.md'))).toBe(true);
  });
});
