// `analyze -o` and `timeline -o` (issue 15): the output streamed to a temp file beside the target and
// renamed, byte for byte what the same command prints on stdout; an input is never overwritten.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const bin = join(import.meta.dirname, '../../bin/failscope.js');
const tmp = mkdtempSync(join(tmpdir(), 'failscope-output-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'buffer', maxBuffer: 64 << 20 });

describe('-o writes what stdout would have shown', () => {
  const cases: string[][] = [
    ['analyze', 'fixtures/incidents/master-sigkill', '--format', 'json', '--node-timeout', '2000'],
    ['analyze', 'fixtures/incidents/shard-lost', '--format', 'text'],
    ['analyze', 'fixtures/incidents/seed1-no-replica-segfault', '--format', 'markdown'],
    ['timeline', 'fixtures/incidents/master-sigkill', '--format', 'json'],
    ['timeline', 'fixtures/incidents/master-sigkill', '--stats'],
  ];
  for (const args of cases)
    test(args.join(' '), () => {
      const printed = run(args);
      const file = join(tmp, 'out');
      writeFileSync(file, 'the previous output\n');
      const written = run([...args, '-o', file]);
      expect(written.status).toBe(printed.status);
      expect(written.stdout.length).toBe(0);
      expect(printed.stdout.length).toBeGreaterThan(0);
      expect(readFileSync(file).equals(printed.stdout)).toBe(true);
      expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });

  test('an input named as the output is refused (exit 2), the input untouched', () => {
    const log = join(tmp, 'node.log');
    const dir = 'fixtures/incidents/master-sigkill';
    copyFileSync(
      join(
        dir,
        readdirSync(dir).find((f) => f.endsWith('.log'))!,
      ),
      log,
    );
    const before = readFileSync(log);
    for (const cmd of ['analyze', 'timeline']) {
      const r = run([cmd, log, '-o', log]);
      expect(r.status).toBe(2);
      expect(r.stderr.toString()).toMatch(/^failscope: refusing to overwrite the input .*node\.log with the (analysis|timeline)\n$/);
      expect(readFileSync(log).equals(before)).toBe(true);
    }
  });
});
