import type { TopLevelSpec } from 'vega-lite';
import { STATE_COLORS, TIP, clipToDomain, tipSpan, type ChartContext } from './common.ts';
import { laneSpec, laneTimeX } from './roles-chart.ts';

/**
 * `cluster_state` as each node believed it (ok / fail lanes), with cluster-wide outages — any
 * serving master answering CLUSTERDOWN — shaded behind the lanes.
 */
export function stateSpec(ctx: ChartContext): TopLevelSpec {
  const outages = ctx.cluster.outages
    .filter((o) => o.scope === 'cluster')
    .map((o) => clipToDomain(o.start, o.end, ctx))
    .filter((o) => o !== null)
    .map((o) => ({
      what: 'cluster down',
      start: o.start,
      end: o.end,
      tip: `CLUSTERDOWN for every client, ${tipSpan(o.start, o.end, ctx)}`,
    }));
  const x = laneTimeX(ctx);
  return laneSpec(ctx, {
    field: 'state',
    legendTitle: 'cluster_state',
    colors: STATE_COLORS,
    title: 'cluster_state per node',
    subtitle: 'What each node believed (from its log and CLUSTER INFO); shaded: cluster-wide outage.',
    segments: ctx.cluster.states.map((s) => ({ node: s.node, value: s.state, start: s.start, end: s.end })),
    background:
      outages.length === 0
        ? []
        : [
            {
              data: { values: outages },
              mark: { type: 'rect', color: STATE_COLORS.fail, opacity: 0.12, aria: true },
              encoding: { x: { ...x, scale: { type: 'utc' as const } }, x2: { field: 'end' }, ...TIP },
            },
          ],
  });
}
