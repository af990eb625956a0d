/** A Redis Cluster node id: 40 lowercase hex characters. */
export type NodeId = string;
/** `ip:port` as Redis prints it (the client port, not the bus port). */
export type Address = string;
/** Milliseconds since the Unix epoch, UTC. */
export type EpochMs = number;

/** First 8 characters of a node id, as shown in text output. */
export function shortId(id: NodeId): string {
  return id.slice(0, 8);
}

export const NODE_ID_RE = /^[0-9a-f]{40}$/;
export function isNodeId(s: string): boolean {
  return NODE_ID_RE.test(s);
}
