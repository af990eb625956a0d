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

export function subtractRanges(a: readonly SlotRange[], b: readonly SlotRange[]): SlotRange[] {
  let out = normalizeRanges(a);
  for (const cut of normalizeRanges(b)) {
    const next: SlotRange[] = [];
    for (const r of out) {
      if (cut.end < r.start || cut.start > r.end) next.push(r);
      else {
        if (cut.start > r.start) next.push({ start: r.start, end: cut.start - 1 });
        if (cut.end < r.end) next.push({ start: cut.end + 1, end: r.end });
      }
    }
    out = next;
  }
  return out;
}

export function intersectRanges(a: readonly SlotRange[], b: readonly SlotRange[]): SlotRange[] {
  const out: SlotRange[] = [];
  for (const x of normalizeRanges(a))
    for (const y of normalizeRanges(b)) {
      const s = Math.max(x.start, y.start);
      const e = Math.min(x.end, y.end);
      if (s <= e) out.push({ start: s, end: e });
    }
  return normalizeRanges(out);
}
