/**
 * Applying the furniture tables (furniture.ts) fast: each rule's cheap tests (needs, starts, ends),
 * and NeedsScan, which finds every rule's needs in one pass over a line. Kept apart from the tables
 * so that the file newspaper people edit holds rows, not bit tables. It sits with the tables, below
 * read/, because the page cutter (read/pages.ts) applies the page-header rules too.
 */
import { FURNITURE_RULES, MAX_FURNITURE_LENGTH, type FurnitureRule } from './furniture.js';
import { trimmedEnd } from './punctuation.js';

/** Does the text hold any of the needs? */
export function holdsAny(text: string, needs: readonly string[]): boolean {
  for (let i = 0; i < needs.length; i++) if (text.includes(needs[i]!)) return true;
  return false;
}

/** The rule's cheap test for one line (matchFurniture tests all rules' needs at once: NeedsScan). */
export function applies(rule: FurnitureRule, text: string): boolean {
  return startsFit(rule, text) && endsFit(rule, text) && (rule.needs === undefined || holdsAny(text, rule.needs));
}

/** The line begins with a character the rule's match can begin with (or the rule says none). */
function startsFit(rule: FurnitureRule, text: string): boolean {
  return rule.starts === undefined || (text !== '' && rule.starts.includes(text[0]!));
}

/** The line's last character but white space is one the rule's match can end with (or the rule says none). */
function endsFit(rule: FurnitureRule, text: string): boolean {
  if (rule.ends === undefined) return true;
  const last = trimmedEnd(text) - 1;
  return last >= 0 && rule.ends.includes(text[last]!);
}

/**
 * The needs of a list of rules, found in one scan of a line: each character is looked up among the
 * needs' first characters, so a short line costs one pass instead of one search per rule and need
 * (matchFurniture runs every rule on every short line: ~40 searches a line before, most of its time).
 * A rule applies exactly when applies() says so.
 */
export class NeedsScan {
  /** the needs by their first UTF-16 unit: the ids of the needs that start with it */
  private readonly byFirst = new Map<number, number[]>();
  /** each need's text, and the rules that list it, by id */
  private readonly needText: string[] = [];
  private readonly needRules: number[][] = [];
  /** a bit per UTF-16 unit, set where it starts some need (8 KB: a Map lookup per character cost more
   *  than the rules, and a byte per unit, 64 KB, falls out of the cache between lines) */
  private readonly firstUnits = new Uint32Array(0x10000 >>> 5);
  /** rules without needs (they always apply), and each rule's longest line */
  private readonly always: number[];
  private readonly maxLength: number[];
  /** found[id] === scan: the need was seen in this scan; candidate[r] === scan: some need of rule r
   *  was (a new scan number instead of clearing) */
  private readonly found: Uint32Array;
  private readonly candidate: Uint32Array;
  private scan = 0;
  /** the few rules that take lines longer than MAX_FURNITURE_LENGTH (a table of contents' items) */
  private readonly longRules: readonly FurnitureRule[];

  constructor(readonly rules: readonly FurnitureRule[]) {
    const ids = new Map<string, number>();
    rules.forEach((r, k) => {
      for (const n of r.needs ?? []) {
        let id = ids.get(n);
        if (id === undefined) {
          ids.set(n, (id = ids.size));
          this.needText.push(n);
          this.needRules.push([]);
          const first = n.charCodeAt(0);
          const list = this.byFirst.get(first) ?? [];
          list.push(id);
          this.byFirst.set(first, list);
          this.firstUnits[first >>> 5]! |= 1 << (first & 31);
        }
        const listed = this.needRules[id]!;
        if (listed.at(-1) !== k) listed.push(k);
      }
    });
    this.always = rules.flatMap((r, k) => (r.needs === undefined ? [k] : []));
    this.maxLength = rules.map((r) => r.maxLength ?? MAX_FURNITURE_LENGTH);
    this.longRules = rules.filter((r) => (r.maxLength ?? MAX_FURNITURE_LENGTH) > MAX_FURNITURE_LENGTH);
    this.found = new Uint32Array(ids.size);
    this.candidate = new Uint32Array(rules.length);
  }

  /** The first rule that fits the line's length, applies and matches, or null. */
  match(text: string): FurnitureRule | null {
    if (text.length > MAX_FURNITURE_LENGTH) {
      // a paragraph: only the long rules may take it, so they are tried need by need, without a scan
      for (const rule of this.longRules) if (text.length <= rule.maxLength! && applies(rule, text) && rule.pattern.test(text)) return rule;
      return null;
    }
    const { found, candidate } = this;
    const scan = this.scan = (this.scan + 1) >>> 0 || 1;
    if (scan === 1) { found.fill(0); candidate.fill(0); }
    let any = this.always.length > 0;
    for (const r of this.always) candidate[r] = scan;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if ((this.firstUnits[c >>> 5]! & (1 << (c & 31))) === 0) continue;
      for (const id of this.byFirst.get(c)!) {
        if (found[id] === scan || !text.startsWith(this.needText[id]!, i)) continue;
        found[id] = scan;
        for (const r of this.needRules[id]!) candidate[r] = scan;
        any = true;
      }
    }
    if (!any) return null;
    for (let r = 0; r < this.rules.length; r++) {
      if (candidate[r] !== scan || text.length > this.maxLength[r]!) continue;
      const rule = this.rules[r]!;
      if (startsFit(rule, text) && endsFit(rule, text) && rule.pattern.test(text)) return rule;
    }
    return null;
  }
}

const RULES_SCAN = new NeedsScan(FURNITURE_RULES);

export function matchFurniture(text: string): FurnitureRule | null {
  return RULES_SCAN.match(text);
}
