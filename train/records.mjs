// Source pages for the generator: article records grouped into real pages in printed order,
// and the articles of hand-labelled gold pages read back as records.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * A record is one article: its deck as lines with their roles, its title, its body lines.
 * @typedef {{id: string, deck: {role: 'kicker'|'title'|'subtitle', text: string}[], title: string, body: string[]}} ArticleRecord
 * @typedef {{key: string, date: string, page: number, records: ArticleRecord[]}} SourcePage
 */

const clean = (s) => (s ?? '').trim();

/** Body lines as printed, trimmed; the e-paper's empty and NBSP-only lines are no paragraphs. */
function bodyLines(lines) {
  return lines.map(clean).filter((l) => l.length > 0);
}

function splitField(text) {
  return String(text ?? '').split(/\r?\n/).map(clean).filter(Boolean);
}

/** An e-paper record {kicker, title, subtitle, body} as a deck with roles. */
export function recordFromEpaper(r) {
  const deck = [
    ...splitField(r.kicker).map((text) => ({ role: 'kicker', text })),
    ...splitField(r.title).map((text) => ({ role: 'title', text })),
    ...splitField(r.subtitle).map((text) => ({ role: 'subtitle', text })),
  ];
  const title = deck.filter((l) => l.role === 'title').map((l) => l.text).join('');
  return { id: r.id, deck, title, body: bodyLines(r.body ?? []) };
}

/** Longest headline line of an archive record; longer "titles" are body text the archive mis-cut. */
const MAX_ARCHIVE_HEADLINE = 40;

/**
 * An archive record {title, byline, body} with flattened text (申報 1938–1949): the title's
 * space-separated parts are its deck (the first the title, the rest subtitles), the byline a
 * dateline (中央社南京九日電, 本報訊) printed before the body, the body's space runs its paragraph
 * breaks where they follow a sentence end. Null for a record whose title holds body text (an archive's cutting error).
 */
export function recordFromArchive(r, id) {
  const parts = clean(r.title).split(/\s+/u).filter(Boolean);
  if (parts.length === 0 || parts.length > 4 || parts.some((p) => Array.from(p).length > MAX_ARCHIVE_HEADLINE)) return null;
  const deck = parts.map((text, i) => ({ role: i === 0 ? 'title' : 'subtitle', text }));
  // a space after a sentence end is a paragraph break; other spaces are the scan's gaps, kept
  const body = clean(r.body).split(/(?<=[。！？」』”])[ \u3000]+/u).filter((p) => p.length > 0);
  if (body.length === 0) return null;
  const dateline = clean(r.byline);
  if (/(?:電|电|訊|讯)$/u.test(dateline)) body[0] = `（${dateline}）${body[0]}`;
  return { id, deck, title: parts[0], body };
}

/** An e-paper record has its deck fields; an archive record a flattened body string. */
const isArchiveRecord = (r) => typeof r.body === 'string';

/** Read JSON Lines article records and group them by (date, page), ordered by seq. */
export function loadEpaperPages(files) {
  const byPage = new Map();
  for (const file of files) {
    let n = 0;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line);
      n++;
      if (isArchiveRecord(r)) {
        // archive records carry no place on the page: four in a row make a page, in file order
        const rec = recordFromArchive(r, r.article_id ?? `${basename(file)}#${n}`);
        if (!rec) continue;
        const key = `${basename(file, '.jsonl')}-${String(Math.floor(n / 4)).padStart(4, '0')}`;
        if (!byPage.has(key)) byPage.set(key, { key, date: r.date ?? '1948-01-01', page: Number(r.page) || 1, rows: [], records: [] });
        byPage.get(key).records.push(rec);
        continue;
      }
      const key = `${r.date}-p${String(r.page).padStart(2, '0')}`;
      if (!byPage.has(key)) byPage.set(key, { key, date: r.date, page: Number(r.page), rows: [] });
      byPage.get(key).rows.push(r);
    }
  }
  return [...byPage.values()]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ key, date, page, rows, records }) => ({
      key, date, page,
      records: records ?? rows.sort((a, b) => a.seq - b.seq).map(recordFromEpaper).filter((r) => r.body.length > 0 || r.deck.length > 0),
    }))
    .filter((p) => p.records.length > 0);
}

/**
 * Which headline lines of a gold article are the title: the run of lines that joins to `title`,
 * else (title null or not among the headlines) the first line. Lines before are kicker, after subtitle.
 */
function titleSpan(headlines, title) {
  if (title) {
    for (let i = 0; i < headlines.length; i++) {
      let joined = '';
      for (let j = i; j < headlines.length; j++) {
        joined += headlines[j];
        if (joined === title) return [i, j];
        if (!title.startsWith(joined)) break;
      }
    }
  }
  return [0, 0];
}

/** A gold article {headlines, title, paragraphs} as a record. */
export function recordFromGold(article, id) {
  const headlines = (article.headlines ?? []).map(clean).filter(Boolean);
  const [first, last] = titleSpan(headlines, clean(article.title));
  const deck = headlines.map((text, i) => ({ role: i < first ? 'kicker' : i <= last ? 'title' : 'subtitle', text }));
  const title = deck.filter((l) => l.role === 'title').map((l) => l.text).join('');
  return { id, deck, title, body: bodyLines(article.paragraphs ?? []) };
}

/** Every gold page of the folders as a source page (the e-paper dev folder is never read). */
export function loadGoldPages(dirs) {
  const pages = [];
  for (const dir of dirs) {
    const names = readdirSync(dir).filter((n) => n.endsWith('.gold.json')).sort();
    for (const name of names) {
      const gold = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      const stem = `${basename(dir)}/${name.replace(/\.gold\.json$/, '')}`;
      const date = /(\d{4}-\d{2}-\d{2})/.exec(name)?.[1] ?? '2020-01-01';
      const records = (gold.articles ?? []).map((a, i) => recordFromGold(a, `${stem}#${i + 1}`)).filter((r) => r.body.length > 0);
      if (records.length > 0) pages.push({ key: stem, date, page: 1, records });
    }
  }
  return pages;
}
