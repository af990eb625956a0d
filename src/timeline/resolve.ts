import type { Address, NodeId } from '../model/ids.ts';
import type { ClusterTimeline, Timeline, TraceNote } from '../model/timeline.ts';
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
  return {
    cluster: events === corrected.events ? corrected : { ...corrected, events },
    nodeTimeout,
    skew,
    impliedAddresses: implied,
    notes,
  };
}
