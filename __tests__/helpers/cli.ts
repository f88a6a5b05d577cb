// Run the built CLI as a user would: node dist/cli.js with arguments and optional stdin.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const FIXTURES = join(ROOT, 'fixtures');
export const SAMPLE = join(FIXTURES, 'cqrb-2023-11-04-p1.txt');

/** The phenomenon fixtures: fixtures/<phenomenon>/{input.txt, expected.json}, by name. */
export function phenomena(): Array<{ name: string; input: string; expected: string }> {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(FIXTURES, e.name, 'expected.json')))
    .map((e) => ({ name: e.name, input: join(FIXTURES, e.name, 'input.txt'), expected: join(FIXTURES, e.name, 'expected.json') }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], input?: string | Buffer, env: NodeJS.ProcessEnv = {}): RunResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    input, cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
