import { loadTimeline } from '../pipeline.ts';
import { renderStats, timelineJsonChunks, timelineTextChunks } from '../report/index.ts';
import { ConfigError } from '../model/diagnostic.ts';
import { diagnosticLines, loadOptions, refuseInputAsOutput, type CommandResult, type InputOptions } from './result.ts';

export interface TimelineOptions extends InputOptions {
  format: string;
  stats?: boolean;
  strict?: boolean;
  /** The file the CLI writes the output to (-o); only checked here, never one of the inputs. */
  output?: string;
}

export async function timelineCommand(paths: string[], opts: TimelineOptions): Promise<CommandResult> {
  if (opts.format !== 'text' && opts.format !== 'json') throw new ConfigError(`--format must be text or json, got '${opts.format}'`);
  refuseInputAsOutput(paths, opts.output, 'timeline');
  const timeline = await loadTimeline(paths, loadOptions(opts));
  const body = opts.format === 'json' ? timelineJsonChunks(timeline) : timelineTextChunks(timeline);
  function* chunks(): Generator<string> {
    yield* body;
    if (opts.stats) yield (opts.format === 'text' ? '\n' : '') + renderStats(timeline.inputs);
  }
  const unknown = timeline.inputs.reduce((n, i) => n + i.unknown, 0);
  const stderr = diagnosticLines(timeline.diagnostics, (d) => d.severity !== 'info');
  return { stdout: '', chunks: chunks(), stderr, exitCode: opts.strict && unknown > 0 ? 1 : 0 };
}
