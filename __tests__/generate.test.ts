// The training page generator (train/generate.mjs) run as the lead runs it, on invented records:
// same seed → same bytes, and the gold describes the text exactly.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, ROOT } from './helpers/cli.js';

const GENERATE = join(ROOT, 'train', 'generate.mjs');
const TINY = join(FIXTURES, 'train', 'tiny-records.jsonl');

interface GoldArticle { headlines: string[]; deck: string[]; title: string; paragraphs: string[] }
interface Gold { input: string; note: string; articles: GoldArticle[]; noise: string[] }

const made: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterAll(() => { for (const dir of made) rmSync(dir, { recursive: true, force: true }); });

function generate(args: string[]) {
  const out = tempDir('gen-');
  const r = spawnSync(process.execPath, [GENERATE, '--out', out, '--quiet', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { out, status: r.status, stderr: r.stderr };
}

/** Invented records written as a JSON Lines source in a temp folder: its path. */
function recordsFile(name: string, records: object[]): string {
  const file = join(tempDir('gen-src-'), name);
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

function folder(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
}

const squeeze = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** The paragraph as the page's pieces joined, allowing each character a column break printed twice. */
const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function inPieces(page: string, para: string): boolean {
  if (page.includes(para)) return true;
  return new RegExp(Array.from(para, (c) => `${esc(c)}(?:${esc(c)})?`).join(''), 'u').test(page);
}

function pagesOf(dir: string): { text: string; gold: Gold }[] {
  return readdirSync(dir).filter((n) => n.endsWith('.gold.json')).sort().map((n) => {
    const gold = JSON.parse(readFileSync(join(dir, n), 'utf8')) as Gold;
    return { gold, text: readFileSync(join(dir, gold.input), 'utf8') };
  });
}

describe('train/generate.mjs', () => {
  const first = generate(['--sources', TINY, '--seed', '7', '--pages', '60']);

  it('gives the same bytes for the same seed, and other pages for another seed', () => {
    expect(first.status).toBe(0);
    const again = generate(['--sources', TINY, '--seed', '7', '--pages', '60']);
    const other = generate(['--sources', TINY, '--seed', '8', '--pages', '60']);
    expect(folder(again.out)).toEqual(folder(first.out));
    const a = [...folder(first.out).values()];
    const b = [...folder(other.out).values()];
    expect(b).not.toEqual(a);
  });

  it('writes gold whose headlines, noise and paragraphs are all in the page text', () => {
    const pages = pagesOf(first.out);
    expect(pages.length).toBe(60);
    for (const { text, gold } of pages) {
      for (const n of gold.noise) expect(text).toContain(n);
      const noise = new Set(gold.noise);
      const body = squeeze(text.split(/\r\n|\r|\n/).filter((l) => !noise.has(l.trim())).join(''));
      for (const a of gold.articles) {
        expect(a.deck).toHaveLength(a.headlines.length);
        expect(a.headlines.filter((_, i) => a.deck[i] === 'title').join('')).toBe(a.title);
        for (const h of a.headlines) expect(text).toContain(h);
        for (const p of a.paragraphs) expect(inPieces(body, squeeze(p))).toBe(true);
      }
    }
  });

  it('mixes the layouts and says which it chose', () => {
    const manifest = JSON.parse(readFileSync(join(first.out, 'manifest.json'), 'utf8'));
    expect(manifest.files).toBe(60);
    expect(Object.keys(manifest.summary.body).length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(manifest.summary.eol)).toContain('CRLF');
    const texts = pagesOf(first.out).map((p) => p.text);
    expect(texts.some((t) => t.includes('\r\n'))).toBe(true);
    expect(texts.some((t) => /\n\u3000\u3000\S/.test(t))).toBe(true);
    expect(pagesOf(first.out)[0]!.gold.note).toMatch(/seed 7/);
  });

  it('cuts paragraphs where columns end, and in blank-line dumps sets deck lines apart too', () => {
    const manifest = JSON.parse(readFileSync(join(first.out, 'manifest.json'), 'utf8'));
    expect(manifest.done.columnPieces).toBeGreaterThan(0);
    expect(manifest.summary.deckLineGap.true).toBeGreaterThan(0);
    // a deck of two lines with a blank line between them, on some page
    const apart = pagesOf(first.out).some(({ text, gold }) => gold.articles.some((a) => a.headlines.length > 1
      && new RegExp(`${esc(a.headlines[0]!)}(?:\\r\\n|\\r|\\n)[ \\t\\u3000]*(?:\\r\\n|\\r|\\n)`, 'u').test(text)));
    expect(apart).toBe(true);
  });

  it('passes its own --check', () => {
    const r = spawnSync(process.execPath, [GENERATE, '--check', first.out], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).failureCount).toBe(0);
  });

  it('keeps e-paper leads and closing dispatches in the training gold, and leaves them out with --eval-gold', () => {
    // invented records: a dateline lead (with the e-paper's no-break spaces) and a closing dispatch, as a line and at a paragraph's end
    const records = Array.from({ length: 6 }, (_, i) => ({
      id: `d-${i}`, date: '2019-02-01', page: 1, seq: i, kicker: '', title: `第${i + 1}座新桥今天通车`, subtitle: '',
      body: i % 2
        ? [`新华社南京2月1日电\u00a0\u00a0第${i + 1}座新桥今天上午通车。`, '大桥全长一千二百米，历时三年建成。（新华社南京2月1日电）']
        : [`本报南京2月1日电  （记者王小明）第${i + 1}座新桥今天上午通车。`, '大桥全长一千二百米。', '（本报南京2月1日电）'],
    }));
    const src = recordsFile('dispatch.jsonl', records);
    const args = ['--sources', src, '--plain', '--seed', '3'];
    const articles = (dir: string) => pagesOf(dir).flatMap((p) => p.gold.articles);
    const training = articles(generate(args).out);
    const scoring = articles(generate([...args, '--eval-gold']).out);
    expect(training).toHaveLength(6);
    expect(scoring).toHaveLength(6);
    training.forEach((a, i) => {
      expect(a.paragraphs).toEqual(records[i]!.body);
      expect(scoring[i]!.headlines).toEqual(a.headlines);
      expect(scoring[i]!.paragraphs).toEqual(i % 2
        ? [`第${i + 1}座新桥今天上午通车。`, '大桥全长一千二百米，历时三年建成。']
        : [`第${i + 1}座新桥今天上午通车。`, '大桥全长一千二百米。']);
    });
  });

  it('counts a body-less record (an advertisement page) as an article in training and as furniture with --eval-gold', () => {
    // invented records: the e-paper lists an ad page as a record with a headline and no text
    const records = Array.from({ length: 6 }, (_, i) => ({
      id: `ad-${i}`, date: '2019-02-01', page: 1 + i, seq: 0, kicker: '', title: i % 2 ? '广告' : `第${i + 1}座新桥今天通车`, subtitle: '',
      body: i % 2 ? [] : [`第${i + 1}座新桥今天上午通车。`, '大桥全长一千二百米。'],
    }));
    const args = ['--sources', recordsFile('ads.jsonl', records), '--plain', '--seed', '3'];
    const training = pagesOf(generate(args).out);
    const scoring = pagesOf(generate([...args, '--eval-gold']).out);
    expect(training.flatMap((p) => p.gold.articles)).toHaveLength(6);
    // (some pages in Traditional script)
    expect(scoring.flatMap((p) => p.gold.articles).map((a) => a.title.slice(0, 3))).toEqual(['第1座', '第3座', '第5座']);
    const ads = scoring.filter((p) => p.gold.articles.length === 0);
    expect(ads).toHaveLength(3);
    for (const { text, gold } of ads) {
      const ad = gold.noise.find((t) => /^[广廣]告$/u.test(t));
      expect(ad).toBeDefined();
      expect(text.split(/\r\n|\r|\n/).map((l) => l.trim())).toContain(ad);
    }
  });

  it('prints some bylines under the deck and some subtitles in lines, neither in the paragraphs', () => {
    // invented records: leads that name their reporters, subtitles of several phrases
    const records = Array.from({ length: 12 }, (_, i) => ({
      id: `x-${i}`, date: '2019-02-01', page: 1 + (i % 3), seq: i, kicker: '',
      title: `第${i + 1}座新桥今天通车`,
      subtitle: i % 2 ? '两岸居民出行更方便 货车绕行减少三十公里' : '',
      body: [`本报南京2月1日电  （记者王小明）第${i + 1}座新桥今天上午通车，两岸居民从此不必绕行。`, '大桥全长一千二百米，历时三年建成。'],
    }));
    const file = recordsFile('records.jsonl', records);
    const r = generate(['--sources', file, '--seed', '3', '--pages', '40']);
    expect(r.status).toBe(0);
    const pages = pagesOf(r.out);
    const bylines = pages.flatMap(({ text, gold }) => gold.articles.flatMap((a) => {
      const last = a.headlines.at(-1);
      const m = last === undefined ? null : new RegExp(`${esc(last)}(?:\\r\\n|\\r|\\n)(?:[ \\t\\u3000]*(?:\\r\\n|\\r|\\n))*(.*)`, 'u').exec(text);
      return m && /王\s*小\s*明/u.test(m[1]!) && !/[电電]/u.test(m[1]!) ? [{ line: m[1]!, a }] : [];
    }));
    expect(bylines.length).toBeGreaterThan(0);
    for (const { line, a } of bylines) expect(a.paragraphs.some((p) => p.startsWith(line.trim()))).toBe(false);
    const split = pages.flatMap((p) => p.gold.articles).filter((a) => a.deck.filter((d) => d === 'subtitle').length === 2);
    expect(split.length).toBeGreaterThan(0);
    // the subtitle's two phrases, a line each (a dash added before the first on some pages, some in Traditional script)
    for (const a of split) expect(a.headlines.slice(-2).map((h) => Array.from(h.replace(/^——/u, '')).length)).toEqual([9, 10]);
    expect(spawnSync(process.execPath, [GENERATE, '--check', r.out]).status).toBe(0);
  });

  it('leaves a bracketed opening dateline and a brief\'s closing tag out of the gold paragraphs, and prints both', () => {
    // invented archive records (申報's form: a flattened body, the dateline apart), many short
    const records = Array.from({ length: 24 }, (_, i) => ({
      article_id: `a-${i}`, date: '1948-03-05', page: '2', title: `第${i + 1}號新橋通車 兩岸居民稱便`,
      byline: `中央社南京${i % 9 + 1}日電`, body: `第${i + 1}號新橋今日上午通車，兩岸居民從此不必繞行。 大橋全長一千二百米，歷時三年建成。`,
    }));
    const file = recordsFile('archive.jsonl', records);
    const r = generate(['--sources', file, '--seed', '5', '--pages', '40']);
    expect(r.status).toBe(0);
    const pages = pagesOf(r.out);
    const articles = pages.flatMap((p) => p.gold.articles.map((a) => ({ a, text: p.text })));
    const led = articles.filter(({ a }) => a.headlines.length > 0);
    expect(led.length).toBeGreaterThan(0);
    for (const { a, text } of led) {
      expect(a.paragraphs[0]).not.toMatch(/^[（(]中央社/u);
      // still printed (half-width on some pages, some in Simplified script)
      expect(squeeze(text)).toMatch(/[（(]中央社南京\d日[電电][)）]/u);
    }
    const briefs = articles.filter(({ a }) => a.headlines.length === 0 && a.paragraphs.length > 0);
    expect(briefs.length).toBeGreaterThan(0);
    for (const { a } of briefs) expect(a.paragraphs.at(-1)).toMatch(/[。！？”」.!?]$/u);
  });

  it('leaves a dateline in tortoise-shell brackets that opens a record\'s body out of the gold paragraphs', () => {
    // invented archive records whose body itself opens on the dispatch (〔聯合社倫敦六日電〕…)
    const records = Array.from({ length: 12 }, (_, i) => ({
      article_id: `b-${i}`, date: '1948-03-05', page: '2', title: `第${i + 1}號輪船抵港`, byline: '',
      body: `〔聯合社倫敦${i % 9 + 1}日電〕第${i + 1}號輪船今日抵港，船上旅客三百人。`,
    }));
    const file = recordsFile('archive.jsonl', records);
    const r = generate(['--sources', file, '--seed', '7', '--pages', '12']);
    expect(r.status).toBe(0);
    const firsts = pagesOf(r.out).flatMap((p) => p.gold.articles.filter((a) => a.headlines.length > 0).map((a) => a.paragraphs[0]!));
    expect(firsts.length).toBeGreaterThan(0);
    for (const p of firsts) expect(p).toMatch(/^第\d+[號号]/u);
  });

  it('lays out labelled gold pages too', () => {
    const r = generate(['--sources', 'none', '--gold-dirs', join(FIXTURES, 'gold'), '--pages', '8']);
    expect(r.status).toBe(0);
    expect(pagesOf(r.out).length).toBe(8);
    expect(spawnSync(process.execPath, [GENERATE, '--check', r.out]).status).toBe(0);
  });

  it('refuses the dev month and an output folder inside the repository', () => {
    const dir = tempDir('gen-src-');
    const devMonth = join(dir, 'rmrb-epaper_2019-10.jsonl');
    copyFileSync(TINY, devMonth);
    const refused = generate(['--sources', devMonth]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/dev month/);
    expect(generate(['--sources', devMonth, '--allow-dev-month', '--pages', '2']).status).toBe(0);
    const inRepo = spawnSync(process.execPath, [GENERATE, '--out', join(ROOT, 'gen-out'), '--sources', TINY], { encoding: 'utf8' });
    expect(inRepo.status).toBe(2);
  });

  it('answers a missing source or gold folder with a clear error, not a stack', () => {
    const missing = join(tempDir('gen-src-'), 'absent');
    const noSource = generate(['--sources', `${missing}.jsonl`]);
    expect([noSource.status, noSource.stderr]).toEqual([2, `generate: --sources ${missing}.jsonl: no such file\n`]);
    const noGold = generate(['--sources', 'none', '--gold-dirs', missing]);
    expect([noGold.status, noGold.stderr]).toEqual([2, `generate: --gold-dirs ${missing}: no such folder\n`]);
    const nothing = generate(['--sources', 'none', '--gold-dirs', 'none']);
    expect([nothing.status, nothing.stderr]).toEqual([2, 'generate: no sources and no gold dirs\n']);
  });
});
