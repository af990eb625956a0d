import type { Evidence } from '../model/analysis.ts';
import type { Address, EpochMs, NodeId } from '../model/ids.ts';
import type { SlotRange } from '../model/slots.ts';
import { SlotMap } from './slot-map.ts';
import { AppendOnlyIndex } from '../util/sorted.ts';
import type {
  ClientCommandFact,
  ClientErrorFact,
  ConfigFact,
  Demotion,
  ElectionAttempt,
  ElectionKind,
  EpochFact,
  FailMarkFact,
  LifecycleFact,
  LifeRun,
  ManualFailoverFact,
  OffsetFact,
  PingFact,
  Promotion,
  ReplicationFact,
  SnapshotView,
  StateChangeFact,
  TraceNote,
  VoteFact,
  FailedStartFact,
} from './trace.ts';

/** Signs of life closer than this are one run. */
export const LIFE_RUN_GAP_MS = 50;

export interface RolePoint {
  node: NodeId;
  at: EpochMs;
  role: 'master' | 'replica' | 'unknown';
  masterId: NodeId | null;
  /** True when the node said so itself (own log line or its own `myself` snapshot entry). */
  own: boolean;
}

export interface OwnershipChange {
  at: EpochMs;
  ranges: SlotRange[];
  owner: NodeId | null;
  epoch: number | null;
  inferred: boolean;
  /** The first thing known about these slots (nothing earlier said who owned them). */
  first: boolean;
  seq: number;
}

export interface NodeRuntime {
  id: NodeId;
  role: 'master' | 'replica' | 'unknown';
  masterId: NodeId | null;
  /** When the current role was last confirmed by the node itself. */
  roleOwnAt: EpochMs | null;
  pid: number | null;
  configEpoch: number | null;
  currentEpoch: number | null;
  /** The open election attempt (index into facts.elections). */
  attempt: number | null;
  /** A manual failover this node (as replica) accepted and that has not finished. */
  manual: number | null;
  nofailover: boolean;
  hasLog: boolean;
  /** The role rests only on the `M`/`S` of the node's own log prefix (a later prefix may change it). */
  roleHint: boolean;
}

export const evidenceOf = (e: { source: string; line: number }): Evidence => ({ source: e.source, line: e.line });

/** Mutable state of one replay. Created fresh per call, so replay stays pure. */
export class ReplayState {
  readonly nodes = new Map<NodeId, NodeRuntime>();
  readonly byAddress = new Map<Address, NodeId>();
  readonly slots = new SlotMap();
  readonly ownershipChanges: OwnershipChange[] = [];
  readonly rolePoints: RolePoint[] = [];
  /** observer → subject → flag */
  readonly flagNow = new Map<NodeId, Map<NodeId, { flag: 'pfail' | 'fail'; since: EpochMs; evidence: Evidence }>>();
  readonly flagSpans: Array<{
    observer: NodeId;
    subject: NodeId;
    flag: 'pfail' | 'fail';
    start: EpochMs;
    end: EpochMs | null;
    evidence: Evidence;
  }> = [];
  /** The open span of each (observer, subject) pair in flagSpans. */
  private readonly openFlagSpan = new Map<NodeId, Map<NodeId, ReplayState['flagSpans'][number]>>();
  readonly runs = new Map<NodeId, LifeRun[]>();

  readonly lifecycle: LifecycleFact[] = [];
  readonly replication: ReplicationFact[] = [];
  readonly failMarks: FailMarkFact[] = [];
  readonly stateChanges: StateChangeFact[] = [];
  /** stateChanges are in time order so far (the replay pushes them as it goes; removing one keeps the order). */
  stateChangesInOrder = true;
  readonly elections: ElectionAttempt[] = [];
  readonly votes: VoteFact[] = [];
  readonly manuals: ManualFailoverFact[] = [];
  readonly promotions: Promotion[] = [];
  /** promotions by node: promotions are only ever appended, and their node never changes. */
  private readonly promotionsByNode = new AppendOnlyIndex(this.promotions, (p) => p.node);
  readonly demotions: Demotion[] = [];
  readonly epochs: EpochFact[] = [];
  readonly configs: ConfigFact[] = [];
  readonly pings: PingFact[] = [];
  readonly offsets: OffsetFact[] = [];
  readonly clientErrors: ClientErrorFact[] = [];
  readonly clientCommands: ClientCommandFact[] = [];
  readonly views: SnapshotView[] = [];
  readonly notes: TraceNote[] = [];
  readonly failedStarts: FailedStartFact[] = [];
  /** Nodes with CLUSTER INFO replies of their own in the evidence (their cluster_state is read, not inferred). */
  readonly infoReporters = new Map<NodeId, EpochMs[]>();
  /** Last cluster_state per node, to record changes only. */
  readonly stateNow = new Map<NodeId, 'ok' | 'fail'>();
  private seq = 0;
  /** The node `node` last returned (a runtime is never replaced once made). */
  private lastNodeId: NodeId | null = null;
  private lastNode: NodeRuntime | null = null;
  /** The runs `alive` last extended (a node's list is made once and kept). */
  private lastRunsNode: NodeId | null = null;
  private lastRuns: LifeRun[] | undefined;
  /** The line `evidence` last cited, and its evidence. */
  private citedLine: { source: string; line: number } | null = null;
  private citedEvidence: Evidence = { source: '', line: 0 };
  spanStart: EpochMs | null = null;
  spanEnd: EpochMs | null = null;

  constructor(nodeIds: readonly NodeId[], addresses: ReadonlyArray<[Address, NodeId]>, withLog: ReadonlySet<NodeId>) {
    for (const id of nodeIds) this.node(id).hasLog = withLog.has(id);
    for (const [a, id] of addresses) if (!this.byAddress.has(a)) this.byAddress.set(a, id);
  }

  node(id: NodeId): NodeRuntime {
    // Asked several times per line, mostly about the line's writer: the last answer first.
    if (id === this.lastNodeId) return this.lastNode!;
    let n = this.nodes.get(id);
    if (!n) {
      n = {
        id,
        role: 'unknown',
        masterId: null,
        roleOwnAt: null,
        pid: null,
        configEpoch: null,
        currentEpoch: null,
        attempt: null,
        manual: null,
        nofailover: false,
        hasLog: false,
        roleHint: false,
      };
      this.nodes.set(id, n);
    }
    this.lastNodeId = id;
    this.lastNode = n;
    return n;
  }

  /**
   * The evidence of a line: one object however many facts cite it (a line is cited by its sign of
   * life, its fact and often a flag or an attempt; nothing changes an Evidence once made).
   */
  evidence(e: { source: string; line: number }): Evidence {
    if (e !== this.citedLine) {
      this.citedLine = e;
      this.citedEvidence = { source: e.source, line: e.line };
    }
    return this.citedEvidence;
  }

  nodeAt(address: Address | undefined): NodeId | null {
    if (!address) return null;
    return this.byAddress.get(address) ?? null;
  }

  /** The promotions of `node` so far, in push order (scanning all promotions per line was quadratic). */
  promotionsOf(node: NodeId): readonly Promotion[] {
    return this.promotionsByNode.of(node);
  }

  touch(at: EpochMs): void {
    if (!Number.isFinite(at)) return;
    if (this.spanStart === null || at < this.spanStart) this.spanStart = at;
    if (this.spanEnd === null || at > this.spanEnd) this.spanEnd = at;
  }

  /** A sign that `node` was alive at `at`. */
  alive(node: NodeId, at: EpochMs, ev: Evidence, pid: number | null): void {
    if (!Number.isFinite(at)) return;
    let list = node === this.lastRunsNode ? this.lastRuns : this.runs.get(node);
    if (!list) this.runs.set(node, (list = []));
    this.lastRunsNode = node;
    this.lastRuns = list;
    // Signs arrive mostly in time order; pongs read from snapshots can be older than the last run.
    const last = list[list.length - 1];
    if (last && at >= last.start && at <= last.end) return;
    if (last && at > last.end && at - last.end <= LIFE_RUN_GAP_MS && (pid === null || last.pid === null || pid === last.pid)) {
      last.end = at;
      last.last = ev;
      if (last.pid === null) last.pid = pid;
      return;
    }
    const run: LifeRun = { node, start: at, end: at, first: ev, last: ev, pid };
    if (!last || at > last.end) list.push(run);
    else {
      // Out of order: insert in place (rare; pong stamps).
      let i = list.length - 1;
      while (i >= 0 && list[i].start > at) i--;
      if (i >= 0 && at <= list[i].end) return;
      list.splice(i + 1, 0, run);
    }
  }

  setRole(node: NodeId, at: EpochMs, role: 'master' | 'replica' | 'unknown', masterId: NodeId | null, own: boolean): void {
    const n = this.node(node);
    if (own) n.roleOwnAt = at;
    n.roleHint = false;
    if (n.role === role && (role !== 'replica' || n.masterId === masterId || masterId === null)) return;
    n.role = role;
    n.masterId = role === 'replica' ? (masterId ?? n.masterId) : null;
    this.rolePoints.push({ node, at, role, masterId: n.masterId, own });
  }

  assignSlots(at: EpochMs, ranges: readonly SlotRange[], owner: NodeId | null, epoch: number | null, inferred = false): void {
    if (ranges.length === 0) return;
    const norm = ranges.map((r) => ({ start: r.start, end: r.end }));
    const first = this.slots.lookup(norm).every((g) => g.owner === undefined);
    this.slots.assign(norm, owner, epoch);
    this.ownershipChanges.push({ at, ranges: norm, owner, epoch, inferred, first, seq: this.seq++ });
  }

  nextSeq(): number {
    return this.seq++;
  }

  setFlag(observer: NodeId, subject: NodeId, flag: 'pfail' | 'fail' | null, at: EpochMs, ev: Evidence): void {
    let m = this.flagNow.get(observer);
    if (!m) this.flagNow.set(observer, (m = new Map()));
    const cur = m.get(subject);
    if (cur && cur.flag === flag) return;
    if (cur) {
      // The pair's open span (one at most: a new one is only pushed after the old one is closed).
      const open = this.openFlagSpan.get(observer)?.get(subject);
      if (open) open.end = at;
      this.openFlagSpan.get(observer)?.delete(subject);
      m.delete(subject);
    }
    if (flag) {
      m.set(subject, { flag, since: at, evidence: ev });
      const span = { observer, subject, flag, start: at, end: null, evidence: ev };
      this.flagSpans.push(span);
      let o = this.openFlagSpan.get(observer);
      if (!o) this.openFlagSpan.set(observer, (o = new Map()));
      o.set(subject, span);
    }
  }

  setState(node: NodeId, state: 'ok' | 'fail', at: EpochMs, ev: Evidence, fromSnapshot: boolean): void {
    const last = this.stateChanges[this.stateChanges.length - 1];
    if (last && !(at >= last.at)) this.stateChangesInOrder = false;
    this.stateChanges.push({ node, state, at, fromSnapshot, evidence: ev });
    this.stateNow.set(node, state);
  }

  /** The open attempt of `candidate`, creating one when none is open. */
  attemptOf(candidate: NodeId, at: EpochMs, ev: Evidence, create: boolean): ElectionAttempt | null {
    const n = this.node(candidate);
    if (n.attempt !== null) {
      const a = this.elections[n.attempt];
      if (a.outcome === 'open') return a;
    }
    if (!create) return null;
    let kind: ElectionKind = 'automatic';
    if (n.manual !== null) {
      const m = this.manuals[n.manual];
      if (m.timedOutAt === null && m.abortedAt === null) kind = m.kind;
    }
    const a: ElectionAttempt = {
      candidate,
      master: n.role === 'replica' ? n.masterId : null,
      kind,
      delayedAt: null,
      delayMs: null,
      rank: null,
      offset: null,
      startedAt: null,
      epoch: null,
      wonAt: null,
      expiredAt: null,
      unable: [],
      outcome: 'open',
      evidence: [ev],
    };
    this.elections.push(a);
    n.attempt = this.elections.length - 1;
    void at;
    return a;
  }
}
