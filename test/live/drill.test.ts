// `failscope drill` against a real 3 masters + 3 replicas cluster of redis-server on 127.0.0.1, 6 free ports
// found at run time (and their bus ports; FAILSCOPE_TEST_DRILL_PORT pins the base), node timeout 1000 ms: every fault
// kind runs, the cluster recovers, and the analysis of the capture agrees with the probe within issue #4's
// tolerances (400 ms per failover's unavailable time, 300 ms of cluster outage).
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { drillCommand, type DrillOptions, type DrillSummary } from '../../src/commands/drill.ts';
import { waitFor } from '../../src/live/local-cluster.ts';
import { DRILL_NODE_TIMEOUT, drillCluster } from '../helpers/drill-cluster.ts';
import type { AnalysisV1 } from '../../src/model/analysis.ts';
import type { DrillTruth } from '../../src/live/truth.ts';

// A free block chosen at run time (test/helpers/ports.ts); FAILSCOPE_TEST_DRILL_PORT pins it.
const { dir, ports, cluster, masterOf } = await drillCluster('failscope-drill-test-', process.env.FAILSCOPE_TEST_DRILL_PORT);
const NODE_TIMEOUT = DRILL_NODE_TIMEOUT;

describe('drill against a real cluster', () => {
  async function drill(name: string, opts: Partial<DrillOptions> & Pick<DrillOptions, 'fault' | 'target'>) {
    const out = path.join(dir, name);
    const lines: string[] = [];
    const r = await drillCommand({
      seed: `127.0.0.1:${cluster.runningPorts()[0]}`,
      out,
      logs: ports.map((p) => cluster.logPath(p)),
      format: 'json',
      interval: '250ms',
      recoveryTimeout: '30s',
      progress: (l) => lines.push(l),
      ...opts,
    });
    // text and markdown runs also write drill.json: the same summary the JSON output carries.
    const summary = JSON.parse(readFileSync(path.join(out, 'drill.json'), 'utf8')) as DrillSummary;
    const doc = (opts.format && opts.format !== 'json' ? { drill: summary } : JSON.parse(r.stdout)) as AnalysisV1 & { drill: DrillSummary };
    if (!opts.format || opts.format === 'json') expect(doc.drill).toEqual(summary);
    const truth = JSON.parse(readFileSync(path.join(out, 'truth.json'), 'utf8')) as DrillTruth;
    const why = `${lines.join('\n')}\n${JSON.stringify(doc.drill.comparison, null, 2)}\nreasons: ${doc.drill.reasons.join('; ')}`;
    if (process.env.FAILSCOPE_TEST_VERBOSE) console.log(`${name}: exit ${r.exitCode}\n${why}\n${JSON.stringify(doc.drill.faultMoments)}`);
    return { r, doc, s: doc.drill, truth, lines, why, out };
  }

  /** Every failover the drill compared agrees (or is inside the analysis' own bounds), and so does the outage. */
  function expectAgreement(s: DrillSummary, why: string, kind: string) {
    expect(s.comparison.ok, why).toBe(true);
    expect(
      s.comparison.failovers.map((f) => f.kind),
      why,
    ).toEqual([kind]);
    for (const f of s.comparison.failovers) expect(f.diffMs, why).toBeLessThanOrEqual(400);
    expect(s.comparison.clusterOutage.diffMs, why).toBeLessThanOrEqual(300);
    expect(
      s.comparison.checks.every((c) => c.ok),
      why,
    ).toBe(true);
    // The drill knows when it sent the fault: the analysis' bounds of the fault moment must hold it.
    expect(s.faultMoments, why).toHaveLength(1);
    for (const m of s.faultMoments) {
      expect(m.withinBounds, JSON.stringify(m)).toBe(true);
      expect(Math.abs(m.offByMs), JSON.stringify(m)).toBeLessThanOrEqual(400);
    }
  }

  it('failover: CLUSTER FAILOVER on the replica; said before done; capture + truth written; analysis agrees', async () => {
    const master = await masterOf(6000);
    const { r, s, doc, truth, lines, why, out } = await drill('failover', { fault: 'failover', target: `127.0.0.1:${master}` });
    expect(r.exitCode, why).toBe(0);
    // The plan comes first, before the fault is sent.
    expect(lines[0]).toMatch(/^drill: failover of 127\.0\.0\.1:\d+ \(/);
    const faultLine = lines.findIndex((l) => l.includes('CLUSTER FAILOVER →'));
    expect(faultLine).toBeGreaterThan(lines.findIndex((l) => l.includes('3. after a healthy baseline: CLUSTER FAILOVER on')));
    expect(s.recovered).toBe(true);
    expect(truth.actions).toHaveLength(1);
    expect(truth.actions[0].action).toBe('CLUSTER FAILOVER');
    expect(truth.probe.ranges.map((x) => x.slots)).toEqual(['0-5460', '5461-10922', '10923-16383']);
    for (const p of ports) expect(existsSync(path.join(out, `snapshots-${p}.txt`)), `snapshots-${p}.txt`).toBe(true);
    expect(readFileSync(path.join(out, `snapshots-${master}.txt`), 'utf8')).toContain('# Replication\r\nrole:master');
    expectAgreement(s, why, 'manual');
    expect(await masterOf(6000)).not.toBe(master);
    // issue #17: the probe's keys are deleted when the drill ends (every master, every key it wrote).
    for (const p of cluster.runningPorts()) expect(await cluster.call(p, 'KEYS', 'failscope:probe:*'), `keys left on ${p}`).toEqual([]);
    // No --node-timeout was given: the analysis takes it from the CONFIG GET reply in the capture.
    expect(doc.nodeTimeout).toEqual({ ms: NODE_TIMEOUT, from: 'config-get' });
  }, 60_000);

  it('takeover: CLUSTER FAILOVER TAKEOVER', async () => {
    const master = await masterOf(0);
    const { r, s, why, lines } = await drill('takeover', { fault: 'takeover', target: `127.0.0.1:${master}`, format: 'text' });
    expect(r.exitCode, why).toBe(0);
    // Text: the plan, the analysis as `analyze` prints it, the comparison, the outcome.
    expect(r.stdout).toMatch(/^drill: takeover of 127\.0\.0\.1:\d+ \(/);
    expect(r.stdout).toContain('\nAnalysis vs probe (tolerance: unavailable 400 ms, cluster outage 300 ms)\n');
    expect(r.stdout).toMatch(/ok {3}takeover failover 127\.0\.0\.1:\d+ → 127\.0\.0\.1:\d+ \(0-5460\)/);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('DRILL PASSED');
    // issue #17: the plan went to the progress lines once; the result names the drill in one line.
    expect(lines.filter((l) => l.startsWith('  1. capture CLUSTER NODES'))).toHaveLength(1);
    expect(r.stdout).not.toContain('  1. capture CLUSTER NODES');
    expect(r.stdout).toContain(`\nNode timeout: ${NODE_TIMEOUT} ms (from CONFIG GET)\n`);
    expect(r.stdout).not.toContain('(from --node-timeout)');
    // The logs hold the failover drill before this one: reported apart, not judged.
    expect(
      s.olderHistory.failovers.map((f) => f.kind),
      why,
    ).toEqual(['manual']);
    expect(r.stdout).toMatch(
      /\nOlder history in the inputs \(before \S+Z, not judged by this drill\): \d+ errors?, \d+ warnings?, 1 failover/,
    );
    expect(r.stdout).toMatch(/^Verdict: PASS /m);
    expectAgreement(s, why, 'takeover');
    expect(await masterOf(0)).not.toBe(master);
  }, 60_000);

  it('force: CLUSTER FAILOVER FORCE, target given as a node id prefix', async () => {
    const master = await masterOf(12000);
    const id = await cluster.myId(master);
    const { r, s, why } = await drill('force', { fault: 'force', target: id.slice(0, 10), format: 'markdown' });
    expect(r.stdout).toMatch(/^# Drill: force of 127\.0\.0\.1:\d+\n/);
    expect(r.stdout).toContain('\n## Analysis vs probe\n');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('**DRILL PASSED**');
    expect(s.target).toBe(`127.0.0.1:${master}`);
    expect(r.exitCode, why).toBe(0);
    expectAgreement(s, why, 'force');
    expect(await masterOf(12000)).not.toBe(master);
  }, 60_000);

  it('pause: DEBUG SLEEP longer than the node timeout; the replica takes over, the old master rejoins as replica', async () => {
    await cluster.waitHealthy();
    const master = await masterOf(6000);
    const { r, s, why } = await drill('pause', { fault: 'pause', target: `127.0.0.1:${master}`, pauseMs: 3 * NODE_TIMEOUT });
    expect(r.exitCode, why).toBe(0);
    expect(s.command).toBe('DEBUG SLEEP 3.000');
    expectAgreement(s, why, 'automatic');
    expect(s.comparison.failovers[0].probeMs, why).toBeGreaterThan(NODE_TIMEOUT);
    expect(await cluster.roleOf(master)).toBe('replica');
  }, 60_000);

  it('segfault: DEBUG SEGFAULT of a master; its replica is promoted; the report and expectations are written and judged', async () => {
    await cluster.waitHealthy();
    const master = await masterOf(0);
    const expectFile = path.join(dir, 'segfault.expect.json');
    // The logs hold the earlier drills too; the expectations judge this drill's own window (issue #17).
    writeFileSync(
      expectFile,
      JSON.stringify({
        failovers: { count: { min: 1, max: 1 } },
        rules: { required: ['failover.completed', 'node.crashed'] },
        mustNotEndAsMaster: [{ node: `127.0.0.1:${master}` }],
      }),
    );
    const report = path.join(dir, 'segfault.html');
    try {
      const { r, s, why } = await drill('segfault', { fault: 'segfault', target: `127.0.0.1:${master}`, report, expect: expectFile });
      expect(s.recovered, why).toBe(true);
      expectAgreement(s, why, 'automatic');
      expect(s.expectations?.status, why).toBe('pass');
      expect(s.olderHistory.failovers.length, why).toBe(4);
      expect(readFileSync(report, 'utf8')).toMatch(/^<!DOCTYPE html>/i);
      expect(r.exitCode, why).toBe(s.errorsDuringDrill.length === 0 ? 0 : 1);
      expect(cluster.isRunning(master)).toBe(false);
      expect(await masterOf(0)).not.toBe(master);
    } finally {
      // The supervisor's part: bring the crashed node back (it rejoins as a replica).
      if (!cluster.isRunning(master)) {
        await cluster.startNode(master);
        await waitFor(
          'the restarted node to become a replica',
          async () => ((await cluster.roleOf(master)) === 'replica' ? true : undefined),
          { timeoutMs: 20_000 },
        );
      }
    }
  }, 90_000);
});
