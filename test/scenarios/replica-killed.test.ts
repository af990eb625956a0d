// SIGKILL of replica 7004, restarted later: no write fails, no failover.
import { describe, expect, it } from 'vitest';
import { checkAgainstTruth, idOf, loadIncident } from './incident.ts';

describe('incident replica-killed', () => {
  it('matches the ground truth', async () => {
    const { analysis, truth } = await loadIncident('replica-killed');
    checkAgainstTruth(analysis, truth, { faultLogged: true, verdict: 'pass', errors: [], warnings: ['node.crashed', 'replica.lost'] });
    expect(analysis.findings.find((f) => f.rule === 'replica.lost')?.nodes).toEqual([idOf(truth, 7001), idOf(truth, 7004)]);
    expect(analysis.outages).toEqual([]);
  });

  it('with the node timeout known, the master’s time without a replica is reported', async () => {
    const { analysis, truth } = await loadIncident('replica-killed', { nodeTimeoutMs: 2000 });
    expect(analysis.findings.find((f) => f.rule === 'master.orphaned')).toMatchObject({ severity: 'info', nodes: [idOf(truth, 7001)] });
  });
});
