import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../src/model/events.ts';
import type { Snapshot } from '../../src/model/snapshot.ts';
import { analyzeTimeline } from '../../src/pipeline.ts';
import { resolveNodeTimeout } from '../../src/timeline/node-timeout.ts';
import { clusterOf, configSnap, ev, nodesSnap, resetLines, sec, timelineOf } from '../helpers/hand-timeline.ts';
import { A, ADDR, B, C, D, E, F, healthyView, masterKilled } from '../helpers/scenarios.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const rules = (a: ReturnType<typeof analyzeTimeline>, sev?: string) =>
  a.findings
    .filter((f) => !sev || f.severity === sev)
    .map((f) => f.rule)
    .sort();

describe('analyzeTimeline: automatic failover after SIGKILL', () => {
  resetLines();
  const a = analyzeTimeline(timelineOf(masterKilled()), { nodeTimeoutMs: 2000 });

  it('reports the failover with its phases and timings', () => {
    expect(a.failovers).toHaveLength(1);
    const f = a.failovers[0];
    expect(f).toMatchObject({
      kind: 'automatic',
      oldMaster: A,
      newMaster: D,
      epoch: 7,
      slots: '0-5460',
      startedAt: iso(sec(10.001)),
      startedAtBounds: [iso(sec(9.5)), iso(sec(10.001))],
      startedAtFrom: 'link-lost',
      failMarkedAt: iso(sec(12.5)),
      electionStartedAt: iso(sec(13.21)),
      promotedAt: iso(sec(13.215)),
      votesNeeded: 2,
      rank: 0,
      offset: 1000,
    });
    expect(f.timingsMs).toMatchObject({ detection: 2499, election: 5, unavailable: 3214 });
    expect(f.votes?.map((v) => [v.voter, v.granted])).toEqual([
      [B, true],
      [C, true],
    ]);
  });

  it('reports the slot outage and the cluster-wide CLUSTERDOWN window', () => {
    expect(a.outages.map((o) => [o.scope, o.slots ?? null, o.start, o.end, o.durationMs, o.cause])).toEqual([
      ['slots', '0-5460', iso(sec(10.001)), iso(sec(13.215)), 3214, 'failover.completed'],
      // Every range refused until the new master says ok (13.217): from then 0-5460 is served (issue 12).
      ['cluster', null, iso(sec(12.501)), iso(sec(13.217)), 716, 'failover.completed'],
    ]);
  });

  it('passes, with the expected findings', () => {
    expect(a.verdict).toBe('pass');
    expect(rules(a)).toEqual(['cluster.down', 'failover.completed', 'master.orphaned', 'node.crashed', 'node.rejoined-as-replica']);
    expect(a.findings.find((f) => f.rule === 'master.orphaned')).toMatchObject({ severity: 'info', nodes: [D] });
    expect(a.findings.find((f) => f.rule === 'failover.completed')?.nodes).toEqual([A, D]);
    expect(a.nodeTimeout).toEqual({ ms: 2000, from: 'option' });
  });

  it('tells the story in one paragraph', () => {
    const story = a.clusters[0].story;
    expect(story).toContain('between 12:00:09.500 and 12:00:10.001');
    expect(story).toContain('marked it FAIL at 12:00:12.500');
    expect(story).toContain('epoch 7');
    expect(story).toContain('came back at 12:00:20.200 as a replica of dddddddd');
    expect(story).toContain('CLUSTERDOWN from 12:00:12.501 to 12:00:13.217 (716 ms)');
  });

  it('is deterministic', () => {
    resetLines();
    const b = analyzeTimeline(timelineOf(masterKilled()), { nodeTimeoutMs: 2000 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

/** A 3-master cluster where B has replica E and C has replica F; A has replica D unless `noReplicaForA`. */
function base(events: TimelineEvent[], snaps: Snapshot[] = [healthyView(sec(5))]) {
  return timelineOf(clusterOf(events, snaps, ADDR));
}

describe('analyzeTimeline: why a failover did not happen', () => {
  it('no replica: the master had none', () => {
    const view = nodesSnap(
      sec(5),
      `
${A} 127.0.0.1:7000@17000 master - 0 ${sec(4.9)} 1 connected 0-5460
${B} 127.0.0.1:7001@17001 myself,master - 0 0 2 connected 5461-10922
${C} 127.0.0.1:7002@17002 master - 0 ${sec(4.9)} 3 connected 10923-16383
`,
    );
    const lb = { source: 'b.log', pid: 2, role: 'M' as const };
    const la = { source: 'a.log', pid: 1, role: 'M' as const };
    const events = [
      ev(sec(8), A, 'log.other', {}, la),
      ev(sec(10), A, 'server.crash', { signal: 11 }, la),
      ev(sec(12.5), B, 'cluster.fail-marked', { subject: A }, lb),
      ev(sec(12.5), B, 'cluster.state', { state: 'fail' }, lb),
      ev(sec(30), A, 'server.start', {}, { ...la, pid: 9 }),
      ev(sec(32), A, 'cluster.state', { state: 'ok' }, { ...la, pid: 9 }),
      ev(sec(32.1), B, 'cluster.state', { state: 'ok' }, lb),
    ];
    const a = analyzeTimeline(timelineOf(clusterOf(events, [view], ADDR)), { nodeTimeoutMs: 2000 });
    expect(a.verdict).toBe('fail');
    expect(rules(a, 'error')).toEqual(['cluster.down', 'failover.blocked.no-replica']);
    expect(a.outages.find((o) => o.scope === 'slots')).toMatchObject({
      slots: '0-5460',
      start: iso(sec(10)),
      end: iso(sec(32)),
      cause: 'failover.blocked.no-replica',
    });
    // Every range refused until the restarted master serves its own slots again (its ok at 32 s).
    expect(a.outages.find((o) => o.scope === 'cluster')).toMatchObject({
      start: iso(sec(12.5)),
      end: iso(sec(32)),
      cause: 'failover.blocked.no-replica',
    });
  });

  it('shard lost: the master and its only replica went down together', () => {
    const la = { source: 'a.log', pid: 1, role: 'M' as const };
    const ld = { source: 'd.log', pid: 4, role: 'S' as const };
    const lb = { source: 'b.log', pid: 2, role: 'M' as const };
    const events = [
      ev(sec(9.9), A, 'log.other', {}, la),
      ev(sec(9.9), D, 'log.other', {}, ld),
      ev(sec(12.5), B, 'cluster.fail-marked', { subject: A }, lb),
      ev(sec(12.6), B, 'cluster.fail-marked', { subject: D }, lb),
      ev(sec(12.5), B, 'cluster.state', { state: 'fail' }, lb),
    ];
    const a = analyzeTimeline(base(events), { nodeTimeoutMs: 2000 });
    expect(rules(a, 'error')).toEqual(['cluster.down', 'failover.blocked.shard-lost']);
    expect(a.findings.find((f) => f.rule === 'failover.blocked.shard-lost')?.nodes).toEqual([A, D]);
  });

  it('no quorum: two of three masters down, nobody could mark FAIL', () => {
    const la = { source: 'a.log', pid: 1, role: 'M' as const };
    const lb = { source: 'b.log', pid: 2, role: 'M' as const };
    const ld = { source: 'd.log', pid: 4, role: 'S' as const };
    const le = { source: 'e.log', pid: 5, role: 'S' as const };
    const lc = { source: 'c.log', pid: 3, role: 'M' as const };
    const events = [
      ev(sec(9.9), A, 'log.other', {}, la),
      ev(sec(9.9), B, 'log.other', {}, lb),
      ev(sec(10.001), D, 'repl.link-lost', {}, ld),
      ev(sec(10.001), E, 'repl.link-lost', {}, le),
      ev(sec(13), C, 'cluster.state', { state: 'fail' }, lc),
      ev(sec(30), A, 'server.start', {}, { ...la, pid: 11 }),
      ev(sec(30), B, 'server.start', {}, { ...lb, pid: 12 }),
      ev(sec(33), C, 'cluster.state', { state: 'ok' }, lc),
    ];
    const a = analyzeTimeline(base(events), { nodeTimeoutMs: 2000 });
    expect(rules(a, 'error')).toEqual(['cluster.down', 'failover.blocked.no-quorum', 'failover.blocked.no-quorum']);
    expect(a.findings.find((f) => f.rule === 'failover.blocked.no-quorum')?.message).toContain(
      '2 of 3 masters were down together and FAIL needs 2',
    );
    expect(a.failovers).toEqual([]);
  });

  it('replica stale: data too old to fail over', () => {
    const lb = { source: 'b.log', pid: 2, role: 'M' as const };
    const ld = { source: 'd.log', pid: 4, role: 'S' as const };
    const events = [
      ev(sec(12.5), B, 'cluster.fail-marked', { subject: A }, lb),
      ev(
        sec(20),
        D,
        'election.data-too-old',
        { reason: '' },
        {
          ...ld,
          text: "Currently unable to failover: Disconnected from master for longer than allowed. Please check the 'cluster-replica-validity-factor' configuration option.",
        },
      ),
    ];
    const a = analyzeTimeline(base(events), { nodeTimeoutMs: 2000 });
    expect(rules(a, 'error')).toContain('failover.blocked.replica-stale');
  });

  it('nofailover: the only replica is flagged nofailover', () => {
    const view = nodesSnap(
      sec(5),
      `
${A} 127.0.0.1:7000@17000 master - 0 ${sec(4.9)} 1 connected 0-5460
${B} 127.0.0.1:7001@17001 myself,master - 0 0 2 connected 5461-10922
${C} 127.0.0.1:7002@17002 master - 0 ${sec(4.9)} 3 connected 10923-16383
${D} 127.0.0.1:7003@17003 slave,nofailover ${A} 0 ${sec(4.9)} 1 connected
`,
    );
    const lb = { source: 'b.log', pid: 2, role: 'M' as const };
    const events = [ev(sec(12.5), B, 'cluster.fail-marked', { subject: A }, lb)];
    const a = analyzeTimeline(timelineOf(clusterOf(events, [view], ADDR)), { nodeTimeoutMs: 2000 });
    expect(rules(a, 'error')).toContain('failover.blocked.nofailover');
  });

  it('an election that expired, then a later one that won: a warning, not a block', () => {
    const lb = { source: 'b.log', pid: 2, role: 'M' as const };
    const ld = { source: 'd.log', pid: 4, role: 'S' as const };
    const events = [
      ev(sec(9.9), A, 'log.other', {}, { source: 'a.log', pid: 1 }),
      ev(sec(12.5), B, 'cluster.fail-marked', { subject: A }, lb),
      ev(sec(12.6), D, 'election.delayed', { delayMs: 600, rank: 0, offset: 10 }, ld),
      ev(sec(13.2), D, 'election.started', { epoch: 7 }, ld),
      ev(sec(18), D, 'election.waiting-votes', {}, ld),
      ev(sec(21.3), D, 'election.delayed', { delayMs: 700, rank: 0, offset: 10 }, ld),
      ev(sec(22), D, 'election.started', { epoch: 8 }, ld),
      ev(sec(22.01), B, 'vote.granted', { subject: D, epoch: 8 }, lb),
      ev(sec(22.02), D, 'election.won', {}, ld),
    ];
    const a = analyzeTimeline(base(events), { nodeTimeoutMs: 2000 });
    expect(a.failovers).toHaveLength(1);
    expect(a.failovers[0].epoch).toBe(8);
    expect(a.findings.filter((f) => f.rule === 'failover.expired').map((f) => f.severity)).toEqual(['warning']);
    expect(rules(a, 'error')).toEqual([]);
  });
});

describe('analyzeTimeline: correctness checks', () => {
  it('one vote per master per epoch', () => {
    const lb = { source: 'b.log', pid: 2, role: 'M' as const };
    const events = [
      ev(sec(20), B, 'vote.granted', { subject: D, epoch: 7 }, lb),
      ev(sec(20.1), B, 'vote.granted', { subject: F, epoch: 7 }, lb),
    ];
    const a = analyzeTimeline(base(events));
    expect(a.findings.find((f) => f.rule === 'vote.duplicate')).toMatchObject({ severity: 'error', nodes: [B, D, F] });
  });

  it('a paused old master answering with state ok after the promotion is a split brain', () => {
    const k = masterKilled();
    // A was paused, not killed: same pid after, and no restart; it keeps state ok until it hears.
    const la = { source: 'node-7000.log', pid: 100, role: 'M' as const };
    const events = k.events
      .filter(
        (e) =>
          !(e.node === A && e.kind !== 'log.other') &&
          !(e.node === D && e.kind === 'repl.sync-error') &&
          !(e.kind === 'cluster.fail-cleared'),
      )
      .concat([
        ev(sec(9.4), A, 'cluster.state', { state: 'ok' }, la),
        ev(sec(15), A, 'log.other', {}, la),
        ev(sec(15.8), A, 'role.replica-of', { subject: D }, la),
      ]);
    const a = analyzeTimeline(timelineOf(clusterOf(events, k.snapshots, ADDR)), { nodeTimeoutMs: 2000 });
    const sb = a.findings.find((f) => f.rule === 'split-brain');
    expect(sb).toMatchObject({ severity: 'error', nodes: [A, D], at: iso(sec(15)) });
    expect(sb?.message).toContain('from 12:00:15.000 to 12:00:15.800');
  });

  it('a configEpoch collision is reported', () => {
    const a = analyzeTimeline(base([ev(sec(20), B, 'epoch.collision', { subject: C, epoch: 9 }, { source: 'b.log' })]));
    expect(a.findings.find((f) => f.rule === 'epoch.collision')).toMatchObject({ severity: 'warning', nodes: [B, C] });
  });
});

describe('analyzeTimeline: clock skew', () => {
  it('corrects the source that received a FAIL before it was sent, and reports it', () => {
    const k = masterKilled();
    // C's clock runs 400 ms behind: its lines say it received B's FAIL 399 ms before B marked it.
    const events = k.events.map((e) => (e.source === 'node-7002.log' ? { ...e, at: e.at - 400 } : e));
    const a = analyzeTimeline(timelineOf(clusterOf(events, k.snapshots, ADDR)), { nodeTimeoutMs: 2000 });
    expect(a.clockOffsets).toHaveLength(1);
    expect(a.clockOffsets[0].source).toBe('node-7002.log');
    expect(a.clockOffsets[0].offsetMs).toBeGreaterThanOrEqual(399);
    expect(a.findings.find((f) => f.rule === 'clock.skew')).toMatchObject({ severity: 'warning' });
    // After the correction the failover's timings are as without skew.
    expect(a.failovers[0].timingsMs.unavailable).toBe(3214);
  });
});

describe('resolveNodeTimeout', () => {
  const k = masterKilled();
  it('option first, then crash report, CONFIG GET, redis.conf, else unknown', () => {
    expect(resolveNodeTimeout(k, [], 1500)).toEqual({ ms: 1500, from: 'option' });
    expect(resolveNodeTimeout(k, [])).toEqual({ ms: null, from: 'unknown' });
    const crash = clusterOf(
      [...k.events, ev(sec(10), A, 'server.crash', { nodeTimeoutMs: 3000 }, { source: 'node-7000.log' })],
      k.snapshots,
    );
    expect(resolveNodeTimeout(crash, [])).toEqual({ ms: 3000, from: 'crash-report' });
    const conf = clusterOf(k.events, [...k.snapshots, configSnap(sec(1), null, { 'cluster-node-timeout': '5000' }, 'redis.conf')]);
    expect(
      resolveNodeTimeout(conf, [{ source: 'redis.conf', kind: 'redis-conf', lines: 1, understood: 1, ignored: 0, unknown: 0 }]),
    ).toEqual({ ms: 5000, from: 'redis-conf' });
    expect(resolveNodeTimeout(conf, [{ source: 'redis.conf', kind: 'snapshot', lines: 1, understood: 1, ignored: 0, unknown: 0 }])).toEqual(
      { ms: 5000, from: 'config-get' },
    );
  });
});
