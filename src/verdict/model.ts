import type { Evidence, FailoverKind, Severity } from '../model/analysis.ts';
import type { EpochMs, NodeId } from '../model/ids.ts';
import type { SlotRange } from '../model/slots.ts';
import type { ClusterTimeline, InputSummary } from '../model/timeline.ts';
import type { LifeIndex } from '../replay/index.ts';
import type { DownEpisode, ElectionAttempt, FaultFrom, Promotion, Trace, VoteFact } from '../replay/index.ts';
import type { NodeTimeout, SkewResult } from '../timeline/index.ts';

/** A failover as the verdict works with it (epoch ms); rendered to the JSON schema at the end. */
export interface FailoverFacts {
  kind: FailoverKind;
  oldMaster: NodeId | null;
  newMaster: NodeId;
  epoch: number | null;
  slots: SlotRange[];
  startedAt: EpochMs;
  startedAtBounds: [EpochMs, EpochMs];
  startedAtFrom: FaultFrom | 'manual-request' | 'master-paused' | 'election-start' | 'promotion';
  failMarkedAt: EpochMs | null;
  failMarkEvidence: Evidence | null;
  electionStartedAt: EpochMs | null;
  promotedAt: EpochMs;
  promotedAtBounds: [EpochMs, EpochMs];
  votes: VoteFact[];
  votesNeeded: number | null;
  rank: number | null;
  offset: number | null;
  /** The replica with the best replication offset among those that scheduled an election. */
  bestReplica: NodeId | null;
  writesAtRisk: { bytes: number | null; winnerOffset: number | null; masterOffset: number | null; exact: boolean };
  promotion: Promotion;
  attempt: ElectionAttempt | null;
  episode: DownEpisode | null;
  /** The old master came back afterwards as a replica of (whom), and when. */
  rejoined: { at: EpochMs; as: 'replica' | 'master'; of: NodeId | null; evidence: Evidence } | null;
  evidence: Evidence[];
}

export type BlockReason =
  | 'failover.blocked.no-replica'
  | 'failover.blocked.no-quorum'
  | 'failover.blocked.shard-lost'
  | 'failover.blocked.replica-stale'
  | 'failover.blocked.nofailover'
  | 'failover.blocked.unknown'
  | 'failover.expired';

/** A serving master went down and no replica took its slots. */
export interface BlockedCase {
  master: NodeId;
  episode: DownEpisode;
  slots: SlotRange[];
  reason: BlockReason;
  replicas: NodeId[];
  /** Masters with slots at the time, and how many of them were down together. */
  mastersTotal: number;
  mastersDown: number;
  /** When the slots were served again (the master back and answering), or null. */
  recoveredAt: EpochMs | null;
  recoveredBy: 'restart' | 'back' | null;
  detail: string;
  evidence: Evidence[];
}

export interface OutageFacts {
  scope: 'slots' | 'cluster';
  slots: SlotRange[];
  nodes: NodeId[];
  start: EpochMs;
  startBounds: [EpochMs, EpochMs];
  end: EpochMs | null;
  endBounds: [EpochMs, EpochMs] | null;
  cause: string;
  evidence: Evidence[];
}

export interface FindingFacts {
  rule: string;
  severity: Severity;
  message: string;
  at: EpochMs | null;
  nodes: NodeId[];
  evidence: Evidence[];
}

export interface VerdictContext {
  cluster: ClusterTimeline;
  inputs: readonly InputSummary[];
  trace: Trace;
  nodeTimeout: NodeTimeout;
  skew: SkewResult;
  life: LifeIndex;
  failovers: FailoverFacts[];
  blocked: BlockedCase[];
  outages: OutageFacts[];
  /** `aaaaaaaa (127.0.0.1:7000)` */
  label(id: NodeId | null): string;
}

export type Check = (ctx: VerdictContext) => FindingFacts[];
