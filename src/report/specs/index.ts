import type { TopLevelSpec } from 'vega-lite';
import type { AnalysisV1, ClusterAnalysis, Failover } from '../../model/analysis.ts';
import { chartContext, type ChartContext } from './common.ts';
import { ownershipSpec } from './ownership-chart.ts';
import { rolesSpec } from './roles-chart.ts';
import { stateSpec } from './state-chart.ts';
import { topologySpec } from './topology-chart.ts';
import { waterfallSpec } from './waterfall-chart.ts';

export { chartContext, nodeStyles, NODE_PALETTE, type ChartContext, type NodeStyle } from './common.ts';
export { ownershipSpec } from './ownership-chart.ts';
export { rolesSpec } from './roles-chart.ts';
export { stateSpec } from './state-chart.ts';
export { topologySpec } from './topology-chart.ts';
export { waterfallSpec } from './waterfall-chart.ts';

export type ChartId = 'roles' | 'ownership' | 'state' | 'waterfall' | 'topology';

/** One chart of the report: its spec, or why there is none. */
export interface ChartEntry {
  id: ChartId;
  title: string;
  spec: TopLevelSpec | null;
  /** Shown instead of the chart when `spec` is null. */
  empty?: string;
}

export interface ClusterCharts {
  cluster: string;
  context: ChartContext;
  charts: ChartEntry[];
}

export interface ChartOptions {
  /** Built already (the page needs its node styles before the charts). */
  context?: ChartContext;
  /** The page anchor (`#L2-9`) of a failover's evidence row, for its markers to link to. */
  evidenceHref?: (f: Failover) => string | null;
}

/** Which charts a cluster gets, in page order; a chart without data says why instead. */
export function clusterCharts(cluster: ClusterAnalysis, opts: ChartOptions = {}): ClusterCharts {
  const ctx = opts.context ?? chartContext(cluster);
  if (opts.evidenceHref) ctx.evidenceHref = opts.evidenceHref;
  const chart = (id: ChartId, title: string, has: number, spec: (c: ChartContext) => TopLevelSpec, empty: string): ChartEntry =>
    has ? { id, title, spec: spec(ctx) } : { id, title, spec: null, empty };
  const charts: ChartEntry[] = [
    chart('roles', 'Roles over time', cluster.roles.length, rolesSpec, 'The evidence shows no node roles.'),
    chart('ownership', 'Slot ownership over time', cluster.ownership.length, ownershipSpec, 'The evidence shows no slot ownership.'),
    chart('state', 'cluster_state per node', cluster.states.length, stateSpec, 'No node reported its cluster_state.'),
    chart('waterfall', 'Failover phases', cluster.failovers.length, waterfallSpec, 'No failover happened.'),
    chart(
      'topology',
      'Topology before and after',
      cluster.roles.length || cluster.ownership.length,
      topologySpec,
      'The evidence shows no topology.',
    ),
  ];
  return { cluster: cluster.id, context: ctx, charts };
}

/** Every chart spec of the report, per cluster: what `report.vl.json` goldens hold. */
export function reportSpecs(analysis: AnalysisV1): Record<string, Partial<Record<ChartId, TopLevelSpec>>> {
  const out: Record<string, Partial<Record<ChartId, TopLevelSpec>>> = {};
  for (const c of analysis.clusters) {
    const entry: Partial<Record<ChartId, TopLevelSpec>> = {};
    for (const ch of clusterCharts(c).charts) if (ch.spec) entry[ch.id] = ch.spec;
    out[c.id] = entry;
  }
  return out;
}
