#!/usr/bin/env node
// Entry point of the `news-split` command; all the work is in cli/main.ts. A lone `--version` is
// answered before commander and the option tables load (a script asking for the version, such as a
// CI step, pays for node's start only: 1.6x `node -e 0` through main.ts).
import { installGuard, runFinished } from './cli/guard.js';
import { packageVersion } from './cli/package-version.js';
import { writeStdoutQuietly } from './cli/stdout-closed.js';

const args = process.argv.slice(2);
/** bytes of bytecode inlined into one optimised function (V8's default: 920) */
const INLINE_BUDGET = 120;
/** bytes of bytecode run before V8 considers optimising a function (V8's default: 67,584) */
const OPTIMISE_BUDGET = 4 * 67_584;
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  writeStdoutQuietly(`${packageVersion()}\n`);
} else {
  // V8 inlines less into each optimised function than by default (920 bytes of bytecode): the
  // parser's functions are large, and re-optimising them after each deopt cost more than inlining
  // saves (TurboFan ran ~1.3 s on V8's threads for a 20 MB run, each worker thread compiling again).
  // Measured whole-process: 10 % less cpu with --jobs 1 and 2 on the real-text archive (at 120
  // bytes, 300 being within noise); output is the same code's. The flags are the process's: the
  // page workers' isolates compile with them too. Set before anything runs hot.
  // And V8 waits 4 × longer than by default before it optimises a function: with more of the
  // pages' type feedback seen, fewer optimisations are thrown away (60 MB real archive, --jobs 2:
  // 7 % less cpu and wall; 8 × gained nothing more; --jobs 1: 2 %).
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINE_BUDGET}`);
  setFlagsFromString(`--interrupt-budget=${OPTIMISE_BUDGET}`);
  installGuard(args.includes('--debug'));
  const { main } = await import('./cli/main.js');
  process.exitCode = await main(process.argv);
  runFinished();
}
