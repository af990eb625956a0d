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

  segments(): readonly SlotSegment[] {
    return this.segs;
  }

  /** Ranges owned by `owner` (null: uncovered, undefined: unknown). */
  rangesOf(owner: NodeId | null | undefined): SlotRange[] {
    return normalizeRanges(this.segs.filter((s) => s.owner === owner).map((s) => ({ start: s.start, end: s.end })));
  }

  /** The segments intersecting `ranges`, clipped to them. */
  lookup(ranges: readonly SlotRange[]): SlotSegment[] {
    const out: SlotSegment[] = [];
    for (const r of normalizeRanges(ranges))
      for (const s of this.segs) {
        const a = Math.max(r.start, s.start);
        const b = Math.min(r.end, s.end);
        if (a <= b) out.push({ start: a, end: b, owner: s.owner, epoch: s.epoch });
      }
    return out;
  }

  /** Set the owner of `ranges`. Slots outside 0..16383 are ignored. */
  assign(ranges: readonly SlotRange[], owner: NodeId | null, epoch: number | null): void {
    for (const raw of normalizeRanges(ranges)) {
      const r = { start: Math.max(0, raw.start), end: Math.min(SLOT_COUNT - 1, raw.end) };
      if (!(r.start <= r.end) || !Number.isFinite(r.start) || !Number.isFinite(r.end)) continue;
      const next: SlotSegment[] = [];
      for (const s of this.segs) {
        if (s.end < r.start || s.start > r.end) {
          next.push(s);
          continue;
        }
        if (s.start < r.start) next.push({ ...s, end: r.start - 1 });
        if (s.end > r.end) next.push({ ...s, start: r.end + 1 });
      }
      next.push({ start: r.start, end: r.end, owner, epoch });
      next.sort((a, b) => a.start - b.start);
      this.segs = coalesce(next);
    }
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
