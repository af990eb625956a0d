import type { Evidence } from '../model/analysis.ts';
import type { EpochMs, NodeId } from '../model/ids.ts';
import { normalizeRanges } from '../model/slots.ts';
import type { Trace } from '../replay/trace.ts';
import type { BlockedCase, FailoverFacts, OutageFacts } from './model.ts';
import { groupOf } from './lookup.ts';

/**
 * What clients lived through.
 * - Slots: a range with no master serving it, from the fault moment (or, for a manual failover, the
 *   moment the master paused its clients) until a replica took over or the master came back.
 * - Cluster: any serving master answering CLUSTERDOWN: the union of the `Cluster state changed:
 *   fail … ok` windows of the masters that owned slots at the time.
 */
export function buildOutages(trace: Trace, failovers: readonly FailoverFacts[], blocked: readonly BlockedCase[]): OutageFacts[] {
  const out: OutageFacts[] = [];
  for (const f of failovers) {
    if (f.promotedAt - f.startedAt <= 0 || f.slots.length === 0) continue;
    out.push({
      scope: 'slots',
      slots: f.slots,
      nodes: [...(f.oldMaster ? [f.oldMaster] : []), f.newMaster],
      start: f.startedAt,
      startBounds: f.startedAtBounds,
      end: f.promotedAt,
      endBounds: f.promotedAtBounds[0] !== f.promotedAtBounds[1] ? f.promotedAtBounds : null,
      cause: 'failover.completed',
      evidence: f.evidence.slice(0, 4),
    });
  }
  for (const b of blocked) {
    const back = servingAgain(trace, b.master, b.recoveredAt);
    out.push({
      scope: 'slots',
      slots: b.slots,
      nodes: [b.master],
      start: b.episode.start,
      startBounds: b.episode.startBounds,
      end: back.end,
      endBounds: back.bounds,
      cause: b.reason,
      evidence: [...b.evidence.slice(0, 3), ...(back.evidence ? [back.evidence] : [])],
    });
  }
  out.push(...clusterOutages(trace, out));
  return out.sort((a, b) => a.start - b.start || (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0));
}

/** When a master that came back serves its slots again: its own `Cluster state changed: ok`. */
function servingAgain(trace: Trace, master: NodeId, back: EpochMs | null): { end: EpochMs | null; bounds: [EpochMs, EpochMs] | null; evidence: Evidence | null } {
  if (back === null) return { end: null, bounds: null, evidence: null };
  const ok = groupOf(trace.states, 'node', (s) => s.node, master).items.find((s) => s.state === 'ok' && s.start >= back);
  if (!ok) {
    // Not seen: bounded by the return and the first view showing it served without a flag.
    const view = trace.views.find(
      (v) => v.at >= back && v.atFrom !== 'unknown' && v.entries.some((e) => e.id === master && e.role === 'master' && e.slots.length > 0 && !e.flags.includes('fail') && !e.flags.includes('fail?')),
    );
    return { end: null, bounds: [back, view ? view.at : (trace.span.end ?? back)], evidence: view ? view.evidence : null };
  }
  const fromSnapshot = trace.stateChanges.some((c) => c.node === master && c.at === ok.start && c.fromSnapshot);
  if (fromSnapshot) return { end: null, bounds: [back, ok.start], evidence: ok.startEvidence };
  return { end: ok.start, bounds: null, evidence: ok.startEvidence };
}

function clusterOutages(trace: Trace, slotOutages: readonly OutageFacts[]): OutageFacts[] {
  type W = { start: EpochMs; end: EpochMs | null; node: NodeId; startEv: Evidence; endEv: Evidence | null; endBounds?: [EpochMs, EpochMs] };
  const windows: W[] = [];
  for (const s of trace.states) {
    if (s.state !== 'fail') continue;
    // Only while the node served slots as master. Without a snapshot or line naming its slots, a
    // node known to be a master (its own prefix and lines) is taken to serve the slots it has.
    const owned = groupOf(trace.ownership, 'owner', (x) => x.owner, s.node).items;
    const serving = owned.length > 0 ? owned : groupOf(trace.roles, 'master lanes', (r) => (r.role === 'master' ? r.node : null), s.node).items;
    for (const o of serving) {
      const a = Math.max(s.start, o.start);
      const sEnd = s.end ?? Infinity;
      const oEnd = o.end ?? Infinity;
      const b = Math.min(sEnd, oEnd);
      if (!(a < b) && !(a === b && b === Infinity)) continue;
      const endsWithState = sEnd <= oEnd;
      windows.push({
        start: a,
        end: b === Infinity ? null : b,
        node: s.node,
        startEv: s.startEvidence,
        endEv: endsWithState ? s.endEvidence : null,
        ...(endsWithState && s.endBounds ? { endBounds: s.endBounds } : {}),
      });
    }
  }
  windows.sort((x, y) => x.start - y.start);
  const merged: Array<{ start: EpochMs; end: EpochMs | null; nodes: Set<NodeId>; evidence: Evidence[]; endBounds?: [EpochMs, EpochMs] }> = [];
  for (const w of windows) {
    const last = merged[merged.length - 1];
    if (last && (last.end === null || w.start <= last.end)) {
      last.nodes.add(w.node);
      if (last.end !== null && (w.end === null || w.end > last.end)) {
        last.end = w.end;
        last.endBounds = w.endBounds;
        if (w.endEv) last.evidence.push(w.endEv);
      } else if (last.end !== null && w.end === last.end && w.endBounds && !last.endBounds) last.endBounds = w.endBounds;
      continue;
    }
    merged.push({ start: w.start, end: w.end, nodes: new Set([w.node]), evidence: [w.startEv, ...(w.endEv ? [w.endEv] : [])], ...(w.endBounds ? { endBounds: w.endBounds } : {}) });
  }
  return merged.map((m) => {
    const covers = (o: (typeof slotOutages)[number]) =>
      o.end === null || o.end >= m.start || (o.endBounds !== null && o.endBounds[1] >= m.start);
    // The slot outage that was under way when the cluster went down; failing that, one that began
    // while it was down (a manual failover's hand-over can start a few ms after a node flags fail).
    const cause =
      slotOutages.find((o) => o.start <= m.start && covers(o)) ??
      slotOutages.find((o) => o.start > m.start && (m.end === null || o.start <= m.end) && covers(o));
    // An end read from a snapshot is a bound, not a moment; it cannot precede the master's return.
    let end = m.end;
    let endBounds: [EpochMs, EpochMs] | null = null;
    if (m.endBounds && m.end !== null) {
      let lo = m.endBounds[0];
      const blocked = cause && cause.cause !== 'failover.completed' && cause.endBounds ? cause.endBounds[0] : null;
      if (blocked !== null && blocked > lo) lo = Math.min(blocked, m.end);
      endBounds = [lo, m.end];
      end = null;
    }
    return {
      scope: 'cluster' as const,
      slots: [],
      nodes: [...m.nodes].sort(),
      start: m.start,
      startBounds: [m.start, m.start] as [EpochMs, EpochMs],
      end,
      endBounds,
      cause: cause ? cause.cause : 'cluster.down',
      evidence: m.evidence.slice(0, 4),
    };
  });
}

export const rangesOf = normalizeRanges;
