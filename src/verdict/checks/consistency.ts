import type { Evidence } from '../../model/analysis.ts';
import type { EpochMs, NodeId } from '../../model/ids.ts';
import { formatRanges, intersectRanges, type SlotRange } from '../../model/slots.ts';
import type { Check, FindingFacts } from '../model.ts';
import { mastersAt, ownershipKnownAt } from '../failovers.ts';
import { msg } from '../messages.ts';
import { finding } from './util.ts';
import { atBetween, groupOf, spansOf } from '../lookup.ts';
import { firstAfter, upperBound } from '../../util/sorted.ts';
import type { DownEpisode, SnapshotView } from '../../replay/index.ts';

const downSpans = new WeakMap<object, Array<{ start: EpochMs; end: EpochMs | null }>>();
/** Some episode of `node` with startBounds[1] ≤ t < end. */
function downAt(episodes: readonly DownEpisode[], node: NodeId, t: EpochMs): boolean {
  const own = groupOf(episodes, 'node', (e) => e.node, node).items;
  let spans = downSpans.get(own);
  if (!spans) {
    spans = own.map((e) => ({ start: e.startBounds[1], end: e.end }));
    downSpans.set(own, spans);
  }
  return spansOf(spans)
    .covering(t)
    .some((e) => e.start <= t && (e.end === null || e.end > t));
}

/**
 * Two nodes serving the same slots as master at once. The replaced master still believes it owns its
 * slots until it hears of the new configuration; it serves writes meanwhile if it is up, answering,
 * and its own cluster_state is ok. Those windows are the split brain (writes there are lost).
 */
/** Dual-master windows at least this long are errors; shorter ones warnings. */
export const SPLIT_BRAIN_ERROR_MS = 500;

export const splitBrain: Check = (ctx) => {
  const out: FindingFacts[] = [];
  for (const f of ctx.failovers) {
    const old = f.oldMaster;
    // A manual failover's master keeps its clients paused until it is a replica (redis 7.0 clusterHandleManualFailover).
    if (!old || f.slots.length === 0 || f.kind === 'manual') continue;
    // TAKEOVER replaces a master without its consent: two masters until it hears of it is by design.
    // An unknown kind is one of CLUSTER FAILOVER, TAKEOVER or FORCE (an automatic one would show FAIL).
    const severity = f.kind === 'takeover' || f.kind === 'force' || f.kind === 'unknown' ? 'warning' : 'error';
    const demotions = groupOf(ctx.trace.demotions, 'node', (d) => d.node, old);
    const demoted =
      firstAfter(
        demotions.items,
        demotions.sorted,
        f.promotedAt,
        (d) => d.at,
        true,
        (d) => !d.fromSnapshot,
      ) ?? firstAfter(demotions.items, demotions.sorted, f.promotedAt, (d) => d.at, true);
    // Until it heard (demoted), or until it legitimately became master again in a later failover.
    const promotedOld = groupOf(ctx.failovers, 'newMaster', (g) => g.newMaster, old).items;
    const back = promotedOld[upperBound(promotedOld, f.promotedAt, (g) => g.promotedAt)];
    const ends = [demoted?.at, back?.promotedAt, ctx.trace.span.end].filter((x): x is number => typeof x === 'number');
    let until = ends.length > 0 ? Math.min(...ends) : null;
    if (until === null || until <= f.promotedAt) continue;
    // Without the old master's log, only its own CLUSTER NODES replies say what it believed: others'
    // views lag (they show it master until they hear otherwise, or a pong it sent before it learned).
    const claims = groupOf(ctx.trace.nodes, 'id', (n) => n.id, old).items.some((n) => n.hasLog)
      ? null
      : ownClaims(ctx.trace.views, old, f.slots, f.promotedAt, until);
    if (claims) {
      // No reply of its own claimed the slots after the promotion: a demotion in progress, not a split brain.
      if (claims.lastClaim === null) continue;
      if (claims.firstDisowned !== null) until = Math.min(until, claims.firstDisowned);
    }
    // Up: not inside a down/paused/unreachable episode (a paused node is up again at its first sign of life).
    const eps = groupOf(ctx.trace.episodes, 'node', (e) => e.node, old).items.filter(
      (e) => e.startBounds[0] <= until && (e.end === null || e.end > f.promotedAt),
    );
    let up: Array<[EpochMs, EpochMs]> = [[f.promotedAt, until]];
    for (const e of eps) {
      const a = e.startBounds[0];
      const b = e.end ?? Infinity;
      up = up.flatMap(([x, y]) => {
        const parts: Array<[EpochMs, EpochMs]> = [];
        if (a > x) parts.push([x, Math.min(y, a)]);
        if (b < y) parts.push([Math.max(x, b), y]);
        return parts.filter(([p, q]) => q > p);
      });
    }
    // And believing the cluster ok (a restarted node starts in fail and learns before it turns ok).
    for (const [x, y] of up)
      for (const s of ctx.trace.states) {
        if (s.node !== old || s.state !== 'ok') continue;
        const from = Math.max(x, s.start);
        const to = Math.min(y, s.end ?? Infinity);
        if (to - from <= 0) continue;
        // From snapshots alone the window is certain only up to the old master's last own claim.
        const certain = claims ? Math.min(to, claims.lastClaim as number) - from : to - from;
        if (claims && certain < 0) continue;
        // A few ms while a resumed master reads the news is inherent (its queued requests run first):
        // writes there are at risk; a window long enough for real traffic is a split brain.
        const sev = severity === 'error' && certain < SPLIT_BRAIN_ERROR_MS ? 'warning' : severity;
        out.push(
          finding(
            'split-brain',
            sev,
            msg.splitBrain(f.newMaster, old, f.slots, from, to, ctx.label),
            from,
            [old, f.newMaster],
            [...f.evidence.slice(0, 1), s.startEvidence, ...(demoted ? [demoted.evidence] : [])],
          ),
        );
      }
  }
  // Own views claiming the same slots as master for over a second at the same time: runs of a node's
  // own CLUSTER NODES replies saying "myself,master" with the slots (a single late reply of a resumed
  // master, answered from its old view, is the moment before it hears the news, not a split brain).
  type Run = { node: NodeId; slots: SlotRange[]; start: EpochMs; end: EpochMs; evidence: Evidence[] };
  const runs: Run[] = [];
  const open = new Map<NodeId, Run>();
  for (const v of ctx.trace.views) {
    if (!v.reporter || v.atFrom === 'unknown') continue;
    const me = v.entries.find((e) => e.id === v.reporter);
    const claims = me && me.role === 'master' && me.slots.length > 0 ? me.slots : null;
    const cur = open.get(v.reporter);
    if (cur && (!claims || v.at - cur.end > 1500 || formatRanges(claims) !== formatRanges(cur.slots))) {
      runs.push(cur);
      open.delete(v.reporter);
    }
    if (!claims) continue;
    const run = open.get(v.reporter);
    if (run) run.end = v.at;
    else open.set(v.reporter, { node: v.reporter, slots: claims, start: v.at, end: v.at, evidence: [v.evidence] });
  }
  runs.push(...open.values());
  for (let i = 0; i < runs.length; i++)
    for (let j = i + 1; j < runs.length; j++) {
      const a = runs[i];
      const b = runs[j];
      if (a.node === b.node) continue;
      const both = intersectRanges(a.slots, b.slots);
      const from = Math.max(a.start, b.start);
      const to = Math.min(a.end, b.end);
      if (both.length === 0 || to - from < 1000) continue;
      if (out.some((x) => x.rule === 'split-brain' && x.severity === 'error' && x.nodes.includes(a.node) && x.nodes.includes(b.node)))
        continue;
      out.push(
        finding(
          'split-brain',
          'error',
          msg.splitBrain(a.node, b.node, both, from, to, ctx.label),
          from,
          [a.node, b.node],
          [...a.evidence, ...b.evidence],
        ),
      );
    }
  return out;
};

/**
 * The old master's own CLUSTER NODES replies (`myself,master`) after `after` and up to `until`: the last
 * that still claimed any of `slots`, and the first that no longer did (`myself,slave`, or no slots).
 */
function ownClaims(
  views: readonly SnapshotView[],
  node: NodeId,
  slots: readonly SlotRange[],
  after: EpochMs,
  until: EpochMs,
): { lastClaim: EpochMs | null; firstDisowned: EpochMs | null } {
  let lastClaim: EpochMs | null = null;
  let firstDisowned: EpochMs | null = null;
  for (const v of views) {
    if (v.reporter !== node || v.atFrom === 'unknown' || v.at <= after || v.at > until) continue;
    const me = v.entries.find((e) => e.id === node);
    if (!me || me.role === 'unknown') continue;
    const claims = me.role === 'master' && intersectRanges(me.slots, slots).length > 0;
    if (claims && (firstDisowned === null || v.at < firstDisowned)) lastClaim = Math.max(lastClaim ?? v.at, v.at);
    else if (!claims && (firstDisowned === null || v.at < firstDisowned)) firstDisowned = v.at;
  }
  // A claim after the first disowning reply belongs to a later episode, not this window.
  if (lastClaim !== null && firstDisowned !== null && lastClaim > firstDisowned) lastClaim = null;
  return { lastClaim, firstDisowned };
}

export const epochCollision: Check = (ctx) =>
  ctx.trace.epochs
    .filter((e) => e.via === 'collision')
    .map((e) =>
      finding(
        'epoch.collision',
        'warning',
        msg.epochCollision(e.node, e.other ?? null, e.epoch, e.at, ctx.label),
        e.at,
        [e.node, e.other ?? null],
        [e.evidence],
      ),
    );

export const voteDenied: Check = (ctx) => {
  const out: FindingFacts[] = [];
  for (const a of ctx.trace.elections) {
    if (a.startedAt === null) continue;
    const end = a.wonAt ?? a.expiredAt ?? (a.startedAt as number) + 60_000;
    const denied = atBetween(
      groupOf(ctx.trace.votes, 'denied by candidate', (v) => (v.granted ? null : v.candidate), a.candidate),
      (a.startedAt as number) - 100,
      end + 5000,
    );
    if (denied.length === 0) continue;
    out.push(
      finding(
        'vote.denied',
        a.outcome === 'won' ? 'info' : 'warning',
        msg.votesDenied(a, denied, ctx.label),
        denied[0].at,
        [a.master, a.candidate, ...denied.map((v) => v.voter)],
        denied.map((v) => v.evidence),
      ),
    );
  }
  return out;
};

export const voteDuplicate: Check = (ctx) => {
  const out: FindingFacts[] = [];
  const seen = new Map<string, { candidate: NodeId; at: EpochMs; evidence: (typeof ctx.trace.votes)[number]['evidence'] }>();
  for (const v of ctx.trace.votes) {
    if (!v.granted || v.epoch === null) continue;
    const k = `${v.voter}/${v.epoch}`;
    const prev = seen.get(k);
    if (prev && prev.candidate !== v.candidate)
      out.push(
        finding(
          'vote.duplicate',
          'error',
          msg.voteDuplicate(v.voter, v.epoch, prev.candidate, v.candidate, ctx.label),
          v.at,
          [v.voter, prev.candidate, v.candidate],
          [prev.evidence, v.evidence],
        ),
      );
    else if (!prev) seen.set(k, { candidate: v.candidate, at: v.at, evidence: v.evidence });
  }
  return out;
};

/** A FAIL mark needs failure reports from a majority of masters: impossible with most of them down. */
export const failWithoutQuorum: Check = (ctx) => {
  const out: FindingFacts[] = [];
  for (const m of ctx.trace.failMarks) {
    if (m.kind !== 'marked' || !ownershipKnownAt(ctx.trace, m.at)) continue;
    const masters = mastersAt(ctx.trace, m.at);
    const needed = Math.floor(masters.length / 2) + 1;
    const reachable = masters.filter((x) => x !== m.subject && !downAt(ctx.trace.episodes, x, m.at)).length;
    if (masters.length > 0 && reachable < needed)
      out.push(
        finding(
          'fail.without-quorum',
          'error',
          msg.failWithoutQuorum(m.observer, m.subject, m.at, reachable, needed, ctx.label),
          m.at,
          [m.subject, m.observer],
          [m.evidence],
        ),
      );
  }
  return out;
};
