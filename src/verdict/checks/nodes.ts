import type { EpochMs, NodeId } from '../../model/ids.ts';
import type { DownEpisode } from '../../replay/index.ts';
import type { Check, FindingFacts } from '../model.ts';
import { msg } from '../messages.ts';
import { finding } from './util.ts';
import { groupOf, roleBefore as laneBefore } from '../lookup.ts';
import { firstAfter } from '../../util/sorted.ts';

const episodeCheck =
  (rule: string, kinds: ReadonlyArray<DownEpisode['kind']>, severity: 'warning' | 'info'): Check =>
  (ctx) =>
    ctx.trace.episodes
      .filter((e) => kinds.includes(e.kind))
      .map((e) => finding(rule, severity, msg.episode(e, ctx.label, true), e.start, [e.node], e.evidence));

const hasLog = (ctx: Parameters<Check>[0], id: NodeId) => groupOf(ctx.trace.nodes, 'id', (n) => n.id, id).items.some((n) => n.hasLog);

/** Crashed (crash report), or gone without a shutdown line in a log we have. */
export const nodeCrashed: Check = (ctx) =>
  ctx.trace.episodes
    .filter((e) => e.kind === 'crashed' || (e.kind === 'stopped' && hasLog(ctx, e.node)))
    .map((e) => finding('node.crashed', 'warning', msg.episode(e, ctx.label, true), e.start, [e.node], e.evidence));
export const nodeShutdown = episodeCheck('node.shutdown', ['shutdown'], 'info');
export const nodePaused = episodeCheck('node.paused', ['paused'], 'warning');
/** Unreachable, or gone while we have no log of it to say why. */
export const nodeUnreachable: Check = (ctx) =>
  ctx.trace.episodes
    .filter((e) => e.kind === 'unreachable' || (e.kind === 'stopped' && !hasLog(ctx, e.node)))
    .map((e) => finding('node.unreachable', 'warning', msg.episode(e, ctx.label, hasLog(ctx, e.node)), e.start, [e.node], e.evidence));

/** Role of `node` just before `t`, from the role lanes (skipping down/fail lanes). */
function roleBefore(ctx: Parameters<Check>[0], node: NodeId, t: EpochMs) {
  return laneBefore(ctx.trace.roles, node, t);
}

export const replicaLost: Check = (ctx) => {
  const out: FindingFacts[] = [];
  for (const e of ctx.trace.episodes) {
    const r = roleBefore(ctx, e.node, e.start);
    if (!r || r.role !== 'replica') continue;
    const master = r.masterId ?? null;
    const lost = groupOf(ctx.trace.replication, 'replica-lost by peer', (x) => (x.kind === 'replica-lost' ? x.peer : null), e.node);
    const seen = firstAfter(lost.items, lost.sorted, e.startBounds[0] - 1000, (x) => x.at, true, undefined, e.end ?? Infinity);
    out.push(
      finding(
        'replica.lost',
        'warning',
        msg.replicaLost(e.node, master, seen ? seen.at : e.start, ctx.label),
        seen ? seen.at : e.start,
        [master, e.node],
        [...(seen ? [seen.evidence] : []), ...e.evidence],
      ),
    );
  }
  return out;
};

/**
 * Masters serving slots with no working replica, after having had one (or after taking over a shard
 * that had replicas): one more failure and their slots are lost.
 */
export const masterOrphaned: Check = (ctx) => {
  const out: FindingFacts[] = [];
  const end = ctx.trace.span.end;
  if (end === null) return out;
  const owners = [...new Set(ctx.trace.ownership.map((o) => o.owner).filter((o): o is NodeId => o !== null))].sort();
  for (const m of owners) {
    const serving = groupOf(ctx.trace.roles, 'master lanes', (r) => (r.role === 'master' ? r.node : null), m).items;
    const replicaLanes = groupOf(ctx.trace.roles, 'replica lanes by master', (r) => (r.role === 'replica' ? r.masterId : null), m).items;
    const promoted = groupOf(ctx.failovers, 'newMaster', (f) => f.newMaster, m).items;
    const hadReplica = replicaLanes.length > 0 || promoted.length > 0;
    if (!hadReplica) continue;
    // Serving = master lane ∩ owning slots.
    const owning = groupOf(ctx.trace.ownership, 'owner', (o) => o.owner, m).items;
    const spans: Array<{ start: EpochMs; end: EpochMs | null }> = [];
    for (const l of serving)
      for (const o of owning) {
        const a = Math.max(l.start, o.start);
        const bEnd = Math.min(l.end ?? Infinity, o.end ?? Infinity);
        if (a < bEnd) spans.push({ start: a, end: bEnd === Infinity ? null : bEnd });
      }
    spans.sort((x, y) => x.start - y.start);
    for (const s of spans) {
      const sEnd = s.end ?? end;
      const cuts = [s.start, ...replicaLanes.flatMap((r) => [r.start, r.end ?? end])].filter((c) => c >= s.start && c <= sEnd);
      const uniq = [...new Set(cuts)].sort((a, b) => a - b);
      let openAt: EpochMs | null = null;
      const windows: Array<[EpochMs, EpochMs | null]> = [];
      for (const c of uniq) {
        const has = replicaLanes.some((r) => r.start <= c && (r.end === null || r.end > c));
        if (!has && openAt === null) openAt = c;
        if (has && openAt !== null) {
          windows.push([openAt, c]);
          openAt = null;
        }
      }
      if (openAt !== null) windows.push([openAt, s.end === null ? null : s.end]);
      for (const [from, to] of windows) {
        // Before a replica ever attached at the start of the evidence there is nothing to report.
        const hadBefore = replicaLanes.some((r) => r.start < from) || promoted.some((f) => f.promotedAt <= from + 1);
        if (!hadBefore) continue;
        // A replica re-attaching within twice the node timeout is the normal end of a failover.
        const brief = 2 * (ctx.nodeTimeout.ms ?? 5000);
        if (to !== null && to - from <= brief) continue;
        if (out.some((x) => x.nodes[0] === m && x.at === from)) continue;
        out.push(finding('master.orphaned', to === null ? 'warning' : 'info', msg.orphaned(m, from, to, ctx.label), from, [m], []));
      }
    }
  }
  return out;
};

/** A second process of a node that failed to start while the first kept running: no outage, but a sign of a broken deploy or supervisor. */
export const nodeStartFailed: Check = (ctx) =>
  ctx.trace.failedStarts.map((f) => finding('node.start-failed', 'warning', msg.startFailed(f, ctx.label), f.at, [f.node], f.evidence));
