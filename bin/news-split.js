#!/usr/bin/env node
// Thin launcher: the CLI runs from the compiled JavaScript in dist/ (built by `npm install` via "prepare").
import '../dist/cli.js';
