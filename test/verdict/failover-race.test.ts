// A paused master answers again a moment before its replica's election is won: the election began
// while it was down (FAIL at 12.5 s, election at 13.21 s), so that failover answers the outage — no
// blocked failover beside it. Seen in the snapshots-only pause drill (test/live/drill-snapshots):
// the master resumed 267 ms before the winner took its slots.
import { describe, expect, it } from 'vitest';
import { analyzeTimeline } from '../../src/pipeline.ts';
import { clusterOf, ev, sec, timelineOf } from '../helpers/hand-timeline.ts';
import { A, ADDR, D, healthyView, masterKilled } from '../helpers/scenarios.ts';

function pausedThenRace() {
  const killed = masterKilled();
  const la = { source: 'node-7000.log', pid: 100, role: 'M' as const };
  // The same incident, but A is frozen (its replica's link stays up, no restart) and answers again at
  // 13.1 s, before D wins at 13.215 s.
  const events = killed.events.filter(
    (e) => !(e.node === A && e.at >= sec(20)) && !(e.node === D && e.at < sec(12) && e.kind.startsWith('repl.')),
  );
  events.push(ev(sec(13.1), A, 'log.other', {}, la));
  events.sort((x, y) => x.at - y.at);
  return clusterOf(events, [healthyView(sec(5))], ADDR);
}

describe('a failover won just after the old master answers again', () => {
  it('is the answer to its outage: one failover, no blocked one', () => {
    const a = analyzeTimeline(timelineOf(pausedThenRace()), { nodeTimeoutMs: 2000 });
    expect(a.failovers.map((f) => [f.oldMaster, f.newMaster])).toEqual([[A, D]]);
    expect(a.findings.filter((f) => f.rule.startsWith('failover.blocked.') || f.rule === 'failover.expired').map((f) => f.rule)).toEqual(
      [],
    );
  });
});
