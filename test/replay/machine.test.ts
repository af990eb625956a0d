import { describe, expect, it } from 'vitest';
import { formatRanges } from '../../src/model/slots.ts';
import type { ClusterTimeline } from '../../src/model/timeline.ts';
import { replayResolved } from '../../src/pipeline.ts';
import { resolveTimeline } from '../../src/timeline/index.ts';
import { clusterOf, ev, nid, nodesSnap, sec, timelineOf } from '../helpers/hand-timeline.ts';
import { A, ADDR, B, C, D, E, healthyView, masterKilled } from '../helpers/scenarios.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('replayCluster: a master killed and replaced by its replica', () => {
  const trace = resolvedReplay(masterKilled(), { nodeTimeoutMs: 2000 });

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
    expect(eps[0]).toMatchObject({
      kind: 'stopped',
      start: sec(10.001),
      startBounds: [sec(9.5), sec(10.001)],
      startFrom: 'link-lost',
      end: sec(20),
      endFrom: 'restart',
    });
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
    expect(trace.elections[0]).toMatchObject({
      candidate: D,
      master: A,
      kind: 'automatic',
      rank: 0,
      offset: 1000,
      epoch: 7,
      outcome: 'won',
    });
    expect(trace.votes.map((v) => [v.voter, v.candidate, v.granted, v.epoch])).toEqual([
      [B, D, true, 7],
      [C, D, true, 7],
    ]);
  });

  it('is pure: same trace twice, input untouched', () => {
    const input = masterKilled();
    const before = JSON.stringify(input);
    const a = resolvedReplay(input, { nodeTimeoutMs: 2000 });
    const b = resolvedReplay(input, { nodeTimeoutMs: 2000 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(input)).toBe(before);
  });
});

/** The timeline stage settles the writers of unbound lines (timeline/resolve.ts); the replay runs on its result. */
/** The timeline stage (identity, clocks, addresses), then the replay: what pipeline.ts does per cluster. */
const resolvedReplay = (c: ClusterTimeline, opts: { nodeTimeoutMs?: number } = {}) =>
  replayResolved(resolveTimeline(timelineOf(c), opts).clusters[0]);

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
    expect(trace.promotions.map((p) => [p.node, p.replaced, p.epoch, formatRanges(p.slots), iso(p.at)])).toEqual([
      [D, A, 7, '0-5460', iso(sec(15))],
    ]);
    // Before the win, A owned the slots (inferred backwards from the later view).
    expect(trace.ownership.filter((o) => o.owner === A).map((o) => [formatRanges(o.slots), iso(o.end), o.inferred])).toEqual([
      ['0-5460', iso(sec(15)), true],
    ]);
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
    const trace = resolvedReplay(clusterOf(events, [healthyView(sec(5))], ADDR));
    expect(trace.elections[0].kind).toBe('manual');
    expect(trace.manuals[0]).toMatchObject({
      kind: 'manual',
      replica: D,
      master: A,
      requestedAt: sec(10),
      pausedAt: sec(10.001),
      masterOffset: 500,
    });
    expect(trace.demotions).toMatchObject([{ node: A, newMaster: D, hadSlots: false }]);
  });

  it('promotes at once on TAKEOVER and takes the epoch from "New configEpoch set to"', () => {
    const ld = { source: 'd.log', pid: 4, role: 'S' as const };
    const events = [ev(sec(10), D, 'manual.takeover', {}, ld), ev(sec(10), D, 'epoch.bumped', { epoch: 9 }, ld)];
    const trace = resolvedReplay(clusterOf(events, [healthyView(sec(5))], ADDR));
    expect(trace.promotions).toMatchObject([{ node: D, replaced: A, via: 'takeover', epoch: 9 }]);
    expect(trace.ownership.find((o) => o.owner === D)).toMatchObject({ epoch: 9, start: sec(10) });
  });

  // Logs only, no address known: D's election names no master; A's own line later names it.
  const forced = (tail: ReturnType<typeof ev>[]) => {
    const ld = { source: 'd.log', pid: 4, role: 'S' as const };
    const lm = { source: 'd.log', pid: 4, role: 'M' as const };
    return [
      ev(sec(10), D, 'manual.force', {}, ld),
      ev(sec(10.003), D, 'election.delayed', { delayMs: 0, rank: 0, offset: 500 }, ld),
      ev(sec(10.1), D, 'election.started', { epoch: 8 }, ld),
      ev(sec(10.11), D, 'election.won', {}, ld),
      ev(sec(10.2), D, 'repl.link-lost', {}, lm),
      ...tail,
    ];
  };

  it('names the old master of a forced failover from its own "Reconfiguring myself as a replica of" line', () => {
    const la = { source: 'a.log', pid: 1, role: 'M' as const };
    const trace = resolvedReplay(
      clusterOf(forced([ev(sec(5), A, 'cluster.state', { state: 'ok' }, la), ev(sec(16), A, 'role.replica-of', { subject: D }, la)])),
    );
    expect(trace.promotions.map((p) => [p.node, p.replaced, p.at, p.via])).toEqual([[D, A, sec(10.11), 'election']]);
    expect(trace.demotions).toMatchObject([{ node: A, newMaster: D }]);
  });

  it('names it from a bystander\'s valkey 8 "primary without slots" clear', () => {
    const lb = { source: 'b.log', pid: 2, role: 'M' as const };
    const trace = resolvedReplay(
      clusterOf(
        forced([
          ev(sec(13), B, 'cluster.fail-received', { subject: A, sender: C }, lb),
          ev(sec(16), B, 'cluster.fail-cleared', { subject: A, reason: 'primary without slots' }, lb),
        ]),
      ),
    );
    expect(trace.promotions.map((p) => [p.node, p.replaced, p.at])).toEqual([[D, A, sec(10.11)]]);
  });

  it('does not take a replica following its master to the winner for the old master', () => {
    const lc = { source: 'c.log', pid: 3, role: 'S' as const };
    const trace = resolvedReplay(
      clusterOf(forced([ev(sec(5), C, 'repl.connecting', {}, lc), ev(sec(16), C, 'role.replica-of', { subject: D }, lc)])),
    );
    expect(trace.promotions.map((p) => [p.node, p.replaced])).toEqual([[D, null]]);
  });
});

describe('replayCluster: "A failover occurred in shard" (redis 7.4 / valkey 8)', () => {
  it('names the old master of a manual failover whose master was known only by address, without a second failover', () => {
    // The winner's own log: no FAIL, no snapshot; its master is "Connecting to PRIMARY 127.0.0.1:7000".
    const ld = { source: 'd.log', pid: 4, role: 'S' as const };
    const events = [
      ev(sec(5), D, 'repl.connecting', { address: '127.0.0.1:7000' }, ld),
      ev(sec(10), D, 'manual.requested', {}, ld),
      ev(sec(10.003), D, 'election.started', { epoch: 4 }, ld),
      ev(sec(10.006), D, 'election.won', {}, ld),
      ev(sec(10.006), D, 'epoch.set', { epoch: 4 }, { ...ld, text: 'configEpoch set to 4 after successful failover' }),
      ev(sec(11), D, 'cluster.failover-seen', { sender: A, subject: D, epoch: 4 }, { ...ld, role: 'M' }),
    ];
    const trace = resolvedReplay(clusterOf(events));
    expect(trace.promotions.map((p) => [p.node, p.replaced, p.via, p.epoch, iso(p.at)])).toEqual([[D, A, 'election', 4, iso(sec(10.006))]]);
  });

  it('takes a voter’s grant after it saw the old master FAIL as the (automatic) moment, not the later line', () => {
    const lb = { source: 'b.log', pid: 2, role: 'M' as const };
    const events = [
      ev(sec(10), B, 'cluster.fail-received', { sender: C, subject: A }, lb),
      ev(sec(10.7), B, 'vote.granted', { subject: D, epoch: 4 }, lb),
      ev(sec(13), B, 'cluster.failover-seen', { sender: A, subject: D, epoch: 4 }, lb),
    ];
    const trace = resolvedReplay(clusterOf(events));
    expect(trace.promotions.map((p) => [p.node, p.replaced, p.kind ?? null, p.epoch, iso(p.at)])).toEqual([
      [D, A, 'automatic', 4, iso(sec(10.7))],
    ]);
  });

  it('leaves the kind open when the voter had not flagged the old master FAIL (a FORCEACK vote)', () => {
    const lb = { source: 'b.log', pid: 2, role: 'M' as const };
    const events = [
      ev(sec(10.7), B, 'vote.granted', { subject: D, epoch: 4 }, lb),
      ev(sec(13), B, 'cluster.failover-seen', { sender: A, subject: D, epoch: 4 }, lb),
    ];
    const trace = resolvedReplay(clusterOf(events));
    expect(trace.promotions.map((p) => [p.node, p.replaced, p.kind ?? null, iso(p.at)])).toEqual([[D, A, null, iso(sec(10.7))]]);
  });
});

describe('replayCluster: the writer of a log without its "I\'m" line, named by its own lines', () => {
  const writer = 'writer:d.log';
  const ld = { source: 'd.log', pid: 4, role: 'S' as const };
  const won = [
    ev(sec(10.003), writer, 'election.started', { epoch: 4 }, ld),
    ev(sec(10.006), writer, 'election.won', {}, ld),
    ev(sec(10.006), writer, 'epoch.set', { epoch: 4 }, { ...ld, text: 'configEpoch set to 4 after successful failover' }),
  ];

  it('is the node a failover line gives the config epoch the writer just won', () => {
    const events = [...won, ev(sec(11), writer, 'cluster.failover-seen', { sender: A, subject: D, epoch: 4 }, { ...ld, role: 'M' })];
    const trace = resolvedReplay(clusterOf(events));
    expect(trace.notes.filter((n) => n.kind === 'identity-inferred').map((n) => n.node)).toEqual([D]);
    expect(trace.promotions.map((p) => [p.node, p.replaced])).toEqual([[D, A]]);
  });

  it('is not pinned by a failover line with another epoch (a bystander’s view of someone else)', () => {
    const events = [...won, ev(sec(11), writer, 'cluster.failover-seen', { sender: B, subject: E, epoch: 5 }, { ...ld, role: 'M' })];
    const trace = resolvedReplay(clusterOf(events));
    expect(trace.notes.filter((n) => n.kind === 'identity-inferred')).toEqual([]);
    expect(trace.promotions.map((p) => p.node).sort()).toEqual([E, writer].sort());
  });

  it('is the `myself` entry of its crash report', () => {
    const la = { source: 'a.log', pid: 1, role: 'M' as const };
    const events = [
      ev(sec(5), 'writer:a.log', 'cluster.state', { state: 'ok' }, la),
      ev(sec(10), 'writer:a.log', 'server.crash', { signal: 11, self: A }, la),
    ];
    const trace = resolvedReplay(clusterOf(events));
    expect(trace.notes.filter((n) => n.kind === 'identity-inferred').map((n) => n.node)).toEqual([A]);
    expect(trace.lifecycle.filter((l) => l.kind === 'crash').map((l) => l.node)).toEqual([A]);
  });
});

describe('replayCluster: valkey "Setting myself to primary … my old primary is <id>"', () => {
  it('names the master the winner replaced when it knew that master only by address', () => {
    const ld = { source: 'd.log', pid: 4, role: 'S' as const };
    const events = [
      ev(sec(5), D, 'repl.connecting', { address: '127.0.0.1:7000' }, ld),
      ev(sec(10), D, 'manual.requested', {}, ld),
      ev(sec(10.003), D, 'election.started', { epoch: 4 }, ld),
      ev(sec(10.006), D, 'election.won', {}, ld),
      ev(sec(10.006), D, 'role.master', { subject: A }, ld),
    ];
    const trace = resolvedReplay(clusterOf(events));
    expect(trace.promotions.map((p) => [p.node, p.replaced, p.via])).toEqual([[D, A, 'election']]);
  });
});

describe('replayCluster: a replica whose master no line names', () => {
  const R = nid('7');
  const X = nid('8');
  const Y = nid('9');
  // One replica's log: its master at 127.0.0.1:7000 refuses from 5 s until it answers a sync at 15 s.
  const replicaLog = () => [
    ev(sec(1), R, 'repl.connecting', { address: '127.0.0.1:7000' }, { role: 'S' }),
    ev(sec(1.01), R, 'repl.full', { offset: 0 }, { role: 'S' }),
    ev(sec(5), R, 'repl.link-lost', {}, { role: 'S' }),
    ev(sec(5), R, 'repl.connecting', { address: '127.0.0.1:7000' }, { role: 'S' }),
    ev(sec(5.001), R, 'repl.sync-error', { reason: 'Connection refused' }, { role: 'S' }),
    ev(sec(10), R, 'repl.connecting', { address: '127.0.0.1:7000' }, { role: 'S' }),
    ev(sec(10.001), R, 'repl.sync-error', { reason: 'Connection refused' }, { role: 'S' }),
    ev(sec(15), R, 'repl.connecting', { address: '127.0.0.1:7000' }, { role: 'S' }),
    ev(sec(15.002), R, 'repl.full', { offset: 0 }, { role: 'S' }),
  ];

  it('is a master known by its address, down from the refused link until it answers a sync', () => {
    const trace = resolvedReplay(clusterOf(replicaLog()), { nodeTimeoutMs: 2000 });
    const m = 'master-at:127.0.0.1:7000';
    expect(trace.nodes.map((n) => n.id)).toEqual([R, m].sort());
    expect(trace.roles.filter((r) => r.node === R).at(-1)).toMatchObject({ role: 'replica', masterId: m });
    expect(trace.episodes.filter((e) => e.node === m).map((e) => [e.start, e.end])).toEqual([[sec(5), sec(15.002)]]);
  });

  it('is the node seen at bus port +10000 when exactly one is', () => {
    const bus = (at: number, id: string) =>
      ev(
        sec(at),
        R,
        'cluster.bus-connect-failed',
        { subject: id, address: '127.0.0.1:17000', reason: 'Connection refused' },
        { role: 'S' },
      );
    // The timeline makes a node of every id a line names (timeline/clusters.ts); the hand timeline does not.
    const named = (events: ReturnType<typeof replicaLog>, ids: string[]) => {
      const c = clusterOf(events);
      return { ...c, nodes: [...c.nodes, ...ids.map((id) => ({ id, addresses: [], sources: [] }))] };
    };
    const trace = resolvedReplay(named([...replicaLog(), bus(6, X)], [X]), { nodeTimeoutMs: 2000 });
    expect(trace.nodes.map((n) => n.id)).toEqual([R, X].sort());
    expect(trace.nodes.find((n) => n.id === X)?.addresses).toEqual(['127.0.0.1:7000']);
    expect(trace.notes.some((n) => n.kind === 'identity-inferred' && n.node === X)).toBe(true);
    // Two nodes at that bus address: neither is bound; the master is known by its address only.
    const two = resolvedReplay(named([...replicaLog(), bus(6, X), bus(7, Y)], [X, Y]), { nodeTimeoutMs: 2000 });
    expect(two.nodes.map((n) => n.id)).toEqual([R, X, Y, 'master-at:127.0.0.1:7000'].sort());
    expect(two.nodes.filter((n) => n.id === X || n.id === Y).every((n) => n.addresses.length === 0)).toBe(true);
  });
});

describe('replayCluster: every node has its log, none prints its host', () => {
  const M = nid('5');
  const R = nid('6');
  const logs = (masterPort: number) => [
    ev(sec(0), M, 'server.mode', { port: masterPort }, { role: 'M' }),
    ev(sec(0), R, 'server.mode', { port: 7003 }, { role: 'M' }),
    ev(sec(1), R, 'repl.connecting', { address: '127.0.0.1:7000' }, { role: 'S' }),
    ev(sec(1.01), R, 'repl.full', { offset: 0 }, { role: 'S' }),
  ];

  it("a replica's master is the one node listening on the port it connects to", () => {
    const trace = resolvedReplay(clusterOf(logs(7000)), { nodeTimeoutMs: 2000 });
    expect(trace.roles.filter((r) => r.node === R).at(-1)).toMatchObject({ role: 'replica', masterId: M });
    expect(trace.nodes.find((n) => n.id === M)?.addresses).toEqual(['127.0.0.1:7000']);
  });

  it('no node on that port: the master is known by its address only', () => {
    const trace = resolvedReplay(clusterOf(logs(7001)), { nodeTimeoutMs: 2000 });
    expect(trace.roles.filter((r) => r.node === R).at(-1)).toMatchObject({ role: 'replica', masterId: 'master-at:127.0.0.1:7000' });
  });
});
