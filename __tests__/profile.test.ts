import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { split } from '../src/pipeline.js';
import { loadProfile } from '../src/cli/profile-file.js';
import { compileProfile, ProfileError } from '../src/knowledge/profile.js';
import { ROOT, FIXTURES, runCli } from './helpers/cli.js';

const PROFILE = join(ROOT, 'examples', 'profiles', 'chenguang-ribao.yml');
const PAGE = join(FIXTURES, 'profile', 'chenguang-page.txt');
const text = readFileSync(PAGE, 'utf8');

describe('newspaper profiles', () => {
  it('reads the page as the paper prints it when its profile is given', () => {
    const { articles, diagnostics } = split(text, { profile: loadProfile(PROFILE), model: false });
    expect(articles.map((a) => [a.headlines, a.title, a.kicker])).toEqual([
      [['让老街留住烟火气'], '让老街留住烟火气', []],
      [['【晨光快评】', '改造更要留住记忆'], '改造更要留住记忆', ['【晨光快评】']],
    ]);
    expect(articles[0]!.byline).toMatchObject({ source: '晨光日报', reporters: ['王芳'] });
    expect(articles[0]!.paragraphs).toEqual([
      '老街改造工程昨日完工，街巷两侧的老字号陆续重新开门营业，不少市民专程赶来逛街。',
      '◎ 让居民说了算',
      '改造方案先后三次征求居民意见，保留了老街原有的青石板路和骑楼。',
    ]);
    expect(articles[1]!.byline).toMatchObject({ reporters: ['李明'] });
    expect(diagnostics.furniture.map((f) => [f.kind, f.text])).toEqual([['page-header', '晨光日报·要闻  A2']]);
  });

  // these tests are of the profile's rules, so they read the page with the rules (--no-model), as
  // the first does: what the structure model makes of this invented page is not what they test
  it('changes the result: without it the generic rules misread this paper', () => {
    const { articles } = split(text, { model: false });
    expect(articles[0]!.headlines).toContain('晨光日报·要闻  A2');
    expect(articles[0]!.byline.reporters).toEqual([]);
    expect(articles.map((a) => a.title)).toContain('◎ 让居民说了算');
  });

  it('works the same through the CLI, in YAML or JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ns-profile-'));
    const json = join(dir, 'p.json');
    writeFileSync(json, JSON.stringify(loadProfile(PROFILE)));
    const viaYaml = runCli(['--no-model', '--profile', PROFILE, PAGE]);
    const viaJson = runCli(['--no-model', '--profile', json, PAGE]);
    expect(viaYaml.status).toBe(0);
    expect(viaJson.stdout).toBe(viaYaml.stdout);
    expect(viaYaml.stdout.trim().split('\n').map((l) => JSON.parse(l).byline.source)).toEqual(['晨光日报', null]);
  });

  it('refuses a bad profile with exit 2, naming the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ns-profile-'));
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'name: X\ndatelines:\n  - "^(unclosed"\n');
    let r = runCli(['--profile', bad, PAGE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`profile ${bad}: datelines[0]: invalid regular expression`);
    writeFileSync(bad, 'nmae: typo\n');
    r = runCli(['--profile', bad, PAGE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown field 'nmae'");
    r = runCli(['--profile', join(dir, 'missing.yml'), PAGE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no such file');
    expect(r.stdout).toBe('');
  });

  it('adds role words and outlets to the byline grammar', () => {
    // 山城观察 ends in no outlet suffix, 融媒记者 and 图片记者 are no generic role words
    const page = '社区食堂开进老旧小区\n\n山城观察讯（融媒记者 王 芳）社区食堂昨日开门营业，老人们排队打饭。\n\n图片记者 李四\n\n食堂每天供应三餐，价格比市场低两成。\n';
    const profile = { roles: { reporters: ['融媒记者'], photographers: ['图片记者'] }, outlets: ['山城观察'] };
    const [own] = split(page, { profile, model: false }).articles;
    expect(own!.byline).toMatchObject({ source: '山城观察', reporters: ['王芳'], photographers: ['李四'] });
    const [generic] = split(page, { model: false }).articles;
    expect(generic!.byline).toMatchObject({ source: null, reporters: [], photographers: [] });
    // the generic grammar is untouched by a profile's words
    expect(split(page, { model: false }).articles[0]!.byline).toEqual(generic!.byline);
  });

  it('refuses role words and outlets that are not words', () => {
    expect(() => compileProfile({ roles: { writers: ['撰稿'] } as never })).toThrow(/roles\.writers: not a role/u);
    expect(() => compileProfile({ roles: { reporters: ['记者.*'] } })).toThrow(/roles\.reporters\[0\]/u);
    expect(() => compileProfile({ roles: ['记者'] as never })).toThrow(/roles: an object/u);
    expect(() => compileProfile({ outlets: ['晨光 网'] })).toThrow(/outlets\[0\]/u);
    expect(() => compileProfile({ outlets: '晨光网' as never })).toThrow(/outlets: a list of words/u);
  });

  it('checks field shapes', () => {
    expect(() => compileProfile({ furniture: [{ pattern: 'x', kind: 'ad' as never }] })).toThrow(ProfileError);
    expect(() => compileProfile({ headlines: 'x' as never })).toThrow(/headlines: a list/);
  });
});
