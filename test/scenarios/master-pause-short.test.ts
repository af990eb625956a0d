// DEBUG SLEEP 1 on master 7001: below the node timeout, nothing marked failing, no failover.
import { describe, expect, it } from 'vitest';
import { checkAgainstTruth, loadIncident } from './incident.ts';

describe('incident master-pause-short', () => {
  it('matches the ground truth: nothing to fail over', async () => {
    const { analysis, truth } = await loadIncident('master-pause-short');
    checkAgainstTruth(analysis, truth, { faultLogged: false, verdict: 'pass', errors: [], warnings: [] });
    expect(analysis.failovers).toEqual([]);
    expect(analysis.findings.filter((f) => f.rule.startsWith('failover.'))).toEqual([]);
  });
});
