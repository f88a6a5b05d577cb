/**
 * The real-text archive: pages of real newspaper text from the shared corpus (../shared/corpus),
 * put together at run time and written outside the repository (the corpus text never enters it).
 *
 *   - every dev page (dev/**\/*.txt) as it is, one after another, as a scraped archive concatenates
 *     them: whatever header each page has (several papers and header styles, some none at all);
 *   - the article records (articles/*.jsonl) laid out as pages: the 人民日报 e-paper records by
 *     their date and printed page, in printed order; the web and 申報 records in pages of a few
 *     articles. Each page opens with a header, in one of several real styles; decks, then the body
 *     one paragraph a line, blank lines or indents between them, as e-paper dumps print them.
 *
 * The pages are made once and repeated until a file is full, so a smaller archive is the start of a
 * larger one (as in archive.mjs). No form feeds: the page cutter must find the pages by their headers.
 *
 *   node bench/real-archive.mjs OUT.txt 100 [CORPUS]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { random, writeSized } from './archive.mjs';

export const DEFAULT_CORPUS = fileURLToPath(new URL('../../shared/corpus', import.meta.url));

const WEEKDAYS = '日一二三四五六';

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.isDirectory()) walk(join(dir, e.name), out);
    else if (e.name.endsWith('.txt')) out.push(join(dir, e.name));
  }
  return out;
}

function records(file) {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/** A page header in one of the styles real dumps use (all of them known to the page cutter). */
function header(style, paper, y, m, d, page) {
  const mm = String(m).padStart(2, '0');
  const dd = String(d).padStart(2, '0');
  const pp = String(page).padStart(2, '0');
  const wd = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  switch (style % 5) {
    case 0: return [`${paper} ${y}年${mm}月${dd}日 第${pp}版`];
    case 1: return [`${y}年${m}月${d}日${paper} 第${page}版`];
    case 2: return [`${y}年${mm}月${dd}日 星期${wd} 第${pp}版`];
    case 3: return [`${y}-${mm}-${dd}`, '', `第 ${page} 版`];
    default: return [`第${pp}版:要闻`];
  }
}

/** One laid-out page: header, then each article's deck and paragraphs. */
function layout(head, articles, rnd) {
  const indent = rnd() < 0.4;
  const out = [...head, ''];
  for (const a of articles) {
    for (const h of a.deck) if (h) out.push(h);
    out.push('');
    if (a.byline) out.push(a.byline, '');
    for (const p of a.paragraphs) {
      if (indent) out.push(`\u3000\u3000${p}`);
      else out.push(p, '');
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/** The pages of the real archive, in order: an array of strings. */
export function realPages(corpus = DEFAULT_CORPUS, seed = 7) {
  if (!existsSync(join(corpus, 'dev'))) throw new Error(`no corpus at ${corpus}`);
  const rnd = random(seed);
  const pages = [];
  for (const f of walk(join(corpus, 'dev'))) {
    const text = readFileSync(f, 'utf8');
    pages.push(text.endsWith('\n') ? `${text}\n` : `${text}\n\n`);
  }
  const dir = join(corpus, 'articles');
  let style = 0;
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.jsonl')) continue;
    const recs = records(join(dir, name));
    if (name.startsWith('rmrb-epaper')) {
      const byPage = new Map();
      for (const r of recs) {
        const key = `${r.date}#${String(r.page).padStart(3, '0')}`;
        if (!byPage.has(key)) byPage.set(key, []);
        byPage.get(key).push(r);
      }
      for (const key of [...byPage.keys()].sort()) {
        const rs = byPage.get(key).sort((a, b) => a.seq - b.seq);
        const [y, m, d] = rs[0].date.split('-').map(Number);
        const arts = rs.map((r) => ({ deck: [r.kicker, r.title, r.subtitle], byline: null, paragraphs: r.body }));
        pages.push(layout(header(style++, '人民日报', y, m, d, rs[0].page), arts, rnd));
      }
    } else {
      // web reprints and 申報: a few articles a page, a page number counting up within each date
      const trad = name.startsWith('shenbao');
      const per = 4;
      for (let i = 0, page = 1; i < recs.length; i += per, page++) {
        const rs = recs.slice(i, i + per);
        // some 申報 records give their date and page only in publish_raw (日期：1874-06-22 版次/卷期：05 版)
        const raw = /日期：(\d{4}-\d{2}-\d{2})\D+?(\d{1,3})\s*版/u.exec(String(rs[0].publish_raw ?? ''));
        if (raw && !/^\d{4}-/u.test(String(rs[0].date))) rs[0] = { ...rs[0], date: raw[1], page: raw[2] };
        const [y, m, d] = String(rs[0].date).split('-').map(Number);
        const arts = rs.map((r) => ({
          deck: [r.title],
          byline: trad ? r.byline : null,
          paragraphs: Array.isArray(r.paragraphs) ? r.paragraphs : String(r.body ?? '').split(/\n+/u).filter(Boolean),
        }));
        pages.push(layout(header(style++, trad ? '申報' : '人民网', y, m, d, trad ? Number(rs[0].page) || page : page), arts, rnd));
      }
    }
  }
  return pages;
}

/**
 * Write real archives of about `sizes` MB each ({file: mb}) in one pass; returns {file: {bytes, pages}}.
 * The pages repeat from the start when the corpus runs out.
 */
export function writeRealArchives(sizes, corpus = DEFAULT_CORPUS) {
  const pages = realPages(corpus);
  return writeSized(sizes, (n) => pages[n % pages.length]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [out, mb, corpus] = process.argv.slice(2);
  if (!out || !mb) console.error('usage: node bench/real-archive.mjs OUT.txt MEGABYTES [CORPUS]');
  else console.log(writeRealArchives({ [out]: Number(mb) }, corpus ?? DEFAULT_CORPUS)[out]);
}
