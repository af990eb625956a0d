import type { Evidence } from '../model/analysis.ts';
import type { Address, EpochMs, NodeId } from '../model/ids.ts';
import type { SlotRange } from '../model/slots.ts';
import type { TraceNote } from '../model/timeline.ts';

/**
 * What the replay established about one cluster: facts read from the events and snapshots (each with
 * the file:line it rests on) and lanes derived from them (roles, slot ownership, cluster_state beliefs,
 * down/paused episodes). Pure data; the verdict stage judges it.
 */
export interface Trace {
  cluster: string;
  span: { start: EpochMs | null; end: EpochMs | null };
  nodes: TraceNode[];
  lifecycle: LifecycleFact[];
  replication: ReplicationFact[];
  failMarks: FailMarkFact[];
  stateChanges: StateChangeFact[];
  elections: ElectionAttempt[];
  votes: VoteFact[];
  manuals: ManualFailoverFact[];
  promotions: Promotion[];
  demotions: Demotion[];
  epochs: EpochFact[];
  configs: ConfigFact[];
  pings: PingFact[];
  offsets: OffsetFact[];
  clientErrors: ClientErrorFact[];
  clientCommands: ClientCommandFact[];
  lifeRuns: LifeRun[];
  /** Snapshot views: the roles, flags and slots each reporter saw (latest first per reporter not kept; all in time order). */
  views: SnapshotView[];
  /** Derived lanes. Intervals are half-open [start, end); end null = still so at the end of the evidence. */
  roles: RoleSpan[];
  ownership: OwnershipSpan[];
  states: StateSpan[];
  flags: FlagSpan[];
  episodes: DownEpisode[];
  /** Inferences the replay made and what they rest on (identity of unbound log lines, …). */
  notes: TraceNote[];
  /** Second processes of a node that started while the first kept running and exited (a failed start). */
  failedStarts: FailedStartFact[];
}

export interface FailedStartFact {
  node: NodeId;
  pid: number;
  /** The pid that kept running. */
  runningPid: number;
  at: EpochMs;
  /** The side process's last line (its exit reason, e.g. "Failed listening on port 7001 (TCP), aborting."). */
  reason: string;
  evidence: Evidence[];
}

export interface TraceNode {
  id: NodeId;
  addresses: Address[];
  sources: string[];
  /** True when at least one log line is this node's own. */
  hasLog: boolean;
}

export type LifecycleKind = 'start' | 'ready' | 'identity' | 'shutdown' | 'exit' | 'crash';
export interface LifecycleFact {
  node: NodeId;
  kind: LifecycleKind;
  at: EpochMs;
  pid: number | null;
  signal?: number;
  nodeTimeoutMs?: number;
  /** crash: the command being run, from the report's CURRENT CLIENT INFO argv lines. */
  command?: string;
  /** identity: "No cluster configuration found" (a brand-new node, no slots, no role yet). */
  fresh?: boolean;
  evidence: Evidence;
}

export type ReplicationKind =
  | 'link-lost'
  | 'connecting'
  | 'sync-started'
  | 'sync-error'
  | 'sync-ok'
  | 'full'
  | 'partial'
  | 'replica-lost'
  | 'replica-sync-request'
  | 'replica-synced'
  | 'partial-accepted'
  | 'secondary-id'
  | 'timeout';
export interface ReplicationFact {
  /** The node that logged it. */
  node: NodeId;
  kind: ReplicationKind;
  /** The other end: the master for replica-side kinds, the replica for master-side kinds, when known. */
  peer: NodeId | null;
  peerAddress: Address | null;
  at: EpochMs;
  offset?: number;
  reason?: string;
  evidence: Evidence;
}

export type FailMarkKind = 'pfail' | 'marked' | 'received' | 'cleared' | 'seen-fail' | 'seen-pfail' | 'seen-clear';
export interface FailMarkFact {
  observer: NodeId;
  subject: NodeId;
  kind: FailMarkKind;
  /** For `received`: who sent the FAIL message. */
  sender?: NodeId;
  reason?: string;
  at: EpochMs;
  /** True for facts read from a snapshot (a flag seen at capture time, not the moment it was set). */
  fromSnapshot: boolean;
  evidence: Evidence;
}

export interface StateChangeFact {
  node: NodeId;
  state: 'ok' | 'fail';
  at: EpochMs;
  fromSnapshot: boolean;
  evidence: Evidence;
}

export type ElectionKind = 'automatic' | 'manual' | 'takeover' | 'force';
export type UnableKind = 'expired' | 'waiting-votes' | 'waiting-delay' | 'data-too-old' | 'no-failover' | 'manual-waiting' | 'other';
export interface ElectionAttempt {
  candidate: NodeId;
  /** The candidate's master when the attempt began (the master being replaced), when known. */
  master: NodeId | null;
  kind: ElectionKind;
  delayedAt: EpochMs | null;
  delayMs: number | null;
  rank: number | null;
  offset: number | null;
  startedAt: EpochMs | null;
  epoch: number | null;
  wonAt: EpochMs | null;
  /** First "Failover attempt expired." of this attempt. */
  expiredAt: EpochMs | null;
  unable: Array<{ kind: UnableKind; reason: string; at: EpochMs; evidence: Evidence }>;
  outcome: 'won' | 'expired' | 'open';
  evidence: Evidence[];
}

export interface VoteFact {
  voter: NodeId;
  candidate: NodeId;
  granted: boolean;
  epoch: number | null;
  reason?: string;
  at: EpochMs;
  evidence: Evidence;
}

export interface ManualFailoverFact {
  kind: 'manual' | 'takeover' | 'force';
  replica: NodeId | null;
  master: NodeId | null;
  requestedAt: EpochMs | null;
  /** The master paused its clients (writes refused from here). */
  pausedAt: EpochMs | null;
  readyAt: EpochMs | null;
  masterOffset: number | null;
  timedOutAt: EpochMs | null;
  abortedAt: EpochMs | null;
  evidence: Evidence[];
}

export type PromotionVia = 'election' | 'takeover' | 'demotion' | 'snapshot' | 'observed';
export interface Promotion {
  node: NodeId;
  /** The master it replaced, when known. */
  replaced: NodeId | null;
  at: EpochMs;
  /** Bounds on `at` when it was inferred (snapshot-only evidence). */
  atBounds: [EpochMs, EpochMs];
  epoch: number | null;
  /** The slots it took over (from the replaced master's ownership or later snapshots). */
  slots: SlotRange[];
  via: PromotionVia;
  /** Index into `elections` of the attempt that won, when any. */
  election: number | null;
  /** How it was started, when the evidence says so without the winner's own election lines. */
  kind?: ElectionKind;
  evidence: Evidence[];
}

export interface Demotion {
  node: NodeId;
  newMaster: NodeId | null;
  at: EpochMs;
  /** True when it had slots (was a serving master) just before. */
  hadSlots: boolean;
  fromSnapshot: boolean;
  evidence: Evidence;
}

export interface EpochFact {
  node: NodeId;
  epoch: number;
  kind: 'config' | 'current';
  via: 'election' | 'collision' | 'bump' | 'set' | 'snapshot';
  /** For collisions: the other node. */
  other?: NodeId;
  at: EpochMs;
  evidence: Evidence;
}

export interface ConfigFact {
  node: NodeId | null;
  nodeTimeoutMs: number;
  from: 'crash-report' | 'config';
  source: string;
  at: EpochMs;
  evidence: Evidence;
}

/** From CLUSTER NODES: what `observer` knew at `at` about pings to and pongs from `subject` (observer's clock). */
export interface PingFact {
  observer: NodeId;
  subject: NodeId;
  at: EpochMs;
  pongRecv: EpochMs | null;
  /** A ping sent and not answered yet at capture time. */
  pingSent: EpochMs | null;
  linkState: 'connected' | 'disconnected';
  evidence: Evidence;
}

export interface OffsetFact {
  node: NodeId;
  offset: number;
  at: EpochMs;
  what: 'election' | 'manual-master' | 'master-repl' | 'slave-repl' | 'resync' | 'secondary-id' | 'psync-refused';
  /** psync-refused: the end of the old history this node can serve (offset is what was asked for). */
  upTo?: number;
  evidence: Evidence;
}

export interface ClientErrorFact {
  node: NodeId | null;
  text: string;
  clusterDown: boolean;
  at: EpochMs;
  timeInferred: boolean;
  evidence: Evidence;
}

export interface ClientCommandFact {
  /** The node the command was sent to (the prompt's address), when known. */
  node: NodeId | null;
  command: string;
  at: EpochMs;
  timeInferred: boolean;
  evidence: Evidence;
}

/** A run of signs of life of a node: its own log lines, its own snapshot replies, pongs others received. */
export interface LifeRun {
  node: NodeId;
  start: EpochMs;
  end: EpochMs;
  first: Evidence;
  last: Evidence;
  pid: number | null;
}

export interface SnapshotView {
  reporter: NodeId | null;
  at: EpochMs;
  atFrom: 'stamp' | 'inferred' | 'unknown';
  entries: Array<{
    id: NodeId;
    role: 'master' | 'replica' | 'unknown';
    masterId: NodeId | null;
    flags: string[];
    configEpoch: number;
    slots: SlotRange[];
    connected: boolean;
  }>;
  evidence: Evidence;
}

export type LaneRole = 'master' | 'replica' | 'down' | 'paused' | 'fail' | 'unknown';
export interface RoleSpan {
  node: NodeId;
  role: LaneRole;
  masterId?: NodeId | null;
  start: EpochMs;
  end: EpochMs | null;
}

export interface OwnershipSpan {
  slots: SlotRange[];
  owner: NodeId | null;
  epoch: number | null;
  start: EpochMs;
  end: EpochMs | null;
  /** True when this owner was inferred backwards (e.g. the master a later-seen winner replaced). */
  inferred: boolean;
}

export interface StateSpan {
  node: NodeId;
  state: 'ok' | 'fail';
  start: EpochMs;
  end: EpochMs | null;
  startEvidence: Evidence;
  endEvidence: Evidence | null;
  /** The end is bounded, not seen: the last evidence still showing the state, and the first evidence against it. */
  endBounds?: [EpochMs, EpochMs];
  /** The start is bounded, not seen (read from a snapshot): the last evidence of the state before, and this one. */
  startBounds?: [EpochMs, EpochMs];
}

export interface FlagSpan {
  observer: NodeId;
  subject: NodeId;
  flag: 'pfail' | 'fail';
  start: EpochMs;
  end: EpochMs | null;
  evidence: Evidence;
}

export type FaultFrom =
  | 'crash-report'
  | 'shutdown-request'
  | 'exit'
  | 'link-lost'
  | 'master-lost-replica'
  | 'replica-link-refused'
  | 'unanswered-ping'
  | 'last-sign-of-life'
  | 'fail-mark'
  | 'unknown';

/** A window in which a node was down (process gone) or unreachable (paused / partitioned). */
export interface DownEpisode {
  node: NodeId;
  kind: 'crashed' | 'shutdown' | 'stopped' | 'paused' | 'unreachable';
  /** Best estimate of the fault moment and the bounds the evidence allows. */
  start: EpochMs;
  startBounds: [EpochMs, EpochMs];
  startFrom: FaultFrom;
  /** What made it go down, when the evidence says (a crash report's signal, `DEBUG SEGFAULT` typed in a transcript, …). */
  cause?: string;
  /** Back: restart or first sign of life after; null = not back within the evidence. */
  end: EpochMs | null;
  endFrom: 'restart' | 'sign-of-life' | 'snapshot' | null;
  /** The node kept its pid across the episode (no restart): paused or partitioned, not dead. */
  samePid: boolean;
  evidence: Evidence[];
}

/** Defined in model/ because the timeline stage (identity inference) makes most of them. */
export type { TraceNote };
