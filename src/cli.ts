#!/usr/bin/env node
// Entry point of the `news-split` command; all the work is in cli/main.ts.
import { main } from './cli/main.js';

process.exitCode = await main(process.argv);
