// Ground truth of what a client saw, in the shape of the recorder's truth.json (fixtures/record/README.md):
// the probe's ranges with their failure windows, and the CLUSTERDOWN windows. `failscope drill` writes it
// next to its capture; the comparison with the analysis (compare.ts) reads either kind.
import type { Address, EpochMs, NodeId } from '../model/ids.ts';
import { formatRanges } from '../model/slots.ts';
import { formatUtc } from '../util/time.ts';
import { isMaster, type LiveNode } from './cluster-view.ts';
import { errorClassWindows, unionWindows, type FailureWindow, type Probe } from './probe.ts';
import { splitAddress } from './redis-client.ts';

export interface TruthNode {
  port: number;
  id: NodeId;
  role: 'master' | 'replica';
  masterId: NodeId | null;
  slots: string;
  /** `ip:port` (the recorder's nodes are all on 127.0.0.1 and leave it out). */
  address?: Address;
}

export interface TruthWindow {
  start: string;
  end: string | null;
  lastFailedAt: string;
  attempts: number;
  errors: Record<string, number>;
  messages: string[];
}

export interface TruthRange {
  slots: string;
  key: string;
  slot: number;
  ownerAtStart: { port: number; id: NodeId; address?: Address };
  writes: number;
  failedWrites: number;
  redirects: number;
  maxWriteMs: number;
  failures: TruthWindow[];
}

export interface ProbeTruth {
  intervalMs: number;
  timeoutMs: number;
  startedAt: string;
  stoppedAt: string;
  ranges: TruthRange[];
}

export interface TruthAction {
  at: string;
  action: string;
  args?: string[];
  target: { port: number; id: NodeId; address?: Address };
}

/** What `failscope drill` writes as truth.json: the recorder's fields (same names, same order) plus `drill`. */
export interface DrillTruth {
  scenario: string;
  description: string;
  redisVersion: string | null;
  nodeTimeoutMs: number | null;
  nodes: TruthNode[];
  actions: TruthAction[];
  /** The recorder lists the redis-server processes it ran; a drill runs none, so this stays empty. */
  processes: never[];
  probe: ProbeTruth;
  clusterDown: Array<{ start: string; end: string | null }>;
  finalNodes: TruthNode[];
  finalTopologyFrom: number | null;
  finalTopology: string | null;
  drill: {
    fault: string;
    seed: Address;
    target: Address;
    actOn: Address;
    recovered: boolean;
    /** Time from the fault to the moment recovery was confirmed (null when it was not). */
    recoveryMs: number | null;
    problem: string | null;
  };
}

const iso = (ms: EpochMs) => formatUtc(ms);
const isoOrNull = (ms: EpochMs | null) => (ms === null ? null : formatUtc(ms));

export function truthNodes(nodes: readonly LiveNode[], withAddress = true): TruthNode[] {
  return [...nodes]
    .filter((n) => n.port > 0)
    .sort((a, b) => a.address.localeCompare(b.address, 'en', { numeric: true }))
    .map((n) => ({
      port: n.port,
      id: n.id,
      role: isMaster(n) ? ('master' as const) : ('replica' as const),
      masterId: n.masterId,
      slots: formatRanges(n.slots),
      ...(withAddress ? { address: n.address } : {}),
    }));
}

export function windowTruth(w: FailureWindow): TruthWindow {
  return {
    start: iso(w.start),
    end: isoOrNull(w.end),
    lastFailedAt: iso(w.lastFailedAt),
    attempts: w.attempts,
    errors: w.errors,
    messages: w.messages,
  };
}

/**
 * The probe section of truth.json; `idOf` names the node at an address (from the starting topology).
 * `withAddress` false leaves `ownerAtStart.address` out, as the recorder's truth.json does.
 */
export function probeTruth(probe: Probe, idOf: (address: Address) => NodeId, withAddress = true): ProbeTruth {
  const attempts = probe.attempts();
  return {
    intervalMs: probe.intervalMs,
    timeoutMs: probe.timeoutMs,
    startedAt: iso(probe.startedAt ?? 0),
    stoppedAt: iso(probe.stoppedAt ?? 0),
    ranges: probe.targets.map((t, i) => {
      const mine = attempts.filter((a) => a.target === i);
      return {
        slots: t.slots,
        key: t.key,
        slot: t.slot,
        ownerAtStart: {
          port: splitAddress(t.ownerAtStart).port,
          id: idOf(t.ownerAtStart),
          ...(withAddress ? { address: t.ownerAtStart } : {}),
        },
        writes: mine.length,
        failedWrites: mine.filter((a) => !a.ok).length,
        redirects: mine.filter((a) => a.redirectedTo !== undefined).length,
        maxWriteMs: mine.reduce((m, a) => Math.max(m, a.doneAt - a.sentAt), 0),
        failures: probe.failureWindows(i).map(windowTruth),
      };
    }),
  };
}

/** Per range from the first CLUSTERDOWN reply to the next write without it, then the union over ranges. */
export function clusterDownTruth(probe: Probe): Array<{ start: string; end: string | null }> {
  const attempts = probe.attempts();
  return unionWindows(
    probe.targets.flatMap((_, i) =>
      errorClassWindows(
        attempts.filter((a) => a.target === i),
        'CLUSTERDOWN',
      ),
    ),
  ).map((w) => ({
    start: iso(w.start),
    end: isoOrNull(w.end),
  }));
}
