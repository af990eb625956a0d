import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { reportCommand } from '../../src/commands/report.ts';
import { ConfigError } from '../../src/model/diagnostic.ts';

const tmp = mkdtempSync(join(tmpdir(), 'failscope-report-cmd-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const INCIDENT = 'fixtures/incidents/seed1-no-replica-segfault';

describe('failscope report', () => {
  test('writes the page and exits like analyze: 1 when the verdict fails', async () => {
    const output = join(tmp, 'no-replica.html');
    const r = await reportCommand([INCIDENT], { output, tz: 'UTC' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^wrote .*no-replica\.html \(\d+ kB\): FAIL, \d+ errors?, \d+ warnings?; \d+ failovers?, \d+ outages?\n$/);
    expect(readFileSync(output, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('--node-timeout reaches the analysis and shows on the page', async () => {
    const output = join(tmp, 'nt.html');
    await reportCommand([INCIDENT], { output, tz: 'UTC', nodeTimeout: 3000 });
    expect(readFileSync(output, 'utf8')).toContain('Node timeout: 3000 ms (from option).');
  });

  test('refuses to overwrite an input, a bad --node-timeout, or a missing directory (exit 2 via ConfigError)', async () => {
    const copy = join(tmp, 'node.log');
    copyFileSync(
      join(
        INCIDENT,
        readdirSync(INCIDENT).find((f) => f.endsWith('.log'))!,
      ),
      copy,
    );
    await expect(reportCommand([copy], { output: copy, tz: 'UTC' })).rejects.toThrow(ConfigError);
    await expect(reportCommand([INCIDENT], { output: join(tmp, 'x.html'), tz: 'UTC', nodeTimeout: -5 })).rejects.toThrow(ConfigError);
    await expect(reportCommand([INCIDENT], { output: join(tmp, 'no', 'such', 'dir.html'), tz: 'UTC' })).rejects.toThrow(
      /cannot write .*: no such directory/,
    );
    await expect(reportCommand([INCIDENT], { output: '', tz: 'UTC' })).rejects.toThrow(ConfigError);
  });
});
