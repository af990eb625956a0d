import { IGNORED } from './ignored.ts';

/**
 * One entry of the message catalog: a Redis/Valkey log message (the text after the line prefix) written as
 * a template close to its format string, e.g. `Marking node {subject:nodeId} as failing (quorum reached).`
 * (placeholder types: see template.ts). `kind` is the timeline event kind (an EventKind of src/model, checked
 * by src/parse/message.ts at compile time); entries with `ignore: true` are messages we recognise and do not
 * model. Field names are EventFields keys.
 */
export interface CatalogEntry {
  /** Stable id: samples and goldens are keyed by it. */
  readonly id: string;
  readonly kind?: string;
  readonly ignore?: true;
  readonly template: string;
  /**
   * Where the format string lives. Version ranges are the release tags read (redis 2.8.24 3.0.7 3.2.13 4.0.14
   * 5.0.14 6.0.20 6.2.16 7.0.15 7.2.6 7.4.1; valkey 7.2.7 8.0.1): "redis 3.0–7.0" means present in 3.0.7
   * through 7.0.15 and gone (reworded) in 7.2.6.
   */
  readonly src: string;
}

/*
 * Notes on choices (each checked against the sources cited):
 * - 4.0+ print two start lines: "oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo" (server.start) then
 *   "Redis version=…, pid=…, just started" (server.version, carrying version and pid), so one restart is one
 *   server.start. 2.8–3.2 print only "Server started, Redis version X" (server.start with the version).
 * - SIGTERM/SIGINT give "Received SIGTERM scheduling shutdown..." (from the signal handler, so in the
 *   `pid:signal-handler (secs)` line form) and then "User requested shutdown..." from prepareForShutdown:
 *   two server.shutdown-requested events for one request; SHUTDOWN gives only the second.
 * - Redis 7.2+ and Valkey print "%.40s (%s)" where %s is the node's human-readable name (hostname, often
 *   empty: "()"); the name is matched and dropped.
 * - "Currently unable to failover: <reason>" and "Failover auth denied to <id>: <reason>" have one entry per
 *   reason; fields.reason is the reason text as logged (a `tail` mark), other numbers go to their fields.
 *   There is no "no-failover" or "manual" reason in any version read (clusterLogCantFailover knows four
 *   reasons plus "Unknown reason code."), so election.no-failover / election.manual-waiting have no entry.
 * - "Discarding previously cached master state." is repl.cache-master (as events.ts lists it).
 * - fields.replid of repl.secondary-id is the NEW replication id; fields.offset the offset up to which the
 *   old (now secondary) id stays valid.
 * - cluster.failover-seen (7.4 / Valkey 8, a third node's view): sender = the node that lost the slots,
 *   subject = the node that took them over.
 * - The leading spaces of 2.8–3.0's "    Redis %s crashed by signal: %d" are trimmed before matching, as is
 *   all surrounding whitespace.
 */
export const TYPED = [
  // ---- server lifecycle
  {
    id: 'start-logo-line/redis',
    kind: 'server.start',
    template: 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
    src: 'redis 4.0–7.4 src/server.c main',
  },
  {
    id: 'start-logo-line/valkey',
    kind: 'server.start',
    template: 'oO0OoO0OoO0Oo Valkey is starting oO0OoO0OoO0Oo',
    src: 'valkey 7.2–8.0 src/server.c main',
  },
  {
    id: 'start/3.x',
    kind: 'server.start',
    template: 'Server started, Redis version {version:text}',
    src: 'redis 2.8–3.2 src/redis.c src/server.c main',
  },
  {
    id: 'version/redis',
    kind: 'server.version',
    template: 'Redis version={version:text}, bits={:int}, commit={:text}, modified={:int}, pid={pid:int}, just started',
    src: 'redis 4.0–7.4 src/server.c main',
  },
  {
    id: 'version/valkey',
    kind: 'server.version',
    template: 'Valkey version={version:text}, bits={:int}, commit={:text}, modified={:int}, pid={pid:int}, just started',
    src: 'valkey 7.2–8.0 src/server.c main',
  },
  {
    id: 'mode',
    kind: 'server.mode',
    template: 'Running mode={:text}, port={port:int}.',
    src: 'redis 4.0–7.4 src/server.c redisAsciiArt; valkey 7.2–8.0 src/server.c redisAsciiArt/serverAsciiArt',
  },
  {
    id: 'mode/3.x',
    kind: 'server.mode',
    template: 'Redis {version:text} ({:text}/{:int}) {:text} bit, {:text} mode, port {port:int}, pid {pid:int} ready to start.',
    src: 'redis 2.8–3.2 src/redis.c src/server.c redisAsciiArt',
  },
  { id: 'ready', kind: 'server.ready', template: 'Ready to accept connections', src: 'redis 4.0–7.0 src/server.c main' },
  {
    id: 'ready/7.2',
    kind: 'server.ready',
    template: 'Ready to accept connections {:word}',
    src: 'redis 7.2–7.4 src/server.c main; valkey 7.2–8.0 src/server.c main',
  },
  {
    id: 'ready/3.x-port',
    kind: 'server.ready',
    template: 'The server is now ready to accept connections on port {port:int}',
    src: 'redis 2.8–3.2 src/redis.c src/server.c main',
  },
  {
    id: 'ready/unix',
    kind: 'server.ready',
    template: 'The server is now ready to accept connections at {:text}',
    src: 'redis 2.8–7.0 src/redis.c src/server.c main',
  },
  {
    id: 'config-loaded',
    kind: 'server.config-loaded',
    template: 'Configuration loaded',
    src: 'redis 4.0–7.4 src/server.c main; valkey 7.2–8.0 src/server.c main',
  },
  {
    id: 'shutdown/signal-name',
    kind: 'server.shutdown-requested',
    template: 'Received {signal:signame} scheduling shutdown...',
    src: 'redis 2.8–7.4 src/server.c (3.0: src/redis.c) sigShutdownHandler; valkey 7.2–8.0 src/server.c sigShutdownHandler',
  },
  {
    id: 'shutdown/signal',
    kind: 'server.shutdown-requested',
    template: 'Received shutdown signal, scheduling shutdown...',
    src: 'redis 2.8–7.4 src/server.c (3.0: src/redis.c) sigShutdownHandler; valkey 7.2–8.0 src/server.c sigShutdownHandler',
  },
  {
    id: 'shutdown/loading-7.0',
    kind: 'server.shutdown-requested',
    template: 'Received shutdown signal during loading, scheduling shutdown.',
    src: 'redis 7.0–7.4 src/server.c sigShutdownHandler; valkey 7.2–8.0 src/server.c sigShutdownHandler',
  },
  {
    id: 'shutdown/user',
    kind: 'server.shutdown-requested',
    template: 'User requested shutdown...',
    src: 'redis 2.8–7.4 src/redis.c src/server.c prepareForShutdown; valkey 7.2–8.0 src/server.c prepareForShutdown',
  },
  {
    id: 'shutdown/user-valkey8',
    kind: 'server.shutdown-requested',
    template: "User requested shutdown... (user request from '{:text}')",
    src: 'valkey 8.0 src/server.c prepareForShutdown',
  },
  {
    id: 'exit',
    kind: 'server.exit',
    template: '{:word} is now ready to exit, bye bye...',
    src: 'redis 2.8–7.4 src/redis.c src/server.c finishShutdown/prepareForShutdown; valkey 7.2–8.0 src/server.c finishShutdown',
  },
  {
    id: 'exit/loading',
    kind: 'server.exit',
    template: 'Received shutdown signal during loading, exiting now.',
    src: 'redis 5.0–6.2 src/server.c sigShutdownHandler',
  },
  {
    id: 'exit/insist',
    kind: 'server.exit',
    template: 'You insist... exiting now.',
    src: 'redis 2.8–7.2 src/redis.c src/server.c sigShutdownHandler; valkey 7.2 src/server.c sigShutdownHandler',
  },
  {
    id: 'exit/fatal-load',
    kind: 'server.exit',
    template: 'Fatal error loading the DB: {reason:text}. Exiting.',
    src: 'redis 2.8–7.0 src/redis.c src/server.c loadDataFromDisk',
  },
  {
    id: 'exit/fatal-load-7.2',
    kind: 'server.exit',
    template: 'Fatal error loading the DB, check server logs. Exiting.',
    src: 'redis 7.2–7.4 src/server.c loadDataFromDisk; valkey 7.2–8.0 src/server.c loadDataFromDisk',
  },
  {
    id: 'exit/no-listen',
    kind: 'server.exit',
    template: 'Configured to not listen anywhere, exiting.',
    src: 'redis 2.8–7.4 src/redis.c src/server.c initListeners/initServer; valkey 7.2–8.0 src/server.c initListeners',
  },
  {
    id: 'exit/listen',
    kind: 'server.exit',
    template: 'Failed listening on port {port:int} ({:word}), aborting.',
    src: 'redis 6.2–7.0 src/server.c initServer "(TCP)"/"(TLS)", 6.2–7.4 src/cluster.c|cluster_legacy.c clusterInit "(cluster)", 7.2–7.4 src/server.c initListeners "(%s)"; valkey 7.2–8.0 src/server.c initListeners, src/cluster_legacy.c clusterInitListeners',
  },
  {
    id: 'exit/keys-not-db0',
    kind: 'server.exit',
    template: "You can't have keys in a DB different than DB 0 when in Cluster mode. Exiting.",
    src: 'redis 3.0–7.0 src/redis.c src/server.c main',
  },
  {
    id: 'exit/config-locked',
    kind: 'server.exit',
    template:
      'Sorry, the cluster configuration file {:text} is already used by a different Redis Cluster node. Please make sure that different nodes use different cluster configuration files.',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterLockConfig; valkey 7.2 src/cluster.c clusterLockConfig',
  },
  {
    id: 'exit/config-locked-valkey8',
    kind: 'server.exit',
    template:
      'Sorry, the cluster configuration file {:text} is already used by a different Cluster node. Please make sure that different nodes use different cluster configuration files.',
    src: 'valkey 8.0 src/cluster_legacy.c clusterLockConfig',
  },
  {
    id: 'exit/config-corrupted',
    kind: 'server.exit',
    template: 'Unrecoverable error: corrupted cluster config file.',
    src: 'redis 3.0–7.0 src/cluster.c clusterLoadConfig',
  },
  {
    id: 'exit/config-corrupted-7.2',
    kind: 'server.exit',
    template: 'Unrecoverable error: corrupted cluster config file "{:text}".',
    src: 'redis 7.2–7.4 src/cluster.c src/cluster_legacy.c clusterLoadConfig; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterLoadConfig',
  },
  {
    id: 'exit/config-save',
    kind: 'server.exit',
    template: "Fatal: can't update cluster config file.",
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterSaveConfigOrDie; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterSaveConfigOrDie',
  },
  {
    id: 'crash/2.8',
    kind: 'server.crash',
    template: 'Redis {version:text} crashed by signal: {signal:int}',
    src: 'redis 2.8–3.0 src/debug.c sigsegvHandler ("    Redis %s crashed by signal: %d", leading spaces trimmed), 3.2–5.0 src/debug.c sigsegvHandler',
  },
  {
    id: 'crash/6.0',
    kind: 'server.crash',
    template: 'Redis {version:text} crashed by signal: {signal:int}, si_code: {:int}',
    src: 'redis 6.0–7.4 src/debug.c sigsegvHandler',
  },
  {
    id: 'crash/valkey',
    kind: 'server.crash',
    template: 'valkey {version:text} crashed by signal: {signal:int}, si_code: {:int}',
    src: 'valkey 7.2–8.0 src/debug.c invalidFunctionWasCalled/sigsegvHandler',
  },
  {
    id: 'crash/assert',
    kind: 'server.crash',
    template: '=== {:text}ASSERTION FAILED ===',
    src: 'redis 2.8–7.2 src/debug.c _serverAssert "=== ASSERTION FAILED ===", 7.4 "=== %sASSERTION FAILED ===" (%s: "" or "RECURSIVE "); valkey 7.2 same as redis 7.2, 8.0 as redis 7.4',
  },
  {
    id: 'crash/panic',
    kind: 'server.crash',
    template: 'Guru Meditation: {reason:rest}',
    src: 'redis 2.8–7.4 src/debug.c _redisPanic/_serverPanic; valkey 7.2–8.0 src/debug.c _serverAssertWithInfo/_serverPanic',
  },
  // ---- node identity and addresses
  {
    id: 'identity/new',
    kind: 'node.identity',
    template: "No cluster configuration found, I'm {subject:nodeId}",
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterInit; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterInit',
  },
  {
    id: 'identity/loaded',
    kind: 'node.identity',
    template: "Node configuration loaded, I'm {subject:nodeId}",
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterLoadConfig; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterLoadConfig',
  },
  {
    id: 'identity/hard-reset',
    kind: 'node.identity',
    template: "Node hard reset, now I'm {subject:nodeId}",
    src: 'redis 3.2–7.4 src/cluster.c src/cluster_legacy.c clusterReset; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterReset',
  },
  {
    id: 'address/3.0',
    kind: 'node.address-updated',
    template: 'Address updated for node {subject:nodeId}, now {address:addr}',
    src: 'redis 3.0–7.0 src/cluster.c nodeUpdateAddressIfNeeded',
  },
  {
    id: 'address/7.2',
    kind: 'node.address-updated',
    template: 'Address updated for node {subject:nodeId} ({:text}), now {address:addr}',
    src: 'redis 7.2–7.4 src/cluster.c src/cluster_legacy.c nodeUpdateAddressIfNeeded; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterProcessGossipSection/nodeUpdateAddressIfNeeded',
  },
  // ---- failure detection
  {
    id: 'pfail/3.0',
    kind: 'cluster.pfail',
    template: '*** NODE {subject:nodeId} possibly failing',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterCron; valkey 7.2 src/cluster.c clusterCron',
  },
  {
    id: 'pfail/valkey8',
    kind: 'cluster.pfail',
    template: 'NODE {subject:nodeId} ({:text}) possibly failing.',
    src: 'valkey 8.0 src/cluster_legacy.c clusterCron',
  },
  {
    id: 'pfail-report/3.0',
    kind: 'cluster.pfail-reported',
    template: 'Node {sender:nodeId} reported node {subject:nodeId} as not reachable.',
    src: 'redis 3.0–7.0 src/cluster.c clusterProcessGossipSection',
  },
  {
    id: 'pfail-report/7.2',
    kind: 'cluster.pfail-reported',
    template: 'Node {sender:nodeId} ({:text}) reported node {subject:nodeId} ({:text}) as not reachable.',
    src: 'redis 7.2–7.4 src/cluster.c src/cluster_legacy.c clusterProcessGossipSection; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterProcessGossipSection',
  },
  {
    id: 'online-report/3.0',
    kind: 'cluster.online-reported',
    template: 'Node {sender:nodeId} reported node {subject:nodeId} is back online.',
    src: 'redis 3.0–7.0 src/cluster.c clusterProcessGossipSection',
  },
  {
    id: 'online-report/7.2',
    kind: 'cluster.online-reported',
    template: 'Node {sender:nodeId} ({:text}) reported node {subject:nodeId} ({:text}) is back online.',
    src: 'redis 7.2–7.4 src/cluster.c src/cluster_legacy.c clusterProcessGossipSection; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterProcessGossipSection',
  },
  // node->ip and node->cport: the address of its cluster bus (client port + 10000 unless cluster-port or
  // cluster-announce-bus-port says otherwise, redis 7.0 cluster.c clusterUpdateMyselfAnnouncedPorts).
  {
    id: 'bus-connect-failed',
    kind: 'cluster.bus-connect-failed',
    template: 'Connection with Node {subject:nodeId} at {address:addr} failed: {reason:text}',
    src: 'redis 6.0–7.4 src/cluster.c src/cluster_legacy.c clusterLinkConnectHandler; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterLinkConnectHandler',
  },
  {
    id: 'fail-marked/3.0',
    kind: 'cluster.fail-marked',
    template: 'Marking node {subject:nodeId} as failing (quorum reached).',
    src: 'redis 3.0–7.0 src/cluster.c markNodeAsFailingIfNeeded',
  },
  {
    id: 'fail-marked/7.2',
    kind: 'cluster.fail-marked',
    template: 'Marking node {subject:nodeId} ({:text}) as failing (quorum reached).',
    src: 'redis 7.2–7.4 src/cluster.c src/cluster_legacy.c markNodeAsFailingIfNeeded; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c markNodeAsFailingIfNeeded',
  },
  {
    id: 'fail-received/3.0',
    kind: 'cluster.fail-received',
    template: 'FAIL message received from {sender:nodeId} about {subject:nodeId}',
    src: 'redis 3.0–7.0 src/cluster.c clusterProcessPacket',
  },
  {
    id: 'fail-received/7.2',
    kind: 'cluster.fail-received',
    template: 'FAIL message received from {sender:nodeId} ({:text}) about {subject:nodeId} ({:text})',
    src: 'redis 7.2–7.4 src/cluster.c src/cluster_legacy.c clusterProcessPacket; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterProcessPacket',
  },
  {
    id: 'fail-cleared/3.0',
    kind: 'cluster.fail-cleared',
    template: 'Clear FAIL state for node {subject:nodeId}: {reason:rest}',
    src: 'redis 3.0–7.0 src/cluster.c clearNodeFailureIfNeeded ("%s is reachable again." with %s "master without slots"/"replica"/"slave", and "is reachable again and nobody is serving its slots after some time.")',
  },
  {
    id: 'fail-cleared/7.2',
    kind: 'cluster.fail-cleared',
    template: 'Clear FAIL state for node {subject:nodeId} ({:text}):{reason:rest}',
    src: 'redis 7.2–7.4 src/cluster.c|cluster_legacy.c clearNodeFailureIfNeeded ("(%s):%s is reachable again." and "(%s): is reachable again and nobody is serving its slots after some time."); valkey 7.2 same, 8.0 src/cluster_legacy.c ("(%s): %s is reachable again.")',
  },
  {
    id: 'state',
    kind: 'cluster.state',
    template: 'Cluster state changed: {state:word}',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterUpdateState; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterUpdateState',
  },
  // ---- elections
  {
    id: 'election-delayed',
    kind: 'election.delayed',
    template: 'Start of election delayed for {delayMs:int} milliseconds (rank #{rank:int}, offset {offset:int}).',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterHandleSlaveFailover; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterHandleReplicaFailover/clusterHandleSlaveFailover',
  },
  {
    id: 'rank-updated/3.0',
    kind: 'election.rank-updated',
    template: 'Slave rank updated to #{rank:int}, added {delayMs:int} milliseconds of delay.',
    src: 'redis 3.0–4.0 src/cluster.c clusterHandleSlaveFailover',
  },
  {
    id: 'rank-updated/5.0',
    kind: 'election.rank-updated',
    template: 'Replica rank updated to #{rank:int}, added {delayMs:int} milliseconds of delay.',
    src: 'redis 5.0–7.4 src/cluster.c src/cluster_legacy.c clusterHandleSlaveFailover; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterHandleReplicaFailover/clusterHandleSlaveFailover',
  },
  {
    id: 'election-started',
    kind: 'election.started',
    template: 'Starting a failover election for epoch {epoch:int}.',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterHandleSlaveFailover; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterHandleReplicaFailover/clusterHandleSlaveFailover',
  },
  {
    id: 'election-won/master',
    kind: 'election.won',
    template: "Failover election won: I'm the new master.",
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterHandleSlaveFailover; valkey 7.2 src/cluster.c clusterHandleSlaveFailover',
  },
  {
    id: 'election-won/primary',
    kind: 'election.won',
    template: "Failover election won: I'm the new primary.",
    src: 'valkey 8.0 src/cluster_legacy.c clusterHandleReplicaFailover',
  },
  {
    id: 'cant-failover/expired',
    kind: 'election.expired',
    template: 'Currently unable to failover: {reason:tail}Failover attempt expired.',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterLogCantFailover; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterLogCantFailover',
  },
  {
    id: 'cant-failover/votes',
    kind: 'election.waiting-votes',
    template: 'Currently unable to failover: {reason:tail}Waiting for votes, but majority still not reached.',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterLogCantFailover; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterLogCantFailover',
  },
  {
    id: 'cant-failover/delay',
    kind: 'election.waiting-delay',
    template: 'Currently unable to failover: {reason:tail}Waiting the delay before I can start a new failover.',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterLogCantFailover; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterLogCantFailover',
  },
  {
    id: 'cant-failover/data-age-3.0',
    kind: 'election.data-too-old',
    template:
      "Currently unable to failover: {reason:tail}Disconnected from master for longer than allowed. Please check the 'cluster-slave-validity-factor' configuration option.",
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterLogCantFailover; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterLogCantFailover',
  },
  {
    id: 'cant-failover/data-age-5.0',
    kind: 'election.data-too-old',
    template:
      "Currently unable to failover: {reason:tail}Disconnected from master for longer than allowed. Please check the 'cluster-replica-validity-factor' configuration option.",
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterLogCantFailover; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterLogCantFailover',
  },
  {
    id: 'cant-failover/data-age-valkey8',
    kind: 'election.data-too-old',
    template:
      "Currently unable to failover: {reason:tail}Disconnected from primary for longer than allowed. Please check the 'cluster-replica-validity-factor' configuration option.",
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterLogCantFailover; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterLogCantFailover',
  },
  {
    id: 'cant-failover/unknown',
    kind: 'election.unable',
    template: 'Currently unable to failover: {reason:tail}Unknown reason code.',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterLogCantFailover; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterLogCantFailover',
  },
  // ---- votes
  {
    id: 'vote-granted/3.0',
    kind: 'vote.granted',
    template: 'Failover auth granted to {subject:nodeId} for epoch {epoch:int}',
    src: 'redis 3.0–7.0 src/cluster.c clusterSendFailoverAuthIfNeeded',
  },
  {
    id: 'vote-granted/7.2',
    kind: 'vote.granted',
    template: 'Failover auth granted to {subject:nodeId} ({:text}) for epoch {epoch:int}',
    src: 'redis 7.2–7.4 src/cluster.c src/cluster_legacy.c clusterSendFailoverAuthIfNeeded; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterSendFailoverAuthIfNeeded',
  },
  {
    id: 'vote-denied/req-epoch-3.0',
    kind: 'vote.denied',
    template: 'Failover auth denied to {subject:nodeId}: {reason:tail}reqEpoch ({epoch:int}) < curEpoch({:int})',
    src: 'redis 3.0–7.0 src/cluster.c clusterSendFailoverAuthIfNeeded',
  },
  {
    id: 'vote-denied/voted-3.0',
    kind: 'vote.denied',
    template: 'Failover auth denied to {subject:nodeId}: {reason:tail}already voted for epoch {epoch:int}',
    src: 'redis 3.0–7.0 src/cluster.c clusterSendFailoverAuthIfNeeded',
  },
  {
    id: 'vote-denied/is-master-3.0',
    kind: 'vote.denied',
    template: 'Failover auth denied to {subject:nodeId}: {reason:tail}it is a master node',
    src: 'redis 3.0–7.0 src/cluster.c clusterSendFailoverAuthIfNeeded',
  },
  {
    id: 'vote-denied/unknown-master-3.0',
    kind: 'vote.denied',
    template: "Failover auth denied to {subject:nodeId}: {reason:tail}I don't know its master",
    src: 'redis 3.0–7.0 src/cluster.c clusterSendFailoverAuthIfNeeded',
  },
  {
    id: 'vote-denied/master-up-3.0',
    kind: 'vote.denied',
    template: 'Failover auth denied to {subject:nodeId}: {reason:tail}its master is up',
    src: 'redis 3.0–7.0 src/cluster.c clusterSendFailoverAuthIfNeeded',
  },
  {
    id: 'vote-denied/slot-epoch-3.0',
    kind: 'vote.denied',
    template: 'Failover auth denied to {subject:nodeId}: {reason:tail}slot {slot:int} epoch ({:int}) > reqEpoch ({epoch:int})',
    src: 'redis 3.0–7.0 src/cluster.c clusterSendFailoverAuthIfNeeded',
  },
  {
    id: 'vote-denied/req-epoch-7.2',
    kind: 'vote.denied',
    template: 'Failover auth denied to {subject:nodeId} ({:text}): {reason:tail}reqEpoch ({epoch:int}) < curEpoch({:int})',
    src: 'redis 7.2–7.4 src/cluster.c src/cluster_legacy.c clusterSendFailoverAuthIfNeeded; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterSendFailoverAuthIfNeeded',
  },
  {
    id: 'vote-denied/voted-7.2',
    kind: 'vote.denied',
    template: 'Failover auth denied to {subject:nodeId} ({:text}): {reason:tail}already voted for epoch {epoch:int}',
    src: 'redis 7.2–7.4 src/cluster.c src/cluster_legacy.c clusterSendFailoverAuthIfNeeded; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterSendFailoverAuthIfNeeded',
  },
  {
    id: 'vote-denied/is-master-7.2',
    kind: 'vote.denied',
    template: 'Failover auth denied to {subject:nodeId} ({:text}): {reason:tail}it is a master node',
    src: 'redis 7.2–7.4 src/cluster.c src/cluster_legacy.c clusterSendFailoverAuthIfNeeded; valkey 7.2 src/cluster.c clusterSendFailoverAuthIfNeeded',
  },
  {
    id: 'vote-denied/unknown-master-7.2',
    kind: 'vote.denied',
    template: "Failover auth denied to {subject:nodeId} ({:text}): {reason:tail}I don't know its master",
    src: 'redis 7.2–7.4 src/cluster.c src/cluster_legacy.c clusterSendFailoverAuthIfNeeded; valkey 7.2 src/cluster.c clusterSendFailoverAuthIfNeeded',
  },
  {
    id: 'vote-denied/master-up-7.2',
    kind: 'vote.denied',
    template: 'Failover auth denied to {subject:nodeId} ({:text}): {reason:tail}its master is up',
    src: 'redis 7.2–7.4 src/cluster.c src/cluster_legacy.c clusterSendFailoverAuthIfNeeded; valkey 7.2 src/cluster.c clusterSendFailoverAuthIfNeeded',
  },
  {
    id: 'vote-denied/too-soon',
    kind: 'vote.denied',
    template:
      "Failover auth denied to {subject:nodeId}{:text}: {reason:tail}can't vote about this master before {delayMs:int} milliseconds",
    src: 'redis 3.0–7.0 src/cluster.c clusterSendFailoverAuthIfNeeded "%.40s: can\'t vote about this master before %lld milliseconds", 7.2–7.4 src/cluster.c|cluster_legacy.c "%.40s %s: …" (human node name without parentheses); valkey 7.2 same as redis 7.2',
  },
  {
    id: 'vote-denied/slot-epoch-7.2',
    kind: 'vote.denied',
    template: 'Failover auth denied to {subject:nodeId} ({:text}): {reason:tail}slot {slot:int} epoch ({:int}) > reqEpoch ({epoch:int})',
    src: 'redis 7.2–7.4 src/cluster.c src/cluster_legacy.c clusterSendFailoverAuthIfNeeded; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterSendFailoverAuthIfNeeded',
  },
  {
    id: 'vote-denied/is-primary-valkey8',
    kind: 'vote.denied',
    template: 'Failover auth denied to {subject:nodeId} ({:text}) for epoch {epoch:int}: {reason:tail}it is a primary node',
    src: 'valkey 8.0 src/cluster_legacy.c clusterSendFailoverAuthIfNeeded',
  },
  {
    id: 'vote-denied/unknown-primary-valkey8',
    kind: 'vote.denied',
    template: "Failover auth denied to {subject:nodeId} ({:text}) for epoch {epoch:int}: {reason:tail}I don't know its primary",
    src: 'valkey 8.0 src/cluster_legacy.c clusterSendFailoverAuthIfNeeded',
  },
  {
    id: 'vote-denied/primary-up-valkey8',
    kind: 'vote.denied',
    template: 'Failover auth denied to {subject:nodeId} ({:text}) for epoch {epoch:int}: {reason:tail}its primary is up',
    src: 'valkey 8.0 src/cluster_legacy.c clusterSendFailoverAuthIfNeeded',
  },
  {
    id: 'vote-denied/too-soon-valkey8',
    kind: 'vote.denied',
    template:
      "Failover auth denied to {subject:nodeId}{:text}: {reason:tail}can't vote about this primary before {delayMs:int} milliseconds",
    src: 'valkey 8.0 src/cluster_legacy.c clusterSendFailoverAuthIfNeeded',
  },
  // ---- config epochs
  {
    id: 'epoch/failover',
    kind: 'epoch.set',
    template: 'configEpoch set to {epoch:int} after successful failover',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterHandleSlaveFailover; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterHandleReplicaFailover/clusterHandleSlaveFailover',
  },
  {
    id: 'epoch/set-config-epoch',
    kind: 'epoch.set',
    template: 'configEpoch set to {epoch:int} via CLUSTER SET-CONFIG-EPOCH',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterCommand/clusterCommandSpecial; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterCommand/clusterCommandSpecial',
  },
  {
    id: 'epoch/reset-hard',
    kind: 'epoch.set',
    template: 'configEpoch set to {epoch:int} via CLUSTER RESET HARD',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterReset; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterReset',
  },
  {
    id: 'epoch/collision-3.0',
    kind: 'epoch.collision',
    template: 'WARNING: configEpoch collision with node {subject:nodeId}. configEpoch set to {epoch:int}',
    src: 'redis 3.0–7.0 src/cluster.c clusterHandleConfigEpochCollision',
  },
  {
    id: 'epoch/collision-7.2',
    kind: 'epoch.collision',
    template: 'WARNING: configEpoch collision with node {subject:nodeId} ({:text}). configEpoch set to {epoch:int}',
    src: 'redis 7.2–7.4 src/cluster.c src/cluster_legacy.c clusterHandleConfigEpochCollision; valkey 7.2 src/cluster.c clusterHandleConfigEpochCollision',
  },
  {
    id: 'epoch/collision-valkey8',
    kind: 'epoch.collision',
    template: 'configEpoch collision with node {subject:nodeId} ({:text}). configEpoch set to {epoch:int}',
    src: 'valkey 8.0 src/cluster_legacy.c clusterHandleConfigEpochCollision',
  },
  {
    id: 'epoch/bumped',
    kind: 'epoch.bumped',
    template: 'New configEpoch set to {epoch:int}',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterBumpConfigEpochWithoutConsensus; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterBumpConfigEpochWithoutConsensus',
  },
  // ---- manual failover (CLUSTER FAILOVER [FORCE|TAKEOVER]; standalone FAILOVER command in 6.2+)
  {
    id: 'manual/requested',
    kind: 'manual.requested',
    template: 'Manual failover user request accepted.',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterCommand/clusterCommandSpecial; valkey 7.2 src/cluster.c clusterCommand',
  },
  {
    id: 'manual/requested-valkey8',
    kind: 'manual.requested',
    template: "Manual failover user request accepted (user request from '{:text}').",
    src: 'valkey 8.0 src/cluster_legacy.c clusterCommandSpecial',
  },
  {
    id: 'manual/by-slave',
    kind: 'manual.master-paused',
    template: 'Manual failover requested by slave {subject:nodeId}.',
    src: 'redis 3.0–4.0 src/cluster.c clusterProcessPacket',
  },
  {
    id: 'manual/by-replica-5.0',
    kind: 'manual.master-paused',
    template: 'Manual failover requested by replica {subject:nodeId}.',
    src: 'redis 5.0–7.0 src/cluster.c clusterProcessPacket',
  },
  {
    id: 'manual/by-replica-7.2',
    kind: 'manual.master-paused',
    template: 'Manual failover requested by replica {subject:nodeId} ({:text}).',
    src: 'redis 7.2–7.4 src/cluster.c src/cluster_legacy.c clusterProcessPacket; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c clusterProcessPacket',
  },
  {
    id: 'manual/ready-master',
    kind: 'manual.ready',
    template: 'All master replication stream processed, manual failover can start.',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterHandleManualFailover; valkey 7.2 src/cluster.c clusterHandleManualFailover',
  },
  {
    id: 'manual/ready-primary',
    kind: 'manual.ready',
    template: 'All primary replication stream processed, manual failover can start.',
    src: 'valkey 8.0 src/cluster_legacy.c clusterHandleManualFailover',
  },
  {
    id: 'manual/offset-master',
    kind: 'manual.offset',
    template: 'Received replication offset for paused master manual failover: {offset:int}',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterProcessPacket; valkey 7.2 src/cluster.c clusterProcessPacket',
  },
  {
    id: 'manual/offset-primary',
    kind: 'manual.offset',
    template: 'Received replication offset for paused primary manual failover: {offset:int}',
    src: 'valkey 8.0 src/cluster_legacy.c clusterProcessPacket',
  },
  {
    id: 'manual/timeout',
    kind: 'manual.timeout',
    template: 'Manual failover timed out.',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c manualFailoverCheckTimeout; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c manualFailoverCheckTimeout',
  },
  {
    id: 'manual/takeover',
    kind: 'manual.takeover',
    template: 'Taking over the master (user request).',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterCommand/clusterCommandSpecial; valkey 7.2 src/cluster.c clusterCommand',
  },
  {
    id: 'manual/takeover-valkey8',
    kind: 'manual.takeover',
    template: "Taking over the primary (user request from '{:text}').",
    src: 'valkey 8.0 src/cluster_legacy.c clusterCommandSpecial',
  },
  {
    id: 'manual/force',
    kind: 'manual.force',
    template: 'Forced failover user request accepted.',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterCommand/clusterCommandSpecial; valkey 7.2 src/cluster.c clusterCommand',
  },
  {
    id: 'manual/force-valkey8',
    kind: 'manual.force',
    template: "Forced failover user request accepted (user request from '{:text}').",
    src: 'valkey 8.0 src/cluster_legacy.c clusterCommandSpecial',
  },
  {
    id: 'failover-cmd/requested',
    kind: 'manual.requested',
    template: 'FAILOVER requested to {address:addr}.',
    src: 'redis 6.2–7.4 src/replication.c failoverCommand; valkey 7.2–8.0 src/replication.c failoverCommand',
  },
  {
    id: 'failover-cmd/requested-any',
    kind: 'manual.requested',
    template: 'FAILOVER requested to any replica.',
    src: 'redis 6.2–7.4 src/replication.c failoverCommand; valkey 7.2–8.0 src/replication.c failoverCommand',
  },
  {
    id: 'failover-cmd/aborted',
    kind: 'manual.aborted',
    template: 'FAILOVER to {address:addr} aborted: {reason:text}',
    src: 'redis 6.2–7.4 src/replication.c abortFailover; valkey 7.2–8.0 src/replication.c abortFailover',
  },
  {
    id: 'failover-cmd/aborted-any',
    kind: 'manual.aborted',
    template: 'FAILOVER to any replica aborted: {reason:text}',
    src: 'redis 6.2–7.4 src/replication.c abortFailover; valkey 7.2–8.0 src/replication.c abortFailover',
  },
  {
    id: 'failover-cmd/timeout',
    kind: 'manual.timeout',
    template: 'FAILOVER to {address:addr} time out exceeded, failing over.',
    src: 'redis 6.2–7.4 src/replication.c updateFailoverStatus; valkey 7.2–8.0 src/replication.c updateFailoverStatus',
  },
  {
    id: 'failover-cmd/synced',
    kind: 'manual.ready',
    template: 'Failover target {address:addr} is synced, failing over.',
    src: 'redis 6.2–7.4 src/replication.c updateFailoverStatus; valkey 7.2–8.0 src/replication.c updateFailoverStatus',
  },
  // ---- roles
  {
    id: 'replica-of/3.0',
    kind: 'role.replica-of',
    template: 'Configuration change detected. Reconfiguring myself as a replica of {subject:nodeId}',
    src: 'redis 3.0–7.0 src/cluster.c clusterCommand/clusterUpdateSlotsConfigWith',
  },
  {
    id: 'replica-of/7.2',
    kind: 'role.replica-of',
    template: 'Configuration change detected. Reconfiguring myself as a replica of {subject:nodeId} ({:text})',
    src: 'redis 7.2–7.4 src/cluster.c src/cluster_legacy.c clusterCommand/clusterCommandSpecial/clusterUpdateSlotsConfigWith; valkey 7.2 src/cluster.c clusterCommand/clusterUpdateSlotsConfigWith',
  },
  {
    id: 'replica-of/valkey8',
    kind: 'role.replica-of',
    template: 'Configuration change detected. Reconfiguring myself as a replica of node {subject:nodeId} ({:text}) in shard {:nodeId}',
    src: 'valkey 8.0 src/cluster_legacy.c clusterUpdateSlotsConfigWith',
  },
  {
    id: 'sub-replica/7.0',
    kind: 'role.replica-of',
    template: "I'm a sub-replica! Reconfiguring myself as a replica of grandmaster {subject:nodeId}",
    src: 'redis 7.0 src/cluster.c clusterUpdateSlotsConfigWith',
  },
  {
    id: 'sub-replica/7.2',
    kind: 'role.replica-of',
    template: "I'm a sub-replica! Reconfiguring myself as a replica of grandmaster {subject:nodeId} ({:text})",
    src: 'redis 7.2–7.4 src/cluster.c src/cluster_legacy.c clusterUpdateSlotsConfigWith; valkey 7.2 src/cluster.c clusterUpdateSlotsConfigWith',
  },
  {
    id: 'sub-replica/valkey8',
    kind: 'role.replica-of',
    template: "I'm a sub-replica! Reconfiguring myself as a replica of {subject:nodeId} from {:nodeId}",
    src: 'valkey 8.0 src/cluster_legacy.c clusterProcessPacket',
  },
  {
    id: 'orphan-migration/master',
    kind: 'role.replica-of',
    template: 'Migrating to orphaned master {subject:nodeId}',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterHandleSlaveMigration; valkey 7.2 src/cluster.c clusterHandleSlaveMigration',
  },
  {
    id: 'orphan-migration/primary',
    kind: 'role.replica-of',
    template: 'Migrating to orphaned primary {subject:nodeId} ({:text}) in shard {:nodeId}',
    src: 'valkey 8.0 src/cluster_legacy.c clusterHandleReplicaMigration',
  },
  {
    id: 'lost-last-slot/valkey8',
    kind: 'role.replica-of',
    template: 'Lost my last slot during slot migration. Reconfiguring myself as a replica of {subject:nodeId} ({:text}) in shard {:nodeId}',
    src: 'valkey 8.0 src/cluster_legacy.c clusterCommandSetSlot',
  },
  {
    id: 'replicaof-cmd/slaveof',
    kind: 'role.replica-of',
    template: "SLAVE OF {address:addr} enabled (user request from '{:text}')",
    src: 'redis 2.8–4.0 src/replication.c slaveofCommand',
  },
  {
    id: 'replicaof-cmd/replicaof',
    kind: 'role.replica-of',
    template: "REPLICAOF {address:addr} enabled (user request from '{:text}')",
    src: 'redis 5.0–7.4 src/replication.c replicaofCommand; valkey 7.2–8.0 src/replication.c replicaofCommand',
  },
  {
    id: 'master-mode/user',
    kind: 'role.master',
    template: "MASTER MODE enabled (user request from '{:text}')",
    src: 'redis 2.8–7.4 src/replication.c replicaofCommand/slaveofCommand; valkey 7.2 src/replication.c replicaofCommand',
  },
  {
    id: 'master-mode/failover',
    kind: 'role.master',
    template: "MASTER MODE enabled (failover request from '{:text}')",
    src: 'redis 6.2–7.4 src/replication.c syncCommand; valkey 7.2 src/replication.c syncCommand',
  },
  {
    id: 'primary-mode/user',
    kind: 'role.master',
    template: "PRIMARY MODE enabled (user request from '{:text}')",
    src: 'valkey 8.0 src/replication.c replicaofCommand',
  },
  {
    id: 'primary-mode/failover',
    kind: 'role.master',
    template: "PRIMARY MODE enabled (failover request from '{:text}')",
    src: 'valkey 8.0 src/replication.c syncCommand',
  },
  {
    id: 'primary-after-failover/valkey-unstable',
    kind: 'role.master',
    template: 'Setting myself to primary in shard {:nodeId} after failover; my old primary is {subject:nodeId} ({:text})',
    src: 'valkey unstable after 8.0.1 (2024-10-25) src/cluster_legacy.c clusterFailoverReplaceYourPrimary',
  },
  {
    id: 'empty-primary/valkey8',
    kind: 'role.lost-slots',
    template: 'My last slot was migrated to node {subject:nodeId} ({:text}) in shard {:nodeId}. I am now an empty primary.',
    src: 'valkey 8.0 src/cluster_legacy.c clusterCommandSetSlot/clusterUpdateSlotsConfigWith',
  },
  {
    id: 'failover-seen/7.4',
    kind: 'cluster.failover-seen',
    template:
      'A failover occurred in shard {:nodeId}; node {sender:nodeId} ({:text}) lost {:int} slot(s) to node {subject:nodeId} ({:text}) with a config epoch of {epoch:int}',
    src: 'redis 7.4 src/cluster_legacy.c clusterProcessPacket',
  },
  {
    id: 'failover-seen/valkey8',
    kind: 'cluster.failover-seen',
    template:
      'A failover occurred in shard {:nodeId}; node {sender:nodeId} ({:text}) failed over to node {subject:nodeId} ({:text}) with a config epoch of {epoch:int}',
    src: 'valkey 8.0 src/cluster_legacy.c clusterProcessPacket',
  },
  // ---- replication, replica side
  {
    id: 'link-lost/master',
    kind: 'repl.link-lost',
    template: 'Connection with master lost.',
    src: 'redis 2.8–7.4 src/networking.c freeClient; valkey 7.2 src/networking.c freeClient',
  },
  {
    id: 'link-lost/primary',
    kind: 'repl.link-lost',
    template: 'Connection with primary lost.',
    src: 'valkey 8.0 src/networking.c freeClient',
  },
  {
    id: 'timeout/master',
    kind: 'repl.timeout',
    template: 'MASTER timeout: no data nor PING received...',
    src: 'redis 2.8–7.4 src/replication.c replicationCron; valkey 7.2 src/replication.c replicationCron',
  },
  {
    id: 'timeout-connect/master',
    kind: 'repl.timeout',
    template: 'Timeout connecting to the MASTER...',
    src: 'redis 2.8–7.4 src/replication.c replicationCron; valkey 7.2 src/replication.c replicationCron',
  },
  {
    id: 'timeout-bulk/master',
    kind: 'repl.timeout',
    template:
      "Timeout receiving bulk data from MASTER... If the problem persists try to set the 'repl-timeout' parameter in redis.conf to a larger value.",
    src: 'redis 2.8–7.4 src/replication.c replicationCron; valkey 7.2 src/replication.c replicationCron',
  },
  {
    id: 'connecting/master',
    kind: 'repl.connecting',
    template: 'Connecting to MASTER {address:addr}',
    src: 'redis 2.8–7.4 src/replication.c replicationCron/replicationSetMaster; valkey 7.2 src/replication.c replicationCron/replicationSetMaster',
  },
  {
    id: 'reconnecting/master',
    kind: 'repl.connecting',
    template: 'Reconnecting to MASTER {address:addr}',
    src: 'redis 6.2–7.4 src/replication.c replicationHandleMasterDisconnection; valkey 7.2 src/replication.c replicationHandleMasterDisconnection',
  },
  {
    id: 'reconnecting-after-failure/master',
    kind: 'repl.connecting',
    template: 'Reconnecting to MASTER {address:addr} after failure',
    src: 'redis 6.2–7.4 src/replication.c cancelReplicationHandshake; valkey 7.2 src/replication.c cancelReplicationHandshake',
  },
  {
    id: 'timeout/primary',
    kind: 'repl.timeout',
    template: 'PRIMARY timeout: no data nor PING received...',
    src: 'valkey 8.0 src/replication.c replicationCron',
  },
  {
    id: 'timeout-connect/primary',
    kind: 'repl.timeout',
    template: 'Timeout connecting to the PRIMARY...',
    src: 'valkey 8.0 src/replication.c replicationCron',
  },
  {
    id: 'timeout-bulk/primary',
    kind: 'repl.timeout',
    template:
      "Timeout receiving bulk data from PRIMARY... If the problem persists try to set the 'repl-timeout' parameter in valkey.conf to a larger value.",
    src: 'valkey 8.0 src/replication.c replicationCron',
  },
  {
    id: 'connecting/primary',
    kind: 'repl.connecting',
    template: 'Connecting to PRIMARY {address:addr}',
    src: 'valkey 8.0 src/replication.c replicationCron/replicationSetPrimary',
  },
  {
    id: 'reconnecting/primary',
    kind: 'repl.connecting',
    template: 'Reconnecting to PRIMARY {address:addr}',
    src: 'valkey 8.0 src/replication.c replicationHandlePrimaryDisconnection',
  },
  {
    id: 'reconnecting-after-failure/primary',
    kind: 'repl.connecting',
    template: 'Reconnecting to PRIMARY {address:addr} after failure',
    src: 'valkey 8.0 src/replication.c cancelReplicationHandshake',
  },
  {
    id: 'sync-started/slave',
    kind: 'repl.sync-started',
    template: 'MASTER <-> SLAVE sync started',
    src: 'redis 2.8–4.0 src/replication.c replicationCron',
  },
  {
    id: 'sync-started/replica',
    kind: 'repl.sync-started',
    template: 'MASTER <-> REPLICA sync started',
    src: 'redis 5.0–7.4 src/replication.c connectWithMaster/replicationCron; valkey 7.2 src/replication.c connectWithMaster',
  },
  {
    id: 'sync-started/primary',
    kind: 'repl.sync-started',
    template: 'PRIMARY <-> REPLICA sync started',
    src: 'valkey 8.0 src/replication.c connectWithPrimary',
  },
  {
    id: 'sync-error/socket',
    kind: 'repl.sync-error',
    template: 'Error condition on socket for SYNC: {reason:text}',
    src: 'redis 2.8–7.4 src/replication.c syncWithMaster; valkey 7.2–8.0 src/replication.c syncWithMaster/syncWithPrimary',
  },
  {
    id: 'sync-error/socket-dual',
    kind: 'repl.sync-error',
    template: 'Error condition on socket for dual channel replication: {reason:text}',
    src: 'valkey 8.0 src/replication.c fullSyncWithPrimary',
  },
  {
    id: 'sync-error/ping-master',
    kind: 'repl.sync-error',
    template: "Error reply to PING from master: '{reason:text}'",
    src: 'redis 2.8–7.4 src/replication.c syncWithMaster; valkey 7.2 src/replication.c syncWithMaster',
  },
  {
    id: 'sync-error/ping-primary',
    kind: 'repl.sync-error',
    template: "Error reply to PING from primary: '{reason:text}'",
    src: 'valkey 8.0 src/replication.c syncWithPrimary',
  },
  {
    id: 'sync-error/connect-master',
    kind: 'repl.sync-error',
    template: 'Unable to connect to MASTER: {reason:text}',
    src: 'redis 2.8–7.4 src/replication.c connectWithMaster; valkey 7.2 src/replication.c connectWithMaster',
  },
  {
    id: 'sync-error/connect-primary',
    kind: 'repl.sync-error',
    template: 'Unable to connect to PRIMARY: {reason:text}',
    src: 'valkey 8.0 src/replication.c connectWithPrimary',
  },
  {
    id: 'sync-error/connect-primary-dual',
    kind: 'repl.sync-error',
    template: 'Unable to connect to Primary: {reason:text}',
    src: 'valkey 8.0 src/replication.c syncWithPrimary',
  },
  {
    id: 'sync-error/no-response-master',
    kind: 'repl.sync-error',
    template: 'Master did not respond to command during SYNC handshake',
    src: 'redis 7.0–7.4 src/replication.c syncWithMaster; valkey 7.2 src/replication.c syncWithMaster',
  },
  {
    id: 'sync-error/no-response-primary',
    kind: 'repl.sync-error',
    template: 'Primary did not respond to command during SYNC handshake',
    src: 'valkey 8.0 src/replication.c syncWithPrimary',
  },
  {
    id: 'sync-error/read-response',
    kind: 'repl.sync-error',
    template: 'Failed to read response from the server: {reason:text}',
    src: 'redis 7.0–7.4 src/replication.c receiveSynchronousResponse; valkey 7.2–8.0 src/replication.c receiveSynchronousResponse',
  },
  {
    id: 'sync-error/bulk-count-master',
    kind: 'repl.sync-error',
    template: 'I/O error reading bulk count from MASTER: {reason:text}',
    src: 'redis 2.8–7.4 src/replication.c readSyncBulkPayload; valkey 7.2 src/replication.c readSyncBulkPayload',
  },
  {
    id: 'sync-error/bulk-count-primary',
    kind: 'repl.sync-error',
    template: 'I/O error reading bulk count from PRIMARY: {reason:text}',
    src: 'valkey 8.0 src/replication.c readSyncBulkPayload',
  },
  {
    id: 'sync-error/io-master',
    kind: 'repl.sync-error',
    template: 'I/O error trying to sync with MASTER: {reason:text}',
    src: 'redis 2.8–7.4 src/replication.c readSyncBulkPayload; valkey 7.2 src/replication.c readSyncBulkPayload',
  },
  {
    id: 'sync-error/io-primary',
    kind: 'repl.sync-error',
    template: 'I/O error trying to sync with PRIMARY: {reason:text}',
    src: 'valkey 8.0 src/replication.c readSyncBulkPayload',
  },
  {
    id: 'sync-error/write-master',
    kind: 'repl.sync-error',
    template: 'I/O error writing to MASTER: {reason:text}',
    src: 'redis 2.8–7.4 src/replication.c syncWithMaster; valkey 7.2 src/replication.c syncWithMaster',
  },
  {
    id: 'sync-error/write-primary',
    kind: 'repl.sync-error',
    template: 'I/O error writing to PRIMARY: {reason:text}',
    src: 'valkey 8.0 src/replication.c syncWithPrimary',
  },
  {
    id: 'sync-error/aborted-master',
    kind: 'repl.sync-error',
    template: 'MASTER aborted replication with an error: {reason:text}',
    src: 'redis 2.8–7.4 src/replication.c readSyncBulkPayload; valkey 7.2 src/replication.c readSyncBulkPayload',
  },
  {
    id: 'sync-error/aborted-primary',
    kind: 'repl.sync-error',
    template: 'PRIMARY aborted replication with an error: {reason:text}',
    src: 'valkey 8.0 src/replication.c readSyncBulkPayload',
  },
  {
    id: 'sync-error/auth-master',
    kind: 'repl.sync-error',
    template: 'Unable to AUTH to MASTER: {reason:text}',
    src: 'redis 2.8–7.4 src/replication.c syncWithMaster; valkey 7.2 src/replication.c syncWithMaster',
  },
  {
    id: 'sync-error/auth-primary',
    kind: 'repl.sync-error',
    template: 'Unable to AUTH to PRIMARY: {reason:text}',
    src: 'valkey 8.0 src/replication.c syncWithPrimary',
  },
  {
    id: 'sync-error/psync-reply-master',
    kind: 'repl.sync-error',
    template: 'Unexpected reply to PSYNC from master: {reason:text}',
    src: 'redis 2.8–7.4 src/replication.c slaveTryPartialResynchronization; valkey 7.2 src/replication.c slaveTryPartialResynchronization',
  },
  {
    id: 'sync-error/psync-reply-primary',
    kind: 'repl.sync-error',
    template: 'Unexpected reply to PSYNC from primary: {reason:text}',
    src: 'valkey 8.0 src/replication.c replicaTryPartialResynchronization',
  },
  {
    id: 'sync-error/psync-noreply-master',
    kind: 'repl.sync-error',
    template: 'Master did not reply to PSYNC, will try later',
    src: 'redis 7.0–7.4 src/replication.c slaveTryPartialResynchronization; valkey 7.2 src/replication.c slaveTryPartialResynchronization',
  },
  {
    id: 'sync-error/psync-noreply-primary',
    kind: 'repl.sync-error',
    template: 'Primary did not reply to PSYNC, will try later',
    src: 'valkey 8.0 src/replication.c replicaTryPartialResynchronization',
  },
  {
    id: 'sync-error/handshake-master',
    kind: 'repl.sync-error',
    template: 'Sending command to master in replication handshake: {reason:text}',
    src: 'redis 2.8–7.4 src/replication.c syncWithMaster; valkey 7.2 src/replication.c syncWithMaster',
  },
  {
    id: 'sync-error/handshake-primary',
    kind: 'repl.sync-error',
    template: 'Sending command to primary in replication handshake: {reason:text}',
    src: 'valkey 8.0 src/replication.c syncWithPrimary',
  },
  {
    id: 'sync-error/load-disk',
    kind: 'repl.sync-error',
    template: 'Failed trying to load the MASTER synchronization DB from disk',
    src: 'redis 2.8–6.2 src/replication.c readSyncBulkPayload',
  },
  {
    id: 'sync-error/load-disk-7.0',
    kind: 'repl.sync-error',
    template: 'Failed trying to load the MASTER synchronization DB from disk: {reason:text}',
    src: 'redis 7.0 src/replication.c readSyncBulkPayload',
  },
  {
    id: 'sync-error/load-disk-7.2',
    kind: 'repl.sync-error',
    template: 'Failed trying to load the MASTER synchronization DB from disk, check server logs.',
    src: 'redis 7.2–7.4 src/replication.c readSyncBulkPayload; valkey 7.2 src/replication.c readSyncBulkPayload',
  },
  {
    id: 'sync-error/load-socket-6.0',
    kind: 'repl.sync-error',
    template: 'Failed trying to load the MASTER synchronization DB from socket: {reason:text}',
    src: 'redis 6.0–7.0 src/replication.c readSyncBulkPayload',
  },
  {
    id: 'sync-error/load-socket-6.2',
    kind: 'repl.sync-error',
    template: 'Failed trying to load the MASTER synchronization DB from socket',
    src: 'redis 6.2 src/replication.c readSyncBulkPayload',
  },
  {
    id: 'sync-error/load-socket-7.2',
    kind: 'repl.sync-error',
    template: 'Failed trying to load the MASTER synchronization DB from socket, check server logs.',
    src: 'redis 7.2–7.4 src/replication.c readSyncBulkPayload; valkey 7.2 src/replication.c readSyncBulkPayload',
  },
  {
    id: 'sync-error/load-disk-valkey8',
    kind: 'repl.sync-error',
    template: 'Failed trying to load the PRIMARY synchronization DB from disk, check server logs.',
    src: 'valkey 8.0 src/replication.c readSyncBulkPayload',
  },
  {
    id: 'sync-error/load-socket-valkey8',
    kind: 'repl.sync-error',
    template: 'Failed trying to load the PRIMARY synchronization DB from socket, check server logs.',
    src: 'valkey 8.0 src/replication.c readSyncBulkPayload',
  },
  {
    id: 'partial/master',
    kind: 'repl.partial',
    template: 'Successful partial resynchronization with master.',
    src: 'redis 2.8–7.4 src/replication.c slaveTryPartialResynchronization; valkey 7.2 src/replication.c slaveTryPartialResynchronization',
  },
  {
    id: 'partial/primary',
    kind: 'repl.partial',
    template: 'Successful partial resynchronization with primary.',
    src: 'valkey 8.0 src/replication.c replicaTryPartialResynchronization',
  },
  {
    id: 'partial-accepted/slave',
    kind: 'repl.partial',
    template: 'MASTER <-> SLAVE sync: Master accepted a Partial Resynchronization.',
    src: 'redis 2.8–4.0 src/replication.c syncWithMaster',
  },
  {
    id: 'partial-accepted/replica',
    kind: 'repl.partial',
    template: 'MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.',
    src: 'redis 5.0–7.4 src/replication.c syncWithMaster; valkey 7.2 src/replication.c syncWithMaster',
  },
  {
    id: 'partial-accepted/primary',
    kind: 'repl.partial',
    template: 'PRIMARY <-> REPLICA sync: Primary accepted a Partial Resynchronization{:text}',
    src: 'valkey 8.0 src/replication.c syncWithPrimary "…Resynchronization."; valkey unstable after 8.0.1 "…Resynchronization%s"',
  },
  {
    id: 'partial-accepted/primary-dual',
    kind: 'repl.partial',
    template: 'Primary <-> REPLICA sync: Primary accepted a Partial Resynchronization{:text}',
    src: 'valkey 8.0 src/replication.c setupMainConnForPsync',
  },
  {
    id: 'full/master',
    kind: 'repl.full',
    template: 'Full resync from master: {replid:text}:{offset:int}',
    src: 'redis 2.8–7.4 src/replication.c slaveTryPartialResynchronization; valkey 7.2 src/replication.c slaveTryPartialResynchronization',
  },
  {
    id: 'full/primary',
    kind: 'repl.full',
    template: 'Full resync from primary: {replid:text}:{offset:int}',
    src: 'valkey 8.0 src/replication.c replicaTryPartialResynchronization',
  },
  {
    id: 'sync-finished/slave',
    kind: 'repl.sync-finished',
    template: 'MASTER <-> SLAVE sync: Finished with success',
    src: 'redis 2.8–4.0 src/replication.c readSyncBulkPayload',
  },
  {
    id: 'sync-finished/replica',
    kind: 'repl.sync-finished',
    template: 'MASTER <-> REPLICA sync: Finished with success',
    src: 'redis 5.0–7.4 src/replication.c readSyncBulkPayload; valkey 7.2 src/replication.c readSyncBulkPayload',
  },
  {
    id: 'sync-finished/primary',
    kind: 'repl.sync-finished',
    template: 'PRIMARY <-> REPLICA sync: Finished with success',
    src: 'valkey 8.0 src/replication.c readSyncBulkPayload',
  },
  {
    id: 'secondary-id',
    kind: 'repl.secondary-id',
    template: 'Setting secondary replication ID to {:text}, valid up to offset: {offset:int}. New replication ID is {replid:text}',
    src: 'redis 4.0–7.4 src/replication.c shiftReplicationId; valkey 7.2–8.0 src/replication.c shiftReplicationId',
  },
  // The new master refusing its old master's (or a lagging sibling's) PSYNC on the old history: the
  // requested offset minus what it can serve is replication stream the promoted replica never got.
  {
    id: 'psync-refused',
    kind: 'repl.psync-refused',
    template: 'Partial resynchronization not accepted: Requested offset for second ID was {offset:int}, but I can reply up to {upTo:int}',
    src: 'redis 4.0–7.4 src/replication.c masterTryPartialResynchronization; valkey 7.2–8.0 src/replication.c masterTryPartialResynchronization/primaryTryPartialResynchronization',
  },
  {
    id: 'cache/master',
    kind: 'repl.cache-master',
    template: 'Caching the disconnected master state.',
    src: 'redis 2.8–7.4 src/replication.c replicationCacheMaster; valkey 7.2 src/replication.c replicationCacheMaster',
  },
  {
    id: 'cache/primary',
    kind: 'repl.cache-master',
    template: 'Caching the disconnected primary state.',
    src: 'valkey 8.0 src/replication.c replicationCachePrimary',
  },
  {
    id: 'cache-discard/master',
    kind: 'repl.cache-master',
    template: 'Discarding previously cached master state.',
    src: 'redis 2.8–7.4 src/replication.c replicationDiscardCachedMaster; valkey 7.2 src/replication.c replicationDiscardCachedMaster',
  },
  {
    id: 'cache-discard/primary',
    kind: 'repl.cache-master',
    template: 'Discarding previously cached primary state.',
    src: 'valkey 8.0 src/replication.c replicationDiscardCachedPrimary',
  },
  {
    id: 'cache-myself/4.0',
    kind: 'repl.cache-master',
    template:
      'Before turning into a slave, using my master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.',
    src: 'redis 4.0 src/replication.c replicationCacheMasterUsingMyself',
  },
  {
    id: 'cache-myself/5.0',
    kind: 'repl.cache-master',
    template:
      'Before turning into a replica, using my master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.',
    src: 'redis 5.0 src/replication.c replicationCacheMasterUsingMyself',
  },
  {
    id: 'cache-myself/6.0',
    kind: 'repl.cache-master',
    template:
      'Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.',
    src: 'redis 6.0–7.4 src/replication.c replicationCacheMasterUsingMyself; valkey 7.2 src/replication.c replicationCacheMasterUsingMyself',
  },
  {
    id: 'cache-myself/valkey8',
    kind: 'repl.cache-master',
    template:
      'Before turning into a replica, using my own primary parameters to synthesize a cached primary: I may be able to synchronize with the new primary with just a partial transfer.',
    src: 'valkey 8.0 src/replication.c replicationCachePrimaryUsingMyself',
  },
  // ---- replication, master side
  {
    id: 'sync-request/slave',
    kind: 'master.replica-sync-request',
    template: 'Slave {address:peer} asks for synchronization',
    src: 'redis 2.8–4.0 src/replication.c syncCommand',
  },
  {
    id: 'sync-request/replica',
    kind: 'master.replica-sync-request',
    template: 'Replica {address:peer} asks for synchronization',
    src: 'redis 5.0–7.4 src/replication.c syncCommand; valkey 7.2–8.0 src/replication.c syncCommand',
  },
  {
    id: 'sync-request/wrong-offset',
    kind: 'master.replica-sync-request',
    template: 'Replica {address:peer} asks for synchronization but with a wrong offset',
    src: 'redis 6.2–7.4 src/replication.c syncCommand; valkey 7.2–8.0 src/replication.c syncCommand',
  },
  {
    id: 'replica-lost/slave',
    kind: 'master.replica-lost',
    template: 'Connection with slave {address:peer} lost.',
    src: 'redis 2.8–4.0 src/networking.c freeClient',
  },
  {
    id: 'replica-lost/replica',
    kind: 'master.replica-lost',
    template: 'Connection with replica {address:peer} lost.',
    src: 'redis 5.0–7.4 src/networking.c freeClient; valkey 7.2–8.0 src/networking.c freeClient (8.0: recorded fixtures/versions/valkey-8.0.1 force-failover node-20001.log)',
  },
  {
    id: 'replica-synced/slave',
    kind: 'master.replica-synced',
    template: 'Synchronization with slave {address:peer} succeeded',
    src: 'redis 2.8–4.0 src/replication.c putSlaveOnline',
  },
  {
    id: 'replica-synced/replica',
    kind: 'master.replica-synced',
    template: 'Synchronization with replica {address:peer} succeeded',
    src: 'redis 5.0–7.4 src/replication.c putSlaveOnline/replicaPutOnline; valkey 7.2–8.0 src/replication.c replicaPutOnline',
  },
  {
    id: 'partial-accepted/master-side',
    kind: 'master.partial-accepted',
    template:
      'Partial resynchronization request from {address:peer} accepted. Sending {:int} bytes of backlog starting from offset {offset:int}.',
    src: 'redis 2.8–7.4 src/replication.c masterTryPartialResynchronization; valkey 7.2–8.0 src/replication.c masterTryPartialResynchronization/primaryTryPartialResynchronization',
  },
  // ---- slots
  {
    id: 'slot/epoch-after-import',
    kind: 'slot.migration',
    template: 'configEpoch updated after importing slot {slot:int}',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c clusterCommand/clusterCommandSpecial; valkey 7.2 src/cluster.c clusterCommand',
  },
  {
    id: 'slot/epoch-after-import-valkey8',
    kind: 'slot.migration',
    template: 'ConfigEpoch updated after importing slot {slot:int}',
    src: 'valkey 8.0 src/cluster_legacy.c clusterCommandSetSlot',
  },
  {
    id: 'slot/unassigned-keys',
    kind: 'slot.migration',
    template: 'I have keys for unassigned slot {slot:int}. Taking responsibility for it.',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c verifyClusterConfigWithData; valkey 7.2–8.0 src/cluster.c src/cluster_legacy.c verifyClusterConfigWithData',
  },
  {
    id: 'slot/foreign-keys-importing',
    kind: 'slot.migration',
    template: 'I have keys for slot {slot:int}, but the slot is assigned to another node. Setting it to importing state.',
    src: 'redis 3.0–7.4 src/cluster.c src/cluster_legacy.c verifyClusterConfigWithData; valkey 7.2 src/cluster.c verifyClusterConfigWithData',
  },
  {
    id: 'slot/foreign-keys-delete-valkey8',
    kind: 'slot.migration',
    template: 'I have keys for slot {slot:int}, but the slot is assigned to another node. Deleting keys in the slot.',
    src: 'valkey 8.0 src/cluster_legacy.c verifyClusterConfigWithData',
  },
  {
    id: 'slot/import-lost-valkey8',
    kind: 'slot.migration',
    template:
      'I am importing keys from node {:nodeId} ({:text}) in shard {:nodeId} to slot {slot:int}, but the slot is now owned by node {subject:nodeId} ({:text}) in shard {:nodeId}. Deleting keys in the slot',
    src: 'valkey 8.0 src/cluster_legacy.c verifyClusterConfigWithData',
  },
  {
    id: 'slot/migrating-valkey8',
    kind: 'slot.migration',
    template: 'Migrating slot {slot:int} to node {subject:nodeId} ({:text})',
    src: 'valkey 8.0 src/cluster_legacy.c clusterCommandSetSlot',
  },
  {
    id: 'slot/importing-valkey8',
    kind: 'slot.migration',
    template: 'Importing slot {slot:int} from node {subject:nodeId} ({:text})',
    src: 'valkey 8.0 src/cluster_legacy.c clusterCommandSetSlot',
  },
  {
    id: 'slot/stable-valkey8',
    kind: 'slot.migration',
    template: 'Marking slot {slot:int} stable',
    src: 'valkey 8.0 src/cluster_legacy.c clusterCommandSetSlot',
  },
  {
    id: 'slot/assigning-valkey8',
    kind: 'slot.migration',
    template: 'Assigning slot {slot:int} to node {subject:nodeId} ({:text}) in shard {:nodeId}',
    src: 'valkey 8.0 src/cluster_legacy.c clusterCommandSetSlot',
  },
  {
    id: 'slot/migrated-valkey8',
    kind: 'slot.migration',
    template:
      'Slot {slot:int} is migrated from node {:nodeId} ({:text}) in shard {:nodeId} to node {subject:nodeId} ({:text}) in shard {:nodeId}.',
    src: 'valkey 8.0 src/cluster_legacy.c clusterUpdateSlotsConfigWith',
  },
  {
    id: 'slot/no-longer-migrating-valkey8',
    kind: 'slot.migration',
    template: 'Slot {slot:int} is no longer being migrated to node {subject:nodeId} ({:text}) in shard {:nodeId}.',
    src: 'valkey 8.0 src/cluster_legacy.c clusterUpdateSlotsConfigWith',
  },
  {
    id: 'slot/no-longer-importing-valkey8',
    kind: 'slot.migration',
    template: 'Slot {slot:int} is no longer being imported from node {subject:nodeId} ({:text}) in shard {:nodeId}.',
    src: 'valkey 8.0 src/cluster_legacy.c clusterUpdateSlotsConfigWith',
  },
  {
    id: 'slot/no-longer-importing-clear-valkey8',
    kind: 'slot.migration',
    template:
      'Slot {slot:int} is no longer being imported from node {subject:nodeId} ({:text}) in shard {:nodeId}; Clear my importing source for the slot.',
    src: 'valkey 8.0 src/cluster_legacy.c clusterUpdateSlotsConfigWith',
  },
  {
    id: 'slot/source-failover-valkey8',
    kind: 'slot.migration',
    template:
      'Failover occurred in migration source. Update importing source for slot {slot:int} to node {subject:nodeId} ({:text}) in shard {:nodeId}.',
    src: 'valkey 8.0 src/cluster_legacy.c clusterUpdateSlotsConfigWith',
  },
  {
    id: 'slot/target-failover-valkey8',
    kind: 'slot.migration',
    template:
      'Failover occurred in migration target. Slot {slot:int} is now being migrated to node {subject:nodeId} ({:text}) in shard {:nodeId}.',
    src: 'valkey 8.0 src/cluster_legacy.c clusterUpdateSlotsConfigWith',
  },
  {
    id: 'slot/dirty-valkey8',
    kind: 'slot.migration',
    template: 'Deleting keys in dirty slot {slot:int} on node {subject:nodeId} ({:text}) in shard {:nodeId}',
    src: 'valkey 8.0 src/cluster_legacy.c clusterUpdateSlotsConfigWith',
  },
] as const satisfies readonly CatalogEntry[];

/** Every entry: typed ones first, then the ignored ones. */
export const CATALOG: readonly CatalogEntry[] = [...TYPED, ...IGNORED];
