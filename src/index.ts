/**
 * The failscope library API: re-exports only (STYLE.md §1). The pipeline is composed in
 * pipeline.ts; the stages are reached through their own index.ts.
 *
 * ```ts
 * import { loadTimeline, analyzeTimeline, renderAnalysisJson } from 'failscope';
 * const analysis = analyzeTimeline(await loadTimeline(['incident/']), { nodeTimeoutMs: 2000 });
 * process.stdout.write(renderAnalysisJson(analysis));
 * ```
 */

// The composed pipeline: paths → sources → timeline → analysis.
export { analyzeTimeline, loadSources, loadTimeline, replayResolved, timeOptions, type LoadOptions } from './pipeline.ts';

// The stages, each by its entry point.
export { ingestPaths, sourceFromText, type IngestOptions, type SourceInput } from './ingest/index.ts';
export { parseAll, parseSource } from './parse/index.ts';
export { buildTimeline, resolveTimeline, type ResolvedCluster, type ResolvedTimeline } from './timeline/index.ts';
export { replayCluster, type ReplayOptions } from './replay/index.ts';
export type { Trace } from './replay/index.ts';
export { analyzeTopology, compareAgainst, type AnalyzeOptions, type ClusterTopology } from './verdict/index.ts';
export { renderAnalysisJson, renderAnalysisMarkdown, renderAnalysisText, renderTimelineJson, renderTimelineText } from './report/index.ts';
export { renderHtmlReport, writeHtmlReport, type RenderOptions } from './report/html/index.ts';

// The CI gate over recorded incidents.
export { evaluate, loadExpectations, parseExpectations, runCheck, type CheckOptions, type Expectations } from './gate/index.ts';

// Shared types: the analysis JSON contract (schema/analysis.schema.json is generated from it), the
// timeline, events and diagnostics.
export type * from './model/analysis.ts';
export type { Timeline, ClusterTimeline, InputSummary } from './model/timeline.ts';
export type { TimelineEvent } from './model/events.ts';
export type { ParsedSource, TimeOptions } from './model/parsed.ts';
export type { Address, EpochMs, NodeId } from './model/ids.ts';
export { isNodeId, shortId } from './model/ids.ts';
export { ConfigError, InputError, type Diagnostic } from './model/diagnostic.ts';
export { RULE_IDS } from './model/analysis.ts';
