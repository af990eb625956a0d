import type { Evidence } from '../model/analysis.ts';
import type { TimelineEvent } from '../model/events.ts';
import type { EpochMs } from '../model/ids.ts';
import type { ClusterTimeline } from '../model/timeline.ts';

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
 */
export function causalPairs(events: readonly TimelineEvent[]): CausalPair[] {
  const pairs: CausalPair[] = [];
  const side = (e: TimelineEvent, what: string) => ({ source: e.source, at: e.at, evidence: { source: e.source, line: e.line }, what });
  const nearest = (list: readonly TimelineEvent[], at: EpochMs) => {
    let best: TimelineEvent | null = null;
    for (const x of list) if (Math.abs(x.at - at) <= MATCH_WINDOW_MS && (!best || Math.abs(x.at - at) < Math.abs(best.at - at))) best = x;
    return best;
  };
  const marks = events.filter((e) => e.kind === 'cluster.fail-marked' && e.node && e.fields.subject);
  for (const r of events) {
    if (r.kind !== 'cluster.fail-received' || !r.fields.sender || !r.fields.subject) continue;
    const m = nearest(
      marks.filter((x) => x.node === r.fields.sender && x.fields.subject === r.fields.subject),
      r.at,
    );
    if (m && m.source !== r.source) pairs.push({ before: side(m, 'FAIL marked'), after: side(r, 'FAIL received') });
  }
  const started = events.filter((e) => e.kind === 'election.started' && e.node && e.fields.epoch !== undefined);
  const won = events.filter((e) => e.kind === 'election.won' && e.node);
  for (const v of events) {
    if (v.kind !== 'vote.granted' || !v.fields.subject) continue;
    const s = started.find((x) => x.node === v.fields.subject && x.fields.epoch === v.fields.epoch);
    if (s && s.source !== v.source) pairs.push({ before: side(s, 'election started'), after: side(v, 'vote granted') });
  }
  for (const w of won) {
    const s = [...started].reverse().find((x) => x.node === w.node && x.at <= w.at && w.at - x.at <= MATCH_WINDOW_MS);
    if (!s) continue;
    const votes = events.filter((v) => v.kind === 'vote.granted' && v.fields.subject === w.node && v.fields.epoch === s.fields.epoch && v.source !== w.source);
    if (votes.length === 0) continue;
    const first = votes.reduce((a, b) => (b.at < a.at ? b : a));
    pairs.push({ before: side(first, 'vote granted'), after: side(w, 'election won') });
  }
  for (const p of events) {
    if (p.kind !== 'manual.master-paused' || !p.fields.subject) continue;
    const req = nearest(
      events.filter((x) => (x.kind === 'manual.requested' || x.kind === 'manual.force') && x.node === p.fields.subject),
      p.at,
    );
    if (req && req.source !== p.source) pairs.push({ before: side(req, 'manual failover requested'), after: side(p, 'master paused') });
  }
  for (const r of events) {
    if (r.kind !== 'role.replica-of' || !r.fields.subject) continue;
    const w = nearest(
      won.filter((x) => x.node === r.fields.subject),
      r.at,
    );
    if (w && w.source !== r.source) pairs.push({ before: side(w, 'election won'), after: side(r, 'reconfigured as its replica') });
  }
  return pairs;
}

/**
 * The smallest per-source correction that puts every causal pair in order: difference constraints
 * off[before] − off[after] ≤ after.at − before.at, solved by Bellman-Ford twice (all corrections ≤ 0,
 * and all ≥ 0); the solution moving clocks least in total wins.
 */
export function solveSkew(cluster: ClusterTimeline): SkewResult {
  const pairs = causalPairs(cluster.events);
  const violations = pairs.filter((p) => p.before.at > p.after.at);
  if (violations.length === 0) return { offsets: [], violations: [], inconsistent: false };
  const sources = [...new Set(pairs.flatMap((p) => [p.before.source, p.after.source]))].sort();
  const idx = new Map(sources.map((s, i) => [s, i]));
  // Edge u→v with weight w: d[v] ≤ d[u] + w.
  const edges = pairs.map((p) => ({ u: idx.get(p.after.source) as number, v: idx.get(p.before.source) as number, w: p.after.at - p.before.at }));
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
export function applyOffsets(cluster: ClusterTimeline, offsets: SkewResult['offsets']): ClusterTimeline {
  if (offsets.length === 0) return cluster;
  const by = new Map(offsets.map((o) => [o.source, o.offsetMs]));
  const events = cluster.events
    .map((e, i) => ({ e: by.has(e.source) ? { ...e, at: e.at + (by.get(e.source) as number) } : e, i }))
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
    .map((x) => x.e);
  const snapshots = cluster.snapshots
    .map((s) => (by.has(s.source) ? { ...s, at: s.at + (by.get(s.source) as number) } : s))
    .sort((a, b) => a.at - b.at || a.line - b.line);
  return { ...cluster, events, snapshots };
}
