#!/usr/bin/env node
// Thin launcher: the CLI runs from the compiled JavaScript in dist/ (built by `npm install` via
// "prepare"): from dist/cli.bundle.js, the whole command line in one module (scripts/bundle.mjs),
// where the build wrote it, else from dist/cli.js. A lone --version goes to dist/cli.js, which
// answers it having loaded four small modules (the bundle would be compiled whole first).
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
const loneVersion = args.length === 1 && (args[0] === '--version' || args[0] === '-V');
const bundle = new URL('../dist/cli.bundle.js', import.meta.url);
await import(!loneVersion && existsSync(bundle) ? bundle.href : '../dist/cli.js');
