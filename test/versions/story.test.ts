// Issue #13: the same checks on every version's recordings. Whatever the wording of a version
// (slave/replica/primary, `(hostname)` after ids since 7.2, Valkey 8's new lines), the logs must yield
// the same typed events: the fault's own trace, PFAIL at loglevel debug, FAIL before the election, the
// promoted replica's election and win, the old master rejoining as a replica of the winner, every restart,
// and a never-synced replica's "data too old". Expected values come from truth.json (what was done and
// the topology before and after), never from the code under test.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTimeline } from '../../src/pipeline.ts';
import { inLane } from '../helpers/lane.ts';
import type { TimelineEvent } from '../../src/model/events.ts';

interface TruthNode {
  port: number;
  id: string;
  role: string;
  masterId: string | null;
}
interface Truth {
  scenario: string;
  loglevel: string;
  nodes: TruthNode[];
  finalNodes: TruthNode[];
  actions: Array<{ at: string; action: string; target: { port: number; id: string } }>;
  probe: { startedAt: string };
}

const root = join(import.meta.dirname, '../../fixtures/versions');
const recordings = (existsSync(root) ? readdirSync(root).sort() : []).flatMap((label) =>
  readdirSync(join(root, label))
    .filter((s) => existsSync(join(root, label, s, 'truth.json')))
    .sort()
    .map((scenario) => ({ label, scenario, dir: join(root, label, scenario) })),
);
/** The recordings this lane checks one by one: every one, or the fast lane's slice (helpers/lane.ts). */
const checked = recordings.filter((r) => inLane(r.label, r.scenario));

/** The log line each fault leaves on the faulted node (SIGKILL/SIGSTOP/START leave none of their own). */
const OWN_TRACE: Record<string, TimelineEvent['kind'] | undefined> = {
  'DEBUG SEGFAULT': 'server.crash',
  SIGTERM: 'server.shutdown-requested',
  'CLUSTER FAILOVER': 'manual.requested',
  'CLUSTER FAILOVER TAKEOVER': 'manual.takeover',
  'CLUSTER FAILOVER FORCE': 'manual.force',
};

describe.each(checked)('$label/$scenario: the story in typed events', ({ dir }) => {
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth;
  const year = new Date(Date.parse(truth.probe.startedAt)).getUTCFullYear();
  const fault = truth.actions[0];
  const faultAt = Date.parse(fault.at);
  const portOf = new Map(truth.nodes.map((n) => [n.id, n.port]));
  const logOf = (e: TimelineEvent) => /node-(\d+)\.log$/.exec(e.source)?.[1];
  const on = (events: TimelineEvent[], id: string) => events.filter((e) => logOf(e) === String(portOf.get(id)));
  const promoted = truth.finalNodes.filter((f) => f.role === 'master' && truth.nodes.find((n) => n.id === f.id)?.role === 'replica');
  const manual = truth.actions.some((a) => a.action.startsWith('CLUSTER FAILOVER'));

  it("shows each action's own trace on its target, and a server start per process run", async () => {
    const t = await loadTimeline([dir], { year });
    for (const a of truth.actions) {
      const kind = OWN_TRACE[a.action];
      if (!kind) continue;
      const hit = on(t.events, a.target.id).find((e) => e.kind === kind && e.at >= Date.parse(a.at) - 5);
      expect(hit, `${a.action} on ${a.target.port} leaves ${kind}`).toBeDefined();
    }
    for (const n of truth.nodes) {
      const starts = on(t.events, n.id).filter((e) => e.kind === 'server.start');
      expect(starts.length, `server starts in node-${n.port}.log`).toBe(
        1 + truth.actions.filter((a) => a.action === 'START' && a.target.id === n.id).length,
      );
    }
  });

  it('at loglevel debug, shows the killed master possibly failing (PFAIL) before anyone marks it FAIL', async () => {
    if (truth.loglevel !== 'debug') return;
    const t = await loadTimeline([dir], { year });
    const pfail = t.events.find((e) => e.kind === 'cluster.pfail' && e.fields.subject === fault.target.id && e.at >= faultAt);
    expect(pfail, 'a PFAIL line about the killed node').toBeDefined();
    const fail = t.events.find((e) => e.kind === 'cluster.fail-marked' && e.fields.subject === fault.target.id);
    if (fail) expect(pfail!.at).toBeLessThanOrEqual(fail.at);
  });

  it('shows the promotion: FAIL (automatic only), election, win; or no win when nobody was promoted', async () => {
    const t = await loadTimeline([dir], { year });
    const takeover = truth.actions.some((a) => a.action === 'CLUSTER FAILOVER TAKEOVER');
    if (promoted.length === 0) {
      expect(t.events.filter((e) => e.kind === 'election.won' || e.kind === 'epoch.bumped')).toHaveLength(0);
      return;
    }
    expect(promoted).toHaveLength(1);
    const winner = promoted[0];
    const oldMaster = truth.nodes.find((n) => n.id === winner.id)!.masterId!;
    const win = on(t.events, winner.id).find((e) => e.kind === (takeover ? 'epoch.bumped' : 'election.won') && e.at >= faultAt - 5);
    expect(win, 'the promoted replica logs its win').toBeDefined();
    if (!manual) {
      const mark = t.events.find(
        (e) =>
          (e.kind === 'cluster.fail-marked' || e.kind === 'cluster.fail-received') && e.fields.subject === oldMaster && e.at >= faultAt,
      );
      expect(mark, 'someone marks the old master FAIL').toBeDefined();
      expect(mark!.at).toBeLessThanOrEqual(win!.at);
    }
    if (!takeover) {
      const started = on(t.events, winner.id).filter((e) => e.kind === 'election.started' && e.at >= faultAt && e.at <= win!.at);
      expect(started.length, 'the winner starts an election before winning').toBeGreaterThan(0);
      const votes = t.events.filter((e) => e.kind === 'vote.granted' && e.fields.subject === winner.id && e.at <= win!.at + 50);
      expect(votes.length, 'masters grant it their votes').toBeGreaterThanOrEqual(2);
    }
    // The old master ends as a replica of the winner and says so in its own log.
    const final = truth.finalNodes.find((n) => n.id === oldMaster)!;
    expect(final.masterId).toBe(winner.id);
    const rejoin = on(t.events, oldMaster).find(
      (e) => e.kind === 'role.replica-of' && e.fields.subject === winner.id && e.at >= win!.at - 5,
    );
    expect(rejoin, 'the old master reconfigures itself as a replica of the winner').toBeDefined();
  });

  it('shows a replica that never synced refusing to fail over (data too old)', async () => {
    if (truth.scenario !== 'replica-never-synced') return;
    const t = await loadTimeline([dir], { year });
    const replica = truth.actions.find((a) => a.action === 'START')!;
    const refusal = on(t.events, replica.target.id).find((e) => e.kind === 'election.data-too-old' && e.at >= Date.parse(replica.at));
    expect(refusal, 'the restarted replica logs that its data is too old').toBeDefined();
  });
});
