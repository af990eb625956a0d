import type { Diagnostic } from './diagnostic.ts';
import type { LineCounts, TimelineEvent } from './events.ts';
import type { Evidence } from './analysis.ts';
import type { Address, NodeId } from './ids.ts';
import type { SourceKind } from './parsed.ts';
import type { Snapshot } from './snapshot.ts';

/** A node as learned from all inputs. */
export interface NodeInfo {
  id: NodeId;
  /** Every `ip:port` seen for it, sorted. */
  addresses: Address[];
  /** Display paths of the sources that are this node's own logs, sorted. */
  sources: string[];
}

/** How one input source was accounted for. */
export interface InputSummary extends LineCounts {
  source: string;
  kind: SourceKind;
  /** The forms the source was read as (ParsedSource.forms). */
  forms?: string[];
  /** What was left unread, when anything was (see ParsedSource.skipped). */
  skipped?: string;
}

/**
 * One cluster found in the inputs. Inputs are grouped into clusters by node identity: node ids that
 * appear together in a CLUSTER NODES snapshot, or in the same log source, belong to the same cluster.
 */
export interface ClusterTimeline {
  /** Stable label: `cluster-1`, `cluster-2`, … in order of first event time. */
  id: string;
  nodes: NodeInfo[];
  /** Time-ordered; equal times keep source order (stable). */
  events: TimelineEvent[];
  /** Time-ordered snapshots. */
  snapshots: Snapshot[];
}

/** The merged timeline of every input. */
export interface Timeline {
  clusters: ClusterTimeline[];
  /** Every event of every cluster plus events bound to no cluster, time-ordered. */
  events: TimelineEvent[];
  inputs: InputSummary[];
  diagnostics: Diagnostic[];
  /** Clock corrections applied per source (ms added), when any. */
  clockOffsets: Array<{ source: string; offsetMs: number; reason: string }>;
}

/**
 * An inference made on the way to the verdict, and what it rests on: identity of unbound log lines and
 * runs moved between clusters (timeline/attribute.ts), inferred ownership and ignored lines (replay/).
 * The trace keeps them all (Trace.notes).
 */
export interface TraceNote {
  kind: 'identity-inferred' | 'identity-contradiction' | 'ownership-inferred' | 'ignored';
  message: string;
  node: NodeId | null;
  evidence: Evidence[];
  /**
   * For a whole log without an `I'm <id>` line bound to `node`: its source, and what the binding
   * rests on (the analysis's coverage says so in place of "never names its own node id").
   */
  writer?: { source: string; why: string };
}
