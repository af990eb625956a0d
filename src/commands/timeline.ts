import { loadTimeline } from '../pipeline.ts';
import { renderStats, timelineJsonChunks, timelineTextChunks } from '../report/index.ts';
import { ConfigError } from '../model/diagnostic.ts';
import { diagnosticLines, type CommandResult, type InputOptions } from './result.ts';

export interface TimelineOptions extends InputOptions {
  format: string;
  stats?: boolean;
  strict?: boolean;
}

export async function timelineCommand(paths: string[], opts: TimelineOptions): Promise<CommandResult> {
  if (opts.format !== 'text' && opts.format !== 'json') throw new ConfigError(`--format must be text or json, got '${opts.format}'`);
  const timeline = await loadTimeline(paths, { zone: opts.tz, year: opts.year, stdin: opts.stdin });
  const body = opts.format === 'json' ? timelineJsonChunks(timeline) : timelineTextChunks(timeline);
  function* chunks(): Generator<string> {
    yield* body;
    if (opts.stats) yield (opts.format === 'text' ? '\n' : '') + renderStats(timeline.inputs);
  }
  const unknown = timeline.inputs.reduce((n, i) => n + i.unknown, 0);
  const stderr = diagnosticLines(timeline.diagnostics, (d) => d.severity !== 'info');
  return { stdout: '', chunks: chunks(), stderr, exitCode: opts.strict && unknown > 0 ? 1 : 0 };
}
