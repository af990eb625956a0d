import type { Check, FailoverFacts, VerdictContext } from '../model.ts';
import { msg } from '../messages.ts';
import { finding } from './util.ts';
import { groupOf, lastStartedBefore } from '../lookup.ts';

// https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/ "Replica election and promotion"

export const failoverCompleted: Check = (ctx) =>
  ctx.failovers.map((f) =>
    finding('failover.completed', 'info', msg.failoverCompleted(f, ctx.label), f.promotedAt, [f.oldMaster, f.newMaster], f.evidence),
  );

/** Spec limits per phase, from the node timeout (redis 7.0 clusterCron / clusterHandleSlaveFailover). */
export function phaseLimits(f: FailoverFacts, nodeTimeoutMs: number | null) {
  const rank = f.rank ?? 0;
  return {
    // PFAIL after NODE_TIMEOUT without a pong, then failure reports from a majority gossiped within
    // the report validity (NODE_TIMEOUT * FAIL_REPORT_VALIDITY_MULT = 2).
    detection: nodeTimeoutMs !== null ? 2 * nodeTimeoutMs + 500 : null,
    // 500 ms fixed + up to 500 ms random + 1000 ms per rank, plus a cron tick (100 ms).
    delay: 1000 + rank * 1000 + 100,
    // Votes must arrive within the auth timeout MAX(NODE_TIMEOUT*2, 2000) or the attempt expires.
    election: nodeTimeoutMs !== null ? Math.max(2 * nodeTimeoutMs, 2000) : null,
  };
}

export const failoverSlow: Check = (ctx) => {
  const out = [];
  const nt = ctx.nodeTimeout.ms;
  for (const f of ctx.failovers) {
    if (f.kind !== 'automatic') continue;
    const lim = phaseLimits(f, nt);
    const phases: string[] = [];
    if (f.failMarkedAt !== null && lim.detection !== null && f.startedAtBounds[1] === f.startedAtBounds[0]) {
      const took = f.failMarkedAt - f.startedAt;
      if (took > lim.detection) phases.push(msg.slowPhase('detection (fault to FAIL)', took, lim.detection, `2 × node timeout ${nt} ms`));
    }
    if (f.failMarkedAt !== null && f.electionStartedAt !== null) {
      const took = f.electionStartedAt - f.failMarkedAt;
      if (took > lim.delay)
        phases.push(
          msg.slowPhase(
            'election delay (FAIL to election start)',
            took,
            lim.delay,
            `500 ms + up to 500 ms random + 1000 ms × rank ${f.rank ?? 0}`,
          ),
        );
    }
    if (f.electionStartedAt !== null && lim.election !== null) {
      const took = f.promotedAt - f.electionStartedAt;
      if (took > lim.election) phases.push(msg.slowPhase('election (start to won)', took, lim.election, 'the failover auth timeout'));
    }
    if (phases.length > 0)
      out.push(finding('failover.slow', 'warning', msg.slow(f, phases, ctx.label), f.promotedAt, [f.oldMaster, f.newMaster], f.evidence));
  }
  return out;
};

export const failoverExpired: Check = (ctx) => {
  const out = [];
  for (const a of ctx.trace.elections) {
    if (a.outcome !== 'expired' || a.startedAt === null) continue;
    const later = groupOf(ctx.failovers, 'oldMaster', (f) => f.oldMaster, a.master).items.some(
      (f) => f.promotedAt >= (a.startedAt as number),
    );
    out.push(
      finding(
        'failover.expired',
        later ? 'warning' : 'error',
        msg.expired(a, later, ctx.label),
        a.expiredAt ?? a.startedAt,
        [a.master, a.candidate],
        a.evidence,
      ),
    );
  }
  return out;
};

export const epochNotGreater: Check = (ctx) => {
  const out = [];
  for (const f of ctx.failovers) {
    if (f.epoch === null || !f.oldMaster) continue;
    const before = groupOf(ctx.trace.ownership, 'owner', (o) => o.owner, f.oldMaster).items.filter(
      (o) => o.end !== null && o.end <= f.promotedAt && o.end >= f.promotedAt - 1 && o.epoch !== null,
    );
    const replaced = Math.max(-1, ...before.map((o) => o.epoch as number));
    if (replaced >= 0 && f.epoch <= replaced)
      out.push(
        finding(
          'failover.epoch-not-greater',
          'error',
          msg.epochNotGreater(f, replaced, ctx.label),
          f.promotedAt,
          [f.oldMaster, f.newMaster],
          f.evidence,
        ),
      );
  }
  return out;
};

export const notReplica: Check = (ctx) => {
  const out = [];
  for (const f of ctx.failovers) {
    if (!f.oldMaster || f.promotion.via === 'snapshot' || f.promotion.via === 'demotion') continue;
    const lane = lastStartedBefore(
      groupOf(ctx.trace.roles, 'replica lanes by node', (r) => (r.role === 'replica' ? r.node : null), f.newMaster).items,
      f.promotedAt,
    );
    const was = lane ? (lane.masterId ?? null) : null;
    if (lane && was !== null && was !== f.oldMaster)
      out.push(
        finding(
          'failover.not-replica',
          'error',
          msg.notReplica(f, was, ctx.label),
          f.promotedAt,
          [f.oldMaster, f.newMaster, was],
          f.evidence,
        ),
      );
  }
  return out;
};

export const notBestReplica: Check = (ctx) =>
  ctx.failovers
    .filter((f) => f.bestReplica !== null && f.bestReplica !== f.newMaster && f.offset !== null)
    .filter((f) => {
      const best = groupOf(ctx.trace.elections, 'candidate', (a) => a.candidate, f.bestReplica).items.find(
        (a) => a.master === f.oldMaster && a.offset !== null,
      );
      return best !== undefined && (best.offset as number) > (f.offset as number);
    })
    .map((f) =>
      finding(
        'failover.not-best-replica',
        'warning',
        msg.notBestReplica(f, ctx.label),
        f.promotedAt,
        [f.oldMaster, f.newMaster, f.bestReplica],
        f.evidence,
      ),
    );

export const rejoinedAsReplica: Check = (ctx: VerdictContext) =>
  ctx.failovers
    .filter((f) => f.rejoined !== null && f.rejoined.as === 'replica')
    .map((f) =>
      finding(
        'node.rejoined-as-replica',
        'info',
        msg.rejoined(f, ctx.label),
        (f.rejoined as NonNullable<FailoverFacts['rejoined']>).at,
        [f.oldMaster, f.newMaster],
        [(f.rejoined as NonNullable<FailoverFacts['rejoined']>).evidence],
      ),
    );
