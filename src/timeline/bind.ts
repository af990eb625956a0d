import type { NodeId } from '../model/ids.ts';
import type { TimelineEvent } from '../model/events.ts';
import type { ParsedSource } from '../model/parsed.ts';

/** Event kinds that come from a node's own server log (and so are bound to that node). */
function isServerLogEvent(e: TimelineEvent): boolean {
  return !e.kind.startsWith('snapshot.') && !e.kind.startsWith('client.');
}

/**
 * Bind each server-log event of a source to the node that wrote it.
 *
 * A source (or one stream of it: a kubectl pod prefix, a journald unit) is cut into segments at
 * every PID change. A segment takes the id of its own `I'm <id>` line; a segment without one is the
 * same node restarted (a PID change is a restart), so it inherits its neighbour's id. A second,
 * different `I'm <id>` inside a segment switches the binding from that line on: a file holding two
 * node ids is two sources.
 *
 * Returns new event objects; the input is not modified.
 */
export function bindIdentities(parsed: ParsedSource): TimelineEvent[] {
  const ids = bindNodeIds(parsed);
  return parsed.events.map((e, i) => (ids[i] === e.node ? e : { ...e, node: ids[i] }));
}

/**
 * The node id each event of `parsed` is bound to (see bindIdentities), index by index. buildTimeline
 * sets these on the events it owns instead of copying every event. Plain loops over index lists: it
 * runs once per event of logs with millions of lines.
 */
export function bindNodeIds(parsed: ParsedSource): Array<NodeId | null> {
  const evs = parsed.events;
  const n = evs.length;
  const ids = new Array<NodeId | null>(n);
  for (let i = 0; i < n; i++) ids[i] = evs[i].node;
  bindEvents(evs, ids);
  return ids;
}

/**
 * bindNodeIds writing straight into the events (`node` of events bound to none), for buildTimeline,
 * which owns them: one pass over millions of events fewer.
 */
export function bindNodeIdsInPlace(parsed: ParsedSource): void {
  bindEvents(parsed.events, null);
}

/** Bind into `ids` (index by index), or into the events themselves when `ids` is null. */
function bindEvents(evs: TimelineEvent[], ids: Array<NodeId | null> | null): void {
  const n = evs.length;
  const byStream = new Map<string, number[]>();
  let lastKey: string | null = null;
  let list: number[] = [];
  for (let i = 0; i < n; i++) {
    const e = evs[i];
    if (!isServerLogEvent(e)) continue;
    const key = e.stream ?? '';
    if (key !== lastKey) {
      lastKey = key;
      let l = byStream.get(key);
      if (!l) byStream.set(key, (l = []));
      list = l;
    }
    list.push(i);
  }
  for (const indexes of byStream.values()) bindStream(evs, indexes, ids);
}

function identityOf(e: TimelineEvent): NodeId | undefined {
  return e.kind === 'node.identity' && e.fields.subject ? e.fields.subject : undefined;
}

/** One stream's events (`idx`, in order): segments by pid, each bound to its own or a neighbour's id. */
function bindStream(evs: TimelineEvent[], idx: readonly number[], ids: Array<NodeId | null> | null): void {
  // Segment k covers idx[starts[k] .. starts[k+1]); events with no pid join the current segment.
  const starts: number[] = [0];
  let lastPid: number | undefined;
  for (let k = 0; k < idx.length; k++) {
    const pid = evs[idx[k]].pid;
    if (k > 0 && pid !== undefined && lastPid !== undefined && pid !== lastPid) starts.push(k);
    if (pid !== undefined) lastPid = pid;
  }
  const segs = starts.length;
  const end = (s: number): number => (s + 1 < segs ? starts[s + 1] : idx.length);
  const segIds = new Array<NodeId | null>(segs);
  for (let s = 0; s < segs; s++) {
    let id: NodeId | null = null;
    for (let k = starts[s], e = end(s); k < e; k++) {
      const sub = identityOf(evs[idx[k]]);
      if (sub !== undefined) {
        id = sub;
        break;
      }
    }
    segIds[s] = id;
  }
  // Inherit forward, then backward for leading segments.
  for (let s = 1; s < segs; s++) if (segIds[s] === null) segIds[s] = segIds[s - 1];
  for (let s = segs - 2; s >= 0; s--) if (segIds[s] === null) segIds[s] = segIds[s + 1];
  for (let s = 0; s < segs; s++) {
    let current = segIds[s];
    let switched = false;
    for (let k = starts[s], e = end(s); k < e; k++) {
      const i = idx[k];
      const e = evs[i];
      const sub = identityOf(e);
      if (sub !== undefined && (switched || sub !== segIds[s])) {
        current = sub;
        switched = true;
      }
      if (ids === null) {
        if (e.node === null) e.node = current;
      } else if (ids[i] === null) ids[i] = current;
    }
  }
}
