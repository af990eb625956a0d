// Issue #13: real recordings of every server version in fixtures/versions/<server>-<version>/<scenario>/
// (scripts/record-versions.sh). For each one: every line is accounted for and none is unknown; the
// year-less stamps of Redis 3.x/4.x land on the recorded days; and truth.json is well-formed and agrees
// with the snapshots beside it. Expected values come from truth.json, the directory names and the raw
// files (read with the small readers below), never from the code under test.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTimeline } from '../../src/pipeline.ts';
import { inLane } from '../helpers/lane.ts';

interface TruthNode {
  port: number;
  id: string;
  role: string;
  masterId: string | null;
  slots: string;
}
interface Truth {
  scenario: string;
  description: string;
  server: string;
  serverVersion: string;
  serverSource?: string;
  redisVersion: string;
  loglevel: string;
  nodeTimeoutMs: number;
  nodes: TruthNode[];
  actions: Array<{ at: string; action: string; args?: string[]; target: { port: number; id: string } }>;
  processes: Array<{
    port: number;
    pid: number;
    startedAt: string;
    exitedAt: string | null;
    exitCode: number | null;
    exitSignal: string | null;
  }>;
  probe: {
    intervalMs: number;
    timeoutMs: number;
    startedAt: string;
    stoppedAt: string;
    ranges: Array<{
      slots: string;
      key: string;
      slot: number;
      ownerAtStart: { port: number; id: string };
      writes: number;
      failedWrites: number;
      failures: Array<{ start: string; end: string | null; lastFailedAt: string; attempts: number; errors: Record<string, number> }>;
    }>;
  };
  clusterDown: Array<{ start: string; end: string | null }>;
  finalNodes: TruthNode[];
  finalTopologyFrom: number;
  finalTopology: string;
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

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const ms = (iso: string) => Date.parse(iso);

/** CLUSTER NODES text → nodes (format: redis.io cluster-nodes; 3.x has no `@cport`). */
function readNodes(text: string): Array<{ id: string; port: number; flags: string[]; masterId: string | null; slots: string[] }> {
  return text
    .split('\n')
    .filter((l) => /^[0-9a-f]{40} /.test(l))
    .map((l) => {
      const f = l.trim().split(' ');
      const addr = f[1].split('@')[0];
      return {
        id: f[0],
        port: Number(addr.slice(addr.lastIndexOf(':') + 1)),
        flags: f[2].split(','),
        masterId: f[3] === '-' ? null : f[3],
        slots: f.slice(8).filter((s) => !s.startsWith('[')),
      };
    });
}

/** Slot → owner id, from a CLUSTER NODES text's masters. */
function slotOwners(text: string): string[] {
  const owner: string[] = new Array(16384).fill('');
  for (const n of readNodes(text)) {
    if (!n.flags.includes('master')) continue;
    for (const s of n.slots) {
      const [a, b] = s.split('-').map(Number);
      for (let i = a; i <= (b ?? a); i++) owner[i] = n.id;
    }
  }
  return owner;
}

/** A snapshot file's blocks: the capture time line, then the reply text up to the next time line. */
function readBlocks(file: string): Array<{ at: string; text: string }> {
  const out: Array<{ at: string; text: string }> = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (ISO.test(line)) out.push({ at: line, text: '' });
    else if (out.length > 0) out[out.length - 1].text += `${line}\n`;
  }
  return out;
}

function ports(t: Truth): number[] {
  return t.nodes.map((n) => n.port);
}

describe('fixtures/versions', () => {
  it('holds every scenario, master-sigkill also at loglevel debug, for every version the issue lists', () => {
    const scenarios = [
      'force-failover',
      'manual-failover',
      'master-sigkill',
      'master-sigkill-debug',
      'master-sigstop',
      'replica-never-synced',
      'seed1-no-replica-segfault',
      'shard-lost',
      'takeover-failover',
      'two-masters-killed',
    ];
    const labels = [
      'redis-3.0.7',
      'redis-3.2.13',
      'redis-4.0.14',
      'redis-5.0.14',
      'redis-6.0.20',
      'redis-6.2.16',
      'redis-7.0.15',
      'redis-7.2.6',
      'redis-7.4.1',
      'valkey-7.2.7',
      'valkey-8.0.1',
      'valkey-unstable',
    ];
    expect([...new Set(recordings.map((r) => r.label))]).toEqual(labels);
    for (const l of labels)
      expect(
        recordings.filter((r) => r.label === l).map((r) => r.scenario),
        l,
      ).toEqual(scenarios);
  });
});

describe.each(checked)('$label/$scenario', ({ label, scenario, dir }) => {
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth;
  const year = new Date(ms(truth.probe.startedAt)).getUTCFullYear();
  const load = () => loadTimeline([dir], { year });

  it('accounts for every line and leaves none unknown', async () => {
    const t = await load();
    expect(t.inputs.length).toBeGreaterThan(0);
    for (const input of t.inputs) {
      expect(input.understood + input.ignored + input.unknown, input.source).toBe(input.lines);
      expect(input.unknown, `${input.source} has unknown lines`).toBe(0);
    }
  });

  it('names its server, version and loglevel, matching the directory and the logs', () => {
    const [server, version] = [label.slice(0, label.indexOf('-')), label.slice(label.indexOf('-') + 1)];
    expect(truth.server).toBe(server);
    // Valkey's unstable branch calls itself 255.255.255 (valkey src/version.h).
    expect(truth.serverVersion).toBe(version === 'unstable' ? '255.255.255' : version);
    expect(truth.scenario).toBe(scenario.replace(/-debug$/, ''));
    expect(truth.loglevel).toBe(scenario.endsWith('-debug') ? 'debug' : 'verbose');
    expect(truth.nodeTimeoutMs).toBe(2000);
    for (const p of ports(truth)) {
      const log = readFileSync(join(dir, `node-${p}.log`), 'utf8');
      expect(log, `node-${p}.log names ${truth.serverVersion}`).toContain(truth.serverVersion);
      if (truth.loglevel === 'debug') expect(log).toMatch(/^\d+:[MSC] .* \. /m); // debug-level lines are there
    }
  });

  it('puts every log line in the recorded run of its process (year-less 3.x/4.x stamps included)', async () => {
    const t = await load();
    const first = Math.min(...truth.processes.map((p) => ms(p.startedAt)));
    for (const p of ports(truth)) {
      const raw = readFileSync(join(dir, `node-${p}.log`), 'utf8')
        .split('\n')
        .filter((l) => /^\d+:[MSCX] /.test(l));
      // 3.x and 4.x write `pid:R dd Mon HH:MM:SS.mmm` without a year (redis 4.0.14 src/server.c
      // serverLogRaw "%d %b %H:%M:%S."); 5.0 added it ("%d %b %Y %H:%M:%S.").
      const yearless = /^redis-[34]\./.test(label);
      const stamp = yearless
        ? /^\d+:[MSCX] \d\d [A-Z][a-z]{2} \d\d:\d\d:\d\d\.\d{3} [.\-*#] /
        : /^\d+:[MSCX] \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d\.\d{3} [.\-*#] /;
      for (const l of raw) expect(l, `node-${p}.log stamp`).toMatch(stamp);
      const runs = truth.processes.filter((r) => r.port === p);
      const own = t.events.filter((e) => e.source.endsWith(`/node-${p}.log`));
      expect(own.length).toBeGreaterThan(0);
      for (const e of own) {
        const run = runs.find((r) => r.pid === e.pid);
        expect(run, `${e.source}:${e.line} pid ${e.pid} is a recorded process`).toBeDefined();
        // Log stamps are written before the line reaches the file, within a few ms of the event itself;
        // allow 1 s before the spawn (the recorder stamps after spawn()) and after the exit.
        expect(e.at, `${e.source}:${e.line} after its process started`).toBeGreaterThanOrEqual(ms(run!.startedAt) - 1000);
        const end = run!.exitedAt === null ? ms(truth.probe.stoppedAt) + 10_000 : ms(run!.exitedAt);
        expect(e.at, `${e.source}:${e.line} before its process ended`).toBeLessThanOrEqual(end + 1000);
        expect(e.at).toBeGreaterThanOrEqual(first - 1000);
      }
    }
  });

  it('has a well-formed truth.json', () => {
    expect(Object.keys(truth).slice(0, 4)).toEqual(['scenario', 'description', 'server', 'serverVersion']);
    expect(truth.nodes.map((n) => n.port)).toEqual([...ports(truth)].sort((a, b) => a - b));
    const ids = new Set(truth.nodes.map((n) => n.id));
    for (const n of truth.nodes) {
      expect(n.id).toMatch(/^[0-9a-f]{40}$/);
      if (n.role === 'replica') expect(ids.has(n.masterId!)).toBe(true);
    }
    // Actions: in time order, inside the probe's run, on known nodes.
    const at = truth.actions.map((a) => ms(a.at));
    expect(at).toEqual([...at].sort((a, b) => a - b));
    for (const a of truth.actions) {
      expect(a.at).toMatch(ISO);
      expect(truth.nodes.find((n) => n.port === a.target.port)?.id).toBe(a.target.id);
      expect(ms(a.at)).toBeGreaterThan(ms(truth.probe.startedAt));
      expect(ms(a.at)).toBeLessThan(ms(truth.probe.stoppedAt));
    }
    // Processes: one initial run per node, then one per START of that node; each SIGKILL/SIGTERM/DEBUG
    // SEGFAULT ends the run it hit.
    for (const p of ports(truth)) {
      const runs = truth.processes.filter((r) => r.port === p);
      const starts = truth.actions.filter((a) => a.action === 'START' && a.target.port === p);
      expect(runs.length, `runs of ${p}`).toBe(1 + starts.length);
      expect(ms(runs[0].startedAt)).toBeLessThan(ms(truth.probe.startedAt));
      const kills = truth.actions.filter((a) => ['SIGKILL', 'SIGTERM', 'DEBUG SEGFAULT'].includes(a.action) && a.target.port === p);
      for (const k of kills) {
        const hit = runs.find((r) => ms(r.startedAt) <= ms(k.at) && r.exitedAt !== null && ms(r.exitedAt) >= ms(k.at));
        expect(hit, `${k.action} on ${p} ended a run`).toBeDefined();
        const expected = k.action === 'SIGKILL' ? 'SIGKILL' : k.action === 'DEBUG SEGFAULT' ? 'SIGSEGV' : null;
        if (expected) expect(hit!.exitSignal).toBe(expected);
      }
      expect(runs.at(-1)!.exitedAt, `${p} still runs at the end`).toBeNull();
    }
    // Probe: one range per master at the start, covering all 16384 slots; failures well-ordered.
    const startMasters = truth.nodes.filter((n) => n.role === 'master');
    expect(truth.probe.ranges.map((r) => r.slots).sort()).toEqual(startMasters.map((m) => m.slots).sort());
    for (const r of truth.probe.ranges) {
      expect(startMasters.find((m) => m.slots === r.slots)?.id).toBe(r.ownerAtStart.id);
      const [a, b] = r.slots.split('-').map(Number);
      expect(r.slot).toBeGreaterThanOrEqual(a);
      expect(r.slot).toBeLessThanOrEqual(b);
      expect(r.writes).toBeGreaterThan(r.failedWrites);
      expect(r.failures.reduce((s, f) => s + f.attempts, 0)).toBe(r.failedWrites);
      for (const f of r.failures) {
        expect(ms(f.start)).toBeLessThanOrEqual(ms(f.lastFailedAt));
        if (f.end !== null) expect(ms(f.lastFailedAt)).toBeLessThan(ms(f.end));
        expect(Object.values(f.errors).reduce((s, n) => s + n, 0)).toBe(f.attempts);
      }
    }
    expect(new Set(truth.probe.ranges.flatMap((r) => r.slots)).size).toBe(3);
  });

  it('agrees with the snapshots: final topology, slot owners, node timeout', () => {
    // finalNodes is the parsed finalTopology, seen from finalTopologyFrom (its myself line).
    const final = readNodes(truth.finalTopology);
    expect(final.find((n) => n.flags.includes('myself'))?.port).toBe(truth.finalTopologyFrom);
    expect(final.map((n) => n.id).sort()).toEqual(truth.finalNodes.map((n) => n.id).sort());
    for (const n of truth.finalNodes) {
      const f = final.find((x) => x.id === n.id)!;
      expect(f.flags.includes('master') ? 'master' : 'replica').toBe(n.role);
      expect(f.masterId).toBe(n.masterId);
    }
    const owners = slotOwners(truth.finalTopology);
    expect(owners.every((o) => o !== '')).toBe(true);
    // The last CLUSTER NODES block of every node's snapshot file shows the same slot owners.
    for (const p of ports(truth)) {
      const blocks = readBlocks(join(dir, `snapshots-${p}.txt`));
      const nodesBlocks = blocks.filter((b) => /^[0-9a-f]{40} /.test(b.text));
      expect(nodesBlocks.length, `snapshots-${p}.txt has CLUSTER NODES blocks`).toBeGreaterThan(0);
      const last = nodesBlocks.at(-1)!;
      expect(slotOwners(last.text), `last CLUSTER NODES of ${p} (${last.at})`).toEqual(owners);
      // The first one shows the starting topology.
      const firstOwners = slotOwners(nodesBlocks[0].text);
      for (const m of truth.nodes.filter((n) => n.role === 'master')) {
        const [a, b] = m.slots.split('-').map(Number);
        expect(firstOwners[a]).toBe(m.id);
        expect(firstOwners[b]).toBe(m.id);
      }
      // One CONFIG GET cluster-node-timeout block, as redis-cli prints it.
      const config = blocks.filter((b) => b.text.startsWith('1) "cluster-node-timeout"'));
      expect(config.map((b) => b.text)).toEqual([`1) "cluster-node-timeout"\n2) "${truth.nodeTimeoutMs}"\n`]);
    }
    // Each replica at the end replicates a master of the final topology.
    for (const n of truth.finalNodes.filter((x) => x.role === 'replica'))
      expect(truth.finalNodes.find((m) => m.id === n.masterId)?.role).toBe('master');
  });
});
