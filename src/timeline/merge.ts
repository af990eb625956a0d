import type { TimelineEvent } from '../model/events.ts';

/** Sort key of a time: NaN (unknown) after every known time. */
function key(at: number): number {
  return Number.isNaN(at) ? Infinity : at;
}

/**
 * One source's events in merge order: by time, then position (the order the parser read them: line
 * order for a log, oldest first for an export printed newest first, whose line numbers then run
 * backwards). Logs are nearly always in time order already; then this is just the identity (checked
 * in one pass, nothing sorted).
 */
function sourceOrder(events: readonly TimelineEvent[]): Uint32Array | null {
  let sorted = true;
  for (let i = 1; i < events.length; i++) {
    const a = events[i - 1];
    const b = events[i];
    const ka = key(a.at);
    const kb = key(b.at);
    if (kb < ka) {
      sorted = false;
      break;
    }
  }
  if (sorted) return null;
  const order = new Uint32Array(events.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const keys = new Float64Array(events.length);
  for (let i = 0; i < keys.length; i++) keys[i] = key(events[i].at);
  order.sort((x, y) => keys[x] - keys[y] || x - y);
  return order;
}

/** Where each merged event comes from: source index and index within that source. */
export interface MergeOrder {
  source: Uint32Array;
  index: Uint32Array;
}

/**
 * The merge order of per-source event lists (see mergeEvents), as two parallel index arrays: a
 * k-way merge with a binary heap over the sources, each already in time order, so no object is
 * made per event.
 */
export function mergeOrder(perSource: ReadonlyArray<readonly TimelineEvent[]>): MergeOrder {
  const k = perSource.length;
  let total = 0;
  for (const evs of perSource) total += evs.length;
  const outSource = new Uint32Array(total);
  const outIndex = new Uint32Array(total);
  const orders = perSource.map(sourceOrder);
  const pos = new Uint32Array(k);
  const at = (s: number, p: number): TimelineEvent => {
    const o = orders[s];
    return perSource[s][o === null ? p : o[p]];
  };
  // Heap of source indexes ordered by (time of the source's next event, source index).
  const heap: number[] = [];
  const heapKey = new Float64Array(k);
  const less = (a: number, b: number): boolean => heapKey[a] < heapKey[b] || (heapKey[a] === heapKey[b] && a < b);
  const down = (i: number): void => {
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const m = r < n && less(heap[r], heap[l]) ? r : l;
      if (!less(heap[m], heap[i])) return;
      const t = heap[m];
      heap[m] = heap[i];
      heap[i] = t;
      i = m;
    }
  };
  for (let s = 0; s < k; s++)
    if (perSource[s].length > 0) {
      heapKey[s] = key(at(s, 0).at);
      heap.push(s);
    }
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  let o = 0;
  while (heap.length > 0) {
    const s = heap[0];
    const evs = perSource[s];
    const ord = orders[s];
    // Take this source's run while it stays ahead of the runner-up (usually many events at once).
    let next = -1;
    if (heap.length > 1) {
      next = heap[1];
      if (heap.length > 2 && less(heap[2], next)) next = heap[2];
    }
    const limit = next < 0 ? Infinity : heapKey[next];
    let p = pos[s];
    for (;;) {
      outSource[o] = s;
      outIndex[o] = ord === null ? p : ord[p];
      o++;
      p++;
      if (p >= evs.length) break;
      const t = key(at(s, p).at);
      // Equal times: the lower source index goes first.
      if (next >= 0 && (t > limit || (t === limit && next < s))) {
        heapKey[s] = t;
        break;
      }
    }
    pos[s] = p;
    if (p >= evs.length) {
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        down(0);
      }
    } else down(0);
  }
  return { source: outSource, index: outIndex };
}

/**
 * Merge per-source event lists into one time-ordered list. Ties keep input order: first by the
 * order sources were given, then by line, so lines with equal timestamps keep file order.
 * Events whose time could not be established (NaN) sort last, in input order.
 */
export function mergeEvents(perSource: ReadonlyArray<readonly TimelineEvent[]>): TimelineEvent[] {
  const m = mergeOrder(perSource);
  const out = new Array<TimelineEvent>(m.source.length);
  for (let i = 0; i < out.length; i++) out[i] = perSource[m.source[i]][m.index[i]];
  return out;
}
