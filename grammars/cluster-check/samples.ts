/** One line per known variant (STYLE §6.10), in the shape redis-cli 7.0.15 `--cluster check` prints. */
export const clusterCheckSamples: Record<string, string> = {
  summary: '127.0.0.1:7000 (53a9e623...) -> 0 keys | 5461 slots | 1 slaves.',
  'log-ok': '[OK] 0 keys in 3 masters.',
  'log-step': '>>> Performing Cluster Check (using node 127.0.0.1:7000)',
  'log-err': '[ERR] Not all 16384 slots are covered by nodes.',
  'log-warning': '[WARNING] Node 127.0.0.1:7000 has slots in migrating state 42.',
  master: 'M: 53a9e6233fa4272bb716d6d2256be05bde7c59c7 127.0.0.1:7000',
  'master-slots': '   slots:[0-5460] (5461 slots) master',
  'master-split-slots': '   slots:[0-5460],[5462],[6000-6001] (5464 slots) master',
  replica: 'S: d1fd32038bfeeea538f6b2c749c7d206bff72135 127.0.0.1:7003',
  'replica-slots': '   slots: (0 slots) slave',
  replicates: '   replicates 53a9e6233fa4272bb716d6d2256be05bde7c59c7',
  replicas: '   1 additional replica(s)',
  hostname: 'M: 53a9e6233fa4272bb716d6d2256be05bde7c59c7 redis-0.redis.svc:6379',
  'failing-master': '   slots:[10923-16383] (5461 slots) master,fail?',
};
