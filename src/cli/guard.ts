/**
 * The last line of defence for code the run does not control (a plug-in emitter): an exception
 * thrown from a timer or a rejected promise nobody awaits, and a process.exit() from outside a hook
 * (which plugin.ts refuses), would otherwise print a raw stack trace or end the run silently with
 * exit 0. Each becomes one `news-split:` line naming the plug-ins loaded, and exit 1.
 */
import { describeThrown } from '../thrown.js';

let plugins: readonly string[] = [];
let finished = false;

/** The plug-in modules loaded for this run: the only code an unexpected exit can come from. */
export function suspectPlugins(specs: readonly string[]): void {
  plugins = specs;
}

/** The run has returned its exit code: exiting now is expected. */
export function runFinished(): void {
  finished = true;
}

const blame = (): string => (plugins.length ? ` (in emitter ${plugins.map((p) => `'${p}'`).join(', ')})` : '');

export function installGuard(debug: boolean): void {
  const crash = (what: string) => (err: unknown) => {
    process.stderr.write(`news-split: error: ${what}${blame()}: ${describeThrown(err)}\n`);
    if (debug && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    finished = true;
    process.exit(1);
  };
  process.on('uncaughtException', crash('uncaught exception'));
  process.on('unhandledRejection', crash('unhandled promise rejection'));
  process.on('exit', (code) => {
    if (finished || code !== 0) return;
    process.stderr.write(`news-split: error: the run was ended before it finished${plugins.length ? `, by process.exit()${blame()}` : ''}\n`);
    process.exitCode = 1;
  });
}
