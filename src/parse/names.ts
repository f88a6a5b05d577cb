/**
 * Personal names in bylines: print padding removed (张 璐 → 张璐), lists split on spaces, 、, commas, 和.
 * Precision first: a token that does not look like a name is reported, not returned.
 */

import { startsWithSurname } from '../knowledge/surnames.js';
import { SPEAKER_ITEM_RE } from '../knowledge/conventions.js';
import { charCount } from '../knowledge/punctuation.js';
import { ROLE_WORDS } from '../knowledge/roles.js';

const NAME_RE = /^(?:[\p{Script=Han}]{2,4}|[\p{Script=Han}]{1,6}·[\p{Script=Han}]{1,8})$/u;
/** Words that stand where a name could, but name nobody. */
const NOT_NAMES = new Set([
  '下同', '化名', '完', '待续', '續完', '续完', '资料图', '資料圖', '资料', '图', '圖', '本报', '本報', '报道', '報道', '综合',
  '綜合', '整理', '编译', '編譯', '供图', '供圖', '受访者供图', '网络', '網絡', '视觉中国', '視覺中國', '署名', '匿名',
  '国际观察', '新闻分析', '评论员', '評論員', '特稿', '专稿', '專稿', '综述', '綜述', '述评', '述評', '快讯', '快訊',
]);

/** Words no name contains: a role (the role words: the table's, and a profile's), a report, the paper
 *  itself (本报记者, 北京报道). The byline grammar makes it for its own role words (parse/byline.ts). */
export function notInNames(roleWords: readonly string[]): RegExp {
  return new RegExp([...roleWords, '报道', '報道', '本报', '本報'].join('|'), 'u');
}

const NOT_IN_NAMES_RE = notInNames(ROLE_WORDS.map(([w]) => w));

export interface NameList {
  names: string[];
  rejected: string[];
}

export function splitNames(text: string, maxUnroled = 4, notIn: RegExp = NOT_IN_NAMES_RE): NameList {
  const cleaned = text.replace(/[\u3000\u00a0]/gu, ' ').replace(/(?:等|等人)\s*$/u, '').trim();
  if (!cleaned) return { names: [], rejected: [] };
  const tokens = cleaned.split(/[\s、,，;；/／]+|和|及|与|與/u).filter(Boolean);
  // Two-character names are padded to three columns in print (张 璐): glue single characters pairwise.
  const merged: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (charCount(t) === 1 && next !== undefined && charCount(next) <= 2 && /\p{Script=Han}/u.test(t)) {
      // 欧阳 娜娜 is rare; 云 钰 and 孙 振 are common: a single character always takes the next token.
      merged.push(t + next);
      i++;
    } else merged.push(t);
  }
  const names: string[] = [];
  const rejected: string[] = [];
  for (const m of merged) {
    if (NAME_RE.test(m) && !NOT_NAMES.has(m) && !notIn.test(m) && charCount(m) <= maxUnroled + 4) names.push(m);
    else rejected.push(m);
  }
  return { names, rejected };
}

/** Names with no role word to vouch for them must start with a known surname. */
export function splitUnroledNames(text: string, notIn: RegExp = NOT_IN_NAMES_RE): NameList {
  const { names, rejected } = splitNames(text, 4, notIn);
  return { names: names.filter(startsWithSurname), rejected: [...rejected, ...names.filter((n) => !startsWithSurname(n))] };
}

export function isPlausibleName(token: string): boolean {
  return NAME_RE.test(token) && !NOT_NAMES.has(token);
}

/** Is the text a quote box's item (张三 「……」)? Its name needs a known surname: no role word vouches for it. */
export function isSpeakerItem(text: string): boolean {
  const m = SPEAKER_ITEM_RE.exec(text);
  return m !== null && isPlausibleName(m[1]!) && startsWithSurname(m[1]!);
}
