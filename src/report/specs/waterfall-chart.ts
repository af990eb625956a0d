import type { TopLevelSpec } from 'vega-lite';
import { formatDuration } from '../../util/time.ts';
import { ALARM, CHART_WIDTH, SCHEMA_URL, TIP, baseConfig, ms, type ChartContext } from './common.ts';
import { failoverLabel } from './roles-chart.ts';

/** Phases in display order, with their colours: a grey ramp in time order, the whole outage in the alarm red. */
export const PHASES = {
  'fault window': '#D9D9D9',
  detection: '#A8A8A8',
  'FAIL → election': '#747474',
  election: '#3D3D3D',
  unavailable: ALARM,
} as const;
type Phase = keyof typeof PHASES;

/** Panels drawn at most: the longest unavailabilities when a dense incident has more failovers. */
export const MAX_WATERFALLS = 20;

interface PhaseRow {
  failover: string;
  phase: Phase;
  from: number;
  to: number;
  label: string;
  tip: string;
}

/**
 * One waterfall per failover, in ms since its fault moment (`startedAt`): the window the fault can
 * lie in (`startedAtBounds`), detection (fault → FAIL mark), the wait for the election, the election,
 * and the whole unavailability (fault → promotion).
 */
export function waterfallSpec(ctx: ChartContext): TopLevelSpec {
  const rows: PhaseRow[] = [];
  const labels: string[] = [];
  // A dense incident: the longest unavailabilities only, in failover order (issue 15: one panel each
  // would be 8320 panels); every failover stays in the failovers table.
  const all = ctx.cluster.failovers;
  const shown =
    all.length <= MAX_WATERFALLS
      ? all.map((_, i) => i)
      : all
          .map((f, i) => ({ i, u: f.timingsMs.unavailable ?? -1 }))
          .sort((a, b) => b.u - a.u || a.i - b.i)
          .slice(0, MAX_WATERFALLS)
          .map((x) => x.i)
          .sort((a, b) => a - b);
  shown.forEach((i) => {
    const f = all[i];
    const failover = failoverLabel(i, f, ctx);
    labels.push(failover);
    const t0 = ms(f.startedAt);
    const rel = (iso: string | null) => (iso === null ? null : ms(iso) - t0);
    const push = (phase: Phase, a: number | null, b: number | null, label?: string) => {
      if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b) || b < a) return;
      const text = label ?? formatDuration(b - a);
      rows.push({
        failover,
        phase,
        from: a,
        to: b,
        label: text,
        tip: `${failover}: ${phase} ${text}, from +${formatDuration(a)} to +${formatDuration(b)} after the fault moment`,
      });
    };
    const lo = rel(f.startedAtBounds[0]);
    const hi = rel(f.startedAtBounds[1]);
    push('fault window', lo, hi, `${f.startedAtFrom}: ${formatDuration((hi ?? 0) - (lo ?? 0))} wide`);
    const fail = rel(f.failMarkedAt);
    const elect = rel(f.electionStartedAt);
    const promoted = rel(f.promotedAt);
    push('detection', 0, fail);
    push('FAIL → election', fail, elect);
    push('election', elect ?? fail, promoted);
    push('unavailable', 0, promoted);
  });
  const phases = Object.keys(PHASES) as Phase[];

  return {
    $schema: SCHEMA_URL,
    title: {
      text: 'Failover phases',
      subtitle: [
        'Milliseconds since each failover’s fault moment; grey: the window the fault can lie in.',
        ...(shown.length < all.length
          ? [`The ${shown.length} longest unavailabilities of ${all.length} failovers; every one is in the failovers table.`]
          : []),
      ],
    },
    config: { ...baseConfig(), facet: { spacing: 14 } },
    data: { values: rows },
    facet: {
      row: {
        field: 'failover',
        type: 'nominal',
        sort: labels,
        title: null,
        header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontWeight: 'bold', labelFontSize: 12, labelLimit: 0 },
      },
    },
    spec: {
      width: CHART_WIDTH - 160,
      height: phases.length * 20,
      layer: [
        {
          mark: { type: 'bar', height: { band: 0.65 }, cornerRadius: 1, aria: true },
          encoding: {
            ...TIP,
            x: { field: 'from', type: 'quantitative', title: 'ms since the fault', scale: { zero: true, nice: true } },
            x2: { field: 'to' },
            y: { field: 'phase', type: 'nominal', sort: phases, title: null, axis: { labelLimit: 140 } },
            color: { field: 'phase', type: 'nominal', scale: { domain: phases, range: Object.values(PHASES) }, legend: null },
          },
        },
        {
          mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#222222', aria: true },
          encoding: {
            ...TIP,
            x: { field: 'to', type: 'quantitative' },
            y: { field: 'phase', type: 'nominal', sort: phases },
            text: { field: 'label', type: 'nominal' },
          },
        },
      ],
    },
  } as TopLevelSpec;
}
