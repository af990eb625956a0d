import type { Evidence } from '../../model/analysis.ts';
import type { EpochMs, NodeId } from '../../model/ids.ts';
import { intersectRanges } from '../../model/slots.ts';
import type { Check, FindingFacts } from '../model.ts';
import { mastersAt } from '../failovers.ts';
import { msg } from '../messages.ts';
import { finding } from './util.ts';

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
    const severity = f.kind === 'takeover' || f.kind === 'force' ? 'warning' : 'error';
    const demoted = ctx.trace.demotions.find((d) => d.node === old && d.at >= f.promotedAt && !d.fromSnapshot) ?? ctx.trace.demotions.find((d) => d.node === old && d.at >= f.promotedAt);
    const until = demoted ? demoted.at : ctx.trace.span.end;
    if (until === null || until <= f.promotedAt) continue;
    // Up: not inside a down/paused/unreachable episode (a paused node is up again at its first sign of life).
    const eps = ctx.trace.episodes.filter((e) => e.node === old && e.startBounds[0] <= until && (e.end === null || e.end > f.promotedAt));
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
        // A few ms while a resumed master reads the news is inherent (its queued requests run first):
        // writes there are at risk; a window long enough for real traffic is a split brain.
        const sev = severity === 'error' && to - from < SPLIT_BRAIN_ERROR_MS ? 'warning' : severity;
        out.push(finding('split-brain', sev, msg.splitBrain(f.newMaster, old, f.slots, from, to, ctx.label), from, [old, f.newMaster], [...f.evidence.slice(0, 1), s.startEvidence, ...(demoted ? [demoted.evidence] : [])]));
      }
  }
  // Own views claiming the same slots as master at the same moment, in two capture rounds at least a
  // second apart (a single round catches the ordinary moment before the old master hears the news).
  const claims = ctx.trace.views.filter((v) => v.reporter && v.atFrom !== 'unknown');
  const pairs = new Map<string, { a: NodeId; b: NodeId; slots: ReturnType<typeof intersectRanges>; first: EpochMs; last: EpochMs; evidence: Evidence[] }>();
  for (let i = 0; i < claims.length; i++) {
    const a = claims[i];
    const me = a.entries.find((e) => e.id === a.reporter && e.role === 'master' && e.slots.length > 0);
    if (!me) continue;
    for (let j = i + 1; j < claims.length && claims[j].at - a.at <= 500; j++) {
      const b = claims[j];
      if (b.reporter === a.reporter) continue;
      const other = b.entries.find((e) => e.id === b.reporter && e.role === 'master' && e.slots.length > 0);
      if (!other) continue;
      const both = intersectRanges(me.slots, other.slots);
      if (both.length === 0) continue;
      const [x, y] = me.id < other.id ? [me.id, other.id] : [other.id, me.id];
      const key = `${x}/${y}`;
      const p = pairs.get(key);
      if (p) p.last = b.at;
      else pairs.set(key, { a: x, b: y, slots: both, first: a.at, last: b.at, evidence: [a.evidence, b.evidence] });
    }
  }
  for (const p of pairs.values()) {
    if (p.last - p.first < 1000) continue;
    if (out.some((x) => x.rule === 'split-brain' && x.nodes.includes(p.a) && x.nodes.includes(p.b))) continue;
    out.push(finding('split-brain', 'error', msg.splitBrain(p.a, p.b, p.slots, p.first, p.last, ctx.label), p.first, [p.a, p.b], p.evidence));
  }
  return out;
};

export const epochCollision: Check = (ctx) =>
  ctx.trace.epochs
    .filter((e) => e.via === 'collision')
    .map((e) => finding('epoch.collision', 'warning', msg.epochCollision(e.node, e.other ?? null, e.epoch, e.at, ctx.label), e.at, [e.node, e.other ?? null], [e.evidence]));

export const voteDenied: Check = (ctx) => {
  const out: FindingFacts[] = [];
  for (const a of ctx.trace.elections) {
    if (a.startedAt === null) continue;
    const end = a.wonAt ?? a.expiredAt ?? (a.startedAt as number) + 60_000;
    const denied = ctx.trace.votes.filter((v) => !v.granted && v.candidate === a.candidate && v.at >= (a.startedAt as number) - 100 && v.at <= end + 5000);
    if (denied.length === 0) continue;
    out.push(finding('vote.denied', a.outcome === 'won' ? 'info' : 'warning', msg.votesDenied(a, denied, ctx.label), denied[0].at, [a.master, a.candidate, ...denied.map((v) => v.voter)], denied.map((v) => v.evidence)));
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
      out.push(finding('vote.duplicate', 'error', msg.voteDuplicate(v.voter, v.epoch, prev.candidate, v.candidate, ctx.label), v.at, [v.voter, prev.candidate, v.candidate], [prev.evidence, v.evidence]));
    else if (!prev) seen.set(k, { candidate: v.candidate, at: v.at, evidence: v.evidence });
  }
  return out;
};

/** A FAIL mark needs failure reports from a majority of masters: impossible with most of them down. */
export const failWithoutQuorum: Check = (ctx) => {
  const out: FindingFacts[] = [];
  for (const m of ctx.trace.failMarks) {
    if (m.kind !== 'marked') continue;
    const masters = mastersAt(ctx.trace, m.at);
    const needed = Math.floor(masters.length / 2) + 1;
    const reachable = masters.filter(
      (x) => x !== m.subject && !ctx.trace.episodes.some((e) => e.node === x && e.startBounds[1] <= m.at && (e.end === null || e.end > m.at)),
    ).length;
    if (masters.length > 0 && reachable < needed)
      out.push(finding('fail.without-quorum', 'error', msg.failWithoutQuorum(m.observer, m.subject, m.at, reachable, needed, ctx.label), m.at, [m.subject, m.observer], [m.evidence]));
  }
  return out;
};
