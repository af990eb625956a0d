// Regressions found by `failscope drill` pausing the same shard back and forth (DEBUG SLEEP), with the
// logs holding every earlier drill and the snapshots only the last one.
import { describe, expect, it } from 'vitest';
import { analyzeTimeline } from '../../src/pipeline.ts';
import { clusterOf, ev, nodesSnap, sec, timelineOf } from '../helpers/hand-timeline.ts';
import { A, ADDR, B, C, D } from '../helpers/scenarios.ts';

const la = { source: 'a.log', pid: 1 };
const ld = { source: 'd.log', pid: 4 };
const S = { role: 'S' as const };
const M = { role: 'M' as const };

/** A paused (A), D elected; then D paused, A elected back; snapshots only after both. */
function pingPong() {
  const events = [
    ev(sec(1), A, 'cluster.state', { state: 'ok' }, { ...la, ...M }),
    ev(sec(1), D, 'repl.connecting', { address: ADDR[A] }, { ...ld, ...S }),
    // A sleeps from ~2 s; D wins at 5 s; A wakes at 6 s and hears the news.
    ev(sec(4.4), D, 'cluster.fail-received', { sender: B, subject: A }, { ...ld, ...S }),
    ev(sec(4.5), D, 'election.delayed', { delayMs: 500, rank: 0, offset: 10 }, { ...ld, ...S }),
    ev(sec(5), D, 'election.started', { epoch: 4 }, { ...ld, ...S }),
    ev(sec(5.002), D, 'election.won', {}, { ...ld, ...S }),
    ev(sec(6), A, 'master.replica-lost', { address: ADDR[D] }, { ...la, ...M }),
    ev(sec(6.002), A, 'role.replica-of', { subject: D }, { ...la, ...M }),
    ev(sec(6.003), A, 'repl.connecting', { address: ADDR[D] }, { ...la, ...S }),
    // D sleeps from ~7 s; A wins at 10 s; D wakes at 11 s.
    ev(sec(9.4), A, 'cluster.fail-received', { sender: B, subject: D }, { ...la, ...S }),
    ev(sec(9.5), A, 'election.delayed', { delayMs: 500, rank: 0, offset: 20 }, { ...la, ...S }),
    ev(sec(10), A, 'election.started', { epoch: 5 }, { ...la, ...S }),
    ev(sec(10.002), A, 'election.won', {}, { ...la, ...S }),
    ev(sec(10.003), A, 'cluster.state', { state: 'ok' }, { ...la, ...M }),
    ev(sec(11), D, 'role.replica-of', { subject: A }, { ...ld, ...M }),
  ];
  const view = (at: number) =>
    nodesSnap(
      at,
      `
${A} 127.0.0.1:7000@17000 master - 0 ${at - 100} 5 connected 0-5460
${B} 127.0.0.1:7001@17001 myself,master - 0 0 2 connected 5461-10922
${C} 127.0.0.1:7002@17002 master - 0 ${at - 100} 3 connected 10923-16383
${D} 127.0.0.1:7003@17003 slave ${A} 0 ${at - 100} 5 connected
`,
    );
  return timelineOf(clusterOf(events, [view(sec(12)), view(sec(13))], ADDR));
}

describe('regressions', () => {
  it('a master whose role only its replica-of line tells is still demoted; no split brain beyond the moment it hears', () => {
    const a = analyzeTimeline(pingPong());
    expect(a.failovers.map((f) => [f.oldMaster, f.newMaster, f.slots])).toEqual([
      [A, D, '0-5460'],
      [D, A, '0-5460'],
    ]);
    expect(a.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('slots of chained promotions are known though only the last owner is ever seen in a snapshot', () => {
    const c = analyzeTimeline(pingPong()).clusters[0];
    expect(
      c.ownership.filter((o) => o.slots === '0-5460').map((o) => [o.owner, o.start.slice(17, 23), o.end?.slice(17, 23) ?? null]),
    ).toEqual([
      [A, '01.000', '05.002'],
      [D, '05.002', '10.002'],
      [A, '10.002', null],
    ]);
  });

  it('one late reply of a resumed master, from its old view, is not a split brain', () => {
    const view = (at: number, me: string, aRole: string) =>
      nodesSnap(
        at,
        me === A
          ? `${A} 127.0.0.1:7000@17000 myself,${aRole} 0 0 1 connected${aRole === 'master' ? ' 0-5460' : ''}\n${D} 127.0.0.1:7003@17003 master - 0 ${at} 4 connected 0-5460`
          : `${D} 127.0.0.1:7003@17003 myself,master - 0 0 4 connected 0-5460\n${A} 127.0.0.1:7000@17000 master,fail - 0 ${sec(2)} 1 disconnected 0-5460`,
      );
    const snaps = [
      view(sec(5.2), D, ''),
      view(sec(5.7), D, ''),
      view(sec(6.0), A, 'master'),
      view(sec(6.2), D, ''),
      view(sec(6.3), A, 'slave'),
      view(sec(6.7), D, ''),
      view(sec(7.2), D, ''),
    ];
    const a = analyzeTimeline(timelineOf(clusterOf([], snaps, ADDR)));
    expect(a.findings.filter((f) => f.rule === 'split-brain' && f.severity === 'error')).toEqual([]);
  });
});
