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
