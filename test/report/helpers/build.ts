import type {
  AnalysisV1,
  ClusterAnalysis,
  EventKind,
  EventFields,
  Finding,
  NodeSummary,
  Timeline,
  TimelineEvent,
} from '../../../src/model/index.ts';

/** Hand-built analysis + timeline pairs for report tests, until the pipeline produces them. */
export interface ReportCase {
  analysis: AnalysisV1;
  timeline: Timeline;
}

export function ev(
  at: string,
  node: string | null,
  kind: EventKind,
  text: string,
  source: string,
  line: number,
  fields: EventFields = {},
  extra: Partial<TimelineEvent> = {},
): TimelineEvent {
  return { at: Date.parse(at), node, kind, fields, text, source, line, ...extra };
}

/** Top-level AnalysisV1 from its clusters (unions, verdict from the findings). */
export function analysisOf(clusters: ClusterAnalysis[], timeline: Timeline, extra: Partial<AnalysisV1> = {}): AnalysisV1 {
  const findings: Finding[] = clusters.flatMap((c) => c.findings.map((f) => ({ ...f, cluster: c.id })));
  const withCluster = clusters.map((c, i) => ({ ...c, findings: findings.filter((f) => f.cluster === clusters[i].id) }));
  return {
    schemaVersion: 1,
    clusters: withCluster,
    nodes: clusters.flatMap((c) => c.nodes),
    failovers: clusters.flatMap((c) => c.failovers),
    outages: clusters.flatMap((c) => c.outages),
    findings,
    inputs: timeline.inputs.map((i) => ({ ...i })),
    verdict: findings.some((f) => f.severity === 'error') ? 'fail' : 'pass',
    nodeTimeout: { ms: null, from: 'unknown' },
    clockOffsets: [],
    ...extra,
  };
}

export function timelineOf(events: TimelineEvent[], clusters: Array<{ id: string; nodes: NodeSummary[] }>): Timeline {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const sources = [...new Set(events.map((e) => e.source))].sort();
  return {
    clusters: clusters.map((c) => ({
      id: c.id,
      nodes: c.nodes,
      events: sorted.filter((e) => e.node === null || c.nodes.some((n) => n.id === e.node)),
      snapshots: [],
    })),
    events: sorted,
    inputs: sources.map((source) => {
      const n = events.filter((e) => e.source === source).length;
      return { source, kind: 'docker-log' as const, forms: ['docker-t', 'redis-v5'], lines: n, understood: n, ignored: 0, unknown: 0 };
    }),
    diagnostics: [],
    clockOffsets: [],
  };
}
