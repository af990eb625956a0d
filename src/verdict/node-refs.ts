import type { Address, NodeId } from '../model/ids.ts';

export interface NodeRefs {
  address(id: NodeId | null): Address | null;
  source(id: NodeId | null): string | null;
}

/**
 * What the JSON writes beside a node id (issue #17): its first address and the first log it wrote,
 * so a jq user does not have to join every failover with `nodes`.
 */
export function nodeRefs(nodes: ReadonlyArray<{ id: NodeId; addresses: readonly Address[]; sources: readonly string[] }>): NodeRefs {
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  return {
    address: (id) => (id === null ? null : (byId.get(id)?.addresses[0] ?? null)),
    source: (id) => (id === null ? null : (byId.get(id)?.sources[0] ?? null)),
  };
}
