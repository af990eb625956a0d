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
  // cli.ts maps every known error to one line and exit 2; anything reaching here is a bug.
  process.stderr.write(`failscope: internal error: ${err && err.stack ? err.stack : err}\n`);
  process.exit(70);
});
