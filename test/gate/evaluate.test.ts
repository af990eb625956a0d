import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/gate/evaluate.ts';
import { parseExpectations } from '../../src/gate/load.ts';
import type { CaseResult, ExpectationResult } from '../../src/gate/types.ts';
import type { AnalysisV1 } from '../../src/model/analysis.ts';
import { ID, failover, finding, killMaster, twoClusters } from './analysis-fixture.ts';

function run(a: AnalysisV1, expectations: object): CaseResult {
  return evaluate(a, parseExpectations(JSON.stringify(expectations), 'case.expect.json'), { name: 'case' });
}

function one(a: AnalysisV1, expectations: object): ExpectationResult {
  const r = run(a, expectations);
  expect(r.results).toHaveLength(1);
  return r.results[0];
}

const base = killMaster();

describe('evaluate: verdict and severity', () => {
  it('verdict passes when it matches', () => {
    expect(one(base, { verdict: 'pass' })).toMatchObject({ id: 'verdict', status: 'pass', expected: 'pass', actual: 'pass' });
  });
  it('verdict fails with the error findings as evidence', () => {
    const a = killMaster({ findings: [finding('split-brain', 'error', [{ source: 'logs/node-7001.log', line: 9 }])] });
    const r = one(a, { verdict: 'pass' });
    expect(r).toMatchObject({ status: 'fail', expected: 'pass', actual: 'fail', detail: 'error findings: split-brain' });
    expect(r.evidence).toEqual([{ source: 'logs/node-7001.log', line: 9 }]);
  });
  it('worstSeverity passes at or below the allowed level', () => {
    expect(one(base, { worstSeverity: 'warning' })).toMatchObject({ status: 'pass', actual: 'worst is warning' });
  });
  it('worstSeverity fails above it, naming the findings', () => {
    const r = one(base, { worstSeverity: 'info' });
    expect(r.status).toBe('fail');
    expect(r.expected).toBe('no finding worse than info');
    expect(r.detail).toContain('node.crashed (warning)');
    expect(r.detail).toContain('cluster.down (warning)');
    expect(r.evidence).toEqual([
      { source: 'logs/node-7000.log', line: 41 },
      { source: 'logs/node-7001.log', line: 60 },
      { source: 'logs/node-7001.log', line: 71 },
    ]);
  });
});

describe('evaluate: failovers', () => {
  it('count passes and fails', () => {
    expect(one(base, { failovers: { count: 1 } })).toMatchObject({ status: 'pass', expected: 'exactly 1 failover', actual: '1 failover' });
    const r = one(base, { failovers: { count: 2 } });
    expect(r).toMatchObject({ status: 'fail', expected: 'exactly 2 failovers', actual: '1 failover' });
    expect(r.detail).toContain('failover 1 (automatic, 127.0.0.1:7000 (a0a0a0a0) → 127.0.0.1:7003 (d3d3d3d3), slots 0-5460');
    expect(r.evidence).toContainEqual({ source: 'logs/node-7003.log', line: 88 });
  });
  it('count ranges', () => {
    expect(one(base, { failovers: { count: { min: 1 } } })).toMatchObject({ status: 'pass', expected: 'at least 1 failover' });
    expect(one(base, { failovers: { count: { max: 2 } } })).toMatchObject({ status: 'pass', expected: 'at most 2 failovers' });
    expect(one(base, { failovers: { count: { max: 0 } } })).toMatchObject({ status: 'fail', expected: 'exactly 0 failovers' });
    expect(one(killMaster({ failovers: [] }), { failovers: { count: { min: 1, max: 3 } } })).toMatchObject({
      status: 'fail',
      expected: '1 to 3 failovers',
      actual: '0 failovers',
    });
  });
  it('kinds: one result per kind; an unlisted kind must not occur', () => {
    const r = run(base, { failovers: { kinds: { automatic: 1 } } });
    expect(r.results.map((x) => [x.id, x.status])).toEqual([
      ['failovers.kinds.automatic', 'pass'],
      ['failovers.kinds.manual', 'pass'],
      ['failovers.kinds.takeover', 'pass'],
      ['failovers.kinds.force', 'pass'],
    ]);
    const manual = killMaster({
      failovers: [failover({ kind: 'manual', timingsMs: { detection: null, election: 400, unavailable: 450 } })],
    });
    const r2 = run(manual, { failovers: { kinds: { automatic: 1 } } });
    expect(r2.status).toBe('fail');
    expect(r2.results.find((x) => x.id === 'failovers.kinds.automatic')).toMatchObject({ status: 'fail', actual: '0 automatic' });
    expect(r2.results.find((x) => x.id === 'failovers.kinds.manual')).toMatchObject({
      status: 'fail',
      expected: 'exactly 0 manual (kind not listed in failovers.kinds)',
      actual: '1 manual',
    });
  });
  it('kinds: a failover of unknown kind that decides the count cannot be judged, never passed or failed', () => {
    const unknown = killMaster({ failovers: [failover({ kind: 'unknown' })] });
    const r = run(unknown, { failovers: { kinds: { automatic: 1 } } });
    expect(r.results.find((x) => x.id === 'failovers.kinds.automatic')).toMatchObject({ status: 'error', actual: 'cannot tell' });
    // The other kinds may be 0: the unknown one need not be any of them.
    expect(r.results.filter((x) => x.id !== 'failovers.kinds.automatic').map((x) => x.status)).toEqual(['pass', 'pass', 'pass']);
    // When the known ones already break the range, unknown ones cannot save it.
    const two = killMaster({ failovers: [failover(), failover({ kind: 'unknown' })] });
    expect(run(two, { failovers: { kinds: { automatic: 0 } } }).results.find((x) => x.id === 'failovers.kinds.automatic')).toMatchObject({
      status: 'fail',
      actual: '1 automatic',
    });
  });
  it('maxUnavailable absolute: pass and fail with both numbers and evidence', () => {
    expect(one(base, { failovers: { maxUnavailable: '7s' } })).toMatchObject({ status: 'pass', actual: 'worst 6.200 s' });
    const r = one(base, { failovers: { maxUnavailable: 6000 } });
    expect(r).toMatchObject({ status: 'fail', expected: 'unavailable ≤ 6.000 s for every failover', actual: 'worst 6.200 s' });
    expect(r.detail).toMatch(/failover 1 \(automatic, .*\): 6\.200 s$/);
    expect(r.evidence).toEqual([
      { source: 'logs/node-7000.log', line: 41 },
      { source: 'logs/node-7001.log', line: 57 },
      { source: 'logs/node-7003.log', line: 88 },
    ]);
  });
  it('maxUnavailable relative to the node timeout', () => {
    expect(one(base, { failovers: { maxUnavailable: '2x node-timeout' } })).toMatchObject({
      status: 'pass',
      expected: 'unavailable ≤ 2x node-timeout (10.000 s) for every failover',
    });
    expect(one(killMaster({ nodeTimeoutMs: 3000 }), { failovers: { maxUnavailable: '2x node-timeout' } })).toMatchObject({
      status: 'fail',
      expected: 'unavailable ≤ 2x node-timeout (6.000 s) for every failover',
    });
  });
  it('a relative limit with no known node timeout cannot be judged (error), unless the file gives one', () => {
    const a = killMaster({ nodeTimeoutMs: null });
    const r = one(a, { failovers: { maxUnavailable: '2x node-timeout' } });
    expect(r).toMatchObject({ status: 'error', actual: 'cannot judge' });
    expect(r.detail).toContain('--node-timeout');
    expect(run(a, { failovers: { maxUnavailable: '2x node-timeout' } }).status).toBe('error');
    expect(one(a, { nodeTimeout: '4s', failovers: { maxUnavailable: '2x node-timeout' } })).toMatchObject({
      status: 'pass',
      expected: 'unavailable ≤ 2x node-timeout (8.000 s) for every failover',
    });
  });
  it('maxDetection passes and fails', () => {
    expect(one(base, { failovers: { maxDetection: '6s' } })).toMatchObject({ status: 'pass', actual: 'worst 5.100 s' });
    expect(one(base, { failovers: { maxDetection: 'node-timeout' } })).toMatchObject({
      status: 'fail',
      expected: 'detection ≤ 1x node-timeout (5.000 s) for every failover',
      actual: 'worst 5.100 s',
    });
  });
  it('maxDetection: an automatic failover without a measured detection fails; a manual one is exempt', () => {
    const unmeasured = killMaster({ failovers: [failover({ timingsMs: { detection: null, election: 900, unavailable: 6200 } })] });
    expect(one(unmeasured, { failovers: { maxDetection: '8s' } })).toMatchObject({ status: 'fail', actual: 'not measured' });
    const manual = killMaster({
      failovers: [failover({ kind: 'manual', timingsMs: { detection: null, election: 300, unavailable: 350 } })],
    });
    expect(one(manual, { failovers: { maxDetection: '8s' } })).toMatchObject({
      status: 'pass',
      actual: 'no failover with a detection phase',
    });
  });
  it('maxElection passes and fails', () => {
    expect(one(base, { failovers: { maxElection: '1s' } })).toMatchObject({ status: 'pass', actual: 'worst 900 ms' });
    expect(one(base, { failovers: { maxElection: '800ms' } })).toMatchObject({
      status: 'fail',
      expected: 'election ≤ 800 ms for every failover',
      actual: 'worst 900 ms',
    });
  });
  it('timing limits apply to every failover: the one over the limit is named', () => {
    const two = killMaster({
      failovers: [
        failover(),
        failover({
          oldMaster: ID.m1,
          newMaster: ID.r4,
          slots: '5461-10922',
          startedAt: '2024-05-01T10:01:00.000Z',
          timingsMs: { detection: 5000, election: 2500, unavailable: 7600 },
          evidence: [{ source: 'logs/node-7004.log', line: 5 }],
        }),
      ],
    });
    const r = one(two, { failovers: { maxElection: '2s' } });
    expect(r.status).toBe('fail');
    expect(r.actual).toBe('worst 2.500 s');
    expect(r.detail).toMatch(
      /^failover 2 \(automatic, 127\.0\.0\.1:7001 \(b1b1b1b1\) → 127\.0\.0\.1:7004 \(e4e4e4e4\), slots 5461-10922, at 2024-05-01T10:01:00\.000Z\): 2\.500 s$/,
    );
    expect(r.evidence).toEqual([{ source: 'logs/node-7004.log', line: 5 }]);
  });
});

describe('evaluate: final masters', () => {
  it('mustEndAsMaster by address passes', () => {
    expect(one(base, { mustEndAsMaster: [{ node: '127.0.0.1:7003', slots: '0-5460' }] })).toMatchObject({
      id: 'mustEndAsMaster.127.0.0.1:7003[0-5460]',
      status: 'pass',
      actual: '127.0.0.1:7003 (d3d3d3d3) ends as master of 0-5460',
    });
  });
  it('mustEndAsMaster by id prefix, full id, and without slots', () => {
    expect(one(base, { mustEndAsMaster: [{ node: 'd3d3d3', slots: '100-200' }] }).status).toBe('pass');
    expect(one(base, { mustEndAsMaster: [{ node: ID.m1 }] }).status).toBe('pass');
  });
  it('mustEndAsMaster fails and says who holds the slots', () => {
    const a = killMaster({ finalOwner0: ID.m0 });
    const r = one(a, { mustEndAsMaster: [{ node: '127.0.0.1:7003', slots: '0-5460' }] });
    expect(r).toMatchObject({
      status: 'fail',
      actual: '127.0.0.1:7003 (d3d3d3d3) ends as a replica',
      detail: 'missing 0-5460: 0-5460 held by 127.0.0.1:7000 (a0a0a0a0)',
    });
    expect(r.evidence).toContainEqual({ source: 'logs/node-7003.log', line: 88 });
    expect(one(base, { mustEndAsMaster: [{ node: '127.0.0.1:7003', slots: '0-5461' }] })).toMatchObject({
      status: 'fail',
      detail: 'missing 5461: 5461 held by 127.0.0.1:7001 (b1b1b1b1)',
    });
    expect(one(base, { mustEndAsMaster: [{ node: '127.0.0.1:7004' }] })).toMatchObject({
      status: 'fail',
      actual: '127.0.0.1:7004 (e4e4e4e4) ends as a replica',
    });
  });
  it('mustNotEndAsMaster passes and fails', () => {
    expect(one(base, { mustNotEndAsMaster: [{ node: '127.0.0.1:7000' }] })).toMatchObject({
      status: 'pass',
      actual: '127.0.0.1:7000 (a0a0a0a0) ends as a replica',
    });
    expect(one(base, { mustNotEndAsMaster: [{ node: '127.0.0.1:7000', slots: '0-5460' }] }).status).toBe('pass');
    const a = killMaster({ finalOwner0: ID.m0 });
    expect(one(a, { mustNotEndAsMaster: [{ node: '127.0.0.1:7000', slots: '5000-6000' }] })).toMatchObject({
      status: 'fail',
      detail: 'still holds 5000-5460',
    });
    expect(one(a, { mustNotEndAsMaster: [{ node: 'a0a0' }] })).toMatchObject({
      status: 'fail',
      actual: '127.0.0.1:7000 (a0a0a0a0) ends as master of 0-5460',
    });
  });
  it('a node that is not in the incident is an error, never a silent pass', () => {
    const r = one(base, { mustNotEndAsMaster: [{ node: '127.0.0.1:7009' }] });
    expect(r).toMatchObject({ status: 'error', actual: 'no such node' });
    expect(r.detail).toContain('no node 127.0.0.1:7009 in cluster-1 (nodes: 127.0.0.1:7000 (a0a0a0a0)');
  });
  it('an ambiguous id prefix is an error', () => {
    const a = killMaster();
    a.nodes.push({ id: 'd3d3ffff' + '0'.repeat(32), addresses: ['127.0.0.1:7006'], sources: [] });
    expect(one(a, { mustEndAsMaster: [{ node: 'd3d3' }] })).toMatchObject({ status: 'error', actual: 'ambiguous node' });
  });
});

describe('evaluate: outages and rules', () => {
  it('maxClusterOutage passes and fails', () => {
    expect(one(base, { maxClusterOutage: '2s' })).toMatchObject({ status: 'pass', actual: '1.800 s in 1 window' });
    const r = one(base, { maxClusterOutage: '1s' });
    expect(r).toMatchObject({ status: 'fail', expected: 'cluster-wide outage ≤ 1.000 s in total', actual: '1.800 s in 1 window' });
    expect(r.detail).toBe('2024-05-01T10:00:05.150Z → 2024-05-01T10:00:06.950Z (1.800 s)');
    expect(r.evidence).toEqual([
      { source: 'logs/node-7001.log', line: 60 },
      { source: 'logs/node-7001.log', line: 71 },
    ]);
  });
  it('maxClusterOutage sums the windows and fails on one that never ended', () => {
    const two = killMaster({
      clusterOutages: [
        { start: '2024-05-01T10:00:05.000Z', end: '2024-05-01T10:00:06.000Z', durationMs: 1000 },
        { start: '2024-05-01T10:00:10.000Z', end: '2024-05-01T10:00:11.500Z', durationMs: 1500 },
      ],
    });
    expect(one(two, { maxClusterOutage: '2s' })).toMatchObject({ status: 'fail', actual: '2.500 s in 2 windows' });
    const open = killMaster({ clusterOutages: [{ start: '2024-05-01T10:00:05.000Z', end: null, durationMs: null }] });
    expect(one(open, { maxClusterOutage: '60m' })).toMatchObject({
      status: 'fail',
      actual: 'still down at the end of the evidence (since 2024-05-01T10:00:05.000Z)',
    });
    expect(one(killMaster({ clusterOutages: [] }), { maxClusterOutage: 0 })).toMatchObject({ status: 'pass', actual: 'none' });
  });
  it('required rules pass when present and fail when absent', () => {
    const r = run(base, { rules: { required: ['failover.completed', 'failover.slow'] } });
    expect(r.results[0]).toMatchObject({
      id: 'rules.required.failover.completed',
      status: 'pass',
      actual: 'present (1 finding)',
      evidence: [{ source: 'logs/node-7003.log', line: 88 }],
    });
    expect(r.results[1]).toMatchObject({
      id: 'rules.required.failover.slow',
      status: 'fail',
      expected: 'failover.slow present',
      actual: 'absent',
    });
  });
  it('forbidden rules pass when absent and fail when present, with evidence; prefixes match', () => {
    const a = killMaster({ findings: [finding('failover.blocked.no-quorum', 'error', [{ source: 'logs/node-7003.log', line: 120 }])] });
    expect(one(base, { rules: { forbidden: ['failover.blocked.*'] } })).toMatchObject({ status: 'pass', actual: 'absent' });
    const r = one(a, { rules: { forbidden: ['failover.blocked.*'] } });
    expect(r).toMatchObject({
      id: 'rules.forbidden.failover.blocked.*',
      status: 'fail',
      expected: 'failover.blocked.* absent',
      actual: 'present (1 finding)',
    });
    expect(r.detail).toBe('failover.blocked.no-quorum (error): failover.blocked.no-quorum happened');
    expect(r.evidence).toEqual([{ source: 'logs/node-7003.log', line: 120 }]);
  });
});

describe('evaluate: cluster selection', () => {
  const a = twoClusters();
  it('all clusters by default: the overall verdict', () => {
    expect(one(a, { verdict: 'pass' })).toMatchObject({ status: 'fail', actual: 'fail' });
  });
  it('per cluster, by label or by a node in it', () => {
    const r = run(a, {
      clusters: [
        { cluster: 'cluster-1', verdict: 'pass', failovers: { count: 1 } },
        { cluster: '192.168.56.101:7001', verdict: 'fail', failovers: { count: 0 }, maxClusterOutage: '4m' },
      ],
    });
    expect(r.results.map((x) => [x.id, x.status])).toEqual([
      ['clusters[0].verdict', 'pass'],
      ['clusters[0].failovers.count', 'pass'],
      ['clusters[1].verdict', 'pass'],
      ['clusters[1].failovers.count', 'pass'],
      ['clusters[1].maxClusterOutage', 'fail'],
    ]);
    expect(r.results[4].actual).toBe('5 min 0.000 s in 1 window');
    expect(r.status).toBe('fail');
  });
  it('a selection that matches no cluster is an error listing the clusters', () => {
    const r = run(a, { cluster: 'cluster-3', verdict: 'pass' });
    expect(r.status).toBe('error');
    expect(r.results[0]).toMatchObject({ id: 'cluster', status: 'error', actual: 'not found' });
    expect(r.results[0].detail).toContain(
      'cluster-1 (127.0.0.1:7000 (a0a0a0a0), 127.0.0.1:7001 (b1b1b1b1), 127.0.0.1:7002 (c2c2c2c2), …); cluster-2',
    );
  });
});

describe('evaluate: the whole case', () => {
  it('the kill-master example holds on the kill-master analysis', () => {
    const e = parseExpectations(
      JSON.stringify({
        nodeTimeout: 5000,
        verdict: 'pass',
        worstSeverity: 'warning',
        failovers: { count: 1, kinds: { automatic: 1 }, maxUnavailable: '2x node-timeout', maxDetection: '8s', maxElection: '1500ms' },
        mustEndAsMaster: [{ node: '127.0.0.1:7003', slots: '0-5460' }],
        mustNotEndAsMaster: [{ node: 'a0a0a0a0', slots: '0-5460' }],
        maxClusterOutage: '3s',
        rules: {
          required: ['failover.completed', 'node.rejoined-as-replica'],
          forbidden: ['split-brain', 'epoch.collision', 'failover.blocked.*'],
        },
      }),
      'x',
    );
    const r = evaluate(base, e, { name: 'kill-master' });
    expect(r.results.filter((x) => x.status !== 'pass')).toEqual([]);
    expect(r.results).toHaveLength(18);
    expect(r).toMatchObject({ name: 'kill-master', status: 'pass', startedAt: '2024-05-01T09:59:50.000Z' });
    expect(r.measured).toMatchObject({
      maxUnavailableMs: 6200,
      maxDetectionMs: 5100,
      maxElectionMs: 900,
      clusterOutageMs: 1800,
      clusterOutageOpen: false,
    });
  });
  it('is pure: same result twice, analysis untouched', () => {
    const a = killMaster();
    const before = JSON.stringify(a);
    const e = parseExpectations(
      '{ "verdict": "pass", "failovers": { "count": 1, "maxElection": "1s" }, "mustEndAsMaster": [{ "node": "d3d3d3d3" }] }',
      'x',
    );
    const r1 = JSON.stringify(evaluate(a, e));
    const r2 = JSON.stringify(evaluate(a, e));
    expect(r1).toBe(r2);
    expect(JSON.stringify(a)).toBe(before);
  });
});
