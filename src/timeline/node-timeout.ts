import type { AnalysisV1 } from '../model/analysis.ts';
import type { ClusterTimeline, InputSummary } from '../model/timeline.ts';
import { KindIndex } from './kind-index.ts';

export type NodeTimeout = AnalysisV1['nodeTimeout'];

/**
 * cluster-node-timeout, from the best source: the option; a crash report's config section
 * (`cluster-node-timeout` under CONFIG DEBUG OUTPUT, carried as fields.nodeTimeoutMs on server.crash);
 * a CONFIG GET reply; a redis.conf given as input. Otherwise unknown: never a default presented as fact.
 */
export function resolveNodeTimeout(
  cluster: ClusterTimeline,
  inputs: readonly InputSummary[],
  option?: number,
  kinds: KindIndex = KindIndex.of(cluster.events),
): NodeTimeout {
  if (option !== undefined && Number.isFinite(option) && option > 0) return { ms: option, from: 'option' };
  for (const e of kinds.eventsOf('server.crash', 'server.section'))
    if (e.fields.nodeTimeoutMs !== undefined && e.fields.nodeTimeoutMs > 0) return { ms: e.fields.nodeTimeoutMs, from: 'crash-report' };
  const kindOf = new Map(inputs.map((i) => [i.source, i.kind]));
  let conf: number | null = null;
  for (const s of cluster.snapshots) {
    if (s.kind !== 'config') continue;
    const v = Number(s.params['cluster-node-timeout']);
    if (!Number.isFinite(v) || v <= 0) continue;
    if (kindOf.get(s.source) === 'redis-conf') conf ??= v;
    else return { ms: v, from: 'config-get' };
  }
  for (const e of kinds.eventsOf('snapshot.config'))
    if (e.fields.nodeTimeoutMs !== undefined && e.fields.nodeTimeoutMs > 0) {
      if (kindOf.get(e.source) === 'redis-conf') conf ??= e.fields.nodeTimeoutMs;
      else return { ms: e.fields.nodeTimeoutMs, from: 'config-get' };
    }
  if (conf !== null) return { ms: conf, from: 'redis-conf' };
  return { ms: null, from: 'unknown' };
}
