// CLUSTER FAILOVER TAKEOVER on replica 7004: epoch bumped without an election.
import { describe, expect, it } from 'vitest';
import { checkAgainstTruth, loadIncident } from './incident.ts';

describe('incident takeover-failover', () => {
  it('matches the ground truth', async () => {
    const { analysis, truth } = await loadIncident('takeover-failover');
    checkAgainstTruth(analysis, truth, {
      faultLogged: true,
      verdict: 'pass',
      errors: [],
      // The old master served until it heard of the takeover: by design of TAKEOVER, so a warning.
      warnings: ['split-brain'],
      kind: 'takeover',
      infos: ['failover.completed', 'node.rejoined-as-replica'],
    });
    const f = analysis.failovers[0];
    expect(f.electionStartedAt).toBeNull();
    expect(f.votes).toEqual([]);
    expect(f.epoch).toBeGreaterThan(3);
  });
});
