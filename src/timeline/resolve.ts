import { isWriterId, type Address, type NodeId } from '../model/ids.ts';
import type { TimelineEvent } from '../model/events.ts';
import type { ClusterTimeline, NodeInfo, Timeline, TraceNote } from '../model/timeline.ts';
import { addressedMasters, attributeEvents, inferAddresses, inferBusAddresses, inferListeningAddresses, rehomeRuns } from './attribute.ts';
import { applyOffsets, solveSkew, type SkewResult } from './clock.ts';
import { KindIndex } from './kind-index.ts';
import { resolveNodeTimeout, type NodeTimeout } from './node-timeout.ts';

/** One cluster as the replay takes it: its lines' writers settled and its clocks corrected. */
export interface ResolvedCluster {
  /** The cluster with each skewed source's times corrected and each log line bound to its writer. */
  cluster: ClusterTimeline;
  /** cluster-node-timeout and where it came from (read before the clocks are corrected). */
  nodeTimeout: NodeTimeout;
  /** The clock correction applied (offsets) and the causal pairs the raw clocks contradicted. */
  skew: SkewResult;
  /** Addresses the lines imply (inferAddresses), beyond those of `cluster.nodes`. */
  impliedAddresses: Array<[Address, NodeId]>;
  /** What identity inference did, in order: runs moved in from another cluster, lines attributed, addresses inferred. */
  notes: TraceNote[];
}

export interface ResolvedTimeline {
  /** The timeline with its clusters resolved and `clockOffsets` holding every correction applied. */
  timeline: Timeline;
  clusters: ResolvedCluster[];
}

export interface ResolveOptions {
  /** cluster-node-timeout in ms given by the user (wins over every other source). */
  nodeTimeoutMs?: number;
}

/**
 * The timeline stage's second half (the first merges: build.ts): identity and clocks. Runs of lines
 * bound to the wrong cluster move to theirs (rehomeRuns); then, per cluster, the node timeout is read,
 * the clock skew between sources solved and applied (clock.ts), log lines whose writer is unknown or
 * impossible are attributed (attributeEvents) and addresses the lines imply are learned
 * (inferAddresses). `failscope timeline` shows the merged timeline as read; the replay gets this one.
 * Pure: the input is not modified.
 */
export function resolveTimeline(input: Timeline, opts: ResolveOptions = {}): ResolvedTimeline {
  const { timeline, notes } = rehomeRuns(input);
  const clusters = timeline.clusters.map((c) => resolveCluster(c, timeline, opts, notes.get(c.id) ?? []));
  return {
    timeline: {
      ...timeline,
      clusters: clusters.map((r) => r.cluster),
      clockOffsets: [...timeline.clockOffsets, ...clusters.flatMap((r) => r.skew.offsets)],
    },
    clusters,
  };
}

function resolveCluster(c: ClusterTimeline, timeline: Timeline, opts: ResolveOptions, moved: TraceNote[]): ResolvedCluster {
  // One index of the events by kind for every pass below (the clock correction reorders them; the
  // attribution copies some with another node, moving none).
  const rawKinds = KindIndex.of(c.events);
  const nodeTimeout = resolveNodeTimeout(c, timeline.inputs, opts.nodeTimeoutMs, rawKinds);
  const skew = solveSkew(c, rawKinds);
  const corrected = applyOffsets(c, skew.offsets);
  const attributed = attributeEvents(corrected);
  const known: Array<[Address, NodeId]> = [];
  for (const n of corrected.nodes) for (const a of n.addresses) known.push([a, n.id]);
  const events = attributed.events;
  const kinds = (corrected === c ? rawKinds : KindIndex.of(corrected.events)).over(events);
  const implied: Array<[Address, NodeId]> = [];
  const notes: TraceNote[] = [...moved, ...attributed.notes];
  const learn = (r: { addresses: Array<[Address, NodeId]>; notes: TraceNote[] }) => {
    implied.push(...r.addresses);
    known.push(...r.addresses);
    notes.push(...r.notes);
  };
  // An election after flagging one master FAIL; then the bus addresses of 6.0+ verbose logs.
  learn(inferAddresses(events, new Map(known), kinds));
  learn(inferBusAddresses(events, new Map(known), kinds));
  // Every node the evidence names has a log: a replica's master is one of them (by the port it listens on).
  const withLog = new Set<NodeId>(kinds.writers());
  if (corrected.nodes.every((n) => withLog.has(n.id))) learn(inferListeningAddresses(events, new Map(known), kinds));
  // Else a master known only by its address.
  learn({ addresses: addressedMasters(corrected, events, new Map(known), kinds), notes: [] });
  const nodes = events === corrected.events ? corrected.nodes : mergePinnedWriters(corrected.nodes, corrected.events, events);
  return {
    cluster: events === corrected.events ? corrected : { ...corrected, nodes, events },
    nodeTimeout,
    skew,
    impliedAddresses: implied,
    notes,
  };
}

/**
 * A log without an `I'm <id>` line is first a node of its own (`writer:<source>`); once every one of
 * its lines is attributed to one real node, that is the same node: it takes the writer's sources and
 * addresses and the writer is gone from the node list. (Left alone, one node showed twice: as the
 * node whose lines they were, and as a writer "known only from others' lines" holding the log.)
 */
function mergePinnedWriters(nodes: NodeInfo[], before: readonly TimelineEvent[], after: readonly TimelineEvent[]): NodeInfo[] {
  // Per writer: the real node its lines went to (null once two differ or a line stayed its own).
  const to = new Map<NodeId, NodeId | null>();
  for (let i = 0; i < before.length; i++) {
    const w = before[i]!.node;
    if (w === null || !isWriterId(w) || to.get(w) === null) continue;
    const now = after[i]!.node;
    if (now === null || now === w || isWriterId(now) || (to.has(w) && to.get(w) !== now)) to.set(w, null);
    else to.set(w, now);
  }
  const merged = [...to].filter((e): e is [NodeId, NodeId] => e[1] !== null);
  if (merged.length === 0) return nodes;
  const byId = new Map(nodes.map((n) => [n.id, { ...n, addresses: [...n.addresses], sources: [...n.sources] }]));
  for (const [w, id] of merged) {
    const from = byId.get(w);
    if (!from) continue;
    byId.delete(w);
    const into = byId.get(id) ?? { id, addresses: [], sources: [] };
    into.addresses = [...new Set([...into.addresses, ...from.addresses])].sort();
    into.sources = [...new Set([...into.sources, ...from.sources])].sort();
    byId.set(id, into);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
