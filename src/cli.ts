#!/usr/bin/env node
// Entry point of the `news-split` command; all the work is in cli/main.ts. A lone `--version` is
// answered before commander and the option tables load (a script asking for the version, such as a
// CI step, pays for node's start only: 1.6x `node -e 0` through main.ts).
import { installGuard, runFinished } from './cli/guard.js';
import { packageVersion } from './cli/package-version.js';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${packageVersion()}\n`);
} else {
  installGuard(args.includes('--debug'));
  const { main } = await import('./cli/main.js');
  process.exitCode = await main(process.argv);
  runFinished();
}
