import type { ClusterAnalysis, EventKind, NodeSummary, TimelineEvent } from '../../../src/model/index.ts';
import { analysisOf, type ReportCase } from './build.ts';

const KINDS: EventKind[] = ['log.other', 'repl.partial', 'master.replica-sync-request', 'repl.sync-error', 'cluster.state', 'server.ready'];

function hexId(n: number): string {
  return (n.toString(16).padStart(8, '0') + 'a'.repeat(32)).slice(0, 40);
}

/**
 * A synthetic large cluster over one day: `masters` masters with their replicas, a failover every few
 * hours, and `eventsPerNode` log lines per node spread over the day. Deterministic (no randomness).
 */
export function largeCase(opts: { masters: number; replicasPerMaster: number; eventsPerNode: number; failovers?: number }): ReportCase {
  const day0 = Date.parse('2024-03-01T00:00:00.000Z');
  const dayMs = 86_400_000;
  const iso = (t: number) => new Date(t).toISOString();
  const nodes: NodeSummary[] = [];
  const masters: string[] = [];
  const replicaOf = new Map<string, string>();
  let n = 0;
  for (let m = 0; m < opts.masters; m++) {
    const id = hexId(n++);
    masters.push(id);
    nodes.push({ id, addresses: [`10.0.${Math.floor(m / 200)}.${m % 200}:7000`], sources: [`logs/${id.slice(0, 8)}.log`] });
    for (let r = 0; r < opts.replicasPerMaster; r++) {
      const rid = hexId(n++);
      replicaOf.set(rid, id);
      nodes.push({ id: rid, addresses: [`10.1.${Math.floor(m / 200)}.${m % 200}:${7001 + r}`], sources: [`logs/${rid.slice(0, 8)}.log`] });
    }
  }
  const start = iso(day0);
  const end = iso(day0 + dayMs - 1);
  const per = Math.floor(16384 / opts.masters);
  const slotsOf = (m: number) => `${m * per}-${m === opts.masters - 1 ? 16383 : (m + 1) * per - 1}`;
  const cluster: ClusterAnalysis = {
    id: 'cluster-1',
    nodes,
    span: { start, end },
    coverage: { logs: [], fromOthers: [], unidentified: [], snapshots: 1, limits: [] },
    story: `A synthetic day of a ${nodes.length}-node cluster.`,
    failovers: [],
    outages: [],
    findings: [],
    roles: [],
    ownership: [],
    states: [],
  };
  const failing = new Set<number>();
  const count = Math.min(opts.failovers ?? 5, opts.masters);
  for (let k = 0; k < count; k++) failing.add(Math.floor((k * opts.masters) / count));
  const events: TimelineEvent[] = [];
  masters.forEach((id, m) => {
    const rid = [...replicaOf].find(([, mm]) => mm === id)?.[0];
    if (failing.has(m) && rid) {
      const t0 = day0 + (m + 1) * Math.floor(dayMs / (opts.masters + 2));
      const fail = t0 + 15_000;
      const elect = fail + 600;
      const won = elect + 40;
      cluster.failovers.push({
        cluster: 'cluster-1',
        kind: 'automatic',
        oldMaster: id,
        newMaster: rid,
        epoch: 1000 + m,
        slots: slotsOf(m),
        startedAt: iso(t0),
        startedAtBounds: [iso(t0 - 200), iso(t0)],
        startedAtFrom: 'link-lost',
        failMarkedAt: iso(fail),
        electionStartedAt: iso(elect),
        promotedAt: iso(won),
        timingsMs: { detection: 15_000, election: 640, unavailable: won - t0 },
        evidence: [{ source: `logs/${rid.slice(0, 8)}.log`, line: 1 }],
      });
      cluster.outages.push({
        cluster: 'cluster-1',
        scope: 'slots',
        slots: slotsOf(m),
        nodes: [id],
        start: iso(t0),
        end: iso(won),
        durationMs: won - t0,
        cause: 'failover.completed',
      });
      cluster.findings.push({
        rule: 'failover.completed',
        severity: 'info',
        message: `failover of master ${m}`,
        at: iso(won),
        nodes: [id, rid],
        evidence: [{ source: `logs/${rid.slice(0, 8)}.log`, line: 1 }],
      });
      cluster.roles.push(
        { node: id, role: 'master', start, end: iso(t0) },
        { node: id, role: 'down', start: iso(t0), end: iso(fail) },
        { node: id, role: 'fail', start: iso(fail), end: iso(t0 + 600_000) },
        { node: id, role: 'replica', masterId: rid, start: iso(t0 + 600_000), end: null },
      );
      cluster.roles.push(
        { node: rid, role: 'replica', masterId: id, start, end: iso(won) },
        { node: rid, role: 'master', start: iso(won), end: null },
      );
      cluster.ownership.push(
        { slots: slotsOf(m), owner: id, epoch: m, start, end: iso(t0) },
        { slots: slotsOf(m), owner: null, epoch: null, start: iso(t0), end: iso(won) },
        { slots: slotsOf(m), owner: rid, epoch: 1000 + m, start: iso(won), end: null },
      );
      for (const node of masters) {
        cluster.states.push(
          { node, state: 'ok', start, end: iso(fail) },
          { node, state: 'fail', start: iso(fail), end: iso(won) },
          { node, state: 'ok', start: iso(won), end: null },
        );
      }
    } else {
      cluster.roles.push({ node: id, role: 'master', start, end: null });
      if (rid) cluster.roles.push({ node: rid, role: 'replica', masterId: id, start, end: null });
      cluster.ownership.push({ slots: slotsOf(m), owner: id, epoch: m, start, end: null });
    }
  });
  const step = Math.floor(dayMs / Math.max(1, opts.eventsPerNode));
  nodes.forEach((node, i) => {
    const source = node.sources[0];
    for (let k = 0; k < opts.eventsPerNode; k++) {
      const kind = KINDS[(i + k) % KINDS.length];
      events.push({
        at: day0 + k * step + i,
        node: node.id,
        kind,
        fields: {},
        text: `${kind === 'log.other' ? 'DB saved on disk' : 'Partial resynchronization request from 10.1.0.1:7001 accepted. Sending 1234 bytes of backlog starting from offset'} ${k}`,
        source,
        line: k + 1,
      });
    }
  });
  events.sort((a, b) => a.at - b.at || (a.source < b.source ? -1 : 1));
  const timeline = {
    clusters: [{ id: 'cluster-1', nodes, events, snapshots: [] }],
    events,
    inputs: nodes.map((nd) => ({
      source: nd.sources[0],
      kind: 'redis-log' as const,
      forms: ['redis-v5'],
      lines: opts.eventsPerNode,
      understood: opts.eventsPerNode,
      ignored: 0,
      unknown: 0,
    })),
    diagnostics: [],
    clockOffsets: [],
  };
  return { analysis: analysisOf([cluster], timeline), timeline };
}
