/**
 * The cheap tests of a furniture rule, read off its pattern instead of written beside it: `needs`
 * (strings of which every match holds one), `starts` (the characters a match anchored at the line's
 * start can begin with) and `ends` (those a match anchored at its end can end with, white space
 * aside). furniture-match.ts applies them; the tables (furniture.ts) hold only kinds, examples and
 * patterns. Each hint is sound or absent: where the reading is unsure (., \S, \p{…}, a negated
 * class, a back-reference) it gives no hint, and the rule is simply tried on more lines.
 */

/** One character from `set` (null: too many to list), or white space too when `space`. */
interface Chars { t: 'chars'; set: string[] | null; space: boolean }
interface Seq { t: 'seq'; items: Node[] }
interface Alt { t: 'alt'; items: Node[] }
interface Rep { t: 'rep'; item: Node; min: number; max: number }
/** Matches no character: ^, $, \b, a lookaround. */
interface Zero { t: 'zero'; anchor: 'start' | 'end' | null }
type Node = Chars | Seq | Alt | Rep | Zero;

export interface PatternHints {
  needs?: string[];
  starts?: string;
  ends?: string;
}

const DIGITS = [...'0123456789'];
/** More alternatives than this and a set or a product is not worth listing. */
const MAX_SET = 32;

export function hintsOf(pattern: RegExp): PatternHints {
  let tree: Node;
  try {
    tree = new Parser(pattern.source, pattern.flags.includes('i')).parse();
  } catch {
    return {};
  }
  const out: PatternHints = {};
  const needs = required(tree);
  if (needs && needs.length > 0 && !needs.includes('')) out.needs = needs;
  const branches = tree.t === 'alt' ? tree.items : [tree];
  if (branches.every((b) => b.t === 'seq' && isAnchor(b.items[0], 'start'))) {
    const f = first(tree);
    if (f.set && !f.nullable && f.set.length > 0) out.starts = f.set.join('');
  }
  if (branches.every((b) => b.t === 'seq' && isAnchor(b.items.at(-1), 'end'))) {
    const l = lastVisible(tree);
    if (l.set && !l.transparent && l.set.length > 0) out.ends = l.set.join('');
  }
  return out;
}

const isAnchor = (n: Node | undefined, anchor: 'start' | 'end'): boolean => n?.t === 'zero' && n.anchor === anchor;

// --- reading a pattern -------------------------------------------------------------------------

class Parser {
  private i = 0;
  private readonly chars: string[];
  constructor(source: string, private readonly fold: boolean) {
    this.chars = [...source];
  }

  parse(): Node {
    const n = this.alt();
    if (this.i < this.chars.length) throw new Error('unbalanced )');
    return n;
  }

  private peek(): string | undefined { return this.chars[this.i]; }
  private next(): string {
    const c = this.chars[this.i++];
    if (c === undefined) throw new Error('end of pattern');
    return c;
  }

  private alt(): Node {
    const items = [this.seq()];
    while (this.peek() === '|') { this.i++; items.push(this.seq()); }
    return items.length === 1 ? items[0]! : { t: 'alt', items };
  }

  private seq(): Seq {
    const items: Node[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) items.push(this.quantified(this.atom()));
    return { t: 'seq', items };
  }

  private quantified(atom: Node): Node {
    const c = this.peek();
    let min: number; let max: number;
    if (c === '*') { min = 0; max = Infinity; this.i++; }
    else if (c === '+') { min = 1; max = Infinity; this.i++; }
    else if (c === '?') { min = 0; max = 1; this.i++; }
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/u.exec(this.chars.slice(this.i, this.i + 12).join(''));
      if (!m) throw new Error('a { that is no count');
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
      this.i += [...m[0]].length;
    } else return atom;
    if (this.peek() === '?') this.i++; // lazy: the same strings
    return { t: 'rep', item: atom, min, max };
  }

  private atom(): Node {
    const c = this.next();
    if (c === '(') {
      let look = false;
      if (this.peek() === '?') {
        this.i++;
        const k = this.next();
        if (k === '=' || k === '!') look = true;
        else if (k === '<' && (this.peek() === '=' || this.peek() === '!')) { this.i++; look = true; }
        else if (k === '<') { while (this.next() !== '>'); }
        else if (k !== ':') throw new Error('an unknown group');
      }
      const inner = this.alt();
      if (this.next() !== ')') throw new Error('unclosed group');
      return look ? { t: 'zero', anchor: null } : inner;
    }
    if (c === '[') return this.charClass();
    if (c === '.') return { t: 'chars', set: null, space: true };
    if (c === '^') return { t: 'zero', anchor: 'start' };
    if (c === '$') return { t: 'zero', anchor: 'end' };
    if (c === '\\') return this.escape(false);
    return this.literal([c]);
  }

  /** White space is the `space` flag, never a member of the set (it cannot be listed: \s is many). */
  private literal(set: string[], space = false): Chars {
    const visible = set.filter((ch) => !/\s/u.test(ch));
    const sp = space || visible.length < set.length;
    if (!this.fold) return { t: 'chars', set: visible, space: sp };
    return { t: 'chars', set: [...new Set(visible.flatMap((ch) => [ch, ch.toLowerCase(), ch.toUpperCase()]))], space: sp };
  }

  /** After a backslash (inside a class when `inClass`). */
  private escape(inClass: boolean): Node {
    const c = this.next();
    if (c === 'd') return this.literal(DIGITS);
    if (c === 's') return { t: 'chars', set: [], space: true };
    if (c === 'D' || c === 'w' || c === 'W' || c === 'S') return { t: 'chars', set: null, space: c !== 'w' };
    if (c === 'p' || c === 'P') {
      if (this.peek() === '{') while (this.next() !== '}');
      return { t: 'chars', set: null, space: c === 'P' };
    }
    if (!inClass && (c === 'b' || c === 'B')) return { t: 'zero', anchor: null };
    if (/^[1-9k]$/u.test(c)) throw new Error('a back-reference');
    const named: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f', v: '\v', b: '\b', 0: '\0' };
    if (c in named) return this.literal([named[c]!], /[\t\n\r\f\v]/u.test(named[c]!));
    if (c === 'u' || c === 'x') {
      let hex: string;
      if (c === 'u' && this.peek() === '{') { this.i++; hex = ''; for (let h = this.next(); h !== '}'; h = this.next()) hex += h; }
      else hex = Array.from({ length: c === 'u' ? 4 : 2 }, () => this.next()).join('');
      const ch = String.fromCodePoint(Number.parseInt(hex, 16));
      return this.literal([ch], /\s/u.test(ch));
    }
    return this.literal([c]);
  }

  private charClass(): Chars {
    const negated = this.peek() === '^';
    if (negated) this.i++;
    const set: string[] = [];
    let space = false;
    let unknown = false;
    for (let first = true; first || this.peek() !== ']'; first = false) {
      let lo: string;
      const c = this.next();
      if (c === '\\') {
        const e = this.escape(true) as Chars;
        if (e.space) space = true;
        if (e.set === null) { unknown = true; continue; }
        if (e.set.length !== 1 && !(e.set.length === 0 && e.space)) { set.push(...e.set); continue; }
        if (e.set.length === 0) continue;
        lo = e.set[0]!;
      } else lo = c;
      if (this.peek() === '-' && this.chars[this.i + 1] !== ']' && this.chars[this.i + 1] !== undefined) {
        this.i++;
        let hi = this.next();
        if (hi === '\\') { const e = this.escape(true) as Chars; if (e.set?.length !== 1) throw new Error('a range to a class'); hi = e.set[0]!; }
        const from = lo.codePointAt(0)!; const to = hi.codePointAt(0)!;
        if (to - from >= MAX_SET) { unknown = true; continue; }
        for (let cp = from; cp <= to; cp++) set.push(String.fromCodePoint(cp));
      } else {
        set.push(lo);
        if (/\s/u.test(lo)) space = true;
      }
    }
    this.i++; // ]
    if (negated) return { t: 'chars', set: null, space: true };
    if (unknown) return { t: 'chars', set: null, space };
    const listed = this.literal(set.filter((ch) => !/\s/u.test(ch)), space);
    return listed;
  }
}

// --- what a match must hold ----------------------------------------------------------------------

/** Every string the node can match, when there are few (null: too many or unknown). */
function exact(n: Node): string[] | null {
  switch (n.t) {
    case 'chars': return n.set && !n.space && n.set.length <= MAX_SET ? n.set : null;
    case 'zero': return [''];
    case 'alt': {
      const out = new Set<string>();
      for (const item of n.items) {
        const e = exact(item);
        if (!e) return null;
        for (const s of e) out.add(s);
      }
      return out.size <= MAX_SET ? [...out] : null;
    }
    case 'seq': return product(n.items.map(exact));
    case 'rep': {
      if (n.max === Infinity || n.max > 4) return null;
      const e = exact(n.item);
      if (!e) return null;
      const out = new Set<string>();
      for (let k = n.min; k <= n.max; k++) {
        const p = product(Array.from({ length: k }, () => e));
        if (!p) return null;
        for (const s of p) out.add(s);
      }
      return out.size <= MAX_SET ? [...out] : null;
    }
  }
}

function product(parts: Array<string[] | null>): string[] | null {
  let out = [''];
  for (const p of parts) {
    if (!p) return null;
    out = [...new Set(out.flatMap((a) => p.map((b) => a + b)))];
    if (out.length > MAX_SET) return null;
  }
  return out;
}

/** Strings of which every match of the node holds one (null: none known). */
function required(n: Node): string[] | null {
  switch (n.t) {
    case 'chars': return n.set && !n.space && n.set.length <= MAX_SET ? n.set : null;
    case 'zero': return null;
    case 'rep': return n.min >= 1 ? required(n.item) : null;
    case 'alt': {
      const out: string[] = [];
      for (const item of n.items) {
        const r = required(item);
        if (!r) return null;
        out.push(...r);
      }
      return minimal(out);
    }
    case 'seq': {
      const candidates: string[][] = [];
      for (const item of n.items) { const r = required(item); if (r) candidates.push(r); }
      // runs of children with few strings, read together: 第 \s* … 版 gives 版; 专栏 gives 专栏, not 专
      for (let i = 0; i < n.items.length; i++) {
        const parts: string[][] = [];
        for (let j = i; j < n.items.length; j++) {
          const e = exact(n.items[j]!);
          if (!e) break;
          parts.push(e);
          const p = product(parts);
          if (!p) break;
          if (!p.includes('')) candidates.push(minimal(p));
        }
      }
      return best(candidates);
    }
  }
}

/** Drop a string that holds another of the list: a line holding the longer holds the shorter too. */
function minimal(list: string[]): string[] {
  const unique = [...new Set(list)];
  return unique.filter((s) => !unique.some((t) => t !== s && s.includes(t)));
}

/** The sharpest of several sound lists: the longest shortest string, then the fewest strings. */
function best(candidates: string[][]): string[] | null {
  let pick: string[] | null = null;
  for (const c of candidates) {
    if (c.length === 0 || c.includes('')) continue;
    if (!pick) { pick = c; continue; }
    const a = Math.min(...c.map((s) => s.length)); const b = Math.min(...pick.map((s) => s.length));
    if (a > b || (a === b && c.length < pick.length) || (a === b && c.length === pick.length && c.join().length > pick.join().length)) pick = c;
  }
  return pick;
}

// --- first and last characters -----------------------------------------------------------------

/** The characters a match can begin with (null: unknown), and whether it can be empty. */
function first(n: Node): { set: string[] | null; nullable: boolean } {
  switch (n.t) {
    case 'chars': return { set: n.space ? null : n.set, nullable: false };
    case 'zero': return { set: [], nullable: true };
    case 'rep': { const f = first(n.item); return { set: f.set, nullable: f.nullable || n.min === 0 }; }
    case 'alt': return union(n.items.map(first), (f) => f.nullable, (nullable) => ({ nullable }));
    case 'seq': {
      const set = new Set<string>();
      for (const item of n.items) {
        const f = first(item);
        if (!f.set) return { set: null, nullable: false };
        for (const s of f.set) set.add(s);
        if (!f.nullable) return { set: [...set], nullable: false };
      }
      return { set: [...set], nullable: true };
    }
  }
}

/** The characters a match can end with once trailing white space is set aside (null: unknown), and
 *  whether the match can be white space only or empty (`transparent`: look further left). */
function lastVisible(n: Node): { set: string[] | null; transparent: boolean } {
  switch (n.t) {
    case 'chars': return { set: n.set, transparent: n.space };
    case 'zero': return { set: [], transparent: true };
    case 'rep': { const l = lastVisible(n.item); return { set: l.set, transparent: l.transparent || n.min === 0 }; }
    case 'alt': return union(n.items.map(lastVisible), (l) => l.transparent, (transparent) => ({ transparent }));
    case 'seq': {
      const set = new Set<string>();
      for (let k = n.items.length - 1; k >= 0; k--) {
        const l = lastVisible(n.items[k]!);
        if (!l.set) return { set: null, transparent: false };
        for (const s of l.set) set.add(s);
        if (!l.transparent) return { set: [...set], transparent: false };
      }
      return { set: [...set], transparent: true };
    }
  }
}

function union<T extends { set: string[] | null }, F>(list: T[], flag: (x: T) => boolean, make: (flag: boolean) => F): F & { set: string[] | null } {
  const set = new Set<string>();
  for (const x of list) {
    if (!x.set) return { ...make(false), set: null };
    for (const s of x.set) set.add(s);
  }
  return { ...make(list.some(flag)), set: [...set] };
}
