// evaluate(): an analysis (schema v1) against expectations → one result per expectation, each with
// expected vs actual and the log lines that back the actual value. Pure: no I/O, no clock.
import type {
  AnalysisV1,
  ClusterAnalysis,
  Evidence,
  Failover,
  FailoverKind,
  Finding,
  NodeSummary,
  Outage,
  Severity,
} from '../model/analysis.ts';
import { shortId } from '../model/ids.ts';
import { formatRanges, intersectRanges, parseRanges, subtractRanges } from '../model/slots.ts';
import type { SlotRange } from '../model/slots.ts';
import { formatDuration } from '../util/time.ts';
import { limitMs } from './duration.ts';
import { ruleMatches } from './load.ts';
import type {
  CaseResult,
  CountRange,
  ExpectationBlock,
  ExpectationResult,
  Expectations,
  Limit,
  MasterClaim,
  Measured,
  ResultStatus,
} from './types.ts';

const MAX_EVIDENCE = 8;
const ROLE_PHRASE: Record<string, string> = {
  replica: 'as a replica',
  down: 'down',
  paused: 'paused',
  fail: 'marked failed',
  unknown: 'in an unknown role',
};
const FAILOVER_KINDS: readonly FailoverKind[] = ['automatic', 'manual', 'takeover', 'force'];
const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export interface EvaluateOptions {
  /** Case name shown in outputs (default: the expectations file). */
  name?: string;
  /** Inputs analysed (display paths), copied into the result. */
  inputs?: string[];
}

/** A limit in node timeouts with no node timeout known: the gate cannot judge it. */
function needsNodeTimeout(id: string, expected: string, limit: Limit): ExpectationResult {
  return {
    id,
    status: 'error',
    expected,
    actual: 'cannot judge',
    detail: `"${limit.text}" needs the node timeout, which the analysis does not know: pass --node-timeout or set nodeTimeout in the expectations`,
    evidence: [],
  };
}

/** Judge `analysis` against `expect`. Never throws on data; unusable expectations become `error` results. */
export function evaluate(analysis: AnalysisV1, expect: Expectations, opts: EvaluateOptions = {}): CaseResult {
  const results: ExpectationResult[] = [];
  const nodeTimeoutMs = analysis.nodeTimeout?.ms ?? expect.nodeTimeoutMs ?? null;
  for (const block of expect.blocks) results.push(...evaluateBlock(analysis, block, nodeTimeoutMs));
  return {
    name: opts.name ?? expect.source,
    inputs: opts.inputs ?? analysis.inputs.map((i) => i.source),
    expect: expect.source,
    status: worstStatus(results.map((r) => r.status)),
    results,
    measured: measure(analysis),
    startedAt: evidenceStart(analysis),
  };
}

export function worstStatus(statuses: ResultStatus[]): ResultStatus {
  if (statuses.includes('error')) return 'error';
  if (statuses.includes('fail')) return 'fail';
  return 'pass';
}

/** Timings of every failover and the total cluster-wide outage: what a baseline compares. */
export function measure(analysis: AnalysisV1): Measured {
  const failovers = sortFailovers(analysis.failovers).map((f) => ({
    cluster: f.cluster,
    kind: f.kind,
    oldMaster: f.oldMaster,
    newMaster: f.newMaster,
    startedAt: f.startedAt,
    unavailableMs: f.timingsMs.unavailable,
    detectionMs: f.timingsMs.detection,
    electionMs: f.timingsMs.election,
  }));
  const maxOf = (xs: Array<number | null>): number | null => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length === 0 ? null : Math.max(...v);
  };
  const cluster = clusterOutage(analysis.outages);
  return {
    failovers,
    maxUnavailableMs: maxOf(failovers.map((f) => f.unavailableMs)),
    maxDetectionMs: maxOf(failovers.map((f) => f.detectionMs)),
    maxElectionMs: maxOf(failovers.map((f) => f.electionMs)),
    clusterOutageMs: cluster.open ? null : cluster.totalMs,
    clusterOutageOpen: cluster.open,
  };
}

// ---------------------------------------------------------------------------------------------------

/** What a block looks at: the selected clusters' facts. */
interface Selection {
  label: string;
  clusters: ClusterAnalysis[];
  nodes: NodeSummary[];
  failovers: Failover[];
  outages: Outage[];
  findings: Finding[];
  verdict: 'pass' | 'fail';
  /** Every node id known in the selection (nodes, owners, failovers). */
  knownIds: string[];
}

function evaluateBlock(analysis: AnalysisV1, block: ExpectationBlock, nodeTimeoutMs: number | null): ExpectationResult[] {
  const id = (s: string): string => (block.path ? `${block.path}.${s}` : s);
  const sel = select(analysis, block);
  if (typeof sel === 'string')
    return [{ id: id('cluster'), status: 'error', expected: `cluster ${refText(block)}`, actual: 'not found', detail: sel, evidence: [] }];
  const ctx = new Ctx(sel, nodeTimeoutMs);
  const out: ExpectationResult[] = [];
  if (block.verdict !== undefined) out.push(ctx.verdict(id('verdict'), block.verdict));
  if (block.worstSeverity !== undefined) out.push(ctx.worstSeverity(id('worstSeverity'), block.worstSeverity));
  const f = block.failovers;
  if (f?.count) out.push(ctx.failoverCount(id('failovers.count'), f.count));
  if (f?.kinds)
    for (const k of FAILOVER_KINDS)
      out.push(ctx.failoverKind(id(`failovers.kinds.${k}`), k, f.kinds[k] ?? { min: 0, max: 0 }, k in f.kinds));
  if (f?.maxUnavailable) out.push(ctx.failoverTiming(id('failovers.maxUnavailable'), 'unavailable', f.maxUnavailable));
  if (f?.maxDetection) out.push(ctx.failoverTiming(id('failovers.maxDetection'), 'detection', f.maxDetection));
  if (f?.maxElection) out.push(ctx.failoverTiming(id('failovers.maxElection'), 'election', f.maxElection));
  block.mustEndAsMaster?.forEach((c) => out.push(ctx.endMaster(id(`mustEndAsMaster.${claimKey(c)}`), c, true)));
  block.mustNotEndAsMaster?.forEach((c) => out.push(ctx.endMaster(id(`mustNotEndAsMaster.${claimKey(c)}`), c, false)));
  if (block.maxClusterOutage) out.push(ctx.clusterOutage(id('maxClusterOutage'), block.maxClusterOutage));
  for (const r of block.rules?.required ?? []) out.push(ctx.rule(id(`rules.required.${r}`), r, true));
  for (const r of block.rules?.forbidden ?? []) out.push(ctx.rule(id(`rules.forbidden.${r}`), r, false));
  return out;
}

function claimKey(c: MasterClaim): string {
  return c.slots ? `${c.node}[${c.slots}]` : c.node;
}

function refText(block: ExpectationBlock): string {
  return block.cluster.kind === 'all' ? 'all' : JSON.stringify(block.cluster.ref);
}

function select(a: AnalysisV1, block: ExpectationBlock): Selection | string {
  const clusters = a.clusters ?? [];
  if (block.cluster.kind === 'all') {
    return {
      label: clusters.length === 1 ? clusters[0].id : 'all clusters',
      clusters,
      nodes: a.nodes,
      failovers: sortFailovers(a.failovers),
      outages: a.outages,
      findings: a.findings,
      verdict: a.verdict,
      knownIds: knownIds(a.nodes, clusters, a.failovers),
    };
  }
  const ref = block.cluster.ref;
  let picked = clusters.filter((c) => c.id === ref);
  if (picked.length === 0) picked = clusters.filter((c) => matchNodes(ref, c.nodes, knownIds(c.nodes, [c], c.failovers)).length > 0);
  const names = clusters.map(
    (c) =>
      `${c.id} (${c.nodes
        .slice(0, 3)
        .map((n) => nodeName(c.nodes)(n.id))
        .join(', ')}${c.nodes.length > 3 ? ', …' : ''})`,
  );
  if (picked.length === 0)
    return `no cluster is named ${JSON.stringify(ref)} or contains such a node; the input has ${names.length === 0 ? 'no cluster' : names.join('; ')}`;
  if (picked.length > 1)
    return `${JSON.stringify(ref)} is in ${picked.length} clusters (${picked.map((c) => c.id).join(', ')}); select by cluster label instead`;
  const c = picked[0];
  return {
    label: c.id,
    clusters: [c],
    nodes: c.nodes,
    failovers: sortFailovers(c.failovers),
    outages: c.outages,
    findings: c.findings,
    verdict: c.findings.some((x) => x.severity === 'error') ? 'fail' : 'pass',
    knownIds: knownIds(c.nodes, [c], c.failovers),
  };
}

function knownIds(nodes: NodeSummary[], clusters: ClusterAnalysis[], failovers: Failover[]): string[] {
  const ids = new Set<string>(nodes.map((n) => n.id));
  for (const c of clusters) for (const o of c.ownership ?? []) if (o.owner) ids.add(o.owner);
  for (const f of failovers) {
    if (f.newMaster) ids.add(f.newMaster);
    if (f.oldMaster) ids.add(f.oldMaster);
  }
  return [...ids].sort();
}

/** Node ids a reference names: by address, full id or id prefix. */
function matchNodes(ref: string, nodes: NodeSummary[], ids: string[]): string[] {
  if (ref.includes(':')) return nodes.filter((n) => n.addresses.includes(ref)).map((n) => n.id);
  const lower = ref.toLowerCase();
  return ids.filter((id) => id.startsWith(lower));
}

function nodeName(nodes: NodeSummary[]): (id: string | null) => string {
  return (id) => {
    if (id === null) return 'nobody';
    const n = nodes.find((x) => x.id === id);
    const addr = n?.addresses[0];
    return addr ? `${addr} (${shortId(id)})` : shortId(id);
  };
}

function sortFailovers(fs: Failover[]): Failover[] {
  return [...fs].sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
}

function clusterOutage(outages: Outage[]): { totalMs: number; open: boolean; since: string | null } {
  let totalMs = 0;
  let open = false;
  let since: string | null = null;
  for (const o of outages) {
    if (o.scope !== 'cluster') continue;
    if (o.end === null || o.durationMs === null) {
      open = true;
      since ??= o.start;
    } else totalMs += o.durationMs;
  }
  return { totalMs, open, since };
}

function evidenceStart(a: AnalysisV1): string | null {
  const starts = (a.clusters ?? []).map((c) => c.span?.start).filter((s): s is string => !!s);
  if (starts.length === 0) starts.push(...a.failovers.map((f) => f.startedAt));
  return starts.length === 0 ? null : starts.sort()[0];
}

function pickEvidence(lists: Evidence[][]): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  // Round-robin so every item contributes its first lines before any contributes its tenth.
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest && out.length < MAX_EVIDENCE; i++)
    for (const l of lists) {
      const e = l[i];
      if (!e || out.length >= MAX_EVIDENCE) continue;
      const k = `${e.source}:${e.line}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ source: e.source, line: e.line });
    }
  return out;
}

function countText(c: CountRange): string {
  if (c.max === c.min) return `exactly ${c.min}`;
  if (c.max === null) return `at least ${c.min}`;
  if (c.min === 0) return `at most ${c.max}`;
  return `${c.min} to ${c.max}`;
}

function inRange(n: number, c: CountRange): boolean {
  return n >= c.min && (c.max === null || n <= c.max);
}

class Ctx {
  private readonly name: (id: string | null) => string;
  private readonly sel: Selection;
  private readonly nodeTimeoutMs: number | null;
  constructor(sel: Selection, nodeTimeoutMs: number | null) {
    this.sel = sel;
    this.nodeTimeoutMs = nodeTimeoutMs;
    this.name = nodeName(sel.nodes);
  }

  private describeFailover(f: Failover): string {
    const i = this.sel.failovers.indexOf(f) + 1;
    return `failover ${i} (${f.kind}, ${this.name(f.oldMaster)} → ${this.name(f.newMaster)}, slots ${f.slots || 'none'}, at ${f.startedAt})`;
  }

  verdict(id: string, want: 'pass' | 'fail'): ExpectationResult {
    const errors = this.sel.findings.filter((f) => f.severity === 'error');
    const actual = this.sel.verdict;
    return {
      id,
      status: actual === want ? 'pass' : 'fail',
      expected: want,
      actual,
      ...(errors.length > 0 ? { detail: `error findings: ${uniq(errors.map((f) => f.rule)).join(', ')}` } : {}),
      evidence: pickEvidence(errors.map((f) => f.evidence)),
    };
  }

  worstSeverity(id: string, allowed: Severity): ExpectationResult {
    const fs = this.sel.findings;
    const worst = fs.reduce<Severity | null>((w, f) => (w === null || SEVERITY_RANK[f.severity] > SEVERITY_RANK[w] ? f.severity : w), null);
    const over = fs.filter((f) => SEVERITY_RANK[f.severity] > SEVERITY_RANK[allowed]);
    return {
      id,
      status: over.length === 0 ? 'pass' : 'fail',
      expected: `no finding worse than ${allowed}`,
      actual: worst === null ? 'no findings' : `worst is ${worst}`,
      ...(over.length > 0
        ? { detail: `findings worse than ${allowed}: ${over.map((f) => `${f.rule} (${f.severity}): ${f.message}`).join('; ')}` }
        : {}),
      evidence: pickEvidence(over.map((f) => f.evidence)),
    };
  }

  failoverCount(id: string, want: CountRange): ExpectationResult {
    const fs = this.sel.failovers;
    return {
      id,
      status: inRange(fs.length, want) ? 'pass' : 'fail',
      expected: `${countText(want)} failover${(want.max ?? want.min) === 1 ? '' : 's'}`,
      actual: `${fs.length} failover${fs.length === 1 ? '' : 's'}`,
      ...(fs.length > 0 ? { detail: fs.map((f) => this.describeFailover(f)).join('; ') } : {}),
      evidence: pickEvidence(fs.map((f) => f.evidence)),
    };
  }

  failoverKind(id: string, kind: FailoverKind, want: CountRange, listed: boolean): ExpectationResult {
    const fs = this.sel.failovers.filter((f) => f.kind === kind);
    // A failover whose kind the evidence does not tell (kind "unknown": a lone voter's log, a cut log)
    // may be of this kind or not: when it decides the count, the gate cannot judge — never a pass or
    // a fail the evidence does not support.
    const unknown = this.sel.failovers.filter((f) => f.kind === 'unknown');
    if (!inRange(fs.length, want) && unknown.length > 0 && fs.length <= (want.max ?? Infinity) && fs.length + unknown.length >= want.min)
      return {
        id,
        status: 'error',
        expected: `${countText(want)} ${kind}`,
        actual: 'cannot tell',
        detail: `${fs.length} ${kind} and ${unknown.length} failover${unknown.length === 1 ? '' : 's'} whose kind the evidence does not tell: ${unknown.map((f) => this.describeFailover(f)).join('; ')}`,
        evidence: pickEvidence(unknown.map((f) => f.evidence)),
      };
    return {
      id,
      status: inRange(fs.length, want) ? 'pass' : 'fail',
      expected: `${countText(want)} ${kind}${listed ? '' : ' (kind not listed in failovers.kinds)'}`,
      actual: `${fs.length} ${kind}`,
      ...(fs.length > 0 ? { detail: fs.map((f) => this.describeFailover(f)).join('; ') } : {}),
      evidence: pickEvidence(fs.map((f) => f.evidence)),
    };
  }

  private limitText(limit: Limit, ms: number | null): string {
    if (limit.kind === 'absolute') return `≤ ${formatDuration(limit.ms)}`;
    return `≤ ${limit.factor}x node-timeout${ms === null ? '' : ` (${formatDuration(ms)})`}`;
  }

  failoverTiming(id: string, phase: 'unavailable' | 'detection' | 'election', limit: Limit): ExpectationResult {
    const max = limitMs(limit, this.nodeTimeoutMs);
    const expected = `${phase} ${this.limitText(limit, max)} for every failover`;
    if (max === null) return needsNodeTimeout(id, expected, limit);
    // A manual, takeover or force failover has no FAIL detection; a takeover has no election.
    const applies = (f: Failover): boolean =>
      phase === 'unavailable' || (phase === 'detection' ? f.kind === 'automatic' : f.kind !== 'takeover') || f.timingsMs[phase] !== null;
    const fs = this.sel.failovers.filter(applies);
    if (fs.length === 0) return { id, status: 'pass', expected, actual: `no failover with a ${phase} phase`, evidence: [] };
    const over = fs.filter((f) => f.timingsMs[phase] === null || (f.timingsMs[phase] as number) > max);
    const measured = fs.filter((f) => f.timingsMs[phase] !== null);
    const worst = measured.reduce<Failover | null>(
      (w, f) => (w === null || (f.timingsMs[phase] as number) > (w.timingsMs[phase] as number) ? f : w),
      null,
    );
    const unknown = fs.filter((f) => f.timingsMs[phase] === null);
    let actual = worst === null ? 'not measured' : `worst ${formatDuration(worst.timingsMs[phase] as number)}`;
    if (worst !== null && unknown.length > 0) actual += `, ${unknown.length} not measured`;
    const detail =
      over.length > 0
        ? over
            .map(
              (f) =>
                `${this.describeFailover(f)}: ${f.timingsMs[phase] === null ? 'not measured' : formatDuration(f.timingsMs[phase] as number)}`,
            )
            .join('; ')
        : worst
          ? `worst: ${this.describeFailover(worst)}`
          : undefined;
    return {
      id,
      status: over.length === 0 ? 'pass' : 'fail',
      expected,
      actual,
      ...(detail ? { detail } : {}),
      evidence: pickEvidence((over.length > 0 ? over : worst ? [worst] : []).map((f) => f.evidence)),
    };
  }

  endMaster(id: string, claim: MasterClaim, must: boolean): ExpectationResult {
    const want = claim.slots ? parseRanges(claim.slots) : null;
    const expected = must
      ? `${claim.node} ends as master${want ? ` of ${claim.slots}` : ''}`
      : `${claim.node} does not end as master${want ? ` of any of ${claim.slots}` : ''}`;
    const ids = matchNodes(claim.node, this.sel.nodes, this.sel.knownIds);
    const known = this.sel.nodes.map((n) => this.name(n.id)).join(', ') || 'none';
    if (ids.length === 0)
      return {
        id,
        status: 'error',
        expected,
        actual: 'no such node',
        detail: `no node ${claim.node} in ${this.sel.label} (nodes: ${known})`,
        evidence: [],
      };
    if (ids.length > 1)
      return {
        id,
        status: 'error',
        expected,
        actual: 'ambiguous node',
        detail: `${claim.node} names ${ids.length} nodes (${ids.map((x) => this.name(x)).join(', ')}); give more of the id`,
        evidence: [],
      };
    const node = ids[0];
    const owned = this.finalSlots(node);
    if (owned === null)
      return {
        id,
        status: 'error',
        expected,
        actual: 'unknown',
        detail: `the analysis of ${this.sel.label} has no slot ownership to judge by`,
        evidence: [],
      };
    const role = this.finalRole(node);
    const isMaster = owned.length > 0 || role === 'master';
    const ownedText =
      owned.length > 0
        ? `as master of ${formatRanges(owned)}`
        : isMaster
          ? 'as a master of no slots'
          : (ROLE_PHRASE[role ?? 'unknown'] ?? `as ${role}`);
    const related = this.sel.failovers.filter((f) => f.newMaster === node || f.oldMaster === node);
    const evidence = pickEvidence(related.map((f) => f.evidence));
    let ok: boolean;
    let detail: string | undefined;
    if (want === null) ok = must ? isMaster : !isMaster;
    else if (must) {
      const missing = subtractRanges(want, owned);
      ok = missing.length === 0;
      if (!ok) detail = `missing ${formatRanges(missing)}: ${this.ownersOf(missing)}`;
    } else {
      const held = intersectRanges(want, owned);
      ok = held.length === 0;
      if (!ok) detail = `still holds ${formatRanges(held)}`;
    }
    return {
      id,
      status: ok ? 'pass' : 'fail',
      expected,
      actual: `${this.name(node)} ends ${ownedText}`,
      ...(detail ? { detail } : {}),
      evidence,
    };
  }

  /** Slots `node` owns at the end of the evidence; null when no cluster in the selection has ownership data. */
  private finalSlots(node: string): SlotRange[] | null {
    const withData = this.sel.clusters.filter((c) => (c.ownership ?? []).length > 0);
    if (withData.length === 0) return null;
    const ranges: SlotRange[] = [];
    for (const c of withData) for (const o of c.ownership) if (o.end === null && o.owner === node) ranges.push(...parseRanges(o.slots));
    return intersectRanges(ranges, ranges);
  }

  private finalRole(node: string): string | null {
    for (const c of this.sel.clusters) {
      const last = (c.roles ?? []).filter((r) => r.node === node && r.end === null);
      if (last.length > 0) return last[last.length - 1].role;
    }
    return null;
  }

  private ownersOf(ranges: SlotRange[]): string {
    const parts: string[] = [];
    for (const c of this.sel.clusters)
      for (const o of c.ownership ?? []) {
        if (o.end !== null) continue;
        const common = intersectRanges(ranges, parseRanges(o.slots));
        if (common.length > 0) parts.push(`${formatRanges(common)} held by ${this.name(o.owner)}`);
      }
    const covered = parts.length > 0 ? parts.join(', ') : 'held by nobody';
    return covered;
  }

  clusterOutage(id: string, limit: Limit): ExpectationResult {
    const max = limitMs(limit, this.nodeTimeoutMs);
    const expected = `cluster-wide outage ${this.limitText(limit, max)} in total`;
    const evidence = pickEvidence(this.sel.findings.filter((f) => f.rule === 'cluster.down').map((f) => f.evidence));
    if (max === null) return needsNodeTimeout(id, expected, limit);
    const o = clusterOutage(this.sel.outages);
    const windows = this.sel.outages.filter((x) => x.scope === 'cluster');
    const detail =
      windows.length > 0
        ? windows
            .map((w) => `${w.start} → ${w.end ?? 'end of evidence'}${w.durationMs !== null ? ` (${formatDuration(w.durationMs)})` : ''}`)
            .join('; ')
        : undefined;
    if (o.open)
      return {
        id,
        status: 'fail',
        expected,
        actual: `still down at the end of the evidence (since ${o.since})`,
        ...(detail ? { detail } : {}),
        evidence,
      };
    return {
      id,
      status: o.totalMs <= max ? 'pass' : 'fail',
      expected,
      actual: windows.length === 0 ? 'none' : `${formatDuration(o.totalMs)} in ${windows.length} window${windows.length === 1 ? '' : 's'}`,
      ...(detail ? { detail } : {}),
      evidence,
    };
  }

  rule(id: string, pattern: string, required: boolean): ExpectationResult {
    const hits = this.sel.findings.filter((f) => ruleMatches(pattern, f.rule));
    const ok = required ? hits.length > 0 : hits.length === 0;
    const actual = hits.length === 0 ? 'absent' : `present (${hits.length} finding${hits.length === 1 ? '' : 's'})`;
    return {
      id,
      status: ok ? 'pass' : 'fail',
      expected: required ? `${pattern} present` : `${pattern} absent`,
      actual,
      ...(hits.length > 0 ? { detail: hits.map((f) => `${f.rule} (${f.severity}): ${f.message}`).join('; ') } : {}),
      evidence: pickEvidence(hits.map((f) => f.evidence)),
    };
  }
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)];
}
