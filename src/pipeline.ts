/*
 * The one place where the stages meet.
 *
 *   paths ──▶ 1. ingest ──▶ SourceInput[] ──▶ 2. parse ──▶ ParsedSource[] ──▶ 3. timeline ──▶ Timeline
 *                                                            merge (loadTimeline) · identity · clocks (resolveTimeline)
 *                                                                                   │ ResolvedCluster per cluster
 *            AnalysisV1 ◀── 5. verdict ◀── Trace ◀── 4. replay ◀─────────────────────┘
 *                │   judgeCluster per cluster, then assembleAnalysis
 *                └──▶ 6. report (text | json | markdown | html | junit)
 *
 * Each stage is pure over the values it is given; file and terminal I/O stays at the edges
 * (ingest reads, cli.ts writes). No stage calls another: this file (and commands/, through it) does.
 */
import type { AnalysisV1 } from './model/analysis.ts';
import type { Timeline } from './model/timeline.ts';
import type { ParsedSource, TimeOptions } from './model/parsed.ts';
import { ConfigError, InputError, type Diagnostic } from './model/diagnostic.ts';
import { ingestPaths, type StdinStream } from './ingest/index.ts';
import { parseAll } from './parse/index.ts';
import { buildTimeline, resolveTimeline, type ResolvedCluster } from './timeline/index.ts';
import { LifeIndex, replayCluster, type Trace } from './replay/index.ts';
import { assembleAnalysis, judgeCluster, type AnalyzeOptions } from './verdict/index.ts';
import { isValidZone } from './util/time.ts';

export interface LoadOptions {
  /** IANA zone for zone-less stamps (default UTC). */
  zone?: string;
  /** Year for year-less stamps (default: each file's modification year). */
  year?: number;
  /** Standard input for the path `-`: its bytes, or a stream judged and read as the lines are (cli.ts). */
  stdin?: Buffer | StdinStream;
  /** Told the bytes read so far of all inputs' total while they are read (the CLI's progress line). */
  onProgress?: (read: number, total: number) => void;
}

export function timeOptions(opts: LoadOptions): TimeOptions {
  const zone = opts.zone ?? 'UTC';
  if (!isValidZone(zone)) throw new ConfigError(`unknown time zone '${zone}' (use an IANA name such as Europe/Berlin)`);
  if (opts.year !== undefined && !(Number.isInteger(opts.year) && opts.year >= 1970 && opts.year <= 9999))
    throw new ConfigError(`--year must be a four-digit year, got '${opts.year}'`);
  return { zone, year: opts.year };
}

/** Steps 1–2: read and parse every input. */
export async function loadSources(paths: string[], opts: LoadOptions = {}): Promise<ParsedSource[]> {
  const time = timeOptions(opts);
  const skipped: Diagnostic[] = [];
  const inputs = await ingestPaths(paths, { stdin: opts.stdin, onDiagnostic: (d) => skipped.push(d), onProgress: opts.onProgress });
  const parsed = parseAll(inputs, time);
  // Files skipped inside directories (binary, JSON documents such as truth.json, FIFOs) are inputs
  // too: each is a `skipped` source with no lines and its reason, so `inputs` and --stats list it.
  for (const d of skipped) {
    if (d.message.startsWith('skipped: the same ')) {
      if (parsed.length > 0) parsed[0] = { ...parsed[0], diagnostics: [d, ...parsed[0].diagnostics] };
      continue;
    }
    parsed.push({
      source: d.source,
      kind: 'skipped',
      events: [],
      snapshots: [],
      counts: { lines: 0, understood: 0, ignored: 0, unknown: 0 },
      diagnostics: [d],
      skipped: d.message.replace(/^skipped: /, ''),
    });
  }
  return parsed;
}

/** Steps 1–3: read, parse and merge every input into one timeline. */
export async function loadTimeline(paths: string[], opts: LoadOptions = {}): Promise<Timeline> {
  return requireRecognised(buildTimeline(await loadSources(paths, opts)));
}

/**
 * A file in which no line was recognised (understood or knowingly ignored) is a warning; inputs in
 * which nothing at all was recognised are unusable (exit 2): an analysis of them could only say
 * "nothing happened", which is the one answer the evidence does not support (issue 12).
 */
export function requireRecognised(timeline: Timeline): Timeline {
  const blind = timeline.inputs.filter((i) => i.lines > 0 && i.understood + i.ignored === 0);
  // Files skipped unread (kind 'skipped': truth.json, a binary) neither count for nor against.
  const read = timeline.inputs.filter((i) => i.kind !== 'skipped');
  if (read.length > 0 && blind.length === read.length && timeline.events.length === 0) {
    const lines = blind.reduce((n, i) => n + i.lines, 0);
    throw new InputError(
      blind[0].source,
      1,
      `nothing in the input${blind.length === 1 ? '' : 's'} is a Redis or Valkey log line, snapshot or redis-cli session (${lines} line${lines === 1 ? '' : 's'}, none recognised)`,
    );
  }
  for (const i of blind)
    timeline.diagnostics.push({
      severity: 'warning',
      source: i.source,
      line: 0,
      message: `nothing in this file was recognised (${i.lines} line${i.lines === 1 ? '' : 's'} unknown); it adds nothing to the analysis`,
    });
  return timeline;
}

/** Step 4: replay one resolved cluster, with the node timeout, addresses and notes the timeline stage found. */
export function replayResolved(r: ResolvedCluster): Trace {
  return replayCluster(r.cluster, {
    ...(r.nodeTimeout.ms !== null ? { nodeTimeoutMs: r.nodeTimeout.ms } : {}),
    notes: r.notes,
    addresses: r.impliedAddresses,
  });
}

/**
 * Steps 3b–5: a merged timeline → the analysis. The timeline stage settles identity and corrects the
 * clocks (resolveTimeline), the replay runs each cluster, the verdict judges each trace and assembles
 * the JSON contract. Pure.
 */
export function analyzeTimeline(timeline: Timeline, opts: AnalyzeOptions = {}): AnalysisV1 {
  const resolved = resolveTimeline(timeline, opts);
  const per = resolved.clusters.map((r) => {
    const trace = replayResolved(r);
    return judgeCluster(r, trace, LifeIndex.of(trace.lifeRuns), resolved.timeline.inputs);
  });
  return assembleAnalysis(resolved.timeline, per, opts);
}
