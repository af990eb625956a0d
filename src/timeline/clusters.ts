import type { TimelineEvent } from '../model/events.ts';
import type { NodeId } from '../model/ids.ts';
import { isNodeKey } from '../model/ids.ts';
import type { ParsedSource } from '../model/parsed.ts';
import type { Snapshot } from '../model/snapshot.ts';

/** One cluster found in the inputs: its node ids and the events and snapshots that belong to it. */
export interface ClusterGroup {
  /** `cluster-1`, `cluster-2`, … in order of first time. */
  id: string;
  /** Sorted. */
  nodeIds: NodeId[];
  /** The very event objects of the input, in input order (source order, then event order). */
  events: TimelineEvent[];
  /** The very snapshot objects of the input, in input order. */
  snapshots: Snapshot[];
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  add(x: string): void {
    if (!this.parent.has(x)) this.parent.set(x, x);
  }
  find(x: string): string {
    this.add(x);
    let r = x;
    while (this.parent.get(r) !== r) r = this.parent.get(r)!;
    // Path compression.
    let c = x;
    while (c !== r) {
      const next = this.parent.get(c)!;
      this.parent.set(c, r);
      c = next;
    }
    return r;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // Keep the smaller id as root: the result does not depend on the order of unions.
    if (ra < rb) this.parent.set(rb, ra);
    else if (rb < ra) this.parent.set(ra, rb);
  }
  keys(): string[] {
    return [...this.parent.keys()];
  }
}

/** Node ids a snapshot names together (all of one cluster). */
function snapshotIds(s: Snapshot, check: IdCheck): NodeId[] {
  const ids: NodeId[] = [];
  if (s.reporter) ids.push(s.reporter);
  if (s.kind === 'cluster-nodes')
    for (const n of s.nodes) {
      ids.push(n.id);
      if (n.masterId) ids.push(n.masterId);
      for (const o of n.openSlots) ids.push(o.peer);
    }
  else if (s.kind === 'cluster-shards') for (const sh of s.shards) for (const n of sh.nodes) ids.push(n.id);
  return ids.filter((x) => check.ok(x));
}

/** Same ids in the same order (the strings are mostly the very same objects: a cheap compare). */
function sameIds(a: readonly NodeId[], b: readonly NodeId[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * isNodeId with a memo: a log names the same few ids hundreds of thousands of times (and the strings
 * are usually the very same objects), so a Map lookup replaces the regex.
 */
class IdCheck {
  private readonly seen = new Map<string, boolean>();
  ok(s: string | null | undefined): s is NodeId {
    if (!s) return false;
    let v = this.seen.get(s);
    // A markdown excerpt's writer id joins no cluster by itself: a pasted document quotes many nodes.
    if (v === undefined) this.seen.set(s, (v = isNodeKey(s) && !s.includes('#fence@')));
    return v;
  }
}

interface Item {
  source: number;
  line: number;
  at: number;
  root: string | null;
}

/**
 * The item of `sorted` (ascending by key) whose key is nearest to `target`; among equals, the one nearest
 * in lines to `line`, then the earlier one.
 */
function nearestBy(sorted: readonly Item[], key: (i: Item) => number, target: number, line: number): Item | null {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(sorted[mid]) < target) lo = mid + 1;
    else hi = mid;
  }
  let best: Item | null = null;
  let bestD = Infinity;
  let bestL = Infinity;
  const consider = (i: number) => {
    const c = sorted[i];
    const d = Math.abs(key(c) - target);
    const l = Math.abs(c.line - line);
    if (d < bestD || (d === bestD && l < bestL)) {
      best = c;
      bestD = d;
      bestL = l;
    }
  };
  // Walk outwards over the run of equal distances on each side (usually one element each).
  for (let i = lo - 1; i >= 0; i--) {
    const d = Math.abs(key(sorted[i]) - target);
    if (d > bestD) break;
    consider(i);
    if (i < lo - 1 && key(sorted[i]) !== key(sorted[i + 1])) break;
  }
  for (let i = lo; i < sorted.length; i++) {
    const d = Math.abs(key(sorted[i]) - target);
    if (d > bestD) break;
    consider(i);
    if (i > lo && key(sorted[i]) !== key(sorted[i - 1])) break;
  }
  return best;
}

/** Clusters found in the inputs, as indexes: what buildTimeline needs without a list per cluster. */
export interface ClusterAssignment {
  /** In label order (`cluster-1` first). */
  clusters: Array<{ id: string; nodeIds: NodeId[] }>;
  /** Per source, per event: index into `clusters`, -1 for none. */
  eventCluster: Int32Array[];
  /** Per source, per snapshot: index into `clusters`, -1 for none. */
  snapshotCluster: Int32Array[];
}

/**
 * Assign every event and snapshot to a cluster (see groupClusters for the rules). Index-based: one
 * Int32Array per source instead of an object per event, so a log of millions of events costs a few
 * bytes per event here.
 */
export function assignClusters(parsed: readonly ParsedSource[]): ClusterAssignment {
  const uf = new UnionFind();
  const check = new IdCheck();
  // Per source, per event: the first node id it names (the one its root is found by), or null.
  const firstIds: Array<Array<NodeId | null>> = [];
  // Per source, per snapshot: the first node id it names.
  const snapFirstIds: Array<Array<NodeId | null>> = [];
  // Ids of CLUSTER NODES views: a view lists every node of its cluster.
  const viewIds: NodeId[] = [];
  for (const p of parsed) {
    // A node polled every second lists the same 1000 ids each time: their unions are done once.
    // (Compared with the source's last list of the same length: CLUSTER INFO blocks come in between.)
    const prevByLength = new Map<number, NodeId[]>();
    const snapFirsts: Array<NodeId | null> = [];
    for (const s of p.snapshots) {
      const ids = snapshotIds(s, check);
      snapFirsts.push(ids.length ? ids[0] : null);
      if (s.kind === 'cluster-nodes' && ids.length > 0 && viewIds.length < 64) viewIds.push(ids[0]);
      const prev = prevByLength.get(ids.length);
      if (prev && sameIds(prev, ids)) continue;
      prevByLength.set(ids.length, ids);
      for (const id of ids) uf.add(id);
      for (let i = 1; i < ids.length; i++) uf.union(ids[0], ids[i]);
    }
    snapFirstIds.push(snapFirsts);
    const evs = p.events;
    const firsts = new Array<NodeId | null>(evs.length);
    // Consecutive events mostly name the same ids: skip the union-find when nothing changed.
    let pa: string | null | undefined = undefined;
    let pb: string | null | undefined = undefined;
    let pc: string | null | undefined = undefined;
    let pFirst: NodeId | null = null;
    for (let i = 0; i < evs.length; i++) {
      const e = evs[i];
      const f = e.fields;
      const a: string | null | undefined = e.node === pa ? pa : check.ok(e.node) ? e.node : null;
      const b: string | null = f.subject === undefined ? null : check.ok(f.subject) ? f.subject : null;
      const c: string | null = f.sender === undefined ? null : check.ok(f.sender) ? f.sender : null;
      if (a === pa && b === pb && c === pc) {
        firsts[i] = pFirst;
        continue;
      }
      pa = a;
      pb = b;
      pc = c;
      const first = a ?? b ?? c;
      pFirst = first;
      firsts[i] = first;
      if (first === null) continue;
      uf.add(first);
      if (b !== null && b !== first) uf.union(first, b);
      if (c !== null && c !== first) uf.union(first, c);
    }
    firstIds.push(firsts);
  }

  // Logs that never name each other's nodes (no FAIL, no vote: a quiet incident, or only PFAIL at
  // notice level) are still one cluster when nothing says otherwise: only two CLUSTER NODES views with
  // disjoint nodes prove two clusters. Without that, every group of ids is one cluster.
  const viewRoots = new Set(viewIds.map((id) => uf.find(id)));
  if (viewRoots.size <= 1) {
    const all = [...new Set(uf.keys().map((k) => uf.find(k)))].sort();
    const target = viewRoots.size === 1 ? [...viewRoots][0] : all[0];
    for (const r of all) if (r !== target) uf.union(target, r);
  }

  const eventRoots: Array<Array<string | null>> = firstIds.map((firsts) => {
    const out = new Array<string | null>(firsts.length);
    let last: string | null = null;
    let lastRoot: string | null = null;
    for (let i = 0; i < firsts.length; i++) {
      const id = firsts[i];
      if (id === null) out[i] = null;
      else {
        if (id !== last) {
          last = id;
          lastRoot = uf.find(id);
        }
        out[i] = lastRoot;
      }
    }
    return out;
  });
  const snapRoots: Array<Array<string | null>> = snapFirstIds.map((firsts) => firsts.map((id) => (id === null ? null : uf.find(id))));

  const roots = new Set(uf.keys().map((k) => uf.find(k)));
  parsed.forEach((p, si) => {
    const er = eventRoots[si];
    const sr = snapRoots[si];
    if (!er.includes(null) && !sr.includes(null)) return;
    const all: Item[] = [
      ...p.events.map((e, i): Item => ({ source: si, line: e.line, at: e.at, root: er[i] })),
      ...p.snapshots.map((s, i): Item => ({ source: si, line: s.line, at: s.at, root: sr[i] })),
    ];
    const known = all.filter((i) => i.root !== null);
    const byTime = known.filter((k) => Number.isFinite(k.at)).sort((a, b) => a.at - b.at || a.line - b.line);
    const byLine = [...known].sort((a, b) => a.line - b.line);
    all.forEach((item, k) => {
      if (item.root !== null) return;
      const near =
        (Number.isFinite(item.at) && byTime.length > 0 ? nearestBy(byTime, (x) => x.at, item.at, item.line) : null) ??
        (byLine.length > 0 ? nearestBy(byLine, (x) => x.line, item.line, item.line) : null);
      let root: string | null = null;
      if (near) root = near.root;
      else if (roots.size === 1) root = [...roots][0];
      // Resolved against the known items only, so the order of resolution does not matter.
      if (k < er.length) er[k] = root;
      else sr[k - er.length] = root;
    });
  });

  interface Acc {
    root: string;
    first: number;
    firstSource: number;
    firstLine: number;
  }
  const acc = new Map<string, Acc>();
  const get = (root: string): Acc => {
    let a = acc.get(root);
    if (!a) acc.set(root, (a = { root, first: Infinity, firstSource: Infinity, firstLine: Infinity }));
    return a;
  };
  const note = (a: Acc, source: number, line: number, at: number) => {
    const t = Number.isFinite(at) ? at : Infinity;
    if (t < a.first || (t === a.first && (source < a.firstSource || (source === a.firstSource && line < a.firstLine)))) {
      a.first = t;
      a.firstSource = source;
      a.firstLine = line;
    }
  };
  for (const r of roots) get(r);
  parsed.forEach((p, si) => {
    const er = eventRoots[si];
    let lastRoot: string | null = null;
    let a: Acc | null = null;
    for (let i = 0; i < er.length; i++) {
      const root = er[i];
      if (root === null) continue;
      if (root !== lastRoot) {
        lastRoot = root;
        a = get(root);
      }
      const e = p.events[i];
      note(a!, si, e.line, e.at);
    }
    p.snapshots.forEach((s, i) => {
      const root = snapRoots[si][i];
      if (root !== null) note(get(root), si, s.line, s.at);
    });
  });

  const members = new Map<string, NodeId[]>();
  for (const k of uf.keys()) {
    const r = uf.find(k);
    let list = members.get(r);
    if (!list) members.set(r, (list = []));
    list.push(k);
  }
  const ordered = [...acc.values()].sort(
    (a, b) =>
      a.first - b.first || a.firstSource - b.firstSource || a.firstLine - b.firstLine || (a.root < b.root ? -1 : a.root > b.root ? 1 : 0),
  );
  const indexOf = new Map<string, number>(ordered.map((a, i) => [a.root, i]));
  const toIndex = (roots: Array<string | null>): Int32Array => {
    const out = new Int32Array(roots.length);
    let last: string | null = null;
    let lastIx = -1;
    for (let i = 0; i < roots.length; i++) {
      const r = roots[i];
      if (r === null) out[i] = -1;
      else {
        if (r !== last) {
          last = r;
          lastIx = indexOf.get(r)!;
        }
        out[i] = lastIx;
      }
    }
    return out;
  };
  return {
    clusters: ordered.map((a, i) => ({ id: `cluster-${i + 1}`, nodeIds: (members.get(a.root) ?? []).sort() })),
    eventCluster: eventRoots.map(toIndex),
    snapshotCluster: snapRoots.map(toIndex),
  };
}

/**
 * Group the inputs into clusters by node identity (pure).
 *
 * Node ids are joined (union-find) when they appear together in one CLUSTER NODES or CLUSTER SHARDS
 * snapshot, or in one log event (the node that wrote it, and the node ids its message names: a FAIL
 * message's sender and subject, a vote's candidate, …). Nodes only ever talk about nodes of their own
 * cluster, so each connected set of ids is one cluster.
 *
 * Events and snapshots naming no node id (redis-cli lines, CLUSTER INFO without a known reporter, log
 * lines of a source whose identity is unknown) join the cluster of the nearest item of the same source:
 * nearest in time, then in lines (NaN times compare by lines only). With no such item they join the only
 * cluster when there is exactly one, else none.
 *
 * Groups of ids that no CLUSTER NODES view tells apart are one cluster: only views with disjoint
 * nodes prove two clusters (the seed document holds two); logs that never name each other's nodes are
 * one cluster all the same.
 *
 * Clusters are labelled `cluster-1`, `cluster-2`, … by their earliest finite time (ties: the source given
 * first, then the earliest line).
 */
export function groupClusters(parsed: readonly ParsedSource[]): ClusterGroup[] {
  const a = assignClusters(parsed);
  const groups: ClusterGroup[] = a.clusters.map((c) => ({ id: c.id, nodeIds: c.nodeIds, events: [], snapshots: [] }));
  parsed.forEach((p, si) => {
    const ec = a.eventCluster[si];
    for (let i = 0; i < ec.length; i++) if (ec[i] >= 0) groups[ec[i]].events.push(p.events[i]);
    const sc = a.snapshotCluster[si];
    for (let i = 0; i < sc.length; i++) if (sc[i] >= 0) groups[sc[i]].snapshots.push(p.snapshots[i]);
  });
  return groups;
}
