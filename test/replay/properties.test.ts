import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_KINDS, type EventFields, type TimelineEvent } from '../../src/model/events.ts';
import type { NodeEntry, NodeFlag, Snapshot } from '../../src/model/snapshot.ts';
import type { ClusterTimeline } from '../../src/model/timeline.ts';
import { SLOT_COUNT } from '../../src/model/slots.ts';
import { replayCluster } from '../../src/replay/index.ts';
import type { Trace } from '../../src/replay/index.ts';
import { analyzeTimeline } from '../../src/pipeline.ts';
import { nid, T0 } from '../helpers/hand-timeline.ts';

const NODES = ['a', 'b', 'c', 'd', 'e', 'f'].map(nid);
const ADDRS = NODES.map((_, i) => `127.0.0.1:${7000 + i}`);
const node = fc.constantFrom(...NODES);
const maybeNode = fc.option(node, { nil: null });
const range = fc
  .tuple(fc.integer({ min: -5, max: SLOT_COUNT + 5 }), fc.integer({ min: 0, max: 6000 }))
  .map(([s, n]) => ({ start: s, end: s + n }));

const fields: fc.Arbitrary<EventFields> = fc.record(
  {
    subject: node,
    sender: node,
    epoch: fc.integer({ min: 0, max: 12 }),
    rank: fc.integer({ min: 0, max: 3 }),
    offset: fc.integer({ min: 0, max: 100000 }),
    delayMs: fc.integer({ min: 0, max: 3000 }),
    state: fc.constantFrom('ok' as const, 'fail' as const),
    reason: fc.constantFrom('Connection refused', 'its master is up', 'already voted for epoch 3', 'x'),
    address: fc.constantFrom(...ADDRS, '10.0.0.1:1'),
    signal: fc.constantFrom(9, 11, 15),
    pid: fc.integer({ min: 1, max: 4 }),
    nodeTimeoutMs: fc.integer({ min: 100, max: 20000 }),
    command: fc.constantFrom('debug segfault', 'set a b', 'CLUSTERDOWN The cluster is down'),
  },
  { requiredKeys: [] },
);

const event = fc.record({
  dt: fc.integer({ min: 0, max: 3000 }),
  node: maybeNode,
  kind: fc.constantFrom(...EVENT_KINDS),
  fields,
  pid: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  role: fc.option(fc.constantFrom('M' as const, 'S' as const, 'C' as const), { nil: undefined }),
  source: fc.constantFrom('a.log', 'b.log', 'c.log', 'doc.md'),
});

const entry = fc.record({
  id: node,
  master: fc.boolean(),
  masterId: maybeNode,
  flags: fc.subarray(['fail', 'fail?', 'nofailover', 'handshake'] as NodeFlag[]),
  pingSent: fc.integer({ min: 0, max: 200000 }),
  pongRecv: fc.integer({ min: 0, max: 200000 }),
  configEpoch: fc.integer({ min: 0, max: 12 }),
  connected: fc.boolean(),
  slots: fc.array(range, { maxLength: 3 }),
});

const snapshot = fc.record({
  dt: fc.integer({ min: 0, max: 200000 }),
  kind: fc.constantFrom('cluster-nodes', 'cluster-info', 'config', 'replication'),
  reporter: maybeNode,
  atFrom: fc.constantFrom('stamp' as const, 'inferred' as const, 'unknown' as const),
  entries: fc.array(entry, { maxLength: 6 }),
  state: fc.constantFrom('ok', 'fail', 'weird'),
});

function build(evs: Array<fc.ValueOf<typeof event>>, snaps: Array<fc.ValueOf<typeof snapshot>>): ClusterTimeline {
  let t = T0;
  const events: TimelineEvent[] = evs.map((e, i) => {
    t += e.dt;
    return {
      at: t,
      node: e.node,
      kind: e.kind,
      fields: e.fields,
      text: e.kind,
      source: e.source,
      line: i + 1,
      ...(e.pid !== undefined ? { pid: e.pid } : {}),
      ...(e.role ? { role: e.role } : {}),
    };
  });
  const snapshots: Snapshot[] = snaps
    .map((s, i): Snapshot => {
      const base = {
        at: T0 + s.dt,
        atFrom: s.atFrom,
        source: 'snap.txt',
        line: 1000 + i,
        endLine: 1000 + i,
        reporter: s.reporter,
        reporterAddress: null,
      };
      if (s.kind === 'cluster-nodes')
        return {
          ...base,
          kind: 'cluster-nodes',
          nodes: s.entries.map((e, j): NodeEntry => ({
            id: e.id,
            address: ADDRS[NODES.indexOf(e.id)],
            busPort: null,
            hostname: null,
            flags: [...(e.id === s.reporter ? (['myself'] as NodeFlag[]) : []), e.master ? 'master' : 'slave', ...e.flags],
            masterId: e.master ? null : e.masterId,
            pingSent: e.pingSent ? T0 + e.pingSent : 0,
            pongRecv: e.pongRecv ? T0 + e.pongRecv : 0,
            configEpoch: e.configEpoch,
            linkState: e.connected ? 'connected' : 'disconnected',
            slots: e.master ? e.slots : [],
            openSlots: [],
            line: j,
          })),
        };
      if (s.kind === 'cluster-info') return { ...base, kind: 'cluster-info', fields: { cluster_state: s.state, cluster_my_epoch: '3' } };
      if (s.kind === 'config') return { ...base, kind: 'config', params: { 'cluster-node-timeout': String(s.entries.length * 1000) } };
      return { ...base, kind: 'replication', fields: { role: s.state === 'ok' ? 'master' : 'slave', master_repl_offset: '12' } };
    })
    .sort((a, b) => a.at - b.at);
  return { id: 'cluster-1', nodes: NODES.map((id, i) => ({ id, addresses: [ADDRS[i]], sources: [] })), events, snapshots };
}

const timelines = fc.tuple(fc.array(event, { maxLength: 60 }), fc.array(snapshot, { maxLength: 12 })).map(([e, s]) => build(e, s));

/** For every elementary slot interval: spans that hold it never overlap and leave no gap once known. */
function checkOwnership(trace: Trace): string | null {
  const cuts = new Set<number>([0, SLOT_COUNT]);
  for (const o of trace.ownership)
    for (const r of o.slots) {
      cuts.add(r.start);
      cuts.add(r.end + 1);
      if (r.start < 0 || r.end >= SLOT_COUNT || r.start > r.end) return `bad range ${r.start}-${r.end}`;
    }
  const bounds = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < bounds.length; i++) {
    const slot = bounds[i];
    const spans = trace.ownership.filter((o) => o.slots.some((r) => r.start <= slot && slot <= r.end)).sort((a, b) => a.start - b.start);
    for (let j = 0; j < spans.length; j++) {
      const s = spans[j];
      if (s.end !== null && s.end <= s.start) return `empty span for slot ${slot}`;
      const next = spans[j + 1];
      if (!next) {
        if (s.end !== null) return `slot ${slot} lost at ${s.end}`;
        continue;
      }
      if (s.end === null || s.end !== next.start) return `slot ${slot}: span ending ${s.end} followed by one starting ${next.start}`;
    }
  }
  return null;
}

describe('replay properties', () => {
  it('never throws, and is deterministic and pure', () => {
    fc.assert(
      fc.property(timelines, fc.option(fc.integer({ min: 100, max: 20000 }), { nil: undefined }), (cluster, nt) => {
        const before = JSON.stringify(cluster);
        const a = replayCluster(cluster, nt === undefined ? {} : { nodeTimeoutMs: nt });
        const b = replayCluster(cluster, nt === undefined ? {} : { nodeTimeoutMs: nt });
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        expect(JSON.stringify(cluster)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('slot ownership never loses a slot and never has two owners at once', () => {
    fc.assert(
      fc.property(timelines, (cluster) => {
        expect(checkOwnership(replayCluster(cluster))).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('the whole analysis never throws either', () => {
    fc.assert(
      fc.property(timelines, (cluster) => {
        const a = analyzeTimeline({ clusters: [cluster], events: cluster.events, inputs: [], diagnostics: [], clockOffsets: [] });
        expect(['pass', 'fail']).toContain(a.verdict);
      }),
      { numRuns: 200 },
    );
  });
});
