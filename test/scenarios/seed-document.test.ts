// The seed document (a real input: a Korean walkthrough with mojibake prose, redis-cli transcripts,
// docker log excerpts and CLUSTER NODES outputs of two different clusters), byte for byte.
// Its two stories (shared/seed/README.md): cluster 1 — 3 masters, no replica, 7002 crashed by DEBUG
// SEGFAULT: no failover possible, cluster down, recovery by restart; cluster 2 — 3+3 over three hosts,
// master 192.168.56.101:7001 stopped, its replica 192.168.56.102:7002 elected at epoch 7, the old
// master back as its replica. The document is excerpts: bounds must be honest, never guesses.
import { describe, expect, it } from 'vitest';
import type { AnalysisV1 } from '../../src/model/analysis.ts';
import { loadTimeline } from '../../src/pipeline.ts';
import { analyzeTimeline } from '../../src/pipeline.ts';

const SEED = 'fixtures/grammars/markdown/seed-document/input.md';
const M1 = '027a002ecc012b61a5997f151ad01bccbb65d1c0'; // 127.0.0.1:7001
const M2 = '79816979a6dd4b226e476121dd385ed6c25e5151'; // 127.0.0.1:7002, crashed
const M3 = '3c349984f0bb61490c170ab68f2617a35d9581d6'; // 127.0.0.1:7003
const OLD = 'c952f5ef4783b5c19129bc630b88e8e3bf602622'; // 192.168.56.101:7001
const NEW = '094af2ab1db0d147d7f475f3954429ae7d18dee0'; // 192.168.56.102:7002

async function analyse(): Promise<AnalysisV1> {
  return analyzeTimeline(await loadTimeline([SEED], { zone: 'UTC' }));
}

describe('the seed document', () => {
  it('holds two clusters, told separately', async () => {
    const a = await analyse();
    expect(a.clusters.map((c) => c.nodes.length)).toEqual([3, 6]);
    expect(a.clusters[0].nodes.map((n) => n.id).sort()).toEqual([M1, M3, M2].sort());
    expect(a.verdict).toBe('fail');
  });

  it('cluster 1: no failover possible (no replica), cluster down, recovery by restart', async () => {
    const c = (await analyse()).clusters[0];
    expect(c.failovers).toEqual([]);
    const errors = c.findings
      .filter((f) => f.severity === 'error')
      .map((f) => f.rule)
      .sort();
    expect(errors).toEqual(['cluster.down', 'failover.blocked.no-replica']);
    const blocked = c.findings.find((f) => f.rule === 'failover.blocked.no-replica');
    expect(blocked?.nodes).toEqual([M2]);
    expect(blocked?.message).toContain('came back at 07:30:56.966 (restart)');
    // The crash: its own report is not in the excerpt; the last pong and the first unanswered ping
    // (CLUSTER NODES at 7001) bound it; the DEBUG SEGFAULT typed at 7002 says what it was.
    const crashed = c.findings.find((f) => f.rule === 'node.crashed');
    expect(crashed?.message).toContain('crashed (DEBUG SEGFAULT typed in a redis-cli session) between 07:28:13.352 and 07:28:15.388');
    // The FAIL line in the excerpt is 7001's (FAIL from 7003 about 7002), though the document's one
    // I'm-line names 7002.
    expect(c.story).toContain('The cluster marked it FAIL at 07:28:21.434');
    // Slots 5461-10922 unserved; the end is bounded by the restart and the next CLUSTER NODES, not made up.
    const slots = c.outages.find((o) => o.scope === 'slots') as AnalysisV1['outages'][number];
    expect(slots).toMatchObject({ slots: '5461-10922', cause: 'failover.blocked.no-replica', end: null, durationMs: null });
    expect(slots.endBounds?.[0]).toBe('2021-06-21T07:30:56.966Z');
    const down = c.outages.find((o) => o.scope === 'cluster') as AnalysisV1['outages'][number];
    expect(down).toMatchObject({ start: '2021-06-21T07:28:21.435Z', end: null, nodes: [M1] });
    expect(down.endBounds?.[0]).toBe('2021-06-21T07:30:56.966Z');
    // Back as master of its slots at the end.
    expect(c.ownership.find((o) => o.owner === M2 && o.end === null)?.slots).toBe('5461-10922');
  });

  it('cluster 2: automatic failover to 192.168.56.102:7002 at epoch 7, old master back as its replica', async () => {
    const c = (await analyse()).clusters[1];
    expect(c.failovers).toHaveLength(1);
    const f = c.failovers[0];
    expect(f).toMatchObject({
      kind: 'automatic',
      oldMaster: OLD,
      newMaster: NEW,
      epoch: 7,
      slots: '5461-10922',
      promotedAt: '2021-06-23T07:49:38.756Z',
    });
    // "Connection with master lost." is the fault moment; the last pong (gossip, whole seconds) bounds it.
    expect(f).toMatchObject({
      startedAt: '2021-06-23T07:49:33.581Z',
      startedAtBounds: ['2021-06-23T07:49:33.000Z', '2021-06-23T07:49:33.581Z'],
    });
    // The excerpt elides the FAIL and election lines ("..."): unknown, not invented.
    expect(f.failMarkedAt).toBeNull();
    expect(f.electionStartedAt).toBeNull();
    expect(f.timingsMs.unavailable).toBe(5175);
    expect(c.nodes.find((n) => n.id === NEW)?.addresses).toEqual(['192.168.56.102:7002']);
    const rejoined = c.findings.find((x) => x.rule === 'node.rejoined-as-replica');
    expect(rejoined?.nodes).toEqual([OLD, NEW]);
    expect(c.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect(c.roles.find((r) => r.node === OLD && r.end === null)).toMatchObject({ role: 'replica', masterId: NEW });
    // Who wrote the pasted replica log is inferred, and the trace says so.
    expect(c.story).toContain('094af2ab (192.168.56.102:7002) took over slots 5461-10922 at 07:49:38.756 at epoch 7');
  });
});
