#!/usr/bin/env node
// Entry point of the `news-split` command; all the work is in cli/main.ts.
import { installGuard, runFinished } from './cli/guard.js';
import { main } from './cli/main.js';

installGuard(process.argv.includes('--debug'));
process.exitCode = await main(process.argv);
runFinished();
