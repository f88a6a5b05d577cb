/**
 * The synthetic archive: newspaper pages laid out from the invented articles in
 * fixtures/bench/stories.txt, the way e-paper text dumps print them (page header, decks, dateline
 * leads, captions with credits, editor line, blank lines between paragraphs). A seeded generator
 * varies which articles a page carries, the page furniture, and where page breaks cut paragraphs
 * (mid-word, mid-sentence, or repeating a character), so the break-repair path sees ever new
 * contexts instead of one cached example. Same seed, same bytes.
 *
 *   node bench/archive.mjs OUT.txt 20           # one 20 MB multi-page file
 *   node bench/archive.mjs --pages DIR 2000     # 2,000 one-page files
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const STORIES = new URL('../fixtures/bench/stories.txt', import.meta.url);

/** Separator written between pages of a multi-page file (a form feed, as pdftotext writes). */
export const PAGE_SEPARATOR = '\f\n';

export function loadStories() {
  const stories = [];
  let cur = null;
  for (const line of readFileSync(STORIES, 'utf8').split('\n')) {
    if (line.startsWith('#') || !line.trim()) continue;
    if (line === '===') { cur = { deck: [], byline: null, lead: '', paragraphs: [], caption: null }; stories.push(cur); continue; }
    const tag = line[0];
    const text = line.slice(2);
    if (tag === 'K' || tag === 'T' || tag === 'S') cur.deck.push(text);
    else if (tag === 'B') cur.byline = text;
    else if (tag === 'L') cur.lead = text;
    else if (tag === 'P') cur.paragraphs.push(text);
    else if (tag === 'C') cur.caption = text;
  }
  return stories;
}

/** mulberry32: small, fast, seeded. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEEKDAYS = '一二三四五六日';
const EDITORS = ['赵敏', '郭静', '唐小川', '韩 梅', '宋立新', '罗佳'];

/** Returns page(n) → the text of page n (its articles counted in page.articles). */
export function pageMaker(seed = 1) {
  const stories = loadStories();
  const rnd = random(seed);
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const pageOf = (n) => {
    const day = (n % 28) + 1;
    const month = (Math.floor(n / 28) % 12) + 1;
    const out = [`2024年${month}月${day}日 星期${WEEKDAYS[n % 7]} 第${(n % 16) + 1}版`, '', ''];
    const count = 3 + Math.floor(rnd() * 3);
    const start = Math.floor(rnd() * stories.length);
    for (let k = 0; k < count; k++) {
      const s = stories[(start + k * 3) % stories.length];
      for (const d of s.deck) out.push(d, '');
      if (s.byline) out.push(s.byline, '');
      // the lead paragraph stays first; the others come in a varied order
      const body = [s.paragraphs[0], ...s.paragraphs.slice(1).sort(() => rnd() - 0.5)];
      body[0] = s.lead + body[0];
      for (const p of body) out.push(...withBreak(p, rnd), '');
      if (s.caption && rnd() < 0.7) out.push(s.caption, '');
      out.push('', '');
    }
    out.push(`责任编辑:${pick(EDITORS)}  美编:${pick(EDITORS)}`, '');
    return `${out.join('\n')}\n`;
  };
  return { page: pageOf, stories };
}

/** A page or column break inside a paragraph, as e-paper dumps leave them (one in three paragraphs). */
function withBreak(p, rnd) {
  if (p.length < 40 || rnd() > 0.33) return [p];
  const at = 10 + Math.floor(rnd() * (p.length - 20));
  const left = p.slice(0, at);
  const right = p.slice(at);
  // now and then the break repeats the character it falls on (…深度融合 / 合、…)
  if (rnd() < 0.1 && /\p{Script=Han}/u.test(left.at(-1))) return [left, '', left.at(-1) + right];
  return [left, '', right];
}

/**
 * Write archives of about `sizes` MB each (e.g. {'a50.txt': 50, 'a100.txt': 100}) in one pass: the
 * pages are generated once and every file takes them until it is full, so a smaller archive is the
 * start of a larger one. Returns {file: {bytes, pages}}.
 */
export function writeArchives(sizes, seed = 1) {
  const { page } = pageMaker(seed);
  return writeSized(sizes, (n) => (n ? PAGE_SEPARATOR : '') + page(n));
}

/**
 * Write files of about `sizes` MB each from the texts textAt(0), textAt(1), … (each file full at the
 * first text past its size, so a smaller file is the start of a larger one). Returns {file: {bytes, pages}}.
 */
export function writeSized(sizes, textAt) {
  const open = Object.entries(sizes).map(([file, mb]) => ({ file, target: mb * 1e6, fd: openSync(file, 'w'), bytes: 0, pages: 0 }));
  const done = {};
  let chunk = '';
  let chunkBytes = 0;
  let n = 0;
  const flush = () => {
    for (const o of open) writeSync(o.fd, chunk);
    chunk = '';
    chunkBytes = 0;
  };
  try {
    while (open.length) {
      const text = textAt(n++);
      chunk += text;
      chunkBytes += Buffer.byteLength(text);
      // a file is full at the first page boundary past its size
      const full = open.filter((o) => o.bytes + chunkBytes >= o.target);
      if (full.length || chunk.length > 1 << 20) {
        for (const o of open) { o.bytes += chunkBytes; o.pages = n; }
        flush();
        for (const o of full) {
          closeSync(o.fd);
          done[o.file] = { bytes: o.bytes, pages: o.pages };
          open.splice(open.indexOf(o), 1);
        }
      }
    }
  } finally {
    for (const o of open) closeSync(o.fd);
  }
  return done;
}

/** Write about `megabytes` MB of pages to one file; returns {bytes, pages}. */
export function writeArchive(path, megabytes, seed = 1) {
  return writeArchives({ [path]: megabytes }, seed)[path];
}

/** Write `count` one-page files into dir; returns their paths. */
export function writePages(dir, count, seed = 2) {
  mkdirSync(dir, { recursive: true });
  const { page } = pageMaker(seed);
  const files = [];
  for (let i = 0; i < count; i++) {
    const file = join(dir, `page-${String(i).padStart(5, '0')}.txt`);
    const fd = openSync(file, 'w');
    writeSync(fd, page(i));
    closeSync(fd);
    files.push(file);
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [a, b] = process.argv.slice(2);
  if (a === '--pages') console.log(`${writePages(process.argv[3], Number(process.argv[4] ?? 2000)).length} pages`);
  else if (a && b) console.log(writeArchive(a, Number(b)));
  else console.error('usage: node bench/archive.mjs OUT.txt MEGABYTES | --pages DIR COUNT');
}
