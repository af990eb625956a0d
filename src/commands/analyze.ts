import { ConfigError } from '../model/diagnostic.ts';
import { analyzeTimeline, loadTimeline } from '../pipeline.ts';
import { analysisJsonChunks, analysisMarkdownChunks, analysisTextChunks } from '../report/index.ts';
import { diagnosticLines, loadOptions, refuseInputAsOutput, type CommandResult, type InputOptions } from './result.ts';

export interface AnalyzeCommandOptions extends InputOptions {
  format: 'text' | 'json' | 'markdown' | string;
  /** cluster-node-timeout in ms (wins over what the inputs say). */
  nodeTimeout?: number;
  /** The file the CLI writes the output to (-o); only checked here, never one of the inputs. */
  output?: string;
  /** `--html file`: also write the HTML report of this same analysis there. */
  html?: string;
}

const RENDER = { text: analysisTextChunks, json: analysisJsonChunks, markdown: analysisMarkdownChunks } as const;

/**
 * `failscope analyze <paths…> [--format text|json|markdown] [--node-timeout ms] [--tz zone] [--year yyyy]`.
 * Exit 1 when the verdict is fail (any finding is an error), 0 otherwise.
 */
export async function analyzeCommand(paths: string[], opts: AnalyzeCommandOptions): Promise<CommandResult> {
  if (!(opts.format in RENDER)) throw new ConfigError(`--format must be text, json or markdown, got '${opts.format}'`);
  if (opts.nodeTimeout !== undefined && !(Number.isInteger(opts.nodeTimeout) && opts.nodeTimeout > 0))
    throw new ConfigError(`--node-timeout must be a positive number of milliseconds, got '${opts.nodeTimeout}'`);
  refuseInputAsOutput(paths, opts.output, 'analysis');
  refuseInputAsOutput(paths, opts.html, 'report');
  const timeline = await loadTimeline(paths, loadOptions(opts));
  const analysis = analyzeTimeline(timeline, opts.nodeTimeout !== undefined ? { nodeTimeoutMs: opts.nodeTimeout } : {});
  // Every format goes out in pieces as it is rendered: the analysis of a large log is never one string.
  const chunks = RENDER[opts.format as keyof typeof RENDER](analysis);
  let stderr = diagnosticLines(timeline.diagnostics, (d) => d.severity === 'error' || (d.severity === 'warning' && d.line === 0));
  // The report of the same analysis and timeline (loaded only then: it needs vega).
  if (opts.html !== undefined) stderr += await (await import('./report.ts')).writeReport(opts.html, analysis, timeline);
  return { stdout: '', chunks, stderr, exitCode: analysis.verdict === 'fail' ? 1 : 0 };
}
