// `failscope drill --seed host:port --fault segfault|pause|failover|takeover|force --target <node> -o dir/`
// (issue #7): say what will happen, capture + probe while causing the fault, wait for recovery, then
// analyse the capture (as `analyze` does) and compare the analysis with what the probe saw.
// Exit 0: recovered, verdict pass, analysis and probe agree, expectations hold. 1: any of those not.
// 2: bad target or options (nothing listening, not a cluster, wrong password, non-loopback without --yes…).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AnalysisV1, Failover, Finding, Outage } from '../model/analysis.ts';
import { ConfigError, InputError } from '../model/diagnostic.ts';
import type { Address, NodeId } from '../model/ids.ts';
import { analyzeTimeline, loadTimeline } from '../pipeline.ts';
import { renderAnalysisJson, renderAnalysisMarkdown, renderAnalysisText } from '../report/index.ts';
import { writeHtmlReport } from '../report/html/index.ts';
import { buildReport, evaluate, loadExpectations, renderText as renderGateText } from '../gate/index.ts';
import type { Expectations } from '../gate/index.ts';
import {
  DrillError,
  FAULT_KINDS,
  checkSeed,
  compareWithProbe,
  connectionFromCli,
  createCheckClient,
  describePlan,
  formatMs,
  parseDuration,
  parseHostPort,
  parseInfoText,
  planDrill,
  renderComparisonText,
  runDrill,
  type Comparison,
  type ConnectionCliOptions,
  type ConnectionOptions,
  type DrillPlan,
  type DrillRun,
  type FaultKind,
} from '../live/index.ts';
import { parseRfc3339 } from '../util/time.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { ensureWritableDir, interruptSignal } from './capture.ts';
import type { CommandResult } from './result.ts';

export type { ConnectionCliOptions, FaultKind };

export interface DrillOptions extends ConnectionCliOptions {
  /** `host:port` of any node. */
  seed: string;
  fault: string;
  /** Node id, unique id prefix, or host:port. */
  target: string;
  /** Output directory (-o): capture files, truth.json, drill.json. Must not hold an earlier capture. */
  out: string;
  /** DEBUG SLEEP length for `pause` (default 3 node timeouts). */
  pauseMs?: number;
  /** Server logs to analyse with the capture (files or directories). */
  logs?: string[];
  format?: string;
  /** Write the HTML report here. */
  report?: string;
  /** Expectations file (as `check --expect`) the analysis must meet. */
  expect?: string;
  /** Longest wait for recovery after the fault (default `60s`). */
  recoveryTimeout?: string;
  /** Capture interval (default `500ms`). */
  interval?: string;
  /** cluster-node-timeout in ms for the analysis (default: read with CONFIG GET). */
  nodeTimeout?: number;
  /** Allow targets that are not on a loopback address. */
  yes?: boolean;
  /** Stops waiting for recovery; default: this process's SIGINT / SIGTERM. */
  signal?: AbortSignal;
  /** Progress lines, the plan first (before anything is done). Default: standard error. */
  progress?: (line: string) => void;
}

const FORMATS = ['text', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

/** Everything a drill established (drill.json, and `drill` in the JSON output). */
export interface DrillSummary {
  fault: FaultKind;
  seed: Address;
  target: Address;
  actOn: Address;
  command: string;
  plan: string[];
  faultAt: string;
  /** Where the analysis puts the fault of each failover of the drill, against the moment the drill sent it. */
  faultMoments: Array<{
    newMaster: NodeId | null;
    analysisStartedAt: string;
    bounds: [string, string];
    from: string;
    offByMs: number;
    withinBounds: boolean;
  }>;
  recovered: boolean;
  recoveryMs: number | null;
  problem: string | null;
  inputs: string[];
  /** Verdict of the drill's own window (from 1 s before the probe started), and the error rules found in it. */
  verdict: 'pass' | 'fail';
  errorsDuringDrill: string[];
  /** What the logs hold from before the drill: reported, never judged. */
  olderHistory: OlderHistory;
  comparison: Comparison;
  expectations: { file: string; status: string } | null;
  report: string | null;
  ok: boolean;
  reasons: string[];
}

/** Findings and failovers the given logs hold from before the drill's window. */
export interface OlderHistory {
  /** The window's start: anything earlier is older history. */
  before: string;
  counts: { error: number; warning: number; info: number };
  rules: string[];
  failovers: Failover[];
  findings: Finding[];
}

/**
 * The analysis as the drill judges it: findings, failovers and outages from `start` on (a finding
 * without a time counts, it cannot be placed before), the verdict recomputed from those; the rest is
 * older history, returned apart. The story still tells the whole evidence.
 */
export function splitDrillWindow(analysis: AnalysisV1, start: number): { judged: AnalysisV1; older: OlderHistory } {
  const at = (iso: string | null) => (iso === null ? null : parseRfc3339(iso));
  const finding = (f: Finding) => {
    const t = at(f.at);
    return t === null || t >= start;
  };
  const failover = (f: Failover) => (at(f.promotedAt) ?? Infinity) >= start;
  const outage = (o: Outage) => o.end === null || (at(o.end) ?? Infinity) >= start;
  const findings = analysis.findings.filter(finding);
  const olderFindings = analysis.findings.filter((f) => !finding(f));
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of olderFindings) counts[f.severity]++;
  const judged: AnalysisV1 = {
    ...analysis,
    clusters: analysis.clusters.map((c) => ({
      ...c,
      failovers: c.failovers.filter(failover),
      outages: c.outages.filter(outage),
      findings: c.findings.filter(finding),
    })),
    failovers: analysis.failovers.filter(failover),
    outages: analysis.outages.filter(outage),
    findings,
    verdict: findings.some((f) => f.severity === 'error') ? 'fail' : 'pass',
  };
  return {
    judged,
    older: {
      before: new Date(start).toISOString(),
      counts,
      rules: [...new Set(olderFindings.filter((f) => f.severity !== 'info').map((f) => f.rule))].sort(),
      failovers: analysis.failovers.filter((f) => !failover(f)),
      findings: olderFindings,
    },
  };
}

/** One line on what the logs hold from before the drill, or null when nothing. */
export function olderHistoryLine(o: OlderHistory): string | null {
  if (o.findings.length === 0 && o.failovers.length === 0) return null;
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  const what = [n(o.counts.error, 'error'), n(o.counts.warning, 'warning'), n(o.failovers.length, 'failover')].join(', ');
  return `Older history in the inputs (before ${o.before}, not judged by this drill): ${what}${o.rules.length ? ` (${o.rules.join(', ')})` : ''}.`;
}

async function readLive(
  address: Address,
  connection: ConnectionOptions,
): Promise<{ nodeTimeoutMs: number | null; version: string | null }> {
  const r = createCheckClient(address, connection, 2000);
  r.on('error', () => {});
  let nodeTimeoutMs: number | null = null;
  let version: string | null = null;
  try {
    await r.connect();
    const cfg = (await r.call('CONFIG', 'GET', 'cluster-node-timeout').catch(() => null)) as string[] | null;
    if (Array.isArray(cfg) && cfg.length >= 2 && /^\d+$/.test(String(cfg[1]))) nodeTimeoutMs = Number(cfg[1]);
    const info = await r.call('INFO', 'server').catch(() => null);
    if (info !== null) version = parseInfoText(String(info)).redis_version ?? null;
  } catch {
    /* the seed check already proved the node usable; leave both unknown */
  } finally {
    r.disconnect(false);
  }
  return { nodeTimeoutMs, version };
}

/**
 * DEBUG is refused unless enable-debug-command allows it (redis 7.0 src/server.c processCommand,
 * CMD_PROTECTED), and that setting is read at start-up only (src/config.c: IMMUTABLE_CONFIG): the
 * message says how to fix it, since CONFIG SET cannot.
 */
async function checkDebugAllowed(address: Address, connection: ConnectionOptions, fault: FaultKind): Promise<void> {
  const r = createCheckClient(address, connection, 2000);
  r.on('error', () => {});
  try {
    await r.connect();
    await r.call('DEBUG', 'HELP');
  } catch (err) {
    const msg = String((err as Error).message ?? err).split('. ')[0];
    throw new ConfigError(
      `${address} refuses DEBUG (${msg}); --fault ${fault} needs it: set enable-debug-command to local (or yes) in that node's redis.conf and restart it (CONFIG SET cannot change it); nothing was done`,
    );
  } finally {
    r.disconnect(false);
  }
}

function checkOutDir(out: string): void {
  let names: string[] = [];
  try {
    names = readdirSync(out);
  } catch {
    return; // created later
  }
  if (names.some((n) => /^snapshots-.*\.txt$/.test(n) || n === 'truth.json' || n === 'drill.json'))
    throw new ConfigError(`-o ${out} already holds a capture; give a new or empty directory`);
}

function checkInputs(logs: readonly string[]): void {
  for (const l of logs) {
    try {
      statSync(l);
    } catch (err) {
      throw new InputError(
        l,
        0,
        (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : String((err as Error).message),
      );
    }
  }
}

export async function drillCommand(opts: DrillOptions): Promise<CommandResult> {
  // ---- options, before anything touches the cluster ----
  if (!opts.seed) throw new ConfigError('drill needs --seed host:port');
  if (!opts.target) throw new ConfigError('drill needs --target <node id|prefix|host:port>');
  if (!opts.out) throw new ConfigError('drill needs -o dir/');
  if (!(FAULT_KINDS as readonly string[]).includes(opts.fault))
    throw new ConfigError(`--fault must be one of ${FAULT_KINDS.join(', ')}, got '${opts.fault}'`);
  const fault = opts.fault as FaultKind;
  const format = (opts.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new ConfigError(`--format must be text, json or markdown, got '${opts.format}'`);
  if (opts.pauseMs !== undefined && !(Number.isInteger(opts.pauseMs) && opts.pauseMs > 0))
    throw new ConfigError(`--pause-ms must be a positive whole number, got '${opts.pauseMs}'`);
  if (opts.pauseMs !== undefined && fault !== 'pause') throw new ConfigError('--pause-ms goes with --fault pause');
  if (opts.nodeTimeout !== undefined && !(Number.isInteger(opts.nodeTimeout) && opts.nodeTimeout > 0))
    throw new ConfigError(`--node-timeout must be a positive number of milliseconds, got '${opts.nodeTimeout}'`);
  const recoveryTimeoutMs = parseDuration(opts.recoveryTimeout ?? '60s', '--recovery-timeout', 1000);
  const intervalMs = parseDuration(opts.interval ?? '500ms', '--interval', 50);
  const seed = parseHostPort(opts.seed);
  const connection = connectionFromCli(opts);
  const logs = opts.logs ?? [];
  checkInputs(logs);
  const expectations: Expectations | null = opts.expect ? loadExpectations(opts.expect) : null;
  checkOutDir(opts.out);
  const progress = opts.progress ?? ((line: string) => void process.stderr.write(`${line}\n`));

  // ---- the target ----
  const view = await checkSeed(seed, connection);
  const live = await readLive(seed, connection);
  const nodeTimeoutMs = opts.nodeTimeout ?? live.nodeTimeoutMs;
  const plan = planDrill({ seed, nodes: view.nodes, fault, target: opts.target, pauseMs: opts.pauseMs, nodeTimeoutMs, yes: opts.yes });
  if (plan.actOn.address !== seed) await checkSeed(plan.actOn.address, connection);
  if (fault === 'segfault' || fault === 'pause') await checkDebugAllowed(plan.actOn.address, connection, fault);
  if (plan.pauseMs !== null && plan.pauseMs + 1000 > recoveryTimeoutMs)
    throw new ConfigError(`--recovery-timeout (${formatMs(recoveryTimeoutMs)}) must exceed the pause (${formatMs(plan.pauseMs)})`);
  await ensureWritableDir(opts.out, '-o');
  const masters = view.nodes.filter((n) => n.flags.includes('master') && n.slots.length > 0).length;
  const planLines = describePlan(plan, { outDir: opts.out, intervalMs, recoveryTimeoutMs, masters });
  for (const l of planLines) progress(l);

  // ---- the drill ----
  const own = opts.signal ? null : interruptSignal();
  let run: DrillRun;
  try {
    run = await runDrill(plan, {
      outDir: opts.out,
      connection,
      intervalMs,
      recoveryTimeoutMs,
      redisVersion: live.version,
      signal: opts.signal ?? own!.signal,
      progress,
    });
  } catch (err) {
    if (err instanceof DrillError) return { stdout: '', stderr: `failscope: drill: ${err.message}\n`, exitCode: 1 };
    throw err;
  } finally {
    own?.release();
  }
  writeFileAtomic(path.join(opts.out, 'truth.json'), `${JSON.stringify(run.truth, null, 2)}\n`);

  // ---- analysis and comparison ----
  const inputs = [opts.out, ...logs];
  progress(`analysing ${inputs.join(' ')}`);
  const timeline = await loadTimeline(inputs, { zone: 'UTC' });
  // Only a --node-timeout given here is an option; the capture holds the CONFIG GET reply the analysis reads.
  const full = analyzeTimeline(timeline, opts.nodeTimeout !== undefined ? { nodeTimeoutMs: opts.nodeTimeout } : {});
  // Logs usually hold older history: the drill judges what happened while it ran and reports the rest.
  const window = { start: parseRfc3339(run.truth.probe.startedAt)!, end: parseRfc3339(run.truth.probe.stoppedAt)! };
  const { judged: analysis, older } = splitDrillWindow(full, window.start - 1000);
  const comparison = compareWithProbe(analysis, run.truth, run.expectation, window);
  const drillErrors = analysis.findings.filter((f) => f.severity === 'error');
  let reportPath: string | null = null;
  if (opts.report) {
    try {
      await writeHtmlReport(opts.report, analysis, timeline);
      reportPath = opts.report;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (typeof code === 'string') throw new ConfigError(`cannot write ${opts.report}: ${code === 'ENOENT' ? 'no such directory' : code}`);
      throw err;
    }
  }
  let gateText = '';
  let gateStatus: string | null = null;
  if (expectations) {
    const result = evaluate(analysis, expectations, { name: `drill ${fault}`, inputs });
    const report = buildReport([result]);
    gateText = renderGateText(report);
    gateStatus = report.status;
  }

  const reasons: string[] = [];
  if (!run.recovered) reasons.push(`the cluster did not recover within ${formatMs(recoveryTimeoutMs)} (${run.problem})`);
  if (drillErrors.length > 0)
    reasons.push(
      `the analysis found ${drillErrors.length === 1 ? 'an error' : `${drillErrors.length} errors`} during the drill (${[...new Set(drillErrors.map((f) => f.rule))].join(', ')})`,
    );
  if (!comparison.ok) reasons.push('the analysis does not agree with the probe');
  if (gateStatus !== null && gateStatus !== 'pass') reasons.push(`expectations ${gateStatus}`);
  const summary: DrillSummary = {
    fault,
    seed,
    target: plan.target.address,
    actOn: plan.actOn.address,
    command: plan.command.join(' '),
    plan: planLines,
    faultAt: run.truth.actions[0]?.at ?? '',
    faultMoments: analysis.failovers
      .filter((f) => comparison.failovers.some((c) => c.newMaster === f.newMaster && c.slots === f.slots))
      .map((f) => {
        const [lo, hi] = f.startedAtBounds.map((t) => parseRfc3339(t)!);
        return {
          newMaster: f.newMaster,
          analysisStartedAt: f.startedAt,
          bounds: f.startedAtBounds,
          from: f.startedAtFrom,
          offByMs: parseRfc3339(f.startedAt)! - run.faultAt,
          withinBounds: run.faultAt >= lo - 50 && run.faultAt <= hi + 50,
        };
      }),
    recovered: run.recovered,
    recoveryMs: run.truth.drill.recoveryMs,
    problem: run.problem,
    inputs,
    verdict: analysis.verdict,
    errorsDuringDrill: [...new Set(drillErrors.map((f) => f.rule))],
    olderHistory: older,
    comparison,
    expectations: opts.expect ? { file: opts.expect, status: gateStatus ?? 'error' } : null,
    report: reportPath,
    ok: reasons.length === 0,
    reasons,
  };
  writeFileAtomic(path.join(opts.out, 'drill.json'), `${JSON.stringify(summary, null, 2)}\n`);

  const stdout = render(format, analysis, summary, gateText, plan);
  return { stdout, exitCode: summary.ok ? 0 : 1 };
}

function nodeNamer(analysis: AnalysisV1, plan: DrillPlan): (id: NodeId | null) => string {
  const addr = new Map<NodeId, string>(plan.nodes.map((n) => [n.id, n.address]));
  for (const n of analysis.nodes) if (!addr.has(n.id) && n.addresses[0]) addr.set(n.id, n.addresses[0]);
  return (id) => (id === null ? 'unknown' : (addr.get(id) ?? id.slice(0, 8)));
}

function render(format: Format, analysis: AnalysisV1, s: DrillSummary, gateText: string, plan: DrillPlan): string {
  if (format === 'json') {
    const doc = JSON.parse(renderAnalysisJson(analysis)) as Record<string, unknown>;
    doc.drill = s;
    return `${JSON.stringify(doc, null, 2)}\n`;
  }
  const name = nodeNamer(analysis, plan);
  const outcome = s.recovered ? `recovered after ${formatMs(s.recoveryMs ?? 0)}` : `NOT recovered: ${s.problem}`;
  // The plan itself went to the progress stream before the drill; the result names it in one line.
  const head = [s.plan[0], `fault sent at ${s.faultAt}: ${s.command} → ${s.actOn}; ${outcome}`];
  for (const m of s.faultMoments)
    head.push(
      `  the analysis puts the fault of the failover to ${name(m.newMaster)} at ${m.analysisStartedAt} (${m.from}; bounds ${m.bounds[0]} – ${m.bounds[1]}): ${m.offByMs >= 0 ? '+' : ''}${m.offByMs} ms from the moment it was sent${m.withinBounds ? '' : ', outside its bounds'}`,
    );
  const comparison = renderComparisonText(s.comparison, name);
  const older = olderHistoryLine(s.olderHistory);
  const verdict = s.ok ? 'DRILL PASSED' : `DRILL FAILED: ${s.reasons.join('; ')}`;
  if (format === 'markdown') {
    const parts = [
      `# Drill: ${s.fault} of ${s.target}`,
      '',
      '```',
      ...head,
      '```',
      '',
      renderAnalysisMarkdown(analysis).trimEnd(),
      ...(older ? ['', `*${older}*`] : []),
      '',
      '## Analysis vs probe',
      '',
      '```',
      comparison.trimEnd(),
      '```',
    ];
    if (gateText) parts.push('', '## Expectations', '', '```', gateText.trimEnd(), '```');
    parts.push('', `**${verdict}**`, '');
    return parts.join('\n');
  }
  const parts = [head.join('\n'), '', renderAnalysisText(analysis).trimEnd(), ...(older ? ['', older] : []), '', comparison.trimEnd()];
  if (gateText) parts.push('', gateText.trimEnd());
  parts.push('', verdict, '');
  return parts.join('\n');
}
