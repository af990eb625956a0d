// Issue #13: Redis 5.0.14 and 6.2.16 died during the crash report's fast memory test, which writes '.'
// and 'O' with no newline, so the restarted process's first line is glued onto the dots:
// `.O.O.O.O.O.338:C 02 Dec 2026 01:03:40.775 # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`.
// That line must still be the restart (pid and time from truth.json's second process run).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTimeline } from '../../src/pipeline.ts';

describe.each(['redis-5.0.14', 'redis-6.2.16'])('%s seed1-no-replica-segfault', (label) => {
  const dir = join(import.meta.dirname, '../../fixtures/versions', label, 'seed1-no-replica-segfault');
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as {
    processes: Array<{ port: number; pid: number; startedAt: string }>;
  };
  const restart = truth.processes.filter((p) => p.port === 20001)[1];
  const lines = readFileSync(join(dir, 'node-20001.log'), 'utf8').split('\n');
  const glued = lines.findIndex((l) => /^[.OE]+\d+:C /.test(l));

  it('has the glued line in the raw log', () => {
    expect(glued).toBeGreaterThan(0);
    expect(lines[glued]).toContain(`${restart.pid}:C `);
  });

  it('reads it as the restart: server.start with the new pid, at the recorded start time', async () => {
    const t = await loadTimeline([join(dir, 'node-20001.log')], { year: 2026 });
    const start = t.events.find((e) => e.line === glued + 1);
    expect(start?.kind).toBe('server.start');
    expect(start?.pid).toBe(restart.pid);
    const at = Date.parse(restart.startedAt);
    expect(start!.at).toBeGreaterThanOrEqual(at - 1000);
    expect(start!.at).toBeLessThanOrEqual(at + 2000);
  });
});
