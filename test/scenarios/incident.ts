// Load a recorded incident (fixtures/incidents/<name>/) and its ground truth (truth.json, written by the
// recorder from what it did and what its probe client saw; see fixtures/record/README.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalysisV1, Outage } from '../../src/model/analysis.ts';
import { parseRanges, intersectRanges } from '../../src/model/slots.ts';
import { loadTimeline } from '../../src/pipeline.ts';
import { analyzeTimeline } from '../../src/pipeline.ts';

export interface TruthFailure {
  start: string;
  end: string | null;
  lastFailedAt: string;
  attempts: number;
  errors: Record<string, number>;
}
export interface Truth {
  scenario: string;
  nodeTimeoutMs: number;
  nodes: Array<{ port: number; id: string; role: 'master' | 'replica'; masterId: string | null; slots: string }>;
  actions: Array<{ at: string; action: string; target: { port: number; id: string } }>;
  processes: Array<{ port: number; pid: number; startedAt: string; exitedAt: string | null; exitSignal: string | null }>;
  probe: { intervalMs: number; ranges: Array<{ slots: string; ownerAtStart: { port: number; id: string }; failures: TruthFailure[] }> };
  clusterDown: Array<{ start: string; end: string | null }>;
  finalNodes: Array<{ port: number; id: string; role: 'master' | 'replica'; masterId: string | null; slots: string }>;
}

export const INCIDENTS = 'fixtures/incidents';
const ms = (iso: string) => Date.parse(iso);

export async function loadIncident(name: string, opts: { nodeTimeoutMs?: number } = {}): Promise<{ analysis: AnalysisV1; truth: Truth }> {
  const dir = join(INCIDENTS, name);
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth;
  const timeline = await loadTimeline([dir], { zone: 'UTC' });
  return { analysis: analyzeTimeline(timeline, opts), truth };
}

export const idOf = (truth: Truth, port: number) => (truth.nodes.find((n) => n.port === port) as { id: string }).id;

/** The probe's failure runs for the range holding `slots`. */
export function failuresFor(truth: Truth, slots: string): TruthFailure[] {
  const want = parseRanges(slots);
  const r = truth.probe.ranges.find((x) => intersectRanges(parseRanges(x.slots), want).length > 0);
  return r ? r.failures : [];
}

/** The probe's failure run that overlaps [from, to] (ms), as a duration. */
export function truthWindow(f: TruthFailure): { start: number; end: number | null; durationMs: number | null } {
  const start = ms(f.start);
  const end = f.end === null ? null : ms(f.end);
  return { start, end, durationMs: end === null ? null : end - start };
}

export function clusterOutages(a: AnalysisV1): Outage[] {
  return a.outages.filter((o) => o.scope === 'cluster');
}

export function rulesBySeverity(a: AnalysisV1, severity: 'error' | 'warning' | 'info'): string[] {
  return [...new Set(a.findings.filter((f) => f.severity === severity).map((f) => f.rule))].sort();
}

export { ms };

/**
 * The windows in which every probed range was failing at once, from the probe's failure runs in
 * truth.json (each run from its first failed write to the next write that succeeded). Only windows in
 * which some range answered CLUSTERDOWN count: a cluster-wide refusal, not three dead masters.
 */
export function everyRangeDown(truth: Truth): Array<{ start: string; end: string | null }> {
  const ranges = truth.probe.ranges.map((r) =>
    r.failures.map((f) => ({ start: ms(f.start), end: f.end === null ? Infinity : ms(f.end), down: (f.errors.CLUSTERDOWN ?? 0) > 0 })),
  );
  let acc: Array<{ start: number; end: number; down: boolean }> = ranges[0] ?? [];
  for (const next of ranges.slice(1)) {
    const out: typeof acc = [];
    for (const a of acc)
      for (const b of next) {
        const start = Math.max(a.start, b.start);
        const end = Math.min(a.end, b.end);
        if (start < end) out.push({ start, end, down: a.down || b.down });
      }
    acc = out;
  }
  return acc
    .filter((w) => w.down)
    .sort((x, y) => x.start - y.start)
    .map((w) => ({ start: new Date(w.start).toISOString(), end: Number.isFinite(w.end) ? new Date(w.end).toISOString() : null }));
}

// ---------------------------------------------------------------------------------------------
// Checks against the ground truth shared by every scenario test.
import { expect } from 'vitest';

export interface ScenarioSpec {
  /** A log line marks the fault moment (crash report, shutdown line, replica losing the link). */
  faultLogged: boolean;
  verdict: 'pass' | 'fail';
  errors: string[];
  warnings: string[];
  /** Rules that must be among the infos. */
  infos?: string[];
  /** Failover kind expected for every range whose master changed. */
  kind?: 'automatic' | 'manual' | 'takeover' | 'force';
  /** Blocked failovers: rule and the port of the master that was not replaced. */
  blocked?: Array<{ rule: string; port: number }>;
}

const TOL_UNAVAILABLE_MS = 400;
const TOL_CLUSTER_DOWN_MS = 300;
/** A snapshot's stamp is when the reply arrived, a little after the node sent it. */
const TOL_BOUNDS_MS = 10;

/** Faults the recorder injected on a master, in order. */
export function faultActions(truth: Truth) {
  return truth.actions.filter((a) => a.action !== 'START' && a.action !== 'SIGCONT' && !a.action.startsWith('CLUSTER FAILOVER'));
}

/** Ranges whose master changed between the start and the end of the recording. */
export function expectedFailovers(truth: Truth) {
  const out: Array<{ slots: string; oldMaster: string; newMaster: string }> = [];
  for (const n of truth.nodes.filter((x) => x.role === 'master' && x.slots)) {
    const now = truth.finalNodes.find((f) => f.role === 'master' && intersectRanges(parseRanges(f.slots), parseRanges(n.slots)).length > 0);
    if (now && now.id !== n.id) out.push({ slots: n.slots, oldMaster: n.id, newMaster: now.id });
  }
  return out;
}

export function checkAgainstTruth(a: AnalysisV1, truth: Truth, spec: ScenarioSpec): void {
  expect(a.clusters).toHaveLength(1);
  const c = a.clusters[0];

  // 1. Verdict and findings.
  expect(a.verdict).toBe(spec.verdict);
  expect(rulesBySeverity(a, 'error')).toEqual([...spec.errors].sort());
  expect(rulesBySeverity(a, 'warning')).toEqual([...spec.warnings].sort());
  for (const r of spec.infos ?? []) expect(rulesBySeverity(a, 'info')).toContain(r);

  // 2. Failovers: exactly the ranges whose master changed, old and new master, kind.
  const want = expectedFailovers(truth);
  expect(a.failovers.map((f) => [f.slots, f.oldMaster, f.newMaster])).toEqual(want.map((w) => [w.slots, w.oldMaster, w.newMaster]));
  for (const f of a.failovers) {
    expect(f.kind).toBe(spec.kind ?? 'automatic');
    expect(ms(f.promotedAt)).toBeGreaterThanOrEqual(ms(f.startedAt));
    // The fault the recorder injected lies inside the bounds we give.
    const fault = faultActions(truth).find((x) => x.target.id === f.oldMaster);
    if (fault && (f.kind === 'automatic' || f.kind === 'force')) {
      expect(ms(fault.at)).toBeGreaterThanOrEqual(ms(f.startedAtBounds[0]) - TOL_BOUNDS_MS);
      expect(ms(fault.at)).toBeLessThanOrEqual(ms(f.startedAtBounds[1]) + TOL_BOUNDS_MS);
    }
    // 3. Unavailability against what the probe saw on that range.
    const runs = failuresFor(truth, f.slots)
      .map(truthWindow)
      .filter((w) => w.end !== null && w.end >= ms(f.startedAt) - 1000 && w.start <= ms(f.promotedAt) + 1000);
    const truthMs = runs.length > 0 ? Math.max(...runs.map((w) => w.durationMs as number)) : 0;
    if (spec.faultLogged)
      expect(Math.abs(f.timingsMs.unavailable - truthMs), `unavailable ${f.timingsMs.unavailable} vs probe ${truthMs}`).toBeLessThanOrEqual(
        TOL_UNAVAILABLE_MS,
      );
  }

  // 4. Blocked failovers: which master, and its slots out for as long as the probe saw.
  const blocked = a.findings.filter((f) => f.rule.startsWith('failover.blocked.'));
  expect(blocked.map((f) => [f.rule, f.nodes[0]]).sort()).toEqual((spec.blocked ?? []).map((b) => [b.rule, idOf(truth, b.port)]).sort());
  for (const b of spec.blocked ?? []) {
    const id = idOf(truth, b.port);
    const slots = (truth.nodes.find((n) => n.id === id) as { slots: string }).slots;
    const out = a.outages.find((o) => o.scope === 'slots' && o.slots === slots && o.cause === b.rule) as Outage;
    expect(out).toBeDefined();
    const probe = failuresFor(truth, slots)
      .map(truthWindow)
      .find((w) => w.end !== null && Math.abs(w.start - ms(out.start)) < 5000) as ReturnType<typeof truthWindow>;
    expect(probe).toBeDefined();
    const fault = faultActions(truth).find((x) => x.target.id === id) as Truth['actions'][number];
    const bounds = out.startBounds;
    expect(ms(fault.at)).toBeGreaterThanOrEqual(ms(bounds[0]) - TOL_BOUNDS_MS);
    expect(ms(fault.at)).toBeLessThanOrEqual(ms(bounds[1]) + TOL_BOUNDS_MS);
    if (spec.faultLogged) {
      expect(out.end).not.toBeNull();
      expect(Math.abs(ms(out.end as string) - (probe.end as number)), 'slot outage end').toBeLessThanOrEqual(TOL_UNAVAILABLE_MS);
      expect(Math.abs((out.durationMs as number) - (probe.durationMs as number)), 'slot outage length').toBeLessThanOrEqual(
        TOL_UNAVAILABLE_MS,
      );
    }
  }

  // 5. Cluster-wide outage: every range failing at once, as the probe saw it (issue 12: it ends when
  //    the first range is served again, not when the last CLUSTERDOWN reply stops).
  const ours = clusterOutages(a);
  const everyRange = everyRangeDown(truth);
  expect(ours.length, 'cluster-wide outages').toBe(everyRange.length);
  everyRange.forEach((t, i) => {
    const o = ours[i];
    expect(Math.abs(ms(o.start) - ms(t.start)), 'CLUSTERDOWN start').toBeLessThanOrEqual(TOL_CLUSTER_DOWN_MS);
    expect(o.end).not.toBeNull();
    expect(Math.abs(ms(o.end as string) - ms(t.end as string)), 'CLUSTERDOWN end').toBeLessThanOrEqual(TOL_CLUSTER_DOWN_MS);
    expect(Math.abs((o.durationMs as number) - (ms(t.end as string) - ms(t.start))), 'CLUSTERDOWN length').toBeLessThanOrEqual(
      TOL_CLUSTER_DOWN_MS,
    );
  });

  // 6. How it ended: every node's role and master, and who owns which slots.
  for (const n of truth.finalNodes) {
    const lane = c.roles.find((r) => r.node === n.id && r.end === null);
    expect(lane, `role lane of ${n.port}`).toBeDefined();
    expect([n.port, lane?.role, lane?.masterId ?? null]).toEqual([n.port, n.role, n.masterId]);
    if (n.role === 'master' && n.slots) {
      const own = c.ownership.filter((o) => o.end === null && o.owner === n.id).map((o) => o.slots);
      expect(own.join(','), `slots of ${n.port} at the end`).toBe(n.slots);
    }
  }
}
