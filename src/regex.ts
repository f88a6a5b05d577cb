import { createRequire } from 'node:module';

type SafeRegex = (re: string, opts?: { limit?: number }) => boolean;
let safeRegexLoaded: SafeRegex | undefined;
/** safe-regex2 (CommonJS, with its parser ret: ~12 modules) loads when a user's pattern is checked, not on every run */
const safeRegex: SafeRegex = (re, opts) => (safeRegexLoaded ??= createRequire(import.meta.url)('safe-regex2') as SafeRegex)(re, opts);
/**
 * Every match of a global pattern, as `[...text.matchAll(re)]` gives them. matchAll copies the
 * pattern on each call (a new RegExp object, its source looked up again): on the parser's paths,
 * which run it for most leads, bylines and lines with spaces, the copies cost more than the
 * matching (parseLead ~40 % faster without them). The pattern must be global; an empty match moves
 * on by one character, as matchAll does.
 */
export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(m);
    if (m[0] === '') re.lastIndex += re.unicode && text.codePointAt(re.lastIndex)! > 0xffff ? 2 : 1;
  }
  return out;
}

/**
 * Why a user's pattern (a profile rule, --page-separator) could take exponential time on some line,
 * or null when it is accepted. safe-regex2 flags nested quantifiers (`(.*)*x`, `(a+)+$`: star height
 * above 1) and more than 25 quantifiers in one pattern. It is a heuristic: it does not see an
 * alternation whose branches overlap (`(a|a)*b`). Its parser does not know lookbehinds; their
 * content is checked as a plain group, which has the same quantifiers.
 */
export function backtrackingRisk(source: string): string | null {
  const checked = source.replace(/\(\?<([=!])/g, '(?:');
  if (safeRegex(checked)) return null;
  return safeRegex(checked, { limit: Infinity })
    ? 'more than 25 quantifiers in one pattern (too many to check for catastrophic backtracking)'
    : 'a quantifier inside a quantified group (like (.*)*) can take exponential time: catastrophic backtracking';
}
