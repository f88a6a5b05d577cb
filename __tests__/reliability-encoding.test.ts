// The encoding is decided on evidence, not on whatever the first 64 KiB happen to hold: a prefix of
// ASCII only decides nothing, and Big5 (whose bytes are valid GB18030) is told apart by what it
// decodes to. Generated text only.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { openPages, type PageStreamOptions } from '../src/read/pages.js';
import { decodeBuffer, looksLikeBig5 } from '../src/read/decode.js';
import { runCli } from './helpers/cli.js';
import { makePage } from './helpers/archive.js';

/** Feed `bytes` in chunks of `size` and join the pages' text back. */
async function decodeStream(bytes: Buffer, size: number, options: PageStreamOptions = {}) {
  async function* chunks() {
    for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
  }
  const stream = await openPages(chunks(), options);
  let text = '';
  for await (const p of stream.pages) text += p.text;
  return { text, encoding: stream.encoding };
}

/** An English header or a table of numbers: ASCII only, `bytes` long. */
function asciiTable(bytes: number): string {
  const rows: string[] = [];
  for (let i = 0, n = 0; n < bytes; i++) {
    const row = `Table ${i} ${(i * 7919) % 100000} ${(i * 104729) % 1000000}\n`;
    rows.push(row);
    n += row.length;
  }
  return rows.join('');
}

const TRADITIONAL = '市民廣場今日開放\n\n本報訊（記者 王小明）市民廣場今天正式開放，吸引了很多市民前來參觀。\n\n廣場佔地很大，設施齊全，「歡迎」市民。\n';

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'ns-enc-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

describe('a prefix of ASCII only decides nothing', () => {
  const page = makePage(3);

  it.each([
    ['gb18030', 'gb18030'], ['utf-8', 'utf8'],
  ])('%s after 2 MiB of ASCII, in chunks of 1 MiB and of 4 KiB, is decoded right', async (expected, enc) => {
    const head = asciiTable(2 << 20);
    const bytes = Buffer.concat([Buffer.from(head), iconv.encode(page, enc)]);
    for (const size of [1 << 20, 4096]) {
      const r = await decodeStream(bytes, size);
      expect(r.encoding).toBe(expected);
      expect(r.text).toBe(head + page);
    }
  });

  it('a character cut across chunks of 7 bytes, just after the prefix', async () => {
    const head = asciiTable(70_000);
    const r = await decodeStream(Buffer.concat([Buffer.from(head), iconv.encode(page, 'gb18030')]), 7);
    expect(r.encoding).toBe('gb18030');
    expect(r.text).toBe(head + page);
  });

  it('keeps a U+FEFF in the middle of the text (only the first bytes of a file are a byte-order mark)', async () => {
    const bytes = Buffer.concat([Buffer.from(asciiTable(100_000)), Buffer.from('\uFEFF中文。', 'utf8')]);
    expect((await decodeStream(bytes, 65536)).text.endsWith('\uFEFF中文。')).toBe(true);
  });

  it('a file whose first 64 KiB are valid but whose rest is not: the absolute byte, and what to pass', async () => {
    const head = Buffer.from(asciiTable(1 << 20));
    const bytes = Buffer.concat([head, Buffer.from('中文。\n', 'utf8'), Buffer.alloc(2 << 20, 0x41), iconv.encode('中文', 'gb18030')]);
    // "near": the start of the chunk that holds the bad bytes, counted from the file's start
    const chunk = Math.floor((bytes.length - 4) / (1 << 20)) * (1 << 20);
    await expect(decodeStream(bytes, 1 << 20)).rejects.toThrow(`not valid UTF-8 (near byte ${chunk}; the bytes before were; if the file is GB18030, pass --encoding gb18030)`);
  });

  it('through the CLI: a GB18030 file whose first MiB is ASCII, as a file and on stdin', () => {
    // over 1 MB, so that the file is read as a stream (a smaller one is decided whole)
    const file = join(tmp, 'gb-after-ascii.txt');
    // (long lines of ASCII: the split of 40,000 short ones would be most of the test's time)
    const header = `${'0123456789 '.repeat(90)}\n`.repeat(Math.ceil(((1 << 20) + 65536) / 991));
    writeFileSync(file, Buffer.concat([Buffer.from(`${header}\f`), iconv.encode(page, 'gb18030')]));
    const title = page.split('\n')[2]!;
    for (const r of [runCli([file]), runCli([], readFileSync(file))]) {
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`"title":"${title}"`);
    }
  });
});

describe('Big5 read as GB18030 is refused with the hint to pass --encoding big5', () => {
  const big5 = iconv.encode(TRADITIONAL, 'big5');

  it('decodeBuffer refuses it; --encoding big5 reads it', () => {
    expect(() => decodeBuffer(big5)).toThrow(/looks like Big5 .*--encoding big5/);
    expect(decodeBuffer(big5, 'big5').text).toBe(TRADITIONAL);
  });

  it('traditional Chinese in GB18030 is not Big5; nor is a page that quotes a Japanese name', () => {
    expect(decodeBuffer(iconv.encode(TRADITIONAL, 'gb18030')).text).toBe(TRADITIONAL);
    const withKana = `${makePage(5)}\n日本作家村上春树（むらかみ はるき）的新作。\n`;
    expect(decodeBuffer(iconv.encode(withKana, 'gb18030')).text).toBe(withKana);
    expect(looksLikeBig5(withKana)).toBe(false);
  });

  it('through the CLI: a file and stdin, exit 1 with the hint; converted with --encoding big5', () => {
    const file = join(tmp, 'big5.txt');
    writeFileSync(file, big5);
    for (const r of [runCli([file]), runCli([], big5)]) {
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^news-split: error: (.*big5\.txt|stdin): looks like Big5 \(traditional Chinese\).*: pass --encoding big5/);
    }
    const ok = runCli(['--encoding', 'big5', file]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('"title":"市民廣場今日開放"');
  });

  it('a short Big5 page (too few characters for the share) is refused by character frequency; short GB18030 is not', () => {
    for (const line of ['本報訊 記者王小明報導，臺北市政府', '市民廣場今日開放，歡迎。', '廣場佔地很大，設施齊全。']) {
      const bytes = iconv.encode(line, 'big5');
      expect(() => decodeBuffer(bytes)).toThrow(/looks like Big5/);
      expect(decodeBuffer(bytes, 'big5').text).toBe(line);
    }
    for (const line of ['本报讯 记者王小明报道，台北市政府', '日本作家村上春树（むらかみ）的新作。', '廣場佔地很大，設施齊全。']) {
      expect(decodeBuffer(iconv.encode(line, 'gb18030')).text).toBe(line);
    }
  });

  it('a Big5 file larger than the detection prefix is refused too (decided on the stream)', async () => {
    const bytes = Buffer.concat(Array.from({ length: 12_000 }, () => big5));
    await expect(decodeStream(bytes, 1 << 20)).rejects.toThrow(/looks like Big5/);
  });
});
