import type {
  AnalysisV1,
  ClusterAnalysis,
  Coverage,
  Failover,
  Finding,
  NodeSummary,
  Outage,
  OwnershipInterval,
  RoleInterval,
  StateInterval,
} from '../model/analysis.ts';
import { RULE_IDS } from '../model/analysis.ts';
import type { EpochMs, NodeId } from '../model/ids.ts';
import { formatRanges } from '../model/slots.ts';
import type { InputSummary, Timeline } from '../model/timeline.ts';
import { isMasterAtId, isSuccessorId, isWriterId, shortId } from '../model/ids.ts';
import { formatUtc } from '../util/time.ts';
import type { LifeIndex, Trace } from '../replay/index.ts';
import type { ResolvedCluster } from '../timeline/index.ts';
import { findBlocked } from './blocked.ts';
import { checks } from './checks/index.ts';
import { buildFailovers } from './failovers.ts';
import type { FailoverFacts, FindingFacts, OutageFacts, VerdictContext } from './model.ts';
import { buildOutages } from './outages.ts';
import { tellStory } from './story.ts';
import { nodeRefs, type NodeRefs } from './node-refs.ts';

export { TOPOLOGY_RULES, TOPOLOGY_SEVERITY, analyzeTopology, compareAgainst, topologyExitCode } from './topology.ts';
export type {
  AgainstResult,
  ClusterTopology,
  TopologyChange,
  TopologyNode,
  TopologyProblem,
  TopologyRule,
  TopologyView,
} from './topology.ts';

export interface AnalyzeOptions {
  /** cluster-node-timeout in ms given by the user (wins over every other source). */
  nodeTimeoutMs?: number;
}

/**
 * Each moment's text made once while it is in its slot: the analysis cites most moments more than
 * once (an interval's end is the next one's start, a failover's promotion its outage's end), and
 * each text made anew was a string of its own (roles and states alone cite 140k moments on the
 * flapping bench log).
 */
const ISO_SLOTS = 4096;
const isoMs = new Float64Array(ISO_SLOTS).fill(NaN);
const isoText: string[] = new Array<string>(ISO_SLOTS).fill('');
const iso = (ms: EpochMs): string => {
  const slot = ms & (ISO_SLOTS - 1);
  if (isoMs[slot] === ms) return isoText[slot];
  const text = formatUtc(ms);
  isoMs[slot] = ms;
  isoText[slot] = text;
  return text;
};
const isoOrNull = (ms: EpochMs | null) => (ms === null ? null : iso(ms));
const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** Everything the verdict established about one cluster (for renderers and tests). */
export interface ClusterVerdict {
  analysis: ClusterAnalysis;
  context: VerdictContext;
}

/**
 * The clusters' verdicts → AnalysisV1, the JSON contract: nodes, failovers, outages and findings of
 * every cluster, the inputs' line accounting, the verdict, the node timeout and the clock corrections.
 * `timeline` is the resolved timeline (timeline/resolve.ts), whose `clockOffsets` hold every correction
 * applied. Pure. pipeline.ts analyzeTimeline composes the stages that lead here.
 */
export function assembleAnalysis(timeline: Timeline, per: readonly ClusterVerdict[], opts: AnalyzeOptions = {}): AnalysisV1 {
  const clusters = per.map((p) => p.analysis);
  const nodes = new Map<NodeId, NodeSummary>();
  for (const c of clusters) for (const n of c.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
  const findings = clusters.flatMap((c) => c.findings);
  const known = per.map((p) => p.context.nodeTimeout).find((n) => n.ms !== null);
  return {
    schemaVersion: 1,
    clusters,
    nodes: [...nodes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    failovers: clusters.flatMap((c) => c.failovers),
    outages: clusters.flatMap((c) => c.outages),
    findings,
    inputs: timeline.inputs.map((i) => ({
      source: i.source,
      kind: i.kind,
      forms: i.forms ?? [],
      lines: i.lines,
      understood: i.understood,
      ignored: i.ignored,
      unknown: i.unknown,
      ...(i.skipped !== undefined ? { skipped: i.skipped } : {}),
    })),
    verdict: findings.some((f) => f.severity === 'error') ? 'fail' : 'pass',
    nodeTimeout:
      opts.nodeTimeoutMs !== undefined && opts.nodeTimeoutMs > 0
        ? { ms: opts.nodeTimeoutMs, from: 'option' }
        : (known ?? { ms: null, from: 'unknown' }),
    clockOffsets: timeline.clockOffsets,
  };
}

/**
 * One cluster's trace → its verdict: failovers, blocks and outages, every check of the rule table, the
 * story, coverage and lanes. `resolved` is what the timeline stage made of the cluster (its clocks
 * corrected, its lines' writers settled, its node timeout), `trace` the replay of `resolved.cluster`
 * and `life` the replay's index of it (LifeIndex.of(trace.lifeRuns)). Pure.
 */
export function judgeCluster(resolved: ResolvedCluster, trace: Trace, life: LifeIndex, inputs: readonly InputSummary[]): ClusterVerdict {
  const { cluster, nodeTimeout, skew } = resolved;
  const failovers = buildFailovers(trace);
  const blocked = findBlocked(trace, failovers, nodeTimeout.ms);
  const outages = buildOutages(trace, failovers, blocked);
  const addr = new Map(trace.nodes.map((n) => [n.id, n.addresses[0]]));
  // Each node's label is built once: the checks and the story ask for it per sentence.
  const labels = new Map<NodeId, string>();
  const label = (id: NodeId | null): string => {
    if (id === null) return 'an unknown node';
    let l = labels.get(id);
    if (l === undefined) labels.set(id, (l = addr.get(id) && !isMasterAtId(id) ? `${shortId(id)} (${addr.get(id)})` : shortId(id)));
    return l;
  };
  const context: VerdictContext = {
    cluster,
    inputs,
    trace,
    nodeTimeout,
    skew,
    life,
    failovers,
    blocked,
    outages,
    label,
  };
  const facts: FindingFacts[] = RULE_IDS.flatMap((rule) => checks[rule](context));
  facts.sort(
    (a, b) =>
      (a.at ?? Infinity) - (b.at ?? Infinity) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
  const findings: Finding[] = facts.map((f) => ({
    cluster: cluster.id,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    at: isoOrNull(f.at),
    nodes: f.nodes,
    evidence: f.evidence,
  }));
  // One lookup for the cluster (built per failover, it cost failovers × nodes).
  const refs = nodeRefs(trace.nodes);
  const analysis: ClusterAnalysis = {
    id: cluster.id,
    nodes: trace.nodes.map((n) => ({ id: n.id, addresses: n.addresses, sources: n.sources })),
    failovers: failovers.map((f) => failoverJson(cluster.id, f, refs)),
    outages: outages.map((o) => outageJson(cluster.id, o)),
    findings,
    story: tellStory(context),
    coverage: coverageOf(trace, context.label),
    span: { start: isoOrNull(trace.span.start), end: isoOrNull(trace.span.end) },
    ...lanes(trace),
    nodeTimeout,
  };
  return { analysis, context };
}

function failoverJson(cluster: string, f: FailoverFacts, ref: NodeRefs): Failover {
  return {
    cluster,
    kind: f.kind,
    oldMaster: f.oldMaster,
    oldMasterAddress: ref.address(f.oldMaster),
    oldMasterSource: ref.source(f.oldMaster),
    newMaster: isSuccessorId(f.newMaster) ? null : f.newMaster,
    newMasterAddress: isSuccessorId(f.newMaster) ? null : ref.address(f.newMaster),
    newMasterSource: isSuccessorId(f.newMaster) ? null : ref.source(f.newMaster),
    epoch: f.epoch,
    slots: formatRanges(f.slots),
    startedAt: iso(f.startedAt),
    startedAtBounds: [iso(f.startedAtBounds[0]), iso(f.startedAtBounds[1])],
    startedAtFrom: f.startedAtFrom,
    failMarkedAt: isoOrNull(f.failMarkedAt),
    electionStartedAt: isoOrNull(f.electionStartedAt),
    promotedAt: iso(f.promotedAt),
    promotedAtBounds: [iso(f.promotedAtBounds[0]), iso(f.promotedAtBounds[1])],
    timingsMs: {
      detection: f.failMarkedAt !== null ? f.failMarkedAt - f.startedAt : null,
      delay: f.failMarkedAt !== null && f.electionStartedAt !== null ? f.electionStartedAt - f.failMarkedAt : null,
      election: f.electionStartedAt !== null ? f.promotedAt - f.electionStartedAt : null,
      unavailable: f.promotedAt - f.startedAt,
      unavailableMax: f.promotedAt - f.startedAtBounds[0],
    },
    votes: f.votes.map((v) => ({
      voter: v.voter,
      voterAddress: ref.address(v.voter),
      voterSource: ref.source(v.voter),
      granted: v.granted,
      ...(v.reason ? { reason: v.reason } : {}),
      at: iso(v.at),
    })),
    votesNeeded: f.votesNeeded,
    rank: f.rank,
    offset: f.offset,
    bestReplica: f.bestReplica,
    writesAtRisk: f.writesAtRisk,
    rejoined: f.rejoined ? { at: iso(f.rejoined.at), as: f.rejoined.as, of: f.rejoined.of } : null,
    evidence: f.evidence,
  };
}

function outageJson(cluster: string, o: OutageFacts): Outage {
  return {
    cluster,
    scope: o.scope,
    ...(o.scope === 'slots' ? { slots: formatRanges(o.slots) } : {}),
    nodes: o.nodes.filter((n) => !isSuccessorId(n)),
    start: iso(o.start),
    startBounds: [iso(o.startBounds[0]), iso(o.startBounds[1])],
    end: isoOrNull(o.end),
    endBounds: o.endBounds ? [iso(o.endBounds[0]), iso(o.endBounds[1])] : null,
    durationMs: o.end !== null ? o.end - o.start : null,
    minDurationMs: o.end !== null ? o.end - o.startBounds[1] : o.endBounds ? o.endBounds[0] - o.startBounds[1] : null,
    maxDurationMs: o.end !== null ? o.end - o.startBounds[0] : o.endBounds ? o.endBounds[1] - o.startBounds[0] : null,
    cause: o.cause,
    evidence: o.evidence,
  };
}

function lanes(trace: Trace): Pick<ClusterAnalysis, 'roles' | 'ownership' | 'states'> {
  const roles: RoleInterval[] = trace.roles.map((r) => ({
    node: r.node,
    role: r.role,
    ...(r.role === 'replica' ? { masterId: r.masterId ?? null } : {}),
    start: iso(r.start),
    end: isoOrNull(r.end),
  }));
  const ownership: OwnershipInterval[] = trace.ownership.map((o) => {
    const x: OwnershipInterval = {
      slots: formatRanges(o.slots),
      owner: o.owner,
      epoch: o.epoch,
      start: iso(o.start),
      end: isoOrNull(o.end),
    };
    if (o.inferred) x.inferred = true;
    return x;
  });
  const states: StateInterval[] = trace.states.map((s) => ({ node: s.node, state: s.state, start: iso(s.start), end: isoOrNull(s.end) }));
  return { roles, ownership, states };
}

/** Which nodes the evidence covers and what that limits (issue 12 point 6). */
function coverageOf(trace: Trace, L: (id: NodeId | null) => string): Coverage {
  const logs = trace.nodes.filter((n) => n.hasLog).map((n) => n.id);
  const fromOthers = trace.nodes.filter((n) => !n.hasLog).map((n) => n.id);
  const unidentified = logs.filter(isWriterId);
  const snapshots = trace.views.length;
  const limits: string[] = [];
  if (snapshots === 0)
    limits.push(
      'No CLUSTER NODES snapshot: slot ranges are named only as "the slots of" their master, and whatever needs every node (no replica, a majority) rests on the nodes the evidence names.',
    );
  if (fromOthers.length > 0)
    limits.push(
      `${fromOthers.length} node${fromOthers.length === 1 ? ' is' : 's are'} known only from others' lines (${fromOthers.map(L).join(', ')}): what ${fromOthers.length === 1 ? 'it' : 'they'} did and believed is told as far as the evidence shows.`,
    );
  if (unidentified.length > 0)
    limits.push(
      `${unidentified.length} log${unidentified.length === 1 ? '' : 's'} never name${unidentified.length === 1 ? 's' : ''} ${unidentified.length === 1 ? 'its' : 'their'} own node id (no "I'm <id>" line): shown as ${unidentified.map(L).join(', ')}.`,
    );
  // Logs without the line whose writer the evidence still names (timeline/attribute.ts pinWriter).
  for (const n of trace.notes)
    if (n.kind === 'identity-inferred' && n.writer && n.node !== null)
      limits.push(`${n.writer.source} never names its own node id (no "I'm <id>" line); it is ${L(n.node)}'s log: ${n.writer.why}.`);
  if (logs.length === 0)
    limits.push("No server log: fault moments, elections and votes are not in the evidence; times come from the snapshots' polling.");
  return { logs, fromOthers, unidentified, snapshots, limits };
}
