// SIGSTOP of 7001 and at once CLUSTER FAILOVER FORCE on its replica 7004; SIGCONT later.
import { describe, expect, it } from 'vitest';
import { checkAgainstTruth, loadIncident } from './incident.ts';

describe('incident force-failover', () => {
  it('matches the ground truth', async () => {
    const { analysis, truth } = await loadIncident('force-failover');
    checkAgainstTruth(analysis, truth, {
      // The SIGSTOP leaves no line; the probe's 760 ms are mostly its own 250 ms write timeouts.
      faultLogged: false,
      verdict: 'pass',
      errors: [],
      warnings: ['node.paused'],
      kind: 'force',
      infos: ['failover.completed', 'node.rejoined-as-replica'],
    });
    const f = analysis.failovers[0];
    // Promoted before anyone marked the master FAIL: that is what FORCE is for.
    expect(f.failMarkedAt === null || Date.parse(f.failMarkedAt) >= Date.parse(f.promotedAt)).toBe(true);
    expect(Date.parse(f.promotedAt) - Date.parse(truth.actions[0].at)).toBeLessThan(1000);
  });
});
