import type { NodeId } from '../model/ids.ts';
import { SLOT_COUNT, normalizeRanges, type SlotRange } from '../model/slots.ts';

/**
 * Who owns each hash slot, held as a sorted list of segments that always covers 0..16383 exactly once.
 * `owner` undefined = not known yet; null = known to be uncovered. Never a per-slot array.
 */
export interface SlotSegment {
  start: number;
  end: number;
  owner: NodeId | null | undefined;
  epoch: number | null;
}

export class SlotMap {
  private segs: SlotSegment[] = [{ start: 0, end: SLOT_COUNT - 1, owner: undefined, epoch: null }];
  /**
   * Bumped by every assign(): an answer of holds() stays true while it is unchanged, so a caller that
   * sees the same claim every second (a steady 1000-node cluster) asks once per change, not per poll.
   */
  version = 0;

  segments(): readonly SlotSegment[] {
    return this.segs;
  }

  /** Ranges owned by `owner` (null: uncovered, undefined: unknown). */
  rangesOf(owner: NodeId | null | undefined): SlotRange[] {
    return normalizeRanges(this.segs.filter((s) => s.owner === owner).map((s) => ({ start: s.start, end: s.end })));
  }

  /**
   * The segments intersecting `ranges`, clipped to them. Binary search: a 1000-node cluster has 500+
   * segments and every CLUSTER NODES snapshot looks up each master's ranges (issue #8).
   */
  lookup(ranges: readonly SlotRange[]): SlotSegment[] {
    const out: SlotSegment[] = [];
    const segs = this.segs;
    for (const r of isNormalized(ranges) ? ranges : normalizeRanges(ranges)) {
      for (let i = this.firstEndingFrom(r.start); i < segs.length && segs[i].start <= r.end; i++) {
        const s = segs[i];
        const a = Math.max(r.start, s.start);
        const b = Math.min(r.end, s.end);
        if (a <= b) out.push({ start: a, end: b, owner: s.owner, epoch: s.epoch });
      }
    }
    return out;
  }

  /** Index of the first segment ending at or after `slot` (binary search). */
  private firstEndingFrom(slot: number): number {
    const segs = this.segs;
    let lo = 0;
    let hi = segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (segs[mid].end < slot) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Is every slot of `ranges` held by `owner` at `epoch` already? (No allocation: the steady-state check.) */
  holds(ranges: readonly SlotRange[], owner: NodeId | null | undefined, epoch: number | null): boolean {
    const segs = this.segs;
    for (const r of ranges) {
      if (!(r.start <= r.end)) return false;
      const lo = this.firstEndingFrom(r.start);
      if (lo === segs.length) return false;
      for (let i = lo; i < segs.length && segs[i].start <= r.end; i++) if (segs[i].owner !== owner || segs[i].epoch !== epoch) return false;
    }
    return true;
  }

  /**
   * Set the owner of `ranges`. Slots outside 0..16383 are ignored. One merge pass over the segments
   * and the (sorted) ranges: O(segments + ranges), so a list of 8192 single-slot ranges costs 8192
   * steps, not 8192 rebuilds of the whole map (issue #18).
   */
  assign(ranges: readonly SlotRange[], owner: NodeId | null, epoch: number | null): void {
    const rs: SlotRange[] = [];
    for (const raw of isNormalized(ranges) ? ranges : normalizeRanges(ranges)) {
      const r = { start: Math.max(0, raw.start), end: Math.min(SLOT_COUNT - 1, raw.end) };
      if (!(r.start <= r.end) || !Number.isFinite(r.start) || !Number.isFinite(r.end)) continue;
      rs.push(r);
    }
    if (rs.length === 0) return;
    this.version++;
    const next: SlotSegment[] = [];
    let j = 0;
    for (const s of this.segs) {
      // Ranges wholly before this segment were emitted already; walk the ones overlapping it.
      let from = s.start;
      while (j < rs.length && rs[j].start <= s.end) {
        const r = rs[j];
        if (r.start > from) next.push({ ...s, start: from, end: r.start - 1 });
        next.push({ start: Math.max(r.start, s.start), end: Math.min(r.end, s.end), owner, epoch });
        if (r.end > s.end) {
          from = s.end + 1;
          break;
        }
        from = r.end + 1;
        j++;
      }
      if (from <= s.end) next.push({ ...s, start: from, end: s.end });
    }
    this.segs = coalesce(next);
  }

  clone(): SlotMap {
    const m = new SlotMap();
    m.segs = this.segs.map((s) => ({ ...s }));
    return m;
  }
}

function coalesce(segs: SlotSegment[]): SlotSegment[] {
  const out: SlotSegment[] = [];
  for (const s of segs) {
    const last = out[out.length - 1];
    if (last && last.end + 1 === s.start && last.owner === s.owner && last.epoch === s.epoch) last.end = s.end;
    else out.push({ ...s });
  }
  return out;
}

/** Sorted, disjoint and not adjacent: what normalizeRanges would return unchanged. */
function isNormalized(ranges: readonly SlotRange[]): boolean {
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i];
    if (!(r.start <= r.end)) return false;
    if (i > 0 && r.start <= ranges[i - 1].end + 1) return false;
  }
  return true;
}
