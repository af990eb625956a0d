// Hand-built analyses (schema v1) for the gate's tests: a kill -9 of one master of a 3+3 cluster on
// 127.0.0.1:7000-7005, its replica promoted; variants derive from it.
import type { AnalysisV1, ClusterAnalysis, Failover, Finding, Outage } from '../../src/model/analysis.ts';

export const ID = {
  m0: 'a0a0a0a0' + '0'.repeat(32),
  m1: 'b1b1b1b1' + '1'.repeat(32),
  m2: 'c2c2c2c2' + '2'.repeat(32),
  r3: 'd3d3d3d3' + '3'.repeat(32),
  r4: 'e4e4e4e4' + '4'.repeat(32),
  r5: 'f5f5f5f5' + '5'.repeat(32),
};

const nodes = [
  { id: ID.m0, addresses: ['127.0.0.1:7000'], sources: ['logs/node-7000.log'] },
  { id: ID.m1, addresses: ['127.0.0.1:7001'], sources: ['logs/node-7001.log'] },
  { id: ID.m2, addresses: ['127.0.0.1:7002'], sources: ['logs/node-7002.log'] },
  { id: ID.r3, addresses: ['127.0.0.1:7003'], sources: ['logs/node-7003.log'] },
  { id: ID.r4, addresses: ['127.0.0.1:7004'], sources: ['logs/node-7004.log'] },
  { id: ID.r5, addresses: ['127.0.0.1:7005'], sources: ['logs/node-7005.log'] },
];

function failover(over: Partial<Failover> = {}): Failover {
  return {
    cluster: 'cluster-1',
    kind: 'automatic',
    oldMaster: ID.m0,
    newMaster: ID.r3,
    epoch: 7,
    slots: '0-5460',
    startedAt: '2024-05-01T10:00:00.000Z',
    startedAtBounds: ['2024-05-01T10:00:00.000Z', '2024-05-01T10:00:00.000Z'],
    startedAtFrom: 'shutdown-request',
    failMarkedAt: '2024-05-01T10:00:05.100Z',
    electionStartedAt: '2024-05-01T10:00:05.300Z',
    promotedAt: '2024-05-01T10:00:06.200Z',
    timingsMs: { detection: 5100, election: 900, unavailable: 6200 },
    evidence: [
      { source: 'logs/node-7000.log', line: 41 },
      { source: 'logs/node-7001.log', line: 57 },
      { source: 'logs/node-7003.log', line: 88 },
    ],
    ...over,
  };
}

function finding(rule: string, severity: Finding['severity'], evidence: Finding['evidence'], nodesOf: string[] = [ID.m0]): Finding {
  return { cluster: 'cluster-1', rule, severity, message: `${rule} happened`, at: '2024-05-01T10:00:00.000Z', nodes: nodesOf, evidence };
}

export interface Variant {
  failovers?: Failover[];
  findings?: Finding[];
  clusterOutages?: Array<{ start: string; end: string | null; durationMs: number | null }>;
  nodeTimeoutMs?: number | null;
  /** Final owner of 0-5460 (default: the promoted replica). */
  finalOwner0?: string;
}

export function killMaster(v: Variant = {}): AnalysisV1 {
  const failovers = v.failovers ?? [failover()];
  const findings = v.findings ?? [
    finding('node.crashed', 'warning', [{ source: 'logs/node-7000.log', line: 41 }]),
    finding('failover.completed', 'info', [{ source: 'logs/node-7003.log', line: 88 }], [ID.m0, ID.r3]),
    finding(
      'cluster.down',
      'warning',
      [
        { source: 'logs/node-7001.log', line: 60 },
        { source: 'logs/node-7001.log', line: 71 },
      ],
      [ID.m1, ID.m2],
    ),
    finding('node.rejoined-as-replica', 'info', [{ source: 'logs/node-7000.log', line: 102 }], [ID.m0, ID.r3]),
  ];
  const outages: Outage[] = [
    {
      cluster: 'cluster-1',
      scope: 'slots',
      slots: '0-5460',
      nodes: [ID.m0],
      start: '2024-05-01T10:00:00.000Z',
      end: '2024-05-01T10:00:06.200Z',
      durationMs: 6200,
      cause: 'node.crashed',
    },
    ...(v.clusterOutages ?? [{ start: '2024-05-01T10:00:05.150Z', end: '2024-05-01T10:00:06.950Z', durationMs: 1800 }]).map(
      (o): Outage => ({ cluster: 'cluster-1', scope: 'cluster', nodes: [ID.m1, ID.m2], ...o, cause: 'cluster.down' }),
    ),
  ];
  const owner0 = v.finalOwner0 ?? ID.r3;
  const cluster: ClusterAnalysis = {
    id: 'cluster-1',
    nodes,
    failovers,
    outages,
    findings,
    coverage: { logs: [], fromOthers: [], unidentified: [], snapshots: 1, limits: [] },
    story: 'The master 127.0.0.1:7000 was shut down; 127.0.0.1:7003 took over.',
    span: { start: '2024-05-01T09:59:50.000Z', end: '2024-05-01T10:00:30.000Z' },
    roles: [
      { node: ID.m0, role: 'master', start: '2024-05-01T09:59:50.000Z', end: '2024-05-01T10:00:00.000Z' },
      { node: ID.m0, role: 'down', start: '2024-05-01T10:00:00.000Z', end: '2024-05-01T10:00:20.000Z' },
      {
        node: ID.m0,
        role: owner0 === ID.m0 ? 'master' : 'replica',
        masterId: owner0 === ID.m0 ? null : ID.r3,
        start: '2024-05-01T10:00:20.000Z',
        end: null,
      },
      { node: ID.m1, role: 'master', start: '2024-05-01T09:59:50.000Z', end: null },
      { node: ID.m2, role: 'master', start: '2024-05-01T09:59:50.000Z', end: null },
      { node: ID.r3, role: 'replica', masterId: ID.m0, start: '2024-05-01T09:59:50.000Z', end: '2024-05-01T10:00:06.200Z' },
      { node: ID.r3, role: owner0 === ID.r3 ? 'master' : 'replica', start: '2024-05-01T10:00:06.200Z', end: null },
      { node: ID.r4, role: 'replica', masterId: ID.m1, start: '2024-05-01T09:59:50.000Z', end: null },
      { node: ID.r5, role: 'replica', masterId: ID.m2, start: '2024-05-01T09:59:50.000Z', end: null },
    ],
    ownership: [
      { slots: '0-5460', owner: ID.m0, epoch: 1, start: '2024-05-01T09:59:50.000Z', end: '2024-05-01T10:00:00.000Z' },
      { slots: '0-5460', owner: null, epoch: null, start: '2024-05-01T10:00:00.000Z', end: '2024-05-01T10:00:06.200Z' },
      { slots: '0-5460', owner: owner0, epoch: 7, start: '2024-05-01T10:00:06.200Z', end: null },
      { slots: '5461-10922', owner: ID.m1, epoch: 2, start: '2024-05-01T09:59:50.000Z', end: null },
      { slots: '10923-16383', owner: ID.m2, epoch: 3, start: '2024-05-01T09:59:50.000Z', end: null },
    ],
    states: [],
  };
  return {
    schemaVersion: 1,
    clusters: [cluster],
    nodes,
    failovers,
    outages,
    findings,
    inputs: nodes.map((n) => ({ source: n.sources[0], kind: 'redis-log', lines: 100, understood: 90, ignored: 10, unknown: 0 })),
    verdict: findings.some((f) => f.severity === 'error') ? 'fail' : 'pass',
    nodeTimeout: v.nodeTimeoutMs === null ? { ms: null, from: 'unknown' } : { ms: v.nodeTimeoutMs ?? 5000, from: 'option' },
    clockOffsets: [],
  };
}

export { failover, finding };

/** Two clusters in one input, like the seed document: cluster-1 as above, cluster-2 with no failover possible. */
export function twoClusters(): AnalysisV1 {
  const a = killMaster();
  const other: ClusterAnalysis = {
    id: 'cluster-2',
    nodes: [{ id: '9'.repeat(40), addresses: ['192.168.56.101:7001'], sources: ['seed.md'] }],
    failovers: [],
    outages: [
      {
        cluster: 'cluster-2',
        scope: 'cluster',
        nodes: ['9'.repeat(40)],
        start: '2024-05-02T00:00:00.000Z',
        end: '2024-05-02T00:05:00.000Z',
        durationMs: 300000,
        cause: 'failover.blocked.no-replica',
      },
    ],
    findings: [
      {
        cluster: 'cluster-2',
        rule: 'failover.blocked.no-replica',
        severity: 'error',
        message: 'no replica',
        at: null,
        nodes: ['9'.repeat(40)],
        evidence: [{ source: 'seed.md', line: 12 }],
      },
    ],
    coverage: { logs: [], fromOthers: [], unidentified: [], snapshots: 1, limits: [] },
    story: '',
    span: { start: '2024-05-02T00:00:00.000Z', end: '2024-05-02T00:10:00.000Z' },
    roles: [],
    ownership: [{ slots: '0-16383', owner: '9'.repeat(40), epoch: 1, start: '2024-05-02T00:00:00.000Z', end: null }],
    states: [],
  };
  return {
    ...a,
    clusters: [...a.clusters, other],
    nodes: [...a.nodes, ...other.nodes],
    outages: [...a.outages, ...other.outages],
    findings: [...a.findings, ...other.findings],
    verdict: 'fail',
  };
}
