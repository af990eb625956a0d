#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` through the prepare script).
import { main } from '../dist/src/cli.js';

main(process.argv).catch((err) => {
  // main() already turns every error into one line; this is the last resort, and still one line.
  process.stderr.write(`failscope: internal error: ${err && err.message ? err.message : err} (run again with --debug for the trace)\n`);
  // exitCode, not exit(): a pipe on stderr gets the whole message.
  process.exitCode = 70;
});
