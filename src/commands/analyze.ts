import { ConfigError } from '../model/diagnostic.ts';
import { analyzeTimeline, loadTimeline } from '../pipeline.ts';
import { analysisJsonChunks, renderAnalysisMarkdown, renderAnalysisText } from '../report/index.ts';
import { diagnosticLines, type CommandResult, type InputOptions } from './result.ts';

export interface AnalyzeCommandOptions extends InputOptions {
  format: 'text' | 'json' | 'markdown' | string;
  /** cluster-node-timeout in ms (wins over what the inputs say). */
  nodeTimeout?: number;
}

const RENDER = { text: renderAnalysisText, json: null, markdown: renderAnalysisMarkdown } as const;

/**
 * `failscope analyze <paths…> [--format text|json|markdown] [--node-timeout ms] [--tz zone] [--year yyyy]`.
 * Exit 1 when the verdict is fail (any finding is an error), 0 otherwise.
 */
export async function analyzeCommand(paths: string[], opts: AnalyzeCommandOptions): Promise<CommandResult> {
  if (!(opts.format in RENDER)) throw new ConfigError(`--format must be text, json or markdown, got '${opts.format}'`);
  if (opts.nodeTimeout !== undefined && !(Number.isInteger(opts.nodeTimeout) && opts.nodeTimeout > 0))
    throw new ConfigError(`--node-timeout must be a positive number of milliseconds, got '${opts.nodeTimeout}'`);
  const timeline = await loadTimeline(paths, { zone: opts.tz, year: opts.year, stdin: opts.stdin });
  const analysis = analyzeTimeline(timeline, opts.nodeTimeout !== undefined ? { nodeTimeoutMs: opts.nodeTimeout } : {});
  // JSON goes out in pieces: the analysis of a large log may not fit one string.
  const render = RENDER[opts.format as keyof typeof RENDER];
  const stdout = render === null ? '' : render(analysis);
  const chunks = render === null ? analysisJsonChunks(analysis) : undefined;
  const stderr = diagnosticLines(timeline.diagnostics, (d) => d.severity === 'error' || (d.severity === 'warning' && d.line === 0));
  return { stdout, ...(chunks ? { chunks } : {}), stderr, exitCode: analysis.verdict === 'fail' ? 1 : 0 };
}
