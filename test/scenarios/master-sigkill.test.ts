// SIGKILL of the master 7001; its replica 7004 is elected; 7001 restarts and rejoins as its replica.
import { describe, it } from 'vitest';
import { checkAgainstTruth, loadIncident } from './incident.ts';

describe('incident master-sigkill', () => {
  it('matches the ground truth (node timeout unknown)', async () => {
    const { analysis, truth } = await loadIncident('master-sigkill');
    checkAgainstTruth(analysis, truth, {
      faultLogged: true, // the replica's "Connection with master lost."
      verdict: 'pass',
      errors: [],
      warnings: ['cluster.down', 'node.crashed'],
      infos: ['failover.completed', 'node.rejoined-as-replica'],
    });
  });

  it('with --node-timeout from the recording: no phase slower than the spec allows', async () => {
    const { analysis, truth } = await loadIncident('master-sigkill', { nodeTimeoutMs: 2000 });
    checkAgainstTruth(analysis, truth, { faultLogged: true, verdict: 'pass', errors: [], warnings: ['cluster.down', 'node.crashed'] });
  });
});
