import type { Address, EpochMs, NodeId } from './ids.ts';

/**
 * Every kind of timeline event. The message catalog (grammars/redis-log-message/catalog.ts) maps server
 * messages onto these; snapshot blocks and wrapper lines produce the `snapshot.*` and `input.*` kinds.
 * Redis says master/slave/replica, Valkey primary/replica: both map to the same kinds.
 */
export const EVENT_KINDS = [
  // server lifecycle
  'server.start', // "Redis is starting oO0OoO0OoO0Oo" (4.0+) / "Server started, Redis version X" (2.8–3.2) / Valkey equivalents
  'server.version', // "Redis version=7.0.15, bits=64, …, pid=N, just started" (4.0+, right after server.start)
  'server.mode', // "Running mode=cluster, port=7000."
  'server.ready', // "Ready to accept connections" (any variant)
  'server.logo', // the multi-line ASCII startup logo (one event)
  'server.shutdown-requested', // "Received SIGTERM scheduling shutdown...", "User requested shutdown..."
  'server.exit', // "Redis is now ready to exit, bye bye..."
  'server.crash', // "crashed by signal" / "=== REDIS BUG REPORT START" block (one event)
  'server.section', // a "------ … ------" section outside a crash report
  'server.config-loaded', // "Configuration loaded"
  // identity
  'node.identity', // "No cluster configuration found, I'm <id>" / "Node configuration loaded, I'm <id>"
  'node.address-updated', // "Address updated for node <id> (…), now <ip>:<port>"
  // failure detection
  'cluster.pfail', // "*** NODE <id> possibly failing" (debug level)
  'cluster.fail-marked', // "Marking node <id> as failing (quorum reached)."
  'cluster.fail-received', // "FAIL message received from <id> about <id>"
  'cluster.fail-cleared', // "Clear FAIL state for node <id>: <reason>"
  'cluster.state', // "Cluster state changed: ok|fail"  (fields.state)
  // elections
  'election.delayed', // "Start of election delayed for N milliseconds (rank #R, offset O)."
  'election.started', // "Starting a failover election for epoch N."
  'election.won', // "Failover election won: I'm the new master."
  'election.expired', // "Currently unable to failover: Failover attempt expired."
  'election.waiting-votes', // "Currently unable to failover: Waiting for votes, but majority still not reached."
  'election.waiting-delay', // "Currently unable to failover: Waiting the delay before I can start a new failover."
  'election.data-too-old', // "Currently unable to failover: Disconnected from master for longer than allowed. …"
  'election.no-failover', // "Currently unable to failover: ... nofailover ..." (cluster-replica-no-failover)
  'election.manual-waiting', // "Currently unable to failover: Waiting for the master to process ..." (manual failover)
  'election.unable', // any other "Currently unable to failover: <reason>"
  'vote.granted', // "Failover auth granted to <id> for epoch N"
  'vote.denied', // "Failover auth denied to <id>: <reason>"
  'epoch.set', // "configEpoch set to N after successful failover" and every other "configEpoch set to" variant
  'epoch.collision', // "WARNING: configEpoch collision with node <id> … configEpoch set to N"
  'epoch.bumped', // "New configEpoch set to N"
  // manual failover
  'manual.requested', // "Manual failover user request accepted." (replica)
  'manual.master-paused', // "Manual failover requested by replica <id>." (master)
  'manual.ready', // "All master replication stream processed, manual failover can start."
  'manual.offset', // "Received replication offset for paused master manual failover: N"
  'manual.timeout', // "Manual failover timed out."
  'manual.aborted', // "Manual failover aborted"-type lines
  'manual.takeover', // "Taking over the master (user request)."
  'manual.force', // "Forced failover user request accepted."
  // roles and replication
  'role.replica-of', // "Configuration change detected. Reconfiguring myself as a replica of <id>"
  'role.master', // "Setting myself as master" / "MASTER MODE enabled" / "Discarding previously cached master state."+promotion
  'role.lost-slots', // "I lost ownership of slot …" variants
  'repl.link-lost', // "Connection with master lost."
  'repl.connecting', // "Connecting to MASTER ip:port" / "Reconnecting to MASTER …"
  'repl.sync-started', // "MASTER <-> REPLICA sync started"
  'repl.sync-error', // "Error condition on socket for SYNC: …", "Error reply to PING from master …"
  'repl.partial', // "Successful partial resynchronization with master." / "MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization."
  'repl.full', // "Full resync from master: <replid>:<offset>"
  'repl.sync-finished', // "MASTER <-> REPLICA sync: Finished with success"
  'repl.secondary-id', // "Setting secondary replication ID to …, valid up to offset: N. New replication ID is …"
  'repl.psync-refused', // "Partial resynchronization not accepted: Requested offset for second ID was N, but I can reply up to M"
  'repl.cache-master', // "Caching the disconnected master state." / "Discarding previously cached master state."
  'master.replica-sync-request', // "Replica ip:port asks for synchronization"
  'master.replica-lost', // "Connection with replica ip:port lost."
  'master.replica-synced', // "Synchronization with replica ip:port succeeded"
  'master.partial-accepted', // "Partial resynchronization request from … accepted."
  'slot.migration', // slot migration / importing lines
  // snapshots and inputs (produced by parse/, not the log catalog)
  'snapshot.cluster-nodes', // a CLUSTER NODES / nodes.conf block
  'snapshot.cluster-info', // a CLUSTER INFO block
  'snapshot.replication', // INFO replication block
  'snapshot.cluster-shards', // CLUSTER SHARDS block
  'snapshot.config', // CONFIG GET reply
  'client.command', // redis-cli prompt line with a command
  'client.error', // (error) … reply, e.g. CLUSTERDOWN
  'client.redirect', // -> Redirected to slot [N] located at host:port
  'client.reply', // other reply lines
  // anything else the catalog knows but the analysis does not use
  'log.other',
  // appended by the message catalog (grammars/redis-log-message)
  'cluster.pfail-reported', // "Node <a> reported node <b> as not reachable." (verbose; sender a, subject b)
  'cluster.online-reported', // "Node <a> reported node <b> is back online." (verbose; sender a, subject b)
  'cluster.failover-seen', // 7.4/Valkey 8: "A failover occurred in shard …; node <a> … to node <b> with a config epoch of N"
  'election.rank-updated', // "Replica rank updated to #R, added N milliseconds of delay."
  'cluster.bus-connect-failed', // "Connection with Node <id> at <ip>:<bus port> failed: <reason>" (verbose; subject, bus address)
  'repl.timeout', // "MASTER timeout: no data nor PING received...", "Timeout connecting to the MASTER...", bulk timeout
] as const;

export type EventKind = (typeof EVENT_KINDS)[number];

/** Role character of the Redis ≥3 log prefix: M master, S replica, C RDB/AOF child, X sentinel. */
export type RoleChar = 'M' | 'S' | 'C' | 'X';
/** Level character: `.` debug, `-` verbose, `*` notice, `#` warning. */
export type LevelChar = '.' | '-' | '*' | '#';

/**
 * Typed values extracted from a message. Which are present depends on the kind; each kind's entry in the
 * catalog documents which it fills.
 */
export interface EventFields {
  /** The node the message is about (FAIL mark target, vote candidate, replica-of target, …). */
  subject?: NodeId;
  /** The node the message came from (the sender of a FAIL message). */
  sender?: NodeId;
  /** The writer's own id where a message states it: a crash report's CLUSTER NODES `myself` entry. */
  self?: NodeId;
  epoch?: number;
  rank?: number;
  offset?: number;
  /** repl.psync-refused: the highest offset of the old replication history this node can serve. */
  upTo?: number;
  delayMs?: number;
  /** ok | fail for cluster.state */
  state?: 'ok' | 'fail';
  reason?: string;
  address?: Address;
  signal?: number;
  version?: string;
  pid?: number;
  port?: number;
  /** cluster-node-timeout from a crash report's config section or CONFIG GET reply. */
  nodeTimeoutMs?: number;
  replid?: string;
  /** redis-cli: the command typed, or the reply text */
  command?: string;
  slot?: number;
}

/** One event of the merged timeline. */
export interface TimelineEvent {
  /** UTC ms since epoch, after zone/year resolution and any clock correction. */
  at: EpochMs;
  /** The node this line came from (bound by the source's own "I'm <id>" lines); null when unknown. */
  node: NodeId | null;
  /** Address of that node when known (learned from lines naming it). */
  address?: Address;
  kind: EventKind;
  fields: EventFields;
  /** The original text (the message after the prefix; whole block for multi-line events). */
  text: string;
  /** Display path of the input file. */
  source: string;
  /** 1-based line number of the (first) line. */
  line: number;
  /**
   * The emitting stream inside a source when one file holds several (kubectl `--prefix` pod/container,
   * journald `redis-server[pid]`, docker json `stream`); identity binding is per (source, stream).
   */
  stream?: string;
  /** Last line number of a multi-line block. */
  endLine?: number;
  pid?: number;
  role?: RoleChar;
  level?: LevelChar;
  /** True when the time was inferred (year-less stamp, snapshot without capture time, …). */
  timeInferred?: boolean;
  /**
   * Resolution of `at` when the line's only stamp is coarser than a millisecond: the line was written
   * in [at, at + grainMs). RFC 3164 syslog (Redis with `syslog-enabled` sends the message only and
   * the stamp has whole seconds) and journald `short` give 1000. Absent: millisecond stamps.
   */
  grainMs?: number;
}

/** How the lines of one source were accounted for. */
export interface LineCounts {
  lines: number;
  understood: number;
  ignored: number;
  unknown: number;
}
