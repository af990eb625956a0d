// Load a recorded incident (fixtures/incidents/<name>/) and its ground truth (truth.json, written by the
// recorder from what it did and what its probe client saw; see fixtures/record/README.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalysisV1, Failover, Outage } from '../../src/model/analysis.ts';
import { parseRanges, intersectRanges } from '../../src/model/slots.ts';
import { loadTimeline } from '../../src/pipeline.ts';
import { analyzeTimeline } from '../../src/verdict/index.ts';

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

export function failoverOf(a: AnalysisV1, slots: string): Failover | undefined {
  return a.failovers.find((f) => intersectRanges(parseRanges(f.slots), parseRanges(slots)).length > 0);
}

export function clusterOutages(a: AnalysisV1): Outage[] {
  return a.outages.filter((o) => o.scope === 'cluster');
}

export function rules(a: AnalysisV1): string[] {
  return [...new Set(a.findings.map((f) => f.rule))].sort();
}

export function rulesBySeverity(a: AnalysisV1, severity: 'error' | 'warning' | 'info'): string[] {
  return [...new Set(a.findings.filter((f) => f.severity === severity).map((f) => f.rule))].sort();
}

export { ms };
