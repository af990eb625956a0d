// issue #12 (snapshots alone): `failscope drill` with no `--logs` analyses only what it captured (CLUSTER
// NODES / CLUSTER INFO / INFO replication every 250 ms, and every 500 ms as by default). On a healthy 3 masters + 3 replicas cluster of
// real redis-server on 127.0.0.1, 6 free ports found at run time (bus +10000; FAILSCOPE_TEST_DRILL_SNAPSHOTS_PORT pins the base),
// node timeout 1000 ms, every fault kind must give DRILL PASSED: the promotion the cluster made (old →
// new, read from the cluster itself by the drill), no invented split-brain or cluster.down error, and the
// kind where snapshots can tell it (a master flagged FAIL before its slots moved: automatic), else
// "unknown" — CLUSTER FAILOVER, TAKEOVER and FORCE on a healthy master look alike in snapshots.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { drillCommand, type DrillSummary } from '../../src/commands/drill.ts';
import { FAULT_KINDS, type FaultKind } from '../../src/live/drill.ts';
import { waitFor } from '../../src/live/local-cluster.ts';
import { DRILL_NODE_TIMEOUT, drillCluster } from '../helpers/drill-cluster.ts';
import type { AnalysisV1 } from '../../src/model/analysis.ts';

const { dir, cluster, masterOf } = await drillCluster('failscope-drill-snapshots-', process.env.FAILSCOPE_TEST_DRILL_SNAPSHOTS_PORT);
const NODE_TIMEOUT = DRILL_NODE_TIMEOUT;

/** What snapshots alone can say about the kind of each fault's failover (see the header). */
const SNAPSHOT_KIND: Record<FaultKind, string> = {
  segfault: 'automatic',
  pause: 'automatic',
  failover: 'unknown',
  takeover: 'unknown',
  force: 'unknown',
};

describe('drill without logs: snapshots alone', () => {
  // Every kind the drill supports, each on a different shard where it can.
  const slotFor: Record<FaultKind, number> = { segfault: 0, pause: 6000, failover: 12000, takeover: 6000, force: 0 };
  // The test interval, and the default one (500 ms) a user gets.
  for (const interval of ['250ms', undefined] as const)
    for (const fault of FAULT_KINDS)
      it(`${fault}, capture every ${interval ?? '500ms (default)'}: DRILL PASSED from the capture alone`, async () => {
        await cluster.waitHealthy();
        const master = await masterOf(slotFor[fault]);
        const out = path.join(dir, `${fault}-${interval ?? 'default'}`);
        const lines: string[] = [];
        try {
          const r = await drillCommand({
            seed: `127.0.0.1:${cluster.runningPorts()[0]}`,
            out,
            fault,
            target: `127.0.0.1:${master}`,
            format: 'json',
            ...(interval ? { interval } : {}),
            recoveryTimeout: '30s',
            ...(fault === 'pause' ? { pauseMs: 3 * NODE_TIMEOUT } : {}),
            progress: (l) => lines.push(l),
          });
          const doc = JSON.parse(r.stdout) as AnalysisV1 & { drill: DrillSummary };
          const s = doc.drill;
          const why = `${lines.join('\n')}\n${JSON.stringify(s.comparison, null, 2)}\nreasons: ${s.reasons.join('; ')}\nfindings: ${doc.findings.map((f) => `${f.severity} ${f.rule}: ${f.message}`).join('\n')}`;
          if (process.env.FAILSCOPE_TEST_VERBOSE)
            console.log(
              `${fault}/${interval ?? 'default'}: ${s.comparison.failovers.map((f) => `${f.kind} ${f.status} ${f.analysisMs}/${f.probeMs} ms`).join(', ')}; outage ${s.comparison.clusterOutage.status} ${s.comparison.clusterOutage.analysisMs}/${s.comparison.clusterOutage.probeMs} ms`,
            );
          expect(s.inputs, why).toEqual([out]);
          expect(r.exitCode, why).toBe(0);
          expect(s.ok, why).toBe(true);
          expect(s.errorsDuringDrill, why).toEqual([]);
          expect(
            doc.findings.filter((f) => f.rule === 'split-brain' || f.rule === 'cluster.down').filter((f) => f.severity === 'error'),
            why,
          ).toEqual([]);
          // The promotion the cluster made, and nothing else.
          expect(
            s.comparison.failovers.map((f) => f.kind),
            why,
          ).toEqual([SNAPSHOT_KIND[fault]]);
          expect(s.comparison.checks.length, why).toBeGreaterThan(0);
          expect(
            s.comparison.checks.every((c) => c.ok),
            why,
          ).toBe(true);
          const truth = JSON.parse(readFileSync(path.join(out, 'truth.json'), 'utf8')) as { nodes: Array<{ port: number; id: string }> };
          const oldId = truth.nodes.find((n) => n.port === master)?.id;
          expect(
            s.comparison.failovers.map((f) => f.oldMaster),
            why,
          ).toEqual([oldId]);
          expect(
            s.comparison.failovers.every((f) => f.status !== 'mismatch'),
            why,
          ).toBe(true);
          expect(s.comparison.clusterOutage.status, why).not.toBe('mismatch');
          expect(await masterOf(slotFor[fault])).not.toBe(master);
        } finally {
          // The supervisor's part: bring a crashed node back (it rejoins as a replica).
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
