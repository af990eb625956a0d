import type { Diagnostic } from '../model/diagnostic.ts';
import type { TimelineEvent } from '../model/events.ts';
import type { Address, NodeId } from '../model/ids.ts';
import type { ParsedSource } from '../model/parsed.ts';
import type { Snapshot } from '../model/snapshot.ts';
import type { ClusterTimeline, NodeInfo, Timeline } from '../model/timeline.ts';
import { learnAddresses } from './addresses.ts';
import { bindNodeIdsInPlace, isServerLogKind } from './bind.ts';
import { assignClusters } from './clusters.ts';
import { mergeOrder } from './merge.ts';
import { rotationGroups } from './rotation.ts';

/** Time order; a snapshot whose time is unknown (NaN) sorts last, keeping input order. */
function bySnapshotTime(a: Snapshot, b: Snapshot): number {
  const ta = Number.isNaN(a.at) ? Infinity : a.at;
  const tb = Number.isNaN(b.at) ? Infinity : b.at;
  return (ta === tb ? 0 : ta - tb) || a.line - b.line;
}

function allZero(a: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) return false;
  return true;
}

/**
 * The order of the sources for the merge, whose ties (equal times) go to the earlier source: input
 * order, except that the files of one rotated log take the places of its files oldest first. By name
 * `redis.log` sorts before `redis.log.1`, but its lines came later: a line of the live file stamped in
 * the same millisecond as the last lines of `.1` (logrotate ran between them) must follow them, or a
 * node reads as acting on a reconfiguration before logging it.
 */
function tieOrder(parsed: readonly ParsedSource[], groups: readonly ParsedSource[][]): number[] {
  const index = new Map(parsed.map((p, i) => [p, i]));
  const slots = parsed.map((_, i) => i);
  for (const g of groups) {
    if (g.length < 2) continue;
    const places = g.map((p) => index.get(p)!).sort((a, b) => a - b);
    g.forEach((p, k) => (slots[places[k]] = index.get(p)!));
  }
  return slots;
}

/**
 * ParsedSource[] → Timeline: bind events to the nodes that wrote them, learn addresses, group
 * the inputs into clusters by node identity, merge every source into one time order.
 *
 * The events of `parsed` are the timeline's events: their `node` and `address` are set in place
 * (a copy of every event would double the memory of a large log; the parsed sources are this
 * function's to finish).
 */
export function buildTimeline(parsed: readonly ParsedSource[]): Timeline {
  // A rotated log (redis.log.2.gz, .1, redis.log) is bound as one log, oldest first.
  const rotated = new Set<string>();
  const groups = rotationGroups(parsed);
  for (const group of groups) {
    if (group.length === 1) bindNodeIdsInPlace(group[0]);
    else {
      bindNodeIdsInPlace({ ...group[0], events: group.flatMap((p) => p.events) });
      for (const p of group) rotated.add(p.source);
    }
  }
  const allSnapshots: Snapshot[] = parsed.flatMap((p) => p.snapshots);
  const mergeSlots = tieOrder(parsed, groups);
  const order = mergeOrder(mergeSlots.map((k) => parsed[k].events));
  for (let i = 0; i < order.source.length; i++) order.source[i] = mergeSlots[order.source[i]];
  const n = order.source.length;
  const merged = new Array<TimelineEvent>(n);
  const lists = parsed.map((p) => p.events);
  for (let i = 0; i < n; i++) merged[i] = lists[order.source[i]][order.index[i]];
  const addresses = learnAddresses(merged, allSnapshots);

  const addressCache = new Map<NodeId, Address | undefined>();
  const addressOf = (id: NodeId): Address | undefined => {
    if (addressCache.has(id)) return addressCache.get(id);
    const set = addresses.get(id);
    const a = set && set.size > 0 ? [...set].sort()[0] : undefined;
    addressCache.set(id, a);
    return a;
  };
  // One pass per source: each event's address, and which sources are a node's own logs.
  const sourcesOf = new Map<NodeId, Set<string>>();
  for (const p of parsed) {
    let lastNode: NodeId | null = null;
    let lastAddress: Address | undefined;
    let lastSourced: NodeId | null = null;
    for (const e of p.events) {
      const node = e.node;
      if (!node) continue;
      if (node !== lastNode) {
        lastNode = node;
        lastAddress = addressOf(node);
      }
      if (e.address === undefined && lastAddress !== undefined) e.address = lastAddress;
      if (node !== lastSourced && isServerLogKind(e.kind)) {
        lastSourced = node;
        let set = sourcesOf.get(node);
        if (!set) sourcesOf.set(node, (set = new Set()));
        set.add(p.source);
      }
    }
  }

  const nodeInfo = (id: NodeId): NodeInfo => ({
    id,
    addresses: [...(addresses.get(id) ?? [])].sort(),
    sources: [...(sourcesOf.get(id) ?? [])].sort(),
  });

  const assigned = assignClusters(parsed);
  const clusterEvents: TimelineEvent[][] = assigned.clusters.map(() => []);
  // Mostly every event is of the one cluster: then its list is the merged one.
  if (assigned.clusters.length === 1 && assigned.eventCluster.every(allZero)) clusterEvents[0] = merged.slice();
  else if (assigned.clusters.length > 0) {
    for (let i = 0; i < n; i++) {
      const c = assigned.eventCluster[order.source[i]][order.index[i]];
      if (c >= 0) clusterEvents[c].push(merged[i]);
    }
  }
  const clusterSnapshots: Snapshot[][] = assigned.clusters.map(() => []);
  parsed.forEach((p, si) => {
    const sc = assigned.snapshotCluster[si];
    for (let i = 0; i < sc.length; i++) if (sc[i] >= 0) clusterSnapshots[sc[i]].push(p.snapshots[i]);
  });
  const clusters: ClusterTimeline[] = assigned.clusters.map((g, c) => ({
    id: g.id,
    nodes: g.nodeIds.map(nodeInfo),
    events: clusterEvents[c],
    snapshots: clusterSnapshots[c].sort(bySnapshotTime),
  }));

  const diagnostics: Diagnostic[] = parsed.flatMap((p) => p.diagnostics);
  return {
    clusters,
    events: merged,
    inputs: parsed.map((p) => {
      const forms = rotated.has(p.source) ? [...(p.forms ?? []), 'rotated'].sort() : p.forms;
      return {
        source: p.source,
        kind: p.kind,
        ...(forms ? { forms } : {}),
        ...p.counts,
        ...(p.skipped !== undefined ? { skipped: p.skipped } : {}),
      };
    }),
    diagnostics,
    clockOffsets: [],
  };
}
