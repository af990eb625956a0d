// issue #12 point 5 – snapshots alone (what `failscope capture` gives). Every recorded incident's
// snapshots-*.txt files, without a single log line, must give the failovers its truth.json records
// (old → new), the kind where the snapshots can tell it, else "unknown", the blocks truth.json implies,
// a cluster.down that a completed failover ended as a warning, and no split brain that never happened.
// The expected answers come from truth.json and a plain reading of the snapshot text below, never from
// the code under test.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisV1 } from '../../src/model/analysis.ts';
import { loadSources } from '../../src/pipeline.ts';
import { buildTimeline } from '../../src/timeline/index.ts';
import { analyzeTimeline } from '../../src/pipeline.ts';
import { compareWithProbe, type ProbeTruthLike } from '../../src/live/compare.ts';
import type { Snapshot } from '../../src/model/snapshot.ts';
import { clusterOf, nodesSnap, sec, timelineOf } from '../helpers/hand-timeline.ts';
import { A, ADDR, B, C, D } from '../helpers/scenarios.ts';

const ROOT = path.resolve(import.meta.dirname, '../../fixtures/incidents');
const INCIDENTS = readdirSync(ROOT)
  .filter((d) => readdirSync(path.join(ROOT, d)).includes('truth.json'))
  .sort();

interface TruthNode {
  port: number;
  id: string;
  role: 'master' | 'replica';
  masterId: string | null;
  slots: string;
}
interface Truth {
  nodeTimeoutMs: number;
  nodes: TruthNode[];
  finalNodes: TruthNode[];
  actions: Array<{ at: string; action: string; target: { port: number; id: string } }>;
  clusterDown: Array<{ start: string; end: string | null }>;
}

const firstSlot = (slots: string) => Number(slots.split(/[-,]/)[0]);
const holds = (slots: string, slot: number) =>
  slots.split(',').some((r) => {
    const [a, b] = r.split('-').map(Number);
    return slot >= a && slot <= (b ?? a);
  });

/** One CLUSTER NODES reply of a snapshot file: its time and, per node id, the flags and slots listed. */
interface View {
  at: number;
  reporter: string | null;
  entries: Map<string, { flags: string[]; slots: string }>;
}

/** A plain reading of the recorder's snapshot files: a stamp line, then the reply. */
function readViews(dir: string): View[] {
  const views: View[] = [];
  for (const f of readdirSync(dir).filter((n) => /^snapshots-\d+\.txt$/.test(n))) {
    let at = NaN;
    let cur: View | null = null;
    for (const line of readFileSync(path.join(dir, f), 'utf8').split(/\r?\n/)) {
      if (/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(line)) {
        at = Date.parse(line);
        cur = null;
        continue;
      }
      const m = /^([0-9a-f]{40}) \S+ (\S+) \S+ \d+ \d+ \d+ \S+ ?(.*)$/.exec(line);
      if (!m) continue;
      if (!cur) views.push((cur = { at, reporter: null, entries: new Map() }));
      const flags = m[2].split(',');
      if (flags.includes('myself')) cur.reporter = m[1];
      cur.entries.set(m[1], { flags, slots: m[3].trim().replace(/ /g, ',') });
    }
  }
  return views.sort((a, b) => a.at - b.at);
}

interface Expected {
  failovers: Array<{ oldMaster: string; newMaster: string; kind: 'automatic' | 'unknown' }>;
  blocked: Array<{ master: string; rule: string }>;
}

/**
 * From truth.json: a failover per master whose slots end with another owner; its kind is automatic when
 * some view flagged the old master `fail` before the first view listing the new owner with its slots
 * (an automatic failover needs FAIL first), otherwise unknown. A master killed whose slots stayed its
 * own was blocked: no replica at all, its replicas killed with it, or too many masters killed together
 * for a majority.
 */
function expected(truth: Truth, views: View[]): Expected {
  const failovers: Expected['failovers'] = [];
  const blocked: Expected['blocked'] = [];
  const masters = truth.nodes.filter((n) => n.role === 'master' && n.slots);
  const killed = new Set(truth.actions.filter((a) => /SIGKILL|SIGTERM|SEGFAULT/.test(a.action)).map((a) => a.target.id));
  for (const m of masters) {
    const slot = firstSlot(m.slots);
    const owner = truth.finalNodes.find((n) => n.role === 'master' && holds(n.slots, slot));
    if (owner && owner.id !== m.id) {
      const moved = views.find((v) => {
        const e = v.entries.get(owner.id);
        return e && e.flags.includes('master') && holds(e.slots, slot);
      });
      const failedBefore = views.some(
        (v) => moved && v.at < moved.at && v.reporter !== m.id && v.entries.get(m.id)?.flags.includes('fail'),
      );
      failovers.push({ oldMaster: m.id, newMaster: owner.id, kind: failedBefore ? 'automatic' : 'unknown' });
    } else if (killed.has(m.id)) {
      const replicas = truth.nodes.filter((n) => n.masterId === m.id);
      const killedMasters = masters.filter((x) => killed.has(x.id)).length;
      const rule =
        replicas.length === 0
          ? 'failover.blocked.no-replica'
          : replicas.every((r) => killed.has(r.id))
            ? 'failover.blocked.shard-lost'
            : killedMasters >= Math.floor(masters.length / 2) + 1
              ? 'failover.blocked.no-quorum'
              : 'none';
      blocked.push({ master: m.id, rule });
    }
  }
  return { failovers, blocked };
}

async function analyzeFiles(files: string[], nodeTimeoutMs: number): Promise<AnalysisV1> {
  return analyzeTimeline(buildTimeline(await loadSources(files)), { nodeTimeoutMs });
}

const snapshotFiles = (dir: string) =>
  readdirSync(dir)
    .filter((n) => /^snapshots-\d+\.txt$/.test(n))
    .sort()
    .map((n) => path.join(dir, n));

describe('issue #12 – snapshots alone, every recorded incident', () => {
  for (const name of INCIDENTS)
    it(`${name}: the failovers and blocks truth.json records, no invented split brain`, async () => {
      const dir = path.join(ROOT, name);
      const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
      const want = expected(truth, readViews(dir));
      const a = await analyzeFiles(snapshotFiles(dir), truth.nodeTimeoutMs);
      const why = a.findings.map((f) => `${f.severity} ${f.rule}: ${f.message}`).join('\n');

      expect(
        a.failovers.map((f) => ({ oldMaster: f.oldMaster, newMaster: f.newMaster, kind: f.kind })),
        why,
      ).toEqual(want.failovers);
      // A kind the snapshots tell must be the one the recording caused.
      for (const f of want.failovers.filter((x) => x.kind === 'automatic'))
        expect(
          truth.actions.some((x) => x.target.id === f.oldMaster && /SIGKILL|SIGTERM|SIGSTOP|SEGFAULT|SLEEP/.test(x.action)),
          name,
        ).toBe(true);

      const blocks = a.findings.filter((f) => f.rule.startsWith('failover.blocked.')).map((f) => ({ master: f.nodes[0], rule: f.rule }));
      expect(blocks, why).toEqual(want.blocked.filter((b) => b.rule !== 'none'));

      // The two masters of a failover's hand-over are no split brain unless the old one said so itself.
      expect(
        a.findings.filter((f) => f.rule === 'split-brain' && f.severity === 'error'),
        why,
      ).toEqual([]);
      // CLUSTERDOWN that the completed failover ended is a warning, as with logs.
      const down = a.findings.filter((f) => f.rule === 'cluster.down');
      if (truth.clusterDown.length > 0) expect(down.length, why).toBeGreaterThan(0);
      if (want.failovers.length > 0 && want.blocked.length === 0)
        expect(
          down.filter((f) => f.severity === 'error'),
          why,
        ).toEqual([]);
      if (want.failovers.length === 0 && want.blocked.length === 0 && truth.clusterDown.length === 0) expect(a.verdict, why).toBe('pass');

      // As many cluster-wide outages as the probe saw: a node's own cluster_state fail (rejoin delay)
      // is not cut in two by a view that only looks healthy.
      expect(a.outages.filter((o) => o.scope === 'cluster').length, why).toBe(truth.clusterDown.length);
      // What the probe saw lies within what the snapshots allow (issue #4's tolerances around the bounds).
      const c = compareWithProbe(a, truth as unknown as ProbeTruthLike);
      expect(
        c.failovers.map((f) => f.status).filter((s) => s === 'mismatch'),
        JSON.stringify(c.failovers),
      ).toEqual([]);
      expect(c.clusterOutage.status, JSON.stringify(c.clusterOutage)).not.toBe('mismatch');
    });

  it('master-sigkill: the restarted old master said myself,slave in its first reply: no split brain at all', async () => {
    const a = await analyzeFiles(snapshotFiles(path.join(ROOT, 'master-sigkill')), 2000);
    expect(a.findings.filter((f) => f.rule === 'split-brain')).toEqual([]);
    expect(a.verdict).toBe('pass');
  });

  it('master-sigstop: the resumed old master never claimed its slots in its own replies: no split brain', async () => {
    const a = await analyzeFiles(snapshotFiles(path.join(ROOT, 'master-sigstop')), 2000);
    expect(a.findings.filter((f) => f.rule === 'split-brain')).toEqual([]);
  });

  it('two-masters-killed, capture begun after the kill: fail? with an old pong is a down master (no quorum)', async () => {
    const dir = path.join(ROOT, 'two-masters-killed');
    const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
    const kill = Math.max(...truth.actions.filter((x) => x.action === 'SIGKILL').map((x) => Date.parse(x.at)));
    // Keep only the blocks stamped 4 s after the kill and later: the dead masters show only as fail?.
    const late = snapshotFiles(dir).map((f) => {
      const blocks = readFileSync(f, 'utf8').split(/(?=^\d{4}-\d\d-\d\dT[\d:.]+Z\r?$)/m);
      return { name: path.basename(f), text: blocks.filter((b) => Date.parse(b.split(/\r?\n/)[0]) >= kill + 4000).join('') };
    });
    const killed = truth.actions.filter((x) => x.action === 'SIGKILL').map((x) => x.target.id);
    // The plain reading: every view of the cut capture shows the killed masters fail? and never fail.
    const cut = late.flatMap((f) => f.text.split(/\r?\n/)).filter((l) => killed.some((id) => l.startsWith(`${id} `)));
    expect(cut.length).toBeGreaterThan(0);
    expect(cut.some((l) => /\smaster,fail\s/.test(l))).toBe(false);
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'failscope-late-capture-'));
    try {
      for (const f of late) writeFileSync(path.join(tmp, f.name), f.text);
      const a = await analyzeFiles(
        late.map((f) => path.join(tmp, f.name)),
        truth.nodeTimeoutMs,
      );
      const blocks = a.findings.filter((f) => f.rule.startsWith('failover.blocked.')).map((f) => [f.nodes[0], f.rule]);
      expect(blocks.sort()).toEqual(killed.map((id) => [id, 'failover.blocked.no-quorum']).sort());
      expect(a.verdict).toBe('fail');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('issue #12 – snapshots alone, a master paused past the node timeout (captured every 500 ms)', () => {
  // A (master 0-5460) pauses at 2 s; B flags it fail? then fail; A answers again at 5.2 s, before the
  // view at 5.5 s that first shows its replica D owning 0-5460 at epoch 7: the promotion lies between
  // the views at 5.0 and 5.5 s, possibly before A answered again.
  const view = (at: number, a: string, aPong: number, d: string) =>
    nodesSnap(
      sec(at),
      `
${A} 127.0.0.1:7000@17000 ${a} ${aPong} 1 ${a.startsWith('slave') ? '' : 'connected 0-5460'}
${B} 127.0.0.1:7001@17001 myself,master - 0 0 2 connected 5461-10922
${C} 127.0.0.1:7002@17002 master - 0 ${sec(at) - 100} 3 connected 10923-16383
${D} 127.0.0.1:7003@17003 ${d}
`.replace(/ {2,}/g, ' '),
      { source: 'snapshots-7001.txt' },
    );
  function paused() {
    const snaps: Snapshot[] = [];
    for (let t = 0.5; t <= 2; t += 0.5) snaps.push(view(t, 'master - 0', sec(t) - 100, `slave ${A} 0 ${sec(t) - 100} 1 connected`));
    snaps.push(view(2.5, 'master - 0', sec(2), `slave ${A} 0 ${sec(2.4)} 1 connected`));
    snaps.push(view(3, 'master - 0', sec(2), `slave ${A} 0 ${sec(2.9)} 1 connected`));
    snaps.push(view(3.5, `master,fail? - ${sec(2.1)}`, sec(2), `slave ${A} 0 ${sec(3.4)} 1 connected`));
    snaps.push(view(4, `master,fail - ${sec(2.1)}`, sec(2), `slave ${A} 0 ${sec(3.9)} 1 connected`));
    snaps.push(view(4.5, `master,fail - ${sec(2.1)}`, sec(2), `slave ${A} 0 ${sec(4.4)} 1 connected`));
    snaps.push(view(5, `master,fail - ${sec(2.1)}`, sec(2), `slave ${A} 0 ${sec(4.9)} 1 connected`));
    // A's own reply as it wakes: still its old view.
    snaps.push(
      nodesSnap(
        sec(5.2),
        `
${A} 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460
${D} 127.0.0.1:7003@17003 slave ${A} 0 ${sec(2)} 1 connected
`,
        { source: 'snapshots-7000.txt' },
      ),
    );
    for (let t = 5.5; t <= 7; t += 0.5) snaps.push(view(t, `slave ${D} 0`, sec(t) - 100, `master - 0 ${sec(t) - 100} 7 connected 0-5460`));
    return timelineOf(clusterOf([], snaps, ADDR));
  }

  it('the promotion between two views answers the pause: a failover, no blocked failover', () => {
    const a = analyzeTimeline(paused(), { nodeTimeoutMs: 1000 });
    const why = a.findings.map((f) => `${f.severity} ${f.rule}: ${f.message}`).join('\n');
    expect(
      a.failovers.map((f) => [f.oldMaster, f.newMaster, f.kind]),
      why,
    ).toEqual([[A, D, 'automatic']]);
    expect(
      a.findings.filter((f) => f.rule.startsWith('failover.blocked.')),
      why,
    ).toEqual([]);
    // The fault is A's pause (its last pong at 2 s), not the FAIL flag.
    expect(a.failovers[0].startedAtBounds[0], why).toBe('2024-01-01T12:00:02.000Z');
    expect(a.verdict, why).toBe('pass');
  });
});
