import type { Address, EpochMs, NodeId } from './ids.ts';
import type { SlotRange } from './slots.ts';

/** Flags of a CLUSTER NODES line (https://redis.io/docs/latest/commands/cluster-nodes/). */
export type NodeFlag = 'myself' | 'master' | 'slave' | 'fail?' | 'fail' | 'handshake' | 'noaddr' | 'nofailover' | 'noflags';

/** An open slot: `[slot->-id]` migrating to, `[slot-<-id]` importing from. */
export interface OpenSlot {
  slot: number;
  direction: 'migrating' | 'importing';
  peer: NodeId;
}

/** One line of CLUSTER NODES / nodes.conf. */
export interface NodeEntry {
  id: NodeId;
  address: Address; // ip:port ("" or ":0" for noaddr)
  busPort: number | null;
  hostname: string | null;
  flags: NodeFlag[];
  /** Master id for replicas, null for `-`. */
  masterId: NodeId | null;
  pingSent: number;
  pongRecv: number;
  configEpoch: number;
  linkState: 'connected' | 'disconnected';
  slots: SlotRange[];
  openSlots: OpenSlot[];
  /** 1-based line in the source. */
  line: number;
}

interface SnapshotBase {
  /** Capture time (UTC ms). */
  at: EpochMs;
  /** How `at` was obtained. */
  atFrom: 'stamp' | 'inferred' | 'unknown';
  source: string;
  line: number;
  endLine: number;
  /** The node that answered (the `myself` entry, or the prompt's address), when known. */
  reporter: NodeId | null;
  reporterAddress: Address | null;
}

export interface ClusterNodesSnapshot extends SnapshotBase {
  kind: 'cluster-nodes';
  nodes: NodeEntry[];
  /** nodes.conf `vars currentEpoch N lastVoteEpoch M` line, when present. */
  vars?: { currentEpoch: number; lastVoteEpoch: number };
}

export interface ClusterInfoSnapshot extends SnapshotBase {
  kind: 'cluster-info';
  /** Every field, as text (unknown fields kept). */
  fields: Record<string, string>;
}

export interface ReplicationSnapshot extends SnapshotBase {
  kind: 'replication';
  fields: Record<string, string>;
}

export interface ClusterShardsSnapshot extends SnapshotBase {
  kind: 'cluster-shards';
  /**
   * The command the shards were read from when it was not CLUSTER SHARDS: a CLUSTER SLOTS reply (its
   * ranges grouped by master) or `redis-cli --cluster check` output. Nodes then carry no health.
   */
  via?: 'cluster-slots' | 'cluster-check';
  shards: Array<{
    slots: SlotRange[];
    nodes: Array<{ id: NodeId; endpoint?: string; ip?: string; port?: number; role: string; health: string; replicationOffset?: number }>;
  }>;
}

export interface ConfigSnapshot extends SnapshotBase {
  kind: 'config';
  params: Record<string, string>;
}

export type Snapshot = ClusterNodesSnapshot | ClusterInfoSnapshot | ReplicationSnapshot | ClusterShardsSnapshot | ConfigSnapshot;
