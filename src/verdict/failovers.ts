import type { Evidence, FailoverKind } from '../model/analysis.ts';
import { isSuccessorId, type EpochMs, type NodeId } from '../model/ids.ts';
import { normalizeRanges } from '../model/slots.ts';
import type { DownEpisode, ElectionAttempt, ManualFailoverFact, Promotion, Trace } from '../replay/index.ts';
import type { FailoverFacts } from './model.ts';
import { atBetween, attemptsDelayedBetween, groupOf, lastAtOrBefore, lastEpisodeAt, roleBefore, spansOf } from './lookup.ts';
import { firstAfter, sortedStrings } from '../util/sorted.ts';

/** True when the owner (or uncoveredness) of every slot is known at `t`. */
export function ownershipKnownAt(trace: Trace, t: EpochMs): boolean {
  let n = 0;
  for (const o of spansOf(trace.ownership).covering(t))
    if (o.start <= t && (o.end === null || o.end > t)) for (const r of o.slots) n += r.end - r.start + 1;
  return n >= 16384;
}

/** Masters serving at least one slot at time `t` (the cluster "size" of the spec). */
export function mastersAt(trace: Trace, t: EpochMs): NodeId[] {
  const set = new Set<NodeId>();
  for (const o of spansOf(trace.ownership).covering(t)) if (o.owner && o.start <= t && (o.end === null || o.end > t)) set.add(o.owner);
  return sortedStrings(set);
}

/** Slots `node` owned just before `t`. */
export function slotsOwnedBefore(trace: Trace, node: NodeId, t: EpochMs) {
  return normalizeRanges(
    spansOf(trace.ownership)
      .covering(t)
      .filter((o) => o.owner === node && o.start < t && (o.end === null || o.end >= t))
      .flatMap((o) => o.slots),
  );
}

export function replicasOf(trace: Trace, master: NodeId, t: EpochMs): NodeId[] {
  const out = new Set<NodeId>();
  const lanes = spansOf(trace.roles).covering(t);
  for (const r of lanes)
    if (r.role === 'replica' && r.masterId === master && r.start <= t && (r.end === null || r.end > t)) out.add(r.node);
  // A replica flagged down or failed at t still counts as a replica of that master.
  for (const r of lanes)
    if ((r.role === 'down' || r.role === 'fail' || r.role === 'paused') && r.start <= t && (r.end === null || r.end > t)) {
      const before = roleBefore(trace.roles, r.node, r.start);
      if (before && before.role === 'replica' && before.masterId === master) out.add(r.node);
    }
  return sortedStrings(out);
}

function manualFor(trace: Trace, p: Promotion, a: ElectionAttempt | null): ManualFailoverFact | null {
  if (!a || a.kind === 'automatic') return null;
  let best: ManualFailoverFact | null = null;
  for (const m of trace.manuals)
    if (m.replica === p.node && m.kind === a.kind && (m.requestedAt ?? m.pausedAt ?? Infinity) <= p.at) {
      if (!best || (m.requestedAt ?? m.pausedAt ?? 0) > (best.requestedAt ?? best.pausedAt ?? 0)) best = m;
    }
  return best;
}

/**
 * The kind of a promotion seen only in snapshots (no election line, no request): automatic when the old
 * master was marked FAIL while it still held the slots (a FAIL line, or a view flagging it `fail` no
 * later than the last view before the slots moved: an automatic failover needs FAIL, redis 7.0
 * clusterHandleSlaveFailover); otherwise the snapshots cannot tell CLUSTER FAILOVER, TAKEOVER and FORCE
 * (or a FAIL flag and the promotion in the same view) apart: unknown.
 */
function snapshotKind(trace: Trace, p: Promotion): FailoverKind {
  if (!p.replaced) return 'unknown';
  const before = p.atBounds[0];
  const marks = groupOf(trace.failMarks, 'subject', (m) => m.subject, p.replaced).items;
  if (
    marks.some(
      (m) =>
        !m.fromSnapshot &&
        m.observer !== p.replaced &&
        (m.kind === 'marked' || m.kind === 'received') &&
        m.at <= p.at &&
        m.at >= before - 60_000,
    )
  )
    return 'automatic';
  const flagged = trace.flags.some(
    (f) =>
      f.subject === p.replaced &&
      f.observer !== p.replaced &&
      f.flag === 'fail' &&
      f.start <= before &&
      (f.end === null || f.end >= before),
  );
  return flagged ? 'automatic' : 'unknown';
}

/** The old master's down episode this promotion answered. */
function episodeFor(trace: Trace, p: Promotion): DownEpisode | null {
  if (!p.replaced) return null;
  const items = groupOf(trace.episodes, 'node', (e) => e.node, p.replaced).items;
  const at = lastEpisodeAt(items, p.at);
  if (at || p.atBounds[0] >= p.at) return at;
  // A promotion known only within bounds (the old master learned of it after it came back): the
  // episode that overlaps those bounds.
  for (let i = items.length - 1; i >= 0; i--)
    if (items[i].startBounds[0] <= p.at && (items[i].end === null || items[i].end! >= p.atBounds[0])) return items[i];
  return null;
}

/**
 * Failovers from the promotions of the trace: kind, phases (fault moment → first FAIL mark →
 * election start → election won), votes and the replica's rank and offset.
 */
export function buildFailovers(trace: Trace): FailoverFacts[] {
  const out: FailoverFacts[] = [];
  for (const p of trace.promotions) {
    // An unnamed successor is only a stand-in: another line naming the winner wins.
    if (
      isSuccessorId(p.node) &&
      trace.promotions.some((q) => q !== p && q.replaced === p.replaced && !isSuccessorId(q.node) && Math.abs(q.at - p.at) < 60_000)
    )
      continue;
    const a = p.election !== null ? trace.elections[p.election] : null;
    // Without the winner's own lines (only the old master's reconfiguration, or a third node's report)
    // nothing tells an automatic failover from a forced one or a takeover.
    const kind =
      p.via === 'takeover' ? 'takeover' : a ? a.kind : p.kind ? p.kind : p.via === 'snapshot' ? snapshotKind(trace, p) : 'unknown';
    const manual = manualFor(trace, p, a);
    const episode = kind === 'automatic' || kind === 'force' || kind === 'unknown' ? episodeFor(trace, p) : null;
    const evidence: Evidence[] = [...p.evidence];

    // Fault moment (automatic) or the moment writes were refused (manual kinds).
    let startedAt: EpochMs;
    let bounds: [EpochMs, EpochMs];
    let from: FailoverFacts['startedAtFrom'];
    // A log line is the moment; a snapshot only shows the flag some time after it was set.
    const marksOn = groupOf(trace.failMarks, 'subject', (m) => m.subject, p.replaced);
    const firstMark = (after: EpochMs) => {
      const near = atBetween(marksOn, after, p.at);
      return (
        near.filter((m) => m.observer !== p.replaced && (m.kind === 'marked' || m.kind === 'received')).sort((x, y) => x.at - y.at)[0] ??
        near.filter((m) => m.kind === 'seen-fail').sort((x, y) => x.at - y.at)[0]
      );
    };
    if (kind === 'manual' && manual) {
      const t = manual.pausedAt ?? manual.requestedAt ?? p.at;
      startedAt = t;
      bounds = [t, t];
      from = manual.pausedAt !== null ? 'master-paused' : 'manual-request';
      evidence.unshift(...manual.evidence);
    } else if (kind === 'takeover') {
      const t = manual?.requestedAt ?? p.at;
      startedAt = t;
      bounds = [t, t];
      from = 'manual-request';
    } else if (episode) {
      startedAt = episode.start;
      bounds = [episode.startBounds[0], episode.startBounds[1]];
      from = episode.startFrom;
      evidence.unshift(...episode.evidence);
    } else if (kind === 'unknown' && p.via === 'snapshot') {
      // A master seen well throughout (an operator's CLUSTER FAILOVER, TAKEOVER or FORCE): whatever
      // interruption there was fell while the slots changed hands, between the two views.
      startedAt = p.at;
      bounds = [p.atBounds[0], p.at];
      from = 'promotion';
    } else if (kind === 'force' && manual && manual.requestedAt !== null) {
      startedAt = manual.requestedAt;
      bounds = [startedAt, startedAt];
      from = 'manual-request';
    } else {
      const m = firstMark(-Infinity);
      const t = m ? m.at : (a?.startedAt ?? p.at);
      startedAt = t;
      bounds = [trace.span.start ?? t, t];
      from = m ? 'fail-mark' : a?.startedAt ? 'election-start' : 'promotion';
    }
    if (startedAt > p.at) startedAt = p.at;

    const mark = kind === 'automatic' || kind === 'force' || kind === 'unknown' ? firstMark(bounds[0]) : undefined;
    if (mark) evidence.push(mark.evidence);
    const epoch = p.epoch ?? a?.epoch ?? null;
    const votes = a
      ? atBetween(
          groupOf(trace.votes, 'candidate', (v) => v.candidate, p.node),
          (a.startedAt ?? a.delayedAt ?? p.at) - 1000,
          p.at + 60_000,
        ).filter((v) => (epoch === null ? v.epoch === null : v.epoch === epoch || v.epoch === null))
      : [];
    const sizeAt = (a?.startedAt ?? p.at) - 1;
    const size = ownershipKnownAt(trace, sizeAt) ? mastersAt(trace, sizeAt).length : 0;

    // Writes at risk: the winner's offset against the best known offset of the old master.
    const lastMasterOffset = lastAtOrBefore(
      groupOf(
        trace.offsets,
        'master offsets by node',
        (o) => (o.what === 'master-repl' || o.what === 'manual-master' ? o.node : null),
        p.replaced,
      ),
      p.at,
    );
    const attemptsOn = attemptsDelayedBetween(trace.elections, p.replaced, startedAt - 1, p.at);
    const siblingOffsets = attemptsOn
      .filter(
        (x) => x.offset !== null && x.candidate !== p.node && x.delayedAt !== null && x.delayedAt <= p.at && x.delayedAt >= startedAt - 1,
      )
      .map((x) => x.offset as number);
    const masterOffset = lastMasterOffset ? lastMasterOffset.offset : null;
    const winnerOffset = a?.offset ?? null;
    const best = Math.max(...(masterOffset !== null ? [masterOffset] : []), ...siblingOffsets);
    // The surest evidence comes later: the new master refusing a PSYNC on the old history (the old
    // master rejoining, or a sibling that was ahead) names both ends of the lost stream exactly.
    const replacing = groupOf(trace.promotions, 'replaced', (q) => q.replaced, p.node);
    const nextPromotion = firstAfter(
      replacing.items,
      replacing.sorted,
      p.at,
      (q) => q.at,
      false,
      (q) => q.node !== p.node,
    );
    const refusals = atBetween(
      groupOf(trace.offsets, 'psync-refused by node', (o) => (o.what === 'psync-refused' ? o.node : null), p.node),
      p.at,
      nextPromotion ? nextPromotion.at : Infinity,
    ).filter((o) => (!nextPromotion || o.at < nextPromotion.at) && o.upTo !== undefined && o.offset > o.upTo);
    const refused = refusals.length > 0 ? refusals.reduce((x, y) => (y.offset > x.offset ? y : x)) : null;
    const writesAtRisk = refused
      ? {
          bytes: refused.offset - (refused.upTo as number),
          winnerOffset: winnerOffset ?? (refused.upTo as number) - 1,
          masterOffset: refused.offset - 1,
          exact: true,
        }
      : winnerOffset === null || !Number.isFinite(best)
        ? {
            bytes: kind === 'manual' && manual?.masterOffset !== null && manual !== null ? 0 : null,
            winnerOffset,
            masterOffset,
            exact: false,
          }
        : { bytes: Math.max(0, best - winnerOffset), winnerOffset, masterOffset, exact: lastMasterOffset?.what === 'manual-master' };
    if (refused) evidence.push(refused.evidence);

    const candidates = attemptsOn.filter(
      (x) => x.offset !== null && x.delayedAt !== null && x.delayedAt >= startedAt - 1 && x.delayedAt <= p.at,
    );
    const bestReplica =
      candidates.length > 1
        ? [...candidates].sort((x, y) => (y.offset as number) - (x.offset as number) || (x.candidate < y.candidate ? -1 : 1))[0].candidate
        : null;

    const demotedOld = groupOf(trace.demotions, 'node', (d) => d.node, p.replaced);
    const rejoin = p.replaced ? (firstAfter(demotedOld.items, demotedOld.sorted, p.at, (d) => d.at, true) ?? null) : null;
    const backAsMaster = p.replaced
      ? groupOf(trace.roles, 'master lanes', (r) => (r.role === 'master' ? r.node : null), p.replaced).items.find(
          (r) => r.start > p.at && (!rejoin || r.start < rejoin.at),
        )
      : undefined;

    out.push({
      kind,
      oldMaster: p.replaced,
      newMaster: p.node,
      epoch,
      slots: p.slots,
      startedAt,
      startedAtBounds: bounds,
      startedAtFrom: from,
      failMarkedAt: mark ? mark.at : null,
      failMarkEvidence: mark ? mark.evidence : null,
      electionStartedAt: a?.startedAt ?? null,
      promotedAt: p.at,
      promotedAtBounds: p.atBounds,
      votes,
      votesNeeded: size > 0 ? Math.floor(size / 2) + 1 : null,
      rank: a?.rank ?? null,
      offset: a?.offset ?? null,
      bestReplica,
      writesAtRisk,
      promotion: p,
      attempt: a,
      episode,
      rejoined: rejoin
        ? { at: rejoin.at, as: 'replica', of: rejoin.newMaster, evidence: rejoin.evidence }
        : backAsMaster
          ? { at: backAsMaster.start, as: 'master', of: null, evidence: p.evidence[0] }
          : null,
      evidence: dedupe(evidence),
    });
  }
  return out.sort((x, y) => x.promotedAt - y.promotedAt);
}

export function dedupe(ev: readonly Evidence[]): Evidence[] {
  // Most lists hold a handful: comparing pairs beats building a key string and a Set per item
  // (once per finding and failover, dedupe was the verdict's largest self time after formatting).
  if (ev.length <= 16) {
    const out: Evidence[] = [];
    for (let i = 0; i < ev.length; i++) {
      const e = ev[i];
      let dup = false;
      // NaN lines are one key too, as `${NaN}` is.
      for (let j = 0; j < out.length && !dup; j++)
        dup = (out[j].line === e.line || (Number.isNaN(out[j].line) && Number.isNaN(e.line))) && out[j].source === e.source;
      if (!dup) out.push(e);
    }
    return out;
  }
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of ev) {
    const k = `${e.source}\u0000${e.line}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(e);
  }
  return out;
}
