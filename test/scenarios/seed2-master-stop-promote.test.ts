// The seed's second case, recorded: SIGTERM of master 7001; replica 7004 elected; 7001 back as its replica.
import { describe, expect, it } from 'vitest';
import { checkAgainstTruth, idOf, loadIncident } from './incident.ts';

describe('incident seed2-master-stop-promote', () => {
  it('matches the ground truth', async () => {
    const { analysis, truth } = await loadIncident('seed2-master-stop-promote');
    checkAgainstTruth(analysis, truth, {
      faultLogged: true, // "User requested shutdown..."
      verdict: 'pass',
      errors: [],
      warnings: ['cluster.down'],
      infos: ['failover.completed', 'node.rejoined-as-replica', 'node.shutdown'],
    });
    const f = analysis.failovers[0];
    expect(f.startedAtFrom).toBe('shutdown-request');
    const rejoin = analysis.findings.find((x) => x.rule === 'node.rejoined-as-replica');
    expect(rejoin?.nodes).toEqual([idOf(truth, 7001), idOf(truth, 7004)]);
  });
});
