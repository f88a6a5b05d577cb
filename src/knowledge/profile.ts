/**
 * Newspaper profiles: rules as data. A profile extends the generic rules for one paper without code:
 * its name, extra furniture lines, and more. Loaded from JSON or YAML by the CLI (--profile FILE).
 */
import type { FurnitureKind } from '../types.js';
import type { FurnitureRule } from './furniture.js';

export interface Profile {
  /** the paper's name, as its bylines print it (used for 本报 → source) */
  name?: string;
  /** extra furniture: regular expressions (strings) matched against whole lines */
  furniture?: Array<string | { pattern: string; kind?: FurnitureKind }>;
}

export function furnitureRulesOf(profile: Profile | undefined): FurnitureRule[] {
  if (!profile?.furniture) return [];
  return profile.furniture.map((f) => {
    const spec = typeof f === 'string' ? { pattern: f } : f;
    return { kind: spec.kind ?? 'page-header', pattern: new RegExp(spec.pattern, 'u'), example: spec.pattern };
  });
}
