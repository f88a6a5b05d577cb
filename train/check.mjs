// Self-check of a generated folder: the gold must describe the text exactly, so that the trainer can
// trust every label. Used by `generate.mjs --check DIR` and by the tests.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Text as the check compares it: NFKC, without any white space. */
export const squeeze = (s) => s.normalize('NFKC').replace(/\s+/g, '');

/**
 * Find `para` in `page` at or after `from`: as one piece, or with one character printed twice where a
 * column break cut it. Returns the index after the match, or -1.
 */
export function findParagraph(page, para, from) {
  if (para.length === 0) return from;
  const probe = para.slice(0, Math.min(para.length, 3)) // a break cuts at the 4th character or later;
  for (let at = page.indexOf(probe, from); at >= 0; at = page.indexOf(probe, at + 1)) {
    let n = 0;
    while (n < para.length && page[at + n] === para[n]) n++;
    if (n === para.length) return at + n;
    if (n > 0 && page[at + n] === para[n - 1] && page.startsWith(para.slice(n), at + n + 1)) return at + para.length + 1;
  }
  return -1;
}

/** Check one page's text against its gold; returns the list of problems (empty when all is well). */
export function checkPage(text, gold) {
  const problems = [];
  const noise = new Set(gold.noise);
  for (const n of gold.noise) if (!text.includes(n)) problems.push(`noise not in text: ${n}`);
  // the page's pieces: every line except the furniture lines, joined, white space removed
  const page = squeeze(text.split(/\r\n|\r|\n/).filter((l) => !noise.has(l.trim())).join('\n'));
  let cursor = 0;
  for (const [i, a] of gold.articles.entries()) {
    for (const h of a.headlines) if (!text.includes(h)) problems.push(`article ${i + 1}: headline not in text: ${h}`);
    if (!Array.isArray(a.deck) || a.deck.length !== a.headlines.length) problems.push(`article ${i + 1}: deck not parallel to headlines`);
    else {
      const title = a.headlines.filter((_, k) => a.deck[k] === 'title').join('');
      if (title !== a.title) problems.push(`article ${i + 1}: title is not its title lines joined`);
    }
    for (const p of a.paragraphs) {
      const end = findParagraph(page, squeeze(p), cursor);
      if (end < 0) problems.push(`article ${i + 1}: paragraph not found in order: ${p.slice(0, 30)}`);
      else cursor = end;
    }
  }
  return problems;
}

/** Check every NAME.gold.json of a folder; returns counts and the problems found. */
export function checkDir(dir) {
  const result = { pages: 0, articles: 0, headlines: 0, paragraphs: 0, noise: 0, bytes: 0, failures: [] };
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.gold.json')).sort()) {
    const gold = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    const text = readFileSync(join(dir, gold.input), 'utf8');
    result.pages++;
    result.bytes += Buffer.byteLength(text);
    result.articles += gold.articles.length;
    result.noise += gold.noise.length;
    for (const a of gold.articles) {
      result.headlines += a.headlines.length;
      result.paragraphs += a.paragraphs.length;
    }
    for (const problem of checkPage(text, gold)) result.failures.push(`${name}: ${problem}`);
  }
  return result;
}
