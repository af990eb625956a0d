import type { TimelineEvent } from '../model/events.ts';
import type { NodeId } from '../model/ids.ts';
import { isNodeId } from '../model/ids.ts';
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
function snapshotIds(s: Snapshot): NodeId[] {
  const ids: NodeId[] = [];
  if (s.reporter) ids.push(s.reporter);
  if (s.kind === 'cluster-nodes')
    for (const n of s.nodes) {
      ids.push(n.id);
      if (n.masterId) ids.push(n.masterId);
      for (const o of n.openSlots) ids.push(o.peer);
    }
  else if (s.kind === 'cluster-shards') for (const sh of s.shards) for (const n of sh.nodes) ids.push(n.id);
  return ids.filter(isNodeId);
}

/** Node ids an event names: the node it is bound to and the nodes its message names. */
function eventIds(e: TimelineEvent): NodeId[] {
  const ids: NodeId[] = [];
  if (e.node) ids.push(e.node);
  if (e.fields.subject) ids.push(e.fields.subject);
  if (e.fields.sender) ids.push(e.fields.sender);
  return ids.filter(isNodeId);
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
 * Clusters are labelled `cluster-1`, `cluster-2`, … by their earliest finite time (ties: the source given
 * first, then the earliest line).
 */
export function groupClusters(parsed: readonly ParsedSource[]): ClusterGroup[] {
  const uf = new UnionFind();
  const join = (ids: NodeId[]) => {
    for (const id of ids) uf.add(id);
    for (let i = 1; i < ids.length; i++) uf.union(ids[0], ids[i]);
  };
  for (const p of parsed) {
    for (const s of p.snapshots) join(snapshotIds(s));
    for (const e of p.events) join(eventIds(e));
  }

  const eventItems = parsed.map((p, si) =>
    p.events.map((e): Item => {
      const ids = eventIds(e);
      return { source: si, line: e.line, at: e.at, root: ids.length ? uf.find(ids[0]) : null };
    }),
  );
  const snapItems = parsed.map((p, si) =>
    p.snapshots.map((s): Item => {
      const ids = snapshotIds(s);
      return { source: si, line: s.line, at: s.at, root: ids.length ? uf.find(ids[0]) : null };
    }),
  );

  const roots = new Set(uf.keys().map((k) => uf.find(k)));
  parsed.forEach((_, si) => {
    const all = [...eventItems[si], ...snapItems[si]];
    const known = all.filter((i) => i.root !== null);
    const byTime = known.filter((k) => Number.isFinite(k.at)).sort((a, b) => a.at - b.at || a.line - b.line);
    const byLine = [...known].sort((a, b) => a.line - b.line);
    for (const item of all) {
      if (item.root !== null) continue;
      const near =
        (Number.isFinite(item.at) && byTime.length > 0 ? nearestBy(byTime, (k) => k.at, item.at, item.line) : null) ??
        (byLine.length > 0 ? nearestBy(byLine, (k) => k.line, item.line, item.line) : null);
      if (near) item.root = near.root;
      else if (roots.size === 1) item.root = [...roots][0];
    }
  });

  interface Acc {
    root: string;
    first: number;
    firstSource: number;
    firstLine: number;
    events: TimelineEvent[];
    snapshots: Snapshot[];
  }
  const acc = new Map<string, Acc>();
  const get = (root: string): Acc => {
    let a = acc.get(root);
    if (!a) acc.set(root, (a = { root, first: Infinity, firstSource: Infinity, firstLine: Infinity, events: [], snapshots: [] }));
    return a;
  };
  const note = (a: Acc, item: Item) => {
    const t = Number.isFinite(item.at) ? item.at : Infinity;
    if (
      t < a.first ||
      (t === a.first && (item.source < a.firstSource || (item.source === a.firstSource && item.line < a.firstLine)))
    ) {
      a.first = t;
      a.firstSource = item.source;
      a.firstLine = item.line;
    }
  };
  for (const r of roots) get(r);
  parsed.forEach((p, si) => {
    p.events.forEach((e, i) => {
      const item = eventItems[si][i];
      if (item.root === null) return;
      const a = get(item.root);
      a.events.push(e);
      note(a, item);
    });
    p.snapshots.forEach((s, i) => {
      const item = snapItems[si][i];
      if (item.root === null) return;
      const a = get(item.root);
      a.snapshots.push(s);
      note(a, item);
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
    (a, b) => a.first - b.first || a.firstSource - b.firstSource || a.firstLine - b.firstLine || (a.root < b.root ? -1 : a.root > b.root ? 1 : 0),
  );
  return ordered.map((a, i) => ({
    id: `cluster-${i + 1}`,
    nodeIds: (members.get(a.root) ?? []).sort(),
    events: a.events,
    snapshots: a.snapshots,
  }));
}
