// Ctrl-C under the progress bar, on a real terminal (util-linux `script` gives the run a pty): the bar
// comes down, the cursor and line wrap are restored, and the "interrupted" message has its own line.
// Before, the cursor stayed hidden and line wrap off, and (one thread, output to a file) Ctrl-C
// waited for the whole run to end.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, SAMPLE } from './helpers/cli.js';

const haveScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
const WRAP_ON = '\x1b[?7h';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ns-tty-'));
  const page = readFileSync(SAMPLE);
  for (let i = 0; i < 3000; i++) writeFileSync(join(dir, `p${String(i).padStart(4, '0')}.txt`), page);
});
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

(haveScript ? describe : describe.skip)('Ctrl-C under the progress bar (a pty through script)', () => {
  it('restores the cursor and line wrap; the message is on its own line; exit 130', async () => {
    const command = `'${process.execPath}' '${CLI}' --jobs 1 '${dir}' > /dev/null`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, NO_COLOR: '1', TERM: 'xterm' } });
    let out = '';
    let sent = false;
    const exited = new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('latin1');
      // the bar is drawn: press Ctrl-C (the pty turns it into SIGINT for the run)
      if (!sent && / files \| /.test(out)) { sent = true; child.stdin.write('\x03'); }
    });
    const timer = setTimeout(() => { if (!sent) { sent = true; child.stdin.write('\x03'); } }, 30_000);
    const code = await exited;
    clearTimeout(timer);
    expect(code).toBe(130);
    expect(out).toContain(HIDE_CURSOR);
    const after = out.slice(out.lastIndexOf(HIDE_CURSOR));
    expect(after).toContain(SHOW_CURSOR);
    expect(after).toContain(WRAP_ON);
    // the message starts a line: after a newline, or after the bar was cleared (cursor to column 1, erase)
    const ESC = String.fromCharCode(27);
    expect(out.includes('\nnews-split: interrupted (SIGINT)') || out.includes(`${ESC}[1G${ESC}[0Jnews-split: interrupted (SIGINT)`)).toBe(true);
    // interrupted, not run to the end
    expect(out).not.toContain('3000/3000 files');
  }, 90_000);
});
