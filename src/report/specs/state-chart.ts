import type { TopLevelSpec } from 'vega-lite';
import { STATE_COLORS, TIP, clipToDomain, iso, mergeIntervals, ms, tipSpan, type ChartContext } from './common.ts';
import { laneSpec, laneTimeX } from './roles-chart.ts';

/** Above this many cluster-wide outages in view, the shading merges neighbours closer than a pixel. */
const MAX_SHADED = 40;

/**
 * `cluster_state` as each node believed it (ok / fail lanes), with cluster-wide outages — any
 * serving master answering CLUSTERDOWN — shaded behind the lanes.
 */
export function stateSpec(ctx: ChartContext): TopLevelSpec {
  const cut = ctx.cluster.outages
    .filter((o) => o.scope === 'cluster')
    .map((o) => clipToDomain(o.start, o.end, ctx))
    .filter((o) => o !== null);
  // Many outages (a flapping incident): merged where the eye cannot tell them apart (issue 15).
  const outages =
    cut.length > MAX_SHADED
      ? mergeIntervals(
          cut.map((o) => [ms(o.start), ms(o.end)] as const),
          ctx,
        ).map((m) => ({
          what: 'cluster down',
          start: iso(m.start),
          end: iso(m.end),
          tip: `CLUSTERDOWN for every client${m.count > 1 ? ` (${m.count} outages)` : ''}, ${tipSpan(iso(m.start), iso(m.end), ctx)}`,
        }))
      : cut.map((o) => ({
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
