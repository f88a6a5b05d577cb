/**
 * Which headline line is the main title (主题)? Typography is lost in a text dump, so the choice rests
 * on the conventions of the deck:
 *   - a title printed over several short lines (渝湘复线高速公路 / 芦沟河特大桥 / 左幅顺利合龙) is one title:
 *     when all lines together are no longer than one headline, they are joined;
 *   - otherwise the deck is kicker (引题) / title (主题) / subtitles (副题): lines starting with a dash
 *     are subtitles; the title is the shortest of the first lines (the biggest type holds the fewest
 *     characters), earliest on a tie; lines above it are kickers, lines below are subtitles.
 */
import { visibleLength } from '../knowledge/punctuation.js';

/** The longest title printed as one (the dev corpus has 30; decks with subtitles run to 37 and more). */
export const MAX_JOINED_TITLE = 30;

export interface Deck {
  title: string;
  kicker: string[];
  subtitles: string[];
}

export function readDeck(lines: string[]): Deck {
  if (lines.length === 0) return { title: '', kicker: [], subtitles: [] };
  if (lines.length === 1) return { title: lines[0]!, kicker: [], subtitles: [] };
  const total = lines.reduce((n, l) => n + visibleLength(l), 0);
  const isSubtitle = (l: string): boolean => /^[—－-]{1,2}/u.test(l);
  if (total <= MAX_JOINED_TITLE && !lines.some(isSubtitle)) return { title: lines.join(''), kicker: [], subtitles: [] };
  const candidates = lines.map((l, i) => ({ l, i })).filter(({ l }) => !isSubtitle(l)).slice(0, 3);
  if (candidates.length === 0) return { title: lines[0]!, kicker: [], subtitles: lines.slice(1) };
  // two lines: title over subtitle (the usual deck); three or more: the shortest of the first three
  const main = lines.length === 2
    ? candidates[0]!
    : candidates.reduce((best, c) => (visibleLength(c.l) < visibleLength(best.l) ? c : best));
  return { title: main.l, kicker: lines.slice(0, main.i), subtitles: lines.slice(main.i + 1) };
}
