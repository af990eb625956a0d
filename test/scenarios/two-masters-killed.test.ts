// SIGKILL of masters 7000 and 7001 together: no majority, nobody marks FAIL, no election.
import { describe, expect, it } from 'vitest';
import { checkAgainstTruth, loadIncident } from './incident.ts';

describe('incident two-masters-killed', () => {
  it('matches the ground truth', async () => {
    const { analysis, truth } = await loadIncident('two-masters-killed');
    checkAgainstTruth(analysis, truth, {
      faultLogged: true, // each replica's "Connection with master lost."
      verdict: 'fail',
      errors: ['cluster.down', 'failover.blocked.no-quorum'],
      warnings: ['node.crashed'],
      blocked: [
        { rule: 'failover.blocked.no-quorum', port: 7000 },
        { rule: 'failover.blocked.no-quorum', port: 7001 },
      ],
    });
    expect(analysis.findings.find((f) => f.rule === 'failover.blocked.no-quorum')?.message).toContain('2 of 3 masters were down together');
  });
});
