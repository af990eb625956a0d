/** One line per known variant (STYLE §6.10). Real output unless marked. */
export const clusterNodesSamples: Record<string, string> = {
  // redis 6.2.3, the seed document
  'redis-6.2-myself-master':
    '027a002ecc012b61a5997f151ad01bccbb65d1c0 127.0.0.1:7001@17001 myself,master - 0 1624260599000 1 connected 0-5460',
  'redis-6.2-master-fail':
    '79816979a6dd4b226e476121dd385ed6c25e5151 127.0.0.1:7002@17002 master,fail - 1624260495388 1624260493352 2 disconnected 5461-10922',
  'redis-6.2-slave':
    'e0d9ee09b593889cd093d217a16a0b535e6abef2 192.168.56.101:7002@17002 slave 5b56d458a0d8e64d5f40ece0a99713dcb9c70723 0 1624434595626 1 connected',
  // redis 7.0.15 (Debian), recorded here
  'redis-7.0-hostname':
    '6f0d79bbfb03d089b7dfd6c539fcf4a99206b0c7 127.0.0.1:7402@17402,node-c.example master - 0 1795612443891 3 connected 10923-16383',
  'redis-7.0-migrating':
    'abba935e75ba88e0a80df9116babbccd8eb455b3 127.0.0.1:7400@17400 myself,master - 0 1795612442000 1 connected 0-5460 [100->-4cdd140a459dbd23ffc97bdaaa7e77b0cec6265a]',
  'redis-7.0-importing':
    '4cdd140a459dbd23ffc97bdaaa7e77b0cec6265a 127.0.0.1:7401@17401 myself,master - 0 1795612443000 2 connected 5461-10922 [100-<-abba935e75ba88e0a80df9116babbccd8eb455b3]',
  'redis-7.0-pfail':
    '3c82d8e8dd7b85fa4c6294ab61a5bda2610201c4 127.0.0.1:7405@17405 slave,fail? abba935e75ba88e0a80df9116babbccd8eb455b3 1795612477105 1795612475593 1 connected',
  'nodes-conf-vars': 'vars currentEpoch 7 lastVoteEpoch 0',
  // redis 3.x format (no @cport), written from src/cluster.c 3.0 clusterGenNodeDescription
  'redis-3.0-no-cport':
    '07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004 slave e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 0 1426238317239 4 connected',
  // constructed from src/cluster.c representClusterNodeFlags
  'handshake-noflags': 'e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:7006@17006 handshake - 1795612477105 0 0 disconnected',
  noaddr: '292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f :0@0 master,fail,noaddr - 1426238316232 1426238316232 3 disconnected',
  'nofailover-single-slots':
    '67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 10.0.0.5:6379@16379 master,nofailover - 0 1426238316232 5 connected 0 7 100-200 16383',
  noflags: '67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 10.0.0.5:6379@16379 noflags - 0 0 0 connected',
  ipv6: '67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 ::1:6379@16379 myself,master - 0 0 5 connected 0-16383',
  'redis-7.2-nodes-conf-aux':
    'abba935e75ba88e0a80df9116babbccd8eb455b3 127.0.0.1:7400@17400,,tls-port=0,shard-id=9a1b0e8c2e0b1a3f2a8bc4d60c9c6e6f5d3a2b1c myself,master - 0 0 1 connected 0-5460',
};
