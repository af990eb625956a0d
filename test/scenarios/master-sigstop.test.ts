// SIGSTOP of master 7001 past the node timeout; 7004 elected; SIGCONT: 7001 reconfigures as its replica.
import { describe, expect, it } from 'vitest';
import { checkAgainstTruth, idOf, loadIncident } from './incident.ts';

describe('incident master-sigstop', () => {
  it('matches the ground truth (no log line marks a SIGSTOP: bounds, not a moment)', async () => {
    const { analysis, truth } = await loadIncident('master-sigstop');
    checkAgainstTruth(analysis, truth, {
      faultLogged: false,
      verdict: 'pass',
      errors: [],
      // The resumed master still believed itself master for a moment before it heard the news.
      warnings: ['cluster.down', 'node.paused', 'split-brain'],
      infos: ['failover.completed', 'node.rejoined-as-replica'],
    });
    const paused = analysis.findings.find((f) => f.rule === 'node.paused');
    expect(paused?.nodes).toEqual([idOf(truth, 7001)]);
    const sb = analysis.findings.find((f) => f.rule === 'split-brain');
    // It resumed at SIGCONT: the window starts no earlier.
    const cont = truth.actions.find((x) => x.action === 'SIGCONT') as { at: string };
    expect(Date.parse(sb?.at as string)).toBeGreaterThanOrEqual(Date.parse(cont.at));
  });
});
