import type { EventKind, TimelineEvent } from '../model/events.ts';
import type { NodeId } from '../model/ids.ts';
import { isServerLogKind } from './bind.ts';

/**
 * The positions of a list's events by kind, built in one pass. The resolve passes each read a few
 * kinds (FAIL lines, elections, replication connects) of a cluster's hundreds of thousands of
 * events: through this they read only those, in list order, instead of scanning every event again.
 */
const NONE = new Int32Array(0);

export class KindIndex {
  private readonly byKind: ReadonlyMap<string, Int32Array>;
  private readonly list: readonly TimelineEvent[];
  private writerOrder: NodeId[] | null;

  private constructor(byKind: ReadonlyMap<string, Int32Array>, list: readonly TimelineEvent[], writers: NodeId[] | null) {
    this.byKind = byKind;
    this.list = list;
    this.writerOrder = writers;
  }

  /**
   * The index of `events`, and the writers of their own-log lines (see writers). The positions are
   * counted first and then laid in typed arrays of their exact size: pushed into growing lists, the
   * index of the flapping bench log's 270k events was 6 MB of lists and their outgrown copies, all
   * outliving the young generation.
   */
  static of(events: readonly TimelineEvent[]): KindIndex {
    const ids = new Map<string, number>();
    const counts: number[] = [];
    const kindOf = new Uint16Array(events.length);
    const writers = new Set<NodeId>();
    let lastKind: string | null = null;
    let lastId = 0;
    let lastWriter: NodeId | null = null;
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      const k = e.kind;
      if (k !== lastKind) {
        lastKind = k;
        let id = ids.get(k);
        if (id === undefined) {
          id = counts.length;
          ids.set(k, id);
          counts.push(0);
        }
        lastId = id;
      }
      kindOf[i] = lastId;
      counts[lastId]++;
      const n = e.node;
      if (n && n !== lastWriter && isServerLogKind(k)) {
        lastWriter = n;
        writers.add(n);
      }
    }
    const lists = counts.map((c) => new Int32Array(c));
    const filled = new Int32Array(counts.length);
    for (let i = 0; i < kindOf.length; i++) {
      const id = kindOf[i];
      lists[id][filled[id]++] = i;
    }
    // Kinds in the order of their first event (what kinds() lists).
    const byKind = new Map<string, Int32Array>();
    for (const [k, id] of ids) byKind.set(k, lists[id]);
    return new KindIndex(byKind, events, [...writers]);
  }

  /**
   * The same positions over another list whose events have the same kinds at the same places (the
   * list attributeEvents returns: some events copied with another node, none moved).
   */
  over(events: readonly TimelineEvent[]): KindIndex {
    return events === this.list ? this : new KindIndex(this.byKind, events, null);
  }

  /** Ascending positions of the events of any of `kinds`. */
  positions(kinds: readonly string[]): Int32Array {
    if (kinds.length === 1) return this.byKind.get(kinds[0]) ?? NONE;
    const lists = kinds.map((k) => this.byKind.get(k)).filter((l): l is Int32Array => l !== undefined && l.length > 0);
    if (lists.length === 0) return NONE;
    if (lists.length === 1) return lists[0];
    // A merge of the sorted lists (a handful): the list with the smallest head goes next.
    const heads = lists.map(() => 0);
    const out = new Int32Array(lists.reduce((n, l) => n + l.length, 0));
    for (let o = 0; ; o++) {
      let best = -1;
      for (let j = 0; j < lists.length; j++)
        if (heads[j] < lists[j].length && (best < 0 || lists[j][heads[j]] < lists[best][heads[best]])) best = j;
      if (best < 0) return out;
      out[o] = lists[best][heads[best]++];
    }
  }

  /** The events of any of `kinds`, in list order. */
  eventsOf(...kinds: EventKind[]): TimelineEvent[] {
    const ps = this.positions(kinds);
    const out = new Array<TimelineEvent>(ps.length);
    for (let i = 0; i < ps.length; i++) out[i] = this.list[ps[i]];
    return out;
  }

  /** The kinds present that `test` accepts (e.g. every `election.*` kind). */
  kinds(test: (kind: string) => boolean): EventKind[] {
    return [...this.byKind.keys()].filter(test) as EventKind[];
  }

  /**
   * The nodes that wrote the list's own-log lines, in the order of their first line (what a
   * grouping of those lines by node iterates in).
   */
  writers(): readonly NodeId[] {
    if (this.writerOrder) return this.writerOrder;
    const seen = new Set<NodeId>();
    let last: NodeId | null = null;
    for (const e of this.list) {
      const n = e.node;
      // Consecutive lines are mostly one node's: the kind is looked at only when the node changes.
      if (!n || n === last || !isServerLogKind(e.kind)) continue;
      last = n;
      seen.add(n);
    }
    return (this.writerOrder = [...seen]);
  }
}
