import type { Evidence } from '../model/analysis.ts';
import type { TimelineEvent } from '../model/events.ts';
import type { EpochMs } from '../model/ids.ts';
import type { ClusterTimeline } from '../model/timeline.ts';
import { lowerBound, upperBound } from '../util/sorted.ts';
import { KindIndex } from './kind-index.ts';

/** Two events that must happen in this order in real time, written by different sources. */
export interface CausalPair {
  before: { source: string; at: EpochMs; evidence: Evidence; what: string };
  after: { source: string; at: EpochMs; evidence: Evidence; what: string };
}

export interface SkewResult {
  /** ms added to each source's times (only sources that needed a correction). */
  offsets: Array<{ source: string; offsetMs: number; reason: string }>;
  /** Pairs whose order the raw clocks contradict. */
  violations: CausalPair[];
  /** No correction can satisfy every pair (a cycle of contradictions). */
  inconsistent: boolean;
}

const MATCH_WINDOW_MS = 60_000;

/**
 * Causality between sources: a FAIL is marked before it is received; votes are granted after the
 * election started and (at least one) before it was won; a manual failover is requested before the
 * master pauses for it; an election is won before the old master reconfigures as the winner's replica.
 *
 * Every lookup goes through an index (by sender and subject, by node, by node and epoch) and a window
 * search over time-sorted lists, so the cost grows with the number of events, not with its square
 * (a flapping cluster has thousands of failovers between the same node ids).
 */
export function causalPairs(events: readonly TimelineEvent[], kinds: KindIndex = KindIndex.of(events)): CausalPair[] {
  const pairs: CausalPair[] = [];
  const side = (e: TimelineEvent, what: string) => ({ source: e.source, at: e.at, evidence: { source: e.source, line: e.line }, what });
  const marks = new Index();
  const started = new Index();
  const startedByNode = new Index();
  const won = new Index();
  const votes = new Index();
  const requests = new Index();
  // Each index takes its kinds' events in event order (what one pass over every event gave it).
  for (const e of kinds.eventsOf('cluster.fail-marked')) if (e.node && e.fields.subject) marks.add(key(e.node, e.fields.subject), e);
  for (const e of kinds.eventsOf('election.started'))
    if (e.node && e.fields.epoch !== undefined) {
      started.add(key(e.node, String(e.fields.epoch)), e);
      startedByNode.add(e.node, e);
    }
  for (const e of kinds.eventsOf('election.won')) if (e.node) won.add(e.node, e);
  for (const e of kinds.eventsOf('vote.granted')) if (e.fields.subject) votes.add(key(e.fields.subject, String(e.fields.epoch)), e);
  for (const e of kinds.eventsOf('manual.requested', 'manual.force')) if (e.node) requests.add(e.node, e);
  for (const r of kinds.eventsOf('cluster.fail-received')) {
    if (!r.fields.sender || !r.fields.subject) continue;
    const m = marks.nearest(key(r.fields.sender, r.fields.subject), r.at);
    if (m && m.source !== r.source) pairs.push({ before: side(m, 'FAIL marked'), after: side(r, 'FAIL received') });
  }
  for (const v of kinds.eventsOf('vote.granted')) {
    if (!v.fields.subject || v.fields.epoch === undefined) continue;
    const s = started.first(key(v.fields.subject, String(v.fields.epoch)));
    if (s && s.source !== v.source) pairs.push({ before: side(s, 'election started'), after: side(v, 'vote granted') });
  }
  for (const w of kinds.eventsOf('election.won')) {
    if (!w.node) continue;
    const s = startedByNode.lastWithin(w.node, w.at - MATCH_WINDOW_MS, w.at);
    if (!s) continue;
    const first = votes.earliestNotFrom(key(w.node, String(s.fields.epoch)), w.source);
    if (first) pairs.push({ before: side(first, 'vote granted'), after: side(w, 'election won') });
  }
  for (const p of kinds.eventsOf('manual.master-paused')) {
    if (!p.fields.subject) continue;
    const req = requests.nearest(p.fields.subject, p.at);
    if (req && req.source !== p.source) pairs.push({ before: side(req, 'manual failover requested'), after: side(p, 'master paused') });
  }
  for (const r of kinds.eventsOf('role.replica-of')) {
    if (!r.fields.subject) continue;
    const w = won.nearest(r.fields.subject, r.at);
    if (w && w.source !== r.source) pairs.push({ before: side(w, 'election won'), after: side(r, 'reconfigured as its replica') });
  }
  return pairs;
}

const key = (a: string, b: string) => `${a}\u0000${b}`;

/** Events grouped by a key, each group in event order (which is time order in a merged timeline). */
class Index {
  private readonly groups = new Map<string, TimelineEvent[]>();
  /** Keys whose group is not sorted by time (only hand-built timelines): searched linearly. */
  private readonly unsorted = new Set<string>();

  add(k: string, e: TimelineEvent): void {
    const g = this.groups.get(k);
    if (!g) this.groups.set(k, [e]);
    else {
      if (g[g.length - 1].at > e.at) this.unsorted.add(k);
      g.push(e);
    }
  }

  private readonly earliest = new Map<string, { a: TimelineEvent; b: TimelineEvent | null }>();
  /**
   * The earliest event of the group not written by `source` (the first in event order among equal
   * times). Kept as the group's earliest event A and the earliest B from a source other than A's:
   * for any source the answer is A, or B when the source is A's.
   */
  earliestNotFrom(k: string, source: string): TimelineEvent | null {
    let e = this.earliest.get(k);
    if (!e) {
      const g = this.groups.get(k) ?? [];
      if (g.length === 0) return null;
      let a = g[0];
      for (const x of g) if (x.at < a.at) a = x;
      let b: TimelineEvent | null = null;
      for (const x of g) if (x.source !== a.source && (!b || x.at < b.at)) b = x;
      e = { a, b };
      this.earliest.set(k, e);
    }
    return e.a.source !== source ? e.a : e.b;
  }

  first(k: string): TimelineEvent | null {
    return this.groups.get(k)?.[0] ?? null;
  }

  /** The event closest in time within the match window; on a tie the earliest in event order. */
  nearest(k: string, at: EpochMs): TimelineEvent | null {
    const g = this.groups.get(k);
    if (!g) return null;
    let i = this.unsorted.has(k) ? 0 : lowerBound(g, at - MATCH_WINDOW_MS, atOf);
    let best: TimelineEvent | null = null;
    for (; i < g.length; i++) {
      const x = g[i];
      if (!this.unsorted.has(k) && x.at > at + MATCH_WINDOW_MS) break;
      if (Math.abs(x.at - at) <= MATCH_WINDOW_MS && (!best || Math.abs(x.at - at) < Math.abs(best.at - at))) best = x;
    }
    return best;
  }

  /** The last event (in event order) with from ≤ time ≤ to. */
  lastWithin(k: string, from: EpochMs, to: EpochMs): TimelineEvent | null {
    const g = this.groups.get(k);
    if (!g) return null;
    if (this.unsorted.has(k)) {
      for (let i = g.length - 1; i >= 0; i--) if (g[i].at <= to && g[i].at >= from) return g[i];
      return null;
    }
    const i = upperBound(g, to, atOf) - 1;
    return i >= 0 && g[i].at >= from ? g[i] : null;
  }
}

const atOf = (e: TimelineEvent) => e.at;

/**
 * The smallest per-source correction that puts every causal pair in order: difference constraints
 * off[before] − off[after] ≤ after.at − before.at, solved by Bellman-Ford twice (all corrections ≤ 0,
 * and all ≥ 0); the solution moving clocks least in total wins.
 */
export function solveSkew(cluster: ClusterTimeline, kinds: KindIndex = KindIndex.of(cluster.events)): SkewResult {
  const pairs = causalPairs(cluster.events, kinds);
  const violations = pairs.filter((p) => p.before.at > p.after.at);
  if (violations.length === 0) return { offsets: [], violations: [], inconsistent: false };
  const sources = [...new Set(pairs.flatMap((p) => [p.before.source, p.after.source]))].sort();
  const idx = new Map(sources.map((s, i) => [s, i]));
  // Edge u→v with weight w: d[v] ≤ d[u] + w.
  const edges = pairs.map((p) => ({
    u: idx.get(p.after.source) as number,
    v: idx.get(p.before.source) as number,
    w: p.after.at - p.before.at,
  }));
  const down = bellmanFord(sources.length, edges);
  const up = bellmanFord(
    sources.length,
    edges.map((e) => ({ u: e.v, v: e.u, w: e.w })),
  );
  if (!down || !up) return { offsets: [], violations, inconsistent: true };
  const upOffsets = up.map((d) => -d);
  const cost = (o: number[]) => o.reduce((n, x) => n + Math.abs(x), 0);
  const chosen = cost(upOffsets) < cost(down) ? upOffsets : down;
  const offsets = sources
    .map((source, i) => {
      const offsetMs = chosen[i] === 0 ? 0 : chosen[i];
      const worst = violations
        .filter((p) => p.before.source === source || p.after.source === source)
        .sort((a, b) => b.before.at - b.after.at - (a.before.at - a.after.at))[0];
      const reason = worst
        ? `${worst.before.what} at ${worst.before.evidence.source}:${worst.before.evidence.line} is logged ${worst.before.at - worst.after.at} ms after ${worst.after.what} at ${worst.after.evidence.source}:${worst.after.evidence.line}`
        : 'keeps the corrected sources in causal order';
      return { source, offsetMs, reason };
    })
    .filter((o) => o.offsetMs !== 0);
  return { offsets, violations, inconsistent: false };
}

function bellmanFord(n: number, edges: ReadonlyArray<{ u: number; v: number; w: number }>): number[] | null {
  const d = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let changed = false;
    for (const e of edges)
      if (d[e.u] + e.w < d[e.v]) {
        d[e.v] = d[e.u] + e.w;
        changed = true;
      }
    if (!changed) return d;
  }
  for (const e of edges) if (d[e.u] + e.w < d[e.v]) return null;
  return d;
}

/** The cluster with each source's times moved by its offset (new objects; the input is untouched). */
/** Sort key of a time as the timeline orders it: an unknown (NaN) time after every known one. */
const timeKey = (at: number) => (Number.isNaN(at) ? Infinity : at);

export function applyOffsets(cluster: ClusterTimeline, offsets: SkewResult['offsets']): ClusterTimeline {
  if (offsets.length === 0) return cluster;
  const by = new Map(offsets.map((o) => [o.source, o.offsetMs]));
  const events = cluster.events
    .map((e, i) => ({ e: by.has(e.source) ? { ...e, at: e.at + (by.get(e.source) as number) } : e, i }))
    .sort((a, b) => timeKey(a.e.at) - timeKey(b.e.at) || a.i - b.i)
    .map((x) => x.e);
  const snapshots = cluster.snapshots
    .map((s) => (by.has(s.source) ? { ...s, at: s.at + (by.get(s.source) as number) } : s))
    .sort((a, b) => (timeKey(a.at) === timeKey(b.at) ? 0 : timeKey(a.at) - timeKey(b.at)) || a.line - b.line);
  return { ...cluster, events, snapshots };
}
