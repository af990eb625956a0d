// Issue 12 – partial evidence: the recorded incidents, cut down to what an on-call engineer often has
// (one node's log, no `I'm` line, no snapshots), still give the account their truth.json supports,
// and "unknown" where the subset cannot tell. Expected values come from truth.json, never from the
// code under test. The systematic version over every incident and subset is test/ablation/.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTimeline } from '../../src/pipeline.ts';
import { analyzeTimeline } from '../../src/pipeline.ts';
import type { AnalysisV1 } from '../../src/model/analysis.ts';
import { isWriterId } from '../../src/model/ids.ts';
import { everyRangeDown, type Truth as IncidentTruth } from '../scenarios/incident.ts';

interface Truth {
  nodeTimeoutMs: number;
  nodes: Array<{ port: number; id: string; role: string; masterId: string | null }>;
  actions: Array<{ at: string; action: string; target: { port: number; id: string } }>;
  clusterDown: Array<{ start: string; end: string | null }>;
}
const INC = 'fixtures/incidents';
const truthOf = (name: string) => JSON.parse(readFileSync(path.join(INC, name, 'truth.json'), 'utf8')) as Truth;
const idAt = (t: Truth, port: number) => t.nodes.find((n) => n.port === port)!.id;
const ms = (iso: string) => Date.parse(iso);
const IDENTITY = /I'm [0-9a-f]{40}/;

/** Copy some of an incident's files into a temp dir, optionally dropping its identity lines. */
function subset(name: string, files: string[], opts: { dropIdentity?: boolean } = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `failscope-partial-${name}-`));
  for (const f of files) {
    const from = path.join(INC, name, f);
    if (opts.dropIdentity) {
      const kept = readFileSync(from, 'utf8')
        .split('\n')
        .filter((l) => !IDENTITY.test(l));
      writeFileSync(path.join(dir, f), kept.join('\n'));
    } else copyFileSync(from, path.join(dir, f));
  }
  return dir;
}

async function analyse(dir: string, nodeTimeoutMs: number): Promise<AnalysisV1> {
  return analyzeTimeline(await loadTimeline([dir], { zone: 'UTC' }), { nodeTimeoutMs });
}
const logs = (name: string) => readdirSync(path.join(INC, name)).filter((f) => /^node-\d+\.log$/.test(f));
const errors = (a: AnalysisV1) => [...new Set(a.findings.filter((f) => f.severity === 'error').map((f) => f.rule))].sort();

describe("issue 12 – one node's log, no identity line", () => {
  it("the promoted replica's log alone names the failover: old master from the FAIL before its election, new master = the file's writer", async () => {
    const t = truthOf('master-sigkill');
    const a = await analyse(subset('master-sigkill', ['node-7004.log'], { dropIdentity: true }), t.nodeTimeoutMs);
    expect(a.failovers).toHaveLength(1);
    const f = a.failovers[0];
    expect(f.oldMaster).toBe(idAt(t, 7001));
    // Nothing in the file names its own id: the writer is a node of the analysis, never a guessed id.
    expect(isWriterId(f.newMaster)).toBe(true);
    expect(f.kind).toBe('automatic');
    expect(f.epoch).toBe(4);
    // "Connecting to MASTER 127.0.0.1:7001" before an election over that master: its address.
    expect(a.nodes.find((n) => n.id === idAt(t, 7001))?.addresses).toEqual(['127.0.0.1:7001']);
    // The old master asks the writer for a sync afterwards: it came back as its replica.
    expect(a.findings.map((x) => x.rule)).toContain('node.rejoined-as-replica');
    expect(a.verdict).toBe('pass');
  });

  it('the same log with its identity line gives the real id of the new master', async () => {
    const t = truthOf('master-sigkill');
    const a = await analyse(subset('master-sigkill', ['node-7004.log']), t.nodeTimeoutMs);
    expect(a.failovers.map((f) => [f.oldMaster, f.newMaster])).toEqual([[idAt(t, 7001), idAt(t, 7004)]]);
  });

  it("the old master's log alone (it came back as a replica): a failover to the master it now replicates, kind unknown", async () => {
    const t = truthOf('master-sigkill');
    const a = await analyse(subset('master-sigkill', ['node-7001.log'], { dropIdentity: true }), t.nodeTimeoutMs);
    expect(a.failovers).toHaveLength(1);
    const f = a.failovers[0];
    expect(isWriterId(f.oldMaster ?? '')).toBe(true);
    expect(f.newMaster).toBe(idAt(t, 7004));
    // The winner's own lines are not in the evidence: automatic, forced or takeover cannot be told.
    expect(f.kind).toBe('unknown');
    // The promotion happened while the old master was gone: between its last line and its return.
    const kill = ms(t.actions.find((x) => x.action === 'SIGKILL')!.at);
    const bounds = (f as unknown as { promotedAtBounds: [string, string] }).promotedAtBounds;
    expect(ms(bounds[0])).toBeLessThanOrEqual(kill);
    expect(a.findings.map((x) => x.rule)).toContain('node.rejoined-as-replica');
  });

  it("a surviving master's log alone shows the cluster down, and says it cannot tell why no failover happened", async () => {
    const t = truthOf('seed1-no-replica-segfault');
    const a = await analyse(subset('seed1-no-replica-segfault', ['node-7000.log'], { dropIdentity: true }), t.nodeTimeoutMs);
    expect(errors(a)).toEqual(['cluster.down', 'failover.blocked.unknown']);
    const down = a.outages.filter((o) => o.scope === 'cluster');
    expect(down).toHaveLength(1);
    // It ends when this master reports ok again; the start is the master's own "fail" line.
    expect(Math.abs(ms(down[0].start) - ms(t.clusterDown[0].start))).toBeLessThanOrEqual(300);
    expect(a.failovers).toEqual([]);
  });
});

describe('issue 12 – two masters killed, seen by what survived', () => {
  const name = 'two-masters-killed';
  const masterOf = (t: Truth, port: number) => t.nodes.find((n) => n.id === t.nodes.find((r) => r.port === port)!.masterId)!;

  it("a replica's log alone: its master refused longer than the node timeout, nobody marked it FAIL, nobody was elected: no quorum, the master named by its address", async () => {
    const t = truthOf(name);
    const m = masterOf(t, 7003);
    const a = await analyse(subset(name, ['node-7003.log']), t.nodeTimeoutMs);
    expect(a.failovers).toEqual([]);
    const blocked = a.findings.filter((f) => f.rule.startsWith('failover.blocked'));
    expect(blocked.map((f) => f.rule)).toEqual(['failover.blocked.no-quorum']);
    // The log names its master only as "127.0.0.1:<port>": never an id, never another node.
    expect(blocked[0].nodes[0]).not.toMatch(/^[0-9a-f]{40}$/);
    expect(blocked[0].nodes[0]).toContain(`127.0.0.1:${m.port}`);
    expect(blocked[0].nodes).toContain(idAt(t, 7003));
    // Its slots were out from the kill (the replica's link dropped within milliseconds) to its return.
    const kill = t.actions.find((x) => x.action === 'SIGKILL' && x.target.port === m.port)!;
    const start = t.actions.find((x) => x.action === 'START' && x.target.port === m.port)!;
    const slots = a.outages.filter((o) => o.scope === 'slots');
    expect(slots).toHaveLength(1);
    expect(Math.abs(ms(slots[0].start) - ms(kill.at))).toBeLessThanOrEqual(400);
    const end = slots[0].end ?? slots[0].endBounds![1];
    expect(ms(end)).toBeGreaterThan(ms(start.at));
    expect(ms(end) - ms(start.at)).toBeLessThanOrEqual(2000);
  });

  it("the survivors' logs: both dead masters known only by address, both blocked for want of a majority", async () => {
    const t = truthOf(name);
    const a = await analyse(subset(name, ['node-7002.log', 'node-7003.log', 'node-7004.log', 'node-7005.log']), t.nodeTimeoutMs);
    const blocked = a.findings.filter((f) => f.rule.startsWith('failover.blocked'));
    expect(blocked.map((f) => f.rule)).toEqual(['failover.blocked.no-quorum', 'failover.blocked.no-quorum']);
    expect(blocked.map((f) => f.nodes[0]).sort()).toEqual(
      [`master-at:127.0.0.1:${masterOf(t, 7003).port}`, `master-at:127.0.0.1:${masterOf(t, 7004).port}`].sort(),
    );
    expect(a.failovers).toEqual([]);
  });
});

describe('issue 12 – every log, no snapshots', () => {
  it('seed1 (no replica): the blocked failover, and the cluster-wide outage within 300 ms of the probe', async () => {
    const name = 'seed1-no-replica-segfault';
    const t = truthOf(name);
    const a = await analyse(subset(name, logs(name)), t.nodeTimeoutMs);
    expect(errors(a)).toEqual(['cluster.down', 'failover.blocked.no-replica']);
    const blocked = a.findings.find((f) => f.rule === 'failover.blocked.no-replica')!;
    expect(blocked.nodes[0]).toBe(idAt(t, 7001));
    const down = a.outages.filter((o) => o.scope === 'cluster');
    const probe = everyRangeDown(t as unknown as IncidentTruth);
    expect(down).toHaveLength(probe.length);
    expect(Math.abs(ms(down[0].start) - ms(probe[0].start))).toBeLessThanOrEqual(300);
    expect(Math.abs(ms(down[0].end!) - ms(probe[0].end!))).toBeLessThanOrEqual(300);
  });

  it('two masters killed: logs that never name each other are one cluster, and both failovers are blocked for want of a majority', async () => {
    const name = 'two-masters-killed';
    const t = truthOf(name);
    const a = await analyse(subset(name, logs(name)), t.nodeTimeoutMs);
    expect(a.clusters).toHaveLength(1);
    expect(a.clusters[0].nodes).toHaveLength(6);
    const blocked = a.findings.filter((f) => f.rule === 'failover.blocked.no-quorum').map((f) => f.nodes[0]);
    expect(blocked.sort()).toEqual([idAt(t, 7000), idAt(t, 7001)].sort());
    expect(a.failovers).toEqual([]);
    const down = a.outages.filter((o) => o.scope === 'cluster');
    expect(down).toHaveLength(1);
    expect(Math.abs(ms(down[0].start) - ms(t.clusterDown[0].start))).toBeLessThanOrEqual(300);
    expect(Math.abs(ms(down[0].end!) - ms(t.clusterDown[0].end!))).toBeLessThanOrEqual(300);
  });

  it('shard lost: the master and its only replica down together', async () => {
    const name = 'shard-lost';
    const t = truthOf(name);
    const a = await analyse(subset(name, logs(name)), t.nodeTimeoutMs);
    const blocked = a.findings.filter((f) => f.rule.startsWith('failover.blocked'));
    expect(blocked.map((f) => [f.rule, f.nodes[0]])).toEqual([['failover.blocked.shard-lost', idAt(t, 7001)]]);
  });
});

describe('issue 12 – do not invent', () => {
  it('a second process that fails to listen while the first runs on is a failed start, not a restart', async () => {
    const a = analyzeTimeline(await loadTimeline(['fixtures/logs/second-start-fails'], { zone: 'UTC' }));
    expect(a.findings.map((f) => f.rule).sort()).toEqual(['node.shutdown', 'node.start-failed']);
    expect(a.outages).toEqual([]);
    expect(a.verdict).toBe('pass');
  });
});

describe('issue 12 – coverage and unrecognised input', () => {
  it('inputs in which nothing is recognised are unusable (InputError naming the file and line), not a PASS', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'failscope-blind-'));
    writeFileSync(path.join(dir, 'notes.txt'), 'the cache was slow\nwe restarted it\n');
    const { analyzeCommand } = await import('../../src/commands/analyze.ts');
    const { InputError } = await import('../../src/model/diagnostic.ts');
    await expect(analyzeCommand([dir], { format: 'text' })).rejects.toThrow(InputError);
    await expect(analyzeCommand([dir], { format: 'text' })).rejects.toThrow(
      /notes\.txt:1: nothing in the input is a Redis or Valkey log line/,
    );
  });

  it('a file in which nothing is recognised beside a real log is a warning on stderr', async () => {
    const dir = subset('master-sigkill', ['node-7004.log']);
    writeFileSync(path.join(dir, 'notes.txt'), 'the cache was slow\n');
    const { analyzeCommand } = await import('../../src/commands/analyze.ts');
    const r = await analyzeCommand([dir], { format: 'text', nodeTimeout: 2000 });
    expect(r.stderr).toMatch(/warning: .*notes\.txt: nothing in this file was recognised \(1 line unknown\)/);
    expect(r.exitCode).toBe(0);
  });

  it('the analysis lists whose logs it has and who is known only from others, with the limits that follow', async () => {
    const t = truthOf('master-sigkill');
    const a = await analyse(subset('master-sigkill', ['node-7004.log'], { dropIdentity: true }), t.nodeTimeoutMs);
    const cov = a.clusters[0].coverage;
    expect(cov.logs).toHaveLength(1);
    expect(cov.unidentified).toEqual(cov.logs);
    // The FAIL line names the old master and its sender: both known only from this replica's lines.
    expect(cov.fromOthers.sort()).toEqual([idAt(t, 7001), idAt(t, 7002)].sort());
    expect(cov.snapshots).toBe(0);
    expect(cov.limits.join(' ')).toMatch(/No CLUSTER NODES snapshot/);
    const full = await analyse(path.join(INC, 'master-sigkill'), t.nodeTimeoutMs);
    expect(full.clusters[0].coverage.fromOthers).toEqual([]);
    expect(full.clusters[0].coverage.limits).toEqual([]);
  });
});

describe('story wording', () => {
  it('a sentence that starts with a node id keeps the id as Redis prints it (lower-case hex)', async () => {
    const t = truthOf('seed2-master-stop-promote');
    const a = await analyse(path.join(INC, 'seed2-master-stop-promote'), t.nodeTimeoutMs);
    const id = idAt(t, 7004).slice(0, 8);
    expect(a.clusters[0].story).toContain(`. ${id} (127.0.0.1:7004) started an election`);
    expect(a.clusters[0].story).not.toContain(id.charAt(0).toUpperCase() + id.slice(1));
  });
});

describe("a log without its `I'm` line whose writer the evidence names", () => {
  // Valkey 8 logs "A failover occurred in shard …; node X failed over to node Y with a config epoch
  // of N" on every node: on the winner's own log, after "configEpoch set to N after successful
  // failover", it names the writer (timeline/attribute.ts pinWriter).
  const VERSION = 'fixtures/versions/valkey-8.0.1/master-sigstop';
  const t = JSON.parse(readFileSync(path.join(VERSION, 'truth.json'), 'utf8')) as Truth;

  it('is that node: one node with the file as its source, not also a writer known only from others', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'failscope-partial-pinned-'));
    const kept = readFileSync(path.join(VERSION, 'node-20004.log'), 'utf8')
      .split('\n')
      .filter((l) => !IDENTITY.test(l));
    writeFileSync(path.join(dir, 'node-20004.log'), kept.join('\n'));
    const a = await analyse(dir, t.nodeTimeoutMs);
    const winner = idAt(t, 20004);
    expect(a.failovers.map((f) => [f.oldMaster, f.newMaster])).toEqual([[idAt(t, 20001), winner]]);
    // (a path outside the working directory is shown as given)
    const source = path.join(dir, 'node-20004.log');
    // The file is the winner's, and no writer pseudo-node is left beside it.
    expect(a.nodes.filter((n) => n.sources.length > 0).map((n) => [n.id, n.sources])).toEqual([[winner, [source]]]);
    expect(a.nodes.some((n) => isWriterId(n.id))).toBe(false);
    const cov = a.clusters![0]!.coverage!;
    expect(cov.logs).toEqual([winner]);
    expect(cov.fromOthers).not.toContain(winner);
    expect(cov.fromOthers.some(isWriterId)).toBe(false);
    // …and the analysis says the identity was inferred, and from what.
    expect(cov.limits.filter((l) => l.includes(`never names its own node id`))).toEqual([
      expect.stringMatching(
        new RegExp(`^${source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} never names .* it is ${winner.slice(0, 8)}'s log: line \\d+ says`),
      ),
    ]);
  });
});
