// Expected answers of the evidence-ablation test (issue #12, "Done when", first bullet), derived from each
// recorded incident's truth.json, its recorded snapshots and its raw logs — never from the code under test.
//
//   npm run ablation:expect      # rewrites fixtures/**/ablation.expected.json (tsc, then this script)
//
// For every incident directory holding a truth.json (fixtures/incidents/*/, fixtures/versions/*/*/) it
// writes ablation.expected.json beside it: the subsets of evidence (a) all logs, no snapshots; (b)
// snapshots, no logs; (c) each node's log alone; (d) each node's log alone, identity lines removed, cut to
// ±30 s around the fault; (e) the survivors' logs — and for each subset what the analysis must say:
// failovers (old → new, kind, slots), block reasons, the cluster-wide outage and the per-range
// unavailability, with "unknown" for every value that subset's lines cannot name, and `tell: "maybe"` for
// whatever the subset shows nothing of (the analysis may leave it out, but must not get it wrong).
//
// The script reads text with its own small regexes (below, each with the Redis/Valkey message it matches)
// and imports nothing from src/ or grammars/. Which node wrote a log comes from the recorder's file name
// (node-<port>.log) and truth.json's port → id map: the test knows the writer even when the log does not
// say it. Every rule that decides "can tell" is commented with its reason.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CUT_WINDOW_MS,
  IDENTITY_LINE,
  LOG_FILE,
  SNAPSHOT_FILE,
  listIncidents,
  stampOf,
  subsetFiles,
  type SubsetSpec,
} from '../test/ablation/subsets.ts';

export const UNKNOWN = 'unknown';
export type Tell = 'yes' | 'maybe';

// ---------------------------------------------------------------------------------------------------
// truth.json, as the recorder writes it (fixtures/record/recorder.ts). Only the fields read here.
export interface TruthNode {
  port: number;
  id: string;
  role: 'master' | 'replica';
  masterId: string | null;
  slots: string;
}
export interface Truth {
  scenario: string;
  nodeTimeoutMs: number;
  nodes: TruthNode[];
  finalNodes: TruthNode[];
  actions: Array<{ at: string; action: string; args?: string[]; target: { port: number; id: string } }>;
  processes: Array<{ port: number; pid: number; startedAt: string; exitedAt: string | null; exitSignal: string | null }>;
  probe: {
    intervalMs: number;
    timeoutMs: number;
    startedAt: string;
    stoppedAt: string;
    ranges: Array<{ slots: string; ownerAtStart: { port: number; id: string }; failures: Array<{ start: string; end: string | null }> }>;
  };
  clusterDown: Array<{ start: string; end: string | null }>;
}

// ---------------------------------------------------------------------------------------------------
// The expectations file (ablation.expected.json).
export interface ExpectedFailover {
  tell: Tell;
  old: string;
  new: string;
  kind: string;
  slots: string;
  /** The true values, for matching and for messages. */
  truth: { old: string; new: string; kind: string; slots: string };
  because: string[];
}
export interface ExpectedBlock {
  /** yes: the subset shows the master went away and nobody replaced it, so a block must be reported. */
  tell: Tell;
  /** failover.blocked.<reason> or failover.expired; `unknown` when truth cannot name the reason. */
  rule: string;
  /** The subset can tell the reason; if not, failover.blocked.unknown is a right answer too. */
  ruleTold: boolean;
  master: string;
  truth: { master: string; slots: string };
  because: string[];
}
export interface ExpectedClusterOutage {
  tell: Tell;
  /** checked: start and end within 300 ms of the probe's; bracket: inside the snapshots' bracket ±300 ms; overlap: only overlap the probe's window. */
  timing: 'checked' | 'bracket' | 'overlap';
  start: string;
  end: string | null;
  startBetween?: [string, string];
  endBetween?: [string, string];
  /** The recorder's truth.clusterDown window it stands for (any range got CLUSTERDOWN), for reference. */
  clusterDown: { start: string; end: string | null };
  because: string[];
}
export interface ExpectedRangeOutage {
  tell: Tell;
  /** checked: duration (and for blocked ranges the end) within 400 ms of the probe's; overlap: only overlap it. */
  timing: 'checked' | 'overlap';
  /** Which truth item the range belongs to. */
  of: 'failover' | 'blocked' | 'pause';
  master: string;
  slots: string;
  truth: { master: string; slots: string };
  start: string;
  end: string | null;
  durationMs: number | null;
  because: string[];
}
export interface ExpectedSubset extends SubsetSpec {
  failovers: ExpectedFailover[];
  blocked: ExpectedBlock[];
  clusterOutages: ExpectedClusterOutage[];
  rangeOutages: ExpectedRangeOutage[];
}
export interface ExpectedIncident {
  generatedBy: 'scripts/derive-ablation.ts';
  incident: string;
  nodeTimeoutMs: number;
  /** Year for year-less log stamps (3.x/4.x logs), from the first action. */
  year: number;
  fault: { at: string; window: [string, string] };
  nodes: Array<{ port: number; id: string; survivor: boolean }>;
  /** The probe's failure runs on every range: a slot outage the analysis reports must overlap one. */
  probe: {
    intervalMs: number;
    timeoutMs: number;
    startedAt: string;
    stoppedAt: string;
    runs: Array<{ slots: string; owner: string; start: string; end: string | null }>;
  };
  /** What must not appear, whatever the subset. */
  mustNot: {
    /** Only these rules may be errors: what truth supports (a cluster that was down, a failover truth shows blocked). */
    errorsAllowed: string[];
    /** Rules truth does not support at any severity. */
    rules: string[];
    /** Findings about a node: the node (first in `nodes`) must be one of these ids. */
    nodeRules: Record<string, string[]>;
  };
  subsets: ExpectedSubset[];
}

// ---------------------------------------------------------------------------------------------------
// Messages, matched anywhere in a line. Wording from Redis 7.0 src/cluster.c and src/replication.c
// (`git --git-dir=/work/.mirror/redis+redis/repo show 7.0.15:src/cluster.c`); Valkey 8 says primary/replica
// where Redis says master/slave, and may add a "(hostname)" after an id, so the patterns allow both.
const ID = '([0-9a-f]{40})';
const RE = {
  // markNodeAsFailingIfNeeded: "Marking node %.40s as failing (quorum reached)."
  marking: new RegExp(`Marking node ${ID}.* as failing`),
  // clusterProcessPacket, FAIL: "FAIL message received from %.40s about %.40s"
  failMsg: new RegExp(`FAIL message received from ${ID}.* about ${ID}`),
  // clearNodeFailureIfNeeded: "Clear FAIL state for node %.40s: master without slots is reachable again." / "…nobody is serving its slots…"
  clearFail: new RegExp(`Clear FAIL state for node ${ID}[^:]*: (.*)`),
  // clusterProcessGossipSection: "Node %.40s reported node %.40s as not reachable." / "… is back online." (7.2+: "%.40s (%s)")
  gossipReport: new RegExp(`Node ${ID}.* reported node ${ID}.* (?:as not reachable|is back online)`),
  // clusterUpdateState: "Cluster state changed: ok|fail"
  state: /Cluster state changed: (ok|fail)/,
  // clusterHandleSlaveFailover
  electionDelayed: /Start of election delayed for (\d+) milliseconds/,
  electionStart: /Starting a failover election for epoch (\d+)/,
  won: /Failover election won: I'm the new (?:master|primary)/,
  expired: /Failover attempt expired/,
  stale: /Disconnected from (?:master|primary) for longer than allowed/,
  // clusterSendFailoverAuthIfNeeded: "Failover auth granted to %.40s for epoch %llu"
  granted: new RegExp(`Failover auth granted to ${ID}`),
  // clusterUpdateSlotsConfigWith: "Configuration change detected. Reconfiguring myself as a replica of %.40s"
  // (Valkey 8.0 cluster_legacy.c: "… as a replica of node %.40s (%s) in shard %.40s")
  reconfig: new RegExp(`Reconfiguring myself as a (?:replica|slave) of (?:node )?${ID}`),
  // Valkey 8.0 cluster_legacy.c, a bystander: "A failover occurred in shard %.40s; node %.40s (%s) failed
  // over to node %.40s (%s) with a config epoch of %llu" (names the old and the new master)
  failedOver: new RegExp(`A failover occurred in shard [0-9a-f]+; node ${ID}.* failed over to node ${ID}`),
  // clusterCommand FAILOVER / clusterProcessPacket MFSTART
  manualAccepted: /Manual failover user request accepted/,
  manualRequested: new RegExp(`Manual failover requested by (?:replica|slave) ${ID}`),
  forceAccepted: /Forced failover user request accepted/,
  // Valkey 8.0: "Taking over the primary (user request from '%s')."
  takeover: /Taking over the (?:master|primary) \(user request/,
  // replication.c: the replica's link to its master
  linkLost: /Connection with (?:master|primary) lost/,
  connecting: /(?:Connecting|Reconnecting) to (?:MASTER|PRIMARY) ([^\s:]+):(\d+)/i,
  // a node's own end: crash report (debug.c), shutdown (server.c prepareForShutdown / the signal handler)
  crash: /crashed by signal|BUG REPORT START/,
  shutdown: /User requested shutdown|Received SIG(?:TERM|INT)/,
  // replication.c readSyncBulkPayload: "MASTER <-> REPLICA sync: Finished with success" (SLAVE before 5.0, PRIMARY in Valkey 8)
  synced: /<-> (?:REPLICA|SLAVE|PRIMARY) sync: Finished with success/,
  // any line of a node's own (re)start
  startup: /Redis is starting|Valkey is starting|Server initialized|Ready to accept connections/,
};

/** A log line of a subset: which file (and so which port wrote it), its line number in that file, its time. */
interface LogLine {
  file: string;
  port: number;
  no: number;
  t: number;
  text: string;
}
interface SnapBlock {
  file: string;
  port: number;
  no: number;
  t: number;
  kind: 'nodes' | 'info' | 'other';
  lines: string[];
}
interface NodesLine {
  id: string;
  port: number | null;
  flags: string[];
  masterId: string | null;
  slots: Array<[number, number]>;
}

const ISO_LINE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function parseNodesLine(line: string): NodesLine | null {
  const f = line.trim().split(/\s+/);
  if (f.length < 8 || !/^[0-9a-f]{40}$/.test(f[0])) return null;
  const port = /:(\d+)(?:@|$)/.exec(f[1]);
  const slots: Array<[number, number]> = [];
  for (const s of f.slice(8)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(s);
    if (m) slots.push([Number(m[1]), Number(m[2] ?? m[1])]);
  }
  return { id: f[0], port: port ? Number(port[1]) : null, flags: f[2].split(','), masterId: f[3] === '-' ? null : f[3], slots };
}

function parseRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(part);
    if (m) out.push([Number(m[1]), Number(m[2] ?? m[1])]);
  }
  return out;
}
const intersects = (a: Array<[number, number]>, b: Array<[number, number]>) =>
  a.some(([a0, a1]) => b.some(([b0, b1]) => a0 <= b1 && b0 <= a1));

/** The subset's evidence, read from the bytes `subsetFiles` gives (the same bytes the test writes). */
class Evidence {
  readonly logs = new Map<number, LogLine[]>();
  readonly blocks: SnapBlock[] = [];
  readonly hasSnapshots: boolean;

  constructor(files: Array<{ name: string; text: string }>, year: number) {
    for (const f of files) {
      const lm = LOG_FILE.exec(f.name);
      const sm = SNAPSHOT_FILE.exec(f.name);
      const lines = f.text.split('\n');
      if (lm) {
        const port = Number(lm[1]);
        const out: LogLine[] = [];
        let last = Number.NaN;
        lines.forEach((text, i) => {
          const t = stampOf(text, year);
          if (t !== null) last = t;
          if (text !== '' && Number.isFinite(last)) out.push({ file: f.name, port, no: i + 1, t: last, text });
        });
        this.logs.set(port, out);
      } else if (sm) {
        const port = Number(sm[1]);
        let cur: SnapBlock | null = null;
        lines.forEach((raw, i) => {
          const text = raw.replace(/\r$/, '');
          if (ISO_LINE.test(text)) {
            cur = { file: f.name, port, no: i + 1, t: Date.parse(text), kind: 'other', lines: [] };
            this.blocks.push(cur);
          } else if (cur && text !== '') {
            if (cur.lines.length === 0) cur.kind = text.startsWith('cluster_') ? 'info' : parseNodesLine(text) ? 'nodes' : 'other';
            cur.lines.push(text);
          }
        });
      }
    }
    this.blocks.sort((a, b) => a.t - b.t || a.port - b.port);
    this.hasSnapshots = this.blocks.length > 0;
  }

  hasLog(port: number): boolean {
    return (this.logs.get(port)?.length ?? 0) > 0;
  }
  /** Lines matching `re`, in time order, from one port's log or from all. */
  find(re: RegExp, opts: { port?: number; from?: number; to?: number } = {}): Array<LogLine & { m: RegExpExecArray }> {
    const out: Array<LogLine & { m: RegExpExecArray }> = [];
    const ports = opts.port !== undefined ? [opts.port] : [...this.logs.keys()].sort((a, b) => a - b);
    for (const p of ports)
      for (const l of this.logs.get(p) ?? []) {
        if ((opts.from !== undefined && l.t < opts.from) || (opts.to !== undefined && l.t > opts.to)) continue;
        const m = re.exec(l.text);
        if (m) out.push({ ...l, m });
      }
    return out.sort((a, b) => a.t - b.t || a.port - b.port || a.no - b.no);
  }
  /** The master address a replica's log last said it connects to, before `t`. */
  masterPortBefore(port: number, t: number): number | null {
    let p: number | null = null;
    for (const l of this.logs.get(port) ?? []) {
      if (l.t > t) break;
      const m = RE.connecting.exec(l.text);
      if (m) p = Number(m[2]);
    }
    return p;
  }
  identified(port: number): boolean {
    return (this.logs.get(port) ?? []).some((l) => IDENTITY_LINE.test(l.text));
  }
  nodesBlocks(from = -Infinity, to = Infinity): Array<SnapBlock & { nodes: NodesLine[] }> {
    return this.blocks
      .filter((b) => b.kind === 'nodes' && b.t >= from && b.t <= to)
      .map((b) => ({ ...b, nodes: b.lines.map(parseNodesLine).filter((n): n is NodesLine => n !== null) }));
  }
  infoBlocks(): Array<SnapBlock & { state: string | null }> {
    return this.blocks
      .filter((b) => b.kind === 'info')
      .map((b) => ({ ...b, state: /^cluster_state:(\w+)/m.exec(b.lines.join('\n'))?.[1] ?? null }));
  }
}

const cite = (l: { file: string; no: number; text: string }) =>
  `${l.file}:${l.no} ${l.text.replace(/^.*?\d{2}:\d{2}:\d{2}\.\d{3} [.\-*#] /, '').slice(0, 90)}`;
const iso = (t: number) => new Date(t).toISOString();

// ---------------------------------------------------------------------------------------------------
// What truth says happened (the same for every subset).

/** Actions that take a node away: killed, crashed, shut down, frozen. START and SIGCONT bring it back. */
const DOWN_ACTIONS = new Set(['SIGKILL', 'SIGTERM', 'SIGINT', 'DEBUG SEGFAULT', 'SIGSTOP', 'DEBUG SLEEP']);
const UP_ACTIONS = new Set(['START', 'SIGCONT']);
const KIND_OF_ACTION: Record<string, string> = {
  'CLUSTER FAILOVER': 'manual',
  'CLUSTER FAILOVER TAKEOVER': 'takeover',
  'CLUSTER FAILOVER FORCE': 'force',
};

interface Down {
  port: number;
  id: string;
  action: string;
  from: number;
  to: number;
}

function downIntervals(truth: Truth): Down[] {
  const end = Date.parse(truth.probe.stoppedAt);
  const out: Down[] = [];
  truth.actions.forEach((a, i) => {
    if (!DOWN_ACTIONS.has(a.action)) return;
    const from = Date.parse(a.at);
    let to: number;
    if (a.action === 'DEBUG SLEEP') to = from + Number(a.args?.[0] ?? 0) * 1000;
    else {
      const up = truth.actions.slice(i + 1).find((b) => b.target.port === a.target.port && UP_ACTIONS.has(b.action));
      to = up ? Date.parse(up.at) : end;
    }
    out.push({ port: a.target.port, id: a.target.id, action: a.action, from, to });
  });
  return out;
}

interface TruthFailover {
  old: TruthNode;
  new: TruthNode;
  kind: string;
  slots: string;
  /** The action that started it: the fault on the old master, or the CLUSTER FAILOVER request. */
  at: number;
}
interface TruthBlock {
  master: TruthNode;
  rule: string;
  at: number;
  down: Down;
  /** For failover.expired: the replica whose attempt expired. */
  replica?: TruthNode;
  /** For a reason only the replicas' own lines tell (replica-stale): those replicas. */
  toldBy?: TruthNode[];
  reason: string;
}

/**
 * The cluster-wide outage as issue #12 defines it: "whole cluster" means every range unavailable, so it
 * begins when the last range stops taking writes and ends when the first one takes them again. From the
 * probe: the times when every range's key was inside one of its failure runs. truth.clusterDown (the
 * recorder's union of CLUSTERDOWN replies on any range) differs where a restarted master keeps answering
 * CLUSTERDOWN after the surviving masters are ok again (seed1, shard-lost: about 1 s); it decides only
 * which windows are cluster-wide outages at all (one that holds no CLUSTERDOWN reply is not).
 */
export function everyRangeWindows(
  truth: Truth,
): Array<{ start: number; end: number | null; clusterDown: { start: string; end: string | null } }> {
  const stop = Date.parse(truth.probe.stoppedAt);
  const ranges = truth.probe.ranges;
  const edges: Array<[number, number]> = [];
  for (const r of ranges)
    for (const f of r.failures) {
      edges.push([Date.parse(f.start), +1]);
      edges.push([f.end === null ? stop : Date.parse(f.end), -1]);
    }
  // Ends before starts at the same instant: touching runs do not make an overlap.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<{ start: number; end: number | null; clusterDown: { start: string; end: string | null } }> = [];
  let n = 0;
  let open: number | null = null;
  for (const [t, d] of edges) {
    n += d;
    if (n === ranges.length && open === null) open = t;
    else if (n < ranges.length && open !== null) {
      const start = open;
      const cd = truth.clusterDown.find((w) => Date.parse(w.start) <= t && (w.end === null ? stop : Date.parse(w.end)) >= start);
      if (cd) out.push({ start, end: t >= stop ? null : t, clusterDown: cd });
      open = null;
    }
  }
  return out;
}

/** A range whose master changed between the start and the end of the recording is a failover. */
function truthFailovers(truth: Truth, downs: Down[]): TruthFailover[] {
  const out: TruthFailover[] = [];
  for (const m of truth.nodes.filter((n) => n.role === 'master' && n.slots)) {
    const now = truth.finalNodes.find((f) => f.role === 'master' && intersects(parseRanges(f.slots), parseRanges(m.slots)));
    if (!now || now.id === m.id) continue;
    const p = truth.nodes.find((n) => n.id === now.id) ?? now;
    // The kind is the request the recorder sent to the new master, if any; else the cluster did it itself.
    const req = truth.actions.find((a) => a.target.id === p.id && a.action in KIND_OF_ACTION);
    const fault = downs.find((d) => d.id === m.id);
    // It started with the request or the fault on the old master, whichever came first; with neither
    // (a fault on something else), with the first action of the recording.
    const first = truth.actions.find((a) => !UP_ACTIONS.has(a.action));
    const at = Math.min(
      req ? Date.parse(req.at) : Infinity,
      fault ? fault.from : Infinity,
      first && !req && !fault ? Date.parse(first.at) : Infinity,
    );
    out.push({ old: m, new: p, kind: req ? KIND_OF_ACTION[req.action] : 'automatic', slots: m.slots, at });
  }
  return out;
}

/**
 * A master that went away for longer than the node timeout and still owns its slots at the end was not
 * replaced: why, from the layout truth.json gives (cluster spec, "Replica election and promotion"):
 *   no replica at all → no-replica; every replica down with it → shard-lost; fewer masters up than a
 *   majority of all masters → no-quorum (nobody can be marked FAIL or elected).
 * Otherwise the layout allowed a failover and only the replicas' own lines say why none happened:
 *   "Disconnected from master for longer than allowed" → replica-stale; a config forbidding it in truth →
 *   nofailover; "Failover attempt expired" and no win → failover.expired; else the reason stays unknown.
 */
function truthBlocks(truth: Truth, downs: Down[], failovers: TruthFailover[], fullLogs: Evidence): TruthBlock[] {
  const masters = truth.nodes.filter((n) => n.role === 'master' && n.slots);
  const out: TruthBlock[] = [];
  for (const m of masters) {
    if (failovers.some((f) => f.old.id === m.id)) continue;
    const d = downs.find((x) => x.id === m.id && x.to - x.from >= truth.nodeTimeoutMs);
    if (!d) continue;
    const replicas = truth.nodes.filter((n) => n.masterId === m.id);
    const overlaps = (x: Down) => x.from < d.to && d.from < x.to;
    const downAt = (id: string) => downs.some((x) => x.id === id && x.to - x.from >= truth.nodeTimeoutMs && overlaps(x));
    const mastersUp = masters.filter((x) => !downAt(x.id)).length;
    // A replica could have been elected once the master had been gone for a node timeout (FAIL), until it
    // came back: it counts if it was up at some moment of that span.
    const electable = (r: TruthNode) => !downs.some((x) => x.id === r.id && x.from <= d.from + truth.nodeTimeoutMs && x.to >= d.to);
    // A replica (re)started while its master was gone never got data from it: Redis refuses to fail over
    // with data that old ("Disconnected from master for longer than allowed", which Redis 7 does not log
    // within node timeout + 5 s of the FAIL; Valkey 8 does). Its own log shows no finished sync before
    // the master was back.
    const neverSynced = (r: TruthNode) => {
      const restart = truth.actions.find(
        (a) => a.target.id === r.id && a.action === 'START' && Date.parse(a.at) > d.from && Date.parse(a.at) < d.to,
      );
      return restart !== undefined && fullLogs.find(RE.synced, { port: r.port, from: Date.parse(restart.at), to: d.to }).length === 0
        ? restart
        : undefined;
    };
    let rule: string;
    let reason: string;
    let toldBy: TruthNode[] | undefined;
    if (replicas.length === 0) [rule, reason] = ['failover.blocked.no-replica', 'truth.json: no node replicates it'];
    else if (!replicas.some(electable)) [rule, reason] = ['failover.blocked.shard-lost', 'truth.json: its replicas were down with it'];
    else if (mastersUp < Math.floor(masters.length / 2) + 1)
      [rule, reason] = [
        'failover.blocked.no-quorum',
        `truth.json: ${mastersUp} of ${masters.length} masters up, ${Math.floor(masters.length / 2) + 1} needed`,
      ];
    else {
      const from = d.from;
      const replicaLines = (re: RegExp) => replicas.flatMap((r) => fullLogs.find(re, { port: r.port, from }));
      const stale = replicas.filter(electable).map(neverSynced);
      if (replicaLines(RE.stale).length > 0) [rule, reason] = ['failover.blocked.replica-stale', cite(replicaLines(RE.stale)[0])];
      else if (stale.length > 0 && stale.every((x) => x !== undefined))
        [rule, reason] = [
          'failover.blocked.replica-stale',
          `truth.json: its replica restarted at ${(stale[0] as { at: string }).at} while it was down and never synced`,
        ];
      else if (/no-failover/.test(JSON.stringify(truth)))
        [rule, reason] = ['failover.blocked.nofailover', 'truth.json: replica-no-failover'];
      else if (replicaLines(RE.expired).length > 0) [rule, reason] = ['failover.expired', cite(replicaLines(RE.expired)[0])];
      else [rule, reason] = [UNKNOWN, 'truth.json allows a failover; no replica line says why none happened'];
    }
    if (rule === 'failover.blocked.replica-stale') toldBy = replicas.filter(electable);
    out.push({ master: m, rule, at: d.from, down: d, reason, ...(toldBy ? { toldBy } : {}) });
  }
  // An election that expired is its own finding even when a later one won (Redis 5.0 recordings, issue #13).
  for (const f of failovers)
    for (const l of fullLogs.find(RE.expired, { port: f.new.port, from: f.at - 1000 }))
      if (!out.some((b) => b.rule === 'failover.expired' && b.master.id === f.old.id))
        out.push({
          master: f.old,
          rule: 'failover.expired',
          at: l.t,
          down: { port: f.old.port, id: f.old.id, action: 'election', from: f.at, to: l.t },
          replica: f.new,
          reason: cite(l),
        });
  return out;
}

// ---------------------------------------------------------------------------------------------------
// What one subset can tell.

/**
 * The subset names a blocked (or unavailable) master `id`: a snapshot, or a line that says something of
 * that node itself. A failure report passed on in gossip, "Node S reported node X as not reachable." /
 * "… is back online." (clusterProcessGossipSection, 3.0–8.0), does not: it comes for every node the
 * sender cannot reach, masters and replicas alike, so where a replica's log names its two dead masters
 * only that way (two-masters-killed, 3.0–5.0 verbose logs, which have no bus-connection lines) nothing
 * tells which of them is the master it replicates (its log gives that one's address, never its id).
 */
function namesNode(ev: Evidence, id: string): boolean {
  if (ev.hasSnapshots) return true;
  return [...ev.logs.values()].some((ls) => ls.some((l) => l.text.includes(id) && !RE.gossipReport.test(l.text)));
}

/** Lines and snapshots that show `m` went away after `from`. */
function downSeen(ev: Evidence, m: TruthNode, from: number, to: number, nodeTimeoutMs: number): string[] {
  const why: string[] = [];
  // Its own last words: a crash report or a shutdown line.
  for (const l of [...ev.find(RE.crash, { port: m.port, from, to }), ...ev.find(RE.shutdown, { port: m.port, from, to })].slice(0, 1))
    why.push(cite(l));
  // Others marking it FAIL (quorum reached) or passing the FAIL on.
  for (const l of ev
    .find(RE.marking, { from, to })
    .filter((l) => l.m[1] === m.id)
    .slice(0, 1))
    why.push(cite(l));
  for (const l of ev
    .find(RE.failMsg, { from, to })
    .filter((l) => l.m[2] === m.id)
    .slice(0, 1))
    why.push(cite(l));
  // Its replica losing the link, in the replica's own log (which names the master's address, not its id) —
  // when that replica went on logging for a node timeout after it: a replica that died with its master
  // (shard-lost, log-20004) saw the link go, not how long the master stayed away.
  const pidOf = (text: string) => /^(\d+):[XCSM] /.exec(text)?.[1];
  const watchedFor = (l: LogLine) =>
    (ev.logs.get(l.port) ?? []).some((x) => x.t >= l.t + nodeTimeoutMs && pidOf(x.text) !== undefined && pidOf(x.text) === pidOf(l.text));
  for (const l of ev.find(RE.linkLost, { from, to }))
    if (l.port !== m.port && ev.masterPortBefore(l.port, l.t) === m.port && watchedFor(l)) {
      why.push(cite(l));
      break;
    }
  // A snapshot in which another node flags it fail or fail? (PFAIL).
  const b = ev
    .nodesBlocks(from, to)
    .find((x) => x.nodes.some((n) => n.id === m.id && n.flags.some((f) => f === 'fail' || f === 'fail?') && !n.flags.includes('myself')));
  if (b) why.push(`${b.file}:${b.no} CLUSTER NODES flags ${m.id.slice(0, 8)} fail`);
  return why;
}

/** The line that marks the moment the fault began, if the subset has one (the probe's failures start there). */
function faultMarked(ev: Evidence, m: TruthNode, d: Down | undefined, from: number, to: number): string[] {
  if (!d || d.action === 'SIGSTOP' || d.action === 'DEBUG SLEEP') return []; // a frozen process writes nothing, and its replica's link stays up
  const own = [...ev.find(RE.crash, { port: m.port, from, to }), ...ev.find(RE.shutdown, { port: m.port, from, to })];
  if (own.length > 0) return [cite(own[0])];
  // A graceful shutdown stops serving writes at once but lets its replicas catch up before it exits
  // (Redis 7.0 logs "Waiting for replicas before shutting down"; 400 ms in seed2): its replica's link
  // loss comes that much after the clients' first failure, so only the node's own line marks it.
  if (d.action === 'SIGTERM' || d.action === 'SIGINT') return [];
  // A kill or crash: the replica's link drops within milliseconds.
  for (const l of ev.find(RE.linkLost, { from, to }))
    if (l.port !== m.port && ev.masterPortBefore(l.port, l.t) === m.port) return [cite(l)];
  return [];
}

function deriveFailover(ev: Evidence, f: TruthFailover, from: number, to: number): ExpectedFailover {
  const { old: m, new: p } = f;
  const signs: string[] = [];
  // 1. The winner's own lines: an election won, or a takeover.
  const winner = [...ev.find(RE.won, { port: p.port, from, to }), ...ev.find(RE.takeover, { port: p.port, from, to })];
  if (winner.length > 0) signs.push(cite(winner[0]));
  // 2. A voter's grant (names the winner).
  const grants = ev.find(RE.granted, { from, to }).filter((l) => l.m[1] === p.id);
  if (grants.length > 0) signs.push(cite(grants[0]));
  // 3. The old master's reconfiguration (names the winner).
  const reconf = ev.find(RE.reconfig, { port: m.port, from }).filter((l) => l.m[1] === p.id);
  if (reconf.length > 0) signs.push(cite(reconf[0]));
  // 4. A bystander: FAIL about the old master, then the cluster ok again while the old master is still
  //    failed (no "Clear FAIL" for it before) — somebody else serves its slots; or the old master cleared
  //    as "master without slots" — it lost them.
  const fails = [
    ...ev.find(RE.marking, { from, to }).filter((l) => l.m[1] === m.id),
    ...ev.find(RE.failMsg, { from, to }).filter((l) => l.m[2] === m.id),
  ];
  for (const fl of fails) {
    const clear = ev.find(RE.clearFail, { port: fl.port, from: fl.t }).find((l) => l.m[1] === m.id);
    const ok = ev.find(RE.state, { port: fl.port, from: fl.t }).find((l) => l.m[1] === 'ok');
    if (ok && (!clear || clear.t > ok.t)) {
      signs.push(`${cite(fl)} … ${cite(ok)}`);
      break;
    }
  }
  const noSlots = ev.find(RE.clearFail, { from }).find((l) => l.m[1] === m.id && /without slots/.test(l.m[2]));
  if (noSlots) signs.push(cite(noSlots));
  // 5. A bystander that names both (Valkey 8: "A failover occurred in shard …; node M failed over to node P").
  const failedOver = ev.find(RE.failedOver, { from, to }).filter((l) => l.m[1] === m.id && l.m[2] === p.id);
  if (failedOver.length > 0) signs.push(cite(failedOver[0]));
  // 6. Snapshots in which the new master holds the old master's slots.
  const mSlots = parseRanges(f.slots);
  const took = ev
    .nodesBlocks(from)
    .find((b) => b.nodes.some((n) => n.id === p.id && n.flags.includes('master') && intersects(n.slots, mSlots)));
  if (took) signs.push(`${took.file}:${took.no} CLUSTER NODES: ${p.id.slice(0, 8)} master of ${f.slots}`);

  // Old master: named by a FAIL line, a "Clear FAIL" line, a bystander's "failed over", a snapshot, or its own log (with its identity
  // line) saying it handed over. Its replica's log names only its address.
  // A FAIL line names the old master of this failover only when it comes before the subset's first sign
  // of the promotion, or when there is none (a bystander): a FAIL received after a vote was granted is
  // about a node that failed later (valkey 7.2.7 force-failover: the voter grants at 02.5 without having
  // flagged anyone, and the FAIL about the old master arrives at 05.5), and nothing ties it to the vote.
  const firstSign = Math.min(...[...winner, ...grants].map((l) => l.t));
  const oldKnown =
    ev.hasSnapshots ||
    fails.some((fl) => fl.t <= firstSign) ||
    failedOver.length > 0 ||
    noSlots !== undefined ||
    (ev.identified(m.port) && (reconf.length > 0 || ev.find(RE.manualRequested, { port: m.port, from, to }).length > 0));
  // New master: named by a vote for it, the old master's reconfiguration, the manual request it sent, a
  // snapshot, or its own log (with its identity line) winning.
  const newKnown =
    ev.hasSnapshots ||
    grants.length > 0 ||
    failedOver.length > 0 ||
    reconf.length > 0 ||
    ev.find(RE.manualRequested, { port: m.port, from, to }).some((l) => l.m[1] === p.id) ||
    (ev.identified(p.port) && winner.length > 0);
  // Kind: the request line in the winner's log (manual, forced, takeover) or the old master's ("Manual
  // failover requested by replica"). Automatic when the winner's log shows an election with no request
  // line before it, when a node voted only after it saw the old master FAIL, or a snapshot shows the old
  // master FAIL while the winner was still a replica. A voter alone cannot tell manual from automatic.
  let kind: string = UNKNOWN;
  if (
    ev.find(RE.manualAccepted, { port: p.port, from, to }).length > 0 ||
    ev.find(RE.manualRequested, { port: m.port, from, to }).length > 0
  )
    kind = 'manual';
  else if (ev.find(RE.forceAccepted, { port: p.port, from, to }).length > 0) kind = 'force';
  else if (ev.find(RE.takeover, { port: p.port, from, to }).length > 0) kind = 'takeover';
  else if (ev.hasLog(p.port) && ev.find(RE.electionStart, { port: p.port, from, to }).length > 0) kind = 'automatic';
  else if (grants.some((g) => fails.some((fl) => fl.port === g.port && fl.t <= g.t))) kind = 'automatic';
  else if (
    ev
      .nodesBlocks(from)
      .some(
        (b) =>
          b.nodes.some((n) => n.id === m.id && n.flags.includes('fail') && !n.flags.includes('myself')) &&
          b.nodes.some((n) => n.id === p.id && (n.flags.includes('slave') || n.flags.includes('replica'))),
      )
  )
    kind = 'automatic';
  // A kind read from the lines must be the true one; if not, the rule above is wrong, not the analysis.
  if (kind !== UNKNOWN && kind !== f.kind)
    throw new Error(`derive-ablation: the lines say ${kind}, truth says ${f.kind} (${m.id.slice(0, 8)} → ${p.id.slice(0, 8)})`);
  return {
    // Without any signature the subset shows nothing of this failover.
    tell: signs.length > 0 ? 'yes' : 'maybe',
    old: oldKnown ? m.id : UNKNOWN,
    new: newKnown ? p.id : UNKNOWN,
    kind,
    // Redis logs never list slots; only CLUSTER NODES does.
    slots: ev.hasSnapshots ? f.slots : UNKNOWN,
    truth: { old: m.id, new: p.id, kind: f.kind, slots: f.slots },
    because: signs.slice(0, 4),
  };
}

// ---------------------------------------------------------------------------------------------------

export function deriveIncident(incident: string, root = '.'): ExpectedIncident {
  const dir = join(root, incident);
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth;
  const downs = downIntervals(truth);
  const firstAction = truth.actions.find((a) => !UP_ACTIONS.has(a.action));
  if (!firstAction) throw new Error(`${incident}: truth.json has no fault action`);
  const faultAt = Date.parse(firstAction.at);
  const year = new Date(faultAt).getUTCFullYear();
  const stop = Date.parse(truth.probe.stoppedAt);
  const byId = new Map(truth.nodes.map((n) => [n.id, n]));
  const downPorts = new Set(downs.map((d) => d.port));
  // Survivors: nodes the recorder never killed, crashed, shut down or froze.
  const survivors = truth.nodes.filter((n) => !downPorts.has(n.port));

  // The subsets. File names are the recorder's; nodes.conf files are left out of every subset: they are
  // the end state the recorder copied after the incident, not something a capture or a log paste holds.
  const all = (re: RegExp) =>
    truth.nodes.map((n) => n.port).filter((p) => exists(dir, re === LOG_FILE ? `node-${p}.log` : `snapshots-${p}.txt`));
  const logName = (p: number) => `node-${p}.log`;
  const window: [string, string] = [iso(faultAt - CUT_WINDOW_MS), iso(faultAt + CUT_WINDOW_MS)];
  const specs: SubsetSpec[] = [
    { name: 'all-logs', kind: 'all-logs', files: all(LOG_FILE).map(logName), stripIdentity: false, window: null },
    // Every log rotated past its `I'm <id>` line: the nodes are told apart by file, named by others' lines.
    {
      name: 'all-logs-no-identity',
      kind: 'all-logs-no-identity',
      files: all(LOG_FILE).map(logName),
      stripIdentity: true,
      window: null,
    },
    {
      name: 'snapshots',
      kind: 'snapshots',
      files: all(SNAPSHOT_FILE).map((p) => `snapshots-${p}.txt`),
      stripIdentity: false,
      window: null,
    },
    ...all(LOG_FILE).map((p): SubsetSpec => ({ name: `log-${p}`, kind: 'log', files: [logName(p)], stripIdentity: false, window: null })),
    ...all(LOG_FILE).map((p): SubsetSpec => ({ name: `log-${p}-cut`, kind: 'log-cut', files: [logName(p)], stripIdentity: true, window })),
    {
      name: 'survivors',
      kind: 'survivors',
      files: survivors
        .map((n) => n.port)
        .filter((p) => all(LOG_FILE).includes(p))
        .map(logName),
      stripIdentity: false,
      window: null,
    },
  ];

  const fullLogs = new Evidence(subsetFiles(dir, specs[0], year), year);
  const failovers = truthFailovers(truth, downs);
  const blocks = truthBlocks(truth, downs, failovers, fullLogs);

  const subsets = specs.map((spec): ExpectedSubset => {
    const ev = new Evidence(subsetFiles(dir, spec, year), year);
    const complete =
      spec.kind === 'all-logs' || spec.kind === 'all-logs-no-identity' || spec.kind === 'snapshots' || spec.kind === 'survivors';

    const efs = failovers.map((f) => deriveFailover(ev, f, f.at - 1000, stop));

    const blockSeen: string[][] = [];
    const ebs = blocks.map((b): ExpectedBlock => {
      let seen: string[];
      if (b.rule === 'failover.expired') {
        // Only the replica whose attempt expired logs it.
        seen = ev
          .find(RE.expired, { port: (b.replica as TruthNode).port, from: b.down.from })
          .slice(0, 1)
          .map(cite);
      } else {
        seen = downSeen(ev, b.master, b.at - 1000, b.down.to + truth.nodeTimeoutMs, truth.nodeTimeoutMs);
      }
      // The reason needs the whole picture: every node's log, every node in the snapshots, or every living
      // node's log (a replica that could have been elected would be among them). One node's log can show
      // the master failed and nobody replaced it, but not why: there the block must be reported, and
      // failover.blocked.unknown is as right as the true reason.
      //
      // Data too old is the replica's own judgement (clusterHandleSlaveFailover compares
      // server.repl_down_since or the master link's lastinteraction with cluster-replica-validity-factor,
      // redis 7.0 src/cluster.c) and only its own line says so: "Currently unable to failover:
      // Disconnected from master for longer than allowed". Snapshots (CLUSTER NODES / CLUSTER INFO hold
      // neither the replication link nor the validity factor) and the survivors' logs (a replica killed
      // and restarted is no survivor) show that replica up and not elected, not why: the reason is told
      // only with the log of every replica that could have been elected.
      blockSeen.push(seen);
      const ruleTold =
        b.rule !== UNKNOWN && (b.rule === 'failover.expired' || complete) && (b.toldBy ?? []).every((r) => ev.hasLog(r.port));
      const named = namesNode(ev, b.master.id);
      return {
        tell: seen.length > 0 ? 'yes' : 'maybe',
        rule: b.rule,
        ruleTold,
        master: named ? b.master.id : UNKNOWN,
        truth: { master: b.master.id, slots: b.master.slots },
        because: [b.reason, ...seen].slice(0, 4),
      };
    });

    const ecs = everyRangeWindows(truth).map((w): ExpectedClusterOutage => {
      const ws = w.start;
      const we = w.end === null ? stop : w.end;
      const fails = ev.find(RE.state, { from: ws - 2000, to: we }).filter((l) => l.m[1] === 'fail');
      const base = { start: iso(w.start), end: w.end === null ? null : iso(w.end), clusterDown: w.clusterDown };
      if (fails.length > 0) {
        // Timing is checked when the subset has the log of every master that ran during the outage: their
        // own "Cluster state changed" lines are when they refused and served writes again.
        const masters = [...new Set([...truth.nodes, ...truth.finalNodes].filter((n) => n.role === 'master').map((n) => n.port))];
        const ran = masters.filter((p) => !downs.some((d) => d.port === p && d.from <= ws && d.to >= we));
        const checked = ran.every((p) => ev.hasLog(p));
        return { tell: 'yes', timing: checked ? 'checked' : 'overlap', ...base, because: [cite(fails[0])] };
      }
      // Snapshots: a master's CLUSTER INFO with cluster_state:fail inside the window (masters are where
      // clients get CLUSTERDOWN). Each master is polled about once a second, so each one turned fail
      // between its last ok and its first fail reply, and ok again between its last fail and its next ok
      // reply. Every range is out from the last master turning fail to the first turning ok again.
      const masterPorts = new Set([...truth.nodes, ...truth.finalNodes].filter((n) => n.role === 'master').map((n) => n.port));
      const info = ev.infoBlocks().filter((x) => masterPorts.has(x.port));
      const inWin = info.filter((x) => x.state === 'fail' && x.t >= ws - 1500 && x.t <= we + 1500);
      if (inWin.length > 0) {
        const ports = [...new Set(inWin.map((x) => x.port))];
        const firstFail = (p: number) => inWin.filter((x) => x.port === p)[0].t;
        const lastFail = (p: number) => inWin.filter((x) => x.port === p).pop()!.t;
        const okBefore = (p: number) =>
          info.filter((x) => x.port === p && x.state === 'ok' && x.t < firstFail(p)).pop()?.t ?? firstFail(p) - 1000;
        const okAfter = (p: number) => info.find((x) => x.port === p && x.state === 'ok' && x.t > lastFail(p))?.t ?? lastFail(p) + 1000;
        const startBetween: [number, number] = [Math.max(...ports.map(okBefore)), Math.max(...ports.map(firstFail))];
        const endBetween: [number, number] = [Math.min(...ports.map(lastFail)), Math.min(...ports.map(okAfter))];
        // The probe's own window must lie in the bracket (300 ms for the poll's round trip); if not, this rule is wrong.
        if (ws < startBetween[0] - 300 || ws > startBetween[1] + 300 || we < endBetween[0] - 300 || we > endBetween[1] + 300)
          throw new Error(
            `derive-ablation: ${incident} ${spec.name}: the probe's outage ${base.start}–${base.end} is outside the snapshots' bracket`,
          );
        return {
          tell: 'yes',
          timing: 'bracket',
          ...base,
          startBetween: [iso(startBetween[0]), iso(startBetween[1])],
          endBetween: [iso(endBetween[0]), iso(endBetween[1])],
          because: [`${inWin[0].file}:${inWin[0].no} cluster_state:fail`],
        };
      }
      return { tell: 'maybe', timing: 'overlap', ...base, because: [] };
    });

    // Per-range unavailability: the probe's first failure run on the range the faulted master owned.
    const ers: ExpectedRangeOutage[] = [];
    const runOf = (m: TruthNode, after: number) => {
      const r = truth.probe.ranges.find((x) => x.ownerAtStart.id === m.id);
      const run = r?.failures.find((x) => x.end === null || Date.parse(x.end) >= after);
      return run && r ? { slots: r.slots, run } : null;
    };
    const range = (
      of: ExpectedRangeOutage['of'],
      m: TruthNode,
      tell: Tell,
      timing: 'checked' | 'overlap',
      because: string[],
      after: number,
    ) => {
      const r = runOf(m, after);
      if (!r) return;
      const s = Date.parse(r.run.start);
      const e = r.run.end === null ? null : Date.parse(r.run.end);
      const named = namesNode(ev, m.id);
      ers.push({
        tell,
        timing,
        of,
        master: named ? m.id : UNKNOWN,
        slots: ev.hasSnapshots ? r.slots : UNKNOWN,
        truth: { master: m.id, slots: r.slots },
        start: r.run.start,
        end: r.run.end,
        durationMs: e === null ? null : e - s,
        because,
      });
    };
    failovers.forEach((f, i) => {
      const d = downs.find((x) => x.id === f.old.id);
      // Only an automatic failover starts with a kill, crash or shutdown a line can mark; a forced one here
      // starts with a SIGSTOP (no line, and clients time out on the frozen master past the promotion), and
      // manual and takeover ones cost the probe nothing it can see.
      const marked = f.kind === 'automatic' ? faultMarked(ev, f.old, d, f.at - 1000, f.at + truth.nodeTimeoutMs) : [];
      const promoted = [...ev.find(RE.won, { port: f.new.port, from: f.at }), ...ev.find(RE.takeover, { port: f.new.port, from: f.at })];
      const ended = promoted.length > 0 || ev.find(RE.granted, { from: f.at }).some((l) => l.m[1] === f.new.id);
      // Checked (±400 ms) when a line marks the fault moment and a line the promotion.
      range('failover', f.old, efs[i].tell, marked.length > 0 && ended ? 'checked' : 'overlap', marked, f.at - 1000);
    });
    blocks
      .filter((b) => b.rule !== 'failover.expired')
      .forEach((b) => {
        const marked = faultMarked(ev, b.master, b.down, b.at - 1000, b.at + truth.nodeTimeoutMs);
        // Its slots are served again when it is back and says so: its own "Cluster state changed: ok" after the restart.
        const back = ev.find(RE.state, { port: b.master.port, from: b.down.to }).find((l) => l.m[1] === 'ok');
        // Told when the subset shows the master went away (the reason need not be known).
        const seen = blockSeen[blocks.indexOf(b)].length > 0;
        range(
          'blocked',
          b.master,
          seen ? 'yes' : 'maybe',
          marked.length > 0 && back ? 'checked' : 'overlap',
          [...marked, ...(back ? [cite(back)] : [])],
          b.at - 1000,
        );
      });
    // A master frozen for less than the node timeout: clients time out, nothing is marked and no line is
    // written (at most a pending ping in a snapshot), so the subset may report it but need not.
    for (const d of downs)
      if (d.to - d.from < truth.nodeTimeoutMs) {
        const m = byId.get(d.id);
        if (m && m.role === 'master' && m.slots) range('pause', m, 'maybe', 'overlap', [], d.from - 1000);
      }

    return { ...spec, failovers: efs, blocked: ebs, clusterOutages: ecs, rangeOutages: ers };
  });

  // What truth does not support, whatever the subset.
  const blockRules = [...new Set(blocks.map((b) => b.rule).filter((r) => r !== UNKNOWN))].sort();
  const errorsAllowed = [
    ...new Set([
      ...(truth.clusterDown.length > 0 ? ['cluster.down'] : []),
      ...blockRules,
      ...(blocks.length > 0 ? ['failover.blocked.unknown'] : []),
      ...(blocks.some((b) => b.rule === UNKNOWN) ? BLOCK_RULES : []),
    ]),
  ].sort();
  const rules: string[] = [];
  if (truth.clusterDown.length === 0) rules.push('cluster.down'); // the probe never got CLUSTERDOWN
  // Two masters for one range is supported only while an old master that was not dead still believed it
  // served: a takeover, or a master frozen during the promotion and resumed. Never a coordinated manual
  // failover, never a killed or crashed old master.
  const oldAliveAtPromotion = failovers.some((f) => {
    if (f.kind === 'manual') return false;
    const d = downs.find((x) => x.id === f.old.id);
    return !d || d.action === 'SIGSTOP' || d.action === 'DEBUG SLEEP';
  });
  if (!oldAliveAtPromotion) rules.push('split-brain');
  // Block rules truth does not name; when a block's reason is unknown, any reason may be the right one.
  const anyReason = blocks.some((b) => b.rule === UNKNOWN);
  for (const r of BLOCK_RULES) if (!blockRules.includes(r) && !anyReason) rules.push(r);
  if (!blockRules.includes('failover.expired')) rules.push('failover.expired');
  const targets = (acts: string[]) => [...new Set(downs.filter((d) => acts.includes(d.action)).map((d) => d.id))].sort();

  return {
    generatedBy: 'scripts/derive-ablation.ts',
    incident,
    nodeTimeoutMs: truth.nodeTimeoutMs,
    year,
    fault: { at: firstAction.at, window },
    nodes: truth.nodes.map((n) => ({ port: n.port, id: n.id, survivor: !downPorts.has(n.port) })),
    probe: {
      intervalMs: truth.probe.intervalMs,
      timeoutMs: truth.probe.timeoutMs,
      startedAt: truth.probe.startedAt,
      stoppedAt: truth.probe.stoppedAt,
      runs: truth.probe.ranges.flatMap((r) =>
        r.failures.map((f) => ({ slots: r.slots, owner: r.ownerAtStart.id, start: f.start, end: f.end })),
      ),
    },
    mustNot: {
      errorsAllowed,
      rules: [...new Set(rules)].sort(),
      nodeRules: {
        'node.crashed': targets(['SIGKILL', 'DEBUG SEGFAULT']),
        'node.shutdown': targets(['SIGTERM', 'SIGINT']),
        'node.paused': targets(['SIGSTOP', 'DEBUG SLEEP']),
      },
    },
    subsets,
  };
}

const BLOCK_RULES = [
  'failover.blocked.no-quorum',
  'failover.blocked.no-replica',
  'failover.blocked.nofailover',
  'failover.blocked.replica-stale',
  'failover.blocked.shard-lost',
];

const exists = (dir: string, name: string) => existsSync(join(dir, name));

export const expectedPath = (incident: string, root = '.') => join(root, incident, 'ablation.expected.json');
export const expectedJson = (incident: string, root = '.') => `${JSON.stringify(deriveIncident(incident, root), null, 2)}\n`;

function main(): void {
  const incidents = listIncidents('.');
  for (const inc of incidents) {
    writeFileSync(expectedPath(inc), expectedJson(inc));
    process.stdout.write(`wrote ${expectedPath(inc)}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
