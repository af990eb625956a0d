// Issue 14: more snapshot forms users paste — CLUSTER SLOTS replies, `redis-cli --cluster check`
// output, a full INFO, CLUSTER NODES with the 7.0+ hostname column. Each text is written the way
// redis-cli 7.0 prints it (src/redis-cli.c cliFormatReplyTTY, clusterManagerNodeInfo); the expected
// values are read off the text by hand.
import { describe, expect, test } from 'vitest';
import type { ClusterNodesSnapshot, ClusterShardsSnapshot } from '../../src/model/snapshot.ts';
import { sourceFromText } from '../../src/ingest/index.ts';
import { parseSource } from '../../src/parse/index.ts';

const A = '53a9e6233fa4272bb716d6d2256be05bde7c59c7';
const B = 'aeb48d83aa2f92d6cab671d1afee8dcbbf4cd7d3';
const R = 'd1fd32038bfeeea538f6b2c749c7d206bff72135';
const parse = (text: string) => parseSource(sourceFromText('pasted.txt', text, Date.UTC(2026, 10, 25)), { zone: 'UTC' });

describe('CLUSTER SLOTS', () => {
  test('7.0 reply (node metadata map) through redis-cli: one shard per master, ranges merged', () => {
    const p = parse(
      [
        '2026-11-25T13:24:48.200Z',
        '127.0.0.1:7000> cluster slots',
        '1) 1) (integer) 0',
        '   2) (integer) 5460',
        '   3) 1) "127.0.0.1"',
        '      2) (integer) 7000',
        `      3) "${A}"`,
        '      4) (empty array)',
        '   4) 1) "127.0.0.1"',
        '      2) (integer) 7003',
        `      3) "${R}"`,
        '      4) (empty array)',
        '2) 1) (integer) 5461',
        '   2) (integer) 10922',
        '   3) 1) "127.0.0.1"',
        '      2) (integer) 7001',
        `      3) "${B}"`,
        '      4) 1) "hostname"',
        '         2) "redis-1.example"',
        '3) 1) (integer) 10923',
        '   2) (integer) 10930',
        '   3) 1) "127.0.0.1"',
        '      2) (integer) 7000',
        `      3) "${A}"`,
        '      4) (empty array)',
      ].join('\n'),
    );
    expect(p.counts.unknown).toBe(0);
    expect(p.forms).toContain('cluster-slots');
    const s = p.snapshots.find((x) => x.kind === 'cluster-shards') as ClusterShardsSnapshot;
    expect(s.via).toBe('cluster-slots');
    expect(s.at).toBe(Date.parse('2026-11-25T13:24:48.200Z'));
    expect(s.shards.map((sh) => [sh.slots, sh.nodes.map((n) => [n.id, n.role, n.port])])).toEqual([
      [
        [
          { start: 0, end: 5460 },
          { start: 10923, end: 10930 },
        ],
        [
          [A, 'master', 7000],
          [R, 'replica', 7003],
        ],
      ],
      [[{ start: 5461, end: 10922 }], [[B, 'master', 7001]]],
    ]);
  });

  test('6.2 reply (ip, port, id) without a prompt', () => {
    const p = parse(
      ['1) 1) (integer) 0', '   2) (integer) 16383', '   3) 1) "10.0.0.1"', '      2) (integer) 6379', `      3) "${A}"`].join('\n'),
    );
    const s = p.snapshots[0] as ClusterShardsSnapshot;
    expect([s.kind, s.via, s.shards[0].nodes[0].ip, s.shards[0].slots]).toEqual([
      'cluster-shards',
      'cluster-slots',
      '10.0.0.1',
      [{ start: 0, end: 16383 }],
    ]);
  });
});

describe('redis-cli --cluster check', () => {
  const out = [
    '$ redis-cli --cluster check 127.0.0.1:7000',
    `127.0.0.1:7000 (53a9e623...) -> 0 keys | 5461 slots | 1 slaves.`,
    `127.0.0.1:7001 (aeb48d83...) -> 0 keys | 10923 slots | 0 slaves.`,
    '[OK] 0 keys in 2 masters.',
    '0.00 keys per slot on average.',
    '>>> Performing Cluster Check (using node 127.0.0.1:7000)',
    `M: ${A} 127.0.0.1:7000`,
    '   slots:[0-5460] (5461 slots) master',
    '   1 additional replica(s)',
    `M: ${B} 127.0.0.1:7001`,
    '   slots:[5461-10922],[10923-16383] (10923 slots) master',
    `S: ${R} 127.0.0.1:7003`,
    '   slots: (0 slots) slave',
    `   replicates ${A}`,
    '[OK] All nodes agree about slots configuration.',
    '>>> Check for open slots...',
    '>>> Check slots coverage...',
    '[OK] All 16384 slots covered.',
  ];

  test('the nodes, their slots and replicas become one shards snapshot from the node it asked', () => {
    const p = parse(['2026-11-25T13:30:00.000Z', ...out].join('\n'));
    const s = p.snapshots.find((x) => x.kind === 'cluster-shards') as ClusterShardsSnapshot;
    expect(s.via).toBe('cluster-check');
    expect([s.reporter, s.reporterAddress]).toEqual([A, '127.0.0.1:7000']);
    expect(s.shards.map((sh) => [sh.slots, sh.nodes.map((n) => [n.id, n.role, n.port])])).toEqual([
      [
        [{ start: 0, end: 5460 }],
        [
          [A, 'master', 7000],
          [R, 'replica', 7003],
        ],
      ],
      [[{ start: 5461, end: 16383 }], [[B, 'master', 7001]]],
    ]);
    expect(p.forms).toContain('cluster-check');
  });

  test('every line is accounted for; only the average line is not the check grammar', () => {
    const p = parse(out.join('\n'));
    expect(p.counts.lines).toBe(out.length);
    expect(p.counts.unknown).toBe(1); // `0.00 keys per slot on average.`
    expect(p.diagnostics.some((d) => d.message.includes('keys per slot'))).toBe(true);
  });
});

describe('full INFO and CLUSTER NODES with hostnames', () => {
  test('every INFO section is known; Replication and Cluster are read', () => {
    const info = [
      '# Server',
      'redis_version:7.0.15',
      'tcp_port:7001',
      'run_id:da27cfab8b15ec7ca478eace755b92c31cddbdda',
      '',
      '# Clients',
      'connected_clients:3',
      '',
      '# Memory',
      'used_memory:1903360',
      '',
      '# Persistence',
      'loading:0',
      '',
      '# Stats',
      'total_connections_received:9',
      '',
      '# Replication',
      'role:master',
      'connected_slaves:1',
      'slave0:ip=127.0.0.1,port=7004,state=online,offset=100,lag=0',
      'master_repl_offset:100',
      '',
      '# CPU',
      'used_cpu_sys:0.1',
      '',
      '# Modules',
      '',
      '# Errorstats',
      '',
      '# Cluster',
      'cluster_enabled:1',
      '',
      '# Keyspace',
      'db0:keys=1,expires=0,avg_ttl=0',
    ];
    const p = parse(info.join('\n'));
    expect(p.counts.unknown).toBe(0);
    const rep = p.snapshots.find((x) => x.kind === 'replication');
    expect(rep && 'fields' in rep ? rep.fields.role : undefined).toBe('master');
  });

  test('CLUSTER NODES 7.0+ `ip:port@cport,hostname`', () => {
    const p = parse(`${A} 10.0.0.1:6379@16379,redis-0.redis.svc myself,master - 0 1795613088000 1 connected 0-16383`);
    const s = p.snapshots[0] as ClusterNodesSnapshot;
    expect([s.nodes[0].address, s.nodes[0].busPort, s.nodes[0].hostname]).toEqual(['10.0.0.1:6379', 16379, 'redis-0.redis.svc']);
  });
});

describe('export header lines', () => {
  test("Grafana's `Label: {…}` lines are known at the head of a file only", () => {
    const p = parse(
      [
        'Common labels: {"app":"redis"}',
        '',
        '',
        '2026-11-25 13:24:50.214\t1:M 25 Nov 2026 13:24:50.214 # Cluster state changed: ok',
        'Common labels: {"app":"redis"}',
      ].join('\n'),
    );
    expect(p.counts).toMatchObject({ lines: 5, understood: 1, ignored: 3, unknown: 1 });
    expect(p.forms).toContain('grafana-txt');
  });
});
