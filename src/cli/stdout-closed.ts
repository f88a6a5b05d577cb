/**
 * Is stdout closed? `news-split page.txt >&-` starts Node with no file descriptor 1, and Node, before
 * any JavaScript runs, opens /dev/null in its place (read-write), so every write "succeeds" and the
 * articles vanish with exit 0. Other Unix tools fail there (`cat: write error: Bad file descriptor`);
 * so does news-split, when the articles would go to stdout.
 *
 * The sign is the one Node leaves: descriptor 1 is /dev/null opened for reading *and* writing. A
 * shell's `>/dev/null` opens it write-only, so discarding output on purpose still works. A parent
 * that spawns news-split with stdout 'ignore' (libuv, Python's DEVNULL) leaves the same sign as a
 * closed stdout and is answered the same way (README § Reliability). Read from /proc (Linux); where
 * there is none, nothing is refused.
 */
import { fstatSync, readFileSync, statSync } from 'node:fs';

const O_ACCMODE = 0o3;
const O_RDWR = 0o2;

export function stdoutClosed(fdinfo = '/proc/self/fdinfo/1'): boolean {
  try {
    const flags = /^flags:\s*([0-7]+)\s*$/m.exec(readFileSync(fdinfo, 'utf8'));
    if (!flags || (Number.parseInt(flags[1]!, 8) & O_ACCMODE) !== O_RDWR) return false;
    const out = fstatSync(1);
    return out.isCharacterDevice() && out.rdev === statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}


/**
 * Help and version text on stdout: a reader that closes the pipe early (`news-split --help | head`)
 * ends it quietly with exit 0, as it ends a conversion (README § Exit codes), not with EPIPE.
 */
export function writeStdoutQuietly(str: string): void {
  if (!process.stdout.listeners('error').includes(ignorePipeClosed)) process.stdout.on('error', ignorePipeClosed);
  process.stdout.write(str);
}
function ignorePipeClosed(err: NodeJS.ErrnoException): void {
  if (err.code !== 'EPIPE') throw err;
}
