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
  for (const [key, indexes] of byStream) {
    const stream = key === '' ? undefined : key;
    bindStream(evs, indexes, (pid) =>
      writerId(parsed.source, pid === undefined ? stream : stream === undefined ? `pid ${pid}` : `${stream}, pid ${pid}`),
    );
  }
}

function identityOf(e: TimelineEvent): NodeId | undefined {
  return e.kind === 'node.identity' && e.fields.subject ? e.fields.subject : undefined;
}

/**
 * One stream's events (`idx`, in order): segments by pid, each bound to its own or a neighbour's id.
 * `writer(pid)`: the writer id of a stream no segment names; with a pid, of that process alone.
 */
function bindStream(evs: TimelineEvent[], idx: readonly number[], writer: (pid?: number) => NodeId): void {
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
  // A pid that comes back after another pid's lines is a process still running while another wrote:
  // the stream holds several nodes' lines interleaved without labels (logcli --output=raw, Grafana's
  // text download of every pod), and its pid changes are not restarts. Each process is then its own
  // writer, never its neighbour (a restart never gets an earlier pid back; a container's pid 1 is one
  // pid throughout, so such lines stay one writer: nothing in them tells the nodes apart).
  // (the pass over every line that finds the server processes is made only where pids come back)
  const procs = pidsInterleave(evs, idx, starts, null) ? processesOf(evs, idx) : null;
  if (procs !== null && pidsInterleave(evs, idx, starts, procs)) {
    linkRestarts(procs);
    for (let s = 0; s < segs; s++) {
      if (segIds[s] !== null) continue;
      const p = procs.get(segPid(evs, idx, starts[s], end(s)) ?? -1);
      if (p === undefined) continue;
      const first = p.restartOf ?? p.pid;
      segIds[s] = pidIds.get(first) ?? writer(first);
    }
  }
  // Inherit forward, then backward for leading segments.
  for (let s = 1; s < segs; s++) if (segIds[s] === null) segIds[s] = segIds[s - 1];
  for (let s = segs - 2; s >= 0; s--) if (segIds[s] === null) segIds[s] = segIds[s + 1];
  // No segment names its node: the stream is one writer, a node of the analysis all the same.
  for (let s = 0; s < segs; s++) if (segIds[s] === null) segIds[s] = writer();
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

/** Whether some process's lines come back after another's that came after its own (A … B … A); with `procs`, only server processes count (not a fork). */
function pidsInterleave(
  evs: TimelineEvent[],
  idx: readonly number[],
  starts: readonly number[],
  procs: ReadonlyMap<number, Process> | null,
): boolean {
  const ended = new Set<number>();
  let current: number | undefined;
  for (let s = 0; s < starts.length; s++) {
    const pid = segPid(evs, idx, starts[s], s + 1 < starts.length ? starts[s + 1] : idx.length);
    if (pid === undefined || pid === current || (procs !== null && !procs.has(pid))) continue;
    if (ended.has(pid)) return true;
    if (current !== undefined) ended.add(current);
    current = pid;
  }
  return false;
}

interface Process {
  pid: number;
  firstAt: number;
  lastAt: number;
  /** Its first line is a start-up line. */
  startsUp: boolean;
  /** The port it listens on, from its start-up lines ("Running mode=cluster, port=7000."). */
  port?: number;
  /** The earlier process this one restarted, when the lines allow just one. */
  restartOf?: number;
}

/**
 * The server processes of a stream, by pid: pids with a line of their own role (M or S). A fork's
 * lines (role C: saving the RDB) have a pid of their own and never another role; a server's first
 * lines are role C too, with its own pid (redis server.c serverLogRaw: C while the pid is not yet
 * the server's), so they count for the process whose pid they carry.
 */
function processesOf(evs: TimelineEvent[], idx: readonly number[]): Map<number, Process> {
  const all = new Map<number, Process & { own: boolean; ready: boolean; exited: boolean }>();
  for (const k of idx) {
    const e = evs[k];
    if (e.pid === undefined) continue;
    let p = all.get(e.pid);
    if (p === undefined) {
      p = { pid: e.pid, firstAt: e.at, lastAt: e.at, startsUp: e.kind === 'server.start', own: false, ready: false, exited: false };
      all.set(e.pid, p);
    } else if (e.at > p.lastAt) p.lastAt = e.at;
    if (e.role !== 'C') p.own = true;
    if (e.kind === 'server.ready') p.ready = true;
    else if (e.kind === 'server.exit') p.exited = true;
    else if ((e.kind === 'server.mode' || e.kind === 'server.logo') && e.fields.port !== undefined) p.port ??= e.fields.port;
  }
  // A start that exits before it is ready (its port taken: "Failed listening on port 7911 (TCP),
  // aborting.", redis 7.0.15 server.c:2525 initServer) is a second start of a node already running, no
  // server of its own: it is bound like a fork, to the node its neighbours are.
  const procs = new Map<number, Process>();
  for (const [pid, p] of all) if (p.own && !(p.startsUp && p.exited && !p.ready)) procs.set(pid, p);
  return procs;
}

/**
 * A process that begins with a start-up line after exactly one other process had written its last
 * line (and no other restart claimed it) is that node restarted (a killed master's new process
 * rejoining); with two or more ended, the one on the same port, if just one; else the lines do not
 * tell which came back, and it stays a writer of its own. One sweep in start order, the ended
 * processes added in end order.
 */
function linkRestarts(procs: ReadonlyMap<number, Process>): void {
  const byStart = [...procs.values()].sort((a, b) => a.firstAt - b.firstAt || a.pid - b.pid);
  const byEnd = [...byStart].sort((a, b) => a.lastAt - b.lastAt || a.pid - b.pid);
  const ended = new Set<Process>();
  let j = 0;
  for (const p of byStart) {
    while (j < byEnd.length && byEnd[j].lastAt < p.firstAt) ended.add(byEnd[j++]);
    if (!p.startsUp || ended.size === 0) continue;
    // Several ended: the one that listened on the port this one listens on, when just one did (an
    // unlabelled export of pods that all listen on 6379 does not tell).
    const same = ended.size === 1 ? [...ended] : p.port === undefined ? [] : [...ended].filter((o) => o.port === p.port);
    if (same.length !== 1) continue;
    const [old] = same;
    p.restartOf = old.restartOf ?? old.pid;
    ended.delete(old);
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
