import type { AnalysisV1 } from '../model/analysis.ts';
import { ConfigError } from '../model/diagnostic.ts';
import type { Timeline } from '../model/timeline.ts';
import { analyzeTimeline, loadTimeline } from '../pipeline.ts';
import { writeHtmlReport } from '../report/html/index.ts';
import { diagnosticLines, loadOptions, refuseInputAsOutput, type CommandResult, type InputOptions } from './result.ts';

export interface ReportOptions extends InputOptions {
  /** Where the HTML goes (written atomically: temp file in the same directory, then rename). */
  output: string;
  /** cluster-node-timeout in ms, when the inputs do not tell it. */
  nodeTimeout?: number;
}

/**
 * `failscope report <paths…> -o incident.html`: the self-contained HTML postmortem (issue #6).
 * Exit code follows the verdict like `analyze` (0 pass, 1 fail); the report is written either way.
 */
export async function reportCommand(paths: string[], opts: ReportOptions): Promise<CommandResult> {
  if (!opts.output) throw new ConfigError('report needs an output file: -o incident.html');
  if (opts.nodeTimeout !== undefined && !(Number.isInteger(opts.nodeTimeout) && opts.nodeTimeout > 0))
    throw new ConfigError(`--node-timeout must be a positive number of milliseconds, got '${opts.nodeTimeout}'`);
  refuseInputAsOutput(paths, opts.output, 'report');

  const timeline = await loadTimeline(paths, loadOptions(opts));
  const analysis = analyzeTimeline(timeline, opts.nodeTimeout !== undefined ? { nodeTimeoutMs: opts.nodeTimeout } : {});
  const stdout = await writeReport(opts.output, analysis, timeline);
  return { stdout, stderr: diagnosticLines(timeline.diagnostics, () => false), exitCode: analysis.verdict === 'fail' ? 1 : 0 };
}

/**
 * Write the HTML report of this analysis to `output` (streamed to a temp file, then renamed) and say
 * so in one line: `wrote <file> (<n> kB): <VERDICT>, <errors>, <warnings>; <failovers>, <outages>`.
 */
export async function writeReport(output: string, analysis: AnalysisV1, timeline: Timeline): Promise<string> {
  let bytes: number;
  try {
    bytes = await writeHtmlReport(output, analysis, timeline);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string') throw new ConfigError(`cannot write ${output}: ${code === 'ENOENT' ? 'no such directory' : code}`);
    throw err;
  }
  const errors = analysis.findings.filter((f) => f.severity === 'error').length;
  const warnings = analysis.findings.filter((f) => f.severity === 'warning').length;
  const what = `${analysis.failovers.length} failover${analysis.failovers.length === 1 ? '' : 's'}, ${analysis.outages.length} outage${analysis.outages.length === 1 ? '' : 's'}`;
  return `wrote ${output} (${Math.ceil(bytes / 1024)} kB): ${analysis.verdict.toUpperCase()}, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}; ${what}\n`;
}
