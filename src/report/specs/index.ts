import type { TopLevelSpec } from 'vega-lite';
import type { AnalysisV1, ClusterAnalysis } from '../../model/analysis.ts';
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

/** Which charts a cluster gets, in page order; a chart without data says why instead. */
export function clusterCharts(cluster: ClusterAnalysis): ClusterCharts {
  const ctx = chartContext(cluster);
  const charts: ChartEntry[] = [
    cluster.roles.length
      ? { id: 'roles', title: 'Roles over time', spec: rolesSpec(ctx) }
      : { id: 'roles', title: 'Roles over time', spec: null, empty: 'The evidence shows no node roles.' },
    cluster.ownership.length
      ? { id: 'ownership', title: 'Slot ownership over time', spec: ownershipSpec(ctx) }
      : { id: 'ownership', title: 'Slot ownership over time', spec: null, empty: 'The evidence shows no slot ownership.' },
    cluster.states.length
      ? { id: 'state', title: 'cluster_state per node', spec: stateSpec(ctx) }
      : { id: 'state', title: 'cluster_state per node', spec: null, empty: 'No node reported its cluster_state.' },
    cluster.failovers.length
      ? { id: 'waterfall', title: 'Failover phases', spec: waterfallSpec(ctx) }
      : { id: 'waterfall', title: 'Failover phases', spec: null, empty: 'No failover happened.' },
    cluster.roles.length || cluster.ownership.length
      ? { id: 'topology', title: 'Topology before and after', spec: topologySpec(ctx) }
      : { id: 'topology', title: 'Topology before and after', spec: null, empty: 'The evidence shows no topology.' },
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
