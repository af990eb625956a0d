// The text outputs: analysis (text, JSON, Markdown), timeline and topology. The HTML page is the
// second entry point, report/html/index.ts: it loads vega, which a command printing text must not.
export { analysisJsonChunks, renderAnalysisJson } from './analysis-json.ts';
export { analysisMarkdownChunks, renderAnalysisMarkdown } from './analysis-markdown.ts';
export { analysisTextChunks, renderAnalysisText } from './analysis-text.ts';
export { renderStats, renderTimelineJson, renderTimelineText, timelineJsonChunks, timelineTextChunks } from './timeline.ts';
export { renderTopologyJson, renderTopologyText, type TopologyReport } from './topology.ts';
export { colorWanted, paintText, type TextKind } from './terminal-color.ts';
