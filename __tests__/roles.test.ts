import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES, ROLE_WORDS, emptyPeople, mergePeople } from '../src/knowledge/roles.js';
import { split } from '../src/pipeline.js';
import { ROOT } from './helpers/cli.js';

describe('roles written once (knowledge/roles.ts)', () => {
  it('gives every role words, and every word a listed role', () => {
    for (const role of ROLES) expect(ROLE_WORDS.some(([, r]) => r === role)).toBe(true);
    for (const [, role] of ROLE_WORDS) expect(ROLES).toContain(role);
  });

  it('makes the record\'s byline: source, the roles in their order, agency', () => {
    const [a] = split('本报讯（记者 张三 通讯员 李四）市图书馆昨日举办公开课，市民踊跃参加。\n').articles;
    expect(Object.keys(a!.byline)).toEqual(['raw', 'source', ...ROLES, 'agency']);
    expect(a!.byline).toMatchObject({ reporters: ['张三'], correspondents: ['李四'] });
  });

  it('is the list the schema names (a new role needs its row there too)', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'article.schema.json'), 'utf8'));
    expect(Object.keys(schema.properties.byline.properties)).toEqual(['raw', 'source', ...ROLES, 'agency']);
  });

  it('merges people role by role, each name once', () => {
    const into = Object.assign(emptyPeople(), { reporters: ['张三'] });
    mergePeople(into, Object.assign(emptyPeople(), { reporters: ['张三', '王五'], editors: ['赵六'] }));
    expect(into).toEqual({ reporters: ['张三', '王五'], correspondents: [], photographers: [], editors: ['赵六'] });
  });
});
