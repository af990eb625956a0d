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
 * sets these on the events it owns instead of copying every event.
 */
export function bindNodeIds(parsed: ParsedSource): Array<NodeId | null> {
  const byStream = new Map<string, number[]>();
  parsed.events.forEach((e, i) => {
    if (!isServerLogEvent(e)) return;
    const key = e.stream ?? '';
    let list = byStream.get(key);
    if (!list) byStream.set(key, (list = []));
    list.push(i);
  });
  const ids: Array<NodeId | null> = parsed.events.map((e) => e.node);
  for (const indexes of byStream.values()) {
    // Segments by pid (events with no pid join the current segment).
    const segments: number[][] = [];
    let lastPid: number | undefined;
    for (const i of indexes) {
      const pid = parsed.events[i].pid;
      if (segments.length === 0 || (pid !== undefined && lastPid !== undefined && pid !== lastPid)) segments.push([]);
      if (pid !== undefined) lastPid = pid;
      segments[segments.length - 1].push(i);
    }
    const segIds: Array<NodeId | null> = segments.map((seg) => {
      const first = seg.find((i) => parsed.events[i].kind === 'node.identity' && parsed.events[i].fields.subject);
      return first === undefined ? null : (parsed.events[first].fields.subject ?? null);
    });
    // Inherit forward, then backward for leading segments.
    for (let s = 1; s < segIds.length; s++) if (segIds[s] === null) segIds[s] = segIds[s - 1];
    for (let s = segIds.length - 2; s >= 0; s--) if (segIds[s] === null) segIds[s] = segIds[s + 1];
    segments.forEach((seg, s) => {
      let current = segIds[s];
      let switched = false;
      for (const i of seg) {
        const e = parsed.events[i];
        if (e.kind === 'node.identity' && e.fields.subject) {
          if (switched || e.fields.subject !== segIds[s]) {
            current = e.fields.subject;
            switched = true;
          }
        }
        if (ids[i] === null) ids[i] = current;
      }
    });
  }
  return ids;
}
