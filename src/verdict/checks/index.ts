import type { RuleId } from '../../model/analysis.ts';
import type { Check } from '../model.ts';
import { blockedCheck } from './blocked.ts';
import { clockSkew } from './clock.ts';
import { epochCollision, failWithoutQuorum, splitBrain, voteDenied, voteDuplicate } from './consistency.ts';
import {
  epochNotGreater,
  failoverCompleted,
  failoverExpired,
  failoverSlow,
  notBestReplica,
  notReplica,
  rejoinedAsReplica,
} from './failovers.ts';
import { masterOrphaned, nodeStartFailed, nodeCrashed, nodePaused, nodeShutdown, nodeUnreachable, replicaLost } from './nodes.ts';
import { clusterDown } from './outages.ts';

/** Every rule id has exactly one check (STYLE §6.5): a new id fails to compile until it is judged. */
export const checks: Record<RuleId, Check> = {
  'failover.completed': failoverCompleted,
  'failover.blocked.no-replica': blockedCheck('failover.blocked.no-replica'),
  'failover.blocked.no-quorum': blockedCheck('failover.blocked.no-quorum'),
  'failover.blocked.shard-lost': blockedCheck('failover.blocked.shard-lost'),
  'failover.blocked.replica-stale': blockedCheck('failover.blocked.replica-stale'),
  'failover.blocked.nofailover': blockedCheck('failover.blocked.nofailover'),
  'failover.slow': failoverSlow,
  'failover.expired': failoverExpired,
  'cluster.down': clusterDown,
  'node.crashed': nodeCrashed,
  'node.rejoined-as-replica': rejoinedAsReplica,
  'replica.lost': replicaLost,
  'master.orphaned': masterOrphaned,
  'split-brain': splitBrain,
  'epoch.collision': epochCollision,
  'clock.skew': clockSkew,
  'vote.denied': voteDenied,
  'node.shutdown': nodeShutdown,
  'node.paused': nodePaused,
  'node.unreachable': nodeUnreachable,
  'failover.epoch-not-greater': epochNotGreater,
  'failover.not-replica': notReplica,
  'failover.not-best-replica': notBestReplica,
  'vote.duplicate': voteDuplicate,
  'fail.without-quorum': failWithoutQuorum,
  'failover.blocked.unknown': blockedCheck('failover.blocked.unknown'),
  'node.start-failed': nodeStartFailed,
};
