import type { EventKind, TimelineEvent } from '../model/events.ts';
import type { Evidence } from '../model/analysis.ts';
import { isMasterAtId, isWriterId, successorOf, type Address, type EpochMs, type NodeId } from '../model/ids.ts';
import type { ReplayState } from './state.ts';
import type { SlotRange } from '../model/slots.ts';
import type {
  ElectionAttempt,
  FailMarkFact,
  ManualFailoverFact,
  Promotion,
  PromotionVia,
  ReplicationFact,
  ReplicationKind,
  UnableKind,
} from './trace.ts';
import { AppendOnlyIndex } from '../util/sorted.ts';

/**
 * One transition per event kind (STYLE §6.5): a new kind in model/events.ts fails to compile until
 * the replay says what it does with it. `node` is the node that wrote the line (null when unknown).
 * Message texts and their meaning: redis 7.0 src/cluster.c and src/replication.c.
 */
export type Transition = (s: ReplayState, ev: TimelineEvent, node: NodeId | null) => void;

const nothing: Transition = () => {};

/** redis 7.0 src/debug.c logCurrentClient: `argv[0]: '"DEBUG"'` lines of the crash report. */
function crashCommand(text: string): { command?: string } {
  const args: string[] = [];
  const re = /argv\[(\d+)\]: '"?(.*?)"?'$/gm;
  for (let m = re.exec(text); m && args.length < 4; m = re.exec(text)) args.push(m[2]);
  return args.length > 0 ? { command: args.join(' ') } : {};
}

const lifecycle =
  (kind: 'start' | 'ready' | 'identity' | 'shutdown' | 'exit' | 'crash'): Transition =>
  (s, ev, node) => {
    if (!node) return;
    const pid = ev.pid ?? ev.fields.pid ?? null;
    const fresh = kind === 'identity' && /No cluster configuration found/i.test(ev.text);
    // Most facts have none of the optional keys: one literal, no spread (a spread left room for
    // nine keys in each, and an empty property array).
    if (ev.fields.signal === undefined && ev.fields.nodeTimeoutMs === undefined && kind !== 'crash' && !fresh)
      s.lifecycle.push({ node, kind, at: ev.at, pid, evidence: s.evidence(ev) });
    else
      s.lifecycle.push({
        node,
        kind,
        at: ev.at,
        pid,
        ...(ev.fields.signal !== undefined ? { signal: ev.fields.signal } : {}),
        ...(ev.fields.nodeTimeoutMs !== undefined ? { nodeTimeoutMs: ev.fields.nodeTimeoutMs } : {}),
        ...(kind === 'crash' ? crashCommand(ev.text) : {}),
        // redis 7.0 clusterInit: "No cluster configuration found, I'm %.40s"
        ...(fresh ? { fresh: true } : {}),
        evidence: s.evidence(ev),
      });
    if (pid !== null) s.node(node).pid = pid;
    if (kind === 'crash' && ev.fields.nodeTimeoutMs !== undefined && Number.isFinite(ev.fields.nodeTimeoutMs))
      s.configs.push({
        node,
        nodeTimeoutMs: ev.fields.nodeTimeoutMs,
        from: 'crash-report',
        source: ev.source,
        at: ev.at,
        evidence: s.evidence(ev),
      });
  };

// redis 7.0 src/cluster.c markNodeAsFailingIfNeeded / clusterProcessPacket (FAIL) / clearNodeFailureIfNeeded
const failMark =
  (kind: 'pfail' | 'marked' | 'received' | 'cleared'): Transition =>
  (s, ev, node) => {
    const subject = ev.fields.subject;
    if (!node || !subject) return;
    // Keys set in the order the fact always had (the optional ones between kind and at).
    const mark = { observer: node, subject, kind } as FailMarkFact;
    if (ev.fields.sender) mark.sender = ev.fields.sender;
    if (ev.fields.reason) mark.reason = ev.fields.reason;
    mark.at = ev.at;
    mark.fromSnapshot = false;
    mark.evidence = s.evidence(ev);
    s.failMarks.push(mark);
    s.setFlag(node, subject, kind === 'cleared' ? null : kind === 'pfail' ? 'pfail' : 'fail', ev.at, s.evidence(ev));
    // The sender of a FAIL message had flagged the node itself.
    if (kind === 'received' && ev.fields.sender && ev.fields.sender !== subject)
      s.setFlag(ev.fields.sender, subject, 'fail', ev.at, s.evidence(ev));
  };

const unable =
  (kind: UnableKind): Transition =>
  (s, ev, node) => {
    if (!node) return;
    const a = s.attemptOf(node, ev.at, s.evidence(ev), true) as ElectionAttempt;
    a.unable.push({ kind, reason: ev.fields.reason ?? ev.text, at: ev.at, evidence: s.evidence(ev) });
    if (!a.evidence.some((e) => e.source === ev.source && e.line === ev.line)) a.evidence.push(s.evidence(ev));
    if (kind === 'expired' && a.expiredAt === null) a.expiredAt = ev.at;
  };

/**
 * A replication fact, its keys in the order it always had (the optional ones only when known), each
 * shape made whole by one literal: set one by one after the literal, the last keys went to a property
 * array of their own (40 bytes a fact, 85k facts on the flapping bench log).
 */
function replicationFact(
  node: NodeId,
  kind: ReplicationKind,
  peer: NodeId | null,
  peerAddress: Address | null,
  at: EpochMs,
  offset: number | undefined,
  reason: string | undefined,
  evidence: Evidence,
): ReplicationFact {
  if (offset === undefined)
    return reason === undefined ? { node, kind, peer, peerAddress, at, evidence } : { node, kind, peer, peerAddress, at, reason, evidence };
  return reason === undefined
    ? { node, kind, peer, peerAddress, at, offset, evidence }
    : { node, kind, peer, peerAddress, at, offset, reason, evidence };
}

const replica =
  (kind: ReplicationKind): Transition =>
  (s, ev, node) => {
    if (!node) return;
    const n = s.node(node);
    const byAddr = s.nodeAt(ev.fields.address);
    const master = byAddr ?? (n.role === 'replica' ? n.masterId : null);
    const reason = ev.fields.reason ? ev.fields.reason : kind === 'sync-error' ? ev.text : undefined;
    s.replication.push(replicationFact(node, kind, master, ev.fields.address ?? null, ev.at, ev.fields.offset, reason, s.evidence(ev)));
    // Only replicas connect to a master: "Connecting to MASTER ip:port" says this node is a replica,
    // and of whom. Other lines only hint at a role we do not know yet: a freshly promoted master still
    // logs "Connection with master lost." as it drops its old link (redis 7.0 replicationUnsetMaster).
    if (kind === 'connecting' && (n.role !== 'replica' || (byAddr && n.masterId !== byAddr)))
      s.setRole(node, ev.at, 'replica', master, true);
    else if ((kind === 'sync-started' || kind === 'full' || kind === 'partial' || kind === 'sync-ok') && n.role === 'unknown')
      s.setRole(node, ev.at, 'replica', master, true);
    // A master without a log of its own (known by address, model/ids.ts masterAt, or by others' lines)
    // is a master — cluster mode replicates masters only (redis 7.0 cluster.c "I can only replicate a
    // master, not a replica.") — and alive whenever it answers its replica's sync: "+FULLRESYNC" /
    // "+CONTINUE" (redis 7.0 replication.c slaveTryPartialResynchronization) and the transfer come from it.
    if (master !== null && master !== node && (isMasterAtId(master) || !s.node(master).hasLog)) {
      if (s.node(master).role === 'unknown') s.setRole(master, ev.at, 'master', null, false);
      if (kind === 'full' || kind === 'partial' || kind === 'sync-ok') s.alive(master, ev.at, s.evidence(ev), null);
    }
    if (kind === 'full' && ev.fields.offset !== undefined)
      s.offsets.push({ node, offset: ev.fields.offset, at: ev.at, what: 'resync', evidence: s.evidence(ev) });
    if (kind === 'secondary-id' && ev.fields.offset !== undefined)
      s.offsets.push({ node, offset: ev.fields.offset, at: ev.at, what: 'secondary-id', evidence: s.evidence(ev) });
  };

const masterSide =
  (kind: ReplicationKind): Transition =>
  (s, ev, node) => {
    if (!node) return;
    const peer = s.nodeAt(ev.fields.address);
    // "Replica <addr> asks for synchronization" (redis 7.0 replication.c syncCommand): the node at
    // <addr> replicates this one now, whatever we knew of it before (an old master rejoining).
    if (kind === 'replica-sync-request' && peer && peer !== node) {
      const pn = s.node(peer);
      if (pn.role !== 'replica' || pn.masterId !== node) {
        const wasMaster = pn.role === 'master' || s.promotionsOf(node).some((p) => p.replaced === peer);
        if (wasMaster && !s.demotions.some((d) => d.node === peer && d.newMaster === node && ev.at - d.at < 60_000))
          s.demotions.push({ node: peer, newMaster: node, at: ev.at, hadSlots: false, fromSnapshot: false, evidence: s.evidence(ev) });
        s.setRole(peer, ev.at, 'replica', node, false);
      }
    }
    s.replication.push(replicationFact(node, kind, peer, ev.fields.address ?? null, ev.at, ev.fields.offset, undefined, s.evidence(ev)));
  };

/** The candidate takes its master's slots (redis 7.0 clusterFailoverReplaceYourMaster). */
export function promote(s: ReplayState, node: NodeId, ev: TimelineEvent, via: PromotionVia, attempt: ElectionAttempt | null): void {
  const n = s.node(node);
  const replaced = attempt?.master ?? (n.role === 'replica' ? n.masterId : null);
  const epoch = attempt?.epoch ?? null;
  // A line stamped to the second (RFC 3164 syslog) was written somewhere in that second.
  const bounds: [number, number] = [ev.at, ev.at + (ev.grainMs ?? 1) - 1];
  // The same promotion already inferred from a snapshot or a third node (their times are coarser):
  // the node's own line is the moment; move the inferred one here.
  const inferred = s
    .promotionsOf(node)
    .find(
      (p) =>
        p.via !== 'election' &&
        p.via !== 'takeover' &&
        p.at >= ev.at - 30_000 &&
        (replaced === null || p.replaced === replaced || p.replaced === null),
    );
  if (inferred) {
    for (let i = s.ownershipChanges.length - 1; i >= 0; i--) {
      const c = s.ownershipChanges[i];
      if (c.owner === node && c.at === inferred.at && !c.inferred) s.ownershipChanges.splice(i, 1);
    }
    s.ownershipChanges.push({
      at: ev.at,
      ranges: inferred.slots,
      owner: node,
      epoch: epoch ?? inferred.epoch,
      inferred: false,
      first: false,
      seq: s.nextSeq(),
    });
    Object.assign(inferred, {
      replaced: inferred.replaced ?? replaced,
      at: ev.at,
      atBounds: bounds,
      epoch: epoch ?? inferred.epoch,
      via,
      election: electionIndex(s, node, attempt),
      evidence: [s.evidence(ev), ...inferred.evidence],
    });
    s.setRole(node, ev.at, 'master', null, true);
    return;
  }
  const ranges = replaced ? s.slots.rangesOf(replaced) : [];
  if (ranges.length > 0) s.assignSlots(ev.at, ranges, node, epoch);
  s.setRole(node, ev.at, 'master', null, true);
  s.promotions.push({
    node,
    replaced,
    at: ev.at,
    atBounds: bounds,
    epoch,
    slots: ranges,
    via,
    election: electionIndex(s, node, attempt),
    evidence: [s.evidence(ev)],
  });
}

/** The index of `attempt` in the replay's elections: the node's open attempt, as a rule (indexOf per promotion was quadratic). */
function electionIndex(s: ReplayState, node: NodeId, attempt: ElectionAttempt | null): number | null {
  if (!attempt) return null;
  const k = s.node(node).attempt;
  return k !== null && s.elections[k] === attempt ? k : s.elections.indexOf(attempt);
}

function openManual(s: ReplayState, node: NodeId): ManualFailoverFact | null {
  const n = s.node(node);
  if (n.manual === null) return null;
  const m = s.manuals[n.manual];
  return m.timedOutAt === null && m.abortedAt === null ? m : null;
}

function startManual(s: ReplayState, ev: TimelineEvent, node: NodeId, kind: 'manual' | 'takeover' | 'force'): ManualFailoverFact {
  const n = s.node(node);
  const m: ManualFailoverFact = {
    kind,
    replica: node,
    master: n.role === 'replica' ? n.masterId : null,
    requestedAt: ev.at,
    pausedAt: null,
    readyAt: null,
    masterOffset: null,
    timedOutAt: null,
    abortedAt: null,
    evidence: [s.evidence(ev)],
  };
  s.manuals.push(m);
  n.manual = s.manuals.length - 1;
  // A new request supersedes a scheduled automatic attempt.
  const open = s.attemptOf(node, ev.at, s.evidence(ev), false);
  if (open && open.startedAt === null && open.wonAt === null) open.kind = kind;
  return m;
}

/** `node` won its election at `ev`: its attempt is won, and it takes its master's slots. */
function electionWon(s: ReplayState, ev: TimelineEvent, node: NodeId): void {
  const a = s.attemptOf(node, ev.at, s.evidence(ev), true) as ElectionAttempt;
  a.wonAt = ev.at;
  a.outcome = 'won';
  a.evidence.push(s.evidence(ev));
  promote(s, node, ev, 'election', a);
  const m = openManual(s, node);
  if (m) s.node(node).manual = null;
}

function epochFact(via: 'election' | 'collision' | 'bump' | 'set'): Transition {
  return (s, ev, node) => {
    if (!node || ev.fields.epoch === undefined || !Number.isFinite(ev.fields.epoch)) return;
    const isElection = via === 'set' && /after successful failover/i.test(ev.text);
    const kind = isElection ? 'election' : via;
    s.epochs.push({
      node,
      epoch: ev.fields.epoch,
      kind: 'config',
      via: kind,
      ...(via === 'collision' && ev.fields.subject ? { other: ev.fields.subject } : {}),
      at: ev.at,
      evidence: s.evidence(ev),
    });
    s.node(node).configEpoch = ev.fields.epoch;
    let p = s.promotionsOf(node).at(-1);
    // Only the winner logs this, right after "Failover election won" (redis 3.0.7 and 7.0 src/cluster.c
    // clusterHandleSlaveFailover, valkey 8.0 src/cluster_legacy.c): when that line is not in the
    // evidence (a cut or filtered log), this one says the same.
    if (isElection && !(p && p.at <= ev.at && ev.at - p.at <= 5_000)) {
      electionWon(s, ev, node);
      p = s.promotionsOf(node).at(-1);
    }
    // Give the node's latest promotion its epoch when the election line did not carry it.
    if (p && p.epoch === null && ev.at - p.at <= 5_000) {
      p.epoch = ev.fields.epoch;
      p.evidence.push(s.evidence(ev));
      if (p.slots.length > 0) s.assignSlots(ev.at, p.slots, node, ev.fields.epoch);
    }
  };
}

/**
 * The latest promotion of `winner`, when it did not know whom it replaced and `winner` is still the
 * master it made. A FORCE or TAKEOVER failover starts without its master being flagged FAIL (redis
 * 3.0.7 src/cluster.c clusterHandleSlaveFailover: `!nodeFailed(myself->slaveof) && !manual_failover`
 * only stops an automatic one; clusterCommand FAILOVER TAKEOVER skips the election), so nothing
 * before the election names the old master when the winner's `Connecting to MASTER <addr>` names no
 * known node. A later line that names it (the old master reconfiguring itself as `winner`'s replica)
 * completes that promotion: it is the same failover, not a second one.
 */
function unnamedPromotion(s: ReplayState, winner: NodeId, oldMaster: NodeId, at: number): Promotion | null {
  const p = s.promotionsOf(winner).at(-1);
  if (!p || p.replaced !== null || p.at > at || at - p.at >= 600_000 || oldMaster === winner) return null;
  if (s.demotions.some((d) => d.node === winner && d.at >= p.at && d.at <= at)) return null;
  return p;
}

/** `p` replaced `oldMaster`: name it, and give it the slots `oldMaster` had when none were known. */
function nameReplaced(s: ReplayState, p: Promotion, oldMaster: NodeId, ev: TimelineEvent, had: readonly SlotRange[]): void {
  p.replaced = oldMaster;
  p.evidence.push(s.evidence(ev));
  if (p.slots.length === 0 && had.length > 0) {
    p.slots = [...had];
    s.assignSlots(p.at, had, p.node, p.epoch);
  }
}

/**
 * The replay's promotions by the master they replaced, and those that name none yet, folded in
 * lazily like ReplayState.promotionsOf: promotions are only appended, and a promotion's `replaced`
 * only ever goes from null to a node (nameReplaced, snapshots.ts). Scanning every promotion per
 * "Clear FAIL … master without slots" line made the replay quadratic in failovers.
 */
interface ReplacedIndex {
  folded: number;
  byReplaced: Map<NodeId, Promotion[]>;
  /** Promotions with `replaced` null when last looked at, in push order. */
  unnamed: Promotion[];
}
const replacedIndexes = new WeakMap<ReplayState, ReplacedIndex>();
function replacedIndexOf(s: ReplayState): ReplacedIndex {
  let x = replacedIndexes.get(s);
  if (!x) replacedIndexes.set(s, (x = { folded: 0, byReplaced: new Map(), unnamed: [] }));
  const ix = x;
  const file = (p: Promotion) => {
    const l = ix.byReplaced.get(p.replaced as NodeId);
    if (l) l.push(p);
    else ix.byReplaced.set(p.replaced as NodeId, [p]);
  };
  let kept = 0;
  for (const p of ix.unnamed)
    if (p.replaced === null) ix.unnamed[kept++] = p;
    else file(p);
  ix.unnamed.length = kept;
  for (; ix.folded < s.promotions.length; ix.folded++) {
    const p = s.promotions[ix.folded];
    if (p.replaced === null) ix.unnamed.push(p);
    else file(p);
  }
  return ix;
}

/**
 * "Clear FAIL state for node X: master without slots is reachable again" (redis 7.0
 * clearNodeFailureIfNeeded): X was a master flagged FAIL and has lost its slots meanwhile, so a
 * failover replaced it. When nothing else told us who won, the node this observer granted its vote to
 * while X was flagged is the winner (a master votes only for a replica of a failed master, redis 7.0
 * clusterSendFailoverAuthIfNeeded); it won between that vote and the observer's next `Cluster state
 * changed: ok`.
 */
function lostSlots(s: ReplayState, ev: TimelineEvent, observer: NodeId, subject: NodeId): void {
  const ix = replacedIndexOf(s);
  // A node found to be the writer another failover replaced (sameWinOverWriter): that failover answers.
  const alias = writerAliases.get(s)?.get(subject);
  if (alias !== undefined) {
    const list = ix.byReplaced.get(alias) ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (ev.at - list[i].at < 600_000) return;
  }
  const replacing = ix.byReplaced.get(subject) ?? [];
  // From the latest: the promotion that answers is nearly always among the last ones.
  for (let i = replacing.length - 1; i >= 0; i--) if (replacing[i].replaced === subject && ev.at - replacing[i].at < 600_000) return;
  // A promotion we saw without knowing whom it replaced (a forced failover's winner: no FAIL before
  // its election) replaced this master.
  const open = ix.unnamed.filter((p) => p.replaced === null && p.node !== subject && ev.at - p.at < 600_000 && p.at <= ev.at);
  if (open.length === 1) {
    nameReplaced(s, open[0], subject, ev, s.slots.rangesOf(subject));
    return;
  }
  const flag = s.flagNow.get(observer)?.get(subject);
  // A forced failover's votes come before anyone flags the master: look a minute further back.
  const since = (flag ? flag.since : ev.at) - 60_000;
  let vote: (typeof s.votes)[number] | null = null;
  for (let i = s.votes.length - 1; i >= 0; i--) {
    const v = s.votes[i];
    if (v.at < since) break;
    if (v.granted && v.voter === observer && v.candidate !== subject && v.at <= ev.at) {
      vote = v;
      break;
    }
  }
  if (!vote) {
    // Nobody this log shows won: the failover happened all the same (the master lost its slots), to
    // a master the evidence does not name, between the FAIL and the observer's next state ok.
    const from = flag ? flag.since : ev.at;
    const ok = firstOkBetween(s, observer, from, ev.at);
    const at = ok ? ok.at : ev.at;
    s.promotions.push({
      node: successorOf(subject),
      replaced: subject,
      at,
      atBounds: [from, at],
      epoch: null,
      slots: s.slots.rangesOf(subject),
      via: 'observed',
      election: null,
      evidence: [...(flag ? [flag.evidence] : []), ...(ok ? [ok.evidence] : []), s.evidence(ev)],
    });
    return;
  }
  if (sameWinOverWriter(s, vote, subject)) return;
  const ok = firstOkBetween(s, observer, vote.at, ev.at);
  const ranges = s.slots.rangesOf(subject);
  if (ranges.length > 0) s.assignSlots(vote.at, ranges, vote.candidate, vote.epoch);
  s.setRole(vote.candidate, vote.at, 'master', null, false);
  s.promotions.push({
    node: vote.candidate,
    replaced: subject,
    at: vote.at,
    atBounds: [vote.at, ok ? ok.at : ev.at],
    epoch: vote.epoch,
    slots: ranges,
    via: 'observed',
    election: null,
    // It voted after flagging the master FAIL: the election a failed master's replica starts by itself.
    ...(flag && flag.since <= vote.at ? { kind: 'automatic' as const } : {}),
    evidence: [vote.evidence, ...(ok ? [ok.evidence] : []), s.evidence(ev)],
  });
}

/**
 * Whether the vote's candidate already took over, by its own lines, a master known only as the
 * writer of a log (its replica lines name that master by address; no line names its id), at the
 * vote's epoch, while `subject` has no log of its own: then the voter's "master without slots" is
 * that same failover seen from outside, and `subject` most likely that writer. A replica wins one
 * election per epoch and replaces the one master it replicates (redis 7.0 cluster.c
 * clusterHandleSlaveFailover), so a second promotion would show one failover as two, the winner "a
 * replica of" the writer when it took the subject's slots.
 */
function sameWinOverWriter(s: ReplayState, vote: ReplayState['votes'][number], subject: NodeId): boolean {
  if (s.nodes.get(subject)?.hasLog) return false;
  for (let i = s.promotions.length - 1; i >= 0; i--) {
    const p = s.promotions[i];
    if (p.at < vote.at - 600_000) break;
    if (
      p.node === vote.candidate &&
      p.replaced !== null &&
      isWriterId(p.replaced) &&
      Math.abs(p.at - vote.at) < 60_000 &&
      (p.epoch === null || vote.epoch === null || p.epoch === vote.epoch)
    ) {
      // Other observers' "master without slots" about `subject` are this failover too.
      let aliases = writerAliases.get(s);
      if (!aliases) writerAliases.set(s, (aliases = new Map()));
      aliases.set(subject, p.replaced);
      return true;
    }
  }
  return false;
}
/** Per replay: nodes known only by id found to be the writer a failover replaced (sameWinOverWriter). */
const writerAliases = new WeakMap<ReplayState, Map<NodeId, NodeId>>();

/** The first (in push order) `Cluster state changed: ok` of `node` with lo ≤ at ≤ hi: from the end back to lo while they are in time order. */
function firstOkBetween(s: ReplayState, node: NodeId, lo: EpochMs, hi: EpochMs): ReplayState['stateChanges'][number] | undefined {
  const list = s.stateChanges;
  if (!s.stateChangesInOrder) return list.find((c) => c.node === node && c.state === 'ok' && c.at >= lo && c.at <= hi);
  let first: ReplayState['stateChanges'][number] | undefined;
  for (let i = list.length - 1; i >= 0 && list[i].at >= lo; i--) {
    const c = list[i];
    if (c.node === node && c.state === 'ok' && c.at <= hi) first = c;
  }
  return first;
}

/**
 * A vote granted to a candidate that nothing else shows winning: the voter's log alone (redis 7.0
 * clusterSendFailoverAuthIfNeeded grants only a replica whose master it sees FAIL, or a manual
 * failover's FORCEACK request). The candidate is taken to have won at the vote unless its own
 * lines say the attempt expired; it replaced the master the voter had flagged FAIL, when exactly one.
 */
export function votedPromotions(s: ReplayState): void {
  const seen = new Set<string>();
  for (const v of s.votes) {
    if (!v.granted) continue;
    const key = `${v.candidate}\u0000${v.epoch}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (s.promotionsOf(v.candidate).some((p) => p.at >= v.at - 5_000 && p.at <= v.at + 60_000)) continue;
    if (lostElection(s, v)) continue;
    promoteOnVote(s, v, null);
  }
}

/** The candidate's own lines say its attempt for the vote's epoch did not win. */
function lostElection(s: ReplayState, v: ReplayState['votes'][number]): boolean {
  return attemptsOf(s, v.candidate).some((a) => a.epoch === v.epoch && a.outcome !== 'won');
}

/** The election attempts of `candidate`, in push order (attempts are only appended; their candidate never changes). */
const attemptIndexes = new WeakMap<ReplayState, AppendOnlyIndex<ElectionAttempt, NodeId>>();
function attemptsOf(s: ReplayState, candidate: NodeId): readonly ElectionAttempt[] {
  let x = attemptIndexes.get(s);
  if (!x) attemptIndexes.set(s, (x = new AppendOnlyIndex(s.elections, (a) => a.candidate)));
  return x.of(candidate);
}

/**
 * The promotion a granted vote shows (see votedPromotions). `replaced`, when a line names the master
 * the candidate replaced; otherwise the one master the voter had flagged FAIL at the vote, if exactly
 * one. Automatic when the voter had flagged that master FAIL before it voted: valkey 8.0
 * src/cluster_legacy.c clusterSendFailoverAuthIfNeeded grants a vote only when the candidate's primary
 * is FAIL, unless the request carries FORCEACK (manual failover) — the election a failed master's
 * replica starts by itself.
 */
function promoteOnVote(s: ReplayState, v: ReplayState['votes'][number], replaced: NodeId | null): Promotion {
  const flagged = s.flagSpans.filter(
    (f) => f.observer === v.voter && f.flag === 'fail' && f.start <= v.at && (f.end === null || f.end >= v.at) && f.subject !== v.candidate,
  );
  const subjects = [...new Set(flagged.map((f) => f.subject))];
  const old = replaced ?? (subjects.length === 1 ? subjects[0] : null);
  const ranges = old ? s.slots.rangesOf(old) : [];
  const p: Promotion = {
    node: v.candidate,
    replaced: old,
    at: v.at,
    atBounds: [v.at, v.at],
    epoch: v.epoch,
    slots: ranges,
    via: 'observed',
    election: null,
    ...(old && subjects.includes(old) ? { kind: 'automatic' as const } : {}),
    evidence: [v.evidence],
  };
  s.promotions.push(p);
  return p;
}

/**
 * "A failover occurred in shard S; node <from> failed over to (redis 7.4: lost N slot(s) to) node <to>
 * with a config epoch of N" (redis 7.4.1 src/cluster_legacy.c, valkey 8.0.1 src/cluster_legacy.c
 * clusterProcessPacket): <from>, which this node last knew as a primary, now gossips as a replica of
 * <to> in its own shard. So <to> replaced <from>, at some moment before this line — the line comes when
 * the observer first hears <from> as a replica, often seconds after the failover (<from> was down).
 * What else the evidence shows of that failover gets <from> as the master it replaced: the winner's
 * own promotion when its master was known only by address, or a vote this log granted to <to>.
 */
function failoverSeen(s: ReplayState, ev: TimelineEvent): void {
  const from = ev.fields.sender;
  const to = ev.fields.subject;
  if (!from || !to || from === to) return;
  const epoch = ev.fields.epoch ?? null;
  const mine = s.promotionsOf(to).filter((p) => p.at <= ev.at + 60_000 && ev.at - p.at < 600_000);
  if (mine.some((p) => p.replaced === from)) return;
  const open = mine.filter((p) => p.replaced === null && p.at <= ev.at && (epoch === null || p.epoch === null || p.epoch === epoch)).at(-1);
  if (open) {
    nameReplaced(s, open, from, ev, s.slots.rangesOf(from));
    return;
  }
  let vote: ReplayState['votes'][number] | null = null;
  for (let i = s.votes.length - 1; i >= 0 && !vote; i--) {
    const v = s.votes[i];
    if (ev.at - v.at >= 600_000) break;
    if (
      v.granted &&
      v.candidate === to &&
      v.at <= ev.at &&
      (epoch === null || v.epoch === null || v.epoch === epoch) &&
      !lostElection(s, v)
    )
      vote = v;
  }
  const had = s.slots.rangesOf(from);
  if (vote) {
    const p = promoteOnVote(s, vote, from);
    p.evidence.push(s.evidence(ev));
    if (had.length > 0) s.assignSlots(vote.at, had, to, p.epoch);
    s.setRole(to, vote.at, 'master', null, false);
    return;
  }
  if (had.length > 0) s.assignSlots(ev.at, had, to, epoch);
  s.promotions.push({
    node: to,
    replaced: from,
    at: ev.at,
    atBounds: [ev.at, ev.at],
    epoch,
    slots: had,
    via: 'observed',
    election: null,
    evidence: [s.evidence(ev)],
  });
}

export const transitions: Record<EventKind, Transition> = {
  // ── server lifecycle
  'server.start': lifecycle('start'),
  'server.version': nothing,
  'server.mode': nothing,
  'server.ready': lifecycle('ready'),
  'server.logo': nothing,
  'server.shutdown-requested': lifecycle('shutdown'),
  'server.exit': lifecycle('exit'),
  'server.crash': lifecycle('crash'),
  'server.section': nothing,
  'server.config-loaded': nothing,
  // ── identity ("Node configuration loaded, I'm …" is only logged at start-up: clusterInit)
  'node.identity': lifecycle('identity'),
  'node.address-updated': (s, ev) => {
    if (ev.fields.subject && ev.fields.address) s.byAddress.set(ev.fields.address, ev.fields.subject);
  },
  // ── failure detection
  'cluster.pfail': failMark('pfail'),
  'cluster.fail-marked': failMark('marked'),
  'cluster.fail-received': failMark('received'),
  'cluster.fail-cleared': (s, ev, node) => {
    const subject = ev.fields.subject;
    // valkey 8.0 src/cluster_legacy.c clearNodeFailureIfNeeded says "primary without slots".
    if (node && subject && /(?:master|primary) without slots/i.test(ev.fields.reason ?? ev.text)) lostSlots(s, ev, node, subject);
    failMark('cleared')(s, ev, node);
  },
  'cluster.state': (s, ev, node) => {
    if (!node || (ev.fields.state !== 'ok' && ev.fields.state !== 'fail')) return;
    s.setState(node, ev.fields.state, ev.at, s.evidence(ev), false);
  },
  // ── elections (redis 7.0 clusterHandleSlaveFailover)
  'election.delayed': (s, ev, node) => {
    if (!node) return;
    // A new schedule means the previous attempt's retry time passed: it expired.
    const prev = s.attemptOf(node, ev.at, s.evidence(ev), false);
    if (prev && (prev.delayedAt !== null || prev.startedAt !== null)) {
      prev.outcome = 'expired';
      s.node(node).attempt = null;
    }
    const a = s.attemptOf(node, ev.at, s.evidence(ev), true) as ElectionAttempt;
    a.delayedAt = ev.at;
    a.delayMs = ev.fields.delayMs ?? null;
    a.rank = ev.fields.rank ?? null;
    a.offset = ev.fields.offset ?? null;
    if (!a.evidence.some((e) => e.source === ev.source && e.line === ev.line)) a.evidence.push(s.evidence(ev));
    if (ev.fields.offset !== undefined)
      s.offsets.push({ node, offset: ev.fields.offset, at: ev.at, what: 'election', evidence: s.evidence(ev) });
  },
  'election.started': (s, ev, node) => {
    if (!node) return;
    let a = s.attemptOf(node, ev.at, s.evidence(ev), true) as ElectionAttempt;
    if (a.startedAt !== null) {
      // A second start without a new schedule: a new attempt all the same.
      a.outcome = 'expired';
      s.node(node).attempt = null;
      a = s.attemptOf(node, ev.at, s.evidence(ev), true) as ElectionAttempt;
    }
    a.startedAt = ev.at;
    a.epoch = ev.fields.epoch ?? null;
    if (!a.evidence.some((e) => e.source === ev.source && e.line === ev.line)) a.evidence.push(s.evidence(ev));
    if (ev.fields.epoch !== undefined) {
      s.node(node).currentEpoch = ev.fields.epoch;
      s.epochs.push({ node, epoch: ev.fields.epoch, kind: 'current', via: 'election', at: ev.at, evidence: s.evidence(ev) });
    }
  },
  'election.won': (s, ev, node) => {
    if (node) electionWon(s, ev, node);
  },
  'election.expired': unable('expired'),
  'election.waiting-votes': unable('waiting-votes'),
  'election.waiting-delay': unable('waiting-delay'),
  'election.data-too-old': unable('data-too-old'),
  'election.no-failover': unable('no-failover'),
  'election.manual-waiting': unable('manual-waiting'),
  'election.unable': unable('other'),
  // ── votes (redis 7.0 clusterSendFailoverAuthIfNeeded)
  'vote.granted': (s, ev, node) => {
    if (!node || !ev.fields.subject) return;
    s.votes.push({
      voter: node,
      candidate: ev.fields.subject,
      granted: true,
      epoch: ev.fields.epoch ?? null,
      at: ev.at,
      evidence: s.evidence(ev),
    });
  },
  'vote.denied': (s, ev, node) => {
    if (!node || !ev.fields.subject) return;
    s.votes.push({
      voter: node,
      candidate: ev.fields.subject,
      granted: false,
      epoch: ev.fields.epoch ?? null,
      reason: ev.fields.reason ?? ev.text,
      at: ev.at,
      evidence: s.evidence(ev),
    });
  },
  // ── epochs
  'epoch.set': epochFact('set'),
  'epoch.collision': epochFact('collision'),
  'epoch.bumped': epochFact('bump'),
  // ── manual failover (redis 7.0 clusterCommand FAILOVER, clusterHandleManualFailover)
  'manual.requested': (s, ev, node) => {
    if (node) startManual(s, ev, node, 'manual');
  },
  'manual.master-paused': (s, ev, node) => {
    if (!node) return;
    const rep = ev.fields.subject ?? null;
    let m = rep ? openManual(s, rep) : null;
    if (!m) {
      m = {
        kind: 'manual',
        replica: rep,
        master: node,
        requestedAt: null,
        pausedAt: null,
        readyAt: null,
        masterOffset: null,
        timedOutAt: null,
        abortedAt: null,
        evidence: [],
      };
      s.manuals.push(m);
      if (rep) s.node(rep).manual = s.manuals.length - 1;
    }
    m.master = node;
    m.pausedAt = ev.at;
    m.evidence.push(s.evidence(ev));
  },
  'manual.ready': (s, ev, node) => {
    const m = node ? openManual(s, node) : null;
    if (!m) return;
    m.readyAt = ev.at;
    m.evidence.push(s.evidence(ev));
  },
  'manual.offset': (s, ev, node) => {
    const m = node ? openManual(s, node) : null;
    if (!m || ev.fields.offset === undefined) return;
    m.masterOffset = ev.fields.offset;
    m.evidence.push(s.evidence(ev));
    if (m.master) s.offsets.push({ node: m.master, offset: ev.fields.offset, at: ev.at, what: 'manual-master', evidence: s.evidence(ev) });
  },
  'manual.timeout': (s, ev, node) => {
    if (!node) return;
    // Logged by the replica, and by the master that paused its clients.
    let m = openManual(s, node);
    if (!m)
      for (let i = s.manuals.length - 1; i >= 0; i--)
        if (s.manuals[i].master === node && s.manuals[i].timedOutAt === null) {
          m = s.manuals[i];
          break;
        }
    if (!m) return;
    m.timedOutAt = ev.at;
    m.evidence.push(s.evidence(ev));
    const a = m.replica ? s.attemptOf(m.replica, ev.at, s.evidence(ev), false) : null;
    if (a && a.wonAt === null && m.replica === node) {
      a.outcome = 'expired';
      a.expiredAt ??= ev.at;
      s.node(node).attempt = null;
    }
  },
  'manual.aborted': (s, ev, node) => {
    const m = node ? openManual(s, node) : null;
    if (!m) return;
    m.abortedAt = ev.at;
    m.evidence.push(s.evidence(ev));
  },
  'manual.takeover': (s, ev, node) => {
    if (!node) return;
    startManual(s, ev, node, 'takeover');
    const a = s.attemptOf(node, ev.at, s.evidence(ev), true) as ElectionAttempt;
    a.kind = 'takeover';
    a.wonAt = ev.at;
    a.outcome = 'won';
    promote(s, node, ev, 'takeover', a);
    s.node(node).manual = null;
  },
  'manual.force': (s, ev, node) => {
    if (node) startManual(s, ev, node, 'force');
  },
  // ── roles
  'role.replica-of': (s, ev, node) => {
    const master = ev.fields.subject ?? null;
    if (!node) return;
    const had = s.slots.rangesOf(node);
    const n = s.node(node);
    // Logged only by a master turning replica (or a replica changing master): unless we know it was
    // a replica already, it is a demotion.
    if (n.role !== 'replica' || had.length > 0)
      s.demotions.push({ node, newMaster: master, at: ev.at, hadSlots: had.length > 0, fromSnapshot: false, evidence: s.evidence(ev) });
    // The promotion of `master` this line completes, when it did not know whom it replaced.
    const unnamed =
      master && (n.role === 'master' || had.length > 0 || (n.role === 'unknown' && ev.role === 'M'))
        ? unnamedPromotion(s, master, node, ev.at)
        : null;
    if (unnamed) {
      nameReplaced(s, unnamed, node, ev, had);
      s.setRole(unnamed.node, ev.at, 'master', null, false);
    } else if (had.length > 0 && master) {
      // It lost its slots to `master` (redis 7.0 clusterUpdateSlotsConfigWith); nothing we read had
      // shown that claim yet, so this line is the first evidence of it.
      s.assignSlots(ev.at, had, master, null);
      if (!s.promotionsOf(master).some((p) => p.replaced === node))
        s.promotions.push({
          node: master,
          replaced: node,
          at: ev.at,
          atBounds: [ev.at, ev.at],
          epoch: null,
          slots: had,
          via: 'demotion',
          election: null,
          evidence: [s.evidence(ev)],
        });
      s.setRole(master, ev.at, 'master', null, false);
    } else if (
      master &&
      (n.role === 'master' || (n.role === 'unknown' && ev.role === 'M')) &&
      !s.promotionsOf(master).some((p) => p.replaced === node && ev.at - p.at < 600_000)
    ) {
      // A master whose slots we never saw (no snapshot, no line naming them) hands them to `master`:
      // redis 7.0 clusterUpdateSlotsConfigWith logs this when its last slot went to a node with a
      // greater config epoch. The "M" of the prefix says it was a master when it logged the line.
      // It learns of the promotion only now; the promotion happened while it was gone (since its
      // previous process's last line) or, without a restart, at most this long before.
      const runs = s.runs.get(node) ?? [];
      let lower = s.spanStart ?? ev.at;
      for (let i = runs.length - 1; i >= 0; i--)
        if (runs[i].pid !== null && ev.pid !== undefined && runs[i].pid !== ev.pid) {
          lower = runs[i].end;
          break;
        }
      // It paused its clients for that replica's manual failover just before ("Manual failover
      // requested by replica <id>", redis 7.0 clusterProcessPacket MFSTART): a manual failover.
      const manual = s.manuals.find(
        (m) => m.master === node && m.replica === master && m.pausedAt !== null && ev.at - m.pausedAt <= 60_000 && ev.at >= m.pausedAt,
      );
      s.promotions.push({
        node: master,
        replaced: node,
        at: ev.at,
        atBounds: manual ? [manual.pausedAt!, ev.at] : [Math.min(lower, ev.at), ev.at],
        epoch: null,
        slots: [],
        via: 'demotion',
        election: null,
        ...(manual ? { kind: 'manual' as const } : {}),
        evidence: [s.evidence(ev)],
      });
      s.setRole(master, ev.at, 'master', null, false);
    }
    s.setRole(node, ev.at, 'replica', master, true);
  },
  'role.master': (s, ev, node) => {
    if (!node) return;
    // valkey unstable clusterFailoverReplaceYourPrimary: "Setting myself to primary in shard S after
    // failover; my old primary is <id>" (old_primary = myself->replicaof): the master its promotion
    // replaced, when its master was known only by address.
    const old = ev.fields.subject;
    const p = old && old !== node ? s.promotionsOf(node).at(-1) : undefined;
    if (p && old && p.replaced === null && p.at <= ev.at && ev.at - p.at <= 5_000) nameReplaced(s, p, old, ev, s.slots.rangesOf(old));
    s.setRole(node, ev.at, 'master', null, true);
  },
  'role.lost-slots': nothing,
  // ── replication, replica side (redis 7.0 src/replication.c)
  'repl.link-lost': replica('link-lost'),
  'repl.connecting': replica('connecting'),
  'repl.sync-started': replica('sync-started'),
  'repl.sync-error': replica('sync-error'),
  'repl.partial': replica('partial'),
  'repl.full': replica('full'),
  'repl.sync-finished': replica('sync-ok'),
  'repl.secondary-id': replica('secondary-id'),
  'repl.psync-refused': (s, ev, node) => {
    if (node && ev.fields.offset !== undefined && ev.fields.upTo !== undefined)
      s.offsets.push({ node, offset: ev.fields.offset, upTo: ev.fields.upTo, at: ev.at, what: 'psync-refused', evidence: s.evidence(ev) });
  },
  'repl.cache-master': nothing,
  // ── replication, master side
  'master.replica-sync-request': masterSide('replica-sync-request'),
  'master.replica-lost': masterSide('replica-lost'),
  'master.replica-synced': masterSide('replica-synced'),
  'master.partial-accepted': masterSide('partial-accepted'),
  'slot.migration': nothing,
  // ── snapshots: replayed from ClusterTimeline.snapshots (see snapshots.ts), not from their events
  'snapshot.cluster-nodes': nothing,
  'snapshot.cluster-info': nothing,
  'snapshot.replication': nothing,
  'snapshot.cluster-shards': nothing,
  'snapshot.config': nothing,
  // ── redis-cli transcripts
  'client.command': (s, ev, writer) => {
    const command = ev.fields.command ?? ev.text;
    s.clientCommands.push({
      node: writer ?? s.nodeAt(ev.address ?? ev.fields.address),
      command,
      at: ev.at,
      timeInferred: ev.timeInferred === true,
      evidence: s.evidence(ev),
    });
  },
  'client.error': (s, ev, writer) => {
    const node = writer ?? s.nodeAt(ev.address ?? ev.fields.address);
    const text = ev.fields.command ?? ev.text;
    s.clientErrors.push({
      node,
      text,
      clusterDown: /CLUSTERDOWN/i.test(text),
      at: ev.at,
      timeInferred: ev.timeInferred === true,
      evidence: s.evidence(ev),
    });
  },
  'client.redirect': nothing,
  'client.reply': nothing,
  'log.other': nothing,
  // Failure reports gossiped by others (verbose level): the FAIL marks are what the analysis uses.
  'cluster.pfail-reported': nothing,
  'cluster.online-reported': nothing,
  // Read before the replay (attribute.ts inferBusAddresses).
  'cluster.bus-connect-failed': nothing,
  // redis 7.4 / valkey 8: "A failover occurred in shard …; node <a> failed over to node <b> with a config epoch of N"
  'cluster.failover-seen': failoverSeen,
  'election.rank-updated': (s, ev, node) => {
    const a = node ? s.attemptOf(node, ev.at, s.evidence(ev), false) : null;
    if (!a) return;
    if (ev.fields.rank !== undefined) a.rank = ev.fields.rank;
    if (ev.fields.delayMs !== undefined && a.delayMs !== null) a.delayMs += ev.fields.delayMs;
    a.evidence.push(s.evidence(ev));
  },
  'repl.timeout': replica('timeout'),
};
