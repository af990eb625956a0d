// Build timelines by hand for replay/verdict unit tests (no parser involved).
import type { EventFields, EventKind, RoleChar, TimelineEvent } from '../../src/model/events.ts';
import type { NodeId } from '../../src/model/ids.ts';
import type { ClusterNodesSnapshot, ConfigSnapshot, NodeEntry, NodeFlag, Snapshot } from '../../src/model/snapshot.ts';
import type { ClusterTimeline, Timeline } from '../../src/model/timeline.ts';
import { parseRanges } from '../../src/model/slots.ts';

/** Readable 40-hex node ids: `nid('a')` = 'aaaa…'. */
export const nid = (c: string): NodeId => c.repeat(40).slice(0, 40);

export const T0 = Date.UTC(2024, 0, 1, 12, 0, 0, 0);
/** Seconds after T0 (fractions allowed) → epoch ms. */
export const sec = (s: number) => T0 + Math.round(s * 1000);

let lineNo = 0;
export function resetLines(): void {
  lineNo = 0;
}

export interface EvOpts {
  source?: string;
  line?: number;
  pid?: number;
  role?: RoleChar;
  text?: string;
  address?: string;
}

export function ev(at: number, node: NodeId | null, kind: EventKind, fields: EventFields = {}, o: EvOpts = {}): TimelineEvent {
  return {
    at,
    node,
    kind,
    fields,
    text: o.text ?? kind,
    source: o.source ?? (node ? `node-${node.slice(0, 4)}.log` : 'unknown.log'),
    line: o.line ?? ++lineNo,
    ...(o.pid !== undefined ? { pid: o.pid } : {}),
    ...(o.role !== undefined ? { role: o.role } : {}),
    ...(o.address !== undefined ? { address: o.address } : {}),
  };
}

/**
 * A CLUSTER NODES snapshot from lines in Redis's own format
 * (`id ip:port@cport flags master ping pong epoch link slots…`).
 */
export function nodesSnap(
  at: number,
  text: string,
  o: { source?: string; line?: number; atFrom?: 'stamp' | 'inferred' | 'unknown' } = {},
): ClusterNodesSnapshot {
  const line0 = o.line ?? ++lineNo;
  const nodes: NodeEntry[] = text
    .trim()
    .split('\n')
    .map((l, i) => {
      const p = l.trim().split(/\s+/);
      const [addr] = p[1].split('@');
      return {
        id: p[0],
        address: addr,
        busPort: Number(p[1].split('@')[1] ?? 0),
        hostname: null,
        flags: p[2].split(',') as NodeFlag[],
        masterId: p[3] === '-' ? null : p[3],
        pingSent: Number(p[4]),
        pongRecv: Number(p[5]),
        configEpoch: Number(p[6]),
        linkState: p[7] as 'connected' | 'disconnected',
        slots: parseRanges(p.slice(8).join(',')),
        openSlots: [],
        line: line0 + i,
      };
    });
  const me = nodes.find((n) => n.flags.includes('myself'));
  return {
    kind: 'cluster-nodes',
    at,
    atFrom: o.atFrom ?? 'stamp',
    source: o.source ?? 'snapshots.txt',
    line: line0,
    endLine: line0 + nodes.length - 1,
    reporter: me ? me.id : null,
    reporterAddress: me ? me.address : null,
    nodes,
  };
}

export function configSnap(at: number, reporter: NodeId | null, params: Record<string, string>, source = 'config.txt'): ConfigSnapshot {
  const line = ++lineNo;
  return { kind: 'config', at, atFrom: 'stamp', source, line, endLine: line, reporter, reporterAddress: null, params };
}

export function clusterOf(
  events: TimelineEvent[],
  snapshots: Snapshot[] = [],
  addresses: Record<NodeId, string> = {},
  id = 'cluster-1',
): ClusterTimeline {
  const ids = new Set<NodeId>();
  for (const e of events) if (e.node) ids.add(e.node);
  for (const s of snapshots) if (s.kind === 'cluster-nodes') for (const n of s.nodes) ids.add(n.id);
  for (const k of Object.keys(addresses)) ids.add(k);
  const sorted = [...events].sort((a, b) => a.at - b.at);
  return {
    id,
    nodes: [...ids].sort().map((n) => ({
      id: n,
      addresses: addresses[n] ? [addresses[n]] : [],
      sources: [...new Set(events.filter((e) => e.node === n).map((e) => e.source))].sort(),
    })),
    events: sorted,
    snapshots: [...snapshots].sort((a, b) => a.at - b.at),
  };
}

export function timelineOf(...clusters: ClusterTimeline[]): Timeline {
  const events = clusters.flatMap((c) => c.events).sort((a, b) => a.at - b.at);
  const sources = new Map<string, number>();
  for (const e of events) sources.set(e.source, (sources.get(e.source) ?? 0) + 1);
  for (const c of clusters) for (const s of c.snapshots) sources.set(s.source, (sources.get(s.source) ?? 0) + 1);
  return {
    clusters,
    events,
    inputs: [...sources].sort().map(([source, n]) => ({ source, kind: 'redis-log', lines: n, understood: n, ignored: 0, unknown: 0 })),
    diagnostics: [],
    clockOffsets: [],
  };
}
