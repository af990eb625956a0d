// CLUSTER FAILOVER on replica 7004: coordinated, roles swapped, the probe saw no failed write.
import { describe, expect, it } from 'vitest';
import { checkAgainstTruth, loadIncident } from './incident.ts';

describe('incident manual-failover', () => {
  it('matches the ground truth', async () => {
    const { analysis, truth } = await loadIncident('manual-failover');
    checkAgainstTruth(analysis, truth, {
      faultLogged: true, // "Manual failover requested by replica …" on the master
      verdict: 'pass',
      errors: [],
      warnings: [],
      kind: 'manual',
      infos: ['failover.completed', 'node.rejoined-as-replica'],
    });
    const f = analysis.failovers[0];
    expect(f.startedAtFrom).toBe('master-paused');
    expect(Math.abs(Date.parse(f.startedAt) - Date.parse(truth.actions[0].at))).toBeLessThanOrEqual(50);
  });
});
