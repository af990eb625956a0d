import type { TimelineEvent } from '../model/events.ts';
import { isMasterAtId, type Address, type NodeId } from '../model/ids.ts';
import type { Snapshot } from '../model/snapshot.ts';
import type { ClusterTimeline } from '../model/timeline.ts';
import { deriveTrace } from './derive.ts';
import { applySnapshot } from './snapshots.ts';
import { evidenceOf, ReplayState } from './state.ts';
import type { FailedStartFact, Trace, TraceNote } from './trace.ts';
import { transitions, votedPromotions } from './transitions.ts';
import { groupBy } from '../util/sorted.ts';

export interface ReplayOptions {
  /** cluster-node-timeout in ms, when the caller knows it (used to bound fault moments). */
  nodeTimeoutMs?: number;
  /** Notes made before the replay (identity inference in the timeline stage: timeline/resolve.ts), kept in the trace. */
  notes?: TraceNote[];
  /** Addresses the lines imply beyond those of the cluster's nodes (timeline/resolve.ts), after them. */
  addresses?: ReadonlyArray<[Address, NodeId]>;
}

/** Kinds that are a node's own server-log lines (signs of life of that node). */
export function isOwnLogEvent(e: TimelineEvent): boolean {
  return !e.kind.startsWith('snapshot.') && !e.kind.startsWith('client.');
}

/**
 * Replay one cluster: drive the state machine over its log events and snapshots in time order, then
 * derive the lanes. The cluster is taken as it is: the timeline stage has already bound lines to
 * their writers and corrected the clocks (timeline/resolve.ts; pipeline.ts composes the two). Pure:
 * the input is not modified, and the same input gives the same trace.
 */
export function replayCluster(cluster: ClusterTimeline, opts: ReplayOptions = {}): Trace {
  const events = cluster.events;
  const addresses: Array<[Address, NodeId]> = [];
  for (const n of cluster.nodes) for (const a of n.addresses) addresses.push([a, n.id]);
  addresses.push(...(opts.addresses ?? []));
  const nodeIds = new Set<NodeId>(cluster.nodes.map((n) => n.id));
  // One pass over the events before the replay: the nodes with a log, the side processes, and
  // whether every time is known.
  const pre = prepass(events);
  const withLog = pre.withLog;
  for (const id of withLog) nodeIds.add(id);
  // A master known only by its address (timeline/resolve.ts) is a node of the analysis.
  for (const [, id] of opts.addresses ?? []) if (isMasterAtId(id)) nodeIds.add(id);
  const s = new ReplayState([...nodeIds].sort(), addresses, withLog);
  s.notes.push(...(opts.notes ?? []));

  for (const [reporter, infos] of groupBy(cluster.snapshots, (x) =>
    x.kind === 'cluster-info' && x.reporter && Number.isFinite(x.at) ? x.reporter : null,
  ))
    s.infoReporters.set(
      reporter,
      infos.map((x) => x.at),
    );
  const side = pre.side;
  for (const f of side.facts) s.failedStarts.push(f);
  const evs = pre.allFinite && side.events.size === 0 ? events : events.filter((e) => Number.isFinite(e.at) && !side.events.has(e));
  const snaps = cluster.snapshots.filter((x) => Number.isFinite(x.at));
  let i = 0;
  let j = 0;
  // Merge by time; at equal times log lines go first (a snapshot shows their effect).
  while (i < evs.length || j < snaps.length) {
    if (j >= snaps.length || (i < evs.length && evs[i].at <= snaps[j].at)) step(s, evs[i++]);
    else applySnapshot(s, snaps[j++] as Snapshot);
  }
  votedPromotions(s);
  return deriveTrace(s, cluster, opts);
}

function step(s: ReplayState, ev: TimelineEvent): void {
  s.touch(ev.at);
  const node = ev.node;
  if (node && isOwnLogEvent(ev)) {
    const n = s.node(node);
    const pid = ev.pid ?? null;
    // A new pid of the main process is a restart even when the start-up lines were not collected.
    if (
      pid !== null &&
      n.pid !== null &&
      pid !== n.pid &&
      ev.role !== 'C' &&
      ev.kind !== 'server.start' &&
      ev.kind !== 'node.identity' &&
      ev.kind !== 'server.logo'
    )
      s.lifecycle.push({ node, kind: 'start', at: ev.at, pid, evidence: s.evidence(ev) });
    if (pid !== null && ev.role !== 'C') n.pid = pid;
    s.alive(node, ev.at, s.evidence(ev), ev.role === 'C' ? null : pid);
    // "S" in the prefix: the line was written while this node replicated a master (server.masterhost
    // set). Only a hint for a node whose role is unknown: a winner still logs "S" until it switches.
    // "M" likewise: redis (3.0+ serverLogRaw) writes `server.masterhost ? 'S' : 'M'`, so a node whose
    // role nothing else told is a master while it logs "M" — until a line or snapshot says more.
    if (ev.role === 'S' && (n.role === 'unknown' || (n.roleHint && n.role === 'master'))) {
      s.setRole(node, ev.at, 'replica', n.masterId, true);
      n.roleHint = true;
    } else if (ev.role === 'M' && n.role === 'unknown') {
      s.setRole(node, ev.at, 'master', null, true);
      n.roleHint = true;
    }
  }
  transitions[ev.kind](s, ev, node);
}

/**
 * Processes of a node that started while another process of it kept logging, and exited: a second
 * `redis-server` on the same port and log file fails ("Failed listening on port 7001 (TCP),
 * aborting.", redis 7.0 server.c initServer) while the first one runs on. Its lines are no restart of
 * the node (a pid change is a restart only when the old process stopped): they are left out of the
 * replay and reported as a failed start.
 *
 * Found in the same pass as the nodes that have a log of their own (`withLog`) and whether every
 * event's time is known (`allFinite`): each pass over a large cluster's events costs more in memory
 * traffic than in work.
 */
function prepass(events: readonly TimelineEvent[]): {
  withLog: Set<NodeId>;
  allFinite: boolean;
  side: { events: Set<TimelineEvent>; facts: FailedStartFact[] };
} {
  const withLog = new Set<NodeId>();
  let allFinite = true;
  // Per node (in order of its first own line with a pid), per pid: the positions of its first and
  // last own line in `events`.
  const byNode = new Map<NodeId, Map<number, { first: number; last: number }>>();
  let lastNode: NodeId | null = null;
  let spans: Map<number, { first: number; last: number }> | undefined;
  let lastPid: number | undefined;
  let span: { first: number; last: number } | undefined;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (allFinite && !Number.isFinite(e.at)) allFinite = false;
    const node = e.node;
    if (!node || !isOwnLogEvent(e)) continue;
    withLog.add(node);
    const pid = e.pid;
    if (pid === undefined) continue;
    if (node !== lastNode) {
      lastNode = node;
      spans = byNode.get(node);
      if (!spans) byNode.set(node, (spans = new Map()));
      lastPid = undefined;
    }
    if (pid !== lastPid) {
      lastPid = pid;
      span = spans!.get(pid);
      if (!span) spans!.set(pid, (span = { first: i, last: i }));
    }
    span!.last = i;
  }
  const out = new Set<TimelineEvent>();
  const facts: FailedStartFact[] = [];
  for (const [node, span] of byNode) {
    if (span.size < 2) continue;
    for (const [pid, x] of span) {
      const lastEv = events[x.last];
      if (lastEv.kind !== 'server.exit') continue;
      // Another pid logged before this one began and again after it ended.
      const running = [...span].find(([q, y]) => q !== pid && y.first < x.first && y.last > x.last);
      if (!running) continue;
      for (let i = x.first; i <= x.last; i++) {
        const e = events[i];
        if (e.pid === pid && e.node === node && isOwnLogEvent(e)) out.add(e);
      }
      facts.push({
        node,
        pid,
        runningPid: running[0],
        at: events[x.first].at,
        reason: lastEv.text,
        evidence: [evidenceOf(events[x.first]), evidenceOf(lastEv)],
      });
    }
  }
  return { withLog, allFinite, side: { events: out, facts } };
}
