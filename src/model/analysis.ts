import type { Address, NodeId } from './ids.ts';

/**
 * JSON schema v1 of `failscope analyze --format json` (issue #4). Field names are a contract;
 * new fields may be added, none renamed or removed. Times are UTC ISO-8601 with milliseconds.
 */
export interface AnalysisV1 {
  schemaVersion: 1;
  /** One entry per cluster found in the inputs (the seed document holds two). */
  clusters: ClusterAnalysis[];
  /** Union over clusters, for the common single-cluster case (same shape as issue #4's top level). */
  nodes: NodeSummary[];
  failovers: Failover[];
  outages: Outage[];
  findings: Finding[];
  inputs: InputAccount[];
  verdict: 'pass' | 'fail';
  /** Node timeout used, and where it came from. */
  nodeTimeout: { ms: number | null; from: 'option' | 'crash-report' | 'config-get' | 'redis-conf' | 'unknown' };
  clockOffsets: Array<{ source: string; offsetMs: number; reason: string }>;
}

export interface NodeSummary {
  id: NodeId;
  addresses: Address[];
  sources: string[];
}

/** `unknown`: the evidence shows the failover but not how it was started (the new master's own lines are missing). */
export type FailoverKind = 'automatic' | 'manual' | 'takeover' | 'force' | 'unknown';

export interface Failover {
  cluster: string;
  kind: FailoverKind;
  oldMaster: NodeId | null;
  newMaster: NodeId;
  epoch: number | null;
  /** `0-5460,5470` */
  slots: string;
  /** Fault moment (best evidence), or for manual kinds the moment the request was accepted. */
  startedAt: string;
  /** Earliest and latest the fault can have happened, from the evidence. */
  startedAtBounds: [string, string];
  /** What `startedAt` rests on: a rule-like evidence label (`crash-report`, `shutdown-request`, `link-lost`, `last-pong`, …). */
  startedAtFrom: string;
  failMarkedAt: string | null;
  electionStartedAt: string | null;
  promotedAt: string;
  timingsMs: { detection: number | null; election: number | null; unavailable: number };
  votes?: Array<{ voter: NodeId; granted: boolean; reason?: string; at: string }>;
  votesNeeded?: number | null;
  rank?: number | null;
  offset?: number | null;
  evidence: Evidence[];
}

export interface Outage {
  cluster: string;
  scope: 'slots' | 'cluster';
  /** slots scope only */
  slots?: string;
  nodes: NodeId[];
  start: string;
  end: string | null;
  durationMs: number | null;
  cause: string;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Evidence {
  source: string;
  line: number;
}

export interface Finding {
  cluster?: string;
  rule: string;
  severity: Severity;
  message: string;
  at: string | null;
  nodes: NodeId[];
  evidence: Evidence[];
}

export interface InputAccount {
  source: string;
  kind: string;
  /** How the input was read: each detected form (wrapper, export, Redis prefix, snapshot kind), sorted. */
  forms: string[];
  lines: number;
  understood: number;
  ignored: number;
  unknown: number;
}

export interface ClusterAnalysis {
  id: string;
  nodes: NodeSummary[];
  failovers: Failover[];
  outages: Outage[];
  findings: Finding[];
  /** The one-paragraph story an on-call engineer pastes into a ticket. */
  story: string;
  /** Start and end of the evidence. */
  span: { start: string | null; end: string | null };
  /** Per-node role lanes over time (what the charts draw). Intervals are half-open [start, end). */
  roles: RoleInterval[];
  /** Slot ownership over time, as ranges (never per-slot arrays). owner null = uncovered. */
  ownership: OwnershipInterval[];
  /** cluster_state as each node believed it. */
  states: StateInterval[];
}

export type RoleState = 'master' | 'replica' | 'down' | 'paused' | 'fail' | 'unknown';

export interface RoleInterval {
  node: NodeId;
  role: RoleState;
  /** For replicas: whose. */
  masterId?: NodeId | null;
  start: string;
  /** null = still so at the end of the evidence */
  end: string | null;
}

export interface OwnershipInterval {
  slots: string;
  owner: NodeId | null;
  epoch: number | null;
  start: string;
  end: string | null;
}

export interface StateInterval {
  node: NodeId;
  state: 'ok' | 'fail';
  start: string;
  end: string | null;
}

/** Stable rule ids (issue #4). README documents each. */
export const RULE_IDS = [
  'failover.completed',
  'failover.blocked.no-replica',
  'failover.blocked.no-quorum',
  'failover.blocked.shard-lost',
  'failover.blocked.replica-stale',
  'failover.blocked.nofailover',
  'failover.slow',
  'failover.expired',
  'cluster.down',
  'node.crashed',
  'node.rejoined-as-replica',
  'replica.lost',
  'master.orphaned',
  'split-brain',
  'epoch.collision',
  'clock.skew',
  'vote.denied',
  // added with the verdict stage (issue #4's correctness checks and node episodes)
  'node.shutdown',
  'node.paused',
  'node.unreachable',
  'failover.epoch-not-greater',
  'failover.not-replica',
  'failover.not-best-replica',
  'vote.duplicate',
  'fail.without-quorum',
  // added with partial evidence (issue 12): no failover, and the evidence does not show why
  'failover.blocked.unknown',
  'node.start-failed',
] as const;
export type RuleId = (typeof RULE_IDS)[number];
