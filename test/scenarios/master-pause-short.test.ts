// DEBUG SLEEP 1 on master 7001: below the node timeout, nothing marked failing, no failover — but its
// clients timed out for about 0.75 s, and the others' CLUSTER NODES views show its pings unanswered.
import { describe, expect, it } from 'vitest';
import { checkAgainstTruth, failuresFor, loadIncident, truthWindow } from './incident.ts';

describe('incident master-pause-short', () => {
  it('matches the ground truth: nothing to fail over', async () => {
    const { analysis, truth } = await loadIncident('master-pause-short');
    checkAgainstTruth(analysis, truth, { faultLogged: false, verdict: 'pass', errors: [], warnings: ['node.unreachable'] });
    expect(analysis.failovers).toEqual([]);
    expect(analysis.findings.filter((f) => f.rule.startsWith('failover.'))).toEqual([]);
  });

  it("reports the paused master's range as unavailable, bracketing what the probe saw", async () => {
    const { analysis, truth } = await loadIncident('master-pause-short');
    const target = truth.actions[0].target.id;
    const probe = truthWindow(failuresFor(truth, '5461-10922')[0]);
    const slots = analysis.outages.filter((o) => o.scope === 'slots');
    expect(slots).toHaveLength(1);
    const [o] = slots;
    expect(o.nodes).toEqual([target]);
    expect(o.slots).toBe('5461-10922');
    // It began no later than the probe's first timeout and ended inside its bounds, which hold the
    // probe's first success after the pause.
    expect(Date.parse(o.start)).toBeLessThanOrEqual(probe.start);
    expect(o.end).toBeNull();
    const [lo, hi] = (o.endBounds ?? []).map((t) => Date.parse(t));
    expect(lo).toBeLessThanOrEqual(probe.end!);
    expect(hi).toBeGreaterThanOrEqual(probe.end!);
    // No other range was touched.
    expect(analysis.outages.filter((o) => o.scope === 'cluster')).toEqual([]);
  });
});
