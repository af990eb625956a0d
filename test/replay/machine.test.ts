import { describe, expect, it } from 'vitest';
import { replayCluster } from '../../src/replay/index.ts';
import { formatRanges } from '../../src/model/slots.ts';
import type { ClusterTimeline } from '../../src/model/timeline.ts';
import { replayResolved } from '../../src/pipeline.ts';
import { resolveTimeline } from '../../src/timeline/index.ts';
import { clusterOf, ev, nid, nodesSnap, sec, timelineOf } from '../helpers/hand-timeline.ts';
import { A, ADDR, B, C, D, healthyView, masterKilled } from '../helpers/scenarios.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('replayCluster: a master killed and replaced by its replica', () => {
  const trace = replayCluster(masterKilled(), { nodeTimeoutMs: 2000 });

  it('finds the promotion with its epoch, slots and replaced master', () => {
    expect(trace.promotions).toHaveLength(1);
    const p = trace.promotions[0];
    expect({ node: p.node, replaced: p.replaced, epoch: p.epoch, slots: formatRanges(p.slots), via: p.via, at: iso(p.at) }).toEqual({
      node: D,
      replaced: A,
      epoch: 7,
      slots: '0-5460',
      via: 'election',
      at: iso(sec(13.215)),
    });
  });

  it('bounds the fault between the last sign of life and the replica losing its link', () => {
    const eps = trace.episodes.filter((e) => e.node === A);
    expect(eps).toHaveLength(1);
    expect(eps[0]).toMatchObject({ kind: 'stopped', start: sec(10.001), startBounds: [sec(9.5), sec(10.001)], startFrom: 'link-lost', end: sec(20), endFrom: 'restart' });
  });

  it('holds slot ownership as ranges, handing 0-5460 from A to D at the win', () => {
    const own = trace.ownership.filter((o) => formatRanges(o.slots) === '0-5460').map((o) => [o.owner, o.epoch, iso(o.start), iso(o.end)]);
    expect(own).toEqual([
      [A, 1, iso(sec(5)), iso(sec(13.215))],
      [D, 7, iso(sec(13.215)), null],
    ]);
  });

  it('draws role lanes: A master, down, then D’s replica; D replica then master', () => {
    const lane = (n: string) => trace.roles.filter((r) => r.node === n).map((r) => [r.role, r.masterId ?? null, iso(r.start)]);
    expect(lane(A)).toEqual([
      ['master', null, iso(sec(5))],
      ['down', null, iso(sec(10.001))],
      ['master', null, iso(sec(20))],
      ['replica', D, iso(sec(20.2))],
    ]);
    expect(lane(D)).toEqual([
      ['replica', A, iso(sec(5))],
      ['master', null, iso(sec(13.215))],
    ]);
  });

  it('keeps each node’s belief about cluster_state', () => {
    const st = trace.states.filter((s) => s.node === B).map((s) => [s.state, iso(s.start), iso(s.end)]);
    expect(st).toEqual([
      ['fail', iso(sec(12.501)), iso(sec(13.3))],
      ['ok', iso(sec(13.3)), null],
    ]);
  });

  it('records the election attempt with rank, offset and votes', () => {
    expect(trace.elections).toHaveLength(1);
    expect(trace.elections[0]).toMatchObject({ candidate: D, master: A, kind: 'automatic', rank: 0, offset: 1000, epoch: 7, outcome: 'won' });
    expect(trace.votes.map((v) => [v.voter, v.candidate, v.granted, v.epoch])).toEqual([
      [B, D, true, 7],
      [C, D, true, 7],
    ]);
  });

  it('is pure: same trace twice, input untouched', () => {
    const input = masterKilled();
    const before = JSON.stringify(input);
    const a = replayCluster(input, { nodeTimeoutMs: 2000 });
    const b = replayCluster(input, { nodeTimeoutMs: 2000 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(input)).toBe(before);
  });
});

/** The timeline stage settles the writers of unbound lines (timeline/resolve.ts); the replay runs on its result. */
const resolvedReplay = (c: ClusterTimeline) => replayResolved(resolveTimeline(timelineOf(c)).clusters[0]);

describe('identity of unbound lines (timeline stage), then the replay', () => {
  it('attributes a pasted replica log without "I\'m" line to the one node it fits (seed case 2)', () => {
    const src = { source: 'doc.md' };
    const events = [
      ev(sec(10), null, 'repl.link-lost', {}, { ...src, role: 'S', pid: 1 }),
      ev(sec(10.001), null, 'repl.connecting', { address: ADDR[A] }, { ...src, role: 'S', pid: 1 }),
      ev(sec(15), null, 'election.won', {}, { ...src, role: 'S', pid: 1 }),
      ev(sec(15.001), null, 'cluster.state', { state: 'ok' }, { ...src, role: 'M', pid: 1 }),
    ];
    const after = nodesSnap(
      sec(30),
      `
${B} 127.0.0.1:7001@17001 myself,master - 0 0 2 connected 5461-10922
${D} 127.0.0.1:7003@17003 master - 0 ${sec(29)} 7 connected 0-5460
${A} 127.0.0.1:7000@17000 master,fail - ${sec(9)} ${sec(9)} 1 disconnected
`,
    );
    const back = nodesSnap(
      sec(60),
      `
${B} 127.0.0.1:7001@17001 myself,master - 0 0 2 connected 5461-10922
${D} 127.0.0.1:7003@17003 master - 0 ${sec(59)} 7 connected 0-5460
${A} 127.0.0.1:7000@17000 slave ${D} 0 ${sec(59)} 7 connected
`,
    );
    const trace = resolvedReplay(clusterOf(events, [after, back], ADDR));
    expect(trace.notes.map((n) => [n.kind, n.node])).toEqual([
      ['identity-inferred', D],
      ['ownership-inferred', D],
    ]);
    expect(trace.promotions.map((p) => [p.node, p.replaced, p.epoch, formatRanges(p.slots), iso(p.at)])).toEqual([[D, A, 7, '0-5460', iso(sec(15))]]);
    // Before the win, A owned the slots (inferred backwards from the later view).
    expect(trace.ownership.filter((o) => o.owner === A).map((o) => [formatRanges(o.slots), iso(o.end), o.inferred])).toEqual([['0-5460', iso(sec(15)), true]]);
  });

  it('re-attributes lines that cannot be the bound node’s own (a FAIL about itself)', () => {
    const x = nid('1');
    const y = nid('2');
    const z = nid('3');
    const src = { source: 'doc.md', pid: 1, role: 'M' as const };
    const events = [
      ev(sec(20), z, 'cluster.fail-received', { sender: y, subject: z }, src),
      ev(sec(20.001), z, 'cluster.state', { state: 'fail' }, src),
      ev(sec(100), z, 'node.identity', { subject: z }, src),
    ];
    const view = nodesSnap(
      sec(50),
      `
${x} 127.0.0.1:7001@17001 myself,master - 0 0 1 connected 0-5460
${y} 127.0.0.1:7003@17003 master - 0 ${sec(49)} 3 connected 10923-16383
${z} 127.0.0.1:7002@17002 master,fail - ${sec(15)} ${sec(13)} 2 disconnected 5461-10922
`,
    );
    const trace = resolvedReplay(clusterOf(events, [view]));
    expect(trace.failMarks.find((m) => m.kind === 'received')).toMatchObject({ observer: x, subject: z, sender: y });
    expect(trace.states.find((s) => s.state === 'fail' && s.node === x)).toBeDefined();
    const ep = trace.episodes.find((e) => e.node === z);
    expect(ep).toMatchObject({ startBounds: [sec(13), sec(15)], startFrom: 'last-sign-of-life', end: sec(100), endFrom: 'restart' });
  });
});

describe('replayCluster: manual failover and takeover', () => {
  it('classifies CLUSTER FAILOVER and records the master pausing its clients', () => {
    const ld = { source: 'd.log', pid: 4, role: 'S' as const };
    const la = { source: 'a.log', pid: 1, role: 'M' as const };
    const events = [
      ev(sec(10), D, 'manual.requested', {}, ld),
      ev(sec(10.001), A, 'manual.master-paused', { subject: D }, la),
      ev(sec(10.002), D, 'manual.offset', { offset: 500 }, ld),
      ev(sec(10.002), D, 'manual.ready', {}, ld),
      ev(sec(10.003), D, 'election.delayed', { delayMs: 0, rank: 0, offset: 500 }, ld),
      ev(sec(10.003), D, 'election.started', { epoch: 8 }, ld),
      ev(sec(10.006), D, 'election.won', {}, ld),
      ev(sec(10.02), A, 'role.replica-of', { subject: D }, la),
    ];
    const trace = replayCluster(clusterOf(events, [healthyView(sec(5))], ADDR));
    expect(trace.elections[0].kind).toBe('manual');
    expect(trace.manuals[0]).toMatchObject({ kind: 'manual', replica: D, master: A, requestedAt: sec(10), pausedAt: sec(10.001), masterOffset: 500 });
    expect(trace.demotions).toMatchObject([{ node: A, newMaster: D, hadSlots: false }]);
  });

  it('promotes at once on TAKEOVER and takes the epoch from "New configEpoch set to"', () => {
    const ld = { source: 'd.log', pid: 4, role: 'S' as const };
    const events = [ev(sec(10), D, 'manual.takeover', {}, ld), ev(sec(10), D, 'epoch.bumped', { epoch: 9 }, ld)];
    const trace = replayCluster(clusterOf(events, [healthyView(sec(5))], ADDR));
    expect(trace.promotions).toMatchObject([{ node: D, replaced: A, via: 'takeover', epoch: 9 }]);
    expect(trace.ownership.find((o) => o.owner === D)).toMatchObject({ epoch: 9, start: sec(10) });
  });
});
