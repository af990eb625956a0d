// The live commands' pure parts: option parsing, target resolution and the drill plan (loopback refusal
// included), redis-cli reply formatting, and the analysis-vs-probe comparison.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseClusterNodesText } from '../../src/live/cluster-view.ts';
import { compareWithProbe, type ProbeTruthLike } from '../../src/live/compare.ts';
import { connectionFromCli, isLoopbackHost, parseHostPort } from '../../src/live/connection.ts';
import { planDrill, resolveTarget } from '../../src/live/drill.ts';
import { formatMs, parseDuration } from '../../src/live/duration.ts';
import { formatCliReply } from '../../src/live/poller.ts';
import type { AnalysisV1, Failover } from '../../src/model/analysis.ts';
import { ConfigError } from '../../src/model/diagnostic.ts';

const id = (c: string) => c.repeat(40);
// Three masters and their replicas, as CLUSTER NODES prints them (redis 7.0 clusterGenNodeDescription).
const NODES = (host: string) =>
  parseClusterNodesText(
    [
      `${id('a')} ${host}:7000@17000 myself,master - 0 0 1 connected 0-5460`,
      `${id('b')} ${host}:7001@17001 master - 0 0 2 connected 5461-10922`,
      `${id('c')} ${host}:7002@17002 master - 0 0 3 connected 10923-16383`,
      `${id('d')} ${host}:7003@17003 slave ${id('a')} 0 0 1 connected`,
      `${id('e')} ${host}:7004@17004 slave ${id('b')} 0 0 2 connected`,
      `${id('f')} ${host}:7005@17005 slave,fail ${id('c')} 0 0 3 disconnected`,
      `${id('9')} ${host}:7006@17006 master - 0 0 0 connected`,
    ].join('\n'),
  );

describe('durations and addresses', () => {
  it('parses durations like 500ms, 10s, 10m and plain milliseconds', () => {
    expect(parseDuration('500ms', '--interval')).toBe(500);
    expect(parseDuration('10s', '--x')).toBe(10_000);
    expect(parseDuration('1.5s', '--x')).toBe(1500);
    expect(parseDuration('10m', '--x')).toBe(600_000);
    expect(parseDuration('1h', '--x')).toBe(3_600_000);
    expect(parseDuration('250', '--x')).toBe(250);
    expect(() => parseDuration('ten', '--duration')).toThrow(
      new ConfigError("--duration must be a duration such as 500ms, 10s or 10m, got 'ten'"),
    );
    expect(() => parseDuration('5ms', '--interval', 10)).toThrow(/at least 10 ms/);
    expect([formatMs(500), formatMs(1500), formatMs(600_000)]).toEqual(['500 ms', '1.5 s', '10 min']);
  });

  it('parses host:port like redis-cli users write it', () => {
    expect(parseHostPort('127.0.0.1:7000')).toBe('127.0.0.1:7000');
    expect(parseHostPort('redis-1.internal')).toBe('redis-1.internal:6379');
    expect(parseHostPort('[::1]:7000')).toBe('::1:7000');
    expect(parseHostPort('::1')).toBe('::1:6379');
    for (const bad of ['host:0', 'host:99999', ':7000', 'host:x']) expect(() => parseHostPort(bad), bad).toThrow(ConfigError);
  });

  it('knows loopback hosts', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['10.0.0.5', '192.168.56.101', 'redis.example.com', '::2', '128.0.0.1']) expect(isLoopbackHost(h), h).toBe(false);
  });

  it('takes AUTH and TLS options as redis-cli does', () => {
    expect(connectionFromCli({ env: {} })).toEqual({});
    expect(connectionFromCli({ env: { REDISCLI_AUTH: 'fromenv' } })).toEqual({ password: 'fromenv' });
    expect(connectionFromCli({ pass: 'given', env: { REDISCLI_AUTH: 'fromenv' } })).toEqual({ password: 'given' });
    expect(connectionFromCli({ user: 'ops', pass: 'pw', env: {} })).toEqual({ username: 'ops', password: 'pw' });
    expect(() => connectionFromCli({ user: 'ops', env: {} })).toThrow(/--user needs a password/);
    expect(() => connectionFromCli({ cacert: 'x.pem', env: {} })).toThrow(/need --tls/);
    expect(() => connectionFromCli({ tls: true, cert: 'c.pem', env: {} })).toThrow(/--cert and --key go together/);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'failscope-tls-opts-'));
    writeFileSync(path.join(dir, 'ca.pem'), 'CA');
    const c = connectionFromCli({ tls: true, cacert: path.join(dir, 'ca.pem'), sni: 'redis.internal', insecure: true, env: {} });
    expect(c.tls?.ca).toEqual([Buffer.from('CA')]);
    expect(c.tls?.servername).toBe('redis.internal');
    expect(c.tls?.rejectUnauthorized).toBe(false);
  });
});

describe('drill plans', () => {
  const nodes = NODES('127.0.0.1');
  const plan = (o: Partial<Parameters<typeof planDrill>[0]>) =>
    planDrill({ seed: '127.0.0.1:7000', nodes, fault: 'failover', target: '127.0.0.1:7001', nodeTimeoutMs: 1000, ...o });

  it('resolves a target by id, id prefix or address', () => {
    expect(resolveTarget(nodes, id('b')).port).toBe(7001);
    expect(resolveTarget(nodes, 'bbbb').port).toBe(7001);
    expect(resolveTarget(nodes, 'localhost:7002').port).toBe(7002);
    expect(() => resolveTarget(nodes, '127.0.0.1:7999')).toThrow(/not a node of this cluster/);
    expect(() => resolveTarget(nodes, 'abc')).toThrow(/must be a node id, an id prefix/);
  });

  it('a failover goes to a healthy replica of the target master; a replica target acts on itself', () => {
    const p = plan({});
    expect([p.actOn.port, p.master?.port, p.command, p.expectedKind]).toEqual([7004, 7001, ['CLUSTER', 'FAILOVER'], 'manual']);
    expect(plan({ fault: 'takeover', target: '127.0.0.1:7004' }).command).toEqual(['CLUSTER', 'FAILOVER', 'TAKEOVER']);
    expect(plan({ fault: 'force', target: '127.0.0.1:7004' }).actOn.port).toBe(7004);
    expect(() => plan({ target: '127.0.0.1:7002' })).toThrow(/has no healthy replica to fail over to/); // its replica is flagged fail
    expect(() => plan({ target: '127.0.0.1:7006' })).toThrow(/master without slots/);
    expect(() => plan({ fault: 'segfault', target: '127.0.0.1:7005' })).toThrow(/flagged fail; drill a healthy node/);
  });

  it('a pause lasts 3 node timeouts unless told, in DEBUG SLEEP seconds', () => {
    expect(plan({ fault: 'pause' }).command).toEqual(['DEBUG', 'SLEEP', '3.000']);
    expect(plan({ fault: 'pause', pauseMs: 1500 }).command).toEqual(['DEBUG', 'SLEEP', '1.500']);
    expect(plan({ fault: 'pause', nodeTimeoutMs: null }).pauseMs).toBe(5000);
    expect(plan({ fault: 'segfault' }).command).toEqual(['DEBUG', 'SEGFAULT']);
  });

  it('refuses a non-loopback target unless --yes', () => {
    const remote = NODES('10.0.0.5');
    const go = (yes: boolean) =>
      planDrill({ seed: '10.0.0.5:7000', nodes: remote, fault: 'segfault', target: '10.0.0.5:7001', nodeTimeoutMs: 15000, yes });
    expect(() => go(false)).toThrow(
      new ConfigError('refusing to drill 10.0.0.5:7001: not a loopback address; this fault is real, pass --yes to run it on this cluster'),
    );
    expect(go(true).actOn.address).toBe('10.0.0.5:7001');
  });
});

describe('redis-cli reply formatting (CONFIG GET blocks)', () => {
  it('prints arrays as redis-cli does on a terminal', () => {
    expect(formatCliReply(['cluster-node-timeout', '15000'])).toBe('1) "cluster-node-timeout"\n2) "15000"\n');
    expect(formatCliReply([])).toBe('(empty array)\n');
    expect(formatCliReply(['a"b\n'])).toBe('1) "a\\"b\\n"\n');
    expect(formatCliReply(Array.from({ length: 10 }, (_, i) => String(i))).split('\n')[0]).toBe(' 1) "0"');
    expect(formatCliReply(['x', ['y', 'z']])).toBe('1) "x"\n2) 1) "y"\n   2) "z"\n');
  });
});

describe('analysis vs probe', () => {
  const T = (s: number) => new Date(Date.UTC(2026, 0, 1) + Math.round(s * 1000)).toISOString();
  const failover = (o: Partial<Failover>): Failover => ({
    cluster: 'c1',
    kind: 'automatic',
    oldMaster: id('b'),
    newMaster: id('e'),
    epoch: 7,
    slots: '5461-10922',
    startedAt: T(10),
    startedAtBounds: [T(10), T(10)],
    startedAtFrom: 'crash-report',
    failMarkedAt: null,
    electionStartedAt: null,
    promotedAt: T(13),
    timingsMs: { detection: null, election: null, unavailable: 3000 },
    evidence: [],
    ...o,
  });
  const analysis = (failovers: Failover[], outage: [number, number] | null = null): AnalysisV1 =>
    ({
      schemaVersion: 1,
      clusters: [],
      nodes: [],
      failovers,
      outages: outage
        ? [
            {
              cluster: 'c1',
              scope: 'cluster',
              nodes: [],
              start: T(outage[0]),
              end: T(outage[1]),
              durationMs: (outage[1] - outage[0]) * 1000,
              cause: 'cluster.down',
            },
          ]
        : [],
      findings: [],
      inputs: [],
      verdict: 'pass',
      nodeTimeout: { ms: 1000, from: 'option' },
      clockOffsets: [],
    }) as AnalysisV1;
  const truth = (window: [number, number] | null, down: [number, number] | null = null): ProbeTruthLike => ({
    probe: {
      stoppedAt: T(30),
      ranges: [
        { slots: '0-5460', slot: 100, failures: [] },
        { slots: '5461-10922', slot: 6000, failures: window ? [{ start: T(window[0]), end: T(window[1]) }] : [] },
      ],
    },
    clusterDown: down ? [{ start: T(down[0]), end: T(down[1]) }] : [],
  });

  it('agrees within 400 ms per failover and 300 ms of cluster outage', () => {
    const c = compareWithProbe(analysis([failover({})], [12, 13]), truth([10.05, 13.3], [12.1, 13.2]));
    expect(c.failovers.map((f) => [f.range, f.probeMs, f.diffMs, f.status])).toEqual([['5461-10922', 3250, 250, 'agree']]);
    expect(c.clusterOutage).toMatchObject({ analysisMs: 1000, probeMs: 1100, diffMs: 100, status: 'agree' });
    expect(c.ok).toBe(true);
  });

  it('disagrees beyond the tolerance, unless the analysis only bounded the fault moment and the probe is inside the bounds', () => {
    expect(compareWithProbe(analysis([failover({})]), truth([10, 13.5])).failovers[0].status).toBe('mismatch');
    const bounded = failover({ startedAtBounds: [T(9), T(10)], startedAtFrom: 'last-pong' });
    const c = compareWithProbe(analysis([bounded]), truth([9.2, 13.1]));
    expect([c.failovers[0].status, c.failovers[0].boundsMs]).toEqual(['within-bounds', [3000, 4000]]);
    expect(c.ok).toBe(true);
    expect(compareWithProbe(analysis([]), truth(null, [1, 2])).clusterOutage.status).toBe('mismatch');
  });

  it('issue #12 – a promotion seen only in snapshots lies between two views: the probe inside those bounds agrees', () => {
    // Fault exact at 10 s; the new owner first seen at 13 s, the view before at 12.5 s; writes failed 10–12.55 s.
    const seen = failover({ promotedAtBounds: [T(12.5), T(13)] });
    const c = compareWithProbe(analysis([seen]), truth([10, 12.55]));
    expect([c.failovers[0].status, c.failovers[0].boundsMs]).toEqual(['within-bounds', [2500, 3000]]);
    // The same failover seen exactly at 13 s does not agree with that probe.
    expect(compareWithProbe(analysis([failover({ promotedAtBounds: [T(13), T(13)] })]), truth([10, 12.55])).failovers[0].status).toBe(
      'mismatch',
    );
  });

  it('checks the failover the drill caused: kind and new master; extra failovers are mismatches; a window outside any failover is a note', () => {
    const expected = { kind: 'manual' as const, promotions: [{ oldMaster: id('b'), newMaster: id('e') }] };
    expect(
      compareWithProbe(
        analysis([failover({ kind: 'manual', timingsMs: { detection: null, election: null, unavailable: 5 } })]),
        truth(null),
        expected,
      ).ok,
    ).toBe(true);
    const wrongKind = compareWithProbe(analysis([failover({})]), truth([10, 13]), expected);
    expect(wrongKind.checks.map((k) => k.ok)).toEqual([false]);
    expect(wrongKind.checks[0].detail).toMatch(/; the drill caused a manual one$/);
    // issue #17 – "a automatic one"
    const manualSeen = compareWithProbe(analysis([failover({ kind: 'manual' })]), truth([10, 13]), { ...expected, kind: 'automatic' });
    expect(manualSeen.checks[0].detail).toMatch(/; the drill caused an automatic one$/);
    expect(compareWithProbe(analysis([]), truth(null), expected).checks[0].detail).toMatch(/reports no failover/);
    const extra = compareWithProbe(analysis([failover({ newMaster: id('d') })]), truth([10, 13]), { kind: 'automatic', promotions: [] });
    expect(extra.checks.map((k) => k.detail)).toEqual(['the analysis reports a failover the cluster did not make']);
    const paused = compareWithProbe(analysis([]), truth([20, 21]));
    expect(paused.unexplained).toEqual([{ range: '5461-10922', start: T(20), end: T(21), durationMs: 1000, errors: {} }]);
    expect(paused.ok).toBe(true);
  });

  it('issue #17 – the drill judges its own window: older errors and failovers are reported apart, not judged', async () => {
    const { splitDrillWindow, olderHistoryLine } = await import('../../src/commands/drill.ts');
    const old = failover({ newMaster: id('d'), promotedAt: T(2), startedAt: T(1), startedAtBounds: [T(1), T(1)] });
    const finding = (at: number | null, severity: 'error' | 'warning', rule: string) => ({
      rule,
      severity,
      message: rule,
      at: at === null ? null : T(at),
      nodes: [],
      evidence: [],
    });
    const a = {
      ...analysis([old, failover({})]),
      findings: [
        finding(1, 'error', 'failover.blocked.no-replica'),
        finding(1.5, 'warning', 'node.crashed'),
        finding(12, 'warning', 'cluster.down'),
        finding(null, 'error', 'clock.skew'),
      ],
      verdict: 'fail' as const,
    };
    const { judged, older } = splitDrillWindow(a, Date.parse(T(5)));
    expect(judged.failovers.map((f) => f.newMaster)).toEqual([id('e')]);
    expect(judged.findings.map((f) => f.rule)).toEqual(['cluster.down', 'clock.skew']); // a finding without a time stays judged
    expect(judged.verdict).toBe('fail');
    expect(splitDrillWindow({ ...a, findings: a.findings.slice(0, 3) }, Date.parse(T(5))).judged.verdict).toBe('pass');
    expect([older.counts, older.rules, older.failovers.map((f) => f.newMaster)]).toEqual([
      { error: 1, warning: 1, info: 0 },
      ['failover.blocked.no-replica', 'node.crashed'],
      [id('d')],
    ]);
    expect(olderHistoryLine(older)).toBe(
      `Older history in the inputs (before ${T(5)}, not judged by this drill): 1 error, 1 warning, 1 failover (failover.blocked.no-replica, node.crashed).`,
    );
    expect(a.findings).toHaveLength(4); // the input is left alone
  });

  it('with a window, only failovers promoted inside it and the outage inside it count', () => {
    const old = failover({
      newMaster: id('d'),
      promotedAt: T(2),
      startedAt: T(1),
      startedAtBounds: [T(1), T(1)],
      timingsMs: { detection: null, election: null, unavailable: 1000 },
    });
    const window = { start: Date.parse(T(5)), end: Date.parse(T(30)) };
    const c = compareWithProbe(analysis([old, failover({})], [4, 6]), truth([10, 13], [5, 6]), undefined, window);
    expect(c.failovers.map((f) => f.newMaster)).toEqual([id('e')]);
    expect(c.clusterOutage).toMatchObject({ analysisMs: 1000, probeMs: 1000, status: 'agree' });
  });
});
