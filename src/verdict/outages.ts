import type { Evidence } from '../model/analysis.ts';
import type { EpochMs, NodeId } from '../model/ids.ts';
import type { Trace } from '../replay/index.ts';
import type { BlockedCase, FailoverFacts, OutageFacts } from './model.ts';
import { atBetween, firstStartedFrom, groupOf, Overlaps } from './lookup.ts';
import { slotsOwnedBefore } from './failovers.ts';
import { groupBy, lowerBound, upperBound } from '../util/sorted.ts';

/**
 * What clients lived through.
 * - Slots: a range with no master serving it, from the fault moment (or, for a manual failover, the
 *   moment the master paused its clients) until a replica took over or the master came back.
 * - Cluster: every range refused at once: every serving master whose belief is known says
 *   `Cluster state changed: fail` (see clusterOutages).
 */
export function buildOutages(trace: Trace, failovers: readonly FailoverFacts[], blocked: readonly BlockedCase[]): OutageFacts[] {
  const out: OutageFacts[] = [];
  for (const f of failovers) {
    // Slots not named by any line or snapshot are the old master's: still an outage of "its slots".
    if (f.promotedAt - f.startedAt <= 0 || (f.slots.length === 0 && f.oldMaster === null)) continue;
    out.push({
      scope: 'slots',
      slots: f.slots,
      nodes: [...(f.oldMaster ? [f.oldMaster] : []), f.newMaster],
      start: f.startedAt,
      startBounds: f.startedAtBounds,
      end: f.promotedAt,
      endBounds: f.promotedAtBounds[0] !== f.promotedAtBounds[1] ? f.promotedAtBounds : null,
      cause: 'failover.completed',
      evidence: f.evidence.slice(0, 4),
    });
  }
  for (const b of blocked) {
    const back = servingAgain(trace, b.master, b.recoveredAt);
    out.push({
      scope: 'slots',
      slots: b.slots,
      nodes: [b.master],
      start: b.episode.start,
      startBounds: b.episode.startBounds,
      end: back.end,
      endBounds: back.bounds,
      cause: b.reason,
      evidence: [...b.evidence.slice(0, 3), ...(back.evidence ? [back.evidence] : [])],
    });
  }
  // A master that stopped answering and came back with nobody acting on it (below the node timeout, or
  // no majority to mark it): its clients timed out meanwhile (issue #12: DEBUG SLEEP 1 gave ~0.75 s of
  // timeouts on its range). It ended somewhere between the last sign it was not answering and the first
  // sign of life after.
  const judged = new Set(blocked.map((b) => b.episode));
  const replacedBy = groupBy(failovers, (f) => f.oldMaster);
  const replacedOver = new Map<NodeId, Overlaps>();
  for (const e of trace.episodes) {
    if ((e.kind !== 'paused' && e.kind !== 'unreachable') || e.end === null || judged.has(e)) continue;
    // Replaced meanwhile (a promotion known to the second may have come up to its bound later): some
    // failover that started by the end whose promotion came up to the start.
    let over = replacedOver.get(e.node);
    if (!over)
      replacedOver.set(
        e.node,
        (over = new Overlaps((replacedBy.get(e.node) ?? []).map((f) => [f.startedAt, Math.max(f.promotedAt, f.promotedAtBounds[1])]))),
      );
    if (over.any(e.end, e.startBounds[0])) continue;
    const slots = slotsOwnedBefore(trace, e.node, e.startBounds[1]);
    if (slots.length === 0) continue;
    out.push({
      scope: 'slots',
      slots,
      nodes: [e.node],
      start: e.start,
      startBounds: e.startBounds,
      end: null,
      endBounds: [e.startBounds[1], e.end],
      cause: e.kind === 'paused' ? 'node.paused' : 'node.unreachable',
      evidence: e.evidence.slice(0, 4),
    });
  }
  out.push(...clusterOutages(trace, out));
  return out.sort((a, b) => a.start - b.start || (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0));
}

/** When a master that came back serves its slots again: its own `Cluster state changed: ok`. */
function servingAgain(
  trace: Trace,
  master: NodeId,
  back: EpochMs | null,
): { end: EpochMs | null; bounds: [EpochMs, EpochMs] | null; evidence: Evidence | null } {
  if (back === null) return { end: null, bounds: null, evidence: null };
  const ok = firstStartedFrom(groupOf(trace.states, 'node', (s) => s.node, master).items, back, (s) => s.state === 'ok');
  if (!ok) {
    // Not seen: bounded by the return and the first view showing it served without a flag.
    // Views are in time order (replay/trace.ts): start at the return.
    let view: (typeof trace.views)[number] | undefined;
    for (let i = lowerBound(trace.views, back, (v) => v.at); i < trace.views.length && !view; i++) {
      const v = trace.views[i];
      if (
        v.atFrom !== 'unknown' &&
        v.entries.some(
          (e) => e.id === master && e.role === 'master' && e.slots.length > 0 && !e.flags.includes('fail') && !e.flags.includes('fail?'),
        )
      )
        view = v;
    }
    return { end: null, bounds: [back, view ? view.at : (trace.span.end ?? back)], evidence: view ? view.evidence : null };
  }
  const fromSnapshot = atBetween(
    groupOf(trace.stateChanges, 'node', (c) => c.node, master),
    ok.start,
    ok.start,
  ).some((c) => c.fromSnapshot);
  if (fromSnapshot) return { end: null, bounds: [back, ok.start], evidence: ok.startEvidence };
  return { end: ok.start, bounds: null, evidence: ok.startEvidence };
}

const listedByTrace = new WeakMap<Trace, Set<NodeId>>();
/** The nodes some timed CLUSTER NODES view lists. */
function listedInViews(trace: Trace): Set<NodeId> {
  let ids = listedByTrace.get(trace);
  if (!ids) {
    ids = new Set();
    for (const v of trace.views) if (v.atFrom !== 'unknown') for (const e of v.entries) ids.add(e.id);
    listedByTrace.set(trace, ids);
  }
  return ids;
}

/** When `node` served slots: its ownership spans, or (slots never named) its master lanes until a promotion replaced it. */
function servingIntervals(trace: Trace, node: NodeId): Array<[EpochMs, EpochMs]> {
  const owned = groupOf(trace.ownership, 'owner', (x) => x.owner, node).items;
  if (owned.length > 0) return owned.map((o) => [o.start, o.end ?? Infinity]);
  // A node a CLUSTER NODES view lists is known by its slots: listed with none, it served none (a node
  // that just joined, still in state fail, answers no client).
  if (listedInViews(trace).has(node)) return [];
  const lanes = groupOf(trace.roles, 'lanes by node', (r) => r.node, node).items;
  // From the earliest moment the promotion can have happened (an old master learns of it late).
  const replaced = groupOf(trace.promotions, 'replaced', (q) => q.replaced, node).items.map((q) => q.atBounds[0]);
  // Once replaced, a master serves again only through a promotion of its own (its restart as
  // "master" in the log prefix is a node about to learn it lost its slots).
  const regained = groupOf(trace.promotions, 'lanes by node', (q) => q.node, node).items.map((q) => q.at);
  const out: Array<[EpochMs, EpochMs]> = [];
  let from: EpochMs | null = null;
  let lostAt: EpochMs | null = null;
  const close = (t: EpochMs) => {
    if (from !== null && t > from) out.push([from, t]);
    from = null;
  };
  // Both lists searched per lane: by binary search when they ascend (promotions are in time order).
  const regainedAsc = ascending(regained);
  const replacedAsc = ascending(replaced);
  for (const r of lanes) {
    if (lostAt !== null) {
      const back: EpochMs | undefined = regainedAsc
        ? firstAbove(regained, Math.max(upperBound(regained, lostAt, num), lowerBound(regained, r.start, num)), r.end ?? Infinity, false)
        : regained.find((t) => t > lostAt! && t >= r.start && t < (r.end ?? Infinity));
      if (back === undefined) continue;
      lostAt = null;
      from = back;
    }
    if (r.role === 'master' && from === null) from = r.start;
    else if (r.role === 'replica') close(r.start);
    if (from !== null) {
      const cut: EpochMs | undefined = replacedAsc
        ? firstAbove(replaced, upperBound(replaced, from, num), r.end ?? Infinity, true)
        : replaced.find((t) => t > from! && t <= (r.end ?? Infinity));
      if (cut !== undefined) {
        close(cut);
        lostAt = cut;
      }
    }
  }
  close(Infinity);
  return out;
}

const num = (x: number) => x;
/** Non-decreasing, no NaN. */
function ascending(xs: readonly number[]): boolean {
  for (let i = 0; i < xs.length; i++) if (Number.isNaN(xs[i]) || (i > 0 && xs[i] < xs[i - 1])) return false;
  return true;
}
/** xs[k] when it is below `end` (at most `end` when inclusive), else undefined. */
function firstAbove(xs: readonly number[], k: number, end: number, inclusive: boolean): number | undefined {
  return k < xs.length && (inclusive ? xs[k] <= end : xs[k] < end) ? xs[k] : undefined;
}

/**
 * Every client refused at once: the probe's "every range unavailable". At time t, of the masters
 * serving slots whose cluster_state is known (their own log or snapshot reply), every one says fail;
 * a master that is down believes nothing and is left out (its own range is unavailable anyway). It
 * ends when the first surviving master reports ok, not when a restarted one does. Masters of which
 * the evidence holds no belief are taken to agree with those it holds ("as far as the evidence
 * shows"); with no master's belief at all, the replicas' stand in (every node computes the same
 * slot coverage, redis 7.0 clusterUpdateState).
 */
function clusterOutages(trace: Trace, slotOutages: readonly OutageFacts[]): OutageFacts[] {
  const statesBy = groupBy(trace.states, (st) => st.node);
  const candidates = new Set<NodeId>();
  // Long lists read once each, by index (a cold for-of allocates a result per item).
  for (let i = 0; i < trace.ownership.length; i++) if (trace.ownership[i].owner) candidates.add(trace.ownership[i].owner as NodeId);
  for (let i = 0; i < trace.roles.length; i++) if (trace.roles[i].role === 'master') candidates.add(trace.roles[i].node);
  const voters: Array<{ node: NodeId; serving: Array<[EpochMs, EpochMs]>; states: typeof trace.states }> = [];
  for (const m of [...candidates].sort()) {
    const states = statesBy.get(m);
    if (!states || states.length === 0) continue;
    voters.push({ node: m, serving: servingIntervals(trace, m), states });
  }
  // Every node with a known belief, for the moments no serving master's belief is known; not the
  // fail a node starts in (a restarted replica's first milliseconds say nothing of the cluster).
  const startLines = new Map<string, Set<number>>();
  for (let i = 0; i < trace.lifecycle.length; i++) {
    const l = trace.lifecycle[i];
    const lines = startLines.get(l.evidence.source);
    if (lines) lines.add(l.evidence.line);
    else startLines.set(l.evidence.source, new Set([l.evidence.line]));
  }
  const isStartLine = (e: Evidence) => startLines.get(e.source)?.has(e.line) === true;
  const standIns = [...statesBy.keys()]
    .sort()
    .map((node) => ({
      node,
      serving: [[-Infinity, Infinity]] as Array<[EpochMs, EpochMs]>,
      states: statesBy.get(node)!.filter((st) => !(st.state === 'fail' && isStartLine(st.startEvidence))),
    }))
    .filter((v) => v.states.length > 0);
  if (standIns.length === 0) return [];
  // A master that is down, paused or cut off answers nobody: its range is unavailable whatever it
  // last believed, so its belief does not count.
  const episodesOf = groupBy(trace.episodes, (e) => e.node);
  type Voter = (typeof voters)[number];
  // A voter's stand-in adds no time of its own: its states are some of the voter's, its episodes the
  // same, and its serving span is unbounded.
  const voting = new Set(voters.map((v) => v.node));
  const timed = [...voters, ...standIns.filter((v) => !voting.has(v.node))];
  // Every bound of theirs, into an array of the exact size (pushing grew and copied it).
  let count = 0;
  for (const v of timed) count += 2 * (v.serving.length + v.states.length + (episodesOf.get(v.node)?.length ?? 0));
  const raw = new Float64Array(count);
  let n = 0;
  for (const v of timed) {
    for (let i = 0; i < v.serving.length; i++) {
      raw[n++] = v.serving[i][0];
      raw[n++] = v.serving[i][1];
    }
    for (let i = 0; i < v.states.length; i++) {
      const st = v.states[i];
      raw[n++] = st.start;
      if (st.end !== null) raw[n++] = st.end;
    }
    const eps = episodesOf.get(v.node) ?? [];
    for (let i = 0; i < eps.length; i++) {
      raw[n++] = eps[i].start;
      if (eps[i].end !== null) raw[n++] = eps[i].end as EpochMs;
    }
  }
  const ts = distinctFiniteAscending(raw.subarray(0, n));
  // The same three questions at the times of `ts`, which only grow: one sweep per list instead of a
  // scan of every node's states, serving spans and episodes at every moment (quadratic in the
  // length of the evidence). Built per voter and stand-in when first asked, kept beside it.
  interface Sweeps {
    state: FirstOpen;
    serving: FirstOpen;
    gone: FirstOpen;
  }
  const sweepOf = (v: Voter): Sweeps => {
    const eps = episodesOf.get(v.node) ?? [];
    return {
      state: new FirstOpen(
        v.states.map((st) => st.start),
        v.states.map((st) => st.end ?? Infinity),
      ),
      serving: new FirstOpen(
        v.serving.map((x) => x[0]),
        v.serving.map((x) => x[1]),
      ),
      gone: new FirstOpen(
        eps.map((e) => e.start),
        eps.map((e) => e.end ?? Infinity),
      ),
    };
  };
  const voterSweeps: Array<Sweeps | null> = voters.map(() => null);
  const standInSweeps: Array<Sweeps | null> = standIns.map(() => null);
  // A stand-in's state just before a window ends (t − 1) and at the last moment: times that only grow too.
  const before: Array<FirstOpen | null> = standIns.map(() => null);
  const stateAt = (j: number, t: EpochMs) => {
    const v = standIns[j];
    const f = (before[j] ??= new FirstOpen(
      v.states.map((st) => st.start),
      v.states.map((st) => st.end ?? Infinity),
    ));
    const k = f.at(t);
    return k < 0 ? null : v.states[k];
  };
  let snapshotOks: Set<EpochMs> | null = null;
  const snapshotOkAt = (t: EpochMs) => {
    if (!snapshotOks) {
      snapshotOks = new Set();
      for (const c of trace.stateChanges) if (c.fromSnapshot && c.state === 'ok') snapshotOks.add(c.at);
    }
    return snapshotOks.has(t);
  };
  type Win = {
    start: EpochMs;
    startLo: EpochMs;
    end: EpochMs | null;
    nodes: Set<NodeId>;
    evidence: Evidence[];
    endBounds?: [EpochMs, EpochMs];
  };
  const wins: Win[] = [];
  let cur: Win | null = null;
  // The nodes whose belief is known at t and what each believes (reused from moment to moment).
  const knownV: Voter[] = [];
  const knownSt: Array<(typeof trace.states)[number]> = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    knownV.length = 0;
    knownSt.length = 0;
    for (let j = 0; j < voters.length; j++) {
      const v = voters[j];
      const sw = (voterSweeps[j] ??= sweepOf(v));
      // Serving and not gone; its state known.
      if (sw.serving.at(t) < 0 || sw.gone.at(t) >= 0) continue;
      const k = sw.state.at(t);
      if (k < 0) continue;
      knownV.push(v);
      knownSt.push(v.states[k]);
    }
    if (knownV.length === 0)
      for (let j = 0; j < standIns.length; j++) {
        const v = standIns[j];
        const sw = (standInSweeps[j] ??= sweepOf(v));
        if (sw.gone.at(t) >= 0) continue;
        const k = sw.state.at(t);
        if (k < 0) continue;
        knownV.push(v);
        knownSt.push(v.states[k]);
      }
    let down = knownSt.length > 0;
    for (let j = 0; j < knownSt.length && down; j++) down = knownSt[j].state === 'fail';
    if (down) {
      if (!cur) {
        // Each fail read from a snapshot began since that node's last ok view: all of them failing began
        // no earlier than the latest such bound.
        let lo = -Infinity;
        for (const st of knownSt) lo = Math.max(lo, st.startBounds?.[0] ?? st.start);
        cur = { start: t, startLo: Math.min(lo, t), end: null, nodes: new Set(), evidence: [] };
        for (const st of knownSt) if (st.start === t || cur.evidence.length === 0) cur.evidence.push(st.startEvidence);
      }
      for (const v of knownV) cur.nodes.add(v.node);
    } else if (cur) {
      cur.end = t;
      // The master whose "ok" ended it.
      const ender = knownSt.find((st) => st.state === 'ok' && st.start === t);
      if (ender) cur.evidence.push(ender.startEvidence);
      // An end read from a snapshot is a bound, not a moment.
      let prev: (typeof trace.states)[number] | null = null;
      for (let j = 0; j < standIns.length; j++) {
        const st = stateAt(j, t - 1);
        if (!prev && st && st.end === t && st.endBounds) prev = st;
      }
      if (prev && prev.endBounds && !ender) cur.endBounds = prev.endBounds;
      else if (prev && prev.endBounds && snapshotOkAt(t)) cur.endBounds = prev.endBounds;
      wins.push(cur);
      cur = null;
    }
  }
  if (cur) {
    // Still down at the end of the evidence, unless a bound says when it ended (a fail state whose end
    // only snapshots or a restart bound).
    const last = ts[ts.length - 1];
    const bounded = standIns.map((_, j) => stateAt(j, last)).filter((st) => st && st.state === 'fail' && st.endBounds);
    if (bounded.length > 0) cur.endBounds = bounded[0]!.endBounds;
    wins.push(cur);
  }
  const causes = new CauseFinder(slotOutages);
  return wins.map((m) => {
    // The slot outage that was under way when the cluster went down; failing that, one that began
    // while it was down (a manual failover's hand-over can start a few ms after a node flags fail).
    const cause = causes.find(m.start, m.end);
    let end = m.end;
    let endBounds: [EpochMs, EpochMs] | null = null;
    if (m.endBounds && m.end !== null) {
      let lo = m.endBounds[0];
      const blocked = cause && cause.cause !== 'failover.completed' && cause.endBounds ? cause.endBounds[0] : null;
      if (blocked !== null && blocked > lo) lo = Math.min(blocked, m.end);
      endBounds = [lo, m.end];
      end = null;
    } else if (m.endBounds) {
      let lo = m.endBounds[0];
      const blocked = cause && cause.cause !== 'failover.completed' && cause.endBounds ? cause.endBounds[0] : null;
      if (blocked !== null && blocked > lo) lo = Math.min(blocked, m.endBounds[1]);
      endBounds = [lo, m.endBounds[1]];
    }
    return {
      scope: 'cluster' as const,
      slots: [],
      nodes: [...m.nodes].sort(),
      start: m.start,
      startBounds: [m.startLo, m.start] as [EpochMs, EpochMs],
      end,
      endBounds,
      cause: cause ? cause.cause : 'cluster.down',
      evidence: m.evidence.slice(0, 4),
    };
  });
}

/**
 * The finite values of `xs` once each, ascending: `xs` sorted as raw doubles and deduplicated in
 * place (a Set of boxed numbers and a comparator sort cost more than the sweep that reads them). −0
 * reads as 0, as a Set keeps it.
 */
function distinctFiniteAscending(xs: Float64Array): Float64Array {
  const a = xs.sort();
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (Number.isFinite(x) && (n === 0 || x !== a[n - 1])) a[n++] = x + 0;
  }
  return a.subarray(0, n);
}

/**
 * The cause of each cluster outage among the slot outages, asked for windows in time order: the first
 * slot outage (in list order) under way at the window's start — begun by then, and its end (or the
 * upper bound of its end) not before — else the first that began inside the window and is still
 * under way at its start. The first question sweeps: outages enter a heap of list positions as the
 * windows reach their start, and leave it for good once they ended before a window's start. Scanning
 * every slot outage per window was quadratic in failovers.
 */
class CauseFinder {
  private readonly list: readonly OutageFacts[];
  /** Latest moment each outage covers (Infinity while open). */
  private readonly hi: number[];
  /** Positions by start (outages without a start never answer). */
  private readonly byStart: number[];
  private next = 0;
  private readonly heap = new IndexHeap();
  private last = -Infinity;
  constructor(list: readonly OutageFacts[]) {
    this.list = list;
    this.hi = list.map((o) => {
      if (o.end === null) return Infinity;
      let h = o.end >= -Infinity ? o.end : -Infinity;
      if (o.endBounds !== null && o.endBounds[1] > h) h = o.endBounds[1];
      return h;
    });
    this.byStart = list
      .map((_, i) => i)
      .filter((i) => !Number.isNaN(list[i].start))
      .sort((a, b) => list[a].start - list[b].start || a - b);
  }

  find(start: EpochMs, end: EpochMs | null): OutageFacts | undefined {
    return this.underWay(start) ?? this.begunWithin(start, end);
  }

  private underWay(t: EpochMs): OutageFacts | undefined {
    if (!(t >= this.last)) return this.list.find((o, i) => o.start <= t && this.hi[i] >= t);
    this.last = t;
    while (this.next < this.byStart.length && this.list[this.byStart[this.next]].start <= t) this.heap.push(this.byStart[this.next++]);
    while (this.heap.size > 0 && !(this.hi[this.heap.top] >= t)) this.heap.pop();
    return this.heap.size > 0 ? this.list[this.heap.top] : undefined;
  }

  private begunWithin(t: EpochMs, end: EpochMs | null): OutageFacts | undefined {
    let best = -1;
    for (let k = upperBound(this.byStart, t, (i) => this.list[i].start); k < this.byStart.length; k++) {
      const i = this.byStart[k];
      if (end !== null && this.list[i].start > end) break;
      if (this.hi[i] >= t && (best < 0 || i < best)) best = i;
    }
    return best < 0 ? undefined : this.list[best];
  }
}

/** A min-heap of list positions: the first (in list order) of the entries still in it is its top. */
class IndexHeap {
  private readonly h: number[] = [];
  get size(): number {
    return this.h.length;
  }
  get top(): number {
    return this.h[0];
  }
  push(i: number): void {
    const h = this.h;
    h.push(i);
    for (let c = h.length - 1; c > 0;) {
      const p = (c - 1) >> 1;
      if (h[p] <= h[c]) break;
      const x = h[p];
      h[p] = h[c];
      h[c] = x;
      c = p;
    }
  }

  pop(): void {
    const h = this.h;
    const x = h.pop() as number;
    if (h.length === 0) return;
    h[0] = x;
    for (let p = 0; ;) {
      const l = 2 * p + 1;
      const r = l + 1;
      let m = p;
      if (l < h.length && h[l] < h[m]) m = l;
      if (r < h.length && h[r] < h[m]) m = r;
      if (m === p) break;
      const y = h[p];
      h[p] = h[m];
      h[m] = y;
      p = m;
    }
  }
}

/**
 * Which of a list of half-open spans [start, end) holds a time: the first in list order, as
 * `list.find(…)` would answer, for times asked in non-decreasing order. Each span enters once and
 * leaves once; the open ones are few (a node's states and episodes do not overlap much).
 */
class FirstOpen {
  private readonly order: number[];
  private next = 0;
  /** Spans entered, by list position; those ended by now leave as they reach the top (times only grow). */
  private readonly open = new IndexHeap();
  private last = -Infinity;
  private readonly starts: readonly number[];
  private readonly ends: readonly number[];
  constructor(starts: readonly number[], ends: readonly number[]) {
    this.starts = starts;
    this.ends = ends;
    // A span without a known start never holds a time (as `start <= t` is false for NaN).
    const key = (i: number) => (Number.isNaN(starts[i]) ? Infinity : starts[i]);
    this.order = starts.map((_, i) => i);
    // A node's states and episodes come in time order: sort only when they do not.
    let inOrder = true;
    for (let i = 1; i < starts.length && inOrder; i++) inOrder = key(i - 1) <= key(i);
    if (!inOrder) this.order.sort((a, b) => key(a) - key(b) || a - b);
  }
  /** Index of the first span with start ≤ t < end, or -1. `t` never decreases between calls. */
  at(t: number): number {
    if (t < this.last) throw new Error('FirstOpen: times must not decrease');
    this.last = t;
    while (this.next < this.order.length && this.starts[this.order[this.next]] <= t) this.open.push(this.order[this.next++]);
    while (this.open.size > 0 && !(this.ends[this.open.top] > t)) this.open.pop();
    return this.open.size > 0 ? this.open.top : -1;
  }
}
