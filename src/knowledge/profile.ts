/**
 * Newspaper profiles: rules as data. The generic rules stay the default; a profile (JSON or YAML,
 * --profile FILE) extends them for one paper without code: its name, furniture lines, dateline and
 * byline forms, headline and intertitle cues. Patterns are JavaScript regular expressions (u flag).
 */
import type { FurnitureKind, Profile } from '../types.js';
import { editorLine, type FurnitureRule } from './furniture.js';
import { backtrackingRisk } from '../regex.js';
import { ROLES, type Role } from './roles.js';

// the shape of a profile is part of the library's contract (types.ts); this module compiles it
export type { Profile } from '../types.js';

export interface CompiledProfile {
  name: string | null;
  /** role words the profile adds (the byline grammar of parse/byline.ts is made anew with them) */
  roles: ReadonlyArray<readonly [string, Role]>;
  /** outlets the profile adds to the known agencies */
  outlets: readonly string[];
  furniture: FurnitureRule[];
  datelines: RegExp[];
  bylines: RegExp[];
  headlines: RegExp[];
  intertitles: RegExp[];
}

export const NO_PROFILE: CompiledProfile = { name: null, roles: [], outlets: [], furniture: [], datelines: [], bylines: [], headlines: [], intertitles: [] };

const FURNITURE_KINDS: FurnitureKind[] = ['page-header', 'editor', 'navigation', 'jump', 'web-residue', 'table-of-contents', 'section-label', 'image-placeholder', 'unassigned'];

export class ProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileError';
  }
}

const compiled = new WeakMap<Profile, CompiledProfile>();

/** Check a profile's shape and compile its patterns; errors name the field (datelines[1]: …). */
export function compileProfile(profile: Profile | undefined): CompiledProfile {
  if (!profile) return NO_PROFILE;
  const hit = compiled.get(profile);
  if (hit) return hit;
  if (typeof profile !== 'object' || Array.isArray(profile)) throw new ProfileError('a profile is an object of rules');
  const known = new Set(['name', 'furniture', 'datelines', 'bylines', 'headlines', 'intertitles', 'roles', 'outlets', 'description']);
  for (const key of Object.keys(profile)) if (!known.has(key)) throw new ProfileError(`unknown field '${key}' (known: ${[...known].join(', ')})`);
  if (profile.name !== undefined && typeof profile.name !== 'string') throw new ProfileError('name: a string');
  const patterns = (field: 'datelines' | 'bylines' | 'headlines' | 'intertitles'): RegExp[] => {
    const list = profile[field] ?? [];
    if (!Array.isArray(list)) throw new ProfileError(`${field}: a list of patterns`);
    return list.map((p, i) => regex(p, `${field}[${i}]`));
  };
  const furnitureList: unknown = profile.furniture ?? [];
  if (!Array.isArray(furnitureList)) throw new ProfileError('furniture: a list of patterns or {pattern, kind}');
  const furniture = (furnitureList as NonNullable<Profile['furniture']>).map((f, i): FurnitureRule => {
    const spec = typeof f === 'string' ? { pattern: f } : f;
    if (!spec || typeof spec !== 'object') throw new ProfileError(`furniture[${i}]: a pattern or {pattern, kind}`);
    const kind = spec.kind ?? 'page-header';
    if (!FURNITURE_KINDS.includes(kind)) throw new ProfileError(`furniture[${i}].kind: one of ${FURNITURE_KINDS.join(', ')}`);
    return { kind, pattern: regex(spec.pattern, `furniture[${i}]`), example: spec.pattern, maxLength: 500 };
  });
  const roles = roleWords(profile.roles);
  // the profile's editors' words (本版特约审读 王芳) make editor lines as the table's editor row does
  // with its own (furniture.ts editorLine): one more of the profile's furniture rules
  const editors = roles.filter(([, role]) => role === 'editors').map(([w]) => w).sort((a, b) => b.length - a.length);
  if (editors.length) {
    const pattern = editorLine(editors.join('|'));
    furniture.push({ kind: 'editor', pattern, example: pattern.source, maxLength: 500 });
  }
  const c: CompiledProfile = {
    name: profile.name ?? null, roles, outlets: words(profile.outlets, 'outlets'), furniture,
    datelines: patterns('datelines').map((r) => anchored(r)), bylines: patterns('bylines'),
    headlines: patterns('headlines'), intertitles: patterns('intertitles'),
  };
  compiled.set(profile, c);
  return c;
}

/**
 * A word as printed (a role word, an outlet's name): the grammar puts it into its patterns as it is,
 * so it holds no pattern syntax, no white space, and none of the marks that join roles (记者、摄影).
 */
const WORD_RE = /^[^\s\\^$.*+?()[\]{}|/、,，]{1,16}$/u;

function words(list: unknown, where: string): string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new ProfileError(`${where}: a list of words`);
  return list.map((w, i) => {
    if (typeof w !== 'string' || !WORD_RE.test(w)) throw new ProfileError(`${where}[${i}]: a word as printed (1–16 characters, no white space, no pattern syntax)`);
    return w;
  });
}

/** roles: { reporters: [融媒记者], … } → [[融媒记者, 'reporters'], …] */
function roleWords(spec: unknown): Array<readonly [string, Role]> {
  if (spec === undefined) return [];
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) throw new ProfileError(`roles: an object of role: [words] (roles: ${ROLES.join(', ')})`);
  return Object.entries(spec).flatMap(([role, list]) => {
    if (!(ROLES as readonly string[]).includes(role)) throw new ProfileError(`roles.${role}: not a role (roles: ${ROLES.join(', ')})`);
    return words(list, `roles.${role}`).map((w) => [w, role as Role] as const);
  });
}

function regex(source: unknown, where: string): RegExp {
  if (typeof source !== 'string' || !source) throw new ProfileError(`${where}: a regular expression as a string`);
  let re: RegExp;
  try {
    re = new RegExp(source, 'u');
  } catch (err) {
    throw new ProfileError(`${where}: invalid regular expression: ${(err as Error).message}`);
  }
  // a pattern runs on every line of every page: one that can backtrack exponentially hangs the run
  const risk = backtrackingRisk(source);
  if (risk) throw new ProfileError(`${where}: refused: ${risk}`);
  return re;
}

/** Dateline patterns match at the start of a paragraph. */
function anchored(r: RegExp): RegExp {
  return r.source.startsWith('^') ? r : new RegExp(`^(?:${r.source})`, 'u');
}
