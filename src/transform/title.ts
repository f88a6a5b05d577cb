/**
 * Which headline line is the main title (主题)? Typography is lost in a text dump, so the choice rests
 * on the conventions of the deck:
 *   - a title printed over several short lines (渝湘复线高速公路 / 芦沟河特大桥 / 左幅顺利合龙) is one title:
 *     when all lines together are no longer than one headline, they are joined;
 *   - otherwise the deck is kicker (引题) / title (主题) / subtitles (副题), told apart by form: a
 *     subtitle explains, so it starts with a dash, runs as a clause with a comma, or is long
 *     (≥ SUBTITLE_LENGTH); a subtitle never opens the deck; the title is the line just above the
 *     first subtitle, and lines above the title are kickers (受李鹏总理委托… / 部署加强宏观调控… /
 *     近日将派出…,前往…). A deck with no such line is a title over its subtitles
 *     (市委常委会举行扩大会议 / 学习贯彻… / 研究部署… / 市委书记…).
 */
import { visibleLength } from '../knowledge/punctuation.js';
import { COLUMN_KICKER_RE } from '../knowledge/conventions.js';

/** The longest title printed as one (the dev corpus has 30; decks with subtitles run to 37 and more). */
export const MAX_JOINED_TITLE = 30;

export interface Deck {
  title: string;
  kicker: string[];
  subtitles: string[];
}


export function readDeck(all: string[]): Deck {
  let k = 0;
  while (k < all.length - 1 && COLUMN_KICKER_RE.test(all[k]!)) k++;
  const deck = readTitleLines(all.slice(k));
  return { ...deck, kicker: [...all.slice(0, k), ...deck.kicker] };
}

function readTitleLines(lines: string[]): Deck {
  if (lines.length === 0) return { title: '', kicker: [], subtitles: [] };
  if (lines.length === 1) return { title: lines[0]!, kicker: [], subtitles: [] };
  const total = lines.reduce((n, l) => n + visibleLength(l), 0);
  if (total <= MAX_JOINED_TITLE && !lines.some((l) => /^[—－-]{1,2}/u.test(l))) return { title: lines.join(''), kicker: [], subtitles: [] };
  // a subtitle follows its title: the deck's first line is the title or a kicker, however long
  const first = lines.findIndex((l, i) => i > 0 && isSubtitleLike(l));
  const main = first > 0 ? first - 1 : 0;
  return { title: lines[main]!, kicker: lines.slice(0, main), subtitles: lines.slice(main + 1) };
}

/** Lines this long explain: subtitles (titles are short; on the dev decks any bound from 20 to 24 reads them all). */
const SUBTITLE_LENGTH = 22;
function isSubtitleLike(line: string): boolean {
  return /^[—－-]{1,2}/u.test(line) || /[,，]/u.test(line) || visibleLength(line) >= SUBTITLE_LENGTH;
}
