import type { Diagnostic } from '../model/diagnostic.ts';
import type { TimelineEvent } from '../model/events.ts';
import type { Address, NodeId } from '../model/ids.ts';
import type { ParsedSource } from '../model/parsed.ts';
import type { Snapshot } from '../model/snapshot.ts';
import type { ClusterTimeline, NodeInfo, Timeline } from '../model/timeline.ts';
import { learnAddresses } from './addresses.ts';
import { bindIdentities } from './bind.ts';
import { groupClusters } from './clusters.ts';
import { mergeEvents } from './merge.ts';

/** Time order; a snapshot whose time is unknown (NaN) sorts last, keeping input order. */
function bySnapshotTime(a: Snapshot, b: Snapshot): number {
  const ta = Number.isNaN(a.at) ? Infinity : a.at;
  const tb = Number.isNaN(b.at) ? Infinity : b.at;
  return (ta === tb ? 0 : ta - tb) || a.line - b.line;
}

/**
 * ParsedSource[] → Timeline: bind events to the nodes that wrote them, learn addresses, group
 * the inputs into clusters by node identity, merge every source into one time order.
 */
export function buildTimeline(parsed: readonly ParsedSource[]): Timeline {
  const bound: ParsedSource[] = parsed.map((p) => ({ ...p, events: bindIdentities(p) }));
  const allSnapshots: Snapshot[] = bound.flatMap((p) => p.snapshots);
  const merged = mergeEvents(bound.map((p) => p.events));
  const addresses = learnAddresses(merged, allSnapshots);

  const sourcesOf = new Map<NodeId, Set<string>>();
  for (const p of bound)
    for (const e of p.events)
      if (e.node && !e.kind.startsWith('snapshot.') && !e.kind.startsWith('client.')) {
        let set = sourcesOf.get(e.node);
        if (!set) sourcesOf.set(e.node, (set = new Set()));
        set.add(p.source);
      }
  const addressOf = (id: NodeId | null): Address | undefined => {
    if (!id) return undefined;
    const set = addresses.get(id);
    return set && set.size > 0 ? [...set].sort()[0] : undefined;
  };
  const withAddress = (e: TimelineEvent): TimelineEvent => {
    const a = e.address ?? addressOf(e.node);
    return a === e.address ? e : { ...e, address: a };
  };
  const events = merged.map(withAddress);

  const nodeInfo = (id: NodeId): NodeInfo => ({
    id,
    addresses: [...(addresses.get(id) ?? [])].sort(),
    sources: [...(sourcesOf.get(id) ?? [])].sort(),
  });

  const groups = groupClusters(bound);
  const clusters: ClusterTimeline[] = groups.map((g) => {
    const evSet = new Set(g.events);
    const snapSet = new Set(g.snapshots);
    return {
      id: g.id,
      nodes: [...g.nodeIds].sort().map(nodeInfo),
      events: events.filter((e, i) => evSet.has(merged[i])),
      snapshots: allSnapshots.filter((s) => snapSet.has(s)).sort(bySnapshotTime),
    };
  });

  const diagnostics: Diagnostic[] = bound.flatMap((p) => p.diagnostics);
  return {
    clusters,
    events,
    inputs: bound.map((p) => ({ source: p.source, kind: p.kind, ...p.counts })),
    diagnostics,
    clockOffsets: [],
  };
}
