/**
 * One sample message per catalog entry (the text after the line prefix), keyed by entry id. Lines marked
 * `// seen` were copied from real logs: runs of Debian's redis-server 7.0.15 on this machine (a six-node
 * cluster through manual, forced and takeover failovers, SIGSTOP, SIGTERM, SIGINT, SIGKILL, SIGSEGV, slot
 * migration, CLUSTER RESET HARD) and the seed document (Redis 6.2.3). The others are the entry's format
 * string as the cited version writes it, filled with typical values.
 */
export const SAMPLES: Readonly<Record<string, string>> = {
  'start-logo-line/redis': 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo', // seen
  'start-logo-line/valkey': 'oO0OoO0OoO0Oo Valkey is starting oO0OoO0OoO0Oo',
  'start/3.x': 'Server started, Redis version 3.2.13',
  'version/redis': 'Redis version=7.0.15, bits=64, commit=00000000, modified=0, pid=11763, just started', // seen
  'version/valkey': 'Valkey version=8.0.1, bits=64, commit=00000000, modified=0, pid=4242, just started',
  mode: 'Running mode=cluster, port=7101.', // seen
  'mode/3.x': 'Redis 3.2.13 (00000000/0) 64 bit, cluster mode, port 7001, pid 4242 ready to start.',
  ready: 'Ready to accept connections', // seen
  'ready/7.2': 'Ready to accept connections tcp',
  'ready/3.x-port': 'The server is now ready to accept connections on port 7001',
  'ready/unix': 'The server is now ready to accept connections at /tmp/redis.sock',
  'config-loaded': 'Configuration loaded', // seen
  'shutdown/signal-name': 'Received SIGINT scheduling shutdown...', // seen
  'shutdown/signal': 'Received shutdown signal, scheduling shutdown...',
  'shutdown/loading-7.0': 'Received shutdown signal during loading, scheduling shutdown.',
  'shutdown/user': 'User requested shutdown...', // seen
  'shutdown/user-valkey8':
    "User requested shutdown... (user request from 'id=7 addr=127.0.0.1:40000 laddr=127.0.0.1:7002 fd=11 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 watch=0 qbuf=0 qbuf-free=20474 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=22400 events=r cmd=shutdown user=default redir=-1 resp=2 lib-name= lib-ver=')",
  exit: 'Redis is now ready to exit, bye bye...', // seen
  'exit/loading': 'Received shutdown signal during loading, exiting now.',
  'exit/insist': 'You insist... exiting now.',
  'exit/fatal-load': 'Fatal error loading the DB: Invalid argument. Exiting.',
  'exit/fatal-load-7.2': 'Fatal error loading the DB, check server logs. Exiting.',
  'exit/no-listen': 'Configured to not listen anywhere, exiting.',
  'exit/listen': 'Failed listening on port 7102 (TCP), aborting.', // seen
  'exit/keys-not-db0': "You can't have keys in a DB different than DB 0 when in Cluster mode. Exiting.",
  'exit/config-locked':
    'Sorry, the cluster configuration file nodes-7001.conf is already used by a different Redis Cluster node. Please make sure that different nodes use different cluster configuration files.',
  'exit/config-locked-valkey8':
    'Sorry, the cluster configuration file nodes-7001.conf is already used by a different Cluster node. Please make sure that different nodes use different cluster configuration files.',
  'exit/config-corrupted': 'Unrecoverable error: corrupted cluster config file.',
  'exit/config-corrupted-7.2': 'Unrecoverable error: corrupted cluster config file "nodes-7001.conf".',
  'exit/config-save': "Fatal: can't update cluster config file.",
  'crash/2.8': '    Redis 3.0.7 crashed by signal: 11',
  'crash/6.0': 'Redis 7.0.15 crashed by signal: 11, si_code: 0', // seen
  'crash/valkey': 'valkey 8.0.1 crashed by signal: 11, si_code: 0',
  'crash/assert': '=== ASSERTION FAILED ===',
  'crash/panic': 'Guru Meditation: DEBUG PANIC called at Unix time 1795612470 #debug.c:1013',
  'identity/new': "No cluster configuration found, I'm 444cbb843590a919e84386cb62c96ca169f7d9ef", // seen
  'identity/loaded': "Node configuration loaded, I'm 444cbb843590a919e84386cb62c96ca169f7d9ef", // seen
  'identity/hard-reset': "Node hard reset, now I'm 7664f9f454a8d534962aeedbf0658c71d0f8cc65", // seen
  'address/3.0': 'Address updated for node 79816979a6dd4b226e476121dd385ed6c25e5151, now 10.0.1.12:7001',
  'address/7.2': 'Address updated for node 79816979a6dd4b226e476121dd385ed6c25e5151 (), now 10.0.1.12:7001',
  'pfail/3.0': '*** NODE 779a96241fbff69dd6f40d95b960be58ee032221 possibly failing', // seen
  'pfail/valkey8': 'NODE 79816979a6dd4b226e476121dd385ed6c25e5151 () possibly failing.',
  'pfail-report/3.0':
    'Node 74f2be54c4540a10b4e9fe46304a06d0dc9a5083 reported node ffd36470e296e68c536715f528df94496bbf8331 as not reachable.', // seen
  'pfail-report/7.2':
    'Node 3c349984f0bb61490c170ab68f2617a35d9581d6 () reported node 79816979a6dd4b226e476121dd385ed6c25e5151 () as not reachable.',
  'online-report/3.0':
    'Node 74f2be54c4540a10b4e9fe46304a06d0dc9a5083 reported node ffd36470e296e68c536715f528df94496bbf8331 is back online.', // seen
  'online-report/7.2':
    'Node 3c349984f0bb61490c170ab68f2617a35d9581d6 () reported node 79816979a6dd4b226e476121dd385ed6c25e5151 () is back online.',
  'fail-marked/3.0': 'Marking node cde042c36e87a74e99570565400d674dedfd5b99 as failing (quorum reached).', // seen
  'fail-marked/7.2': 'Marking node 79816979a6dd4b226e476121dd385ed6c25e5151 () as failing (quorum reached).',
  'fail-received/3.0': 'FAIL message received from a0f550c0500a2a1fee2380a24d6bdff2cfb4680d about ffd36470e296e68c536715f528df94496bbf8331', // seen
  'fail-received/7.2':
    'FAIL message received from 3c349984f0bb61490c170ab68f2617a35d9581d6 () about 79816979a6dd4b226e476121dd385ed6c25e5151 ()',
  'fail-cleared/3.0': 'Clear FAIL state for node ffd36470e296e68c536715f528df94496bbf8331: master without slots is reachable again.', // seen
  'fail-cleared/7.2': 'Clear FAIL state for node 79816979a6dd4b226e476121dd385ed6c25e5151 ():replica is reachable again.',
  state: 'Cluster state changed: ok', // seen
  'election-delayed': 'Start of election delayed for 0 milliseconds (rank #0, offset 14).', // seen
  'rank-updated/3.0': 'Slave rank updated to #1, added 723 milliseconds of delay.',
  'rank-updated/5.0': 'Replica rank updated to #1, added 723 milliseconds of delay.',
  'election-started': 'Starting a failover election for epoch 8.', // seen
  'election-won/master': "Failover election won: I'm the new master.", // seen
  'election-won/primary': "Failover election won: I'm the new primary.",
  'cant-failover/expired': 'Currently unable to failover: Failover attempt expired.',
  'cant-failover/votes': 'Currently unable to failover: Waiting for votes, but majority still not reached.', // seen
  'cant-failover/delay': 'Currently unable to failover: Waiting the delay before I can start a new failover.',
  'cant-failover/data-age-3.0':
    "Currently unable to failover: Disconnected from master for longer than allowed. Please check the 'cluster-slave-validity-factor' configuration option.",
  'cant-failover/data-age-5.0':
    "Currently unable to failover: Disconnected from master for longer than allowed. Please check the 'cluster-replica-validity-factor' configuration option.",
  'cant-failover/data-age-valkey8':
    "Currently unable to failover: Disconnected from primary for longer than allowed. Please check the 'cluster-replica-validity-factor' configuration option.",
  'cant-failover/unknown': 'Currently unable to failover: Unknown reason code.',
  'vote-granted/3.0': 'Failover auth granted to 779a96241fbff69dd6f40d95b960be58ee032221 for epoch 7', // seen
  'vote-granted/7.2': 'Failover auth granted to 79816979a6dd4b226e476121dd385ed6c25e5151 () for epoch 7',
  'vote-denied/req-epoch-3.0': 'Failover auth denied to 79816979a6dd4b226e476121dd385ed6c25e5151: reqEpoch (6) < curEpoch(7)',
  'vote-denied/voted-3.0': 'Failover auth denied to 79816979a6dd4b226e476121dd385ed6c25e5151: already voted for epoch 7',
  'vote-denied/is-master-3.0': 'Failover auth denied to 79816979a6dd4b226e476121dd385ed6c25e5151: it is a master node',
  'vote-denied/unknown-master-3.0': "Failover auth denied to 79816979a6dd4b226e476121dd385ed6c25e5151: I don't know its master",
  'vote-denied/master-up-3.0': 'Failover auth denied to cde042c36e87a74e99570565400d674dedfd5b99: its master is up', // seen
  'vote-denied/slot-epoch-3.0': 'Failover auth denied to 79816979a6dd4b226e476121dd385ed6c25e5151: slot 5461 epoch (8) > reqEpoch (7)',
  'vote-denied/req-epoch-7.2': 'Failover auth denied to 79816979a6dd4b226e476121dd385ed6c25e5151 (): reqEpoch (6) < curEpoch(7)',
  'vote-denied/voted-7.2': 'Failover auth denied to 79816979a6dd4b226e476121dd385ed6c25e5151 (): already voted for epoch 7',
  'vote-denied/is-master-7.2': 'Failover auth denied to 79816979a6dd4b226e476121dd385ed6c25e5151 (): it is a master node',
  'vote-denied/unknown-master-7.2': "Failover auth denied to 79816979a6dd4b226e476121dd385ed6c25e5151 (): I don't know its master",
  'vote-denied/master-up-7.2': 'Failover auth denied to 79816979a6dd4b226e476121dd385ed6c25e5151 (): its master is up',
  'vote-denied/too-soon':
    "Failover auth denied to 79816979a6dd4b226e476121dd385ed6c25e5151 : can't vote about this master before 723 milliseconds",
  'vote-denied/slot-epoch-7.2': 'Failover auth denied to 79816979a6dd4b226e476121dd385ed6c25e5151 (): slot 5461 epoch (8) > reqEpoch (7)',
  'vote-denied/is-primary-valkey8': 'Failover auth denied to 79816979a6dd4b226e476121dd385ed6c25e5151 () for epoch 7: it is a primary node',
  'vote-denied/unknown-primary-valkey8':
    "Failover auth denied to 79816979a6dd4b226e476121dd385ed6c25e5151 () for epoch 7: I don't know its primary",
  'vote-denied/primary-up-valkey8': 'Failover auth denied to 79816979a6dd4b226e476121dd385ed6c25e5151 () for epoch 7: its primary is up',
  'vote-denied/too-soon-valkey8':
    "Failover auth denied to 79816979a6dd4b226e476121dd385ed6c25e5151 : can't vote about this primary before 723 milliseconds",
  'epoch/failover': 'configEpoch set to 8 after successful failover', // seen
  'epoch/set-config-epoch': 'configEpoch set to 1 via CLUSTER SET-CONFIG-EPOCH', // seen
  'epoch/reset-hard': 'configEpoch set to 0 via CLUSTER RESET HARD', // seen
  'epoch/collision-3.0': 'WARNING: configEpoch collision with node 79816979a6dd4b226e476121dd385ed6c25e5151. configEpoch set to 7',
  'epoch/collision-7.2': 'WARNING: configEpoch collision with node 79816979a6dd4b226e476121dd385ed6c25e5151 (). configEpoch set to 7',
  'epoch/collision-valkey8': 'configEpoch collision with node 79816979a6dd4b226e476121dd385ed6c25e5151 (). configEpoch set to 7',
  'epoch/bumped': 'New configEpoch set to 14', // seen
  'manual/requested': 'Manual failover user request accepted.', // seen
  'manual/requested-valkey8':
    "Manual failover user request accepted (user request from 'id=7 addr=127.0.0.1:40000 laddr=127.0.0.1:7002 fd=11 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 watch=0 qbuf=0 qbuf-free=20474 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=22400 events=r cmd=cluster|failover user=default redir=-1 resp=2 lib-name= lib-ver=').",
  'manual/by-slave': 'Manual failover requested by slave 79816979a6dd4b226e476121dd385ed6c25e5151.',
  'manual/by-replica-5.0': 'Manual failover requested by replica 779a96241fbff69dd6f40d95b960be58ee032221.', // seen
  'manual/by-replica-7.2': 'Manual failover requested by replica 79816979a6dd4b226e476121dd385ed6c25e5151 ().',
  'manual/ready-master': 'All master replication stream processed, manual failover can start.', // seen
  'manual/ready-primary': 'All primary replication stream processed, manual failover can start.',
  'manual/offset-master': 'Received replication offset for paused master manual failover: 14', // seen
  'manual/offset-primary': 'Received replication offset for paused primary manual failover: 2834',
  'manual/timeout': 'Manual failover timed out.',
  'manual/takeover': 'Taking over the master (user request).', // seen
  'manual/takeover-valkey8':
    "Taking over the primary (user request from 'id=7 addr=127.0.0.1:40000 laddr=127.0.0.1:7002 fd=11 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 watch=0 qbuf=0 qbuf-free=20474 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=22400 events=r cmd=cluster|failover user=default redir=-1 resp=2 lib-name= lib-ver=').",
  'manual/force': 'Forced failover user request accepted.', // seen
  'manual/force-valkey8':
    "Forced failover user request accepted (user request from 'id=7 addr=127.0.0.1:40000 laddr=127.0.0.1:7002 fd=11 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 watch=0 qbuf=0 qbuf-free=20474 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=22400 events=r cmd=cluster|failover user=default redir=-1 resp=2 lib-name= lib-ver=').",
  'failover-cmd/requested': 'FAILOVER requested to 10.0.1.12:7001.',
  'failover-cmd/requested-any': 'FAILOVER requested to any replica.',
  'failover-cmd/aborted': 'FAILOVER to 10.0.1.12:7001 aborted: Replica never caught up before timeout',
  'failover-cmd/aborted-any': 'FAILOVER to any replica aborted: Failover manually aborted',
  'failover-cmd/timeout': 'FAILOVER to 10.0.1.12:7001 time out exceeded, failing over.',
  'failover-cmd/synced': 'Failover target 10.0.1.12:7001 is synced, failing over.',
  'replica-of/3.0': 'Configuration change detected. Reconfiguring myself as a replica of 779a96241fbff69dd6f40d95b960be58ee032221', // seen
  'replica-of/7.2': 'Configuration change detected. Reconfiguring myself as a replica of 79816979a6dd4b226e476121dd385ed6c25e5151 ()',
  'replica-of/valkey8':
    'Configuration change detected. Reconfiguring myself as a replica of node 79816979a6dd4b226e476121dd385ed6c25e5151 () in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d',
  'sub-replica/7.0': "I'm a sub-replica! Reconfiguring myself as a replica of grandmaster 79816979a6dd4b226e476121dd385ed6c25e5151",
  'sub-replica/7.2': "I'm a sub-replica! Reconfiguring myself as a replica of grandmaster 79816979a6dd4b226e476121dd385ed6c25e5151 ()",
  'sub-replica/valkey8':
    "I'm a sub-replica! Reconfiguring myself as a replica of 79816979a6dd4b226e476121dd385ed6c25e5151 from a0f550c0500a2a1fee2380a24d6bdff2cfb4680d",
  'orphan-migration/master': 'Migrating to orphaned master 79816979a6dd4b226e476121dd385ed6c25e5151',
  'orphan-migration/primary':
    'Migrating to orphaned primary 79816979a6dd4b226e476121dd385ed6c25e5151 () in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d',
  'lost-last-slot/valkey8':
    'Lost my last slot during slot migration. Reconfiguring myself as a replica of 79816979a6dd4b226e476121dd385ed6c25e5151 () in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d',
  'replicaof-cmd/slaveof':
    "SLAVE OF 10.0.1.12:7001 enabled (user request from 'id=7 addr=127.0.0.1:40000 laddr=127.0.0.1:7002 fd=11 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 watch=0 qbuf=0 qbuf-free=20474 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=22400 events=r cmd=slaveof user=default redir=-1 resp=2 lib-name= lib-ver=')",
  'replicaof-cmd/replicaof':
    "REPLICAOF 10.0.1.12:7001 enabled (user request from 'id=7 addr=127.0.0.1:40000 laddr=127.0.0.1:7002 fd=11 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 watch=0 qbuf=0 qbuf-free=20474 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=22400 events=r cmd=replicaof user=default redir=-1 resp=2 lib-name= lib-ver=')",
  'master-mode/user':
    "MASTER MODE enabled (user request from 'id=7 addr=127.0.0.1:40000 laddr=127.0.0.1:7002 fd=11 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 watch=0 qbuf=0 qbuf-free=20474 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=22400 events=r cmd=replicaof user=default redir=-1 resp=2 lib-name= lib-ver=')",
  'master-mode/failover':
    "MASTER MODE enabled (failover request from 'id=7 addr=127.0.0.1:40000 laddr=127.0.0.1:7002 fd=11 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 watch=0 qbuf=0 qbuf-free=20474 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=22400 events=r cmd=psync user=default redir=-1 resp=2 lib-name= lib-ver=')",
  'primary-mode/user':
    "PRIMARY MODE enabled (user request from 'id=7 addr=127.0.0.1:40000 laddr=127.0.0.1:7002 fd=11 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 watch=0 qbuf=0 qbuf-free=20474 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=22400 events=r cmd=replicaof user=default redir=-1 resp=2 lib-name= lib-ver=')",
  'primary-mode/failover':
    "PRIMARY MODE enabled (failover request from 'id=7 addr=127.0.0.1:40000 laddr=127.0.0.1:7002 fd=11 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 watch=0 qbuf=0 qbuf-free=20474 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=22400 events=r cmd=psync user=default redir=-1 resp=2 lib-name= lib-ver=')",
  'primary-after-failover/valkey-unstable':
    'Setting myself to primary in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d after failover; my old primary is 79816979a6dd4b226e476121dd385ed6c25e5151 ()',
  'empty-primary/valkey8':
    'My last slot was migrated to node 79816979a6dd4b226e476121dd385ed6c25e5151 () in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d. I am now an empty primary.',
  'failover-seen/7.4':
    'A failover occurred in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d; node 3c349984f0bb61490c170ab68f2617a35d9581d6 () lost 3 slot(s) to node 79816979a6dd4b226e476121dd385ed6c25e5151 () with a config epoch of 7',
  'failover-seen/valkey8':
    'A failover occurred in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d; node 3c349984f0bb61490c170ab68f2617a35d9581d6 () failed over to node 79816979a6dd4b226e476121dd385ed6c25e5151 () with a config epoch of 7',
  'link-lost/master': 'Connection with master lost.', // seen
  'link-lost/primary': 'Connection with primary lost.',
  'timeout/master': 'MASTER timeout: no data nor PING received...',
  'timeout-connect/master': 'Timeout connecting to the MASTER...',
  'timeout-bulk/master':
    "Timeout receiving bulk data from MASTER... If the problem persists try to set the 'repl-timeout' parameter in redis.conf to a larger value.",
  'connecting/master': 'Connecting to MASTER 127.0.0.1:7106', // seen
  'reconnecting/master': 'Reconnecting to MASTER 127.0.0.1:7104', // seen
  'reconnecting-after-failure/master': 'Reconnecting to MASTER 10.0.1.12:7001 after failure',
  'timeout/primary': 'PRIMARY timeout: no data nor PING received...',
  'timeout-connect/primary': 'Timeout connecting to the PRIMARY...',
  'timeout-bulk/primary':
    "Timeout receiving bulk data from PRIMARY... If the problem persists try to set the 'repl-timeout' parameter in valkey.conf to a larger value.",
  'connecting/primary': 'Connecting to PRIMARY 10.0.1.12:7001',
  'reconnecting/primary': 'Reconnecting to PRIMARY 10.0.1.12:7001',
  'reconnecting-after-failure/primary': 'Reconnecting to PRIMARY 10.0.1.12:7001 after failure',
  'sync-started/slave': 'MASTER <-> SLAVE sync started',
  'sync-started/replica': 'MASTER <-> REPLICA sync started', // seen
  'sync-started/primary': 'PRIMARY <-> REPLICA sync started',
  'sync-error/socket': 'Error condition on socket for SYNC: Connection refused', // seen
  'sync-error/socket-dual': 'Error condition on socket for dual channel replication: Connection refused',
  'sync-error/ping-master': "Error reply to PING from master: '-NOAUTH Authentication required.'",
  'sync-error/ping-primary': "Error reply to PING from primary: '-NOAUTH Authentication required.'",
  'sync-error/connect-master': 'Unable to connect to MASTER: Connection refused',
  'sync-error/connect-primary': 'Unable to connect to PRIMARY: Connection refused',
  'sync-error/connect-primary-dual': 'Unable to connect to Primary: Connection refused',
  'sync-error/no-response-master': 'Master did not respond to command during SYNC handshake', // seen
  'sync-error/no-response-primary': 'Primary did not respond to command during SYNC handshake',
  'sync-error/read-response': 'Failed to read response from the server: Connection reset by peer',
  'sync-error/bulk-count-master': 'I/O error reading bulk count from MASTER: Connection refused',
  'sync-error/bulk-count-primary': 'I/O error reading bulk count from PRIMARY: Connection refused',
  'sync-error/io-master': 'I/O error trying to sync with MASTER: Connection refused',
  'sync-error/io-primary': 'I/O error trying to sync with PRIMARY: Connection refused',
  'sync-error/write-master': 'I/O error writing to MASTER: Connection refused',
  'sync-error/write-primary': 'I/O error writing to PRIMARY: Connection refused',
  'sync-error/aborted-master': 'MASTER aborted replication with an error: NOAUTH Authentication required.',
  'sync-error/aborted-primary': 'PRIMARY aborted replication with an error: NOAUTH Authentication required.',
  'sync-error/auth-master': 'Unable to AUTH to MASTER: -ERR invalid password',
  'sync-error/auth-primary': 'Unable to AUTH to PRIMARY: -ERR invalid password',
  'sync-error/psync-reply-master': 'Unexpected reply to PSYNC from master: -LOADING Redis is loading the dataset in memory',
  'sync-error/psync-reply-primary': 'Unexpected reply to PSYNC from primary: -LOADING Valkey is loading the dataset in memory',
  'sync-error/psync-noreply-master': 'Master did not reply to PSYNC, will try later',
  'sync-error/psync-noreply-primary': 'Primary did not reply to PSYNC, will try later',
  'sync-error/handshake-master': 'Sending command to master in replication handshake: Connection refused',
  'sync-error/handshake-primary': 'Sending command to primary in replication handshake: Connection refused',
  'sync-error/load-disk': 'Failed trying to load the MASTER synchronization DB from disk',
  'sync-error/load-disk-7.0': 'Failed trying to load the MASTER synchronization DB from disk: Invalid argument',
  'sync-error/load-disk-7.2': 'Failed trying to load the MASTER synchronization DB from disk, check server logs.',
  'sync-error/load-socket-6.0': 'Failed trying to load the MASTER synchronization DB from socket: Invalid argument',
  'sync-error/load-socket-6.2': 'Failed trying to load the MASTER synchronization DB from socket',
  'sync-error/load-socket-7.2': 'Failed trying to load the MASTER synchronization DB from socket, check server logs.',
  'sync-error/load-disk-valkey8': 'Failed trying to load the PRIMARY synchronization DB from disk, check server logs.',
  'sync-error/load-socket-valkey8': 'Failed trying to load the PRIMARY synchronization DB from socket, check server logs.',
  'partial/master': 'Successful partial resynchronization with master.', // seen
  'partial/primary': 'Successful partial resynchronization with primary.',
  'partial-accepted/slave': 'MASTER <-> SLAVE sync: Master accepted a Partial Resynchronization.',
  'partial-accepted/replica': 'MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.', // seen
  'partial-accepted/primary': 'PRIMARY <-> REPLICA sync: Primary accepted a Partial Resynchronization.',
  'partial-accepted/primary-dual': 'Primary <-> REPLICA sync: Primary accepted a Partial Resynchronization, RDB load in background.',
  'full/master': 'Full resync from master: a932326cc49fd9134f3d32a60051fefc3056c33e:135', // seen
  'full/primary': 'Full resync from primary: e6f4a0e1c2d3b4a5968778695a4b3c2d1e0f9a8b:2834',
  'sync-finished/slave': 'MASTER <-> SLAVE sync: Finished with success',
  'sync-finished/replica': 'MASTER <-> REPLICA sync: Finished with success', // seen
  'sync-finished/primary': 'PRIMARY <-> REPLICA sync: Finished with success',
  'secondary-id':
    'Setting secondary replication ID to 4e2615939f36b44fbdf47a2aa2d89346a8ee6dbe, valid up to offset: 15. New replication ID is 7bbfd41cbfb1e7b87c2a3d3e701e3f41889157ea', // seen
  'cache/master': 'Caching the disconnected master state.', // seen
  'cache/primary': 'Caching the disconnected primary state.',
  'cache-discard/master': 'Discarding previously cached master state.', // seen
  'cache-discard/primary': 'Discarding previously cached primary state.',
  'cache-myself/4.0':
    'Before turning into a slave, using my master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.',
  'cache-myself/5.0':
    'Before turning into a replica, using my master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.',
  'cache-myself/6.0':
    'Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.', // seen
  'cache-myself/valkey8':
    'Before turning into a replica, using my own primary parameters to synthesize a cached primary: I may be able to synchronize with the new primary with just a partial transfer.',
  'sync-request/slave': 'Slave client id #12 asks for synchronization',
  'sync-request/replica': 'Replica 127.0.0.1:7106 asks for synchronization', // seen
  'sync-request/wrong-offset': 'Replica 10.0.1.13:7004 asks for synchronization but with a wrong offset',
  'replica-lost/slave': 'Connection with slave 10.0.1.13:7004 lost.',
  'replica-lost/replica': 'Connection with replica 127.0.0.1:7106 lost.', // seen
  'replica-synced/slave': 'Synchronization with slave 10.0.1.13:7004 succeeded',
  'replica-synced/replica': 'Synchronization with replica 127.0.0.1:7106 succeeded', // seen
  'partial-accepted/master-side':
    'Partial resynchronization request from 127.0.0.1:7106 accepted. Sending 0 bytes of backlog starting from offset 15.', // seen
  'slot/epoch-after-import': 'configEpoch updated after importing slot 100', // seen
  'slot/epoch-after-import-valkey8': 'ConfigEpoch updated after importing slot 5461',
  'slot/unassigned-keys': 'I have keys for unassigned slot 5461. Taking responsibility for it.',
  'slot/foreign-keys-importing': 'I have keys for slot 5461, but the slot is assigned to another node. Setting it to importing state.',
  'slot/foreign-keys-delete-valkey8': 'I have keys for slot 5461, but the slot is assigned to another node. Deleting keys in the slot.',
  'slot/import-lost-valkey8':
    'I am importing keys from node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d () in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d to slot 5461, but the slot is now owned by node 79816979a6dd4b226e476121dd385ed6c25e5151 () in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d. Deleting keys in the slot',
  'slot/migrating-valkey8': 'Migrating slot 5461 to node 79816979a6dd4b226e476121dd385ed6c25e5151 ()',
  'slot/importing-valkey8': 'Importing slot 5461 from node 79816979a6dd4b226e476121dd385ed6c25e5151 ()',
  'slot/stable-valkey8': 'Marking slot 5461 stable',
  'slot/assigning-valkey8':
    'Assigning slot 5461 to node 79816979a6dd4b226e476121dd385ed6c25e5151 () in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d',
  'slot/migrated-valkey8':
    'Slot 5461 is migrated from node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d () in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d to node 79816979a6dd4b226e476121dd385ed6c25e5151 () in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d.',
  'slot/no-longer-migrating-valkey8':
    'Slot 5461 is no longer being migrated to node 79816979a6dd4b226e476121dd385ed6c25e5151 () in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d.',
  'slot/no-longer-importing-valkey8':
    'Slot 5461 is no longer being imported from node 79816979a6dd4b226e476121dd385ed6c25e5151 () in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d.',
  'slot/no-longer-importing-clear-valkey8':
    'Slot 5461 is no longer being imported from node 79816979a6dd4b226e476121dd385ed6c25e5151 () in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d; Clear my importing source for the slot.',
  'slot/source-failover-valkey8':
    'Failover occurred in migration source. Update importing source for slot 5461 to node 79816979a6dd4b226e476121dd385ed6c25e5151 () in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d.',
  'slot/target-failover-valkey8':
    'Failover occurred in migration target. Slot 5461 is now being migrated to node 79816979a6dd4b226e476121dd385ed6c25e5151 () in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d.',
  'slot/dirty-valkey8':
    'Deleting keys in dirty slot 5461 on node 79816979a6dd4b226e476121dd385ed6c25e5151 () in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d',
  'ignored/warning-overcommit-7.0':
    "WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.", // seen
  'ignored/warning-thp-7.0': 'WARNING You have Transparent Huge Pages (THP) support enabled in your kernel. example',
  'ignored/warning-clocksource-7.0': 'WARNING Slow system clocksource detected. example',
  'ignored/warning-xen-7.0': "WARNING Your system is configured to use the 'xen' clocksource example",
  'ignored/warning-arm64-cow-7.0': 'WARNING Your kernel has a bug that could lead to data corruption during background save. example',
  'ignored/module-fork-cow': 'Module fork: 3 MB of memory used by copy-on-write',
  'ignored/needed-quorum': 'Needed quorum: 3. Number of votes received so far: 3',
  'ignored/replica-rdb-channel-valkey8': 'Replica 10.0.1.12:7001 rdb channel disconnected.',
  'ignored/stack-content': '(00007fffdc685aaf) -> 0000000000000018', // seen
  'ignored/gossip-4.0': 'GOSSIP ffd36470e296e68c536715f528df94496bbf8331 127.0.0.1:7103@17103 master', // seen
  'ignored/gossip-3.0': 'GOSSIP a0f550c0500a2a1fee2380a24d6bdff2cfb4680d 10.0.1.12:7001 example',
  'ignored/hexdump-function': 'dump of function (hexdump of 214 bytes):', // seen
  'ignored/aof-after-sync-redis-unstable': 'MASTER <-> REPLICA sync: Starting AOF after a successful sync',
  'ignored/aof-restart-master-redis-unstable': 'Restarting AOF after becoming master',
  'ignored/dual-channel-failed-valkey-unstable': 'Dual channel sync failed with error example',
  'ignored/dual-channel-abort-psync-valkey-unstable': 'Aborting dual channel sync. Main channel psync result 3 example',
  'ignored/packet-received': 'ping packet received: cde042c36e87a74e99570565400d674dedfd5b99', // seen
  'ignored/psync-slave-request-offset': '[PSYNC] Slave request offset: 3',
  'ignored/psync-backlog-history-len-is-zero': '[PSYNC] Backlog history len is zero',
  'ignored/psync-backlog-size': '[PSYNC] Backlog size: 3',
  'ignored/psync-first-byte': '[PSYNC] First byte: 3',
  'ignored/psync-history-len': '[PSYNC] History len: 3',
  'ignored/psync-current-index': '[PSYNC] Current index: 3',
  'ignored/psync-skipping': '[PSYNC] Skipping: 3',
  'ignored/psync-index-of-first-byte': '[PSYNC] Index of first byte: 3',
  'ignored/psync-reply-total-length': '[PSYNC] Reply total length: 3',
  'ignored/psync-addreply-length': '[PSYNC] addReply() length: 3',
  'ignored/partial-resynchronization-not-accepted-runid-mismatch-client':
    "Partial resynchronization not accepted: Runid mismatch (Client asked for 'example', I'm 'example')",
  'ignored/full-resync-requested-by-slave': 'Full resync requested by slave example',
  'ignored/unable-to-partial-resync-with-slave-for':
    'Unable to partial resync with slave example for lack of backlog (Slave request was: 3).',
  'ignored/warning-slave-tried-to-psync-with-an':
    'Warning: slave example tried to PSYNC with an offset that is greater than the master replication offset.',
  'ignored/starting-bgsave-for-sync-with-target': 'Starting BGSAVE for SYNC with target: replicas sockets', // seen
  'ignored/bgsave-for-replication-failed': 'BGSAVE for replication failed',
  'ignored/waiting-for-end-of-bgsave-for-sync': 'Waiting for end of BGSAVE for SYNC',
  'ignored/waiting-for-next-bgsave-for-sync': 'Waiting for next BGSAVE for SYNC',
  'ignored/delay-next-bgsave-for-sync': 'Delay next BGSAVE for SYNC',
  'ignored/unable-to-register-writable-event-for-slave': 'Unable to register writable event for slave bulk transfer: example',
  'ignored/write-error-sending-rdb-preamble-to-slave': 'Write error sending RDB preamble to slave: example',
  'ignored/read-error-sending-db-to-slave': 'Read error sending DB to slave: example',
  'ignored/write-error-sending-db-to-slave': 'Write error sending DB to slave: example',
  'ignored/streamed-rdb-transfer-with-slave-succeeded-socket':
    'Streamed RDB transfer with slave example succeeded (socket). Waiting for REPLCONF ACK from slave to enable streaming',
  'ignored/sync-failed-bgsave-child-returned-an-error': 'SYNC failed. BGSAVE child returned an error',
  'ignored/sync-failed-can-t-open-stat-db': "SYNC failed. Can't open/stat DB after BGSAVE: example",
  'ignored/bad-protocol-from-master-the-first-byte':
    "Bad protocol from MASTER, the first byte is not '$' (we received 'example'), are you sure the host and port are right?",
  'ignored/master-slave-sync-receiving-streamed-rdb-from': 'MASTER <-> SLAVE sync: receiving streamed RDB from master',
  'ignored/master-slave-sync-receiving-bytes-from-master': 'MASTER <-> SLAVE sync: receiving 3 bytes from master',
  'ignored/write-error-or-short-write-writing-to':
    'Write error or short write writing to the DB dump file needed for MASTER <-> SLAVE synchronization: example',
  'ignored/error-truncating-the-rdb-file-received-from': 'Error truncating the RDB file received from the master for SYNC: example',
  'ignored/failed-trying-to-rename-the-temp-db':
    'Failed trying to rename the temp DB into dump.rdb in MASTER <-> SLAVE synchronization: example',
  'ignored/master-slave-sync-flushing-old-data': 'MASTER <-> SLAVE sync: Flushing old data',
  'ignored/master-slave-sync-loading-db-in-memory': 'MASTER <-> SLAVE sync: Loading DB in memory',
  'ignored/failed-enabling-the-aof-after-successful-master':
    'Failed enabling the AOF after successful master synchronization! Trying it again in one second.',
  'ignored/fatal-this-slave-instance-finished-the-synchronization':
    "FATAL: this slave instance finished the synchronization with its master, but the AOF can't be turned on. Exiting now.",
  'ignored/trying-a-partial-resynchronization-request':
    'Trying a partial resynchronization (request d649a353f7435080c84599a25c34c07f779ea75d:15).', // seen
  'ignored/partial-resynchronization-not-possible-no-cached-master': 'Partial resynchronization not possible (no cached master)',
  'ignored/unable-to-send-psync-to-master': 'Unable to send PSYNC to master: example',
  'ignored/master-replied-with-wrong-fullresync-syntax': 'Master replied with wrong +FULLRESYNC syntax.',
  'ignored/master-does-not-support-psync-or-is': 'Master does not support PSYNC or is in error state (reply: example)',
  'ignored/non-blocking-connect-for-sync-fired-the': 'Non blocking connect for SYNC fired the event.', // seen
  'ignored/master-replied-to-ping-replication-can-continue': 'Master replied to PING, replication can continue...', // seen
  'ignored/non-critical-master-does-not-understand-replconf': '(Non critical) Master does not understand REPLCONF listening-port: example',
  'ignored/non-critical-master-does-not-understand-replconf-2': '(Non critical) Master does not understand REPLCONF capa: example',
  'ignored/syncwithmaster-state-machine-error-state-should-be':
    'syncWithMaster(): state machine error, state should be RECEIVE_PSYNC but is 3',
  'ignored/retrying-with-sync': 'Retrying with SYNC...',
  'ignored/opening-the-temp-file-needed-for-master': 'Opening the temp file needed for MASTER <-> SLAVE synchronization: example',
  'ignored/can-t-create-readable-event-for-sync-2': "Can't create readable event for SYNC",
  'ignored/slave-of-would-result-into-synchronization-with':
    'SLAVE OF would result into synchronization with the master we are already connected with. No operation performed.',
  'ignored/error-resurrecting-the-cached-master-impossible-to':
    'Error resurrecting the cached master, impossible to add the readable handler: example',
  'ignored/error-resurrecting-the-cached-master-impossible-to-2':
    'Error resurrecting the cached master, impossible to add the writable handler: example',
  'ignored/disconnecting-timedout-slave': 'Disconnecting timedout slave: example',
  'ignored/replication-backlog-freed-after-seconds-without-connected':
    'Replication backlog freed after 3 seconds without connected slaves.',
  'ignored/closing-idle-client': 'Closing idle client',
  'ignored/sigterm-received-but-errors-trying-to-shut':
    'SIGTERM received but errors trying to shut down the server, check the logs for more information',
  'ignored/db-keys-volatile-in-slots-ht': 'DB 0: 1 keys (0 volatile) in 4 slots HT.', // seen
  'ignored/clients-connected-slaves-bytes-in-use': '3 clients connected (3 slaves), 3 bytes in use',
  'ignored/warning-detected-child-with-unmatched-pid': 'Warning, detected child with unmatched pid: 3',
  'ignored/changes-in-seconds-saving': '3 changes in 3 seconds. Saving...',
  'ignored/starting-automatic-rewriting-of-aof-on-growth': 'Starting automatic rewriting of AOF on 3% growth',
  'ignored/unable-to-obtain-the-current-nofile-limit':
    'Unable to obtain the current NOFILE limit (), assuming 1024 and setting the max clients configuration accordingly.',
  'ignored/your-current-ulimit-n-of-is-not':
    "Your current 'ulimit -n' of 3 is not enough for Redis to start. Please increase your open file limit to at least 3. Exiting.",
  'ignored/you-requested-maxclients-of-requiring-at-least': 'You requested maxclients of 3 requiring at least 3 max file descriptors.',
  'ignored/redis-can-t-set-maximum-open-files': "Redis can't set maximum open files to 3 because of OS error: example.",
  'ignored/current-maximum-open-files-is-maxclients-has':
    "Current maximum open files is 3. maxclients has been reduced to 3 to compensate for low ulimit. If you need higher maxclients increase 'ulimit -n'.",
  'ignored/increased-maximum-number-of-open-files-to': 'Increased maximum number of open files to 3 (it was originally set to 3).',
  'ignored/warning-the-tcp-backlog-setting-of-cannot':
    'WARNING: The TCP backlog setting of 3 cannot be enforced because /proc/sys/net/core/somaxconn is set to the lower value of 3.',
  'ignored/creating-server-tcp-listening-socket': 'Creating Server TCP listening socket 10.0.1.12:7001: example',
  'ignored/opening-socket': 'Opening socket: example',
  'ignored/can-t-open-the-append-only-file': "Can't open the append-only file: example",
  'ignored/warning-32-bit-instance-detected-but-no':
    "Warning: 32 bit instance detected but no memory limit set. Setting 3 GB maxmemory limit with 'noeviction' policy now.",
  'ignored/removing-the-unix-socket-file': 'Removing the unix socket file.',
  'ignored/there-is-a-child-saving-an-rdb': 'There is a child saving an .rdb. Killing it!',
  'ignored/writing-initial-aof-can-t-exit': "Writing initial AOF, can't exit.",
  'ignored/there-is-a-child-rewriting-the-aof': 'There is a child rewriting the AOF. Killing it!',
  'ignored/calling-fsync-on-the-aof-file': 'Calling fsync() on the AOF file.',
  'ignored/saving-the-final-rdb-snapshot-before-exiting': 'Saving the final RDB snapshot before exiting.',
  'ignored/error-trying-to-save-the-db-can': "Error trying to save the DB, can't exit.",
  'ignored/removing-the-pid-file': 'Removing the pid file.', // seen
  'ignored/warning-overcommit-memory-is-set-to-0':
    "WARNING overcommit_memory is set to 0! Background save may fail under low memory condition. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.",
  'ignored/warning-you-have-transparent-huge-pages-thp':
    "WARNING you have Transparent Huge Pages (THP) support enabled in your kernel. This will create latency and memory usage issues with Redis. To fix this issue run the command 'echo never > /sys/kernel/mm/transparent_hugepage/enabled' as root, and add it to your /etc/rc.local in order to retain the setting after a reboot. Redis must be restarted after THP is disabled.",
  'ignored/db-loaded-from-append-only-file-seconds': 'DB loaded from append only file: 0.012 seconds',
  'ignored/db-loaded-from-disk-seconds': 'DB loaded from disk: 0.000 seconds', // seen
  'ignored/out-of-memory-allocating-bytes': 'Out Of Memory allocating 3 bytes!',
  'ignored/sentinel-config-from-stdin-not-allowed': 'Sentinel config from STDIN not allowed.',
  'ignored/sentinel-needs-config-file-on-disk-to': 'Sentinel needs config file on disk to save state.  Exiting...',
  'ignored/warning-no-config-file-specified-using-the':
    'Warning: no config file specified, using the default config. In order to specify a config file use example /path/to/example.conf',
  'ignored/warning-you-specified-a-maxmemory-value-that':
    'WARNING: You specified a maxmemory value that is less than 1MB (current value is 3 bytes). Are you sure this is what you really want?',
  'ignored/can-t-chdir-to': "Can't chdir to 'example': example",
  'ignored/fatal-error-can-t-open-config-file': "Fatal error, can't open config file 'example'",
  'ignored/warning-the-new-maxmemory-value-set-via':
    'WARNING: the new maxmemory value set via CONFIG SET is smaller than the current memory usage. This will result in keys eviction and/or inability to accept new write commands depending on the maxmemory-policy.',
  'ignored/not-rewritten-option': 'Not rewritten option: example',
  'ignored/config-rewrite-failed': 'CONFIG REWRITE failed: example',
  'ignored/config-rewrite-executed-with-success': 'CONFIG REWRITE executed with success.',
  'ignored/db-reloaded-by-debug-reload': 'DB reloaded by DEBUG RELOAD',
  'ignored/append-only-file-loaded-by-debug-loadaof': 'Append Only File loaded by DEBUG LOADAOF',
  'ignored/is-not-true': "==> 10.0.1.12:7001 'example' is not true",
  'ignored/forcing-sigsegv-to-print-the-bug-report': '(forcing SIGSEGV to print the bug report.)',
  'ignored/assertion-failed-client-context': '=== ASSERTION FAILED CLIENT CONTEXT ===',
  'ignored/client-flags': 'client->flags = 3',
  'ignored/client-fd': 'client->fd = 3',
  'ignored/client-argc': 'client->argc = 3',
  'ignored/client-argv-refcount': 'client->argv[3] = "example" (refcount: 3)',
  'ignored/object-type': 'Object type: 3',
  'ignored/object-encoding': 'Object encoding: 3',
  'ignored/object-refcount': 'Object refcount: 3',
  'ignored/object-raw-string-len': 'Object raw string len: 3',
  'ignored/object-raw-string-content': 'Object raw string content: example',
  'ignored/list-length': 'List length: 3',
  'ignored/hash-size': 'Hash size: 3',
  'ignored/sorted-set-size': 'Sorted set size: 3',
  'ignored/skiplist-level': 'Skiplist level: 3',
  'ignored/assertion-failed-object-context': '=== ASSERTION FAILED OBJECT CONTEXT ===',
  'ignored/software-failure-press-left-mouse-button-to': '!!! Software Failure. Press left mouse button to continue',
  'ignored/forcing-sigsegv-in-order-to-print-the': '(forcing SIGSEGV in order to print the stack trace)',
  'ignored/registers': '--- REGISTERS',
  'ignored/dumping-of-registers-not-supported-for-this': 'Dumping of registers not supported for this OS/arch',
  'ignored/current-client-info': '--- CURRENT CLIENT INFO',
  'ignored/key-found-in-db-containing-the-following': "key 'example' found in DB containing the following object:",
  'ignored/sigsegv-caused-by-address': 'SIGSEGV caused by address: example',
  'ignored/failed-assertion': 'Failed assertion: example (10.0.1.12:7001)',
  'ignored/stack-trace': '--- STACK TRACE',
  'ignored/info-output': '--- INFO OUTPUT',
  'ignored/client-list-output': '--- CLIENT LIST OUTPUT',
  'ignored/fast-memory-test': '--- FAST MEMORY TEST',
  'ignored/memory-error-detected-check-your-memory-asap': '!!! MEMORY ERROR DETECTED! Check your memory ASAP !!!',
  'ignored/fast-memory-test-passed-however-your-memory':
    'Fast memory test PASSED, however your memory can still be broken. Please run a memory test for several hours if possible.',
  'ignored/sorry-no-support-for-backtrace': 'Sorry: no support for backtrace().',
  'ignored/failed-opening-rdb-for-saving': 'Failed opening .rdb for saving: example',
  'ignored/error-moving-temp-db-file-on-the': 'Error moving temp DB file on the final destination: example',
  'ignored/db-saved-on-disk': 'DB saved on disk',
  'ignored/write-error-saving-db-on-disk': 'Write error saving DB on disk: example',
  'ignored/rdb-mb-of-memory-used-by-copy': 'RDB: 3 MB of memory used by copy-on-write',
  'ignored/can-t-save-in-background-fork': "Can't save in background: fork: example",
  'ignored/background-saving-started-by-pid': 'Background saving started by pid 3',
  'ignored/wrong-signature-trying-to-load-db-from': 'Wrong signature trying to load DB from file',
  'ignored/can-t-handle-rdb-format-version': "Can't handle RDB format version 3",
  'ignored/rdb-file-was-saved-with-checksum-disabled': 'RDB file was saved with checksum disabled: no check performed.',
  'ignored/wrong-rdb-checksum-aborting-now': 'Wrong RDB checksum. Aborting now.',
  'ignored/short-read-or-oom-loading-db-unrecoverable': 'Short read or OOM loading DB. Unrecoverable error, aborting now.',
  'ignored/background-saving-terminated-with-success': 'Background saving terminated with success',
  'ignored/background-saving-error': 'Background saving error',
  'ignored/background-saving-terminated-by-signal': 'Background saving terminated by signal 3',
  'ignored/background-rdb-transfer-terminated-with-success': 'Background RDB transfer terminated with success', // seen
  'ignored/background-transfer-error': 'Background transfer error',
  'ignored/background-transfer-terminated-by-signal': 'Background transfer terminated by signal 3',
  'ignored/closing-slave-child-slave-rdb-transfer-failed': 'Closing slave example: child->slave RDB transfer failed: example',
  'ignored/slave-correctly-received-the-streamed-rdb-file': 'Slave example correctly received the streamed RDB file.',
  'ignored/background-rdb-transfer-started-by-pid': 'Background RDB transfer started by pid 11818', // seen
  'ignored/background-aof-buffer-size-mb': 'Background AOF buffer size: 3 MB',
  'ignored/killing-running-aof-rewrite-child': 'Killing running AOF rewrite child: 3',
  'ignored/redis-needs-to-enable-the-aof-but': "Redis needs to enable the AOF but can't open the append only file: example",
  'ignored/redis-needs-to-enable-the-aof-but-2':
    "Redis needs to enable the AOF but can't trigger a background AOF rewrite operation. Check the above logs for more info about the error.",
  'ignored/asynchronous-aof-fsync-is-taking-too-long':
    'Asynchronous AOF fsync is taking too long (disk is busy?). Writing the AOF buffer without waiting for fsync to complete, this may slow down Redis.',
  'ignored/error-writing-to-the-aof-file': 'Error writing to the AOF file: example',
  'ignored/short-write-while-writing-to-the-aof': 'Short write while writing to the AOF file: (nwritten=3, expected=3)',
  'ignored/could-not-remove-short-write-from-the':
    'Could not remove short write from the append-only file.  Redis may refuse to load the AOF the next time it starts.  ftruncate: example',
  'ignored/can-t-recover-from-aof-write-error': "Can't recover from AOF write error when the AOF fsync policy is 'always'. Exiting...",
  'ignored/aof-write-error-looks-solved-redis-can': 'AOF write error looks solved, Redis can write again.',
  'ignored/fatal-error-can-t-open-the-append': "Fatal error: can't open the append log file for reading: example",
  'ignored/unknown-command-reading-the-append-only-file': "Unknown command 'example' reading the append only file",
  'ignored/unrecoverable-error-reading-the-append-only-file': 'Unrecoverable error reading the append only file: example',
  'ignored/truncating-the-aof-at-offset': '!!! Truncating the AOF at offset 3 !!!',
  'ignored/last-valid-command-offset-is-invalid': 'Last valid command offset is invalid',
  'ignored/error-truncating-the-aof-file': 'Error truncating the AOF file: example',
  'ignored/can-t-seek-the-end-of-the': "Can't seek the end of the AOF file: example",
  'ignored/aof-loaded-anyway-because-aof-load-truncated': 'AOF loaded anyway because aof-load-truncated is enabled',
  'ignored/unexpected-end-of-file-reading-the-append':
    "Unexpected end of file reading the append only file. You can: 1) Make a backup of your AOF file, then use ./redis-check-aof --fix <filename>. 2) Alternatively you can set the 'aof-load-truncated' configuration option to yes and restart the server.",
  'ignored/bad-file-format-reading-the-append-only':
    'Bad file format reading the append only file: make a backup of your AOF file, then use ./redis-check-aof --fix <filename>',
  'ignored/opening-the-temp-file-for-aof-rewrite': 'Opening the temp file for AOF rewrite in rewriteAppendOnlyFile(): example',
  'ignored/error-moving-temp-append-only-file-on': 'Error moving temp append only file on the final destination: example',
  'ignored/sync-append-only-file-rewrite-performed': 'SYNC append only file rewrite performed',
  'ignored/write-error-writing-append-only-file-on': 'Write error writing append only file on disk: example',
  'ignored/aof-rewrite-mb-of-memory-used-by': 'AOF rewrite: 3 MB of memory used by copy-on-write',
  'ignored/can-t-rewrite-append-only-file-in': "Can't rewrite append only file in background: fork: example",
  'ignored/background-append-only-file-rewriting-started-by': 'Background append only file rewriting started by pid 3',
  'ignored/unable-to-obtain-the-aof-file-length': 'Unable to obtain the AOF file length. stat: example',
  'ignored/background-aof-rewrite-terminated-with-success': 'Background AOF rewrite terminated with success',
  'ignored/unable-to-open-the-temporary-aof-produced': 'Unable to open the temporary AOF produced by the child: example',
  'ignored/error-trying-to-flush-the-parent-diff': 'Error trying to flush the parent diff to the rewritten AOF: example',
  'ignored/parent-diff-successfully-flushed-to-the-rewritten': 'Parent diff successfully flushed to the rewritten AOF (3 bytes)',
  'ignored/error-trying-to-rename-the-temporary-aof': 'Error trying to rename the temporary AOF file: example',
  'ignored/background-aof-rewrite-finished-successfully': 'Background AOF rewrite finished successfully',
  'ignored/background-aof-rewrite-signal-handler-took-us': 'Background AOF rewrite signal handler took 3us',
  'ignored/background-aof-rewrite-terminated-with-error': 'Background AOF rewrite terminated with error',
  'ignored/background-aof-rewrite-terminated-by-signal': 'Background AOF rewrite terminated by signal 3',
  'ignored/error-registering-fd-event-for-the-new': 'Error registering fd event for the new client: example (fd=3)',
  'ignored/accepting-client-connection': 'Accepting client connection: example',
  'ignored/accepted': 'Accepted 127.0.0.1:45224', // seen
  'ignored/accepted-connection-to': 'Accepted connection to example',
  'ignored/error-writing-to-client': 'Error writing to client: example',
  'ignored/protocol-error-from-client': 'Protocol error from client: example',
  'ignored/reading-from-client': 'Reading from client: Connection reset by peer', // seen
  'ignored/client-closed-connection': 'Client closed connection',
  'ignored/closing-client-that-reached-max-query-buffer':
    'Closing client that reached max query buffer length: example (qbuf initial bytes: example)',
  'ignored/client-scheduled-to-be-closed-asap-for': 'Client example scheduled to be closed ASAP for overcoming of output buffer limits.',
  'ignored/fatal-can-t-initialize-background-jobs': "Fatal: Can't initialize Background Jobs.",
  'ignored/warning-can-t-mask-sigalrm-in-bio': "Warning: can't mask SIGALRM in bio.c thread: example",
  'ignored/bio-thread-for-job-type-can-be': 'Bio thread for job type #3 can be joined: example',
  'ignored/bio-thread-for-job-type-terminated': 'Bio thread for job type #0 terminated', // seen
  'ignored/loading-the-cluster-node-config-from': 'Loading the cluster node config from example: example',
  'ignored/skipping-unknown-cluster-config-variable': "Skipping unknown cluster config variable 'example'",
  'ignored/can-t-open-in-order-to-acquire': "Can't open example in order to acquire a lock: example",
  'ignored/impossible-to-lock': 'Impossible to lock example: example',
  'ignored/redis-port-number-too-high-cluster-communication':
    'Redis port number too high. Cluster communication port is 10,000 port numbers higher than your Redis port. Your Redis port number must be lower than 55535.',
  'ignored/error-accepting-cluster-node': 'Error accepting cluster node: example',
  'ignored/accepted-cluster-node': 'Accepted cluster node 10.0.1.12:7001',
  'ignored/renaming-node-into': 'Renaming node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d into a0f550c0500a2a1fee2380a24d6bdff2cfb4680d',
  'ignored/discarding-update-message-about-myself': 'Discarding UPDATE message about myself.',
  'ignored/ip-address-for-this-node-updated-to': 'IP address for this node updated to 127.0.0.1', // seen
  'ignored/handshake-we-already-know-node-updating-the':
    'Handshake: we already know node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d, updating the address if needed.',
  'ignored/handshake-with-node-completed': 'Handshake with node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d completed.',
  'ignored/pong-contains-mismatching-sender-id': 'PONG contains mismatching sender ID',
  'ignored/node-has-old-slots-configuration-sending-an':
    'Node ffd36470e296e68c536715f528df94496bbf8331 has old slots configuration, sending an UPDATE message about cde042c36e87a74e99570565400d674dedfd5b99', // seen
  'ignored/ignoring-fail-message-from-unknown-node-about':
    'Ignoring FAIL message from unknown node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d about a0f550c0500a2a1fee2380a24d6bdff2cfb4680d',
  'ignored/received-unknown-packet-type': 'Received unknown packet type: 3',
  'ignored/i-o-error-writing-to-node-link': 'I/O error writing to node link: example',
  'ignored/bad-message-length-or-signature-received-from': 'Bad message length or signature received from Cluster bus.',
  'ignored/i-o-error-reading-from-node-link': 'I/O error reading from node link: example',
  'ignored/unable-to-connect-to-cluster-node': 'Unable to connect to Cluster Node [example]:3 -> example',
  'ignored/connecting-with-node-at': 'Connecting with Node 779a96241fbff69dd6f40d95b960be58ee032221 at 127.0.0.1:17106', // seen
  'ignored/pinging-node': 'Pinging node 779a96241fbff69dd6f40d95b960be58ee032221', // seen
  'ignored/partial-resynchronization-not-accepted-runid-mismatch-client-2':
    "Partial resynchronization not accepted: Runid mismatch (Client asked for runid 'example', my runid is 'example')",
  'ignored/wait3-returned-an-error-rdb-child-pid': 'wait3() returned an error: example. rdb_child_pid = 3, aof_child_pid = 3',
  'ignored/opening-unix-socket': 'Opening Unix socket: example',
  'ignored/parent-agreed-to-stop-sending-diffs-finalizing': 'Parent agreed to stop sending diffs. Finalizing AOF...',
  'ignored/concatenating-mb-of-aof-diff-received-from': 'Concatenating 0.012 MB of AOF diff received from parent.',
  'ignored/aof-rewrite-child-asks-to-stop-sending': 'AOF rewrite child asks to stop sending diffs.',
  'ignored/can-t-send-ack-to-aof-child': "Can't send ACK to AOF child: example",
  'ignored/error-opening-setting-aof-rewrite-ipc-pipes': 'Error opening /setting AOF rewrite IPC pipes: example',
  'ignored/residual-parent-diff-successfully-flushed-to-the': 'Residual parent diff successfully flushed to the rewritten AOF (0.012 MB)',
  'ignored/pong-contains-mismatching-sender-id-about-node':
    'PONG contains mismatching sender ID. About node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d added 3 ms ago, having flags 3',
  'ignored/can-t-attach-the-slave-to-the': "Can't attach the slave to the current BGSAVE. Waiting for next BGSAVE for SYNC",
  'ignored/current-bgsave-has-socket-target-waiting-for': 'Current BGSAVE has socket target. Waiting for next BGSAVE for SYNC',
  'ignored/delay-next-bgsave-for-diskless-sync': 'Delay next BGSAVE for diskless SYNC', // seen
  'ignored/no-bgsave-in-progress-but-an-aof': 'No BGSAVE in progress, but an AOF rewrite is active. BGSAVE for replication delayed',
  'ignored/non-critical-master-does-not-understand-replconf-3': '(Non critical) Master does not understand REPLCONF ip-address: example',
  'ignored/your-current-ulimit-n-of-is-not-2':
    "Your current 'ulimit -n' of 3 is not enough for the server to start. Please increase your open file limit to at least 3. Exiting.",
  'ignored/server-can-t-set-maximum-open-files': "Server can't set maximum open files to 3 because of OS error: example.",
  'ignored/not-listening-to-ipv6-unsupproted': 'Not listening to IPv6: unsupproted',
  'ignored/not-listening-to-ipv4-unsupproted': 'Not listening to IPv4: unsupproted',
  'ignored/upstart-supervision-requested-but-upstart-job-not': 'upstart supervision requested, but UPSTART_JOB not found',
  'ignored/supervised-by-upstart-will-stop-to-signal': 'supervised by upstart, will stop to signal readiness',
  'ignored/systemd-supervision-requested-but-notify-socket-not': 'systemd supervision requested, but NOTIFY_SOCKET not found',
  'ignored/supervised-by-systemd-will-signal-readiness': 'supervised by systemd, will signal readiness',
  'ignored/can-t-connect-to-systemd-socket': "Can't connect to systemd socket example",
  'ignored/can-t-send-notification-to-systemd': "Can't send notification to systemd",
  'ignored/crashed-running-the-instuction-at': 'Crashed running the instuction at: example',
  'ignored/accessing-address': 'Accessing address: 0x32fe', // seen
  'ignored/failed-opening-the-rdb-file-in-server': 'Failed opening the RDB file example (in server root dir example) for saving: example',
  'ignored/error-moving-temp-db-file-on-the-2':
    'Error moving temp DB file example on the final destination example (in server root dir example): example',
  'ignored/unrecognized-rdb-aux-field': "Unrecognized RDB AUX field: 'example'",
  'ignored/redis-needs-to-enable-the-aof-but-3':
    "Redis needs to enable the AOF but can't open the append only file example (in server root dir example): example",
  'ignored/aof-was-enabled-but-there-is-already':
    'AOF was enabled but there is already a child process saving an RDB file on disk. An AOF background was scheduled to start when possible.',
  'ignored/error-trying-to-rename-the-temporary-aof-2': 'Error trying to rename the temporary AOF file example into example: example',
  'ignored/possible-security-attack-detected-it-looks-like':
    'Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection aborted.',
  'ignored/warning-bio-thread-started-with-wrong-type': 'Warning: bio thread started with wrong type 3',
  'ignored/partial-resynchronization-not-accepted-replication-id-mismatch':
    "Partial resynchronization not accepted: Replication ID mismatch (Slave asked for 'example', my replication IDs are 'example' and 'example')",
  'psync-refused': 'Partial resynchronization not accepted: Requested offset for second ID was 3504, but I can reply up to 2424', // seen (master-sigstop incident)
  'ignored/bgsave-for-replication-replication-information-not-available':
    "BGSAVE for replication: replication information not available, can't generate the RDB file right now. Try later.",
  'ignored/replica-is-about-to-load-the-rdb':
    'Replica is about to load the RDB file received from the master, but there is a pending RDB child running. Killing process 3 and removing its temp file to avoid any race',
  'ignored/master-replication-id-changed-to': 'Master replication ID changed to 4e2615939f36b44fbdf47a2aa2d89346a8ee6dbe', // seen
  'ignored/master-is-currently-unable-to-psync-but': 'Master is currently unable to PSYNC but should be in the future: example',
  'ignored/can-t-restart-this-process-has-no': "Can't restart: this process has no permissions to execute example",
  'ignored/can-t-restart-configuration-rewrite-process-failed': "Can't restart: configuration rewrite process failed",
  'ignored/can-t-restart-error-preparing-for-shutdown': "Can't restart: error preparing for shutdown",
  'ignored/failed-creating-the-event-loop-error-message': "Failed creating the event loop. Error message: 'example'",
  'ignored/server-initialized': 'Server initialized', // seen
  'ignored/changing-replication-ids-after-receiving-debug-change': 'Changing replication IDs after receiving DEBUG change-repl-id',
  'ignored/crashed-running-the-instruction-at': 'Crashed running the instruction at: 0x7fb651d26f36', // seen
  'ignored/the-rdb-file-contains-module-data-i': "The RDB file contains module data I can't load: no matching module 'example'",
  'ignored/the-rdb-file-contains-module-data-for':
    "The RDB file contains module data for the module 'example' that is not terminated by the proper module value EOF marker",
  'ignored/the-rdb-file-contains-module-data-for-2':
    "The RDB file contains module data for the module type 'example', that the responsible module is not able to load. Check for modules log above for additional clues.",
  'ignored/aof-was-enabled-but-there-is-already-2':
    'AOF was enabled but there is already an AOF rewriting in background. Stopping background AOF and starting a rewrite now.',
  'ignored/reading-rdb-preamble-from-aof-file': 'Reading RDB preamble from AOF file...',
  'ignored/error-reading-the-rdb-preamble-of-the': 'Error reading the RDB preamble of the AOF file, AOF loading aborted',
  'ignored/reading-the-remaining-aof-tail': 'Reading the remaining AOF tail...',
  'ignored/revert-incomplete-multi-exec-transaction-in-aof': 'Revert incomplete MULTI/EXEC transaction in AOF file',
  'ignored/critical-this-is-sending-an-error-to':
    "== CRITICAL == This example is sending an error to its example: 'example' after processing the command 'example'",
  'ignored/protocol-error-from-client-2': 'Protocol error () from client: example. example',
  'ignored/psync-replica-request-offset': '[PSYNC] Replica request offset: 3',
  'ignored/partial-resynchronization-not-accepted-replication-id-mismatch-2':
    "Partial resynchronization not accepted: Replication ID mismatch (Replica asked for 'a961427da358701245b3adcdf7c229f2af8dce80', my replication IDs are 'ca48d6f27adec053fe304dabd37cf892a257b922' and '0000000000000000000000000000000000000000')", // seen
  'ignored/full-resync-requested-by-replica': 'Full resync requested by replica example',
  'ignored/unable-to-partial-resync-with-replica-for':
    'Unable to partial resync with replica example for lack of backlog (Replica request was: 3).',
  'ignored/warning-replica-tried-to-psync-with-an':
    'Warning: replica example tried to PSYNC with an offset that is greater than the master replication offset.',
  'ignored/can-t-attach-the-replica-to-the': "Can't attach the replica to the current BGSAVE. Waiting for next BGSAVE for SYNC",
  'ignored/unable-to-register-writable-event-for-replica': 'Unable to register writable event for replica bulk transfer: example',
  'ignored/write-error-sending-rdb-preamble-to-replica': 'Write error sending RDB preamble to replica: example',
  'ignored/read-error-sending-db-to-replica': 'Read error sending DB to replica: example',
  'ignored/write-error-sending-db-to-replica': 'Write error sending DB to replica: example',
  'ignored/streamed-rdb-transfer-with-replica-succeeded-socket':
    'Streamed RDB transfer with replica 127.0.0.1:7106 succeeded (socket). Waiting for REPLCONF ACK from slave to enable streaming', // seen
  'ignored/fatal-this-replica-instance-finished-the-synchronization':
    "FATAL: this replica instance finished the synchronization with its master, but the AOF can't be turned on. Exiting now.",
  'ignored/master-replica-sync-receiving-streamed-rdb-from': 'MASTER <-> REPLICA sync: receiving streamed RDB from master',
  'ignored/master-replica-sync-receiving-bytes-from-master': 'MASTER <-> REPLICA sync: receiving 3 bytes from master',
  'ignored/write-error-or-short-write-writing-to-2':
    'Write error or short write writing to the DB dump file needed for MASTER <-> REPLICA synchronization: example',
  'ignored/failed-trying-to-sync-the-temp-db': 'Failed trying to sync the temp DB to disk in MASTER <-> REPLICA synchronization: example',
  'ignored/master-replica-sync-flushing-old-data': 'MASTER <-> REPLICA sync: Flushing old data', // seen
  'ignored/master-replica-sync-loading-db-in-memory': 'MASTER <-> REPLICA sync: Loading DB in memory', // seen
  'ignored/opening-the-temp-file-needed-for-master-2': 'Opening the temp file needed for MASTER <-> REPLICA synchronization: example',
  'ignored/replicaof-would-result-into-synchronization-with-the':
    'REPLICAOF would result into synchronization with the master we are already connected with. No operation performed.',
  'ignored/disconnecting-timedout-replica': 'Disconnecting timedout replica: example',
  'ignored/replication-backlog-freed-after-seconds-without-connected-2':
    'Replication backlog freed after 3 seconds without connected replicas.',
  'ignored/clients-connected-replicas-bytes-in-use': '0 clients connected (1 replicas), 1786416 bytes in use', // seen
  'ignored/could-not-create-server-tcp-listening-socket': 'Could not create server TCP listening socket 10.0.1.12:7001: example',
  'ignored/failed-to-mmap': 'Failed to mmap(): example',
  'ignored/failed-to-mprotect': 'Failed to mprotect(): example',
  'ignored/failed-to-madvise': 'Failed to madvise(): example',
  'ignored/failed-to-create-pipe': 'Failed to create pipe: example',
  'ignored/failed-to-fork': 'Failed to fork: example',
  'ignored/failed-to-write-to-parent': 'Failed to write to parent: example',
  'ignored/failed-to-read-from-child': 'Failed to read from child: example',
  'ignored/failed-to-test-the-kernel-for-a':
    'Failed to test the kernel for a bug that could lead to data corruption during background save. Your system could be affected, please report this error.',
  'ignored/redis-will-now-exit-to-prevent-data':
    'Redis will now exit to prevent data corruption. Note that it is possible to suppress this warning by setting the following config: ignore-warnings ARM64-COW-BUG',
  'ignored/warning-the-new-maxmemory-value-set-via-2':
    'WARNING: the new maxmemory value set via CONFIG SET is smaller than the current memory usage. This will result in key eviction and/or the inability to accept new write commands depending on the maxmemory-policy.',
  'ignored/debug-log': 'DEBUG LOG: example',
  'ignored/the-rdb-file-contains-aux-module-data': "The RDB file contains AUX module data I can't load: no matching module 'example'",
  'ignored/the-rdb-file-contains-module-aux-data':
    "The RDB file contains module AUX data, but the module 'example' doesn't seem to support it.",
  'ignored/the-rdb-file-contains-module-aux-data-2':
    "The RDB file contains module AUX data for the module type 'example', that the responsible module is not able to load. Check for modules log above for additional clues.",
  'ignored/the-rdb-file-contains-module-aux-data-3':
    "The RDB file contains module AUX data for the module 'example' that is not terminated by the proper module value EOF marker",
  'ignored/error-accepting-cluster-node-connection': 'Error accepting cluster node connection: example',
  'ignored/error-creating-an-accepting-connection-for-cluster': 'Error creating an accepting connection for cluster node: example',
  'ignored/accepting-cluster-node-connection-from': 'Accepting cluster node connection from 127.0.0.1:50086', // seen
  'bus-connect-failed': 'Connection with Node cde042c36e87a74e99570565400d674dedfd5b99 at 127.0.0.1:17105 failed: Connection refused', // seen
  'ignored/latest-backlog-is': "Latest backlog is: 'example'",
  'ignored/replication-backlog-created-my-new-replication-ids':
    "Replication backlog created, my new replication IDs are 'd649a353f7435080c84599a25c34c07f779ea75d' and '0000000000000000000000000000000000000000'", // seen
  'ignored/no-bgsave-in-progress-but-another-bg':
    'No BGSAVE in progress, but another BG operation is active. BGSAVE for replication delayed',
  'ignored/removing-the-rdb-file-used-to-feed': 'Removing the RDB file used to feed replicas in a persistence-less instance',
  'ignored/diskless-rdb-transfer-read-error-sending-db': 'Diskless rdb transfer, read error sending DB to replicas: example',
  'ignored/diskless-rdb-transfer-done-reading-from-pipe': 'Diskless rdb transfer, done reading from pipe, 1 replicas still up.', // seen
  'ignored/diskless-rdb-transfer-write-error-sending-db': 'Diskless rdb transfer, write error sending DB to replica: example',
  'ignored/diskless-rdb-transfer-last-replica-dropped-killing': 'Diskless rdb transfer, last replica dropped, killing fork child.',
  'ignored/skipping-diskless-load-because-there-are-modules':
    "Skipping diskless-load because there are modules that don't handle read errors.",
  'ignored/master-replica-sync-receiving-streamed-rdb-from-2':
    'MASTER <-> REPLICA sync: receiving streamed RDB from master with EOF to disk', // seen
  'ignored/master-replica-sync-receiving-bytes-from-master-2': 'MASTER <-> REPLICA sync: receiving 3 bytes from master example',
  'ignored/replication-stream-eof-marker-is-broken': 'Replication stream EOF marker is broken',
  'ignored/failed-trying-to-rename-the-temp-db-3':
    'Failed trying to rename the temp DB into example in MASTER <-> REPLICA synchronization: example',
  'ignored/removing-the-rdb-file-obtained-from-the':
    'Removing the RDB file obtained from the master. This replica has persistence disabled',
  'ignored/can-t-create-readable-event-for-sync-3': "Can't create readable event for SYNC: example ()",
  'ignored/disconnecting-timedout-replica-streaming-sync': 'Disconnecting timedout replica (streaming sync): example',
  'ignored/disconnecting-timedout-replica-full-sync': 'Disconnecting timedout replica (full sync): example',
  'ignored/wait3-returned-an-error-rdb-child-pid-2':
    'wait3() returned an error: example. rdb_child_pid = 3, aof_child_pid = 3, module_child_pid = 3',
  'ignored/unable-to-write-oom-score-adj': 'Unable to write oom_score_adj: example',
  'ignored/not-listening-to-ipv6-unsupported': 'Not listening to IPv6: unsupported',
  'ignored/not-listening-to-ipv4-unsupported': 'Not listening to IPv4: unsupported',
  'ignored/failed-to-configure-tls-check-logs-for': 'Failed to configure TLS. Check logs for more info.',
  'ignored/there-is-a-module-fork-child-killing': 'There is a module fork child. Killing it!',
  'ignored/warning-you-have-transparent-huge-pages-thp-2':
    "WARNING you have Transparent Huge Pages (THP) support enabled in your kernel. This will create latency and memory usage issues with Redis. To fix this issue run the command 'echo madvise > /sys/kernel/mm/transparent_hugepage/enabled' as root, and add it to your /etc/rc.local in order to retain the setting after a reboot. Redis must be restarted after THP is disabled (set to 'madvise' or 'never').",
  'ignored/received-sigusr1-in-child-exiting-now': 'Received SIGUSR1 in child, exiting now.',
  'ignored/warning-auto-supervised-by-systemd-you-must':
    'WARNING auto-supervised by systemd - you MUST set appropriate values for TimeoutStartSec and TimeoutStopSec in your service unit.',
  'ignored/warning-supervised-by-systemd-you-must-set':
    'WARNING supervised by systemd - you MUST set appropriate values for TimeoutStartSec and TimeoutStopSec in your service unit.',
  'ignored/the-oom-score-adj-values-configuration-may':
    'The oom-score-adj-values configuration may not work for non-privileged processes! Please consult the documentation.',
  'ignored/fatal-error-can-t-open-config-file-2': "Fatal error, can't open config file 'example': example",
  'ignored/config-file-full-path-is-too-long': 'Config file full path is too long',
  'ignored/could-not-create-tmp-config-file': 'Could not create tmp config file ()',
  'ignored/failed-after-writing-bytes-to-tmp-config': 'Failed after writing (3) bytes to tmp config file ()',
  'ignored/could-not-sync-tmp-config-file-to': 'Could not sync tmp config file to disk ()',
  'ignored/could-not-chmod-config-file': 'Could not chmod config file ()',
  'ignored/could-not-rename-tmp-config-file': 'Could not rename tmp config file ()',
  'ignored/rewritten-config-file-successfully': 'Rewritten config file () successfully',
  'ignored/warning-the-new-maxmemory-value-set-via-3':
    'WARNING: the new maxmemory value set via CONFIG SET (3) is smaller than the current memory usage (3). This will result in key eviction and/or the inability to accept new write commands depending on the maxmemory-policy.',
  'ignored/client-conn': 'client->conn = example',
  'ignored/stream-size': 'Stream size: 3',
  'ignored/main-thread-can-not-be-joined': 'main thread can not be joined: example',
  'ignored/main-thread-terminated': 'main thread terminated',
  'ignored/killed-by-pid-uid': 'Killed by PID: 13054, UID: 0', // seen
  'ignored/terminating-server-after-rdb-file-reading-failure': 'Terminating server after rdb file reading failure.',
  'ignored/loading-rdb-produced-by-version': 'Loading RDB produced by version 7.0.15', // seen
  'ignored/rdb-age-seconds': 'RDB age 0 seconds', // seen
  'ignored/rdb-memory-usage-when-created-mb': 'RDB memory usage when created 1.65 Mb', // seen
  'ignored/rdb-has-an-aof-tail': 'RDB has an AOF tail',
  'ignored/rdb-has-duplicated-key-in-db': "RDB has duplicated key 'example' in DB 3",
  'ignored/wrong-rdb-checksum-expected-llx-but-got': 'Wrong RDB checksum expected: (%llx) but got (%llx). Aborting now.',
  'ignored/aof-was-enabled-but-there-is-already-3':
    'AOF was enabled but there is already another background operation. An AOF background was scheduled to start when possible.',
  'ignored/error-accepting-a-client-connection': 'Error accepting a client connection: example',
  'ignored/accepted-client-connection-in-error-state-conn': 'Accepted client connection in error state: example (conn: example)',
  'ignored/error-registering-fd-event-for-the-new-2': 'Error registering fd event for the new client: example (conn: example)',
  'ignored/warning-receiving-inline-protocol-from-master-master':
    'WARNING: Receiving inline protocol from master, master stream corruption? Closing the master connection and discarding the cached master.',
  'ignored/fatal-too-many-i-o-threads-configured': 'Fatal: too many I/O threads configured. The maximum number is 3.',
  'ignored/fatal-can-t-initialize-io-thread': "Fatal: Can't initialize IO thread.",
  'ignored/io-thread-tid-can-not-be-joined': 'IO thread(tid:3) can not be joined: example',
  'ignored/io-thread-tid-terminated': 'IO thread(tid:3) terminated',
  'ignored/bio-thread-for-job-type-can-not': 'Bio thread for job type #3 can not be joined: example',
  'ignored/failover-request-received-for-replid': 'Failover request received for replid example.',
  'ignored/close-the-connection-with-replica-as-rdb': 'Close the connection with replica example as RDB transfer is complete',
  'ignored/waitpid-returned-an-error-child-type-child': 'waitpid() returned an error: example. child_type: example, child_pid = 3',
  'ignored/warning-could-not-create-server-tcp-listening':
    'Warning: Could not create server TCP listening socket 127.0.0.1:7102: bind: Address already in use', // seen
  'ignored/monotonic-clock': 'monotonic clock: POSIX clock_gettime', // seen
  'ignored/failed-to-bind-trying-to-restore-old': 'Failed to bind, trying to restore old listening sockets.',
  'ignored/systemd-supervision-error-notify-socket-not-found': 'systemd supervision error: NOTIFY_SOCKET not found!',
  'ignored/systemd-supervision-error-sd-notify': 'systemd supervision error: sd_notify: 3',
  'ignored/upstart-supervision-requested-but-upstart-job-not-2': 'upstart supervision requested, but UPSTART_JOB not found!',
  'ignored/supervised-by-upstart-will-stop-to-signal-2': 'supervised by upstart, will stop to signal readiness.',
  'ignored/systemd-supervision-requested-or-auto-detected-but':
    'systemd supervision requested or auto-detected, but Redis is compiled without libsystemd support!',
  'ignored/supervised-by-systemd-please-make-sure-you':
    'Supervised by systemd. Please make sure you set appropriate values for TimeoutStartSec and TimeoutStopSec in your service unit.',
  'ignored/upstart-supervision-detected': 'Upstart supervision detected.',
  'ignored/systemd-supervision-detected': 'Systemd supervision detected.',
  'ignored/reading-config-from-stdin': 'Reading config from stdin',
  'ignored/rdbloadlzfstringobject-failed-allocating-bytes': 'rdbLoadLzfStringObject failed allocating 3 bytes',
  'ignored/rdbgenericloadstringobject-failed-allocating-bytes': 'rdbGenericLoadStringObject failed allocating 3 bytes',
  'ignored/rdbloadobject-skipping-empty-key': 'rdbLoadObject skipping empty key: example',
  'ignored/done-loading-rdb-keys-loaded-keys-expired': 'Done loading RDB, keys loaded: 3, keys expired: 3, empty keys skipped: 3.',
  'ignored/done-loading-rdb-keys-loaded-keys-expired-2': 'Done loading RDB, keys loaded: 0, keys expired: 0.', // seen
  'ignored/fail-to-fsync-the-aof-file-2': 'Fail to fsync the AOF file: example',
  'ignored/aof-reopen-just-ignore-the-aof-fsync': 'AOF reopen, just ignore the AOF fsync error in bio job',
  'ignored/aof-reopen-just-ignore-the-last-error': 'AOF reopen, just ignore the last error.',
  'ignored/can-t-persist-aof-for-fsync-error':
    "Can't persist AOF for fsync error when the AOF fsync policy is 'always': example. Exiting...",
  'ignored/error-trying-to-fsync-the-parent-diff': 'Error trying to fsync the parent diff to the rewritten AOF: example',
  'ignored/client-closed-for-overcoming-of-output-buffer': 'Client example closed for overcoming of output buffer limits.',
  'ignored/child-failed-reporting-info-to-parent-exiting': 'Child failed reporting info to parent, exiting. example',
  'ignored/unable-to-obtain-the-cluster-node-config': 'Unable to obtain the cluster node config file stat example: example',
  'ignored/no-bind-address-is-configured-but-it': 'No bind address is configured, but it is required for the Cluster bus.',
  'ignored/replacing-inbound-link-fd-from-node-with':
    'Replacing inbound link fd 3 from node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d with fd 3',
  'ignored/error-converting-peer-ip-to-string': 'Error converting peer IP to string: example',
  'ignored/received-unknown-extension-type': 'Received unknown extension type 3',
  'ignored/processing-packet-of-type-bytes-2': '--- Processing packet of type ping, 2568 bytes', // seen
  'ignored/dropping-packet-that-matches-debug-drop-filter': 'Dropping packet that matches debug drop filter',
  'ignored/received-a-packet-without-proper-padding-bytes': 'Received a example packet without proper padding (3 bytes)',
  'ignored/received-invalid-packet-with-extension-data-that':
    'Received invalid example packet with extension data that exceeds total packet length (3)',
  'ignored/received-invalid-packet-of-length-but-expected': 'Received invalid example packet of length 3 but expected length 3',
  'ignored/freeing-cluster-link-node-used-memory-due':
    'Freeing cluster link(example node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d, used memory: 3) due to exceeding send buffer memory limit.',
  'ignored/rdb-transfer-completed-rdb-only-replica-should': 'RDB transfer completed, rdb only replica () should be disconnected asap',
  'ignored/skipping-diskless-load-because-there-are-modules-2':
    'Skipping diskless-load because there are modules that are not aware of async replication.',
  'ignored/master-replica-sync-discarding-temporary-db-in': 'MASTER <-> REPLICA sync: Discarding temporary DB in background',
  'ignored/master-replica-sync-swapping-active-db-with': 'MASTER <-> REPLICA sync: Swapping active DB with loaded DB',
  'ignored/master-replica-sync-discarding-old-db-in': 'MASTER <-> REPLICA sync: Discarding old DB in background',
  'ignored/failed-trying-to-sync-db-directory-in':
    'Failed trying to sync DB directory example in MASTER <-> REPLICA synchronization: example',
  'ignored/can-t-restart-configuration-rewrite-process-failed-2': "Can't restart: configuration rewrite process failed: example",
  'ignored/unable-to-read-oom-score-adj': 'Unable to read oom_score_adj: example',
  'ignored/warning-the-tcp-backlog-setting-of-cannot-2':
    'WARNING: The TCP backlog setting of 3 cannot be enforced because kern.ipc.somaxconn is set to the lower value of 3.',
  'ignored/warning-the-tcp-backlog-setting-of-cannot-3':
    'WARNING: The TCP backlog setting of 3 cannot be enforced because kern.somaxconn is set to the lower value of 3.',
  'ignored/warning-the-tcp-backlog-setting-of-cannot-4':
    'WARNING: The TCP backlog setting of 3 cannot be enforced because SOMAXCONN is set to the lower value of 3.',
  'ignored/failed-opening-unix-socket': 'Failed opening Unix socket: example',
  'ignored/replica-is-applying-a-command-even-though': 'Replica is applying a command even though it is unable to write to disk.',
  'ignored/error-removing-the-unix-socket-file': 'Error removing the unix socket file: example',
  'ignored/waiting-for-replicas-before-shutting-down': 'Waiting for replicas before shutting down.', // seen
  'ignored/shutdown-manually-aborted': 'Shutdown manually aborted.',
  'ignored/lagging-replica-reported-offset-behind-master-lag':
    'Lagging replica example reported offset 3 behind master, lag=3, state=example.',
  'ignored/of-replicas-are-in-sync-when-shutting': '1 of 1 replicas are in sync when shutting down.', // seen
  'ignored/writing-initial-aof-exit-anyway': 'Writing initial AOF. Exit anyway.',
  'ignored/error-trying-to-save-the-db-exit': 'Error trying to save the DB. Exit anyway.',
  'ignored/errors-trying-to-shut-down-the-server': 'Errors trying to shut down the server. Check the logs for more information.',
  'ignored/failed-to-bind': 'Failed to bind',
  'ignored/failed-restoring-failed-config-set-command-error':
    "Failed restoring failed CONFIG SET command. Error setting example to 'example': example",
  'ignored/failed-applying-restored-failed-config-set-command': 'Failed applying restored failed CONFIG SET command: example',
  'ignored/failed-applying-new-configuration-possibly-related-to':
    'Failed applying new configuration. Possibly related to new example setting. Restoring previous settings.',
  'ignored/failed-applying-new-module-configuration-restoring-previous':
    'Failed applying new module configuration. Restoring previous settings.',
  'ignored/could-not-sync-config-file-dir': 'Could not sync config file dir ()',
  'ignored/failed-opening-the-temp-rdb-file-in':
    'Failed opening the temp RDB file example (in server root dir example) for saving: example',
  'ignored/write-error-saving-db-on-disk-2': 'Write error saving DB on disk(): example',
  'ignored/failed-creating-function': 'Failed creating function, example',
  'ignored/rdb-is-base-aof': 'RDB is base AOF',
  'ignored/failed-loading-library': 'Failed loading library, example',
  'ignored/the-aof-directory-doesn-t-exist': "The AOF directory example doesn't exist",
  'ignored/the-aof-manifest-file-doesn-t-exist': "The AOF manifest file example doesn't exist",
  'ignored/fatal-error-can-t-open-the-aof': "Fatal error: can't open the AOF manifest file example for reading: example",
  'ignored/can-t-open-the-aof-manifest-file': "Can't open the AOF manifest file example: example",
  'ignored/error-trying-to-write-the-temporary-aof': 'Error trying to write the temporary AOF manifest file example: example',
  'ignored/fail-to-fsync-the-temp-aof-file': 'Fail to fsync the temp AOF file example: example.',
  'ignored/error-trying-to-rename-the-temporary-aof-3':
    'Error trying to rename the temporary AOF manifest file example into example: example',
  'ignored/fail-to-fsync-aof-directory': 'Fail to fsync AOF directory example: example.',
  'ignored/can-t-open-or-create-append-only': "Can't open or create append-only dir example: example",
  'ignored/error-trying-to-move-the-old-aof': 'Error trying to move the old AOF file example into dir example: example',
  'ignored/successfully-migrated-an-old-style-aof-file': 'Successfully migrated an old-style AOF file () into the AOF directory ().',
  'ignored/removing-the-history-file-in-the-background': 'Removing the history file example in the background',
  'ignored/removing-the-temp-incr-aof-file-in': 'Removing the temp incr aof file example in the background',
  'ignored/creating-aof-base-file-on-server-start': 'Creating AOF base file example on server start',
  'ignored/can-t-open-the-append-only-file-2': "Can't open the append-only file example: example",
  'ignored/opening-aof-incr-file-on-server-start': 'Opening AOF incr file example on server start',
  'ignored/creating-aof-incr-file-on-server-start': 'Creating AOF incr file example on server start',
  'ignored/creating-aof-incr-file-on-background-rewrite': 'Creating AOF incr file example on background rewrite',
  'ignored/background-aof-rewrite-has-repeatedly-failed-and':
    'Background AOF rewrite has repeatedly failed and triggered the limit, will retry in 3 minutes',
  'ignored/aof-was-enabled-during-a-transaction-an':
    'AOF was enabled during a transaction. An AOF background was scheduled to start when possible.',
  'ignored/fatal-error-can-t-open-the-append-2': "Fatal error: can't open the append log file example for reading: example",
  'ignored/the-append-log-file-doesn-t-exist': "The append log file example doesn't exist: example",
  'ignored/reading-rdb-base-file-on-aof-loading': 'Reading RDB base file on AOF loading...',
  'ignored/error-reading-the-rdb-preamble-of-the-2': 'Error reading the RDB preamble of the AOF file example, AOF loading aborted',
  'ignored/error-reading-the-rdb-base-file-aof': 'Error reading the RDB base file example, AOF loading aborted',
  'ignored/unknown-command-reading-the-append-only-file-2': "Unknown command 'example' reading the append only file example",
  'ignored/revert-incomplete-multi-exec-transaction-in-aof-2': 'Revert incomplete MULTI/EXEC transaction in AOF file example',
  'ignored/unrecoverable-error-reading-the-append-only-file-2': 'Unrecoverable error reading the append only file example: example',
  'ignored/warning-short-read-while-loading-the-aof-2': '!!! Warning: short read while loading the AOF file example!!!',
  'ignored/truncating-the-aof-at-offset-2': '!!! Truncating the AOF example at offset 3 !!!',
  'ignored/error-truncating-the-aof-file-2': 'Error truncating the AOF file example: example',
  'ignored/can-t-seek-the-end-of-the-2': "Can't seek the end of the AOF file example: example",
  'ignored/aof-loaded-anyway-because-aof-load-truncated-2': 'AOF example loaded anyway because aof-load-truncated is enabled',
  'ignored/unexpected-end-of-file-reading-the-append-2':
    "Unexpected end of file reading the append only file example. You can: 1) Make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>. 2) Alternatively you can set the 'aof-load-truncated' configuration option to yes and restart the server.",
  'ignored/bad-file-format-reading-the-append-only-2':
    'Bad file format reading the append only file example: make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>',
  'ignored/db-loaded-from-base-file-seconds': 'DB loaded from base file example: 0.012 seconds',
  'ignored/fatal-error-the-truncated-file-is-not': 'Fatal error: the truncated file is not the last file',
  'ignored/db-loaded-from-incr-file-seconds': 'DB loaded from incr file example: 0.012 seconds',
  'ignored/successfully-created-the-temporary-aof-base-file': 'Successfully created the temporary AOF base file example',
  'ignored/unable-to-obtain-the-aof-file-length-2': 'Unable to obtain the AOF file example length. stat: example',
  'ignored/error-trying-to-rename-the-temporary-aof-4': 'Error trying to rename the temporary AOF base file example into example: example',
  'ignored/successfully-renamed-the-temporary-aof-base-file': 'Successfully renamed the temporary AOF base file example into example',
  'ignored/error-trying-to-rename-the-temporary-aof-5': 'Error trying to rename the temporary AOF incr file example into example: example',
  'ignored/successfully-renamed-the-temporary-aof-incr-file': 'Successfully renamed the temporary AOF incr file example into example',
  'ignored/client-closed-connection-2':
    'Client closed connection id=3 addr=127.0.0.1:45224 laddr=127.0.0.1:7101 fd=9 name= age=1 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=20474 argv-mem=0 multi-mem=0 rbs=1024 rbp=1024 obl=0 oll=0 omem=0 tot-mem=22272 events=r cmd=cluster|nodes user=default redir=-1 resp=2', // seen
  'ignored/evicting-client': 'Evicting client: example',
  'ignored/over-client-maxmemory-after-evicting-all-evictable': 'Over client maxmemory after evicting all evictable clients',
  'ignored/fork-cow-for-current-mb-peak-mb': 'Fork CoW for RDB: current 0 MB, peak 0 MB, average 0 MB', // seen
  'ignored/could-not-open-temp-cluster-config-file': 'Could not open temp cluster config file: example',
  'ignored/failed-after-writing-bytes-to-tmp-cluster': 'Failed after writing (3) bytes to tmp cluster config file: example',
  'ignored/could-not-sync-tmp-cluster-config-file': 'Could not sync tmp cluster config file: example',
  'ignored/could-not-rename-tmp-cluster-config-file': 'Could not rename tmp cluster config file: example',
  'ignored/could-not-sync-cluster-config-file-dir': 'Could not sync cluster config file dir: example',
  'ignored/missing-connection-type-but-it-is-required': 'Missing connection type example, but it is required for the Cluster bus.',
  'ignored/handshake-we-already-know-node-updating-the-2':
    'Handshake: we already know node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d (), updating the address if needed.',
  'ignored/bad-message-length-or-signature-received-on': 'Bad message length or signature received on the Cluster bus.',
  'ignored/bad-message-length-or-signature-received-on-2':
    'Bad message length or signature received on the Cluster bus from 10.0.1.12:7001',
  'ignored/streamed-rdb-transfer-with-replica-succeeded-socket-2':
    'Streamed RDB transfer with replica example succeeded (socket). Waiting for REPLCONF ACK from replica to enable streaming',
  'ignored/failed-to-configure-locale-for-invalid-locale': 'Failed to configure LOCALE for invalid locale name.',
  'ignored/failed-finding-tls-support': 'Failed finding TLS support.',
  'ignored/failed-to-write-pid-file': 'Failed to write PID file: example',
  'ignored/warning-changing-databases-number-from-to-1': 'WARNING: Changing databases number from 3 to 1 since we are in cluster mode',
  'ignored/unable-to-reclaim-cache-after-saving-rdb': 'Unable to reclaim cache after saving RDB: example',
  'ignored/write-error-while-saving-db-to-the': 'Write error while saving DB to the disk(): example',
  'ignored/failed-to-fsync-directory-while-saving-db': 'Failed to fsync directory while saving DB: example',
  'ignored/fatal-error-can-t-open-the-rdb': "Fatal error: can't open the RDB file example for reading: example",
  'ignored/unable-to-reclaim-page-cache': 'Unable to reclaim page cache: example',
  'ignored/accepted-client-connection-in-error-state-addr':
    'Accepted client connection in error state: example (addr=example laddr=example)',
  'ignored/error-registering-fd-event-for-the-new-3':
    'Error registering fd event for the new client connection: example (addr=example laddr=example)',
  'ignored/possible-security-attack-detected-it-looks-like-2':
    'Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection from 10.0.1.12:7001 aborted.',
  'ignored/fatal-can-t-initialize-background-jobs-error': "Fatal: Can't initialize Background Jobs. Error message: example",
  'ignored/bio-worker-thread-can-not-be-joined': 'Bio worker thread #3 can not be joined: example',
  'ignored/bio-worker-thread-terminated': 'Bio worker thread #3 terminated',
  'ignored/received-gossip-about-a-node-with-invalid':
    'Received gossip about a node with invalid ID a0f550c0500a2a1fee2380a24d6bdff2cfb4680d. For debugging purposes, the 48 bytes including the invalid ID and 8 trailing bytes are: example',
  'ignored/node-gossiped-nodes-with-invalid-ids': 'Node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d () gossiped 3 nodes with invalid IDs.',
  'ignored/unknown-node-gossiped-nodes-with-invalid-ids': 'Unknown node gossiped 3 nodes with invalid IDs.',
  'ignored/ignore-stale-message-from-in-shard-gossip':
    'Ignore stale message from a0f550c0500a2a1fee2380a24d6bdff2cfb4680d () in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d; gossip config epoch: 3, current config epoch: 3',
  'ignored/node-is-no-longer-master-of-shard':
    'Node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d () is no longer master of shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d; removed all 3 slot(s) it used to own',
  'ignored/node-is-now-part-of-shard':
    'Node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d () is now part of shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d',
  'ignored/hide-user-data-from-log-is-on': 'hide-user-data-from-log is on, skip logging backlog content to avoid spilling PII.',
  'ignored/errorstats-stopped-adding-new-errors-because-the':
    'Errorstats stopped adding new errors because the number of errors reached the limit, may be misuse of lua error_reply, please check INFO ERRORSTATS, this can be re-enabled via CONFIG RESETSTAT.',
  'ignored/current-errors-code-list': 'Current errors code list: example',
  'ignored/client-argv-redacted': 'client->argv[3] = *redacted*',
  'ignored/hide-user-data-from-log-is-on-2': 'hide-user-data-from-log is on, skip logging stack content to avoid spilling PII.',
  'ignored/setupstacktracepipe-failed': 'setupStacktracePipe failed: example',
  'ignored/tid-failed-to-open-file': 'tid:example: failed to open example file',
  'ignored/tid-failed-to-find-sigblk-or-and': 'tid:example: failed to find SigBlk or/and SigIgn field(s) in example/example/status file',
  'ignored/failed-reading-hash-ttl': 'failed reading hash TTL',
  'ignored/failed-reading-hash-field': 'failed reading hash field',
  'ignored/failed-reading-hash-value': 'failed reading hash value',
  'ignored/can-t-create-the-pipe-for-bio': "Can't create the pipe for bio thread: example",
  'ignored/closing-link-for-matching-packet-type': 'Closing link for matching packet type 3',
  'ignored/successfully-completed-handshake-with': 'Successfully completed handshake with a0f550c0500a2a1fee2380a24d6bdff2cfb4680d ()',
  'ignored/unable-to-send-extensions-data-however-setting': 'Unable to send extensions data, however setting ext data flag to true',
  'ignored/loading-rdb-produced-by-redis-version': 'Loading RDB produced by Redis version example',
  'ignored/loading-rdb-produced-by-valkey-version': 'Loading RDB produced by valkey version example',
  'ignored/unexpected-end-of-file-reading-the-append-3':
    "Unexpected end of file reading the append only file example. You can: 1) Make a backup of your AOF file, then use ./valkey-check-aof --fix <filename.manifest>. 2) Alternatively you can set the 'aof-load-truncated' configuration option to yes and restart the server.",
  'ignored/bad-file-format-reading-the-append-only-3':
    'Bad file format reading the append only file example: make a backup of your AOF file, then use ./valkey-check-aof --fix <filename.manifest>',
  'ignored/port-number-too-high-cluster-communication-port':
    'example port number too high. Cluster communication port is 10,000 port numbers higher than your example port. Your example port number must be 55535 or less.',
  'ignored/saving-the-cluster-configuration-file-before-exiting': 'Saving the cluster configuration file before exiting.',
  'ignored/renaming-node-into-2': 'Renaming node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d () into a0f550c0500a2a1fee2380a24d6bdff2cfb4680d',
  'ignored/packet-of-type-does-not-support-light':
    "Packet of type 'example' (3) does not support light cluster header. Marking packet as invalid.",
  'ignored/closing-link-for-node-that-sent-a':
    'Closing link for node that sent a lightweight message of type 3 as its first message on the link',
  'ignored/pong-contains-mismatching-sender-id-about-node-2':
    'PONG contains mismatching sender ID. About node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d () in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d added 3 ms ago, having flags 3',
  'ignored/node-announces-that-it-is-a-in':
    'node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d () announces that it is a example in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d',
  'ignored/node-is-no-longer-primary-of-shard':
    'Node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d () is no longer primary of shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d; removed all 3 slot(s) it used to own',
  'ignored/node-is-now-a-replica-of-node':
    'Node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d () is now a replica of node a0f550c0500a2a1fee2380a24d6bdff2cfb4680d () in shard a0f550c0500a2a1fee2380a24d6bdff2cfb4680d',
  'ignored/add-rdb-replica-to-waiting-psync-with': 'Add rdb replica example to waiting psync, with cid 3, example',
  'ignored/attach-replica-rdb-client-to-repl-buf': 'Attach replica rdb client 3 to repl buf block',
  'ignored/remove-psync-waiting-replica-with-cid-repl': 'Remove psync waiting replica example with cid 3, repl buffer block example',
  'ignored/remove-psync-waiting-replica-with-cid-from': 'Remove psync waiting replica example with cid 3 from replicas rax.',
  'ignored/hide-user-data-from-log-is-on-3': 'hide-user-data-from-log is on, skip logging backlog content to avoid spilling user data.',
  'ignored/warning-replica-tried-to-psync-with-an-2':
    'Warning: replica example tried to PSYNC with an offset that is greater than the primary replication offset.',
  'ignored/replica-is-capable-of-dual-channel-synchronization':
    "Replica example is capable of dual channel synchronization, and partial sync isn't possible. Full sync will continue with dedicated RDB channel.",
  'ignored/failed-enabling-the-aof-after-successful-primary':
    'Failed enabling the AOF after successful primary synchronization! Trying it again in one second.',
  'ignored/fatal-this-replica-instance-finished-the-synchronization-2':
    "FATAL: this replica instance finished the synchronization with its primary, but the AOF can't be turned on. Exiting now.",
  'ignored/bad-protocol-from-primary-the-first-byte':
    "Bad protocol from PRIMARY, the first byte is not '$' (we received 'example'), are you sure the host and port are right?",
  'ignored/primary-replica-sync-receiving-streamed-rdb-from':
    'PRIMARY <-> REPLICA sync: receiving streamed RDB from primary with EOF example',
  'ignored/primary-replica-sync-receiving-bytes-from-primary': 'PRIMARY <-> REPLICA sync: receiving 3 bytes from primary example',
  'ignored/write-error-or-short-write-writing-to-3':
    'Write error or short write writing to the DB dump file needed for PRIMARY <-> REPLICA synchronization: example',
  'ignored/error-truncating-the-rdb-file-received-from-2': 'Error truncating the RDB file received from the primary for SYNC: example',
  'ignored/replica-is-about-to-load-the-rdb-2':
    'Replica is about to load the RDB file received from the primary, but there is a pending RDB child running. Killing process 3 and removing its temp file to avoid any race',
  'ignored/primary-replica-sync-flushing-old-data': 'PRIMARY <-> REPLICA sync: Flushing old data',
  'ignored/primary-replica-sync-loading-db-in-memory': 'PRIMARY <-> REPLICA sync: Loading DB in memory',
  'ignored/primary-replica-sync-discarding-temporary-db-in': 'PRIMARY <-> REPLICA sync: Discarding temporary DB in background',
  'ignored/primary-replica-sync-discarding-the-half-loaded': 'PRIMARY <-> REPLICA sync: Discarding the half-loaded data',
  'ignored/primary-replica-sync-swapping-active-db-with': 'PRIMARY <-> REPLICA sync: Swapping active DB with loaded DB',
  'ignored/primary-replica-sync-discarding-old-db-in': 'PRIMARY <-> REPLICA sync: Discarding old DB in background',
  'ignored/failed-trying-to-sync-the-temp-db-2':
    'Failed trying to sync the temp DB to disk in PRIMARY <-> REPLICA synchronization: example',
  'ignored/failed-trying-to-rename-the-temp-db-4':
    'Failed trying to rename the temp DB into example in PRIMARY <-> REPLICA synchronization: example',
  'ignored/failed-trying-to-sync-db-directory-in-2':
    'Failed trying to sync DB directory example in PRIMARY <-> REPLICA synchronization: example',
  'ignored/removing-the-rdb-file-obtained-from-the-2':
    'Removing the RDB file obtained from the primary. This replica has persistence disabled',
  'ignored/aborting-dual-channel-sync': 'Aborting dual channel sync',
  'ignored/sending-to-replica-rdb-end-offset-and': 'Sending to replica example RDB end offset 3 and client-id 3',
  'ignored/received-first-reply-from-primary-using-rdb': 'Received first reply from primary using rdb connection.',
  'ignored/sending-command-to-primary-in-dual-channel': 'Sending command to primary in dual channel replication handshake: example',
  'ignored/primary-did-not-respond-to-auth-command': 'Primary did not respond to auth command during SYNC handshake',
  'ignored/unable-to-auth-to-primary': 'Unable to AUTH to Primary: example',
  'ignored/primary-did-not-respond-to-replconf-command': 'Primary did not respond to replconf command during SYNC handshake',
  'ignored/server-does-not-support-sync-with-offset':
    'Server does not support sync with offset, dual channel sync approach cannot be used: example',
  'ignored/i-o-error-writing-to-primary': 'I/O error writing to Primary: example',
  'ignored/received-empty-endoff-response': 'Received empty $ENDOFF response',
  'ignored/received-unexpected-endoff-response': 'Received unexpected $ENDOFF response: example',
  'ignored/error-reading-from-primary': 'Error reading from primary: example',
  'ignored/provisional-primary-closed-connection': 'Provisional primary closed connection',
  'ignored/replication-buffer-limit-reached-stopping-buffering': 'Replication buffer limit reached, stopping buffering.',
  'ignored/failed-to-stream-local-replication-buffer-into': 'Failed to stream local replication buffer into memory',
  'ignored/successfully-streamed-replication-data-into-memory': 'Successfully streamed replication data into memory',
  'ignored/error-while-setting-readable-handler': 'Error while setting readable handler: example',
  'ignored/dual-channel-sync-psync-established-after-rdb': 'Dual channel sync - psync established after rdb load',
  'ignored/trying-a-partial-resynchronization-using-main-channel':
    'Trying a partial resynchronization using main channel (request example:example).',
  'ignored/partial-resynchronization-not-possible-no-cached-primary': 'Partial resynchronization not possible (no cached primary)',
  'ignored/unable-to-send-psync-to-primary': 'Unable to send PSYNC to primary: example',
  'ignored/primary-replied-with-wrong-fullresync-syntax': 'Primary replied with wrong +FULLRESYNC syntax.',
  'ignored/primary-replication-id-changed-to': 'Primary replication ID changed to example',
  'ignored/primary-is-currently-unable-to-psync-but': 'Primary is currently unable to PSYNC but should be in the future: example',
  'ignored/psync-is-not-possible-initialize-rdb-channel': 'PSYNC is not possible, initialize RDB channel.',
  'ignored/primary-does-not-support-psync-or-is': 'Primary does not support PSYNC or is in error state (reply: example)',
  'ignored/primary-does-not-understand-replconf-identify': 'Primary does not understand REPLCONF identify: example',
  'ignored/aborting-dual-channel-sync-write-error': 'Aborting dual channel sync. Write error.',
  'ignored/aborting-dual-channel-sync-main-channel-psync': 'Aborting dual channel sync. Main channel psync result 3',
  'ignored/primary-replied-to-ping-replication-can-continue': 'Primary replied to PING, replication can continue...',
  'ignored/non-critical-primary-does-not-understand-replconf':
    '(Non critical) Primary does not understand REPLCONF listening-port: example',
  'ignored/non-critical-primary-does-not-understand-replconf-2': '(Non critical) Primary does not understand REPLCONF ip-address: example',
  'ignored/non-critical-primary-does-not-understand-replconf-3': '(Non critical) Primary does not understand REPLCONF capa: example',
  'ignored/non-critical-primary-does-not-understand-replconf-4': '(Non critical) Primary does not understand REPLCONF VERSION: example',
  'ignored/syncwithprimary-state-machine-error-state-should-be':
    'syncWithPrimary(): state machine error, state should be RECEIVE_PSYNC but is 3',
  'ignored/opening-the-temp-file-needed-for-primary': 'Opening the temp file needed for PRIMARY <-> REPLICA synchronization: example',
  'ignored/can-t-clear-main-connection-handler': "Can't clear main connection handler: example ()",
  'ignored/replicaof-would-result-into-synchronization-with-the-2':
    'REPLICAOF would result into synchronization with the primary we are already connected with. No operation performed.',
  'ignored/error-resurrecting-the-cached-primary-impossible-to':
    'Error resurrecting the cached primary, impossible to add the readable handler: example',
  'ignored/error-resurrecting-the-cached-primary-impossible-to-2':
    'Error resurrecting the cached primary, impossible to add the writable handler: example',
  'ignored/total-clients-connected-replicas-bytes-in-use': 'Total: 3 clients connected (3 replicas), 3 () bytes in use',
  'ignored/systemd-supervision-requested-or-auto-detected-but-2':
    'systemd supervision requested or auto-detected, but Valkey is compiled without libsystemd support!',
  'ignored/valkey-will-now-exit-to-prevent-data':
    'Valkey will now exit to prevent data corruption. Note that it is possible to suppress this warning by setting the following config: ignore-warnings ARM64-COW-BUG',
  'ignored/client-argv-bytes': 'client->argv[3]: 3 bytes',
  'ignored/hide-user-data-from-log-is-on-4': 'hide-user-data-from-log is on, skip logging stack content to avoid spilling user data.',
  'ignored/process-is-about-to-stop': 'Process is about to stop.',
  'ignored/process-has-been-continued': 'Process has been continued.',
  'ignored/loading-rdb-produced-by-valkey-version-2': 'Loading RDB produced by Valkey version example',
  'ignored/background-rdb-transfer-error': 'Background RDB transfer error',
  'ignored/background-rdb-transfer-terminated-by-signal': 'Background RDB transfer terminated by signal 3',
  'ignored/background-rdb-transfer-started-by-pid-to': 'Background RDB transfer started by pid 3 to example',
  'ignored/aof-was-disabled-but-there-is-a': 'AOF was disabled but there is a scheduled AOF background, cancel it.',
  'ignored/the-server-needs-to-enable-the-aof':
    "The server needs to enable the AOF but can't trigger a background AOF rewrite operation. Check the above logs for more info about the error.",
  'ignored/asynchronous-aof-fsync-is-taking-too-long-2':
    'Asynchronous AOF fsync is taking too long (disk is busy?). Writing the AOF buffer without waiting for fsync to complete, this may slow down the server.',
  'ignored/could-not-remove-short-write-from-the-2':
    'Could not remove short write from the append-only file. The server may refuse to load the AOF the next time it starts.  ftruncate: example',
  'ignored/aof-write-error-looks-solved-the-server': 'AOF write error looks solved. The server can write again.',
  'ignored/background-append-only-file-rewriting-scheduled': 'Background append only file rewriting scheduled.',
  'ignored/postpone-rdb-client-id-free-for-seconds': 'Postpone RDB client id=3 () free for 3 seconds',
  'ignored/replica-main-channel-failed-to-establish-psync':
    'Replica main channel failed to establish PSYNC within the grace period (3 seconds). Freeing RDB client 3.',
  'ignored/warning-receiving-inline-protocol-from-primary-primary':
    'WARNING: Receiving inline protocol from primary, primary stream corruption? Closing the primary connection and discarding the cached primary.',
  'ignored/missing-implement-of-connection-type': 'Missing implement of connection type tls', // seen (fixtures/versions/redis-7.4.1)
};
