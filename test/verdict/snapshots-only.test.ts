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
import { analyzeTimeline } from '../../src/verdict/index.ts';

const ROOT = path.resolve(import.meta.dirname, '../../fixtures/incidents');
const INCIDENTS = readdirSync(ROOT).filter((d) => readdirSync(path.join(ROOT, d)).includes('truth.json')).sort();

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
      const failedBefore = views.some((v) => moved && v.at < moved.at && v.reporter !== m.id && v.entries.get(m.id)?.flags.includes('fail'));
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

      expect(a.failovers.map((f) => ({ oldMaster: f.oldMaster, newMaster: f.newMaster, kind: f.kind })), why).toEqual(want.failovers);
      // A kind the snapshots tell must be the one the recording caused.
      for (const f of want.failovers.filter((x) => x.kind === 'automatic'))
        expect(truth.actions.some((x) => x.target.id === f.oldMaster && /SIGKILL|SIGTERM|SIGSTOP|SEGFAULT|SLEEP/.test(x.action)), name).toBe(true);

      const blocks = a.findings.filter((f) => f.rule.startsWith('failover.blocked.')).map((f) => ({ master: f.nodes[0], rule: f.rule }));
      expect(blocks, why).toEqual(want.blocked.filter((b) => b.rule !== 'none'));

      // The two masters of a failover's hand-over are no split brain unless the old one said so itself.
      expect(a.findings.filter((f) => f.rule === 'split-brain' && f.severity === 'error'), why).toEqual([]);
      // CLUSTERDOWN that the completed failover ended is a warning, as with logs.
      const down = a.findings.filter((f) => f.rule === 'cluster.down');
      if (truth.clusterDown.length > 0) expect(down.length, why).toBeGreaterThan(0);
      if (want.failovers.length > 0 && want.blocked.length === 0) expect(down.filter((f) => f.severity === 'error'), why).toEqual([]);
      if (want.failovers.length === 0 && want.blocked.length === 0 && truth.clusterDown.length === 0) expect(a.verdict, why).toBe('pass');
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
      const a = await analyzeFiles(late.map((f) => path.join(tmp, f.name)), truth.nodeTimeoutMs);
      const blocks = a.findings.filter((f) => f.rule.startsWith('failover.blocked.')).map((f) => [f.nodes[0], f.rule]);
      expect(blocks.sort()).toEqual(killed.map((id) => [id, 'failover.blocked.no-quorum']).sort());
      expect(a.verdict).toBe('fail');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
