// What the analysis says against what the probe saw (issue #4's tolerances): each failover's
// `unavailable` against the probe's failure window on the same slots (400 ms), and the cluster-wide
// outage against the probe's CLUSTERDOWN windows (300 ms). Pure: an analysis and a truth.json in, facts
// out; used by `failscope drill` and by tests over the recorded incidents.
import type { AnalysisV1, Failover, FailoverKind, Outage } from '../model/analysis.ts';
import type { EpochMs, NodeId } from '../model/ids.ts';
import { shortId } from '../model/ids.ts';
import { parseRanges } from '../model/slots.ts';
import { formatDuration, formatUtc, parseRfc3339 } from '../util/time.ts';

export const UNAVAILABLE_TOLERANCE_MS = 400;
export const OUTAGE_TOLERANCE_MS = 300;

/** The parts of a truth.json (recorder's or drill's) the comparison reads. */
export interface ProbeTruthLike {
  probe: {
    stoppedAt: string;
    intervalMs?: number;
    ranges: Array<{
      slots: string;
      slot: number;
      failures: Array<{ start: string; end: string | null; attempts?: number; errors?: Record<string, number> }>;
    }>;
  };
  clusterDown: Array<{ start: string; end: string | null }>;
}

export interface FailoverComparison {
  kind: FailoverKind;
  oldMaster: NodeId | null;
  newMaster: NodeId | null;
  slots: string;
  /** The probe range whose key lies in the failover's slots; null when none does. */
  range: string | null;
  analysisMs: number;
  /** Length of the matching failure window; 0 when no write failed around the failover. */
  probeMs: number;
  probeWindow: { start: string; end: string | null } | null;
  diffMs: number;
  /** The `unavailable` the analysis' own fault-moment bounds allow: [promotedAt − latest, promotedAt − earliest]. */
  boundsMs: [number, number];
  /** agree: within 400 ms; within-bounds: off by more, but inside what the analysis' bounds allow (± 400 ms). */
  status: 'agree' | 'within-bounds' | 'mismatch';
}

export interface OutageComparison {
  analysisMs: number;
  probeMs: number;
  diffMs: number;
  /** The total the analysis' own bounds allow (ends read from snapshots lie between two views). */
  boundsMs: [number, number];
  analysisWindows: number;
  probeWindows: number;
  /** agree: within 300 ms; within-bounds: off by more, but inside what the analysis' bounds allow (± 300 ms). */
  status: 'agree' | 'within-bounds' | 'mismatch';
}

export interface UnexplainedWindow {
  range: string;
  start: string;
  end: string | null;
  durationMs: number;
  errors: Record<string, number>;
}

/** A check of the analysis against what the drill knows it did (e.g. the failover kind). */
export interface DrillCheck {
  what: string;
  ok: boolean;
  detail: string;
}

export interface Comparison {
  failovers: FailoverComparison[];
  clusterOutage: OutageComparison;
  /** Probe failure windows no failover or outage of the analysis accounts for (pauses below the node timeout, …). */
  unexplained: UnexplainedWindow[];
  checks: DrillCheck[];
  ok: boolean;
}

/** What the drill itself observed: the promotions between the starting and final topology, and the kind it caused. */
export interface DrillExpectation {
  kind: FailoverKind;
  promotions: Array<{ oldMaster: NodeId; newMaster: NodeId }>;
}

const ms = (iso: string): EpochMs => {
  const v = parseRfc3339(iso);
  if (v === null) throw new Error(`not an ISO time: ${iso}`);
  return v;
};

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/**
 * Compare. With `window` (a drill's probe time span), only failovers promoted inside it and the part of
 * each cluster outage inside it count: logs given to a drill usually hold older history too.
 */
export function compareWithProbe(
  analysis: AnalysisV1,
  truth: ProbeTruthLike,
  expect?: DrillExpectation,
  window?: { start: EpochMs; end: EpochMs },
): Comparison {
  const stoppedAt = ms(truth.probe.stoppedAt);
  if (window) analysis = withinWindow(analysis, window);
  const windows = truth.probe.ranges.map((r) =>
    r.failures.map((w) => ({ start: ms(w.start), end: w.end === null ? null : ms(w.end), raw: w })),
  );
  const used = new Set<string>();
  const failovers = analysis.failovers.map((f): FailoverComparison => compareFailover(f, truth, windows, stoppedAt, used));

  const clusterOutages = analysis.outages.filter((o) => o.scope === 'cluster');
  // An end read from snapshots is known between two views: the first view that shows it over is as late
  // as the first view that showed it begin, so their difference is the estimate; the bounds say how far off.
  const spanOf = (o: (typeof clusterOutages)[number]) => {
    const open = Math.max(0, stoppedAt - ms(o.start));
    const est = o.durationMs ?? (o.endBounds ? ms(o.endBounds[1]) - ms(o.start) : open);
    return { est, min: o.minDurationMs ?? est, max: o.maxDurationMs ?? (o.end === null && !o.endBounds ? open : est) };
  };
  const spans = clusterOutages.map(spanOf);
  const analysisOutageMs = spans.reduce((sum, x) => sum + x.est, 0);
  const probeOutageMs = truth.clusterDown.reduce((sum, w) => sum + ((w.end === null ? stoppedAt : ms(w.end)) - ms(w.start)), 0);
  const outageDiff = Math.abs(analysisOutageMs - probeOutageMs);
  const outageBoundsMs: [number, number] = [spans.reduce((sum, x) => sum + x.min, 0), spans.reduce((sum, x) => sum + x.max, 0)];
  const clusterOutage: OutageComparison = {
    analysisMs: analysisOutageMs,
    probeMs: probeOutageMs,
    diffMs: outageDiff,
    boundsMs: outageBoundsMs,
    analysisWindows: clusterOutages.length,
    probeWindows: truth.clusterDown.length,
    status:
      outageDiff <= OUTAGE_TOLERANCE_MS
        ? 'agree'
        : probeOutageMs >= outageBoundsMs[0] - OUTAGE_TOLERANCE_MS && probeOutageMs <= outageBoundsMs[1] + OUTAGE_TOLERANCE_MS
          ? 'within-bounds'
          : 'mismatch',
  };

  // A window inside an outage the analysis reports (the whole cluster, or slots including the probe's) is explained too.
  const outages = analysis.outages.map((o) => ({
    slots: o.scope === 'slots' && o.slots ? parseRanges(o.slots) : null,
    start: ms(o.start),
    end: o.end === null ? stoppedAt : ms(o.end),
  }));
  const unexplained: UnexplainedWindow[] = [];
  truth.probe.ranges.forEach((r, i) =>
    windows[i].forEach((w, j) => {
      if (used.has(`${i}/${j}`)) return;
      const end = w.end ?? stoppedAt;
      const inOutage = outages.some(
        (o) =>
          (o.slots === null || o.slots.some((s) => r.slot >= s.start && r.slot <= s.end)) &&
          overlap(w.start, end, o.start - 1000, o.end + 1000) > 0,
      );
      if (inOutage) return;
      unexplained.push({
        range: r.slots,
        start: w.raw.start,
        end: w.raw.end,
        durationMs: (w.end ?? stoppedAt) - w.start,
        errors: w.raw.errors ?? {},
      });
    }),
  );

  const checks = expect ? drillChecks(analysis.failovers, expect) : [];
  const ok = failovers.every((f) => f.status !== 'mismatch') && clusterOutage.status !== 'mismatch' && checks.every((c) => c.ok);
  return { failovers, clusterOutage, unexplained, checks, ok };
}

/** The analysis restricted to a time span: failovers promoted in it, outages clipped to it. */
export function withinWindow(analysis: AnalysisV1, w: { start: EpochMs; end: EpochMs }): AnalysisV1 {
  const failovers = analysis.failovers.filter((f) => {
    const p = ms(f.promotedAt);
    return p >= w.start && p <= w.end;
  });
  const outages = analysis.outages.flatMap((o): Outage[] => {
    const start = Math.max(ms(o.start), w.start);
    // An end known within bounds (read from snapshots) stays bounds, clipped like the rest.
    if (o.end === null && o.endBounds) {
      const hi = Math.min(ms(o.endBounds[1]), w.end);
      if (hi < start) return [];
      const lo = Math.min(Math.max(ms(o.endBounds[0]), start), hi);
      const cut = start - ms(o.start);
      const clip = (d: number | null) => (d === null ? null : Math.max(0, d - cut));
      return [
        {
          ...o,
          start: formatUtc(start),
          endBounds: [formatUtc(lo), formatUtc(hi)] as [string, string],
          minDurationMs: clip(o.minDurationMs),
          maxDurationMs: clip(o.maxDurationMs),
        },
      ];
    }
    const end = Math.min(o.end === null ? w.end : ms(o.end), w.end);
    if (end <= start && !(end === start && ms(o.start) >= w.start)) return [];
    return [{ ...o, start: formatUtc(start), end: formatUtc(end), durationMs: end - start }];
  });
  return { ...analysis, failovers, outages };
}

function compareFailover(
  f: Failover,
  truth: ProbeTruthLike,
  windows: Array<Array<{ start: number; end: number | null; raw: { start: string; end: string | null } }>>,
  stoppedAt: number,
  used: Set<string>,
): FailoverComparison {
  const slots = parseRanges(f.slots);
  const started = ms(f.startedAt);
  const promoted = ms(f.promotedAt);
  const [earliest, latest] = f.startedAtBounds.map(ms);
  // A promotion seen only in snapshots lies between two views: its bounds widen the allowed range too.
  const [promotedLo, promotedHi] = (f.promotedAtBounds ?? [f.promotedAt, f.promotedAt]).map(ms);
  const boundsMs: [number, number] = [
    Math.max(0, Math.min(promoted, promotedLo) - latest),
    Math.max(0, Math.max(promoted, promotedHi) - earliest),
  ];
  const i = truth.probe.ranges.findIndex((r) => slots.some((s) => r.slot >= s.start && r.slot <= s.end));
  let best: { j: number; score: number } | null = null;
  if (i >= 0) {
    // The window around the failover: it overlaps [earliest fault − 1 s, promotion + 1 s]; the one that
    // overlaps [startedAt, promotedAt] most wins (a zero-length failover: the nearest).
    windows[i].forEach((w, j) => {
      const end = w.end ?? stoppedAt;
      if (w.start > promoted + 1000 || end < earliest - 1000) return;
      const score = overlap(w.start, end, started, promoted) * 1e6 - Math.abs(w.start - started);
      if (!best || score > best.score) best = { j, score };
    });
  }
  const chosen = best as { j: number; score: number } | null;
  const w = chosen && i >= 0 ? windows[i][chosen.j] : null;
  if (chosen && i >= 0) used.add(`${i}/${chosen.j}`);
  const probeMs = w ? (w.end ?? stoppedAt) - w.start : 0;
  const analysisMs = f.timingsMs.unavailable;
  const diffMs = Math.abs(analysisMs - probeMs);
  const status =
    diffMs <= UNAVAILABLE_TOLERANCE_MS
      ? 'agree'
      : probeMs >= boundsMs[0] - UNAVAILABLE_TOLERANCE_MS && probeMs <= boundsMs[1] + UNAVAILABLE_TOLERANCE_MS
        ? 'within-bounds'
        : 'mismatch';
  return {
    kind: f.kind,
    oldMaster: f.oldMaster,
    newMaster: f.newMaster,
    slots: f.slots,
    range: i >= 0 ? truth.probe.ranges[i].slots : null,
    analysisMs,
    probeMs,
    probeWindow: w ? { start: w.raw.start, end: w.raw.end } : null,
    diffMs,
    boundsMs,
    status,
  };
}

function drillChecks(failovers: readonly Failover[], expect: DrillExpectation): DrillCheck[] {
  const checks: DrillCheck[] = [];
  for (const p of expect.promotions) {
    const f = failovers.find((x) => x.newMaster === p.newMaster);
    const what = `${shortId(p.newMaster)} replaced ${shortId(p.oldMaster)}`;
    if (!f) checks.push({ what, ok: false, detail: 'the cluster made this promotion; the analysis reports no failover to it' });
    else
      checks.push({
        what,
        // "unknown" is no wrong answer: the evidence (snapshots alone) cannot tell the kind; a wrong kind is.
        ok: (f.kind === expect.kind || f.kind === 'unknown') && (f.oldMaster === null || f.oldMaster === p.oldMaster),
        detail: `analysis: ${f.kind === 'unknown' ? 'a failover of a kind the evidence cannot tell' : `${f.kind} failover`} from ${f.oldMaster ? shortId(f.oldMaster) : 'unknown'}; the drill caused ${/^[aeiou]/.test(expect.kind) ? 'an' : 'a'} ${expect.kind} one`,
      });
  }
  for (const f of failovers)
    if (!expect.promotions.some((p) => p.newMaster === f.newMaster))
      checks.push({
        what: `${f.kind} failover to ${f.newMaster ? shortId(f.newMaster) : 'an unnamed master'}`,
        ok: false,
        detail: 'the analysis reports a failover the cluster did not make',
      });
  if (expect.promotions.length === 0 && failovers.length === 0)
    checks.push({ what: 'no failover', ok: true, detail: 'no promotion happened and the analysis reports none' });
  return checks;
}

/** The comparison as text lines (for `drill`'s text and markdown output). */
export function renderComparisonText(
  c: Comparison,
  nodeName: (id: NodeId | null) => string = (id) => (id ? shortId(id) : 'unknown'),
): string {
  const lines: string[] = [];
  const mark = (ok: boolean) => (ok ? 'ok  ' : 'FAIL');
  lines.push(`Analysis vs probe (tolerance: unavailable ${UNAVAILABLE_TOLERANCE_MS} ms, cluster outage ${OUTAGE_TOLERANCE_MS} ms)`);
  if (c.failovers.length === 0) lines.push('  no failover in the analysis');
  for (const f of c.failovers) {
    const where = f.range === null ? 'no probe range in these slots' : `probe on ${f.range}`;
    const note =
      f.status === 'within-bounds'
        ? ` (inside the analysis' bounds ${formatDuration(f.boundsMs[0])}–${formatDuration(f.boundsMs[1])})`
        : '';
    lines.push(
      `  ${mark(f.status !== 'mismatch')} ${f.kind} failover ${nodeName(f.oldMaster)} → ${nodeName(f.newMaster)} (${f.slots}): unavailable ${formatDuration(f.analysisMs)} by the analysis, ${formatDuration(f.probeMs)} by the ${where}; off by ${formatDuration(f.diffMs)}${note}`,
    );
  }
  const o = c.clusterOutage;
  lines.push(
    `  ${mark(o.status !== 'mismatch')} cluster outage: ${formatDuration(o.analysisMs)} by the analysis (${o.analysisWindows} window${o.analysisWindows === 1 ? '' : 's'}), ${formatDuration(o.probeMs)} of CLUSTERDOWN by the probe (${o.probeWindows}); off by ${formatDuration(o.diffMs)}${o.status === 'within-bounds' ? ` (inside the analysis' bounds ${formatDuration(o.boundsMs[0])}–${formatDuration(o.boundsMs[1])})` : ''}`,
  );
  for (const k of c.checks) lines.push(`  ${mark(k.ok)} ${k.what}: ${k.detail}`);
  for (const u of c.unexplained) {
    const errs = Object.entries(u.errors)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    lines.push(
      `  note: writes to ${u.range} failed for ${formatDuration(u.durationMs)} from ${u.start}${errs ? ` (${errs})` : ''}, outside any failover of the analysis`,
    );
  }
  lines.push(c.ok ? 'The analysis agrees with the probe.' : 'The analysis does NOT agree with the probe.');
  return `${lines.join('\n')}\n`;
}
