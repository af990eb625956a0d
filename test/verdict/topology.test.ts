// Topology checks (src/verdict/topology.ts): each rule on a small hand-made view, rounds, diffs.
import { describe, expect, test } from 'vitest';
import type { ClusterInfoSnapshot, ClusterNodesSnapshot, ReplicationSnapshot, Snapshot } from '../../src/model/snapshot.ts';
import { analyzeTopology, checkView, diffViews, roundsOf, type TopologyRule } from '../../src/verdict/topology.ts';
import { scanText } from '../helpers/scan-snapshots.ts';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const R1 = '1'.repeat(40);
const R2 = '2'.repeat(40);
const R3 = '3'.repeat(40);

/** One CLUSTER NODES snapshot from lines `id host:port flags master epoch link slots…`, stamped at `at`. */
function nodes(at: string, ...lines: string[]): ClusterNodesSnapshot {
  const text = [
    at,
    ...lines.map((l) => {
      const [id, addr, flags, master, epoch, link, ...slots] = l.split(' ');
      return [id, `${addr}@1${addr.split(':')[1]}`, flags, master, '0', '0', epoch, link, ...slots].join(' ');
    }),
  ].join('\n');
  const snaps = scanText(text, `${at}.txt`).snapshots;
  expect(snaps).toHaveLength(1);
  return snaps[0] as ClusterNodesSnapshot;
}

const T = '2026-01-01T00:00:00.000Z';
const rules = (s: readonly ClusterNodesSnapshot[], extras = {}) => checkView(s, extras).problems.map((p) => p.rule);

// A healthy 3+3 cluster on three hosts, each replica on another host than its master (the seed's layout).
const healthy = [
  `${A} 10.0.0.1:7000 myself,master - 1 connected 0-5460`,
  `${B} 10.0.0.2:7000 master - 2 connected 5461-10922`,
  `${C} 10.0.0.3:7000 master - 3 connected 10923-16383`,
  `${R1} 10.0.0.2:7001 slave ${A} 1 connected`,
  `${R2} 10.0.0.3:7001 slave ${B} 2 connected`,
  `${R3} 10.0.0.1:7001 slave ${C} 3 connected`,
];
const swap = (lines: string[], i: number, line: string) => lines.map((l, j) => (j === i ? line : l));

describe('checkView', () => {
  test('a healthy cluster spread over three hosts has no problem', () => {
    const v = checkView([nodes(T, ...healthy)]);
    expect(v.problems).toEqual([]);
    expect(v.status).toBe('ok');
    expect(v.nodes.map((n) => [n.id[0], n.role])).toEqual([
      ['a', 'master'],
      ['1', 'replica'],
      ['b', 'master'],
      ['2', 'replica'],
      ['c', 'master'],
      ['3', 'replica'],
    ]);
  });

  const cases: Array<[TopologyRule, string[]]> = [
    ['topology.slots-uncovered', swap(healthy, 2, `${C} 10.0.0.3:7000 master - 3 connected 10923-16000`)],
    ['topology.open-slots', swap(healthy, 0, `${A} 10.0.0.1:7000 myself,master - 1 connected 0-5460 [100->-${B}]`)],
    [
      'topology.slots-failed',
      swap(
        swap(healthy, 1, `${B} 10.0.0.2:7000 master,fail - 2 disconnected 5461-10922`),
        4,
        `${R2} 10.0.0.3:7001 slave,fail ${B} 2 disconnected`,
      ),
    ],
    ['topology.no-replica', healthy.slice(0, 5)],
    ['topology.no-working-replica', swap(healthy, 5, `${R3} 10.0.0.1:7001 slave,nofailover ${C} 3 connected`)],
    ['topology.replica-same-host', swap(healthy, 3, `${R1} 10.0.0.1:7001 slave ${A} 1 connected`)],
    ['topology.node-pfail', swap(healthy, 4, `${R2} 10.0.0.3:7001 slave,fail? ${B} 2 connected`)],
    ['topology.link-down', swap(healthy, 5, `${R3} 10.0.0.1:7001 slave ${C} 3 disconnected`)],
    ['topology.epoch-collision', swap(healthy, 2, `${C} 10.0.0.3:7000 master - 2 connected 10923-16383`)],
    ['topology.replica-of-unknown', swap(healthy, 5, `${R3} 10.0.0.1:7001 slave ${'f'.repeat(40)} 3 connected`)],
    ['topology.node-noaddr', [...healthy, `${'9'.repeat(40)} :0 master,noaddr - 0 disconnected`]],
    ['topology.node-handshake', [...healthy, `${'8'.repeat(40)} 10.0.0.9:7000 handshake - 0 disconnected`]],
  ];
  for (const [rule, lines] of cases)
    test(rule, () => {
      const found = rules([nodes(T, ...lines)]);
      expect(found).toContain(rule);
    });

  test('a failed master that still owns slots: error, and whether a replica can take over', () => {
    const failed = swap(healthy, 1, `${B} 10.0.0.2:7000 master,fail - 2 disconnected 5461-10922`);
    const [p] = checkView([nodes(T, ...failed)]).problems.filter((x) => x.rule === 'topology.slots-failed');
    expect(p).toMatchObject({ severity: 'error', slots: '5461-10922', nodes: [R2, B] });
    expect(p.message).toBe(
      `slots 5461-10922 (5462 slots) are down: their master bbbbbbbb 10.0.0.2:7000 is flagged fail by aaaaaaaa 10.0.0.1:7000; replica 22222222 10.0.0.3:7001 can take them over`,
    );
    const noReplica = checkView([nodes(T, ...failed.filter((_, i) => i !== 4))]).problems.find((x) => x.rule === 'topology.slots-failed')!;
    expect(noReplica.message).toMatch(/; it has no replica to take them over$/);
    expect(checkView([nodes(T, ...failed)]).status).toBe('fail');
  });

  test('a failed node without slots is a warning naming who flags it', () => {
    const v = checkView([nodes(T, ...healthy, `${'7'.repeat(40)} 10.0.0.4:7000 master,fail - 4 disconnected`)]);
    expect(v.problems.map((p) => [p.rule, p.severity, p.message])).toEqual([
      ['topology.node-failed', 'warning', '77777777 10.0.0.4:7000 (master without slots) is flagged fail by aaaaaaaa 10.0.0.1:7000'],
    ]);
    expect(v.status).toBe('ok');
  });

  test('nodes that disagree about slot owners (redis-cli: "Nodes don\'t agree about configuration")', () => {
    const seenByA = nodes(T, ...healthy);
    const seenByB = nodes(
      '2026-01-01T00:00:00.100Z',
      ...healthy
        .map((l) => l.replace('myself,', ''))
        .map((l) => (l.startsWith(B) ? `${B} 10.0.0.2:7000 myself,master - 2 connected 5461-10922` : l))
        .map((l) => (l.startsWith(C) ? `${C} 10.0.0.3:7000 master - 3 connected 10923-16000` : l)),
    );
    const v = checkView([seenByA, seenByB]);
    const p = v.problems.find((x) => x.rule === 'topology.config-disagree')!;
    expect(p).toMatchObject({ severity: 'error', slots: '16001-16383' });
    expect(p.message).toBe(
      "nodes don't agree about the owner of slots 16001-16383 (383 slots): aaaaaaaa 10.0.0.1:7000 says cccccccc 10.0.0.3:7000; bbbbbbbb 10.0.0.2:7000 says nobody",
    );
  });

  test('two masters that each serve the same slots in their own view', () => {
    const a = nodes(T, `${A} 10.0.0.1:7000 myself,master - 1 connected 0-8191`, `${B} 10.0.0.2:7000 master - 2 connected 8192-16383`);
    const b = nodes(
      '2026-01-01T00:00:00.100Z',
      `${A} 10.0.0.1:7000 master - 1 connected 0-100`,
      `${B} 10.0.0.2:7000 myself,master - 2 connected 50-16383`,
    );
    const p = checkView([a, b]).problems.find((x) => x.rule === 'topology.multiple-owners')!;
    expect(p).toMatchObject({ slots: '50-8191', nodes: [A, B] });
  });

  test('nodes that disagree about who is whose replica', () => {
    const a = nodes(T, ...healthy);
    const b = nodes(
      '2026-01-01T00:00:00.100Z',
      ...healthy
        .map((l) => l.replace('myself,', ''))
        .map((l) => (l.startsWith(R1) ? `${R1} 10.0.0.2:7001 myself,slave ${C} 3 connected` : l)),
    );
    const p = checkView([a, b]).problems.find((x) => x.rule === 'topology.replica-disagree')!;
    expect(p.message).toBe(
      "nodes don't agree about the role of 11111111 10.0.0.2:7001: aaaaaaaa 10.0.0.1:7000 says replica of aaaaaaaa 10.0.0.1:7000; 11111111 10.0.0.2:7001 says replica of cccccccc 10.0.0.3:7000",
    );
  });

  test('cluster_state:fail and a replication link down in the same round', () => {
    const snap = nodes(T, ...healthy);
    const info: ClusterInfoSnapshot = {
      kind: 'cluster-info',
      fields: { cluster_state: 'fail', cluster_slots_fail: '5462' },
      at: snap.at + 5,
      atFrom: 'stamp',
      source: 'i.txt',
      line: 1,
      endLine: 2,
      reporter: A,
      reporterAddress: null,
    };
    const repl: ReplicationSnapshot = {
      kind: 'replication',
      fields: { role: 'slave', master_host: '10.0.0.1', master_port: '7000', master_link_status: 'down' },
      at: snap.at + 9,
      atFrom: 'stamp',
      source: 'r.txt',
      line: 1,
      endLine: 4,
      reporter: R1,
      reporterAddress: null,
    };
    const old: ClusterInfoSnapshot = { ...info, at: snap.at - 60_000, line: 40 };
    const v = checkView([snap], { info: [info, old], replication: [repl] });
    expect(v.problems.map((p) => [p.rule, p.message, p.evidence])).toEqual([
      [
        'topology.cluster-state-fail',
        'aaaaaaaa 10.0.0.1:7000 reports cluster_state:fail (cluster_slots_fail:5462): it refuses queries',
        [{ source: 'i.txt', line: 1 }],
      ],
      [
        'topology.replica-link-down',
        'replica 11111111 10.0.0.2:7001 has its replication link to 10.0.0.1:7000 down (master_link_status:down)',
        [{ source: 'r.txt', line: 1 }],
      ],
    ]);
  });

  test('every node of a one-machine cluster shares a host: one warning per replica, no error', () => {
    const local = healthy.map((l) => l.replace(/10\.0\.0\.\d/, '127.0.0.1'));
    const v = checkView([nodes(T, ...local)]);
    expect(v.problems.map((p) => p.rule)).toEqual([
      'topology.replica-same-host',
      'topology.replica-same-host',
      'topology.replica-same-host',
    ]);
    expect(v.status).toBe('ok');
  });
});

describe('rounds and states', () => {
  const at = (ms: number) => new Date(Date.parse(T) + ms).toISOString();
  test('a round holds one snapshot per reporter, cut at a pause or after the window', () => {
    const a0 = nodes(at(0), ...healthy);
    const b0 = nodes(
      at(20),
      ...healthy.map((l) => l.replace('myself,', '')).map((l) => (l.startsWith(B) ? l.replace('master', 'myself,master') : l)),
    );
    const a1 = nodes(at(40), ...healthy); // A again: new round
    const a2 = nodes(at(1040), ...healthy); // a pause: new round
    expect(roundsOf([a2, b0, a1, a0]).map((r) => r.map((s) => s.at - Date.parse(T)))).toEqual([[0, 20], [40], [1040]]);
  });

  test('states: the views whose problems or topology changed, each with what changed', () => {
    const before = nodes(at(0), ...healthy);
    const failing = nodes(at(1000), ...swap(healthy, 1, `${B} 10.0.0.2:7000 master,fail - 2 disconnected 5461-10922`));
    const same = nodes(at(2000), ...swap(healthy, 1, `${B} 10.0.0.2:7000 master,fail - 2 disconnected 5461-10922`));
    const promoted = nodes(
      at(3000),
      ...swap(
        swap(healthy, 1, `${B} 10.0.0.2:7000 master,fail - 2 disconnected`),
        4,
        `${R2} 10.0.0.3:7001 master - 7 connected 5461-10922`,
      ),
    );
    const t = analyzeTopology('cluster-1', [promoted, same, before, failing] as Snapshot[]);
    expect(t.viewCount).toBe(4);
    expect(t.states.map((s) => [s.view.at - Date.parse(T), s.view.status, s.changes.map((c) => c.kind)])).toEqual([
      [0, 'ok', []],
      [1000, 'fail', ['failed']],
      [3000, 'ok', ['role', 'epoch', 'slots']],
    ]);
    expect(t.states[2].changes.map((c) => c.message)).toEqual([
      '22222222 10.0.0.3:7001: replica of bbbbbbbb 10.0.0.2:7000 → master',
      '22222222 10.0.0.3:7001: config epoch 7 as the new master',
      'slots 5461-10922 (5462 slots): bbbbbbbb 10.0.0.2:7000 → 22222222 10.0.0.3:7001',
    ]);
    expect(analyzeTopology('cluster-1', [promoted, same, before, failing], { at: Date.parse(at(1500)) }).final?.at).toBe(
      Date.parse(at(1000)),
    );
  });

  test('diffViews: nodes added and removed, recovered, epochs risen', () => {
    const x = checkView([nodes(T, ...swap(healthy, 1, `${B} 10.0.0.2:7000 master,fail - 2 disconnected 5461-10922`))]);
    const y = checkView([
      nodes(
        at(10),
        ...swap(healthy, 2, `${C} 10.0.0.3:7000 master - 8 connected 10923-16383`).slice(0, 5),
        `${'4'.repeat(40)} 10.0.0.4:7001 slave ${C} 8 connected`,
      ),
    ]);
    expect(diffViews(x, y).map((c) => [c.kind, c.message])).toEqual([
      ['removed', '33333333 10.0.0.1:7001 is no longer listed'],
      ['added', '44444444 10.0.0.4:7001 joined as replica of cccccccc 10.0.0.3:7000'],
      ['recovered', 'bbbbbbbb 10.0.0.2:7000 no longer flagged fail'],
      ['epoch', 'cccccccc 10.0.0.3:7000: config epoch 3 → 8'],
    ]);
  });

  test('pure: checking does not touch its input', () => {
    const s = nodes(T, ...healthy);
    const before = JSON.stringify(s);
    checkView([s]);
    analyzeTopology('c', [s]);
    expect(JSON.stringify(s)).toBe(before);
  });
});
