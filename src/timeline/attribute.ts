import type { TimelineEvent } from '../model/events.ts';
import { isWriterId, masterAt, WRITER_PREFIX, type NodeId } from '../model/ids.ts';
import type { Evidence } from '../model/analysis.ts';
import type { ClusterNodesSnapshot } from '../model/snapshot.ts';
import type { ClusterTimeline, Timeline } from '../model/timeline.ts';
import { evidenceOf } from './evidence.ts';
import { isServerLogKind } from './bind.ts';
import type { TraceNote } from '../model/timeline.ts';
import { groupBy } from '../util/sorted.ts';
import { KindIndex } from './kind-index.ts';

const isOwnLog = (e: TimelineEvent) => isServerLogKind(e.kind);

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
  const order = logLineOrder(cluster.events);
  const runs: number[][] = [];
  let prev: TimelineEvent | null = null;
  for (const i of order) {
    const e = cluster.events[i];
    const cut = !prev || startsRun(prev, e);
    if (cut) runs.push([]);
    runs[runs.length - 1].push(i);
    prev = e;
  }
  // Each run's events, and whether its bound node cannot have written it: both asked twice below.
  const runEvents = runs.map((run) => run.map((i) => cluster.events[i]));
  const contradictsBound = runEvents.map((evs) => evs[0].node !== null && contradictsContent(evs, evs[0].node));

  // Nodes writing their own log in each time window (a node writes one log at a time).
  const ownWindows = new Map<NodeId, Array<[number, number, string]>>();
  runs.forEach((run, k) => {
    const first = cluster.events[run[0]];
    if (!first.node || contradictsBound[k]) return;
    const list = ownWindows.get(first.node) ?? [];
    list.push([first.at, cluster.events[run[run.length - 1]].at, first.source]);
    ownWindows.set(first.node, list);
  });

  const reassigned = new Map<number, NodeId | null>();
  const isReal = (id: NodeId) => !isWriterId(id);
  const realKnown = [...known].filter(isReal).sort();
  // Writers without an id: all runs of one writer are one node; pin it when the evidence leaves one.
  const byWriter = groupBy(runs, (run) => {
    const w = cluster.events[run[0]].node;
    return w !== null && isWriterId(w) ? w : null;
  });
  // The masters other logs' elections name by address (inferAddresses, asked before any writer is
  // pinned): a writer listening at such an address is that master.
  const electedAway = byWriter.size > 0 ? electionAddresses(cluster.events) : new Map<string, TraceNote>();
  const hints = byWriter.size > 0 ? pinHints(cluster.events) : NO_HINTS;
  for (const [, wruns] of byWriter) {
    const all = wruns.flat();
    const evs = all.map((i) => cluster.events[i]);
    const pinned = pinWriter(cluster, evs, wruns, realKnown, ownWindows, views, addressOf, electedAway, hints);
    if (pinned === null) {
      // One file may hold several nodes' excerpts (a pasted document): pin each run on its own.
      if (views.length > 0 && wruns.length > 1)
        for (const run of wruns) {
          const revs = run.map((i) => cluster.events[i]);
          const one = pinWriter(cluster, revs, [run], realKnown, ownWindows, views, addressOf, electedAway, hints);
          if (one === null) continue;
          for (const i of run) reassigned.set(i, one.id);
          notes.push({
            kind: 'identity-inferred',
            node: one.id,
            message: `${revs[0].source}:${revs[0].line}-${revs[revs.length - 1].line}: lines bound to no node are ${one.id}'s: ${one.why}`,
            evidence: [one.evidence, ...revs.slice(0, 2).map(evidenceOf)],
          });
        }
      continue;
    }
    for (const i of all) reassigned.set(i, pinned.id);
    notes.push({
      kind: 'identity-inferred',
      node: pinned.id,
      message: `${evs[0].source}: the node that wrote it is ${pinned.id}: ${pinned.why}`,
      evidence: [pinned.evidence, ...evs.slice(0, 2).map(evidenceOf)],
      // the stream's name when one file holds several writers (`file#stream`)
      writer: { source: evs[0].node!.slice(WRITER_PREFIX.length), why: pinned.why },
    });
  }
  runs.forEach((run, k) => {
    const evs = runEvents[k];
    const bound = evs[0].node;
    if (bound !== null && isWriterId(bound)) return;
    const bad = bound !== null && (contradictsBound[k] || (known.size > 0 && !known.has(bound)));
    if (bound !== null && !bad) return;
    const start = evs[0].at;
    const end = evs[evs.length - 1].at;
    const candidates = realKnown.filter((id) => {
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
  });
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
      case 'role.master': // valkey "Setting myself to primary … my old primary is <subject>"
        if (f.subject === id) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

function fits(
  evs: readonly TimelineEvent[],
  id: NodeId,
  views: readonly ClusterNodesSnapshot[],
  addressOf: ReadonlyMap<string, NodeId>,
): boolean {
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
      if (after.length > 0 && !after.some((v) => v.nodes.some((n) => n.id === id && n.flags.includes('master') && n.slots.length > 0)))
        return false;
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
    for (const s of c.snapshots)
      if (s.kind === 'cluster-nodes') for (const n of s.nodes) if (n.address && !addrCluster.has(n.address)) addrCluster.set(n.address, i);
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
      const wrong =
        bound === null ||
        isWriterId(bound) ||
        contradictsContent(run, bound) ||
        (masters.has(bound) && run.some((e) => e.role === 'S' || e.kind === 'repl.connecting'));
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

/**
 * Positions of the own-log lines in (source, stream, line) order, equal keys in list order: what a
 * stable sort of them by that key gives. Grouped by source and stream in one pass; a group is sorted
 * by line only when it is not in line order already (a merged timeline keeps each file's order).
 */
function logLineOrder(events: readonly TimelineEvent[]): Int32Array {
  const bySource = new Map<string, Map<string, number[]>>();
  let lastSource: string | null = null;
  let lastStream: string | null = null;
  let list: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (!isOwnLog(e)) continue;
    const stream = e.stream ?? '';
    if (e.source !== lastSource || stream !== lastStream) {
      lastSource = e.source;
      lastStream = stream;
      let streams = bySource.get(e.source);
      if (!streams) bySource.set(e.source, (streams = new Map()));
      let l = streams.get(stream);
      if (!l) streams.set(stream, (l = []));
      list = l;
    }
    list.push(i);
  }
  const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  // Every position once, in a typed array of the exact size (a list grown by push to the cluster's
  // 270k lines on the flapping bench log left its outgrown copies to the old generation).
  let total = 0;
  for (const streams of bySource.values()) for (const l of streams.values()) total += l.length;
  const out = new Int32Array(total);
  let o = 0;
  for (const source of [...bySource.keys()].sort(byString)) {
    const streams = bySource.get(source)!;
    for (const stream of [...streams.keys()].sort(byString)) {
      const l = streams.get(stream)!;
      let sorted = true;
      for (let k = 1; k < l.length && sorted; k++) if (events[l[k - 1]].line > events[l[k]].line) sorted = false;
      if (!sorted) l.sort((a, b) => events[a].line - events[b].line);
      for (let k = 0; k < l.length; k++) out[o++] = l[k];
    }
  }
  return out;
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
  const own = Array.from(logLineOrder(events), (i) => events[i]);
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

/**
 * The real id of a writer whose log never names it, or null when the evidence does not pin one.
 * Positive evidence first: the candidate that others granted votes for the epoch of the writer's own
 * election (redis 7.0 clusterSendFailoverAuthIfNeeded logs "Failover auth granted to <id> for epoch N");
 * the one known node listening on the port of the writer's "Running mode=cluster, port=N". Otherwise
 * the one known node that every line fits (not a FAIL's sender or subject, not the master it connects
 * to, not a node whose own log covers the same time in another file).
 */
function pinWriter(
  cluster: ClusterTimeline,
  evs: readonly TimelineEvent[],
  runs: readonly number[][],
  known: readonly NodeId[],
  ownWindows: ReadonlyMap<NodeId, Array<[number, number, string]>>,
  views: readonly ClusterNodesSnapshot[],
  addressOf: ReadonlyMap<string, NodeId>,
  electedAway: ReadonlyMap<string, TraceNote> = new Map(),
  hints: PinHints = NO_HINTS,
): { id: NodeId; why: string; evidence: Evidence } | null {
  const windows = runs.map((r) => [cluster.events[r[0]].at, cluster.events[r[r.length - 1]].at] as const);
  const candidates = known.filter((id) => {
    if (contradictsContent(evs, id)) return false;
    const w = ownWindows.get(id);
    if (w && w.some(([a, b, src]) => src !== evs[0].source && windows.some(([s, e]) => a <= e && b >= s))) return false;
    return fits(evs, id, views, addressOf);
  });
  const ok = new Set(candidates);
  // Votes for the writer's own elections.
  for (const e of evs) {
    if (e.kind !== 'election.started' || e.fields.epoch === undefined) continue;
    const voted = new Set<NodeId>();
    let proof: TimelineEvent | null = null;
    for (const o of cluster.events)
      if (
        o.kind === 'vote.granted' &&
        o.fields.epoch === e.fields.epoch &&
        o.fields.subject &&
        o.node !== e.node &&
        Math.abs(o.at - e.at) < 60_000
      ) {
        voted.add(o.fields.subject);
        proof ??= o;
      }
    if (voted.size === 1 && proof) {
      const [id] = [...voted];
      if (ok.has(id) || !known.includes(id))
        return {
          id,
          why: `its election for epoch ${e.fields.epoch} (line ${e.line}) is the one ${proof.source}:${proof.line} granted a vote to`,
          evidence: evidenceOf(proof),
        };
    }
  }
  // Its own crash report: the CLUSTER NODES section lists the writer as `myself` (blocks.ts).
  const crash = evs.find((e) => e.kind === 'server.crash' && e.fields.self !== undefined);
  if (crash?.fields.self && (ok.has(crash.fields.self) || !known.includes(crash.fields.self)))
    return { id: crash.fields.self, why: `its crash report (line ${crash.line}) lists it as myself`, evidence: evidenceOf(crash) };
  // A failover it saw to a node with its own, freshly won config epoch.
  const self = failedOverToSelf(evs);
  if (self && (ok.has(self.id) || !known.includes(self.id))) return self;
  // Its own address, where another log's replica connected to the master it then replaced: the one
  // master that replica had flagged FAIL (inferAddresses). A writer known by its address stays a
  // second node beside the id others name (two failovers for one, a replica "of" the writer).
  const writer = evs[0]?.node;
  for (const [addr, id] of addressOf) {
    if (id !== writer) continue;
    const note = electedAway.get(addr);
    if (note?.node && note.node !== writer && (ok.has(note.node) || !known.includes(note.node)))
      return {
        id: note.node,
        why: `its address ${addr}: ${note.message.slice(note.message.indexOf(': ') + 2)}`,
        evidence: note.evidence[0]!,
      };
  }
  // Its own address, where another log's replica connected before it won (an election, a takeover):
  // the master it replaced, when others' lines name just one node losing its slots or flagged FAIL
  // around that win, a node with no log of its own.
  for (const [addr, id] of addressOf) {
    if (id !== writer) continue;
    const replaced = replacedAt(hints, addr, writer, ownWindows);
    if (replaced && ok.has(replaced.id)) return replaced;
  }
  // Its own address's cluster bus (the client port + 10000, Redis's default: inferBusAddresses), where
  // others' verbose lines saw one node, with no log of its own.
  for (const [addr, id] of addressOf) {
    if (id !== writer) continue;
    const colon = addr.lastIndexOf(':');
    const bus = `${addr.slice(0, colon)}:${Number(addr.slice(colon + 1)) + CLUSTER_PORT_INCR}`;
    const seen = colon > 0 ? hints.atBus.get(bus) : undefined;
    if (!seen || seen.size !== 1) continue;
    const [[x, line]] = [...seen];
    if (x !== writer && !isWriterId(x) && !ownWindows.has(x) && ok.has(x))
      return {
        id: x,
        why: `its address ${addr}: ${line.source}:${line.line} shows ${x}'s cluster bus at ${bus} (the client port + 10000, Redis's default)`,
        evidence: evidenceOf(line),
      };
  }
  // The port it listens on.
  const mode = evs.find((e) => e.kind === 'server.mode' && e.fields.port !== undefined);
  if (mode) {
    const port = `:${mode.fields.port}`;
    const at = [...new Set([...addressOf].filter(([a]) => a.endsWith(port)).map(([, id]) => id))];
    if (at.length === 1 && ok.has(at[0]))
      return { id: at[0], why: `the only node at port ${mode.fields.port} (line ${mode.line})`, evidence: evidenceOf(mode) };
  }
  // Elimination is sound only when the known nodes are all the nodes: a CLUSTER NODES view lists them.
  if (candidates.length === 1 && views.length > 0)
    return { id: candidates[0], why: 'the only node of the cluster its lines fit', evidence: evidenceOf(evs[0]) };
  return null;
}

/** What pins a writer by what others saw: wins by the address their winner last connected to as a replica, the nodes others saw lose their slots or flagged FAIL, the nodes seen at each cluster bus address. */
interface PinHints {
  byAddress: ReadonlyMap<string, ReadonlyArray<{ winner: NodeId; won: TimelineEvent; connected: TimelineEvent }>>;
  /** "Clear FAIL state for node X: master without slots …" (X lost its slots to a failover). */
  lostSlots: readonly TimelineEvent[];
  /** FAIL marked or received about X. */
  flagged: readonly TimelineEvent[];
  /** Per cluster bus address, the nodes others' "Connection with Node X at <bus addr> failed" saw there. */
  atBus: ReadonlyMap<string, ReadonlyMap<NodeId, TimelineEvent>>;
}
const NO_HINTS: PinHints = { byAddress: new Map(), lostSlots: [], flagged: [], atBus: new Map() };

/**
 * Every election won ("Failover election won: I'm the new master.") and takeover ("Taking over the
 * master (user request).") in its writer's own lines, by the master address that writer last connected
 * to ("Connecting to MASTER <addr>", redis 7.0 replication.c connectWithMaster): the winner replaced the
 * master at that address (redis 7.0 cluster.c clusterFailoverReplaceYourMaster).
 */
function pinHints(events: readonly TimelineEvent[]): PinHints {
  const atBus = new Map<string, Map<NodeId, TimelineEvent>>();
  const byAddress = new Map<string, Array<{ winner: NodeId; won: TimelineEvent; connected: TimelineEvent }>>();
  const lastConnect = new Map<NodeId, TimelineEvent>();
  const lostSlots: TimelineEvent[] = [];
  const flagged: TimelineEvent[] = [];
  for (const e of events) {
    if (!e.node || !isOwnLog(e)) continue;
    if (e.kind === 'repl.connecting' && e.fields.address) lastConnect.set(e.node, e);
    else if (e.kind === 'server.start' || e.kind === 'node.identity') lastConnect.delete(e.node);
    else if (e.kind === 'election.won' || e.kind === 'manual.takeover') {
      const c = lastConnect.get(e.node);
      if (!c) continue;
      const list = byAddress.get(c.fields.address!) ?? [];
      list.push({ winner: e.node, won: e, connected: c });
      byAddress.set(c.fields.address!, list);
    } else if (e.kind === 'cluster.fail-cleared' && e.fields.subject && /(?:master|primary) without slots/i.test(e.fields.reason ?? e.text))
      lostSlots.push(e);
    else if ((e.kind === 'cluster.fail-marked' || e.kind === 'cluster.fail-received') && e.fields.subject) flagged.push(e);
    else if (e.kind === 'cluster.bus-connect-failed' && e.fields.subject && e.fields.address) {
      let m = atBus.get(e.fields.address);
      if (!m) atBus.set(e.fields.address, (m = new Map()));
      if (!m.has(e.fields.subject)) m.set(e.fields.subject, e);
    }
  }
  return { byAddress, lostSlots, flagged, atBus };
}

/** How far from a win others' lines about the master it replaced are looked for. */
const LOST_SLOTS_AFTER_MS = 600_000;
const FLAGGED_NEAR_MS = 60_000;

/**
 * The node `writer` at `addr` was, by a win over that address: the one node with no log of its own
 * (a real id) that others saw lose its slots after the win, or flagged FAIL within a minute of it.
 * Several such nodes (two masters down at once), or none: null.
 */
function replacedAt(
  hints: PinHints,
  addr: string,
  writer: NodeId | null | undefined,
  ownWindows: ReadonlyMap<NodeId, unknown>,
): { id: NodeId; why: string; evidence: Evidence } | null {
  const list = hints.byAddress.get(addr);
  if (!list) return null;
  const found = new Map<NodeId, TimelineEvent>();
  for (const w of list) {
    if (w.winner === writer) continue;
    const t = w.won.at;
    const consider = (e: TimelineEvent) => {
      const x = e.fields.subject!;
      if (isWriterId(x) || x === w.winner || x === writer || ownWindows.has(x) || e.node === x) return;
      if (!found.has(x)) found.set(x, e);
    };
    for (const e of hints.lostSlots) if (e.at >= t && e.at - t <= LOST_SLOTS_AFTER_MS) consider(e);
    for (const e of hints.flagged) if (Math.abs(e.at - t) <= FLAGGED_NEAR_MS) consider(e);
  }
  if (found.size !== 1) return null;
  const [[id, line]] = [...found];
  const w = list.find((x) => x.winner !== writer)!;
  return {
    id,
    why: `its address ${addr}: ${w.won.source}:${w.won.line} won over the master it connected to at ${addr} (line ${w.connected.line}), and only ${id} is said to lose its slots or flagged FAIL around it (${line.source}:${line.line})`,
    evidence: evidenceOf(line),
  };
}

/** Per address: the note of inferAddresses binding it to a master, over the lines as bound so far. */
function electionAddresses(events: readonly TimelineEvent[]): Map<string, TraceNote> {
  const { addresses, notes } = inferAddresses(events, new Map());
  const out = new Map<string, TraceNote>();
  addresses.forEach(([addr], i) => out.set(addr, notes[i]!));
  return out;
}

/**
 * The writer named by a failover line about itself. A replica that wins an election sets its config
 * epoch to the election's ("configEpoch set to N after successful failover", redis 7.4.1 / valkey 8.0.1
 * src/cluster_legacy.c clusterHandleSlaveFailover / clusterHandleReplicaFailover), a takeover to a new
 * one ("New configEpoch set to N", clusterBumpConfigEpochWithoutConsensus); no other node gets that
 * epoch — an election's epoch wins at most one vote per master, and two masters with one config epoch
 * are told apart at once by clusterHandleConfigEpochCollision, which logs it. When its old master then
 * gossips as a replica, the writer logs "A failover occurred in shard …; node <old> failed over to
 * (lost N slot(s) to) node <new> with a config epoch of N" (clusterProcessPacket) about itself: <new>,
 * with the writer's own epoch N, is the writer.
 */
function failedOverToSelf(evs: readonly TimelineEvent[]): { id: NodeId; why: string; evidence: Evidence } | null {
  let own: TimelineEvent | null = null;
  let prev: TimelineEvent | null = null;
  for (const e of evs) {
    if (prev && (prev.source !== e.source || e.line < prev.line)) own = null;
    prev = e;
    const won = (e.kind === 'epoch.set' && /after successful failover/i.test(e.text)) || e.kind === 'epoch.bumped';
    if (won && e.fields.epoch !== undefined) own = e;
    else if (
      e.kind === 'epoch.set' ||
      e.kind === 'epoch.collision' ||
      e.kind === 'role.replica-of' ||
      e.kind === 'server.start' ||
      e.kind === 'node.identity'
    )
      own = null;
    else if (
      e.kind === 'cluster.failover-seen' &&
      own &&
      e.fields.subject &&
      e.fields.epoch === own.fields.epoch &&
      e.fields.sender !== e.fields.subject
    )
      return {
        id: e.fields.subject,
        why: `line ${e.line} says ${e.fields.sender ?? 'its old master'} failed over to ${e.fields.subject} with config epoch ${e.fields.epoch}, the epoch it took itself (line ${own.line})`,
        evidence: evidenceOf(e),
      };
  }
  return null;
}

/** How long after "Reconfiguring myself as a replica of X" its "Connecting to MASTER" may come (5.0: the next replicationCron, once a second). */
const RECONFIGURE_CONNECT_MS = 2000;

/**
 * Addresses the log lines imply: a replica that starts an election replaced its master, and redis
 * (7.0 clusterHandleSlaveFailover) starts one only once that master is flagged FAIL. So when the
 * writer flagged exactly one node FAIL (and not cleared) before its election, that node is the master
 * it was connecting to ("Connecting to MASTER <addr>", replication.c connectWithMaster), and `<addr>`
 * is that node's address. And a node that reconfigures itself as a replica of X connects next to X's
 * address: "Configuration change detected. Reconfiguring myself as a replica of X" (redis 7.0.15
 * cluster.c:1969) calls clusterSetMaster(X) → replicationSetMaster(X->ip, X->port) (cluster.c:4616),
 * which logs "Connecting to MASTER ip:port" at once (replication.c replicationSetMaster; 5.0 at the
 * next replicationCron, within a second). Addresses already known for another node are never
 * overridden.
 */
export function inferAddresses(
  events: readonly TimelineEvent[],
  known: ReadonlyMap<string, NodeId>,
  kinds: KindIndex = KindIndex.of(events),
): { addresses: Array<[string, NodeId]>; notes: TraceNote[] } {
  const out: Array<[string, NodeId]> = [];
  const notes: TraceNote[] = [];
  const taken = new Map(known);
  // Each writer's lines of the kinds the walk below acts on (the others change nothing), writers in
  // the order of their first line: the order in which the bindings are taken.
  const byNode = groupBy(
    kinds.eventsOf(
      'cluster.fail-received',
      'cluster.fail-marked',
      'cluster.fail-cleared',
      'repl.connecting',
      'role.replica-of',
      'server.start',
      'node.identity',
      'election.delayed',
      'election.started',
    ),
    (e) => (e.node && isOwnLog(e) ? e.node : null),
  );
  for (const node of kinds.writers()) {
    const evs = byNode.get(node);
    if (!evs) continue;
    const flagged = new Map<NodeId, TimelineEvent>();
    let connecting: TimelineEvent[] = [];
    let reconfigured: TimelineEvent | null = null;
    const bind = (addr: string, master: NodeId, message: string, evidence: Evidence[]) => {
      if (taken.has(addr) || master === node) return;
      taken.set(addr, master);
      out.push([addr, master]);
      notes.push({ kind: 'identity-inferred', node: master, message: `${addr} is ${master}: ${message}`, evidence });
    };
    for (const e of evs) {
      const f = e.fields;
      if ((e.kind === 'cluster.fail-received' || e.kind === 'cluster.fail-marked') && f.subject) flagged.set(f.subject, e);
      else if (e.kind === 'cluster.fail-cleared' && f.subject) flagged.delete(f.subject);
      else if (e.kind === 'repl.connecting' && f.address) {
        connecting.push(e);
        const r = reconfigured;
        reconfigured = null;
        if (r !== null && e.at - r.at <= RECONFIGURE_CONNECT_MS && r.fields.subject && !isWriterId(r.fields.subject))
          bind(
            f.address,
            r.fields.subject,
            `${e.source}:${e.line} connects to its master at ${f.address} right after reconfiguring itself as a replica of ${r.fields.subject} (line ${r.line})`,
            [evidenceOf(e), evidenceOf(r)],
          );
      } else if (e.kind === 'role.replica-of' || e.kind === 'server.start' || e.kind === 'node.identity') {
        connecting = [];
        flagged.clear();
        reconfigured = e.kind === 'role.replica-of' && f.subject ? e : null;
      } else if ((e.kind === 'election.delayed' || e.kind === 'election.started') && flagged.size === 1 && connecting.length > 0) {
        const [[master, mark]] = [...flagged];
        const addrs = new Set(connecting.map((c) => c.fields.address!));
        if (addrs.size === 1) {
          const [addr] = [...addrs];
          bind(
            addr,
            master,
            `${e.source}:${e.line} starts an election after flagging only ${master} FAIL (line ${mark.line}), while connecting to its master at ${addr} (line ${connecting[0].line})`,
            [evidenceOf(e), evidenceOf(mark), evidenceOf(connecting[0])],
          );
        }
        connecting = [];
      }
    }
  }
  return { addresses: out, notes };
}

/**
 * Masters known only by address: a replica's "Connecting to MASTER <addr>" (redis 7.0 replication.c
 * connectWithMaster) where nothing in the cluster's evidence names the node at `<addr>` — no node's
 * address, no CLUSTER NODES entry, no "Address updated for node X, now <addr>", no node's own log listening on its
 * port. In cluster mode a
 * replica's master is a master (CLUSTER REPLICATE refuses a replica, redis 7.0 cluster.c
 * clusterCommand "I can only replicate a master, not a replica."), so the address stands for one node
 * of the analysis (model/ids.ts masterAt). An address the evidence could bind later is left alone, and
 * the caller asks only when every node the evidence names has a log of its own (else the master may be
 * one of those named by others: a FAIL line, a gossip report).
 */
export function addressedMasters(
  cluster: ClusterTimeline,
  events: readonly TimelineEvent[],
  known: ReadonlyMap<string, NodeId>,
  kinds: KindIndex = KindIndex.of(events),
): Array<[string, NodeId]> {
  const named = new Set(known.keys());
  for (const s of cluster.snapshots) if (s.kind === 'cluster-nodes') for (const e of s.nodes) named.add(e.address);
  for (const e of kinds.eventsOf('node.address-updated')) if (e.fields.address) named.add(e.fields.address);
  // A node whose own log says it listens on the port may be the one at that address (its log gives the
  // port, never the host: "Running mode=cluster, port=7000.", redis 7.0 server.c redisAsciiArt).
  const ports = new Set<number>();
  for (const e of kinds.eventsOf('server.mode', 'server.ready')) if (e.fields.port !== undefined && isOwnLog(e)) ports.add(e.fields.port);
  // Kept to masters nobody tried to replace: a replica that ran an election or a manual failover tells
  // a failover, whose old master the JSON gives as an id or null (model/analysis.ts Failover).
  const candidates = new Set<NodeId>();
  for (const e of kinds.eventsOf(...kinds.kinds((k) => k.startsWith('election.') || k.startsWith('manual.'))))
    if (e.node && isOwnLog(e)) candidates.add(e.node);
  const out = new Map<string, NodeId>();
  for (const e of kinds.eventsOf('repl.connecting')) {
    if (!e.node || !isOwnLog(e) || candidates.has(e.node)) continue;
    const addr = e.fields.address;
    if (!addr || named.has(addr) || out.has(addr) || ports.has(Number(addr.slice(addr.lastIndexOf(':') + 1)))) continue;
    out.set(addr, masterAt(addr));
  }
  return [...out];
}

/** Redis's default distance from a node's client port to its cluster bus port (CLUSTER_PORT_INCR). */
const CLUSTER_PORT_INCR = 10000;

/**
 * Addresses the bus lines imply: "Connection with Node <id> at <ip>:<bus port> failed" (redis 6.0–7.4,
 * valkey 7.2–8.0 clusterLinkConnectHandler, verbose) gives a node's bus address, and a node listens for
 * the bus on its client port + 10000 unless configured otherwise (redis 6.0 cluster.c clusterInit
 * `myself->cport = port+CLUSTER_PORT_INCR` unless cluster-announce-bus-port; 7.0+ also cluster-port). So
 * the master a replica connects to at `<ip>:<port>` is the one node seen at bus `<ip>:<port+10000>`.
 * Only when exactly one node was seen there, and neither that address nor that node has another binding.
 */
export function inferBusAddresses(
  events: readonly TimelineEvent[],
  known: ReadonlyMap<string, NodeId>,
  kinds: KindIndex = KindIndex.of(events),
): { addresses: Array<[string, NodeId]>; notes: TraceNote[] } {
  const atBus = new Map<string, Map<NodeId, TimelineEvent>>();
  for (const e of kinds.eventsOf('cluster.bus-connect-failed')) {
    if (!e.fields.subject || !e.fields.address) continue;
    let m = atBus.get(e.fields.address);
    if (!m) atBus.set(e.fields.address, (m = new Map()));
    if (!m.has(e.fields.subject)) m.set(e.fields.subject, e);
  }
  if (atBus.size === 0) return { addresses: [], notes: [] };
  return bindConnectedMasters(kinds, known, (addr) => {
    const colon = addr.lastIndexOf(':');
    const port = Number(addr.slice(colon + 1));
    if (!Number.isInteger(port) || colon < 0) return null;
    const bus = `${addr.slice(0, colon)}:${port + CLUSTER_PORT_INCR}`;
    const seen = atBus.get(bus);
    if (!seen || seen.size !== 1) return null;
    const [[id, line]] = [...seen];
    return { id, line, why: `${line.source}:${line.line} shows ${id}'s cluster bus at ${bus} (the client port + 10000, Redis's default)` };
  });
}

/**
 * Addresses the listening ports imply, when every node the evidence names has its own log: a replica's
 * master is a node of its cluster, and a node's log gives the port it listens on, not its host
 * ("Running mode=cluster, port=7000.", redis 7.0 server.c; "The server is now ready to accept
 * connections on port 7000", redis 3.0 redis.c). So with every node's log present, the master a
 * replica connects to at `<ip>:<port>` is the one node listening on `<port>` (if exactly one does, and
 * it is not the replica itself).
 */
export function inferListeningAddresses(
  events: readonly TimelineEvent[],
  known: ReadonlyMap<string, NodeId>,
  kinds: KindIndex = KindIndex.of(events),
): { addresses: Array<[string, NodeId]>; notes: TraceNote[] } {
  const listening = new Map<number, Map<NodeId, TimelineEvent>>();
  for (const e of kinds.eventsOf('server.mode', 'server.ready')) {
    if (e.fields.port === undefined || !e.node || !isOwnLog(e)) continue;
    let m = listening.get(e.fields.port);
    if (!m) listening.set(e.fields.port, (m = new Map()));
    if (!m.has(e.node)) m.set(e.node, e);
  }
  if (listening.size === 0) return { addresses: [], notes: [] };
  return bindConnectedMasters(kinds, known, (addr, taken) => {
    const port = Number(addr.slice(addr.lastIndexOf(':') + 1));
    const at = listening.get(port);
    if (!at || at.size !== 1) return null;
    // Another address already known on that port could be another host's node on the same port.
    if ([...taken.keys()].some((a) => a.endsWith(`:${port}`))) return null;
    const [[id, line]] = [...at];
    return {
      id,
      line,
      why: `${id} is the only node of the evidence listening on port ${port} (${line.source}:${line.line}); every node named has its own log`,
    };
  });
}

/**
 * Bind the address each replica connects to ("Connecting to MASTER <addr>") to the node `candidate`
 * names for it, once per address and once per node, skipping addresses already known and a replica's
 * own id; each binding gets an identity-inferred note saying what it rests on.
 */
function bindConnectedMasters(
  kinds: KindIndex,
  known: ReadonlyMap<string, NodeId>,
  candidate: (addr: string, taken: ReadonlyMap<string, NodeId>) => { id: NodeId; line: TimelineEvent; why: string } | null,
): { addresses: Array<[string, NodeId]>; notes: TraceNote[] } {
  const out: Array<[string, NodeId]> = [];
  const notes: TraceNote[] = [];
  const taken = new Map(known);
  const bound = new Set(known.values());
  for (const e of kinds.eventsOf('repl.connecting')) {
    if (!e.node || !isOwnLog(e) || !e.fields.address) continue;
    const addr = e.fields.address;
    if (taken.has(addr)) continue;
    const c = candidate(addr, taken);
    if (!c || c.id === e.node || bound.has(c.id)) continue;
    taken.set(addr, c.id);
    bound.add(c.id);
    out.push([addr, c.id]);
    notes.push({
      kind: 'identity-inferred',
      node: c.id,
      message: `${addr} is ${c.id}: ${e.source}:${e.line} connects to its master at ${addr}, and ${c.why}`,
      evidence: [evidenceOf(e), evidenceOf(c.line)],
    });
  }
  return { addresses: out, notes };
}
