import type { Evidence } from '../model/analysis.ts';
import type { EpochMs, NodeId } from '../model/ids.ts';
import type { ClusterTimeline } from '../model/timeline.ts';
import { intersectRanges, normalizeRanges, subtractRanges, type SlotRange } from '../model/slots.ts';
import type { ReplayOptions } from './machine.ts';
import type { OwnershipChange, ReplayState } from './state.ts';
import type { DownEpisode, FaultFrom, LaneRole, LifeRun, OwnershipSpan, RoleSpan, StateSpan, Trace, TraceNode } from './trace.ts';
import { firstAfter, groupBy, IntervalSet, isSortedBy, lowerBound, upperBound } from '../util/sorted.ts';
import { sortedView, sortNumbers } from './order.ts';

/** See section 3 of the episode derivation: a ping this long unanswered is a node not answering. */
const UNANSWERED_PING_MS = 250;

const byTime = <T extends { at: EpochMs }>(a: T, b: T) => a.at - b.at;
const atOf = (x: { at: EpochMs }) => x.at;

/** Turn the replay state into the trace: close open facts, backfill what later evidence implies, build lanes. */
export function deriveTrace(s: ReplayState, cluster: ClusterTimeline, opts: ReplayOptions): Trace {
  for (const a of s.elections) if (a.outcome === 'open' && a.expiredAt !== null) a.outcome = 'expired';
  // "Connection with master lost." names no master; the reconnect line right after does.
  const connecting = groupBy(
    s.replication.filter((x) => x.kind === 'connecting' && x.peer !== null),
    (x) => x.node,
  );
  const connectingSorted = new Map([...connecting].map(([k, l]) => [k, isSortedBy(l, atOf)]));
  for (const r of s.replication)
    if (r.kind === 'link-lost' && r.peer === null) {
      const list = connecting.get(r.node) ?? [];
      const next = firstAfter(list, connectingSorted.get(r.node) ?? false, r.at, atOf, true, undefined, r.at + 5000);
      if (next) r.peer = next.peer;
    }
  backfillPromotions(s);
  backfillFirstOwners(s);
  const span = { start: s.spanStart, end: s.spanEnd };
  const infoById = new Map<NodeId, (typeof cluster.nodes)[number]>();
  for (const c of cluster.nodes) if (!infoById.has(c.id)) infoById.set(c.id, c);
  const addressesById = groupBy(s.byAddress, ([, id]) => id);
  const nodes: TraceNode[] = [...s.nodes.values()]
    .map((n) => {
      const info = infoById.get(n.id);
      const addresses = new Set(info?.addresses ?? []);
      for (const [a] of addressesById.get(n.id) ?? []) addresses.add(a);
      return { id: n.id, addresses: [...addresses].sort(), sources: [...(info?.sources ?? [])].sort(), hasLog: n.hasLog };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lifeRuns: LifeRun[] = [];
  for (const id of [...s.runs.keys()].sort()) for (const r of s.runs.get(id) ?? []) lifeRuns.push(r);

  const life = new LifeIndex(s.runs);
  LifeIndex.remember(lifeRuns, life);
  const episodes = deriveEpisodes(s, nodes, opts, life);
  const trace: Trace = {
    cluster: cluster.id,
    span,
    nodes,
    lifecycle: sortedView(s.lifecycle, byTime),
    replication: sortedView(s.replication, byTime),
    failMarks: sortedView(s.failMarks, byTime),
    stateChanges: sortedView(s.stateChanges, byTime),
    elections: s.elections,
    votes: sortedView(s.votes, byTime),
    manuals: s.manuals,
    promotions: sortedView(s.promotions, byTime),
    demotions: sortedView(s.demotions, byTime),
    epochs: sortedView(s.epochs, byTime),
    configs: sortedView(s.configs, byTime),
    pings: s.pings,
    offsets: sortedView(s.offsets, byTime),
    clientErrors: s.clientErrors,
    clientCommands: s.clientCommands,
    lifeRuns,
    views: s.views,
    roles: [],
    ownership: deriveOwnership(s, span.start),
    states: deriveStates(s, episodes),
    flags: s.flagSpans.map((f) => ({ ...f })),
    episodes,
    notes: s.notes,
    failedStarts: s.failedStarts,
  };
  trace.roles = deriveRoles(s, trace, life);
  return trace;
}

/**
 * A promotion read from a log line whose replaced master's slots were not known at the time gets
 * them from later evidence: the slots of the promotion that replaced this winner in turn, or the
 * winner's slots first seen in a snapshot. The replaced master owned them before (inferred).
 */
function backfillPromotions(s: ReplayState): void {
  const proms = sortedView(s.promotions, (a, b) => a.at - b.at);
  const filled = new Set<(typeof proms)[number]>();
  // Read (not inferred) ownership changes per owner, in (time, seq) order.
  const readChanges = s.ownershipChanges.filter((c) => !c.inferred).sort((a, b) => a.at - b.at || a.seq - b.seq);
  const readByOwner = groupBy(readChanges, (c) => c.owner);
  // Per replaced master: indices of later promotions that know their slots, latest index first.
  const knownByReplaced = new Map<NodeId, number[]>();
  const known = (i: number) => {
    const q = proms[i];
    if (q.replaced === null || q.slots.length === 0) return;
    const l = knownByReplaced.get(q.replaced);
    if (l) l.push(i);
    else knownByReplaced.set(q.replaced, [i]);
  };
  for (let i = proms.length - 1; i >= 0; i--) {
    const p = proms[i];
    if (p.slots.length > 0) {
      known(i);
      continue;
    }
    // The earliest later promotion that replaced this winner and knows its slots.
    const cands = knownByReplaced.get(p.node) ?? [];
    let next: (typeof proms)[number] | undefined;
    for (let k = cands.length - 1; k >= 0 && !next; k--) if (proms[cands[k]].at > p.at) next = proms[cands[k]];
    if (next) {
      p.slots = next.slots.map((r) => ({ ...r }));
      filled.add(p);
      known(i);
      continue;
    }
    const mine = readByOwner.get(p.node) ?? [];
    const later = mine[lowerBound(mine, p.at, atOf)];
    if (!later) continue;
    p.slots = normalizeRanges(later.ranges);
    if (p.epoch === null) p.epoch = later.epoch;
    filled.add(p);
    known(i);
  }
  const start = s.spanStart;
  // Slots of promotions strictly earlier, and of read changes at or before, as running unions.
  let promsBefore: SlotRange[] = [];
  let nProms = 0;
  let readBefore: SlotRange[] = [];
  let nRead = 0;
  for (const p of proms) {
    if (!filled.has(p)) continue;
    s.ownershipChanges.push({ at: p.at, ranges: p.slots, owner: p.node, epoch: p.epoch, inferred: true, first: false, seq: -1 });
    // Before the earliest promotion of these slots, and where nothing read says otherwise, the
    // replaced master owned them.
    if (!p.replaced || start === null) continue;
    for (; nProms < proms.length && proms[nProms].at < p.at; nProms++)
      promsBefore = normalizeRanges([...promsBefore, ...proms[nProms].slots]);
    for (; nRead < readChanges.length && readChanges[nRead].at <= p.at; nRead++)
      readBefore = normalizeRanges([...readBefore, ...readChanges[nRead].ranges]);
    const ranges = nProms + nRead > 0 ? subtractRanges(p.slots, [...promsBefore, ...readBefore]) : p.slots;
    if (ranges.length === 0) continue;
    s.ownershipChanges.push({ at: Math.min(start, p.at), ranges, owner: p.replaced, epoch: null, inferred: true, first: true, seq: -2 });
    s.notes.push({
      kind: 'ownership-inferred',
      node: p.node,
      message: `slots ${ranges.map((r) => (r.start === r.end ? r.start : `${r.start}-${r.end}`)).join(',')}: ${p.node} took them over at its promotion from ${p.replaced}, who owned them before (first seen owned at a later time)`,
      evidence: p.evidence.slice(0, 1),
    });
  }
}

/**
 * Slots first seen owned in a snapshot, with nothing earlier saying otherwise, were owned so since the
 * start of the evidence: ownership changes only by failover or migration, and those leave lines.
 */
function backfillFirstOwners(s: ReplayState): void {
  const start = s.spanStart;
  if (start === null) return;
  const ordered = [...s.ownershipChanges].sort((a, b) => a.at - b.at || a.seq - b.seq);
  let covered: SlotRange[] = [];
  for (const c of ordered) {
    const ranges = subtractRanges(c.ranges, covered);
    covered = normalizeRanges([...covered, ...c.ranges]);
    if (!c.first || c.inferred || c.at <= start || ranges.length === 0) continue;
    // A promotion of this owner before it was first seen: backfillPromotions handled what it could.
    if (c.owner && s.promotions.some((p) => p.node === c.owner && p.at <= c.at)) continue;
    // A node created fresh ("No cluster configuration found") got its slots after that, when unknown.
    if (c.owner && s.lifecycle.some((l) => l.node === c.owner && l.kind === 'identity' && l.fresh && l.at <= c.at)) continue;
    s.ownershipChanges.push({ at: start, ranges, owner: c.owner, epoch: c.epoch, inferred: true, first: true, seq: -2 });
  }
}

function deriveOwnership(s: ReplayState, spanStart: EpochMs | null): OwnershipSpan[] {
  const changes: OwnershipChange[] = [...s.ownershipChanges].sort((a, b) => a.at - b.at || a.seq - b.seq);
  type Open = { slots: SlotRange[]; owner: NodeId | null; epoch: number | null; start: EpochMs; inferred: boolean };
  const open: Open[] = [];
  const closed: OwnershipSpan[] = [];
  for (const c of changes) {
    const cut = normalizeRanges(c.ranges);
    // Sub-ranges already held by the same owner and epoch do not change.
    let fresh = cut;
    for (const o of open)
      if (o.owner === c.owner && o.epoch === c.epoch) fresh = subtractRanges(fresh, o.slots);
      else if (o.owner === c.owner && c.epoch === null && c.inferred === false) fresh = subtractRanges(fresh, o.slots);
    if (fresh.length === 0) continue;
    for (let i = 0; i < open.length; i++) {
      const o = open[i];
      const hit = intersectRanges(o.slots, fresh);
      if (hit.length === 0) continue;
      if (o.start < c.at) closed.push({ slots: hit, owner: o.owner, epoch: o.epoch, start: o.start, end: c.at, inferred: o.inferred });
      o.slots = subtractRanges(o.slots, fresh);
    }
    for (let i = open.length - 1; i >= 0; i--) if (open[i].slots.length === 0) open.splice(i, 1);
    const at = c.at;
    const same = open.find((o) => o.owner === c.owner && o.epoch === c.epoch && o.start === at && o.inferred === c.inferred);
    if (same) same.slots = normalizeRanges([...same.slots, ...fresh]);
    else open.push({ slots: fresh, owner: c.owner, epoch: c.epoch, start: at, inferred: c.inferred });
  }
  const all: OwnershipSpan[] = [...closed, ...open.map((o) => ({ ...o, end: null }))];
  void spanStart;
  return all.sort((a, b) => a.start - b.start || a.slots[0].start - b.slots[0].start);
}

function deriveStates(s: ReplayState, episodes: readonly DownEpisode[]): StateSpan[] {
  const out: StateSpan[] = [];
  const byNode = new Map<NodeId, typeof s.stateChanges>();
  for (const c of sortedView(s.stateChanges, byTime)) {
    let list = byNode.get(c.node);
    if (!list) byNode.set(c.node, (list = []));
    list.push(c);
  }
  // A node restarted with cluster mode begins in state fail (redis 7.0 clusterInit: CLUSTER_FAIL). A
  // brand-new node ("No cluster configuration found") is a cluster being formed, not an outage.
  const freshAt = new Map(
    [...groupBy(s.lifecycle, (x) => (x.kind === 'identity' && x.fresh === true ? x.node : null))].map(([k, l]) => [
      k,
      sortNumbers(l.map(atOf)),
    ]),
  );
  const fresh = (f: (typeof s.lifecycle)[number]) => {
    const ats = freshAt.get(f.node) ?? [];
    const i = upperBound(ats, f.at - 5000, (x) => x);
    return i < ats.length && ats[i] < f.at + 5000;
  };
  // Only when the node's own log says what it believed later (else its belief is unknown, not fail).
  const starts = groupBy(s.lifecycle, (x) => (x.kind === 'start' || x.kind === 'identity' ? x.node : null));
  const startsSorted = new Map([...starts].map(([k, l]) => [k, isSortedBy(l, atOf)]));
  const loggedAt = new Map(
    [...groupBy(s.stateChanges, (c) => (c.fromSnapshot ? null : c.node))].map(([k, l]) => [k, sortNumbers(l.map(atOf))]),
  );
  const laterLine = (f: (typeof s.lifecycle)[number]) => {
    const next = firstAfter(starts.get(f.node) ?? [], startsSorted.get(f.node) ?? false, f.at + 5000, atOf, false);
    const ats = loggedAt.get(f.node) ?? [];
    const i = lowerBound(ats, f.at, (x) => x);
    return i < ats.length && (!next || ats[i] < next.at);
  };
  // Without its identity line a start is fresh or a restart with a saved config: the node's first
  // start in the evidence, with nothing of it earlier, is taken as the cluster being formed (no
  // outage); a later start is a restart.
  const identities = new Map(
    [...groupBy(s.lifecycle, (x) => (x.kind === 'identity' ? x.node : null))].map(([k, l]) => [k, sortNumbers(l.map(atOf))]),
  );
  const unknownFirst = (f: (typeof s.lifecycle)[number]) => {
    const ids = identities.get(f.node) ?? [];
    const i = upperBound(ids, f.at - 5000, (x) => x);
    if (i < ids.length && ids[i] < f.at + 5000) return false;
    const runs = s.runs.get(f.node) ?? [];
    return runs.length === 0 || runs[0].start >= f.at - 1000;
  };
  const added = new Set<NodeId>();
  // Per node, the (time, source) of its logged changes: sources by time (a Map compares times as the
  // time's text did, -0 and 0 alike), without a string made per change.
  const loggedKeys = new Map<NodeId, Map<EpochMs, Set<string>>>();
  const addKey = (keys: Map<EpochMs, Set<string>>, at: EpochMs, source: string): boolean => {
    let sources = keys.get(at);
    if (!sources) keys.set(at, (sources = new Set()));
    if (sources.has(source)) return false;
    sources.add(source);
    return true;
  };
  for (const f of s.lifecycle)
    if ((f.kind === 'start' || f.kind === 'identity') && !fresh(f) && !unknownFirst(f) && laterLine(f)) {
      const list = byNode.get(f.node) ?? [];
      let keys = loggedKeys.get(f.node);
      if (!keys) {
        keys = new Map();
        for (const c of list) if (!c.fromSnapshot) addKey(keys, c.at, c.evidence.source);
        loggedKeys.set(f.node, keys);
      }
      if (addKey(keys, f.at, f.evidence.source))
        list.push({ node: f.node, state: 'fail', at: f.at, fromSnapshot: false, evidence: f.evidence });
      byNode.set(f.node, list);
      added.add(f.node);
    }
  for (const node of added) (byNode.get(node) as typeof s.stateChanges).sort(byTime);
  // Without the node's log an unreachable spell may have been a death and a restart (which begins in
  // state fail, redis 7.0 clusterInit): what it believed before says nothing about afterwards, until it
  // says so itself in its next CLUSTER INFO.
  const logless = (id: NodeId) => !(s.nodes.get(id)?.hasLog ?? false);
  const downsByNode = groupBy(episodes, (e) => (e.kind !== 'paused' && (e.kind !== 'unreachable' || logless(e.node)) ? e.node : null));
  for (const [node, all] of [...byNode].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    // Log lines say exactly when the belief changed; a snapshot near such a line adds nothing.
    const logged = all.filter((c) => !c.fromSnapshot);
    const loggedTimes = sortNumbers(logged.map(atOf));
    const nearLogged = (t: EpochMs) => {
      const i = lowerBound(loggedTimes, t - 1000, (x) => x);
      return i < loggedTimes.length && loggedTimes[i] <= t + 1000;
    };
    const list = all.filter((c) => !c.fromSnapshot || !nearLogged(c.at));
    // A dead process believes nothing; a paused or cut-off one keeps its belief.
    const downs = downsByNode.get(node) ?? [];
    let cur: StateSpan | null = null;
    let lastSeen = 0;
    const close = (at: EpochMs, ev: Evidence | null, bounded: boolean) => {
      if (!cur) return;
      cur.end = at;
      cur.endEvidence = ev;
      if (bounded) cur.endBounds = [Math.min(lastSeen, at), at];
      out.push(cur);
      cur = null;
    };
    for (const c of list) {
      // A belief ends when the node goes down.
      const next = cur ? downs[lowerBound(downs, (cur as StateSpan).start, (d) => d.start)] : undefined;
      const down: DownEpisode | undefined = next && next.start < c.at ? next : undefined;
      if (down && cur) close(down.start, down.evidence[0] ?? null, false);
      if (cur && (cur as StateSpan).state === c.state) {
        lastSeen = c.at;
        continue;
      }
      // A change read from a snapshot happened since the last evidence of the state before.
      const seenBefore = cur ? lastSeen : null;
      close(c.at, c.evidence, c.fromSnapshot);
      cur = { node, state: c.state, start: c.at, end: null, startEvidence: c.evidence, endEvidence: null };
      if (c.fromSnapshot && seenBefore !== null && seenBefore < c.at) cur.startBounds = [seenBefore, c.at];
      lastSeen = c.at;
    }
    if (cur) {
      const c = cur as StateSpan;
      const down = downs[lowerBound(downs, c.start, (d) => d.start)];
      if (down) close(down.start, down.evidence[0] ?? null, false);
      else out.push(c);
    }
  }
  return out.sort((a, b) => a.start - b.start || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}

/** Runs in start order (a plain loop: a million runs on a large cluster). */
function startSorted(l: readonly LifeRun[]): boolean {
  for (let i = 1; i < l.length; i++) if (l[i - 1].start > l[i].start) return false;
  return true;
}

/** Signs of life, searched by time. */
export class LifeIndex {
  private readonly runs: Map<NodeId, LifeRun[]>;
  /** Per node, the running maximum of run ends (runs sorted by start), for binary search. */
  private readonly maxEnd: Map<NodeId, Float64Array>;
  private static readonly built = new WeakMap<readonly LifeRun[], LifeIndex>();
  /** The index of a trace's runs, built once (the replay registers the one it built). */
  static of(runs: readonly LifeRun[]): LifeIndex {
    let ix = LifeIndex.built.get(runs);
    if (!ix) {
      ix = new LifeIndex(runs);
      LifeIndex.built.set(runs, ix);
    }
    return ix;
  }
  static remember(runs: readonly LifeRun[], ix: LifeIndex): void {
    LifeIndex.built.set(runs, ix);
  }
  constructor(runs: ReadonlyMap<NodeId, LifeRun[]> | readonly LifeRun[]) {
    this.runs = new Map();
    const byStart = (a: LifeRun, b: LifeRun) => a.start - b.start;
    if (Array.isArray(runs)) {
      for (const r of runs as LifeRun[]) {
        const l = this.runs.get(r.node);
        if (l) l.push(r);
        else this.runs.set(r.node, [r]);
      }
      for (const l of this.runs.values()) if (!startSorted(l)) l.sort(byStart);
    }
    // The replay keeps each node's runs in start order: shared, not copied, unless they are not.
    else
      for (const [node, l] of runs as ReadonlyMap<NodeId, LifeRun[]>)
        if (l.length > 0) this.runs.set(node, startSorted(l) ? l : [...l].sort(byStart));
    this.maxEnd = new Map();
  }
  /** Built on a node's first firstAfter query: most nodes of a large cluster are never asked about. */
  private maxEndOf(node: NodeId, l: readonly LifeRun[]): Float64Array {
    let m = this.maxEnd.get(node);
    if (!m) {
      m = new Float64Array(l.length);
      let max = -Infinity;
      for (let i = 0; i < l.length; i++) m[i] = max = l[i].end > max ? l[i].end : max;
      this.maxEnd.set(node, m);
    }
    return m;
  }
  /** The last sign of `node` at or before `t` (inside a run: no later than `t`). */
  lastBefore(node: NodeId, t: EpochMs): { at: EpochMs; evidence: Evidence } | null {
    const l = this.runs.get(node);
    if (!l) return null;
    // The last run that started at or before t.
    const i = upperBound(l, t, (r) => r.start) - 1;
    if (i < 0) return null;
    const r = l[i];
    if (r.end <= t) return { at: r.end, evidence: r.last };
    return { at: r.start, evidence: r.first };
  }
  /** The first sign of `node` strictly after `t`. */
  firstAfter(node: NodeId, t: EpochMs): { at: EpochMs; evidence: Evidence; pid: number | null } | null {
    const l = this.runs.get(node);
    if (!l) return null;
    // The first run (in start order) that ends after t: where the running maximum of ends passes t.
    const i = upperBound(this.maxEndOf(node, l), t, (x) => x);
    if (i >= l.length) return null;
    const r = l[i];
    if (r.start > t) return { at: r.start, evidence: r.first, pid: r.pid };
    return { at: r.end, evidence: r.last, pid: r.pid };
  }
}

/** cluster-node-timeout from the evidence, for bounding fault moments (the verdict reports where it came from). */
function nodeTimeoutOf(s: ReplayState, opts: ReplayOptions): number | null {
  if (opts.nodeTimeoutMs !== undefined && opts.nodeTimeoutMs > 0) return opts.nodeTimeoutMs;
  const c = s.configs.find((x) => x.from === 'crash-report') ?? s.configs[0];
  return c ? c.nodeTimeoutMs : null;
}

/**
 * The `fail?` flags read from snapshots (seen-pfail marks) whose entry's last pong was older than the
 * node timeout at the view: the observer had waited that long for an answer (redis 7.0 clusterCron sets
 * PFAIL only then). Without a known node timeout, any `fail?` with a pong before the view.
 */
function stalePfailMarks(s: ReplayState, nt: number | null): Set<(typeof s.failMarks)[number]> {
  const out = new Set<(typeof s.failMarks)[number]>();
  const pfail = s.failMarks.filter((m) => m.kind === 'seen-pfail' && m.fromSnapshot && m.observer !== m.subject);
  if (pfail.length === 0) return out;
  const key = (observer: NodeId, subject: NodeId, at: EpochMs) => `${observer}\u0000${subject}\u0000${at}`;
  const pongs = new Map<string, number | null>();
  for (const p of s.pings) pongs.set(key(p.observer, p.subject, p.at), p.pongRecv);
  for (const m of pfail) {
    const k = key(m.observer, m.subject, m.at);
    if (!pongs.has(k)) continue;
    const pong = pongs.get(k) ?? null;
    if (pong === null || m.at - pong > (nt ?? 0)) out.add(m);
  }
  return out;
}

/**
 * Windows in which a node was down or unreachable, with the fault moment bounded by the evidence:
 * its own crash / shutdown / exit lines are exact; otherwise the last sign of life is the lower bound
 * and the first thing others noticed (a replica losing its link, a ping left unanswered, a FAIL mark
 * minus the node timeout) the upper bound.
 */
function deriveEpisodes(s: ReplayState, nodes: readonly TraceNode[], opts: ReplayOptions, life: LifeIndex): DownEpisode[] {
  const nt = nodeTimeoutOf(s, opts);
  const out: DownEpisode[] = [];
  // Every fact grouped once by the node it is about (input order kept).
  const lifecycleOf = groupBy(s.lifecycle, (f) => f.node);
  const lostOf = groupBy(
    s.replication.filter(
      (r) => r.kind === 'link-lost' || r.kind === 'replica-lost' || (r.kind === 'sync-error' && /refused/i.test(r.reason ?? '')),
    ),
    (r) => r.peer,
  );
  // A `fail?` flag seen in a snapshot whose last pong is older than the node timeout is a node down too:
  // without a majority of masters nobody can turn it into FAIL (redis 7.0 markNodeAsFailingIfNeeded),
  // and a capture begun after the fault shows nothing else.
  const stalePfail = stalePfailMarks(s, nodeTimeoutOf(s, opts));
  const marksOf = groupBy(
    s.failMarks.filter((m) => m.kind === 'marked' || m.kind === 'received' || m.kind === 'seen-fail' || stalePfail.has(m)),
    (m) => m.subject,
  );
  const clearsOf = groupBy(
    s.failMarks.filter((c) => c.kind === 'cleared' || c.kind === 'seen-clear'),
    (c) => c.subject,
  );
  const pingsOf = groupBy(
    s.pings.filter((p) => p.pingSent !== null && (p.pongRecv === null || (p.pingSent as number) > p.pongRecv)),
    (p) => p.subject,
  );
  const commandsOf = groupBy(s.clientCommands, (c) => c.node);
  const pids = new PidIndex(s);
  for (const { id } of nodes) {
    const own = sortedView(lifecycleOf.get(id) ?? [], byTime);
    const noticed = [
      ...(lostOf.get(id) ?? []).map((r) => ({
        at: r.at,
        from: (r.kind === 'sync-error'
          ? 'replica-link-refused'
          : r.kind === 'replica-lost'
            ? 'master-lost-replica'
            : 'link-lost') as FaultFrom,
        evidence: r.evidence,
        refused: r.kind === 'sync-error',
      })),
    ].sort(byTime);
    const marks = (marksOf.get(id) ?? []).filter((m) => m.observer !== id).sort(byTime);
    const sentOf = (p: (typeof s.pings)[number]) => p.pingSent as number;
    const pings = sortedView(pingsOf.get(id) ?? [], (a, b) => sentOf(a) - sentOf(b));
    const clears = clearsOf.get(id) ?? [];
    const clearsSorted = isSortedBy(clears, atOf);
    const mine: DownEpisode[] = [];
    // Episodes cover [startBounds[0], end]; `within` asks whether any covers t.
    const covered = new IntervalSet();
    const within = (t: EpochMs) => covered.contains(t);
    const add = (e: DownEpisode, keepSorted: boolean) => {
      if (keepSorted)
        mine.splice(
          upperBound(mine, e.start, (x) => x.start),
          0,
          e,
        );
      else mine.push(e);
      covered.add(e.startBounds[0], e.end);
    };

    /** Bounds from what others noticed between `lo` and `limit`. */
    const bound = (lo: EpochMs, limit: EpochMs) => {
      let hi = limit;
      let from: FaultFrom = 'last-sign-of-life';
      const ev: Evidence[] = [];
      const firstMark = firstAfter(marks, true, lo, atOf, false, (m) => !m.fromSnapshot, limit);
      if (firstMark) {
        const h = nt !== null ? firstMark.at - nt : firstMark.at;
        if (h >= lo && h < hi) hi = h;
        ev.push(firstMark.evidence);
      }
      const ping = firstAfter(pings, true, lo, sentOf, true, undefined, limit);
      if (ping && (ping.pingSent as number) < hi) {
        hi = ping.pingSent as number;
        ev.push(ping.evidence);
      }
      const link = firstAfter(noticed, true, lo, atOf, true, undefined, Math.min(limit, firstMark ? firstMark.at : Infinity));
      let est = lo;
      if (link) {
        if (link.at < hi) hi = link.at;
        est = link.at;
        from = link.from;
        ev.unshift(link.evidence);
      }
      if (est > hi) est = hi;
      if (hi < lo) hi = lo;
      return { est, hi, from, ev, refused: firstAfter(noticed, true, lo, atOf, true, (n) => n.refused, limit) !== undefined };
    };

    // 1. The node's own death lines, and restarts (a restart implies a death before it).
    // One start-up logs several lines (starting, version, "Node configuration loaded, I'm …"): one restart.
    const starts = own.filter((f) => f.kind === 'start' || f.kind === 'identity');
    const restarts = starts.filter((f, i, all) => {
      // An earlier line of the same start-up: less than 5 s before (sorted, so scan back until then).
      for (let j = i - 1; j >= 0 && f.at - all[j].at < 5000; j--) {
        const o = all[j];
        if (o.pid === null || f.pid === null || o.pid === f.pid) return false;
      }
      return true;
    });
    const deaths = own.filter((f) => f.kind === 'crash' || f.kind === 'shutdown' || f.kind === 'exit');
    // "Received SIGTERM scheduling shutdown..." comes from the signal handler, stamped in whole seconds;
    // the server acts (and stops taking writes) at the following "User requested shutdown...".
    const refine = (i: number): { at: EpochMs; bounds: [EpochMs, EpochMs]; evidence: Evidence[] } => {
      const d = deaths[i];
      if (d.kind !== 'shutdown') return { at: d.at, bounds: [d.at, d.at], evidence: [d.evidence] };
      const next = firstAfter(deaths, true, d.at, atOf, false, (x) => x.kind === 'shutdown' && x.at - d.at < 1000, d.at + 1000);
      return next
        ? { at: next.at, bounds: [d.at, next.at], evidence: [d.evidence, next.evidence] }
        : { at: d.at, bounds: [d.at, d.at], evidence: [d.evidence] };
    };
    const usedRestart = new Set<number>();
    for (let i = 0; i < deaths.length; i++) {
      const d = deaths[i];
      if (within(d.at)) {
        const e = mine[mine.length - 1];
        if (e && !e.evidence.some((x) => x.source === d.evidence.source && x.line === d.evidence.line)) e.evidence.push(d.evidence);
        if (d.kind === 'crash' && e) e.kind = 'crashed';
        continue;
      }
      const restart = restarts[lowerBound(restarts, d.at, atOf)];
      if (restart) usedRestart.add(restart.at);
      const r = refine(i);
      add(
        {
          node: id,
          kind: d.kind === 'crash' ? 'crashed' : 'shutdown',
          start: r.at,
          startBounds: r.bounds,
          startFrom: d.kind === 'crash' ? 'crash-report' : d.kind === 'shutdown' ? 'shutdown-request' : 'exit',
          end: restart ? restart.at : null,
          endFrom: restart ? 'restart' : null,
          samePid: false,
          evidence: [...r.evidence, ...(restart ? [restart.evidence] : [])],
        },
        false,
      );
    }
    for (const r of restarts) {
      if (usedRestart.has(r.at) || within(r.at)) continue;
      // The death came before whatever others noticed first since the previous start.
      const prevStart = restarts[lowerBound(restarts, r.at, atOf) - 1]?.at ?? -Infinity;
      const firstLost = firstAfter(noticed, true, prevStart, atOf, false, (n) => n.at < r.at, r.at);
      const priorMark = firstAfter(marks, true, prevStart, atOf, false, (m) => m.at < r.at, r.at);
      const firstNoticed = firstLost && priorMark ? Math.min(firstLost.at, priorMark.at) : (firstLost ?? priorMark)?.at;
      const before = life.lastBefore(id, (firstNoticed ?? r.at) - 1);
      if (!before && !priorMark) continue; // first start of the evidence
      const lo = before ? before.at : (priorMark as { at: number }).at;
      const b = bound(lo, r.at);
      add(
        {
          node: id,
          kind: 'stopped',
          start: b.est,
          startBounds: [lo, b.hi],
          startFrom: b.from,
          end: r.at,
          endFrom: 'restart',
          samePid: false,
          evidence: [...(before ? [before.evidence] : []), ...b.ev, r.evidence],
        },
        false,
      );
    }
    mine.sort((a, b) => a.start - b.start);

    // 2. FAIL marks that no death explains: the node was unreachable (paused, partitioned, or gone
    //    without a trace in its own log).
    for (const m of marks) {
      if (within(m.at)) continue;
      const before = life.lastBefore(id, m.at);
      // Alive just before and just after: a stale view (a snapshot still showing the flag), not an outage.
      const soon = life.firstAfter(id, m.at);
      if (before && soon && soon.at - before.at < 1000) continue;
      const lo = before ? before.at : (s.spanStart ?? m.at);
      const b = bound(lo, m.at);
      const after = life.firstAfter(id, m.at);
      const restartAfter = starts[upperBound(starts, m.at, atOf)];
      const cleared = firstAfter(clears, clearsSorted, m.at, atOf, false);
      let end: EpochMs | null = after ? after.at : null;
      let endFrom: DownEpisode['endFrom'] = after ? 'sign-of-life' : null;
      if (cleared && (end === null || cleared.at < end)) {
        end = cleared.at;
        endFrom = cleared.fromSnapshot ? 'snapshot' : 'sign-of-life';
      }
      const pidBefore = before ? pids.at(id, before.at) : null;
      const samePid =
        !!after &&
        after.pid !== null &&
        pidBefore !== null &&
        after.pid === pidBefore &&
        (!restartAfter || restartAfter.at > (after?.at ?? 0));
      const kind: DownEpisode['kind'] = b.refused ? 'stopped' : samePid ? 'paused' : 'unreachable';
      add(
        {
          node: id,
          kind,
          start: b.est,
          startBounds: [lo, b.hi],
          startFrom: b.from,
          end,
          endFrom,
          samePid,
          evidence: [...(before ? [before.evidence] : []), ...b.ev],
        },
        true,
      );
    }
    // 3. A ping left unanswered for a while, with no FAIL mark: a node that stopped answering for less
    //    than the node timeout (DEBUG SLEEP, a slow command, a short partition). Nobody acts on it
    //    (PFAIL needs a node timeout, redis 7.0 clusterCron), but its clients time out meanwhile. On
    //    loopback or a LAN a pong comes back within milliseconds, so a ping still pending
    //    UNANSWERED_PING_MS after it was sent in some view (CLUSTER NODES ping-sent, pong-recv) is the
    //    node not answering: from after its last pong until its next one.
    for (const p of pings) {
      const sent = p.pingSent as number;
      if (p.at - sent < UNANSWERED_PING_MS || within(sent) || within(p.at)) continue;
      const before = life.lastBefore(id, sent);
      const after = life.firstAfter(id, p.at);
      const lo = Math.max(before ? before.at : sent, p.pongRecv ?? -Infinity);
      // Its own log goes on with the same pid: it was frozen, not gone (a restart is a new pid).
      const pidBefore = pids.at(id, sent);
      const pidAfter = pids.next(id, p.at);
      const samePid = !!after && pidBefore !== null && pidAfter === pidBefore;
      add(
        {
          node: id,
          kind: samePid ? 'paused' : 'unreachable',
          start: Math.min(lo, sent),
          startBounds: [Math.min(lo, sent), sent],
          startFrom: 'last-sign-of-life',
          end: after ? after.at : null,
          endFrom: after ? 'sign-of-life' : null,
          samePid,
          evidence: [...(before ? [before.evidence] : []), p.evidence],
        },
        true,
      );
    }
    // 4. A replica's link lost with no FAIL mark and no restart: still a fault of that node when the
    //    master says its replica is gone and the node shows no sign of life afterwards.
    for (const n of noticed) {
      if (within(n.at)) continue;
      const after = life.firstAfter(id, n.at);
      const before = life.lastBefore(id, n.at);
      if (after && after.at - n.at < 1000) continue; // it was alive: a link problem, not a fault
      const lo = before ? before.at : n.at;
      add(
        {
          node: id,
          kind: n.refused ? 'stopped' : 'unreachable',
          start: n.at,
          startBounds: [Math.min(lo, n.at), n.at],
          startFrom: n.from,
          end: after ? after.at : null,
          endFrom: after ? 'sign-of-life' : null,
          samePid: false,
          evidence: [...(before ? [before.evidence] : []), n.evidence],
        },
        true,
      );
    }
    // A command typed in a transcript that takes the node down says what happened.
    for (const c of commandsOf.get(id) ?? []) {
      const cmd = c.command.trim().toLowerCase().replace(/\s+/g, ' ');
      const what = /^debug (segfault|panic|assert)/.test(cmd)
        ? 'crashed'
        : /^shutdown/.test(cmd)
          ? 'shutdown'
          : /^debug sleep/.test(cmd)
            ? 'paused'
            : null;
      if (!what) continue;
      const ep = mine.find((e) => (c.timeInferred ? true : e.startBounds[1] >= c.at - 1000)) ?? null;
      if (!ep) continue;
      ep.cause = `${c.command.trim().toUpperCase()} typed in a redis-cli session`;
      if (what === 'crashed' && ep.kind === 'stopped') ep.kind = 'crashed';
      if (!ep.evidence.some((x) => x.source === c.evidence.source && x.line === c.evidence.line)) ep.evidence.push(c.evidence);
    }
    const crashAt = new Map<EpochMs, (typeof own)[number]>();
    for (const f of own) if (f.kind === 'crash' && !crashAt.has(f.at)) crashAt.set(f.at, f);
    for (const e of mine) {
      const crash = crashAt.get(e.start);
      if (crash && !e.cause) {
        const parts = [
          crash.signal !== undefined ? `signal ${crash.signal}` : null,
          crash.command ? `while running ${crash.command}` : null,
        ].filter(Boolean);
        if (parts.length > 0) e.cause = parts.join(', ');
      }
    }
    for (const e of mine) out.push(e);
  }
  return out.sort((a, b) => a.start - b.start || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}

/** The pid of a node's last run started at or before a time (runs in the order the replay kept them). */
class PidIndex {
  private readonly byNode = new Map<NodeId, { runs: LifeRun[]; sorted: boolean; lastPid: Array<number | null> }>();
  private readonly s: ReplayState;
  constructor(s: ReplayState) {
    this.s = s;
  }
  at(node: NodeId, at: EpochMs): number | null {
    let x = this.byNode.get(node);
    if (!x) {
      const runs = this.s.runs.get(node) ?? [];
      const lastPid: Array<number | null> = [];
      for (let i = 0; i < runs.length; i++) lastPid.push(runs[i].pid !== null ? runs[i].pid : i > 0 ? lastPid[i - 1] : null);
      x = { runs, sorted: isSortedBy(runs, (r) => r.start), lastPid };
      this.byNode.set(node, x);
    }
    // The runs before the first one that started after `at`.
    let n = 0;
    if (x.sorted) n = upperBound(x.runs, at, (r) => r.start);
    else while (n < x.runs.length && x.runs[n].start <= at) n++;
    return n > 0 ? x.lastPid[n - 1] : null;
  }
  /** The pid of the node's first own line after `at`, if any. */
  next(node: NodeId, at: EpochMs): number | null {
    for (const r of this.s.runs.get(node) ?? []) if (r.start > at && r.pid !== null) return r.pid;
    return null;
  }
}

/** Keep the items that pass, in order, in place (a filter per cut made two arrays per cut). */
function keepWhere<T>(list: T[], ok: (x: T) => boolean): void {
  let k = 0;
  for (let i = 0; i < list.length; i++) if (ok(list[i])) list[k++] = list[i];
  list.length = k;
}

function deriveRoles(s: ReplayState, t: Trace, life: LifeIndex): RoleSpan[] {
  const out: RoleSpan[] = [];
  const start = t.span.start;
  if (start === null) return out;
  const pointsOf = groupBy(s.rolePoints, (p) => p.node);
  const episodesOf = groupBy(t.episodes, (e) => e.node);
  const failFlagsOf = groupBy(
    t.flags.filter((f) => f.flag === 'fail'),
    (f) => f.subject,
  );
  const firstPromotionOf = new Map<NodeId, (typeof t.promotions)[number]>();
  for (const p of t.promotions) if (!firstPromotionOf.has(p.node)) firstPromotionOf.set(p.node, p);
  const firstDemotionOf = new Map<NodeId, (typeof t.demotions)[number]>();
  for (const d of t.demotions) if (!firstDemotionOf.has(d.node)) firstDemotionOf.set(d.node, d);
  for (const { id } of t.nodes) {
    const points = sortedView(pointsOf.get(id) ?? [], (a, b) => a.at - b.at);
    const eps = episodesOf.get(id) ?? [];
    // Union of FAIL flags others set on the node, each until the node's next sign of life (observers
    // that never logged the clearing would otherwise keep it failed forever).
    const fails = (failFlagsOf.get(id) ?? [])
      .filter((f) => f.observer !== id)
      .map((f) => {
        const back = life.firstAfter(id, f.start);
        const end = back && (f.end === null || back.at < f.end) ? back.at : f.end;
        return { ...f, end };
      })
      .filter((f) => f.end === null || f.end > f.start);
    const marks: EpochMs[] = [start];
    for (const p of points) marks.push(p.at);
    for (const e of eps) {
      marks.push(e.start);
      if (e.end !== null) marks.push(e.end);
    }
    for (const f of fails) {
      marks.push(f.start);
      if (f.end !== null) marks.push(f.end);
    }
    // A numeric sort of the distinct times (no NaN passes the filter): what the comparator sort gave.
    const cuts = Float64Array.from(new Set(marks.filter((m) => m >= start))).sort();
    // Role before the first point: the first known role, unless the node's own promotion or
    // demotion came first (then it was the opposite before).
    const firstPoint = points[0];
    const firstPromotion = firstPromotionOf.get(id);
    const firstDemotion = firstDemotionOf.get(id);
    let initial: { role: 'master' | 'replica' | 'unknown'; masterId: NodeId | null } = { role: 'unknown', masterId: null };
    if (firstPoint) initial = { role: firstPoint.role, masterId: firstPoint.masterId };
    if (firstPromotion && (!firstPoint || firstPromotion.at <= firstPoint.at))
      initial = { role: 'replica', masterId: firstPromotion.replaced };
    else if (firstDemotion && (!firstPoint || firstDemotion.at <= firstPoint.at)) initial = { role: 'master', masterId: null };
    // The cuts ascend, so the role, the open episodes and the open flags are swept forward once.
    let nextPoint = 0;
    let cur = initial;
    let nextEp = 0;
    const openEps: number[] = [];
    const failsByStart = sortedView(fails, (a, b) => a.start - b.start);
    let nextFail = 0;
    const openFails: Array<(typeof fails)[number]> = [];
    let last: RoleSpan | null = null;
    for (const c of cuts) {
      for (; nextPoint < points.length && points[nextPoint].at <= c; nextPoint++)
        cur = { role: points[nextPoint].role, masterId: points[nextPoint].masterId };
      for (; nextEp < eps.length && eps[nextEp].start <= c; nextEp++) openEps.push(nextEp);
      keepWhere(openEps, (i) => eps[i].end === null || c < (eps[i].end as number));
      for (; nextFail < failsByStart.length && failsByStart[nextFail].start <= c; nextFail++) openFails.push(failsByStart[nextFail]);
      keepWhere(openFails, (f) => f.end === null || c < f.end);
      let role: LaneRole;
      let masterId: NodeId | null | undefined;
      // The first episode (in episode order) that covers c.
      const ep = openEps.length > 0 ? eps[openEps[0]] : undefined;
      const flagged = openFails.length > 0;
      if (ep && ep.kind !== 'unreachable' && ep.kind !== 'paused') role = 'down';
      else if (ep && ep.kind === 'paused') role = 'paused';
      else if (ep || flagged) role = 'fail';
      else {
        role = cur.role;
        if (cur.role === 'replica') masterId = cur.masterId;
      }
      if (last && last.role === role && (last.masterId ?? null) === (masterId ?? null)) continue;
      if (last) last.end = c;
      // The same keys in the same order as before, without a spread per lane.
      last = masterId !== undefined ? { node: id, role, masterId, start: c, end: null } : { node: id, role, start: c, end: null };
      out.push(last);
    }
  }
  return out;
}
