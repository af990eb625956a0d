import { writerId, type NodeId } from '../model/ids.ts';
import type { TimelineEvent } from '../model/events.ts';
import type { ParsedSource } from '../model/parsed.ts';

/** Event kinds that come from a node's own server log (and so are bound to that node). */
export function isServerLogKind(kind: string): boolean {
  return !kind.startsWith('snapshot.') && !kind.startsWith('client.');
}

/**
 * Bind each server-log event of a source to the node that wrote it, setting `node` on events bound
 * to none (buildTimeline owns the events: no copy per event of logs with millions of lines).
 *
 * A source (or one stream of it: a kubectl pod prefix, a journald unit) is cut into segments at
 * every PID change. A segment takes the id of its own `I'm <id>` line; a segment without one is the
 * same node restarted (a PID change is a restart), so it inherits its neighbour's id; a stream where
 * no segment names one is bound to its writer id (model/ids.ts writerId). A second,
 * different `I'm <id>` inside a segment switches the binding from that line on: a file holding two
 * node ids is two sources.
 */
export function bindNodeIdsInPlace(parsed: ParsedSource): void {
  const evs = parsed.events;
  const byStream = new Map<string, number[]>();
  let lastKey: string | null = null;
  let list: number[] = [];
  for (let i = 0; i < evs.length; i++) {
    const e = evs[i];
    if (!isServerLogKind(e.kind)) continue;
    const key = e.stream ?? '';
    if (key !== lastKey) {
      lastKey = key;
      let l = byStream.get(key);
      if (!l) byStream.set(key, (l = []));
      list = l;
    }
    list.push(i);
  }
  for (const [key, indexes] of byStream) bindStream(evs, indexes, writerId(parsed.source, key === '' ? undefined : key));
}

function identityOf(e: TimelineEvent): NodeId | undefined {
  return e.kind === 'node.identity' && e.fields.subject ? e.fields.subject : undefined;
}

/** One stream's events (`idx`, in order): segments by pid, each bound to its own or a neighbour's id. */
function bindStream(evs: TimelineEvent[], idx: readonly number[], writer: NodeId): void {
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
  // A pid is one process, so one node: a segment of a pid whose identity another segment holds is that
  // node's (lines of several nodes interleaved in one file without labels: a raw export of every pod).
  const pidIds = new Map<number, NodeId>();
  for (let s = 0; s < segs; s++) {
    const pid = segPid(evs, idx, starts[s], end(s));
    if (segIds[s] !== null && pid !== undefined && !pidIds.has(pid)) pidIds.set(pid, segIds[s]!);
  }
  if (pidIds.size > 0)
    for (let s = 0; s < segs; s++) {
      if (segIds[s] !== null) continue;
      const pid = segPid(evs, idx, starts[s], end(s));
      if (pid !== undefined && pidIds.has(pid)) segIds[s] = pidIds.get(pid)!;
    }
  // Inherit forward, then backward for leading segments.
  for (let s = 1; s < segs; s++) if (segIds[s] === null) segIds[s] = segIds[s - 1];
  for (let s = segs - 2; s >= 0; s--) if (segIds[s] === null) segIds[s] = segIds[s + 1];
  // No segment names its node: the stream is one writer, a node of the analysis all the same.
  for (let s = 0; s < segs; s++) if (segIds[s] === null) segIds[s] = writer;
  for (let s = 0; s < segs; s++) {
    let current = segIds[s];
    let switched = false;
    for (let k = starts[s], e = end(s); k < e; k++) {
      const e = evs[idx[k]];
      const sub = identityOf(e);
      if (sub !== undefined && (switched || sub !== segIds[s])) {
        current = sub;
        switched = true;
      }
      if (e.node === null) e.node = current;
    }
  }
}

/** The pid of a segment (its first event that has one). */
function segPid(evs: TimelineEvent[], idx: readonly number[], from: number, to: number): number | undefined {
  for (let k = from; k < to; k++) {
    const pid = evs[idx[k]].pid;
    if (pid !== undefined) return pid;
  }
  return undefined;
}
