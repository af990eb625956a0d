// Every user-facing sentence of the verdict stage (STYLE §6.6). Times are UTC, `HH:MM:SS.mmm`.
import type { EpochMs, NodeId } from '../model/ids.ts';
import { formatRanges, type SlotRange } from '../model/slots.ts';
import { formatDuration, formatUtcTime } from '../util/time.ts';
import type { DownEpisode, ElectionAttempt, FailedStartFact, FaultFrom, VoteFact } from '../replay/index.ts';
import type { BlockedCase, FailoverFacts, OutageFacts } from './model.ts';

type Label = (id: NodeId | null) => string;

export const t = (ms: EpochMs | null) => (ms === null ? 'unknown' : formatUtcTime(ms));
export const dur = (ms: number | null) => (ms === null ? 'unknown' : formatDuration(ms));
const slots = (r: readonly SlotRange[]) => (r.length === 0 ? 'no known slots' : `slots ${formatRanges(r)}`);
/** A failover's slots; without a line or snapshot naming them, they are the old master's. */
const slotsOf = (r: readonly SlotRange[], old: NodeId | null, L: Label) =>
  r.length > 0 ? slots(r) : old !== null ? `the slots of ${L(old)}` : 'slots the evidence does not name';

const FROM: Record<string, string> = {
  'crash-report': 'its crash report',
  'shutdown-request': 'its shutdown request',
  exit: 'its exit line',
  'link-lost': 'its replica losing the link',
  'master-lost-replica': 'its master losing the link to it',
  'replica-link-refused': 'its replica being refused a connection',
  'unanswered-ping': 'a ping it left unanswered',
  'last-sign-of-life': 'its last sign of life, a lower bound',
  'fail-mark': 'the first FAIL mark, an upper bound',
  'manual-request': 'the manual failover request',
  'master-paused': 'the master pausing its clients',
  'election-start': 'the election start, an upper bound',
  promotion: 'the promotion, with no earlier evidence',
  unknown: 'no evidence',
};
export const fromText = (f: FaultFrom | string) => FROM[f] ?? f;

/** "at 12:00:10.001" or "between 12:00:09.500 and 12:00:10.001" */
export function when(at: EpochMs, bounds: readonly [EpochMs, EpochMs]): string {
  return bounds[0] === bounds[1] ? `at ${t(at)}` : `between ${t(bounds[0])} and ${t(bounds[1])}`;
}

export const msg = {
  startFailed(f: FailedStartFact, L: Label): string {
    return `A second process of ${L(f.node)} (pid ${f.pid}) started at ${t(f.at)} and exited ("${f.reason}") while pid ${f.runningPid} kept running: no restart, the node stayed up.`;
  },
  failoverCompleted(f: FailoverFacts, L: Label): string {
    const kind =
      f.kind === 'unknown'
        ? 'Failover (how it was started is not in the evidence)'
        : f.kind === 'automatic'
          ? 'Automatic failover'
          : f.kind === 'manual'
            ? 'Manual failover (CLUSTER FAILOVER)'
            : f.kind === 'takeover'
              ? 'Takeover (CLUSTER FAILOVER TAKEOVER)'
              : 'Forced failover (CLUSTER FAILOVER FORCE)';
    const votes = f.votes.filter((v) => v.granted).length;
    const parts = [
      `${kind}: ${L(f.newMaster)} replaced ${L(f.oldMaster)} for ${slotsOf(f.slots, f.oldMaster, L)}${f.epoch !== null ? ` at epoch ${f.epoch}` : ''}.`,
      f.kind === 'automatic' || f.kind === 'force' || (f.kind === 'unknown' && (f.episode || f.promotion.via !== 'snapshot'))
        ? `Fault ${when(f.startedAt, f.startedAtBounds)} (from ${fromText(f.startedAtFrom)}), FAIL ${t(f.failMarkedAt)}, election ${t(f.electionStartedAt)}, won ${t(f.promotedAt)}:`
        : f.kind === 'unknown'
          ? `The master was not seen failing; the slots moved ${when(f.promotedAt, f.promotedAtBounds)} (no FAIL flag before: CLUSTER FAILOVER, TAKEOVER or FORCE, which snapshots cannot tell apart):`
          : `Requested ${t(f.startedAt)}, won ${t(f.promotedAt)}:`,
      `slots unavailable ${
        f.startedAtBounds[0] !== f.startedAtBounds[1]
          ? `between ${dur(f.promotedAt - Math.min(f.startedAtBounds[1], f.promotedAt))} and ${dur(f.promotedAt - f.startedAtBounds[0])}`
          : dur(f.promotedAt - f.startedAt)
      }.`,
    ];
    if (f.electionStartedAt !== null)
      parts.push(
        `Rank #${f.rank ?? '?'}, offset ${f.offset ?? '?'}, ${f.votes.length === 0 ? "votes not in the evidence (no voter's log)" : `${votes} vote${votes === 1 ? '' : 's'} granted`}${f.votesNeeded !== null ? ` (${f.votesNeeded} needed)` : ''}.`,
      );
    return parts.join(' ');
  },
  blocked(b: BlockedCase, L: Label): string {
    const back =
      b.recoveredAt !== null
        ? ` It came back at ${t(b.recoveredAt)} (${b.recoveredBy === 'restart' ? 'restart' : 'answering again'}), not through a failover.`
        : ' It was not back by the end of the evidence.';
    return `No failover for ${b.slots.length > 0 ? slots(b.slots) : 'the slots'} of ${L(b.master)}, down since ${when(b.episode.start, b.episode.startBounds).replace(/^at /, '')}: ${b.detail}.${back}`;
  },
  expired(a: ElectionAttempt, won: boolean, L: Label): string {
    return `Election of ${L(a.candidate)}${a.epoch !== null ? ` for epoch ${a.epoch}` : ''} expired at ${t(a.expiredAt ?? a.startedAt)} without a majority of votes${won ? '; a later attempt won' : ' and no later attempt won'}.`;
  },
  slow(f: FailoverFacts, phases: string[], L: Label): string {
    return `Failover of ${L(f.oldMaster)} to ${L(f.newMaster)} was slower than the spec allows: ${phases.join('; ')}.`;
  },
  slowPhase(name: string, took: number, limit: number, why: string): string {
    return `${name} took ${dur(took)}, expected at most ${dur(limit)} (${why})`;
  },
  clusterDown(o: OutageFacts, resolvedByFailover: boolean, L: Label): string {
    const end =
      o.end !== null
        ? `until ${t(o.end)} (${dur(o.end - o.start)})`
        : o.endBounds
          ? `until between ${t(o.endBounds[0])} and ${t(o.endBounds[1])} (${dur(o.endBounds[0] - o.start)} to ${dur(o.endBounds[1] - o.start)})`
          : 'until the end of the evidence at least';
    return `Cluster down for every client (CLUSTERDOWN) from ${t(o.start)} ${end}, reported by ${o.nodes.map(L).join(', ')}${resolvedByFailover ? '; ended by the failover' : ''}.`;
  },
  episode(e: DownEpisode, L: Label, ownLog: boolean): string {
    const what =
      e.kind === 'crashed'
        ? `crashed${e.cause ? ` (${e.cause})` : ''}`
        : e.kind === 'shutdown'
          ? 'was shut down'
          : e.kind === 'stopped'
            ? ownLog
              ? 'stopped without a shutdown line or crash report (killed, or crashed without a report)'
              : 'went down (connections to it were refused; its own log is not in the evidence, so why is unknown)'
            : e.kind === 'paused'
              ? 'stopped answering and later resumed with the same process (paused, e.g. SIGSTOP or a long stall)'
              : 'was unreachable';
    const back =
      e.end !== null
        ? `back at ${t(e.end)} (${e.endFrom === 'restart' ? 'restarted' : 'seen alive again'})`
        : 'not back by the end of the evidence';
    return `${L(e.node)} ${what} ${when(e.start, e.startBounds)} (from ${fromText(e.startFrom)}); ${back}.`;
  },
  rejoined(f: FailoverFacts, L: Label): string {
    const r = f.rejoined as NonNullable<FailoverFacts['rejoined']>;
    return r.as === 'replica'
      ? `${L(f.oldMaster)} came back at ${t(r.at)} as a replica of ${L(r.of)}${r.of === f.newMaster ? ', the master that replaced it' : ''}.`
      : `${L(f.oldMaster)} came back at ${t(r.at)} as a master.`;
  },
  replicaLost(replica: NodeId, master: NodeId | null, at: EpochMs, L: Label): string {
    return `${L(master)} lost its replica ${L(replica)} at ${t(at)}.`;
  },
  orphaned(master: NodeId, from: EpochMs, to: EpochMs | null, L: Label): string {
    return to === null
      ? `${L(master)} serves slots with no working replica since ${t(from)}, still so at the end of the evidence: one more failure loses its slots.`
      : `${L(master)} served slots with no working replica from ${t(from)} to ${t(to)} (${dur(to - from)}).`;
  },
  splitBrain(a: NodeId, b: NodeId, r: readonly SlotRange[], from: EpochMs, to: EpochMs, L: Label): string {
    return `${L(a)} and ${L(b)} both acted as master of ${slots(r)} from ${t(from)} to ${t(to)} (${dur(to - from)}): writes to the old one are lost.`;
  },
  epochCollision(node: NodeId, other: NodeId | null, epoch: number, at: EpochMs, L: Label): string {
    return `${L(node)} had the same configEpoch as ${L(other)}; it moved to epoch ${epoch} at ${t(at)} (redis resolves this, but two masters claimed one epoch).`;
  },
  clockSkew(source: string, offsetMs: number, reason: string): string {
    return `Clock of ${source} corrected by ${offsetMs > 0 ? '+' : ''}${offsetMs} ms: ${reason}.`;
  },
  clockInconsistent(n: number): string {
    return `${n} pair${n === 1 ? '' : 's'} of events contradict causality and no per-source clock correction makes them consistent; times across sources are unreliable.`;
  },
  votesDenied(a: ElectionAttempt, denied: readonly VoteFact[], L: Label): string {
    const list = denied.map((v) => `${L(v.voter)}: ${v.reason ?? 'denied'}`).join('; ');
    return `${denied.length} master${denied.length === 1 ? '' : 's'} denied ${L(a.candidate)} the vote${a.epoch !== null ? ` for epoch ${a.epoch}` : ''}: ${list}.`;
  },
  epochNotGreater(f: FailoverFacts, replaced: number, L: Label): string {
    return `${L(f.newMaster)} took ${slots(f.slots)} at epoch ${f.epoch}, not above the epoch ${replaced} it replaced: the cluster spec requires a greater configEpoch.`;
  },
  notReplica(f: FailoverFacts, was: NodeId | null, L: Label): string {
    return `${L(f.newMaster)} won slots of ${L(f.oldMaster)} but was ${was ? `a replica of ${L(was)}` : 'not known as its replica'} just before.`;
  },
  notBestReplica(f: FailoverFacts, L: Label): string {
    return `${L(f.newMaster)} won with offset ${f.offset ?? '?'} while ${L(f.bestReplica)} had a better replication offset: its data was fresher.`;
  },
  voteDuplicate(voter: NodeId, epoch: number, a: NodeId, b: NodeId, L: Label): string {
    return `${L(voter)} granted its vote for epoch ${epoch} twice: to ${L(a)} and to ${L(b)} (one vote per master per epoch).`;
  },
  failWithoutQuorum(observer: NodeId, subject: NodeId, at: EpochMs, reachable: number, needed: number, L: Label): string {
    return `${L(observer)} marked ${L(subject)} FAIL at ${t(at)} while only ${reachable} master${reachable === 1 ? '' : 's'} could have reported it (${needed} needed).`;
  },
} as const;
