import type { Check } from '../model.ts';
import { msg } from '../messages.ts';
import { finding } from './util.ts';

/**
 * Every client got CLUSTERDOWN. Expected for a moment during an automatic failover (nodes flag the
 * cluster failed until the replica takes over): a warning then; an error when no failover ended it.
 * An end read from snapshots is known only within bounds (the last view still fail, the first ok):
 * still an end, so a completed failover ended it just the same.
 */
export const clusterDown: Check = (ctx) =>
  ctx.outages
    .filter((o) => o.scope === 'cluster')
    .map((o) => {
      const byFailover = o.cause === 'failover.completed' && (o.end !== null || o.endBounds !== null);
      return finding(
        'cluster.down',
        byFailover ? 'warning' : 'error',
        msg.clusterDown(o, byFailover, ctx.label),
        o.start,
        o.nodes,
        o.evidence,
      );
    });
