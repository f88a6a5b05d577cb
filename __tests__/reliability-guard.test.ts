// Code and patterns the user brings: a plug-in emitter that misbehaves, a profile field of the wrong
// type, a pattern that can backtrack exponentially. Each gets one `news-split:` line and an exit code.
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'ns-guard-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const at = (name: string): string => join(tmp, name);
const PAGE = '市民广场今日开放\n\n本报讯(记者 王小明)市民广场今天正式开放,吸引了很多市民前来参观。\n\n广场占地很大,设施齐全。\n';
writeFileSync(at('page.txt'), PAGE);
mkdirSync(at('many'));
for (let i = 0; i < 20; i++) writeFileSync(at(`many/${i}.txt`), PAGE.repeat(50));

function plugin(name: string, article: string): string {
  writeFileSync(at(name), `export default { name: 'bad', extension: 'txt', create: () => ({ article(a) { ${article} } }) };\n`);
  return at(name);
}

/** One message line, no stack trace. */
function expectOneLine(stderr: string, pattern: RegExp): void {
  expect(stderr).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(stderr.trim().split('\n').filter((l) => !l.startsWith('(run news-split'))).toHaveLength(1);
}

describe('a plug-in emitter that misbehaves', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['throws null', 'throw null', /^news-split: error: emitter 'bad': article\(\) threw null$/m],
    ['throws a string', "throw 'oops'", /^news-split: error: emitter 'bad': article\(\) threw "oops"$/m],
    ['throws from a timer', "setTimeout(() => { throw new Error('late'); }, 0); return ''", /^news-split: error: uncaught exception \(in emitter '[^']+\.mjs'\): late$/m],
    ['rejects a promise nobody awaits', "Promise.reject(new Error('rej')); return ''", /^news-split: error: unhandled promise rejection \(in emitter '[^']+\.mjs'\): rej$/m],
    ['calls process.exit()', 'process.exit()', /^news-split: error: emitter 'bad': article\(\) called process\.exit\(\)$/m],
  ];
  for (const [what, body, message] of cases) {
    it(`${what}: one line naming it, exit 1`, () => {
      const file = plugin(`${what.split(' ').at(-1)!.replace(/\W/g, '')}.mjs`, body);
      const r = runCli(['--emitter', file, at('page.txt')]);
      expect(r.status).toBe(1);
      expectOneLine(r.stderr, message);
    });
  }

  it('calls process.exit(0) outside a hook (a microtask) mid-run: not a silent exit 0', () => {
    const file = plugin('late-exit.mjs', "queueMicrotask(() => process.exit(0)); return 'x\\n'");
    const r = runCli(['--emitter', file, at('many')]);
    expect(r.status).toBe(1);
    expectOneLine(r.stderr, /^news-split: error: the run was ended before it finished, by process\.exit\(\) \(in emitter '.*late-exit\.mjs'\)$/m);
  });
});

describe('a profile field of the wrong type names the field, exit 2', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['furniture: 3\n', 'number', /profile .*: furniture: a list of patterns or \{pattern, kind\}$/m],
    ['furniture: [{pattern: 3}]\n', 'pattern', /furniture\[0\]: a regular expression as a string$/m],
    ['headlines: x\n', 'string', /headlines: a list of patterns$/m],
  ];
  for (const [yaml, name, message] of cases) {
    it(`${yaml.trim()}`, () => {
      writeFileSync(at(`${name}.yml`), yaml);
      const r = runCli(['--profile', at(`${name}.yml`), at('page.txt')]);
      expect(r.status).toBe(2);
      expectOneLine(r.stderr, message);
    });
  }
});

describe('patterns that can backtrack exponentially are refused when loaded, exit 2', () => {
  for (const field of ['furniture', 'datelines', 'bylines', 'headlines', 'intertitles']) {
    it(`a profile's ${field}`, () => {
      writeFileSync(at(`redos-${field}.yml`), `${field}:\n  - '(a+)+$'\n`);
      const r = runCli(['--profile', at(`redos-${field}.yml`), at('page.txt')]);
      expect(r.status).toBe(2);
      expectOneLine(r.stderr, new RegExp(`${field}\\[0\\]: refused: .*catastrophic backtracking`));
    });
  }

  it('--page-separator (.*)*x', () => {
    const r = runCli(['--page-separator', '(.*)*x', at('page.txt')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^news-split: error: --page-separator: refused: .*catastrophic backtracking$/m);
  });

  it('an ordinary profile is accepted (lookbehinds, named groups, \\p{…})', () => {
    writeFileSync(at('fine.yml'), "datelines:\n  - '^本报(?<place>\\p{Script=Han}{2,4})讯'\nfurniture:\n  - '(?<=版)\\s*责任编辑'\n");
    const r = runCli(['--profile', at('fine.yml'), at('page.txt')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('--page-separator that would drop every line', () => {
  for (const sep of ['', '.*', 'x*']) {
    it(`'${sep}' is refused, exit 2`, () => {
      const r = runCli(['--page-separator', sep, at('page.txt')]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--page-separator: the pattern matches the empty string/);
    });
  }
});

describe('--jobs is capped at twice the CPUs', () => {
  it('--jobs 256 says so once, exit 0, no MaxListenersExceededWarning', () => {
    const r = runCli(['--jobs', '256', at('many')]);
    expect(r.status).toBe(0);
    expect(r.stderr.match(/--jobs 256: capped at \d+ \(twice the \d+ CPUs\)/g)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/MaxListenersExceeded/);
  });
});
