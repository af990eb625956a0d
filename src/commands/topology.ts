import { ConfigError, InputError } from '../model/diagnostic.ts';
import { loadSources, loadTimeline, timeOptions } from '../pipeline.ts';
import { renderTopologyJson, renderTopologyText, type TopologyReport } from '../report/index.ts';
import { parseRfc3339, parseStampLine } from '../util/time.ts';
import { analyzeTopology, compareAgainst, topologyExitCode } from '../verdict/index.ts';
import { diagnosticLines, type CommandResult, type InputOptions } from './result.ts';

export interface TopologyOptions extends InputOptions {
  format: string;
  /** `--at <time>`: ISO-8601 / RFC 3339, RFC 2822 or `date` output; zone-less times read in --tz. */
  at?: string;
  /** `--against <file>`: an earlier snapshot to diff the final state against. */
  against?: string;
  strict?: boolean;
}

/**
 * `failscope topology <paths…>`: check the CLUSTER NODES snapshots of every cluster in the inputs.
 * Exit 1 when a cluster's final view has an error (or a warning, with --strict); InputError when the
 * inputs hold no CLUSTER NODES snapshot.
 */
export async function topologyCommand(paths: string[], opts: TopologyOptions): Promise<CommandResult> {
  if (opts.format !== 'text' && opts.format !== 'json') throw new ConfigError(`--format must be text or json, got '${opts.format}'`);
  const time = timeOptions({ zone: opts.tz, year: opts.year });
  let at: number | undefined;
  if (opts.at !== undefined) {
    const parsed = parseStampLine(opts.at, time.zone) ?? parseRfc3339(opts.at, time.zone);
    if (parsed === null) throw new ConfigError(`--at: cannot read '${opts.at}' as a time (use ISO-8601, e.g. 2021-06-21T07:30:00Z)`);
    at = parsed;
  }
  const timeline = await loadTimeline(paths, { zone: opts.tz, year: opts.year, stdin: opts.stdin, onProgress: opts.onProgress });
  const withNodes = timeline.clusters.filter((c) => c.snapshots.some((s) => s.kind === 'cluster-nodes'));
  if (withNodes.length === 0)
    throw new InputError(
      paths.join(' '),
      0,
      'no CLUSTER NODES snapshot in the inputs (topology needs at least one CLUSTER NODES output or nodes.conf)',
    );
  const clusters = withNodes.map((c) => analyzeTopology(c.id, c.snapshots, { at }));
  if (at !== undefined && clusters.every((c) => c.final === null))
    throw new ConfigError(`--at: no CLUSTER NODES snapshot at or before ${new Date(at).toISOString()}`);

  let against: TopologyReport['against'] = [];
  if (opts.against !== undefined) {
    const earlier = (await loadSources([opts.against], { zone: opts.tz, year: opts.year, stdin: opts.stdin })).flatMap((p) => p.snapshots);
    if (!earlier.some((s) => s.kind === 'cluster-nodes'))
      throw new InputError(opts.against, 0, 'no CLUSTER NODES snapshot to compare against');
    against = compareAgainst(clusters, earlier);
  }
  const report: TopologyReport = {
    clusters,
    against,
    ...(opts.against !== undefined ? { againstSource: opts.against } : {}),
    withoutSnapshots: timeline.clusters.filter((c) => !withNodes.includes(c)).map((c) => c.id),
    ...(at !== undefined ? { at } : {}),
    strict: opts.strict === true,
  };
  const stdout = opts.format === 'json' ? renderTopologyJson(report) : renderTopologyText(report);
  const stderr = diagnosticLines(timeline.diagnostics, (d) => d.severity !== 'info');
  return { stdout, stderr, exitCode: topologyExitCode(clusters, opts.strict === true) };
}
