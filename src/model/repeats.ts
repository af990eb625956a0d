/*
 * Which CLUSTER NODES snapshot repeats the one before it (issue 15: 1000 nodes polled every second).
 *
 * A steady cluster's CLUSTER NODES reply differs from the previous poll only in ping-sent and pong-recv
 * (redis 7.0 src/cluster.c clusterGenNodeDescription). The fast reader (parse/snapshot/nodes-fast.ts) then shares the id,
 * address and flags of each line with the node's previous entry, so the scanner can tell, at the cost of
 * one pointer compare per line, that a block lists the same nodes in the same order with the same
 * addresses and flags as the source's previous block. Stages that only care about those three fields
 * (timeline/addresses.ts) skip such a snapshot whole instead of comparing its 1000 entries again.
 *
 * A memo keyed by the snapshot objects: a snapshot copied or rebuilt later is simply not found, and the
 * caller does the full work. Nothing here changes what any stage computes.
 */
import type { ClusterNodesSnapshot } from './snapshot.ts';

const previousOf = new WeakMap<ClusterNodesSnapshot, ClusterNodesSnapshot>();

/** `snap` lists, index for index, the same id, address and flags (by reference) as `previous`. */
export function markRepeat(snap: ClusterNodesSnapshot, previous: ClusterNodesSnapshot): void {
  previousOf.set(snap, previous);
}

/**
 * Does `snap` repeat `previous` entry for entry (same length; each entry's id, address and flags the
 * same strings and array as the entry at its index in `previous`)? False when not known.
 */
export function repeatsEntries(snap: ClusterNodesSnapshot, previous: ClusterNodesSnapshot): boolean {
  return previousOf.get(snap) === previous;
}
