// SIGKILL of master 7001 and its only replica 7004 together; both restarted later.
import { describe, it } from 'vitest';
import { checkAgainstTruth, loadIncident } from './incident.ts';

describe('incident shard-lost', () => {
  it('matches the ground truth', async () => {
    const { analysis, truth } = await loadIncident('shard-lost');
    checkAgainstTruth(analysis, truth, {
      faultLogged: false, // nobody is left to log the master's link loss: bounds from its last sign of life
      verdict: 'fail',
      errors: ['cluster.down', 'failover.blocked.shard-lost'],
      warnings: ['node.crashed', 'replica.lost'],
      blocked: [{ rule: 'failover.blocked.shard-lost', port: 7001 }],
    });
  });
});
