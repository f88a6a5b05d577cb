/**
 * A profile's dateline and byline patterns, read into the same facts the generic grammar gives.
 * Named groups say what each part is: source, place, date, people (people are read with the generic
 * people grammar: 记者 王芳 通讯员 李明).
 */
import { grammarOf, emptyPeople, type BylineFacts, type LeadFacts } from './byline.js';
import { outletOrNull } from '../knowledge/outlets.js';
import { ROLES } from '../knowledge/roles.js';
import type { CompiledProfile } from '../knowledge/profile.js';

function peopleOf(text: string | undefined, facts: BylineFacts, profile: CompiledProfile): boolean {
  if (!text) return true;
  const people = grammarOf(profile).parsePeople(text, 'reporters', 4);
  if (!people) return false;
  for (const role of ROLES) facts[role].push(...people[role]);
  facts.source ??= people.outlet;
  return true;
}

export function profileLead(text: string, profile: CompiledProfile): LeadFacts | null {
  for (const r of profile.datelines) {
    const m = r.exec(text);
    if (!m || m[0].length === 0) continue;
    const g = m.groups ?? {};
    let length = m[0].length;
    length += /^[ \t\u3000\u00a0]*/u.exec(text.slice(length))![0].length;
    const facts: LeadFacts = Object.assign(emptyPeople(), {
      source: g.source ? outletOrNull(g.source) ?? profile.name : profile.name,
      agency: null, raw: text.slice(0, length).trim(), rejected: [] as string[],
      place: g.place ?? null, dateText: g.date ?? null, length,
    });
    if (peopleOf(g.people, facts, profile)) return facts;
  }
  return null;
}

export function profileBylineLine(text: string, profile: CompiledProfile): BylineFacts | null {
  for (const r of profile.bylines) {
    const m = r.exec(text.trim());
    if (!m) continue;
    const g = m.groups ?? {};
    const facts: BylineFacts = Object.assign(emptyPeople(), {
      source: g.source ? outletOrNull(g.source) ?? profile.name : null, agency: null, raw: text.trim(), rejected: [] as string[],
    });
    if (peopleOf(g.people, facts, profile)) return facts;
  }
  return null;
}
