// Bad input gets a clear answer: each case through the built CLI (stdout, stderr, exit code).
// Inputs are generated in a temp folder at test time; nothing big is committed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { CLI, runCli } from './helpers/cli.js';

let tmp: string;
const at = (name: string): string => join(tmp, name);
const PAGE = '市民广场今日开放\n\n本报讯(记者 王小明)市民广场今天正式开放,吸引了很多市民前来参观。\n\n广场占地很大,设施齐全。\n';

/** No stack trace (at file:line) and no internal error name in a message meant for people. */
function expectNoStack(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(stderr).not.toMatch(/TypeError|RangeError|ReferenceError|Error: ENOENT/);
}

const lines = (stdout: string): unknown[] => stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ns-bad-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('files that cannot be read', () => {
  it('missing file: named on stderr, exit 1, no output', () => {
    const r = runCli([at('nope.txt')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('nope.txt: no such file');
    expectNoStack(r.stderr);
  });

  it('--debug may show the underlying error, the plain run does not', () => {
    const r = runCli(['--debug', at('nope.txt')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ENOENT');
  });

  it('an empty directory where a file was expected: exit 1, clear message', () => {
    mkdirSync(at('emptydir'));
    const r = runCli([at('emptydir')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/emptydir: .*(directory|no files)/);
    expectNoStack(r.stderr);
  });

  it('permission denied: exit 1, "permission denied"', () => {
    writeFileSync(at('secret.txt'), PAGE);
    chmodSync(at('secret.txt'), 0o000);
    chmodSync(tmp, 0o755);
    // root reads any file: run the CLI as an unprivileged user then (the CLI and its modules are world-readable)
    const asRoot = process.getuid?.() === 0;
    const r = spawnSync(process.execPath, [CLI, at('secret.txt')], {
      encoding: 'utf8', cwd: tmpdir(), env: { ...process.env, NO_COLOR: '1' },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('secret.txt: permission denied');
    expectNoStack(r.stderr);
  });
});

describe('empty and white-space-only input', () => {
  it.each([
    ['empty file', ''],
    ['white space only', ' \n\t\n\u3000\u3000\n\r\n'],
    ['100,000 blank lines', '\n'.repeat(100_000)],
  ])('%s: zero articles, a warning, exit 0', (_name, text) => {
    const file = at(`ws-${text.length}.txt`);
    writeFileSync(file, text);
    const r = runCli([file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('empty input');
    expect(r.stderr).toContain('warning');
  });

  it('empty stdin: the same', () => {
    const r = runCli([], '');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('stdin: empty input');
  });
});

describe('binary input is refused as "not text", exit 1, no garbage output', () => {
  it.each([
    ['NUL bytes', Buffer.from('abc\0def\0ghi')],
    ['PNG image', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)])],
    ['gzip file', gzipSync(Buffer.from(PAGE))],
    ['JPEG image', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46])],
  ])('%s', (name, bytes) => {
    const file = at(`bin-${name.replace(/\W/g, '')}`);
    writeFileSync(file, bytes);
    const r = runCli([file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('not text');
    expectNoStack(r.stderr);
  });
});

describe('encodings', () => {
  it('bytes that are neither UTF-8 nor GB18030: exit 1, says so, suggests --encoding', () => {
    writeFileSync(at('neither.txt'), Buffer.from([0x41, 0x80, 0xff, 0x42, 0x0a]));
    const r = runCli([at('neither.txt')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('neither UTF-8 nor GB18030');
    expect(r.stderr).toContain('--encoding');
  });

  it('UTF-8 bytes of a lone surrogate (ED A0 80) are not UTF-8: refused, not replaced', () => {
    writeFileSync(at('cesu.txt'), Buffer.concat([Buffer.from('标题\n'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('\n')]));
    const r = runCli([at('cesu.txt')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stdout + r.stderr).not.toContain('\ufffd');
  });

  it.each([['utf-16le'], ['utf-16be']])('%s without BOM: refused with the hint to use --encoding; converted with it', (enc) => {
    const file = at(`nobom-${enc}.txt`);
    writeFileSync(file, iconv.encode(PAGE, enc));
    const r = runCli([file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`--encoding ${enc}`);
    const ok = runCli(['--encoding', enc, '--verify', file]);
    expect(ok.status).toBe(0);
    expect((lines(ok.stdout)[0] as { title: string }).title).toBe('市民广场今日开放');
  });

  it('UTF-16LE without BOM and without any ASCII (no NUL byte at all) is not mistaken for GB18030', () => {
    const file = at('nobom-han.txt');
    writeFileSync(file, iconv.encode('标题正文内容很长很长', 'utf-16le'));
    const r = runCli([file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--encoding utf-16le');
  });

  it('lone surrogates in UTF-16 (with BOM or forced) are refused, never passed on', () => {
    const body = Buffer.from([0x07, 0x68, 0x00, 0xd8, 0x0a, 0x00]); // 标, lone U+D800, \n
    writeFileSync(at('lone-bom.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    writeFileSync(at('lone.txt'), body);
    for (const args of [[at('lone-bom.txt')], ['--encoding', 'utf-16le', at('lone.txt')]]) {
      const r = runCli(args);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('unpaired surrogates');
      expect(r.stdout).toBe('');
    }
  });
});

describe('odd shapes of text', () => {
  it('a 100 MB file with no line break: converted, every character kept, in bounded time', () => {
    const file = at('one-line.txt');
    const unit = Buffer.from('这是一个没有换行的很长的段落，内容一再重复。');
    const fd = openSync(file, 'w');
    const block = Buffer.concat(Array(4096).fill(unit));
    let written = 0;
    while (written < 100 * 1024 * 1024) written += writeSync(fd, block);
    closeSync(fd);
    const r = spawnSync(process.execPath, [CLI, '--verify', '-o', at('one-line.jsonl'), file], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('verified');
    rmSync(file);
  }, 150_000);

  it('only headlines: exit 0, every line accounted for once; the rules make no article of them', () => {
    const lines = ['短标题一', '短标题二', '短标题三'];
    type Doc = { articles: Array<{ headlines: string[]; paragraphs: string[] }>; inputs: Array<{ diagnostics: { furniture: Array<{ text: string }> } }> };
    const rules = runCli(['--format', 'json', '--verify', '--no-model'], `${lines.join('\n')}\n`);
    expect(rules.status).toBe(0);
    const byRules = JSON.parse(rules.stdout) as Doc;
    expect(byRules.articles).toHaveLength(0);
    expect(byRules.inputs[0]!.diagnostics.furniture.map((f) => f.text)).toEqual(lines);
    // the model may read the last line as a body (a deck over one short line): whatever it reads,
    // each line is furniture or article text, once
    const model = runCli(['--format', 'json', '--verify'], `${lines.join('\n')}\n`);
    expect(model.status).toBe(0);
    const byModel = JSON.parse(model.stdout) as Doc;
    const seen = [...byModel.inputs[0]!.diagnostics.furniture.map((f) => f.text), ...byModel.articles.flatMap((a) => [...a.headlines, ...a.paragraphs])];
    expect(seen.sort()).toEqual([...lines].sort());
  });

  it('only furniture: zero articles, exit 0, all of it listed', () => {
    const r = runCli(['--format', 'json', '--verify'], '第 1 版\n责任编辑:张三\n下转第2版\n');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { articles: unknown[]; inputs: Array<{ diagnostics: { furniture: Array<{ kind: string }> } }> };
    expect(doc.articles).toHaveLength(0);
    expect(doc.inputs[0]!.diagnostics.furniture.map((f) => f.kind)).toEqual(['page-header', 'editor', 'jump']);
  });

  it('CR-only, CRLF, LF and mixed line ends all give the same articles', () => {
    const lf = runCli([], PAGE);
    expect(lf.status).toBe(0);
    const want = (lines(lf.stdout) as Array<{ title: string; paragraphs: string[] }>).map((a) => [a.title, a.paragraphs]);
    const mixed = PAGE.split('\n').map((l, i) => l + ['\r', '\r\n', '\n', '\u2028'][i % 4]).join('');
    for (const text of [PAGE.replace(/\n/g, '\r'), PAGE.replace(/\n/g, '\r\n'), mixed]) {
      const r = runCli(['--verify'], text);
      expect(r.status).toBe(0);
      expect((lines(r.stdout) as Array<{ title: string; paragraphs: string[] }>).map((a) => [a.title, a.paragraphs])).toEqual(want);
    }
  });

  it('NFC and NFD / NFKC forms are kept as given (no silent normalisation), and all accounted for', () => {
    const nfd = 'Café 报道\n\nCafe\u0301开业了，很多人来了。\n';
    const wide = '全角ＡＢＣ１２３标题\n\n正文有全角字母ＡＢＣ和数字１２３。\n';
    for (const text of [nfd, nfd.normalize('NFC'), wide, wide.normalize('NFKC')]) {
      const r = runCli(['--verify', '--format', 'json'], text);
      expect(r.status).toBe(0);
      const doc = JSON.parse(r.stdout) as { articles: Array<{ paragraphs: string[] }> };
      const out = doc.articles.flatMap((a) => a.paragraphs).join('');
      // the body text comes out in the form it went in
      expect(text.includes(out.slice(0, 6))).toBe(true);
    }
  });

  it('lone surrogates in the text itself (from the library or UTF-16) never crash the CLI path', () => {
    // U+D800 cannot reach the CLI as valid bytes; the library handles it (see fuzz tests). Astral characters can:
    const r = runCli(['--verify'], '𠀀𠀁标题\n\n正文𠀂内容很多很多。\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('𠀂');
  });
});
