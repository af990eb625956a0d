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
  nodeTimeout: NodeTimeout;
  /** Per-source clock corrections applied before the replay (ms added to every stamp of the source). */
  clockOffsets: ClockOffset[];
}

/** cluster-node-timeout in ms (null when no input gives it) and where it came from. */
export interface NodeTimeout {
  ms: number | null;
  from: 'option' | 'crash-report' | 'config-get' | 'redis-conf' | 'unknown';
}

export interface ClockOffset {
  source: string;
  offsetMs: number;
  reason: string;
}

/** Earliest and latest a moment can have been, from the evidence (equal when it is exact). */
export type Bounds = [string, string];

export interface NodeSummary {
  id: NodeId;
  addresses: Address[];
  sources: string[];
}

/**
 * `unknown`: the evidence shows the failover but not how it was started (the new master's own lines are
 * missing; snapshots alone show a CLUSTER FAILOVER, TAKEOVER and FORCE alike).
 */
export type FailoverKind = 'automatic' | 'manual' | 'takeover' | 'force' | 'unknown';

export interface Failover {
  cluster: string;
  kind: FailoverKind;
  oldMaster: NodeId | null;
  /** `oldMaster`'s address (its first known), so no join with `nodes` is needed; null when unknown. */
  oldMasterAddress: Address | null;
  /** The log file `oldMaster` wrote, as named in `inputs` (its first); null when its log is not an input. */
  oldMasterSource: string | null;
  /** null when the evidence shows the takeover but names no winner (a bystander replica's log). */
  newMaster: NodeId | null;
  newMasterAddress: Address | null;
  newMasterSource: string | null;
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
  /** Earliest and latest the promotion can have happened (apart only when seen in snapshots alone). */
  promotedAtBounds: Bounds;
  timingsMs: FailoverTimings;
  votes: Vote[];
  votesNeeded: number | null;
  /** The winner's election rank (`rank #0`), when its log says. */
  rank: number | null;
  /** The winner's replication offset at the election, when its log says. */
  offset: number | null;
  /** Among several replicas that scheduled an election, the one with the best replication offset (null with fewer than two). */
  bestReplica: NodeId | null;
  /** Writes the old master had accepted that the winner had not replicated. */
  writesAtRisk: WritesAtRisk;
  /** The old master's return, if the evidence shows it. */
  rejoined: { at: string; as: 'replica' | 'master'; of: NodeId | null } | null;
  evidence: Evidence[];
}

export interface FailoverTimings {
  /** Fault → FAIL marked. */
  detection: number | null;
  /** FAIL marked → election started (the rank delay). */
  delay: number | null;
  /** Election started → won. */
  election: number | null;
  /** Fault (estimate) → promotion: how long writes to the slots failed. */
  unavailable: number;
  /** Earliest possible fault → promotion: the upper bound of `unavailable`. */
  unavailableMax: number;
}

export interface Vote {
  voter: NodeId;
  /** `voter`'s address and the log it wrote, beside the id (null when unknown). */
  voterAddress: Address | null;
  voterSource: string | null;
  granted: boolean;
  /** Why a vote was refused, from the voter's log. */
  reason?: string;
  at: string;
}

export interface WritesAtRisk {
  /** masterOffset − winnerOffset when both are known. */
  bytes: number | null;
  winnerOffset: number | null;
  masterOffset: number | null;
  /** The byte count is exact (the winner refused a PSYNC on the old history, or a manual failover's offsets) rather than a bound from earlier lines. */
  exact: boolean;
}

export interface Outage {
  cluster: string;
  scope: 'slots' | 'cluster';
  /** slots scope only */
  slots?: string;
  nodes: NodeId[];
  start: string;
  startBounds: Bounds;
  end: string | null;
  /** Earliest and latest the outage can have ended (null while it lasts to the end of the evidence). */
  endBounds: Bounds | null;
  durationMs: number | null;
  /** Shortest and longest the outage can have lasted, from the bounds. */
  minDurationMs: number | null;
  maxDurationMs: number | null;
  cause: string;
  evidence: Evidence[];
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
  /** What was left unread, when anything was: a skipped file's reason, or NUL holes skipped. */
  skipped?: string;
}

/** What the evidence of one cluster covers, and what that leaves unsaid (issue 12). */
export interface Coverage {
  /** Nodes whose own log is in the evidence (writer ids included). */
  logs: NodeId[];
  /** Nodes known only from other nodes' lines or snapshots: what they did themselves is not in the evidence. */
  fromOthers: NodeId[];
  /** Logs that never name their own node (no `I'm <id>` line and nothing else pinned it): writer ids. */
  unidentified: NodeId[];
  /** CLUSTER NODES views in the evidence. */
  snapshots: number;
  /** Plain-language limits on the conclusions, one per line. */
  limits: string[];
}

export interface ClusterAnalysis {
  id: string;
  nodes: NodeSummary[];
  coverage: Coverage;
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
  /** Node timeout used for this cluster, and where it came from. */
  nodeTimeout: NodeTimeout;
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
  /** Set when the owner was inferred backwards (the master a later-seen winner replaced) rather than seen. */
  inferred?: true;
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
