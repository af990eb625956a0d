/** A Redis Cluster node id: 40 lowercase hex characters. */
export type NodeId = string;
/** `ip:port` as Redis prints it (the client port, not the bus port). */
export type Address = string;
/** Milliseconds since the Unix epoch, UTC. */
export type EpochMs = number;

/**
 * A node known only as the writer of a log that never names its own id (no `I'm <id>` line: a rotated
 * log, a pasted excerpt): `writer:<source>` plus `#<stream>` when one file holds several writers. The
 * timeline replaces it with the real id when the evidence pins one (see timeline/identity.ts); where
 * nothing does, the writer stays a node of the analysis under this name.
 */
export const WRITER_PREFIX = 'writer:';
export function writerId(source: string, stream?: string): NodeId {
  return `${WRITER_PREFIX}${source}${stream !== undefined ? `#${stream}` : ''}`;
}
export function isWriterId(id: string): boolean {
  return id.startsWith(WRITER_PREFIX);
}

/**
 * The master that took over `replaced`'s slots when the evidence shows the takeover but names no
 * winner (a bystander replica's "Clear FAIL state for node X: master without slots"). It is never a
 * node of the analysis: the JSON says null.
 */
export const SUCCESSOR_PREFIX = 'successor-of:';
export function successorOf(replaced: NodeId): NodeId {
  return `${SUCCESSOR_PREFIX}${replaced}`;
}
export function isSuccessorId(id: string): boolean {
  return id.startsWith(SUCCESSOR_PREFIX);
}

/**
 * A master known only by the address its replica connects to ("Connecting to MASTER 127.0.0.1:7000",
 * redis 7.0 replication.c connectWithMaster) when no line or snapshot of the cluster names the node at
 * that address (one replica's log pasted alone). Unlike a successor it is a node of the analysis: its
 * replica's lines tell when it went down and came back. The JSON keeps this name, never a node id.
 */
export const MASTER_AT_PREFIX = 'master-at:';
export function masterAt(address: Address): NodeId {
  return `${MASTER_AT_PREFIX}${address}`;
}
export function isMasterAtId(id: string): boolean {
  return id.startsWith(MASTER_AT_PREFIX);
}

/** First 8 characters of a node id, as shown in text output; a writer id reads "writer of <file>", a master known by address its address. */
export function shortId(id: NodeId): string {
  if (id.startsWith(SUCCESSOR_PREFIX)) return 'an unnamed new master';
  if (id.startsWith(MASTER_AT_PREFIX)) return id.slice(MASTER_AT_PREFIX.length);
  if (id.startsWith(WRITER_PREFIX)) {
    const rest = id.slice(WRITER_PREFIX.length);
    const slash = rest.lastIndexOf('/', rest.includes('#') ? rest.indexOf('#') : rest.length);
    return `writer of ${slash >= 0 ? rest.slice(slash + 1) : rest}`;
  }
  return id.slice(0, 8);
}

export const NODE_ID_RE = /^[0-9a-f]{40}$/;
export function isNodeId(s: string): boolean {
  return NODE_ID_RE.test(s);
}
/** A real node id or a writer id: a node of the analysis. */
export function isNodeKey(s: string): boolean {
  return NODE_ID_RE.test(s) || s.startsWith(WRITER_PREFIX);
}
