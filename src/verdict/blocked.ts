import type { Evidence } from '../model/analysis.ts';
import type { EpochMs, NodeId } from '../model/ids.ts';
import type { Trace } from '../replay/index.ts';
import { dedupe, mastersAt, ownershipKnownAt, replicasOf, slotsOwnedBefore } from './failovers.ts';
import type { BlockedCase, BlockReason, FailoverFacts } from './model.ts';
import { atBetween, groupOf, overlapsOf, roleBefore, spansOf } from './lookup.ts';
import { groupBy, isSortedBy, lowerBound, sliceBetween, sortedStrings } from '../util/sorted.ts';

/** The coarsest stamp a promotion line can carry (whole seconds: RFC 3164 syslog). */
const GRAIN_MAX_MS = 1000;

/**
 * Serving masters that went down with no replica taking their slots, and why (redis 7.0
 * clusterHandleSlaveFailover / markNodeAsFailingIfNeeded): no replica at all; the master and all its
 * replicas down together; the replicas' data too old; replicas configured `nofailover`; no majority of
 * masters to mark FAIL or to vote; elections that expired without a winner.
 */
export function findBlocked(trace: Trace, failovers: readonly FailoverFacts[], nodeTimeoutMs: number | null): BlockedCase[] {
  const out: BlockedCase[] = [];
  const endOfEvidence = trace.span.end ?? 0;
  const firstOwned = new Map<NodeId, EpochMs>();
  for (const o of trace.ownership) if (o.owner !== null) firstOwned.set(o.owner, Math.min(firstOwned.get(o.owner) ?? Infinity, o.start));
  for (const ep of trace.episodes) {
    // Owned when it went down (ownership may be first known a moment after the last sign of life).
    const firstKnown = firstOwned.get(ep.node) ?? Infinity;
    const at = Math.max(ep.start, Number.isFinite(firstKnown) ? firstKnown + 1 : ep.start);
    const slots = slotsOwnedBefore(trace, ep.node, at);
    if (slots.length === 0 && !servedSlots(trace, ep.node, ep.start, at)) continue;
    // Answered by a failover?
    const replacing = groupOf(failovers, 'oldMaster', (f) => f.oldMaster, ep.node).items;
    // The first promotion that can have come after the node's last sign of life: its latest possible
    // moment (a promotion logged to the second happened somewhere in that second) is not before it.
    let k = lowerBound(replacing, ep.startBounds[0] - GRAIN_MAX_MS, (f) => f.promotedAt);
    while (k < replacing.length && replacing[k].promotedAtBounds[1] < ep.startBounds[0]) k++;
    const answer = replacing[k];
    // A promotion seen only in snapshots may have come before the old master answered again; and a
    // failover whose FAIL mark or election began while it was down answers it even when the election
    // is won just after it answers again (the FAIL flag stands until cleared, redis 7.0 cluster.c
    // clearNodeFailureIfNeeded, and the votes already asked for still count).
    const began =
      answer &&
      Math.min(answer.promotedAt, answer.promotedAtBounds[0], answer.failMarkedAt ?? Infinity, answer.electionStartedAt ?? Infinity);
    if (answer && (ep.end === null || (began as number) <= ep.end + 1)) continue;
    const until = ep.end ?? endOfEvidence;
    const length = until - ep.start;
    const marks = (
      ep.startBounds[0] <= until
        ? atBetween(
            groupOf(trace.failMarks, 'subject', (m) => m.subject, ep.node),
            ep.startBounds[0],
            until,
          )
        : []
    ).filter((m) => m.kind === 'marked' || m.kind === 'received' || m.kind === 'seen-fail');
    let masters = servingMastersAt(trace, at - 1, ep.node);
    // A fault bounded only by the start of the evidence (no line of its own, no replica's link loss: the
    // survivors' logs) comes before the others' first lines say they are masters: count the masters
    // when it was first marked FAIL instead, not the failed one alone.
    if (masters.length === 1 && marks.length > 0) masters = servingMastersAt(trace, marks[0].at - 1, ep.node);
    const downMasters = masters.filter((m) => episodesOver(trace, m, false).any(ep.start + (nodeTimeoutMs ?? 0) + 1000, ep.start, true));
    // The evidence ends before anyone could have marked it (two node timeouts; 15 s, Redis's default,
    // when unknown): too early to say a failover was blocked.
    if (marks.length === 0 && ep.end === null && endOfEvidence - ep.start < 2 * (nodeTimeoutMs ?? 15_000)) continue;
    // Not failed long enough for anyone to act (back before the node timeout): nothing was blocked.
    if (marks.length === 0 && nodeTimeoutMs !== null && ep.end !== null && length <= nodeTimeoutMs) continue;
    if (
      marks.length === 0 &&
      nodeTimeoutMs === null &&
      ep.end !== null &&
      downMasters.length < Math.floor(masters.length / 2) + 1 &&
      length < 1000
    )
      continue;
    // Back again, a majority of masters up, and others watching (their logs or views) said nothing: had
    // it been gone past the node timeout they would have marked it FAIL ("Marking node X as failing",
    // notice level in every version): it was too short for anyone to act, whatever the timeout.
    if (
      marks.length === 0 &&
      ep.end !== null &&
      downMasters.length < Math.floor(masters.length / 2) + 1 &&
      watched(trace, ep.node, ep.start, ep.end)
    )
      continue;

    let replicas = replicasOf(trace, ep.node, at - 1);
    // With every survivor's log present, a replica down at the same time whose master nobody names
    // ("Clear FAIL state for node R: replica is reachable again", redis 7.0 clearNodeFailureIfNeeded;
    // "slave is reachable again" before 5.0, redis 4.0.14) can only be this master's.
    if (replicas.length === 0 && trace.views.length === 0 && evidenceComplete(trace, at - 1))
      replicas = orphanReplicas(trace, ep.node, ep.start, until);
    const attempts = attemptsStartedBetween(trace, ep.node, ep.startBounds[0], until);
    const evidence: Evidence[] = [...ep.evidence, ...marks.slice(0, 2).map((m) => m.evidence)];
    // Down "with it" means down for as long as a replica could have been elected: from the moment the
    // master could be marked FAIL (the first mark, else a node timeout after it went) until it was back
    // (redis 7.0 clusterHandleSlaveFailover runs only on a live replica of a FAIL master). A replica that
    // came back meanwhile was electable: why it did not win is another reason (replica-stale, …) —
    // unless it came back less than an election's fixed delay before the master (500 ms, redis 3.0–7.4
    // src/cluster.c clusterHandleSlaveFailover `failover_auth_time = mstime() + 500 + random() % 500`).
    const electableFrom = marks.length > 0 ? Math.min(...marks.map((m) => m.at)) : ep.start + (nodeTimeoutMs ?? 0);
    // A master known only from others' lines is back when they clear its FAIL ("… is reachable again and
    // nobody is serving its slots after some time"), which they do only 2 node timeouts after the FAIL
    // (CLUSTER_FAIL_UNDO_TIME_MULT, same source, clearNodeFailureIfNeeded): it may have answered that
    // much earlier, and a replica back in that span may have found it alive.
    const clearedLate =
      ep.end !== null &&
      !nodesWithLog(trace).has(ep.node) &&
      groupOf(trace.failMarks, 'subject', (m) => m.subject, ep.node).items.some(
        (m) => m.kind === 'cleared' && Math.abs(m.at - until) <= 1 && /nobody is serving its slots/i.test(m.reason ?? ''),
      );
    const slack = clearedLate ? Math.max(ELECTION_DELAY_MS, 2 * (nodeTimeoutMs ?? 15_000)) : ELECTION_DELAY_MS;
    const replicasDown = replicas.filter((r) => episodesOver(trace, r, true).any(Math.max(electableFrom, ep.start), until - slack));
    // Each "data too old" line while it was down, whatever attempt it is filed under: a replica that
    // refused for a while and then synced (the master back) schedules its election in the same open
    // attempt (valkey 8.0 replica-never-synced: refused from 01:26:46, the master back at 01:26:49.5,
    // election delayed at 01:26:50.2), so the attempt's own time is after the episode.
    const stale = staleBetween(trace, ep.node, ep.startBounds[0], until);
    const noFo = attempts.flatMap((a) => a.unable.filter((u) => u.kind === 'no-failover'));
    const nofailoverFlag = replicas.filter((r) => flaggedNofailover(trace).has(r));
    const expired = attempts.filter((a) => a.outcome === 'expired' || a.expiredAt !== null);
    const quorum = Math.floor(masters.length / 2) + 1;
    const sizeKnown = ownershipKnownAt(trace, at - 1) || evidenceComplete(trace, at - 1);

    let reason: BlockReason;
    let detail: string;
    if (replicas.length === 0 && !evidenceComplete(trace, at - 1)) {
      // Not every node is in the evidence: a replica may be among the nodes we know only by name.
      reason = 'failover.blocked.unknown';
      detail = "no replica of it is in the evidence, but not every node's log is: as far as the evidence shows, nothing took its place";
    } else if (replicas.length === 0) {
      reason = 'failover.blocked.no-replica';
      detail = `no replica of it was known`;
    } else if (replicasDown.length === replicas.length) {
      reason = 'failover.blocked.shard-lost';
      detail = `its ${replicas.length === 1 ? 'only replica was' : `${replicas.length} replicas were all`} down too`;
      for (const r of replicasDown) {
        const e = groupOf(trace.episodes, 'node', (x) => x.node, r).items.find((x) => x.start <= until);
        if (e) evidence.push(...e.evidence.slice(0, 1));
      }
    } else if (stale.length > 0) {
      reason = 'failover.blocked.replica-stale';
      detail = 'its replicas refused: disconnected from the master for longer than allowed (cluster-replica-validity-factor)';
      evidence.push(...stale.slice(0, 2).map((u) => u.evidence));
    } else if (noFo.length > 0 || (nofailoverFlag.length > 0 && nofailoverFlag.length === replicas.length - replicasDown.length)) {
      reason = 'failover.blocked.nofailover';
      detail = 'its replicas are configured not to fail over (cluster-replica-no-failover / nofailover flag)';
      evidence.push(...noFo.slice(0, 2).map((u) => u.evidence));
    } else if (
      marks.length === 0 &&
      !(sizeKnown && downMasters.length >= quorum) &&
      !observedFor(trace, ep.node, ep.start, until, nodeTimeoutMs ?? 15_000)
    ) {
      // Nobody in the evidence was up for a node timeout while it was gone (its replica died with it,
      // say): no FAIL mark is no sign that nobody could make one.
      reason = 'failover.blocked.unknown';
      detail = 'no node in the evidence was up for a node timeout while it was gone, so nothing shows why nobody took over';
    } else if (
      marks.length === 0 ||
      (sizeKnown && downMasters.length >= quorum) ||
      expired.some((a) => a.unable.some((u) => u.kind === 'waiting-votes'))
    ) {
      reason = 'failover.blocked.no-quorum';
      detail = !sizeKnown
        ? marks.length === 0
          ? `no node marked it FAIL (a majority of masters must report it; ${downMasters.length} master${downMasters.length === 1 ? ' was' : 's were'} seen down together)`
          : 'the election could not gather a majority of votes'
        : marks.length === 0
          ? `no node marked it FAIL: ${downMasters.length} of ${masters.length} masters were down together and FAIL needs ${quorum}`
          : `the election could not gather ${quorum} votes: ${downMasters.length} of ${masters.length} masters were down`;
    } else if (expired.length > 0) {
      reason = 'failover.expired';
      detail = `${expired.length} election attempt${expired.length === 1 ? '' : 's'} expired without a winner`;
      evidence.push(...expired.flatMap((a) => a.evidence.slice(0, 1)));
    } else if (replicas.some((r) => !replicasDown.includes(r) && !nodesWithLog(trace).has(r))) {
      // FAIL was marked and a replica was up, but its log is not in the evidence: only its own lines
      // say why it did not take over (data too old, nofailover, an election that expired), and a
      // replica that was itself restarted is not among the survivors whose logs are at hand.
      reason = 'failover.blocked.unknown';
      detail =
        "it was marked FAIL and a replica of it was up, but that replica's log is not in the evidence: why it did not take over is not known";
    } else {
      // FAIL was marked and replicas were up, yet no attempt is in the evidence: say what we know.
      reason = 'failover.blocked.no-quorum';
      detail = 'it was marked FAIL but no replica started an election in the evidence';
    }

    // Recovery: the master back and its slots served again.
    let recoveredAt: EpochMs | null = null;
    let recoveredBy: BlockedCase['recoveredBy'] = null;
    if (ep.end !== null) {
      recoveredAt = ep.end;
      recoveredBy = ep.endFrom === 'restart' ? 'restart' : 'back';
    }
    out.push({
      master: ep.node,
      episode: ep,
      slots,
      reason,
      replicas,
      mastersTotal: masters.length,
      mastersDown: downMasters.length,
      recoveredAt,
      recoveredBy,
      detail,
      evidence: dedupe(evidence),
    });
  }
  return out;
}

/**
 * Whether `node` served slots when it went down, without a snapshot or line naming them: its own log
 * said it was a master ("M" prefix, role lines), or the others' lines only make sense for a master
 * with slots — `Clear FAIL state for node X: is reachable again and nobody is serving its slots`
 * (redis 7.0 clearNodeFailureIfNeeded), or a `Cluster state changed: fail` right after it was marked
 * FAIL (clusterUpdateState: a replica's failure leaves every slot served).
 */
/**
 * Other nodes with their own log that were alive at or before `early` and at or after `late` (and,
 * with `upOver`, not down themselves in that span): they would have logged a FAIL mark about `node`.
 */
function loggedAcross(trace: Trace, node: NodeId, early: EpochMs, late: EpochMs, upOver?: [EpochMs, EpochMs]): boolean {
  for (const w of witnessesOf(trace)) {
    if (w.node === node || w.firstStart > early || w.lastEnd < late) continue;
    if (!upOver) return true;
    // Down in [upOver[0], upOver[1]): an episode starting before its end that has not ended by its start.
    const k = lowerBound(w.downStarts, upOver[1], (x) => x);
    if (k === 0 || w.downEndMax[k - 1] <= upOver[0]) return true;
  }
  return false;
}

/** Per logged node: its earliest run start, latest run end, and its episodes by start with the running latest end. */
interface Witness {
  node: NodeId;
  firstStart: EpochMs;
  lastEnd: EpochMs;
  downStarts: EpochMs[];
  downEndMax: number[];
}

// Built once per trace: loggedAcross is asked per down episode, and a flapping cluster has thousands
// (scanning every run and episode per question made the verdict quadratic in the evidence).
const witnessCache = new WeakMap<Trace, Witness[]>();
function witnessesOf(trace: Trace): Witness[] {
  const hit = witnessCache.get(trace);
  if (hit) return hit;
  const out: Witness[] = [];
  const runs = groupBy(trace.lifeRuns, (r) => r.node);
  const eps = groupBy(trace.episodes, (e) => e.node);
  for (const n of trace.nodes) {
    if (!n.hasLog) continue;
    const rs = runs.get(n.id);
    if (!rs) continue;
    let firstStart = Infinity;
    let lastEnd = -Infinity;
    for (const r of rs) {
      if (r.start < firstStart) firstStart = r.start;
      if (r.end > lastEnd) lastEnd = r.end;
    }
    const es = [...(eps.get(n.id) ?? [])].sort((a, b) => a.startBounds[0] - b.startBounds[0]);
    const downStarts = es.map((e) => e.startBounds[0]);
    const downEndMax: number[] = [];
    let m = -Infinity;
    for (const e of es) {
      m = Math.max(m, e.end === null ? Infinity : e.end);
      downEndMax.push(m);
    }
    out.push({ node: n.id, firstStart, lastEnd, downStarts, downEndMax });
  }
  witnessCache.set(trace, out);
  return out;
}

const sortedCache = new WeakMap<Trace, boolean>();
function viewsSorted(trace: Trace): boolean {
  let s = sortedCache.get(trace);
  if (s === undefined) sortedCache.set(trace, (s = isSortedBy(trace.views, (v) => v.at)));
  return s;
}

/** A view by another node inside [from, to]. */
function viewedBetween(trace: Trace, node: NodeId, from: EpochMs, to: EpochMs): boolean {
  if (!viewsSorted(trace)) return trace.views.some((v) => v.reporter !== node && v.at >= from && v.at <= to);
  for (let i = lowerBound(trace.views, from, (v) => v.at); i < trace.views.length && trace.views[i].at <= to; i++)
    if (trace.views[i].reporter !== node) return true;
  return false;
}

/** Some other node's log or view covered the node timeout after `from` (capped at `to`), that node up itself. */
function observedFor(trace: Trace, node: NodeId, from: EpochMs, to: EpochMs, timeoutMs: number): boolean {
  const until = Math.min(to, from + timeoutMs);
  return viewedBetween(trace, node, from, to) || loggedAcross(trace, node, until, until, [from, until]);
}

/** Another node's log, or a view by another node, covers [from, to]: a FAIL mark of `node` would be in the evidence. */
function watched(trace: Trace, node: NodeId, from: EpochMs, to: EpochMs): boolean {
  return viewedBetween(trace, node, from, to) || loggedAcross(trace, node, from, to);
}

/** The least time from a replica's FAIL view of its master to its election (see replicasDown). */
const ELECTION_DELAY_MS = 500;

/** "Clear FAIL state for node X: replica is reachable again." (redis 3.0–4.0 "slave"; src/cluster.c clearNodeFailureIfNeeded). */
const REPLICA_CLEARED = /\b(?:replica|slave) is reachable again/i;

export function servedSlots(trace: Trace, node: NodeId, start: EpochMs, at: EpochMs): boolean {
  const before = roleBefore(trace.roles, node, start + 1);
  if (before && before.role === 'master') return true;
  if (before && before.role === 'replica') return false;
  const marks = groupOf(trace.failMarks, 'subject', (m) => m.subject, node).items;
  if (marks.some((m) => m.kind === 'cleared' && m.at >= at && /nobody is serving its slots/i.test(m.reason ?? ''))) return true;
  // Cleared as a replica when it came back (clearNodeFailureIfNeeded: "slave" in redis 3.0–4.0,
  // "replica" from 5.0, valkey 8 the same): it held no slots while it was down.
  if (marks.some((m) => m.kind === 'cleared' && m.at >= at && REPLICA_CLEARED.test(m.reason ?? ''))) return false;
  return marks.some(
    (m) =>
      (m.kind === 'marked' || m.kind === 'received') &&
      !m.fromSnapshot &&
      trace.stateChanges.some((c) => c.node === m.observer && c.state === 'fail' && !c.fromSnapshot && c.at >= m.at && c.at - m.at <= 1000),
  );
}

/**
 * The evidence covers every node at `t`: a CLUSTER NODES view lists them all, or every node the
 * evidence names has its own log. Otherwise a conclusion that needs every node ("no replica") is only
 * "as far as the evidence shows".
 */
export function evidenceComplete(trace: Trace, t: EpochMs): boolean {
  if (trace.views.length > 0) return true;
  // One log names no other node of its own accord: nothing says the others are all there.
  if (nodesWithLog(trace).size < 2) return false;
  // A node without a log of its own counts only when it was down then (the fault's target: the
  // survivors' logs are all there).
  const downAt = (id: NodeId) =>
    overlapsOf(groupOf(trace.episodes, 'node', (e) => e.node, id).items, 'down by start bound', (e) => [
      e.startBounds[0],
      e.end ?? Infinity,
    ]).any(t + 1, t, true);
  for (const n of trace.nodes) if (!n.hasLog && !downAt(n.id)) return false;
  // Every replica's master must be known too.
  return !spansOf(trace.roles)
    .covering(t)
    .some((r) => r.role === 'replica' && (r.masterId ?? null) === null && r.start <= t && (r.end === null || r.end > t));
}

/**
 * Masters serving slots at `t`: from slot ownership when it is known; otherwise every node whose role
 * was master then (a node down or flagged at `t` counts with the role it had before), and `down`.
 */
function servingMastersAt(trace: Trace, t: EpochMs, down: NodeId): NodeId[] {
  if (ownershipKnownAt(trace, t)) return mastersAt(trace, t);
  const out = new Set<NodeId>([down]);
  for (const r of spansOf(trace.roles).covering(t)) {
    if (!(r.start <= t && (r.end === null || r.end > t))) continue;
    if (r.role === 'master') out.add(r.node);
    else if (r.role === 'down' || r.role === 'fail' || r.role === 'paused') {
      const before = roleBefore(trace.roles, r.node, r.start);
      if (before && before.role === 'master') out.add(r.node);
    }
  }
  return sortedStrings(out);
}

/** A node's episodes (`upOnly`: not the paused ones) as start → end, to ask whether one overlaps a window. */
function episodesOver(trace: Trace, node: NodeId, notPaused: boolean) {
  return overlapsOf(groupOf(trace.episodes, 'node', (e) => e.node, node).items, notPaused ? 'not paused' : 'all', (e) =>
    notPaused && e.kind === 'paused' ? null : [e.start, e.end ?? Infinity],
  );
}

const withLogCache = new WeakMap<Trace, Set<NodeId>>();
function nodesWithLog(trace: Trace): Set<NodeId> {
  let ids = withLogCache.get(trace);
  if (!ids) withLogCache.set(trace, (ids = new Set(trace.nodes.filter((n) => n.hasLog).map((n) => n.id))));
  return ids;
}

const nofailoverCache = new WeakMap<Trace, Set<NodeId>>();
/** Nodes some view flags `nofailover`. */
function flaggedNofailover(trace: Trace): Set<NodeId> {
  let ids = nofailoverCache.get(trace);
  if (!ids) {
    ids = new Set();
    for (const v of trace.views) for (const e of v.entries) if (e.flags.includes('nofailover')) ids.add(e.id);
    nofailoverCache.set(trace, ids);
  }
  return ids;
}

interface AttemptIndex {
  /** Per master: its attempts' positions in the master's group, by attemptStart. */
  starts: Map<NodeId, Array<{ at: EpochMs; i: number }>>;
  /** Per master: its attempts' "data too old" refusals (attempt position, refusal position), by time. */
  stale: Map<NodeId, Array<{ at: EpochMs; i: number; j: number }>>;
}
const attemptCache = new WeakMap<Trace, AttemptIndex>();
function attemptIndex(trace: Trace): AttemptIndex {
  let x = attemptCache.get(trace);
  if (x) return x;
  x = { starts: new Map(), stale: new Map() };
  const byMaster = groupBy(trace.elections, (a) => a.master);
  for (const [m, list] of byMaster) {
    const starts = list.map((a, i) => ({ at: attemptStart(a), i })).sort((p, q) => p.at - q.at || p.i - q.i);
    const stale: Array<{ at: EpochMs; i: number; j: number }> = [];
    list.forEach((a, i) =>
      a.unable.forEach((u, j) => {
        if (u.kind === 'data-too-old' && !Number.isNaN(u.at)) stale.push({ at: u.at, i, j });
      }),
    );
    stale.sort((p, q) => p.at - q.at || p.i - q.i || p.j - q.j);
    x.starts.set(m, starts);
    x.stale.set(m, stale);
  }
  attemptCache.set(trace, x);
  return x;
}

/** The attempts on `master` whose first line is within [lo, hi], in list order. */
function attemptsStartedBetween(trace: Trace, master: NodeId, lo: EpochMs, hi: EpochMs): Trace['elections'] {
  const list = groupOf(trace.elections, 'master', (a) => a.master, master).items;
  const starts = attemptIndex(trace).starts.get(master) ?? [];
  if (!(lo <= hi)) return [];
  return sliceBetween(starts, lo, hi, (x) => x.at)
    .map((x) => x.i)
    .sort((a, b) => a - b)
    .map((i) => list[i]);
}

/** The "data too old" refusals of attempts on `master` within [lo, hi], in attempt then line order. */
function staleBetween(trace: Trace, master: NodeId, lo: EpochMs, hi: EpochMs): Trace['elections'][number]['unable'] {
  const list = groupOf(trace.elections, 'master', (a) => a.master, master).items;
  const stale = attemptIndex(trace).stale.get(master) ?? [];
  if (!(lo <= hi)) return [];
  return sliceBetween(stale, lo, hi, (x) => x.at)
    .sort((p, q) => p.i - q.i || p.j - q.j)
    .map((x) => list[x.i].unable[x.j]);
}

/** Nodes without a log of their own, down between `from` and `to`, known to be replicas of a master nobody names. */
function orphanReplicas(trace: Trace, master: NodeId, from: EpochMs, to: EpochMs): NodeId[] {
  const out: NodeId[] = [];
  for (const n of trace.nodes) {
    if (n.hasLog || n.id === master) continue;
    const down = trace.episodes.some((e) => e.node === n.id && e.start <= to && (e.end === null || e.end > from));
    if (!down) continue;
    const replica = trace.failMarks.some((m) => m.subject === n.id && m.kind === 'cleared' && REPLICA_CLEARED.test(m.reason ?? ''));
    const named = trace.roles.some((r) => r.node === n.id && r.role === 'replica' && (r.masterId ?? null) !== null);
    if (replica && !named) out.push(n.id);
  }
  return out;
}

/**
 * An attempt's first line: its "Currently unable to failover" lines may come before the election is
 * scheduled (redis 7.0 clusterHandleSlaveFailover logs the refusal each cron while the data is too old,
 * and schedules the election only once it is not).
 */
function attemptStart(a: Trace['elections'][number]): EpochMs {
  const ts = [a.delayedAt, a.startedAt, a.unable[0]?.at].filter((x): x is EpochMs => typeof x === 'number' && Number.isFinite(x));
  return ts.length > 0 ? Math.min(...ts) : 0;
}
