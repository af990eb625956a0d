/*
 * Lookups over a trace's fact lists, built once per list and cached (the lists are never mutated
 * after the replay). The checks ask "the FAIL marks on X between t1 and t2", "the role of X just
 * before t", "the ownership spans alive at t" once per failover or episode; scanning whole lists for
 * each made the verdict quadratic in failovers (a flapping cluster) and in nodes (a large one).
 * Every helper returns what the scan it replaces returned, in the same order.
 */
import type { EpochMs, NodeId } from '../model/ids.ts';
import type { RoleSpan } from '../replay/index.ts';
import { isSortedBy, lowerBound, sliceBetween, upperBound } from '../util/sorted.ts';

interface Group<T> {
  items: T[];
  sorted: boolean;
}

const groupCache = new WeakMap<object, Map<string, Map<unknown, Group<unknown>>>>();

/** The items of `list` whose `key` is `k`, in list order (grouping cached per list and name). */
export function groupOf<T, K>(list: readonly T[], name: string, key: (x: T) => K | null | undefined, k: K | null | undefined): Group<T> {
  let byName = groupCache.get(list);
  if (!byName) {
    byName = new Map();
    groupCache.set(list, byName);
  }
  let groups = byName.get(name) as Map<unknown, Group<T>> | undefined;
  if (!groups) {
    groups = new Map();
    // `sorted` means sorted by a numeric `at`; lists without one are never searched by time. Found in
    // the one pass that groups: a trace's lists are large and scattered in memory, and reading them
    // again to test each group cost as much as grouping.
    const building = new Map<unknown, { items: T[]; sorted: boolean; last: number }>();
    for (let i = 0; i < list.length; i++) {
      const x = list[i];
      const g = key(x);
      if (g === null || g === undefined) continue;
      const at = (x as { at?: unknown }).at;
      let b = building.get(g);
      if (!b) building.set(g, (b = { items: [], sorted: true, last: -Infinity }));
      if (b.sorted)
        if (typeof at !== 'number') b.sorted = false;
        else {
          if (b.last > at) b.sorted = false;
          b.last = at;
        }
      b.items.push(x);
    }
    for (const [g, b] of building) groups.set(g, { items: b.items, sorted: b.sorted });
    byName.set(name, groups as Map<unknown, Group<unknown>>);
  }
  return (k === null || k === undefined ? undefined : groups.get(k)) ?? { items: [], sorted: true };
}

/** Items of a group with lo ≤ at ≤ hi, in list order (a slice when the group is time-sorted). */
export function atBetween<T extends { at: EpochMs }>(g: Group<T>, lo: number, hi: number): T[] {
  if (g.sorted) return sliceBetween(g.items, lo, hi, atOf);
  return g.items.filter((x) => x.at >= lo && x.at <= hi);
}

const atOf = (x: { at: EpochMs }) => x.at;

/** The last item of a group (in list order) with at ≤ t. */
export function lastAtOrBefore<T extends { at: EpochMs }>(g: Group<T>, t: number): T | undefined {
  if (g.sorted) return g.items[upperBound(g.items, t, atOf) - 1];
  for (let i = g.items.length - 1; i >= 0; i--) if (g.items[i].at <= t) return g.items[i];
  return undefined;
}

/** Spans that may cover a time: the index answers candidates, callers apply their exact test. */
export class SpanIndex<T extends { start: EpochMs; end: EpochMs | null }> {
  /** Every start and end once, ascending. */
  private readonly bounds: ArrayLike<number>;
  /**
   * The spans with start ≤ t < end for t in [bounds[i], bounds[i+1]), ascending: ids[from[i] …
   * from[i+1]). One flat array: a copy of the open list per bound was most of the index's cost.
   */
  private readonly from: Int32Array;
  private readonly ids: Int32Array;
  private readonly spans: readonly T[];

  /** The spans' starts and ends (NaN where open-ended, told by hasEnd), read from the list once. */
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  private readonly hasEnd: Uint8Array;

  constructor(spans: readonly T[]) {
    this.spans = spans;
    const n = spans.length;
    this.starts = new Float64Array(n);
    this.ends = new Float64Array(n);
    this.hasEnd = new Uint8Array(n);
    const raw: number[] = [];
    let nan = false;
    for (let i = 0; i < n; i++) {
      const s = spans[i];
      const start = s.start;
      const end = s.end;
      this.starts[i] = start;
      raw.push(start);
      if (Number.isNaN(start)) nan = true;
      if (end !== null) {
        this.ends[i] = end;
        this.hasEnd[i] = 1;
        raw.push(end);
        if (Number.isNaN(end)) nan = true;
      } else this.ends[i] = NaN;
    }
    const active = new FlatLists();
    if (!nan) {
      this.bounds = distinctAscending(raw);
      this.sweep(active);
    } else {
      // A NaN bound: the Map-and-Set construction, whose order of bounds the comparator sort decides.
      const points = new Set<number>(raw);
      this.bounds = [...points].sort((a, b) => a - b);
      const startsAt = new Map<number, number[]>();
      const endsAt = new Map<number, number[]>();
      spans.forEach((s, i) => {
        (startsAt.get(s.start) ?? startsAt.set(s.start, []).get(s.start)!).push(i);
        if (s.end !== null) (endsAt.get(s.end) ?? endsAt.set(s.end, []).get(s.end)!).push(i);
      });
      const open = new Set<number>();
      for (let k = 0; k < this.bounds.length; k++) {
        const b = this.bounds[k];
        for (const i of startsAt.get(b) ?? []) open.add(i);
        for (const i of endsAt.get(b) ?? []) open.delete(i);
        active.add([...open].sort((x, y) => x - y));
      }
    }
    this.from = active.from;
    this.ids = active.ids;
  }

  /**
   * The same active lists as the Map-and-Set construction, by a sweep: at each bound the spans that
   * start there enter and those that end there leave (a span ending before it starts leaves before it
   * enters, so it stays), the open ones kept as a sorted array. No NaN here.
   */
  private sweep(active: FlatLists): void {
    const { starts, ends, hasEnd } = this;
    const bounds = this.bounds;
    const n = starts.length;
    const nb = bounds.length;
    // The spans that start (end) at each bound, in list order: a counting sort by the bound's rank,
    // the order a stable sort by time gives, without a comparator call per pair.
    const startAt = new Int32Array(nb + 1);
    const endAt = new Int32Array(nb + 1);
    const startRank = new Int32Array(n);
    const endRank = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      startAt[(startRank[i] = lowerBoundNum(bounds, starts[i])) + 1]++;
      if (hasEnd[i] === 1) endAt[(endRank[i] = lowerBoundNum(bounds, ends[i])) + 1]++;
    }
    for (let k = 0; k < nb; k++) {
      startAt[k + 1] += startAt[k];
      endAt[k + 1] += endAt[k];
    }
    const byStart = new Int32Array(n);
    const byEnd = new Int32Array(endAt[nb]);
    const sFill = startAt.slice(0, nb);
    const eFill = endAt.slice(0, nb);
    for (let i = 0; i < n; i++) {
      byStart[sFill[startRank[i]]++] = i;
      if (hasEnd[i] === 1) byEnd[eFill[endRank[i]]++] = i;
    }
    // The open spans, ascending, moved by hand: splice returns an array per call.
    const open: number[] = [];
    for (let k = 0; k < nb; k++) {
      for (let q = startAt[k]; q < startAt[k + 1]; q++) {
        const i = byStart[q];
        let j = open.length;
        open.push(i);
        for (; j > 0 && open[j - 1] > i; j--) open[j] = open[j - 1];
        open[j] = i;
      }
      for (let q = endAt[k]; q < endAt[k + 1]; q++) {
        const at = lowerBoundNum(open, byEnd[q]);
        if (open[at] !== byEnd[q]) continue;
        for (let j = at; j + 1 < open.length; j++) open[j] = open[j + 1];
        open.pop();
      }
      active.add(open);
    }
  }

  /** Spans with start ≤ t and (end null or end ≥ t), in list order. */
  covering(t: number): T[] {
    const i = upperBoundNum(this.bounds, t) - 1;
    if (i < 0) return [];
    const out: T[] = [];
    // Inside a segment (not at a bound): its active spans, already in list order.
    if (this.bounds[i] !== t) {
      for (let k = this.from[i]; k < this.from[i + 1]; k++) out.push(this.spans[this.ids[k]]);
      return out;
    }
    const ids: number[] = [];
    for (let k = this.from[i]; k < this.from[i + 1]; k++) ids.push(this.ids[k]);
    // Spans ending exactly at t belong to the segment before t.
    if (i >= 1)
      for (let k = this.from[i - 1]; k < this.from[i]; k++)
        if (this.hasEnd[this.ids[k]] === 1 && this.ends[this.ids[k]] === t) ids.push(this.ids[k]);
    // Empty spans (start = end = t) are open in no segment.
    for (const j of this.emptyAt(t)) ids.push(j);
    ids.sort((x, y) => x - y);
    for (let k = 0; k < ids.length; k++) if (k === 0 || ids[k] !== ids[k - 1]) out.push(this.spans[ids[k]]);
    return out;
  }

  private empties: Map<number, number[]> | null = null;
  private emptyAt(t: number): number[] {
    if (!this.empties) {
      this.empties = new Map();
      this.spans.forEach((s, j) => {
        if (s.end === s.start) (this.empties!.get(s.start) ?? this.empties!.set(s.start, []).get(s.start)!).push(j);
      });
    }
    return this.empties.get(t) ?? [];
  }
}

/**
 * Lists of ids appended one after another: list i is ids[from[i] … from[i+1]). Grown as typed arrays,
 * off the heap: pushing a few hundred thousand ids into arrays cost more in copying and collection.
 */
class FlatLists {
  private starts = new Int32Array(1024);
  private items = new Int32Array(4096);
  private lists = 0;
  private size = 0;
  add(list: readonly number[]): void {
    if (this.size + list.length > this.items.length) this.items = grown(this.items, this.size + list.length);
    for (let k = 0; k < list.length; k++) this.items[this.size++] = list[k];
    if (this.lists + 2 > this.starts.length) this.starts = grown(this.starts, this.lists + 2);
    this.starts[++this.lists] = this.size;
  }
  /** from[i] for i in 0 … lists (from[0] = 0). */
  get from(): Int32Array {
    return this.starts.slice(0, this.lists + 1);
  }
  get ids(): Int32Array {
    return this.items.slice(0, this.size);
  }
}

function grown(a: Int32Array, need: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}

/** The values of `xs` (no NaN among them) once each, ascending; −0 reads as 0, as a Set keeps it. */
function distinctAscending(xs: readonly number[]): Float64Array {
  const a = Float64Array.from(xs).sort();
  let n = 0;
  for (let i = 0; i < a.length; i++) if (n === 0 || a[i] !== a[n - 1]) a[n++] = a[i] + 0;
  return a.subarray(0, n);
}

/** First index with xs[i] > t (xs ascending). */
function upperBoundNum(xs: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with xs[i] ≥ t (xs ascending). */
function lowerBoundNum(xs: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const spanCache = new WeakMap<object, SpanIndex<never>>();

export function spansOf<T extends { start: EpochMs; end: EpochMs | null }>(list: readonly T[]): SpanIndex<T> {
  let ix = spanCache.get(list) as SpanIndex<T> | undefined;
  if (!ix) {
    ix = new SpanIndex(list);
    spanCache.set(list, ix as unknown as SpanIndex<never>);
  }
  return ix;
}

/** The master/replica lane of `node` that started last before `t` (down and fail lanes skipped). */
export function roleBefore(roles: readonly RoleSpan[], node: NodeId, t: EpochMs): RoleSpan | null {
  const lanes = groupOf(roles, 'master/replica lanes by node', (r) => (r.role === 'master' || r.role === 'replica' ? r.node : null), node);
  return lastStartedBefore(lanes.items, t);
}

const startSorted = new WeakMap<object, boolean>();

/** The last span (in list order) that started before `t`. */
export function lastStartedBefore<T extends { start: EpochMs }>(spans: readonly T[], t: EpochMs): T | null {
  let sorted = startSorted.get(spans);
  if (sorted === undefined) {
    sorted = isSortedBy(spans, (s) => s.start);
    startSorted.set(spans, sorted);
  }
  if (sorted) return spans[lowerBound(spans, t, (s) => s.start) - 1] ?? null;
  return spans.filter((s) => s.start < t).pop() ?? null;
}

interface EpisodeSearch {
  /** min of startBounds[0] over [i, n). */
  minLoFrom: number[];
  /** max of end (open = Infinity) over [0, i]. */
  maxEndTo: number[];
}
const episodeSearch = new WeakMap<object, EpisodeSearch>();

/**
 * The last item (in list order) with startBounds[0] ≤ t and (end null or end ≥ t − 1): the episode a
 * failover at t answered. Searches from the last item that can start by t and stops once no earlier
 * item can still be open at t, so a long history of earlier episodes is not rescanned per failover.
 */
export function lastEpisodeAt<T extends { startBounds: [EpochMs, EpochMs]; end: EpochMs | null }>(
  items: readonly T[],
  t: EpochMs,
): T | null {
  let x = episodeSearch.get(items);
  if (!x) {
    const n = items.length;
    const minLoFrom = new Array<number>(n);
    for (let i = n - 1; i >= 0; i--) minLoFrom[i] = Math.min(items[i].startBounds[0], i + 1 < n ? minLoFrom[i + 1] : Infinity);
    const maxEndTo = new Array<number>(n);
    for (let i = 0; i < n; i++) maxEndTo[i] = Math.max(items[i].end ?? Infinity, i > 0 ? maxEndTo[i - 1] : -Infinity);
    x = { minLoFrom, maxEndTo };
    episodeSearch.set(items, x);
  }
  // Last i with minLoFrom[i] ≤ t (minLoFrom ascends): no later item starts by t.
  let i = upperBound(x.minLoFrom, t, (v) => v) - 1;
  for (; i >= 0 && x.maxEndTo[i] >= t - 1; i--) {
    const e = items[i];
    if (e.startBounds[0] <= t && (e.end === null || e.end >= t - 1)) return e;
  }
  return null;
}

const byDelayed = new WeakMap<object, Map<NodeId, Array<{ at: number; i: number }>>>();

/**
 * Election attempts on `master` whose delayedAt is within [lo, hi], in list order; the list is
 * indexed once per master by delayedAt.
 */
export function attemptsDelayedBetween<T extends { master: NodeId | null; delayedAt: EpochMs | null }>(
  list: readonly T[],
  master: NodeId | null,
  lo: number,
  hi: number,
): T[] {
  if (master === null) return [];
  let m = byDelayed.get(list);
  if (!m) {
    m = new Map();
    list.forEach((a, i) => {
      if (a.master === null || a.delayedAt === null) return;
      const l = m!.get(a.master);
      if (l) l.push({ at: a.delayedAt, i });
      else m!.set(a.master, [{ at: a.delayedAt, i }]);
    });
    for (const l of m.values()) l.sort((x, y) => x.at - y.at || x.i - y.i);
    byDelayed.set(list, m);
  }
  const l = m.get(master) ?? [];
  return sliceBetween(l, lo, hi, (x) => x.at)
    .map((x) => x.i)
    .sort((a, b) => a - b)
    .map((i) => list[i]);
}

/**
 * "Is there an item with lo ≤ a and hi ≥ b (hi > b when strict)?" asked of one list many times (an
 * episode or a failover of a node overlapping a window): the items sorted by lo with a running
 * maximum of hi, so each question is one binary search. Items whose lo is NaN never answer (as
 * `lo <= a` is false for them), nor does a NaN hi.
 */
export class Overlaps {
  private readonly los: number[] = [];
  private readonly maxHi: number[] = [];
  constructor(pairs: Array<[number, number]>) {
    const xs = pairs.filter(([lo]) => !Number.isNaN(lo)).sort((p, q) => (p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : 0));
    let m = -Infinity;
    for (const [lo, hi] of xs) {
      if (hi > m) m = hi;
      this.los.push(lo);
      this.maxHi.push(m);
    }
  }
  any(a: number, b: number, strict = false): boolean {
    const k = upperBound(this.los, a, (x) => x);
    if (k === 0) return false;
    return strict ? this.maxHi[k - 1] > b : this.maxHi[k - 1] >= b;
  }
}

const overlapCache = new WeakMap<object, Map<string, Overlaps>>();

/** An Overlaps over `items` (a cached group: groupOf's items), built once per list and name. */
export function overlapsOf<T>(items: readonly T[], name: string, pair: (x: T) => [number, number] | null): Overlaps {
  let byName = overlapCache.get(items);
  if (!byName) overlapCache.set(items, (byName = new Map()));
  let o = byName.get(name);
  if (!o) {
    const pairs: Array<[number, number]> = [];
    for (const x of items) {
      const p = pair(x);
      if (p) pairs.push(p);
    }
    byName.set(name, (o = new Overlaps(pairs)));
  }
  return o;
}

/** The first span (in list order) with start ≥ t that passes `ok`: from a binary search when the starts ascend. */
export function firstStartedFrom<T extends { start: EpochMs }>(spans: readonly T[], t: EpochMs, ok: (x: T) => boolean): T | undefined {
  let asc = startsAscending.get(spans);
  if (asc === undefined) {
    asc = spans.every((s, i) => !Number.isNaN(s.start) && (i === 0 || s.start >= spans[i - 1].start));
    startsAscending.set(spans, asc);
  }
  for (let i = asc ? lowerBound(spans, t, (s) => s.start) : 0; i < spans.length; i++)
    if (spans[i].start >= t && ok(spans[i])) return spans[i];
  return undefined;
}
const startsAscending = new WeakMap<object, boolean>();
