/** An inclusive range of hash slots, 0..16383. Slot ownership is always held as ranges. */
export interface SlotRange {
  start: number;
  end: number;
}
export const SLOT_COUNT = 16384;

/** Merge, sort and coalesce ranges. */
export function normalizeRanges(ranges: readonly SlotRange[]): SlotRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: SlotRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end + 1) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/** `0-5460,5470` form used in JSON output. */
export function formatRanges(ranges: readonly SlotRange[]): string {
  return normalizeRanges(ranges)
    .map((r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`))
    .join(',');
}

export function parseRanges(text: string): SlotRange[] {
  if (text.trim() === '') return [];
  return normalizeRanges(
    text.split(',').map((part) => {
      const [a, b] = part.split('-');
      const start = Number(a);
      const end = b === undefined ? start : Number(b);
      return { start, end };
    }),
  );
}

export function countSlots(ranges: readonly SlotRange[]): number {
  return normalizeRanges(ranges).reduce((n, r) => n + r.end - r.start + 1, 0);
}

/** `a` without `b`: one merge pass over both normalised lists, O(|a| + |b|). */
export function subtractRanges(a: readonly SlotRange[], b: readonly SlotRange[]): SlotRange[] {
  const xs = normalizeRanges(a);
  const cuts = normalizeRanges(b);
  const out: SlotRange[] = [];
  let j = 0;
  for (const x of xs) {
    let from = x.start;
    while (j < cuts.length && cuts[j].end < from) j++;
    // cuts[k] for k >= j end at or after `from`; the last one may reach into the next x.
    let k = j;
    while (k < cuts.length && cuts[k].start <= x.end) {
      if (cuts[k].start > from) out.push({ start: from, end: cuts[k].start - 1 });
      from = Math.max(from, cuts[k].end + 1);
      if (cuts[k].end > x.end) break;
      k++;
    }
    j = k;
    if (from <= x.end) out.push({ start: from, end: x.end });
  }
  return out;
}

/** Slots in both `a` and `b`: one merge pass over both normalised lists, O(|a| + |b|). */
export function intersectRanges(a: readonly SlotRange[], b: readonly SlotRange[]): SlotRange[] {
  const xs = normalizeRanges(a);
  const ys = normalizeRanges(b);
  const out: SlotRange[] = [];
  let i = 0;
  let j = 0;
  while (i < xs.length && j < ys.length) {
    const s = Math.max(xs[i].start, ys[j].start);
    const e = Math.min(xs[i].end, ys[j].end);
    if (s <= e) out.push({ start: s, end: e });
    if (xs[i].end < ys[j].end) i++;
    else j++;
  }
  return out;
}
