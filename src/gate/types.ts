import type { Evidence, FailoverKind, Severity } from '../model/analysis.ts';

/**
 * A time limit as written in an expectations file: absolute (`8000`, `"8s"`, `"850ms"`) or relative to
 * the node timeout (`"2x node-timeout"`). `text` keeps the user's spelling for messages.
 */
export type Limit = { kind: 'absolute'; ms: number; text: string } | { kind: 'node-timeout'; factor: number; text: string };

/** Inclusive count range; `max` is null for "no upper bound". */
export interface CountRange {
  min: number;
  max: number | null;
}

/** A node as named by a user: full id, id prefix (≥ 4 hex chars) or `ip:port`. */
export type NodeRef = string;

export interface MasterClaim {
  node: NodeRef;
  /** `0-5460,5470`; absent = "any slots" (must: ends as master; must not: ends as master of nothing). */
  slots?: string;
}

/**
 * Which clusters of the analysis a block talks about: all of them (default), or one named by its
 * label (`cluster-2`) or by any node in it.
 */
export type ClusterSelector = { kind: 'all' } | { kind: 'ref'; ref: string };

export interface FailoverExpectations {
  count?: CountRange;
  /** Per-kind counts; a kind not listed must not occur. */
  kinds?: Partial<Record<FailoverKind, CountRange>>;
  maxUnavailable?: Limit;
  maxDetection?: Limit;
  maxElection?: Limit;
}

/** One set of expectations applied to one cluster selection. */
export interface ExpectationBlock {
  cluster: ClusterSelector;
  /** Where the block sits in the file (`` for the top level, `clusters[1]`): prefixes result ids. */
  path: string;
  verdict?: 'pass' | 'fail';
  worstSeverity?: Severity;
  failovers?: FailoverExpectations;
  mustEndAsMaster?: MasterClaim[];
  mustNotEndAsMaster?: MasterClaim[];
  maxClusterOutage?: Limit;
  rules?: { required?: string[]; forbidden?: string[] };
}

/** A validated expectations file. */
export interface Expectations {
  /** Display path of the file it came from (`<inline>` when built in code). */
  source: string;
  description?: string;
  /** Node timeout to assume when the analysis does not know it (ms). */
  nodeTimeoutMs?: number;
  blocks: ExpectationBlock[];
}

export type ResultStatus = 'pass' | 'fail' | 'error';

/** The outcome of one expectation (one JUnit testcase). */
export interface ExpectationResult {
  /** Stable id: `failovers.maxUnavailable`, `clusters[1].rules.forbidden.split-brain`, `baseline.detection`. */
  id: string;
  status: ResultStatus;
  /** What was asked, for people: `≤ 8.000 s`, `exactly 1`, `absent`. */
  expected: string;
  /** What the analysis shows, for people. */
  actual: string;
  /** Extra words when the bare numbers are not enough (which failover, why it could not be judged). */
  detail?: string;
  /** Log lines that back `actual` (from the findings and failovers involved), deduplicated, at most 8. */
  evidence: Evidence[];
}

/** Timings measured in one case: what `--baseline` compares. */
export interface Measured {
  failovers: Array<{
    cluster: string;
    kind: FailoverKind;
    oldMaster: string | null;
    newMaster: string | null;
    startedAt: string;
    unavailableMs: number;
    detectionMs: number | null;
    electionMs: number | null;
  }>;
  /** Worst value over the case's failovers; null when none was measured. */
  maxUnavailableMs: number | null;
  maxDetectionMs: number | null;
  maxElectionMs: number | null;
  /** Total cluster-wide outage (sum of windows); null when one had not ended by the end of the evidence. */
  clusterOutageMs: number | null;
  /** True when a cluster-wide outage had not ended by the end of the evidence. */
  clusterOutageOpen: boolean;
}

export interface CaseResult {
  name: string;
  /** Inputs analysed (display paths). */
  inputs: string[];
  /** Expectations file (display path), if one was loaded. */
  expect: string | null;
  status: ResultStatus;
  /** Set when the case could not be judged at all (unusable input or expectations). */
  error?: string;
  results: ExpectationResult[];
  /** Null when the case could not be analysed. */
  measured: Measured | null;
  /** Start of the evidence (UTC ISO), used as the JUnit timestamp. */
  startedAt: string | null;
}

export interface CheckReport {
  kind: 'failscope-check';
  schemaVersion: 1;
  status: ResultStatus;
  exitCode: 0 | 1 | 2;
  summary: { cases: number; passed: number; failed: number; errors: number };
  cases: CaseResult[];
}
