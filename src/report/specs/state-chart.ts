import type { TopLevelSpec } from 'vega-lite';
import {
  CHART_WIDTH,
  SCHEMA_URL,
  STATE_COLORS,
  baseConfig,
  clipToDomain,
  laneAxis,
  laneNote,
  laneSwatches,
  type ChartContext,
} from './common.ts';
import { laneTimeX, markerLayers } from './roles-chart.ts';

/**
 * `cluster_state` as each node believed it (ok / fail lanes), with cluster-wide outages — any
 * serving master answering CLUSTERDOWN — shaded behind the lanes.
 */
export function stateSpec(ctx: ChartContext): TopLevelSpec {
  const laneOf = new Map(ctx.lanes.map((l) => [l.id, l.label]));
  const lanes = ctx.lanes.map((l) => l.label);
  const states: Array<{ lane: string; state: string; start: string; end: string }> = [];
  const ticks: Array<{ lane: string; state: string; start: string }> = [];
  for (const s of ctx.cluster.states) {
    const lane = laneOf.get(s.node);
    const cut = lane === undefined ? null : clipToDomain(s.start, s.end, ctx);
    if (!lane || !cut) continue;
    states.push({ lane, state: s.state, start: cut.start, end: cut.end });
    if (cut.short) ticks.push({ lane, state: s.state, start: cut.start });
  }
  const outages = ctx.cluster.outages
    .filter((o) => o.scope === 'cluster')
    .map((o) => clipToDomain(o.start, o.end, ctx))
    .filter((o) => o !== null)
    .map((o) => ({ what: 'cluster down', start: o.start, end: o.end }));
  const x = laneTimeX(ctx);
  const y = { field: 'lane', type: 'nominal' as const, sort: lanes, title: null, axis: laneAxis() };
  const color = {
    field: 'state',
    type: 'nominal' as const,
    title: 'cluster_state',
    scale: { domain: Object.keys(STATE_COLORS), range: Object.values(STATE_COLORS) },
    legend: { orient: 'bottom' as const, direction: 'horizontal' as const },
  };

  return {
    $schema: SCHEMA_URL,
    title: {
      text: 'cluster_state per node',
      subtitle: ['What each node believed (from its log and CLUSTER INFO); shaded: cluster-wide outage.', ...laneNote(ctx)],
    },
    width: CHART_WIDTH,
    height: Math.max(60, lanes.length * 24),
    config: baseConfig(),
    layer: [
      ...(outages.length === 0 ? [] : [{
        data: { values: outages },
        mark: { type: 'rect', color: STATE_COLORS.fail, opacity: 0.12 },
        encoding: { x: { ...x, scale: { type: 'utc' as const } }, x2: { field: 'end' } },
      }]),
      {
        data: { values: states },
        mark: { type: 'bar', height: { band: 0.7 }, cornerRadius: 1 },
        encoding: { x, x2: { field: 'end' }, y, color },
      },
      ...(ticks.length === 0
        ? []
        : [
            {
              data: { values: ticks },
              mark: { type: 'tick' as const, thickness: 3, bandSize: 16 },
              encoding: { x: { ...x, scale: { type: 'utc' as const } }, y, color },
            },
          ]),
      laneSwatches(ctx),
      ...markerLayers(ctx),
    ],
  } as TopLevelSpec;
}
