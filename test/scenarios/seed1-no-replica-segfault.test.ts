// The seed's first case, recorded: 3 masters, no replica; DEBUG SEGFAULT on 7001, restart later.
import { describe, expect, it } from 'vitest';
import { checkAgainstTruth, idOf, loadIncident } from './incident.ts';

describe('incident seed1-no-replica-segfault', () => {
  it('matches the ground truth: no failover possible, cluster down until the restart', async () => {
    const { analysis, truth } = await loadIncident('seed1-no-replica-segfault');
    checkAgainstTruth(analysis, truth, {
      faultLogged: true, // the crash report
      verdict: 'fail',
      errors: ['cluster.down', 'failover.blocked.no-replica'],
      warnings: ['node.crashed'],
      blocked: [{ rule: 'failover.blocked.no-replica', port: 7001 }],
    });
    const crash = analysis.findings.find((f) => f.rule === 'node.crashed');
    expect(crash?.nodes).toEqual([idOf(truth, 7001)]);
    expect(crash?.message).toContain('signal 11, while running DEBUG SEGFAULT');
    // The crash report's time is the fault moment, exactly.
    expect(Math.abs(Date.parse(crash?.at as string) - Date.parse(truth.actions[0].at))).toBeLessThanOrEqual(50);
  });
});
