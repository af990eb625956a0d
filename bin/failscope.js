#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (shipped in the npm package; in a checkout, `npm run
// build` makes it — `npm test` does too).
let cli;
try {
  cli = await import('../dist/src/cli.js');
} catch (err) {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/src/cli.js')) {
    process.stderr.write('failscope: not built yet: run `npm run build` in this checkout first\n');
    process.exit(2);
  }
  throw err;
}

cli.main(process.argv).catch((err) => {
  // main() already turns every error into one line; this is the last resort, and still one line.
  process.stderr.write(`failscope: internal error: ${err && err.message ? err.message : err} (run again with --debug for the trace)\n`);
  // exitCode, not exit(): a pipe on stderr gets the whole message.
  process.exitCode = 70;
});
