import type { ClusterAnalysis, NodeSummary, TimelineEvent } from '../../../src/model/index.ts';
import { analysisOf, ev, timelineOf, type ReportCase } from './build.ts';

// Node ids and addresses of the seed document's scenario 2 (Redis 6.2.3, 3 masters + 3 replicas).
export const M1 = '5b56d458a0d8e64d5f40ece0a99713dcb9c70723'; // 192.168.56.100:7001 master 0-5460
export const R3 = '30a99d668af3ddda16e2a9d3ee97fb53a5ebfa6d'; // 192.168.56.100:7002 replica of M3
export const M2 = 'c952f5ef4783b5c19129bc630b88e8e3bf602622'; // 192.168.56.101:7001 master 5461-10922, fails
export const R1 = 'e0d9ee09b593889cd093d217a16a0b535e6abef2'; // 192.168.56.101:7002 replica of M1
export const M3 = '22110f4ea10f11a8cb6ea283dedfc27c6ffabc07'; // 192.168.56.102:7001 master 10923-16383
export const R2 = '094af2ab1db0d147d7f475f3954429ae7d18dee0'; // 192.168.56.102:7002 replica of M2, promoted

const T = (hms: string) => `2021-06-23T${hms}Z`;

/** Scenario 2 of the seed: master-2 stopped, its replica wins the election at epoch 7, the old master returns as replica. */
export function seedFailoverCase(): ReportCase {
  const nodes: NodeSummary[] = [
    { id: M1, addresses: ['192.168.56.100:7001'], sources: ['redis-master-1.log'] },
    { id: R3, addresses: ['192.168.56.100:7002'], sources: [] },
    { id: M2, addresses: ['192.168.56.101:7001'], sources: ['redis-master-2.log'] },
    { id: R1, addresses: ['192.168.56.101:7002'], sources: [] },
    { id: M3, addresses: ['192.168.56.102:7001'], sources: [] },
    { id: R2, addresses: ['192.168.56.102:7002'], sources: ['redis-slave-2.log'] },
  ];
  const s2 = 'redis-slave-2.log';
  const m1 = 'redis-master-1.log';
  const m2 = 'redis-master-2.log';
  const events: TimelineEvent[] = [
    ev(T('07:49:20.000'), M2, 'server.shutdown-requested', 'Received SIGTERM scheduling shutdown...', m2, 1),
    ev(T('07:49:33.560'), M2, 'server.exit', 'Redis is now ready to exit, bye bye...', m2, 9),
    ev(T('07:49:33.581'), R2, 'repl.link-lost', 'Connection with master lost.', s2, 1),
    ev(T('07:49:33.582'), R2, 'repl.cache-master', 'Caching the disconnected master state.', s2, 2),
    ev(T('07:49:33.582'), R2, 'repl.connecting', 'Reconnecting to MASTER 192.168.56.101:7001', s2, 3),
    ev(T('07:49:33.582'), R2, 'repl.sync-started', 'MASTER <-> REPLICA sync started', s2, 4),
    ev(T('07:49:33.583'), R2, 'repl.sync-error', 'Error condition on socket for SYNC: Connection refused', s2, 5),
    ev(T('07:49:38.601'), M1, 'cluster.fail-marked', `Marking node ${M2} as failing (quorum reached).`, m1, 12, { subject: M2 }),
    ev(T('07:49:38.602'), M1, 'cluster.state', 'Cluster state changed: fail', m1, 13, { state: 'fail' }),
    ev(T('07:49:38.640'), R2, 'cluster.fail-received', `FAIL message received from ${M1} about ${M2}`, s2, 6, { sender: M1, subject: M2 }),
    ev(T('07:49:38.641'), R2, 'election.delayed', 'Start of election delayed for 513 milliseconds (rank #0, offset 1736).', s2, 7, {
      delayMs: 513,
      rank: 0,
      offset: 1736,
    }),
    ev(T('07:49:38.700'), R2, 'election.started', 'Starting a failover election for epoch 7.', s2, 8, { epoch: 7 }),
    ev(T('07:49:38.745'), M1, 'vote.granted', `Failover auth granted to ${R2} for epoch 7`, m1, 14, { subject: R2, epoch: 7 }),
    ev(T('07:49:38.756'), R2, 'election.won', "Failover election won: I'm the new master.", s2, 9),
    ev(T('07:49:38.756'), R2, 'epoch.set', 'configEpoch set to 7 after successful failover', s2, 10, { epoch: 7 }),
    ev(T('07:49:38.757'), R2, 'cluster.state', 'Cluster state changed: ok', s2, 11, { state: 'ok' }),
    ev(T('07:49:38.790'), M1, 'cluster.state', 'Cluster state changed: ok', m1, 15, { state: 'ok' }),
    ev(T('07:50:40.100'), M2, 'server.start', 'Redis version=6.2.3, bits=64, commit=00000000, modified=0, pid=1, just started', m2, 20),
    ev(T('07:50:40.120'), M2, 'node.identity', `Node configuration loaded, I'm ${M2}`, m2, 24),
    ev(T('07:50:40.300'), M2, 'server.ready', 'Ready to accept connections', m2, 27),
    ev(T('07:50:40.400'), M2, 'role.replica-of', `Configuration change detected. Reconfiguring myself as a replica of ${R2}`, m2, 28, {
      subject: R2,
    }),
    ev(T('07:50:40.500'), M1, 'cluster.fail-cleared', `Clear FAIL state for node ${M2}: master without slots is reachable again.`, m1, 20, {
      subject: M2,
    }),
  ];
  const start = T('07:49:15.000');
  const end = T('07:51:00.000');
  const cluster: ClusterAnalysis = {
    id: 'cluster-1',
    nodes,
    span: { start, end },
    coverage: { logs: [], fromOthers: [], unidentified: [], snapshots: 1, limits: [] },
    story:
      'Master 192.168.56.101:7001 (c952f5ef) stopped at 07:49:33.560 (shutdown request). Its replica 192.168.56.102:7002 (094af2ab) lost the link at 07:49:33.581; 192.168.56.100:7001 marked it FAIL 5.041 s later, and the replica won the election for epoch 7 at 07:49:38.756 with 1 vote. Slots 5461-10922 were unavailable for 5.196 s; the whole cluster answered CLUSTERDOWN for 155 ms.\n\nThe old master came back at 07:50:40.100 as a replica of the new one.',
    failovers: [
      {
        cluster: 'cluster-1',
        kind: 'automatic',
        oldMaster: M2,
        oldMasterAddress: '192.168.56.101:7001',
        oldMasterSource: null,
        newMaster: R2,
        newMasterAddress: '192.168.56.102:7002',
        newMasterSource: null,
        epoch: 7,
        slots: '5461-10922',
        startedAt: T('07:49:33.560'),
        startedAtBounds: [T('07:49:33.560'), T('07:49:33.581')],
        startedAtFrom: 'shutdown-request',
        failMarkedAt: T('07:49:38.601'),
        electionStartedAt: T('07:49:38.700'),
        promotedAt: T('07:49:38.756'),
        promotedAtBounds: [T('07:49:38.756'), T('07:49:38.756')],
        timingsMs: { detection: 5041, delay: 99, election: 56, unavailable: 5196, unavailableMax: 5196 },
        votes: [{ voter: M1, voterAddress: '192.168.56.100:7001', voterSource: null, granted: true, at: T('07:49:38.745') }],
        votesNeeded: 2,
        rank: 0,
        offset: 1736,
        bestReplica: null,
        writesAtRisk: { bytes: null, winnerOffset: 1736, masterOffset: null, exact: false },
        rejoined: { at: T('07:50:40.400'), as: 'replica', of: R2 },
        evidence: [
          { source: m2, line: 9 },
          { source: s2, line: 9 },
        ],
      },
    ],
    outages: [
      {
        cluster: 'cluster-1',
        scope: 'slots',
        slots: '5461-10922',
        nodes: [M2],
        start: T('07:49:33.560'),
        startBounds: [T('07:49:33.560'), T('07:49:33.560')],
        end: T('07:49:38.756'),
        endBounds: null,
        durationMs: 5196,
        minDurationMs: 5196,
        maxDurationMs: 5196,
        cause: 'failover.completed',
        evidence: [
          { source: m2, line: 9 },
          { source: s2, line: 9 },
        ],
      },
      {
        cluster: 'cluster-1',
        scope: 'cluster',
        nodes: [M1, R2],
        start: T('07:49:38.602'),
        startBounds: [T('07:49:38.602'), T('07:49:38.602')],
        end: T('07:49:38.757'),
        endBounds: null,
        durationMs: 155,
        minDurationMs: 155,
        maxDurationMs: 155,
        cause: 'cluster.down',
        evidence: [
          { source: m1, line: 13 },
          { source: s2, line: 11 },
        ],
      },
    ],
    findings: [
      {
        rule: 'failover.completed',
        severity: 'info',
        message: 'Replica 192.168.56.102:7002 replaced master 192.168.56.101:7001 at epoch 7 after 5.196 s.',
        at: T('07:49:38.756'),
        nodes: [M2, R2],
        evidence: [
          { source: s2, line: 9 },
          { source: s2, line: 10 },
        ],
      },
      {
        rule: 'cluster.down',
        severity: 'warning',
        message: 'The cluster answered CLUSTERDOWN for 155 ms.',
        at: T('07:49:38.602'),
        nodes: [M1],
        evidence: [
          { source: m1, line: 13 },
          { source: m1, line: 15 },
        ],
      },
      {
        rule: 'node.rejoined-as-replica',
        severity: 'info',
        message: 'The old master 192.168.56.101:7001 rejoined as a replica of 192.168.56.102:7002.',
        at: T('07:50:40.400'),
        nodes: [M2, R2],
        evidence: [{ source: m2, line: 28 }],
      },
      {
        rule: 'master.orphaned',
        severity: 'warning',
        message: 'Master 192.168.56.102:7002 had no replica from 07:49:38.756 until 07:50:40.400.',
        at: T('07:49:38.756'),
        nodes: [R2],
        evidence: [
          { source: s2, line: 9 },
          { source: 'cluster-nodes.txt', line: 3 },
        ],
      },
    ],
    roles: [
      { node: M1, role: 'master', start, end: null },
      { node: R3, role: 'replica', masterId: M3, start, end: null },
      { node: M2, role: 'master', start, end: T('07:49:33.560') },
      { node: M2, role: 'down', start: T('07:49:33.560'), end: T('07:49:38.601') },
      { node: M2, role: 'fail', start: T('07:49:38.601'), end: T('07:50:40.100') },
      { node: M2, role: 'replica', masterId: R2, start: T('07:50:40.100'), end: null },
      { node: R1, role: 'replica', masterId: M1, start, end: null },
      { node: M3, role: 'master', start, end: null },
      { node: R2, role: 'replica', masterId: M2, start, end: T('07:49:38.756') },
      { node: R2, role: 'master', start: T('07:49:38.756'), end: null },
    ],
    ownership: [
      { slots: '0-5460', owner: M1, epoch: 1, start, end: null },
      { slots: '5461-10922', owner: M2, epoch: 2, start, end: T('07:49:33.560') },
      { slots: '5461-10922', owner: null, epoch: null, start: T('07:49:33.560'), end: T('07:49:38.756') },
      { slots: '5461-10922', owner: R2, epoch: 7, start: T('07:49:38.756'), end: null },
      { slots: '10923-16383', owner: M3, epoch: 3, start, end: null },
    ],
    states: [
      { node: M1, state: 'ok', start, end: T('07:49:38.602') },
      { node: M1, state: 'fail', start: T('07:49:38.602'), end: T('07:49:38.790') },
      { node: M1, state: 'ok', start: T('07:49:38.790'), end: null },
      { node: R2, state: 'ok', start, end: T('07:49:38.640') },
      { node: R2, state: 'fail', start: T('07:49:38.640'), end: T('07:49:38.757') },
      { node: R2, state: 'ok', start: T('07:49:38.757'), end: null },
      { node: M2, state: 'ok', start, end: T('07:49:33.560') },
      { node: M2, state: 'ok', start: T('07:50:40.300'), end: null },
    ],
    nodeTimeout: { ms: 5000, from: 'option' },
  };
  const timeline = timelineOf(events, [{ id: 'cluster-1', nodes }]);
  return { analysis: analysisOf([cluster], timeline, { nodeTimeout: { ms: 5000, from: 'option' } }), timeline };
}

// Scenario 1 of the seed: 3 masters on 127.0.0.1, no replicas; 7002 segfaults and nothing can take over.
export const A1 = '027a002ecc012b61a5997f151ad01bccbb65d1c0';
export const A2 = '79816979a6dd4b226e476121dd385ed6c25e5151';
export const A3 = '3c349984f0bb61490c170ab68f2617a35d9581d6';

export function noReplicaCase(): ReportCase {
  const T1 = (hms: string) => `2021-06-21T${hms}Z`;
  const nodes: NodeSummary[] = [
    { id: A1, addresses: ['127.0.0.1:7001'], sources: ['redis-master-1.log'] },
    { id: A2, addresses: ['127.0.0.1:7002'], sources: ['redis-master-2.log'] },
    { id: A3, addresses: ['127.0.0.1:7003'], sources: [] },
  ];
  const start = T1('07:27:50.000');
  const end = T1('07:31:10.000');
  const crash = T1('07:28:05.911');
  const events: TimelineEvent[] = [
    ev(
      crash,
      A2,
      'server.crash',
      '=== REDIS BUG REPORT START: Cut & paste starting from here ===\n1:M 21 Jun 2021 07:28:05.911 # Redis 6.2.3 crashed by signal: 11',
      'redis-master-2.log',
      3,
      { signal: 11 },
      { endLine: 4 },
    ),
    ev(T1('07:28:21.434'), A1, 'cluster.fail-received', `FAIL message received from ${A3} about ${A2}`, 'redis-master-1.log', 46, {
      sender: A3,
      subject: A2,
    }),
    ev(T1('07:28:21.435'), A1, 'cluster.state', 'Cluster state changed: fail', 'redis-master-1.log', 47, { state: 'fail' }),
    ev(
      T1('07:28:40.000'),
      null,
      'client.error',
      '(error) CLUSTERDOWN The cluster is down',
      'transcript.md',
      60,
      {},
      { timeInferred: true },
    ),
    ev(T1('07:30:56.966'), A2, 'node.identity', `Node configuration loaded, I'm ${A2}`, 'redis-master-2.log', 103),
    ev(T1('07:30:58.010'), A1, 'cluster.state', 'Cluster state changed: ok', 'redis-master-1.log', 52, { state: 'ok' }),
  ];
  const cluster: ClusterAnalysis = {
    id: 'cluster-1',
    nodes,
    span: { start, end },
    coverage: { logs: [], fromOthers: [], unidentified: [], snapshots: 1, limits: [] },
    story:
      'Master 127.0.0.1:7002 (79816979) crashed (signal 11) at 07:28:05.911. It had no replica, so no failover was possible: slots 5461-10922 stayed unserved and the whole cluster answered CLUSTERDOWN from 07:28:21.435 until the node was restarted and the cluster state returned to ok at 07:30:58.010 (2 min 36.575 s).',
    failovers: [],
    outages: [
      {
        cluster: 'cluster-1',
        scope: 'slots',
        slots: '5461-10922',
        nodes: [A2],
        start: crash,
        startBounds: [crash, crash],
        end: T1('07:30:56.966'),
        endBounds: null,
        durationMs: 171055,
        minDurationMs: 171055,
        maxDurationMs: 171055,
        cause: 'failover.blocked.no-replica',
        evidence: [{ source: 'redis-master-2.log', line: 3 }],
      },
      {
        cluster: 'cluster-1',
        scope: 'cluster',
        nodes: [A1],
        start: T1('07:28:21.435'),
        startBounds: [T1('07:28:21.435'), T1('07:28:21.435')],
        end: T1('07:30:58.010'),
        endBounds: null,
        durationMs: 156575,
        minDurationMs: 156575,
        maxDurationMs: 156575,
        cause: 'cluster.down',
        evidence: [
          { source: 'redis-master-1.log', line: 47 },
          { source: 'redis-master-1.log', line: 52 },
        ],
      },
    ],
    findings: [
      {
        rule: 'failover.blocked.no-replica',
        severity: 'error',
        message: 'Master 127.0.0.1:7002 failed with no replica: slots 5461-10922 had no master for 2 min 51.055 s.',
        at: crash,
        nodes: [A2],
        evidence: [{ source: 'redis-master-2.log', line: 3 }],
      },
      {
        rule: 'cluster.down',
        severity: 'error',
        message: 'The whole cluster refused writes (CLUSTERDOWN) for 2 min 36.575 s.',
        at: T1('07:28:21.435'),
        nodes: [A1, A3],
        evidence: [
          { source: 'redis-master-1.log', line: 47 },
          { source: 'transcript.md', line: 60 },
        ],
      },
      {
        rule: 'node.crashed',
        severity: 'warning',
        message: '127.0.0.1:7002 crashed by signal 11.',
        at: crash,
        nodes: [A2],
        evidence: [{ source: 'redis-master-2.log', line: 3 }],
      },
    ],
    roles: [
      { node: A1, role: 'master', start, end: null },
      { node: A2, role: 'master', start, end: crash },
      { node: A2, role: 'down', start: crash, end: T1('07:28:21.434') },
      { node: A2, role: 'fail', start: T1('07:28:21.434'), end: T1('07:30:56.966') },
      { node: A2, role: 'master', start: T1('07:30:56.966'), end: null },
      { node: A3, role: 'master', start, end: null },
    ],
    ownership: [
      { slots: '0-5460', owner: A1, epoch: 1, start, end: null },
      { slots: '5461-10922', owner: A2, epoch: 2, start, end: crash },
      { slots: '5461-10922', owner: null, epoch: null, start: crash, end: T1('07:30:56.966') },
      { slots: '5461-10922', owner: A2, epoch: 2, start: T1('07:30:56.966'), end: null },
      { slots: '10923-16383', owner: A3, epoch: 3, start, end: null },
    ],
    states: [
      { node: A1, state: 'ok', start, end: T1('07:28:21.435') },
      { node: A1, state: 'fail', start: T1('07:28:21.435'), end: T1('07:30:58.010') },
      { node: A1, state: 'ok', start: T1('07:30:58.010'), end: null },
    ],
    nodeTimeout: { ms: null, from: 'unknown' },
  };
  const timeline = timelineOf(events, [{ id: 'cluster-1', nodes }]);
  return { analysis: analysisOf([cluster], timeline), timeline };
}

/** Attacker-influenced strings, placed everywhere input text can reach the page. */
export const PAYLOADS = [
  '<script>window.__pwned=1;alert(1)</script>',
  '"><img src=x onerror="window.__pwned=2;alert(1)">',
  "'><svg onload=window.__pwned=3>",
  '</svg><script>window.__pwned=4</script>',
  'javascript:window.__pwned=5',
  '</style><script>window.__pwned=6</script>',
  '</textarea></title><iframe src="javascript:parent.__pwned=7">',
  '{{constructor.constructor("window.__pwned=8")()}}',
] as const;

/** The seed failover with payloads in addresses, log text, file names, findings, story and rule ids. */
export function xssCase(): ReportCase {
  const base = seedFailoverCase();
  const p = PAYLOADS;
  const evil = (s: string) => s.replace('redis-slave-2.log', `${p[3]}.log`).replace('redis-master-1.log', p[4]);
  const retarget = <T extends { source: string }>(x: T): T => ({ ...x, source: evil(x.source) });
  const c = base.analysis.clusters[0];
  c.nodes = c.nodes.map((n, i) => ({ ...n, addresses: [`${p[i % p.length]}:7001`], sources: n.sources.map(evil) }));
  c.story = `${p.join(' ')}\n\n${c.story}`;
  c.findings = [
    ...c.findings.map((f) => ({ ...f, evidence: f.evidence.map(retarget) })),
    {
      cluster: c.id,
      rule: p[1],
      severity: 'error',
      message: p.join(' | '),
      at: null,
      nodes: [M2, p[0]],
      evidence: [
        { source: p[4], line: 1 },
        { source: p[0], line: 2 },
      ],
    },
  ];
  c.failovers = c.failovers.map((f) => ({ ...f, startedAtFrom: p[2], slots: `${f.slots}${p[1]}`, evidence: f.evidence.map(retarget) }));
  c.outages = c.outages.map((o) => ({ ...o, cause: p[0] }));
  const events = base.timeline.events.map((e, i) => ({
    ...retarget(e),
    text: `${e.text} ${p[i % p.length]}`,
    address: p[(i + 1) % p.length],
  }));
  events.push(ev('2021-06-23T07:49:50.000Z', null, 'log.other', p.join(' '), p[0], 1, {}, { address: p[1] }));
  events.push(ev('2021-06-23T07:49:51.000Z', M1, p[5] as never, 'unknown kind from a broken parser', p[4], 2));
  events.sort((a, b) => a.at - b.at);
  const timeline = {
    ...base.timeline,
    events,
    clusters: base.timeline.clusters.map((cl) => ({ ...cl, nodes: c.nodes, events })),
    diagnostics: [{ severity: 'warning' as const, source: p[3], line: 1, message: p[1] }],
  };
  timeline.inputs = [...new Set(events.map((e) => e.source))].sort().map((source) => ({
    source,
    kind: 'docker-log' as const,
    forms: ['docker-t', 'redis-v5'],
    lines: 3,
    understood: 3,
    ignored: 0,
    unknown: 0,
  }));
  const analysis = {
    ...base.analysis,
    clusters: [c],
    nodes: c.nodes,
    failovers: c.failovers,
    outages: c.outages,
    findings: c.findings,
    inputs: timeline.inputs,
    verdict: 'fail' as const,
    clockOffsets: [{ source: p[3], offsetMs: 12, reason: p[2] }],
  };
  return { analysis, timeline };
}
