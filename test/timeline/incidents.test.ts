// Issue #2 done-when: `failscope timeline` over each recorded incident shows the fault and the
// failover in order. Every expected value comes from the recorder's truth.json (what was done,
// to which node, and who ended as master), never from the code under test.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTimeline } from '../../src/pipeline.ts';
import type { TimelineEvent } from '../../src/model/events.ts';

interface TruthNode {
  port: number;
  id: string;
  role: string;
  masterId: string | null;
}
interface Truth {
  nodes: TruthNode[];
  finalNodes: TruthNode[];
  actions: Array<{ at: string; action: string; target: { port: number; id: string } }>;
}

const root = join(import.meta.dirname, '../../fixtures/incidents');
const incidents = existsSync(root)
  ? readdirSync(root)
      .filter((d) => existsSync(join(root, d, 'truth.json')))
      .sort()
  : [];

/** The log line each fault must leave on the faulted node, when it leaves one (SIGKILL/SIGSTOP leave none). */
const OWN_TRACE: Record<string, TimelineEvent['kind'] | undefined> = {
  'DEBUG SEGFAULT': 'server.crash',
  SIGTERM: 'server.shutdown-requested',
  'CLUSTER FAILOVER': 'manual.requested',
  'CLUSTER FAILOVER TAKEOVER': 'manual.takeover',
  'CLUSTER FAILOVER FORCE': 'manual.force',
};

describe.each(incidents)('timeline of recorded incident %s', (name) => {
  const dir = join(root, name);
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth;
  const load = () => loadTimeline([dir]);

  it('finds one cluster with exactly the recorded nodes, and accounts for every line', async () => {
    const t = await load();
    expect(t.clusters).toHaveLength(1);
    expect(t.clusters[0].nodes.map((n) => n.id).sort()).toEqual(truth.nodes.map((n) => n.id).sort());
    for (const input of t.inputs) {
      expect(input.understood + input.ignored + input.unknown, input.source).toBe(input.lines);
      expect(input.unknown, `${input.source} has unknown lines`).toBe(0);
    }
  });

  it("binds each node's log to that node and learns its address", async () => {
    const t = await load();
    for (const n of truth.nodes) {
      const own = t.events.filter((e) => e.source.endsWith(`/node-${n.port}.log`));
      expect(own.length).toBeGreaterThan(0);
      expect(new Set(own.map((e) => e.node))).toEqual(new Set([n.id]));
      expect(t.clusters[0].nodes.find((x) => x.id === n.id)?.addresses).toContain(`127.0.0.1:${n.port}`);
    }
  });

  it('is in time order, with equal times in file order', async () => {
    const t = await load();
    for (let i = 1; i < t.events.length; i++) {
      const a = t.events[i - 1];
      const b = t.events[i];
      expect(a.at <= b.at, `${a.source}:${a.line} before ${b.source}:${b.line}`).toBe(true);
      if (a.at === b.at && a.source === b.source) expect(a.line).toBeLessThan(b.line);
    }
  });

  it('shows the fault on the faulted node after it was done', async () => {
    const t = await load();
    for (const action of truth.actions) {
      const kind = OWN_TRACE[action.action];
      if (!kind) continue;
      const done = Date.parse(action.at);
      const hit = t.events.find((e) => e.kind === kind && e.node === action.target.id && e.at >= done - 5);
      expect(hit, `${action.action} on ${action.target.port} leaves ${kind}`).toBeDefined();
    }
  });

  it('shows the failover in order: fault, then FAIL (automatic only), then the replica winning', async () => {
    const t = await load();
    const fault = truth.actions[0];
    const faulted = truth.nodes.find((n) => n.id === fault.target.id)!;
    // The recorded promotions: a node that started as a replica of a master and ended as a master.
    const promoted = truth.finalNodes.filter((f) => f.role === 'master' && truth.nodes.find((n) => n.id === f.id)?.role === 'replica');
    // A takeover skips the election: the replica bumps its own epoch without votes.
    const takeover = truth.actions.some((a) => a.action === 'CLUSTER FAILOVER TAKEOVER');
    const winKind = takeover ? 'epoch.bumped' : 'election.won';
    const won = t.events.filter((e) => e.kind === winKind);
    if (promoted.length === 0) {
      expect(won, 'no election was won').toHaveLength(0);
      expect(t.events.filter((e) => e.kind === 'epoch.bumped')).toHaveLength(0);
      return;
    }
    expect(promoted).toHaveLength(1);
    const winner = promoted[0];
    const win = won.find((e) => e.node === winner.id);
    expect(win, 'the promoted replica logs its win').toBeDefined();
    expect(win!.at).toBeGreaterThanOrEqual(Date.parse(fault.at) - 5);
    const automatic =
      ['SIGKILL', 'SIGTERM', 'SIGSTOP', 'DEBUG SEGFAULT'].includes(fault.action) &&
      truth.actions.every((a) => !a.action.startsWith('CLUSTER FAILOVER'));
    if (automatic) {
      const failedMaster = faulted.role === 'master' ? faulted.id : faulted.masterId;
      const mark = t.events.find(
        (e) => (e.kind === 'cluster.fail-marked' || e.kind === 'cluster.fail-received') && e.fields.subject === failedMaster,
      );
      expect(mark, 'the cluster marks the master FAIL').toBeDefined();
      expect(mark!.at).toBeGreaterThanOrEqual(Date.parse(fault.at));
      expect(mark!.at).toBeLessThanOrEqual(win!.at);
      const start = t.events.find((e) => e.kind === 'election.started' && e.node === winner.id);
      expect(start).toBeDefined();
      expect(start!.at).toBeGreaterThanOrEqual(mark!.at);
      expect(start!.at).toBeLessThanOrEqual(win!.at);
    }
  });
});
