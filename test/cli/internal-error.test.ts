// The top-level guard: a bug is one line and exit 70; the trace only with --debug.
import { afterEach, expect, test } from 'vitest';
import { main } from '../../src/cli.ts';

const so = process.stdout.write;
const se = process.stderr.write;
afterEach(() => {
  process.stdout.write = so;
  process.stderr.write = se;
  process.exitCode = undefined;
});

/** Run main() with a stdout that breaks (a bug stand-in nothing else triggers on purpose). */
async function runBroken(args: string[]): Promise<{ code: number; stderr: string }> {
  const err: string[] = [];
  process.stdout.write = (() => {
    throw new TypeError('boom\nsecond line');
  }) as typeof process.stdout.write;
  process.stderr.write = ((c: string) => {
    err.push(String(c));
    return true;
  }) as typeof process.stderr.write;
  await main(['node', 'failscope', ...args]);
  const code = Number(process.exitCode);
  process.stdout.write = so;
  process.stderr.write = se;
  return { code, stderr: err.join('') };
}

test('an internal error: one line pointing at --debug, exit 70, no trace', async () => {
  const r = await runBroken(['analyze', 'fixtures/incidents/master-sigkill/node-7001.log', '--node-timeout', '2000']);
  expect(r.code).toBe(70);
  expect(r.stderr).toBe('failscope: internal error: TypeError: boom^Jsecond line (a bug; run again with --debug for the trace)\n');
});

test('with --debug (anywhere on the line) the trace follows', async () => {
  const r = await runBroken(['analyze', 'fixtures/incidents/master-sigkill/node-7001.log', '--debug']);
  expect(r.code).toBe(70);
  expect(r.stderr).toMatch(/^failscope: internal error: TypeError: boom\nsecond line\n\s+at /);
});
