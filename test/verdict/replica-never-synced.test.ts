// replica-never-synced (fixtures/versions/*/replica-never-synced): a replica killed before its master
// and restarted while the master was down never synced, so it refuses to fail over ("Currently unable
// to failover: Disconnected from master for longer than allowed", redis src/cluster.c
// clusterLogCantFailover). Expected values come from truth.json and the raw lines, never from the
// code under test; the systematic check over every subset is test/ablation/.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisV1 } from '../../src/model/analysis.ts';
import { analyzeTimeline, loadTimeline } from '../../src/pipeline.ts';
import { CUT_WINDOW_MS, materialiseSubset, type SubsetSpec } from '../ablation/subsets.ts';

interface Truth {
  nodeTimeoutMs: number;
  nodes: Array<{ port: number; id: string; role: string; masterId: string | null }>;
  actions: Array<{ at: string; action: string; target: { port: number; id: string } }>;
}
const ROOT = 'fixtures/versions';
const VERSIONS = readdirSync(ROOT)
  .filter((v) => readdirSync(path.join(ROOT, v)).includes('replica-never-synced'))
  .sort();
const dirOf = (v: string) => path.join(ROOT, v, 'replica-never-synced');
const truthOf = (v: string) => JSON.parse(readFileSync(path.join(dirOf(v), 'truth.json'), 'utf8')) as Truth;
/** The master the recorder killed second (the first kill is its replica). */
const masterOf = (t: Truth) =>
  t.actions
    .filter((a) => a.action === 'SIGKILL')
    .map((a) => t.nodes.find((n) => n.id === a.target.id)!)
    .find((n) => n.role === 'master')!;
const replicaOf = (t: Truth) => t.nodes.find((n) => n.masterId === masterOf(t).id)!;
const yearOf = (t: Truth) => new Date(t.actions[0].at).getUTCFullYear();

const tmp = mkdtempSync(path.join(os.tmpdir(), 'failscope-never-synced-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function analyse(v: string, spec: Omit<SubsetSpec, 'name' | 'kind'> & { kind: SubsetSpec['kind'] }): Promise<AnalysisV1> {
  const t = truthOf(v);
  const dir = materialiseSubset(dirOf(v), { name: spec.kind, ...spec }, yearOf(t), tmp);
  return analyzeTimeline(await loadTimeline([dir], { zone: 'UTC', year: yearOf(t) }), { nodeTimeoutMs: t.nodeTimeoutMs });
}
const files = (v: string, re: RegExp) =>
  readdirSync(dirOf(v))
    .filter((f) => re.test(f))
    .sort();
const blocks = (a: AnalysisV1) => a.findings.filter((f) => f.rule.startsWith('failover.blocked.') || f.rule === 'failover.expired');

describe('replica-never-synced', () => {
  for (const v of VERSIONS)
    it(`${v}, every log: replica-stale for the killed master, with the replica's own refusal as evidence`, async () => {
      const t = truthOf(v);
      const a = await analyse(v, { kind: 'all-logs', files: files(v, /^node-\d+\.log$/), stripIdentity: false, window: null });
      const b = blocks(a);
      expect(b.map((f) => [f.rule, f.nodes[0]])).toEqual([['failover.blocked.replica-stale', masterOf(t).id]]);
      // The replica's line, read here with a plain regex over its own log.
      const log = readFileSync(path.join(dirOf(v), `node-${replicaOf(t).port}.log`), 'utf8').split('\n');
      const stale = log
        .map((l, i) => (/Disconnected from (?:master|primary) for longer than allowed/.test(l) ? i + 1 : 0))
        .filter((n) => n > 0);
      expect(b[0].evidence.some((e) => e.source.endsWith(`node-${replicaOf(t).port}.log`) && stale.includes(e.line))).toBe(true);
    });

  for (const v of VERSIONS)
    it(`${v}, snapshots only: one block for the master, from its kill on, never shard-lost (its replica was back while it was down)`, async () => {
      const t = truthOf(v);
      const a = await analyse(v, { kind: 'snapshots', files: files(v, /^snapshots-\d+\.txt$/), stripIdentity: false, window: null });
      const b = blocks(a);
      expect(b).toHaveLength(1);
      expect(b[0].nodes[0]).toBe(masterOf(t).id);
      expect(['failover.blocked.replica-stale', 'failover.blocked.unknown']).toContain(b[0].rule);
    });

  it("redis-3.0.7, the master's log cut without its identity line: one down episode, not a second one at the logo", async () => {
    const v = 'redis-3.0.7';
    const t = truthOf(v);
    const kill = Date.parse(t.actions[0].at);
    const a = await analyse(v, {
      kind: 'log-cut',
      files: [`node-${masterOf(t).port}.log`],
      stripIdentity: true,
      window: [new Date(kill - CUT_WINDOW_MS).toISOString(), new Date(kill + CUT_WINDOW_MS).toISOString()],
    });
    expect(blocks(a)).toHaveLength(1);
    expect(a.findings.filter((f) => f.rule === 'node.crashed')).toHaveLength(1);
  });

  it("redis-7.2.6, the survivors' logs: the replica that refused is no survivor, so the reason is unknown, not no-quorum", async () => {
    const v = 'redis-7.2.6';
    const t = truthOf(v);
    const killed = new Set(t.actions.filter((a) => a.action === 'SIGKILL').map((a) => a.target.port));
    const survivors = t.nodes
      .filter((n) => !killed.has(n.port))
      .map((n) => `node-${n.port}.log`)
      .sort();
    const a = await analyse(v, { kind: 'survivors', files: survivors, stripIdentity: false, window: null });
    expect(blocks(a).map((f) => [f.rule, f.nodes[0]])).toEqual([['failover.blocked.unknown', masterOf(t).id]]);
  });
});
