#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` through the prepare script).
import { main } from '../dist/src/cli.js';

main(process.argv).catch((err) => {
  // cli.ts maps every known error to one line and exit 2; anything reaching here is a bug.
  process.stderr.write(`failscope: internal error: ${err && err.stack ? err.stack : err}\n`);
  process.exit(70);
});
