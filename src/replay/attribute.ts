import type { TimelineEvent } from '../model/events.ts';
import type { NodeId } from '../model/ids.ts';
import type { ClusterNodesSnapshot } from '../model/snapshot.ts';
import type { ClusterTimeline, Timeline } from '../model/timeline.ts';
import { evidenceOf } from './state.ts';
import type { TraceNote } from './trace.ts';

const isOwnLog = (e: TimelineEvent) => !e.kind.startsWith('snapshot.') && !e.kind.startsWith('client.');

/**
 * Give log lines whose writer is unknown (or impossible) the one node the evidence allows.
 *
 * Pasted excerpts often lack the `I'm <id>` line, or sit in one document with another node's: then a
 * run of lines is bound to no node, or to a node that cannot have written it (a node never receives a
 * FAIL message about itself). Each run of one source's lines (cut at start-up lines and pid changes)
 * is checked against what its own lines say: a FAIL received is neither about nor from the writer;
 * a replica connecting to the master at an address is not that master, and was its replica in some
 * snapshot (or that master later replicates it: the failover happened); a node that won an election
 * is listed as a master with slots afterwards. When exactly one node of the cluster fits, the run is
 * attributed to it and a note says why; when none or several fit, contradicting runs are unbound.
 */
export function attributeEvents(cluster: ClusterTimeline): { events: TimelineEvent[]; notes: TraceNote[] } {
  const notes: TraceNote[] = [];
  const views = cluster.snapshots.filter((s): s is ClusterNodesSnapshot => s.kind === 'cluster-nodes');
  const known = new Set<NodeId>(cluster.nodes.map((n) => n.id));
  for (const v of views) for (const e of v.nodes) known.add(e.id);
  const addressOf = new Map<string, NodeId>();
  for (const n of cluster.nodes) for (const a of n.addresses) addressOf.set(a, n.id);
  for (const v of views) for (const e of v.nodes) if (e.address && !addressOf.has(e.address)) addressOf.set(e.address, e.id);

  // Runs per (source, stream) in line order.
  const order = cluster.events
    .map((e, i) => i)
    .filter((i) => isOwnLog(cluster.events[i]))
    .sort((a, b) => byLogLine(cluster.events[a], cluster.events[b]));
  const runs: number[][] = [];
  let prev: TimelineEvent | null = null;
  for (const i of order) {
    const e = cluster.events[i];
    const cut = !prev || startsRun(prev, e);
    if (cut) runs.push([]);
    runs[runs.length - 1].push(i);
    prev = e;
  }

  // Nodes writing their own log in each time window (a node writes one log at a time).
  const ownWindows = new Map<NodeId, Array<[number, number, string]>>();
  for (const run of runs) {
    const first = cluster.events[run[0]];
    if (!first.node || contradictsContent(run.map((i) => cluster.events[i]), first.node)) continue;
    const list = ownWindows.get(first.node) ?? [];
    list.push([first.at, cluster.events[run[run.length - 1]].at, first.source]);
    ownWindows.set(first.node, list);
  }

  const reassigned = new Map<number, NodeId | null>();
  for (const run of runs) {
    const evs = run.map((i) => cluster.events[i]);
    const bound = evs[0].node;
    const bad = bound !== null && (contradictsContent(evs, bound) || (known.size > 0 && !known.has(bound)));
    if (bound !== null && !bad) continue;
    const start = evs[0].at;
    const end = evs[evs.length - 1].at;
    const candidates = [...known].sort().filter((id) => {
      if (contradictsContent(evs, id)) return false;
      const w = ownWindows.get(id);
      if (w && w.some(([a, b, src]) => src !== evs[0].source && a <= end && b >= start)) return false;
      return fits(evs, id, views, addressOf);
    });
    const ev = evs.map(evidenceOf).slice(0, 3);
    if (candidates.length === 1) {
      const id = candidates[0];
      for (const i of run) reassigned.set(i, id);
      notes.push({
        kind: 'identity-inferred',
        node: id,
        message:
          bound === null
            ? `${evs[0].source}:${evs[0].line}-${evs[evs.length - 1].line}: lines bound to no node are ${id}'s: the only node their content fits`
            : `${evs[0].source}:${evs[0].line}-${evs[evs.length - 1].line}: lines bound to ${bound} cannot be its own; they are ${id}'s: the only node their content fits`,
        evidence: ev,
      });
    } else if (bad) {
      for (const i of run) reassigned.set(i, null);
      notes.push({
        kind: 'identity-contradiction',
        node: bound,
        message: `${evs[0].source}:${evs[0].line}-${evs[evs.length - 1].line}: lines bound to ${bound} cannot be its own and fit ${candidates.length} nodes; left unattributed`,
        evidence: ev,
      });
    }
  }
  if (reassigned.size === 0) return { events: cluster.events, notes };
  const events = cluster.events.map((e, i) => (reassigned.has(i) ? { ...e, node: reassigned.get(i) ?? null } : e));
  return { events, notes };
}

/** Lines that `id` cannot have written, by their content alone. */
function contradictsContent(evs: readonly TimelineEvent[], id: NodeId): boolean {
  for (const e of evs) {
    const f = e.fields;
    switch (e.kind) {
      case 'cluster.fail-received':
        if (f.subject === id || f.sender === id) return true;
        break;
      case 'cluster.fail-marked':
      case 'cluster.pfail':
      case 'cluster.fail-cleared':
      case 'vote.granted':
      case 'vote.denied':
      case 'role.replica-of':
      case 'manual.master-paused':
      case 'epoch.collision':
        if (f.subject === id) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

function fits(evs: readonly TimelineEvent[], id: NodeId, views: readonly ClusterNodesSnapshot[], addressOf: ReadonlyMap<string, NodeId>): boolean {
  for (const e of evs) {
    if ((e.kind === 'repl.connecting' || e.kind === 'repl.link-lost') && e.fields.address) {
      const master = addressOf.get(e.fields.address);
      if (!master) continue;
      if (master === id) return false;
      if (views.length === 0) continue;
      const replicaOf = views.some((v) => v.nodes.some((n) => n.id === id && n.masterId === master));
      const reversed = views.some((v) => v.at >= e.at && v.nodes.some((n) => n.id === master && n.masterId === id));
      if (!replicaOf && !reversed) return false;
    }
    if (e.kind === 'election.won') {
      const after = views.filter((v) => v.at >= e.at && v.atFrom !== 'unknown');
      if (after.length > 0 && !after.some((v) => v.nodes.some((n) => n.id === id && n.flags.includes('master') && n.slots.length > 0))) return false;
    }
  }
  return true;
}

/**
 * Move runs of log lines to the cluster they belong to. A document holding excerpts of two clusters
 * (the seed) can bind a run to a node of the wrong cluster; a run that connects to a master at an
 * address only another cluster knows, and whose bound node cannot have written it, is moved there
 * unbound, for attributeEvents to find its writer.
 */
export function rehomeRuns(timeline: Timeline): { timeline: Timeline; notes: Map<string, TraceNote[]> } {
  const notes = new Map<string, TraceNote[]>();
  if (timeline.clusters.length < 2) return { timeline, notes };
  const addrCluster = new Map<string, number>();
  timeline.clusters.forEach((c, i) => {
    for (const n of c.nodes) for (const a of n.addresses) if (!addrCluster.has(a)) addrCluster.set(a, i);
    for (const s of c.snapshots) if (s.kind === 'cluster-nodes') for (const n of s.nodes) if (n.address && !addrCluster.has(n.address)) addrCluster.set(n.address, i);
  });
  const moved = timeline.clusters.map(() => new Set<TimelineEvent>());
  const incoming = timeline.clusters.map(() => [] as TimelineEvent[]);
  timeline.clusters.forEach((c, ci) => {
    const views = c.snapshots.filter((s): s is ClusterNodesSnapshot => s.kind === 'cluster-nodes');
    const masters = new Set<NodeId>();
    for (const v of views) for (const n of v.nodes) if (n.flags.includes('master')) masters.add(n.id);
    for (const v of views) for (const n of v.nodes) if (n.flags.includes('slave')) masters.delete(n.id);
    for (const run of runsOf(c.events)) {
      const bound = run[0].node;
      const targets = new Set<number>();
      for (const e of run)
        if ((e.kind === 'repl.connecting' || e.kind === 'repl.link-lost') && e.fields.address) {
          const t = addrCluster.get(e.fields.address);
          if (t !== undefined) targets.add(t);
        }
      if (targets.size !== 1) continue;
      const [to] = [...targets];
      if (to === ci) continue;
      const wrong = bound === null || contradictsContent(run, bound) || (masters.has(bound) && run.some((e) => e.role === 'S' || e.kind === 'repl.connecting'));
      if (!wrong) continue;
      for (const e of run) {
        moved[ci].add(e);
        incoming[to].push({ ...e, node: null });
      }
      const list = notes.get(timeline.clusters[to].id) ?? [];
      list.push({
        kind: 'identity-contradiction',
        node: bound,
        message: `${run[0].source}:${run[0].line}-${run[run.length - 1].line}: lines bound to ${bound ?? 'no node'} in ${c.id} connect to a master of ${timeline.clusters[to].id}; moved there`,
        evidence: run.slice(0, 3).map(evidenceOf),
      });
      notes.set(timeline.clusters[to].id, list);
    }
  });
  if (incoming.every((x) => x.length === 0)) return { timeline, notes };
  const clusters = timeline.clusters.map((c, i) => ({
    ...c,
    events: [...c.events.filter((e) => !moved[i].has(e)), ...incoming[i]]
      .map((e, k) => ({ e, k }))
      .sort((a, b) => a.e.at - b.e.at || a.k - b.k)
      .map((x) => x.e),
  }));
  return { timeline: { ...timeline, clusters }, notes };
}

/** Own-log lines in (source, stream, line) order. */
function byLogLine(x: TimelineEvent, y: TimelineEvent): number {
  return x.source < y.source ? -1 : x.source > y.source ? 1 : (x.stream ?? '') < (y.stream ?? '') ? -1 : (x.stream ?? '') > (y.stream ?? '') ? 1 : x.line - y.line;
}

/** Whether `e` cannot continue the run `prev` ends: another file or stream, node, process (pid), or a start-up line. */
function startsRun(prev: TimelineEvent, e: TimelineEvent): boolean {
  return (
    prev.source !== e.source ||
    (prev.stream ?? '') !== (e.stream ?? '') ||
    prev.node !== e.node ||
    (e.pid !== undefined && prev.pid !== undefined && e.pid !== prev.pid && e.role !== 'C' && prev.role !== 'C') ||
    e.kind === 'node.identity' ||
    e.kind === 'server.start'
  );
}

/** Runs of one source's own-log lines in line order, cut at start-up lines, pid and binding changes. */
function runsOf(events: readonly TimelineEvent[]): TimelineEvent[][] {
  const own = events
    .filter(isOwnLog)
    .sort(byLogLine);
  const runs: TimelineEvent[][] = [];
  let prev: TimelineEvent | null = null;
  for (const e of own) {
    const cut = !prev || startsRun(prev, e) || Math.abs(e.at - prev.at) > 6 * 3600_000;
    if (cut) runs.push([]);
    runs[runs.length - 1].push(e);
    prev = e;
  }
  return runs;
}
