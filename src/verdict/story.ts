import type { EpochMs, NodeId } from '../model/ids.ts';
import { formatRanges } from '../model/slots.ts';
import type { DownEpisode } from '../replay/index.ts';
import { dur, fromText, t, when } from './messages.ts';
import type { OutageFacts, VerdictContext } from './model.ts';
import { atBetween, groupOf, roleBefore } from './lookup.ts';
import { firstAfter } from '../util/sorted.ts';
import { flatString } from './compact.ts';

/**
 * The one paragraph an on-call engineer pastes into a ticket: what failed and how we know, when the
 * cluster noticed and after how long, who was elected, what clients saw, what came back in what role.
 */
/** A sentence that starts with a label: capitalise words ("an unnamed new master"), never a node id. */
const upper = (x: string) => (/^[0-9a-f]{8}/.test(x) ? x : x.charAt(0).toUpperCase() + x.slice(1));

export function tellStory(ctx: VerdictContext): string {
  const L = ctx.label;
  const out: string[] = [];
  const told = new Set<DownEpisode>();
  // Each item's sentences joined (and flattened) as soon as they are told: kept as the trees of pieces
  // their template literals made until the last join, they were most of the verdict's garbage that
  // outlived a minor collection on the flapping log (~20 MB for a 4 MB story).
  type Item = { at: EpochMs; text: string };
  const items: Item[] = [];

  const how = (e: DownEpisode | null, at: EpochMs, bounds: readonly [EpochMs, EpochMs], from: string) => {
    if (!e) return `went down ${when(at, bounds)} (from ${fromText(from)})`;
    const what =
      e.kind === 'crashed'
        ? `crashed${e.cause ? ` (${e.cause})` : ''}`
        : e.kind === 'shutdown'
          ? 'was shut down'
          : e.kind === 'stopped'
            ? groupOf(ctx.trace.nodes, 'id', (n) => n.id, e.node).items.some((n) => n.hasLog)
              ? 'stopped (no shutdown line, no crash report)'
              : 'went down (connections refused; its own log is not in the evidence)'
            : e.kind === 'paused'
              ? 'stopped answering (paused: same process afterwards)'
              : 'became unreachable';
    return `${what} ${when(e.start, e.startBounds)} (from ${fromText(e.startFrom)})`;
  };

  for (const f of ctx.failovers) {
    if (f.episode) told.add(f.episode);
    const s: string[] = [];
    const slots = f.slots.length > 0 ? `slots ${formatRanges(f.slots)}` : 'its slots';
    if (f.kind === 'automatic' || f.kind === 'force' || (f.kind === 'unknown' && f.promotion.via !== 'snapshot')) {
      s.push(
        `${f.oldMaster === null ? 'An unknown master' : `Master ${L(f.oldMaster)}`} ${how(f.episode, f.startedAt, f.startedAtBounds, f.startedAtFrom)}.`,
      );
      if (f.failMarkedAt !== null)
        s.push(
          `The cluster marked it FAIL at ${t(f.failMarkedAt)}${f.startedAtBounds[0] === f.startedAtBounds[1] ? `, ${dur(f.failMarkedAt - f.startedAt)} later` : ''}.`,
        );
      if (f.kind === 'force') s.push(`An operator forced the failover (CLUSTER FAILOVER FORCE) on ${L(f.newMaster)}.`);
    } else if (f.kind === 'unknown') {
      // Snapshots alone: no FAIL flag before the slots moved, so no automatic failover; which command it was they cannot tell.
      s.push(
        f.episode
          ? `Master ${L(f.oldMaster)} ${how(f.episode, f.startedAt, f.startedAtBounds, f.startedAtFrom)}; no FAIL flag on it was seen before its slots moved (an operator's CLUSTER FAILOVER FORCE or TAKEOVER, as far as the snapshots show).`
          : `Master ${L(f.oldMaster)} was not seen failing: its slots moved by an operator's CLUSTER FAILOVER, TAKEOVER or FORCE (the snapshots cannot tell which).`,
      );
    } else {
      const what = f.kind === 'manual' ? 'CLUSTER FAILOVER' : 'CLUSTER FAILOVER TAKEOVER';
      s.push(
        `An operator ran ${what} on ${L(f.newMaster)}, replica of ${L(f.oldMaster)}${f.startedAtFrom === 'master-paused' ? `; the master paused its clients at ${t(f.startedAt)}` : ` at ${t(f.startedAt)}`}.`,
      );
    }
    const votes = f.votes.filter((v) => v.granted).length;
    const delay = f.attempt?.delayMs;
    s.push(
      `${upper(L(f.newMaster))} ${f.electionStartedAt !== null ? `started an election${f.epoch !== null ? ` for epoch ${f.epoch}` : ''} at ${t(f.electionStartedAt)}${f.rank !== null ? ` (rank #${f.rank}${delay != null ? `, delayed ${dur(delay)}` : ''})` : ''} and ` : ''}took over ${slots} ${f.promotedAtBounds[0] === f.promotedAtBounds[1] ? `at ${t(f.promotedAt)}` : f.promotion.via === 'election' || f.promotion.via === 'takeover' ? `between ${t(f.promotedAtBounds[0])} and ${t(f.promotedAtBounds[1])} (its log is stamped to the second)` : `between ${t(f.promotedAtBounds[0])} and ${t(f.promotedAtBounds[1])} (the evidence shows it only afterwards)`}${f.electionStartedAt !== null ? (f.votes.length === 0 ? " (no voter's log in the evidence)" : ` with ${votes} vote${votes === 1 ? '' : 's'}${f.votesNeeded !== null ? ` (${f.votesNeeded} needed)` : ''}`) : f.epoch !== null ? ` at epoch ${f.epoch}` : ''}.`,
    );
    const un = f.promotedAt - f.startedAt;
    const lo = f.promotedAt - Math.min(f.startedAtBounds[1], f.promotedAt);
    const hi = f.promotedAt - f.startedAtBounds[0];
    s.push(`Writes to ${slots} failed for ${lo === hi ? dur(un) : `between ${dur(lo)} and ${dur(hi)}`}.`);
    if (f.writesAtRisk.bytes !== null && f.writesAtRisk.bytes > 0)
      s.push(
        f.writesAtRisk.exact
          ? `${f.writesAtRisk.bytes} bytes of replication stream written to the old master never reached the winner (lost writes).`
          : `Up to ${f.writesAtRisk.bytes} bytes of replication stream written before the fault never reached the winner.`,
      );
    if (f.rejoined)
      s.push(
        f.rejoined.as === 'replica'
          ? `${L(f.oldMaster)} came back at ${t(f.rejoined.at)} as a replica of ${L(f.rejoined.of)}.`
          : `${L(f.oldMaster)} came back at ${t(f.rejoined.at)} as a master.`,
      );
    items.push({ at: f.startedAt, text: flatString(s.join(' ')) });
  }

  for (const b of ctx.blocked) {
    told.add(b.episode);
    const s: string[] = [];
    s.push(`Master ${L(b.master)} ${how(b.episode, b.episode.start, b.episode.startBounds, b.episode.startFrom)}.`);
    const from = b.episode.startBounds[0];
    const until = b.episode.end ?? Infinity;
    const marks =
      from <= until
        ? atBetween(
            groupOf(ctx.trace.failMarks, 'subject', (m) => m.subject, b.master),
            from,
            until,
          )
        : [];
    const mark = marks.find((m) => m.kind === 'marked' || m.kind === 'received') ?? marks.find((m) => m.kind === 'seen-fail');
    if (mark) s.push(`The cluster marked it FAIL ${mark.fromSnapshot ? 'by' : 'at'} ${t(mark.at)}.`);
    s.push(`No failover happened: ${b.detail}.`);
    // Grouped by the master (a scan of every outage per blocked case was quadratic on long evidence).
    const out = slotOutagesStarting(ctx.outages, b.master, b.episode.start).find((o) => o.cause === b.reason);
    if (out)
      s.push(
        `Slots ${formatRanges(b.slots)} had no master ${out.end !== null ? `for ${dur(out.end - out.start)}` : out.endBounds ? `until between ${t(out.endBounds[0])} and ${t(out.endBounds[1])}` : 'until the end of the evidence'}.`,
      );
    if (b.recoveredAt !== null) {
      const demotions = groupOf(ctx.trace.demotions, 'node', (d) => d.node, b.master);
      const demoted = firstAfter(demotions.items, demotions.sorted, b.recoveredAt, (d) => d.at, true);
      s.push(
        `It ${b.recoveredBy === 'restart' ? 'was restarted' : 'answered again'} at ${t(b.recoveredAt)} and ${demoted ? `came back as a replica of ${L(demoted.newMaster)}` : 'came back as master of its slots'}.`,
      );
    }
    items.push({ at: b.episode.start, text: flatString(s.join(' ')) });
  }

  for (const e of ctx.trace.episodes) {
    if (told.has(e)) continue;
    const role = roleBefore(ctx.trace.roles, e.node, e.start) ?? undefined;
    const who = role
      ? role.role === 'replica'
        ? `Replica ${L(e.node)}${role.masterId ? ` of ${L(role.masterId)}` : ''}`
        : `Master ${L(e.node)}`
      : `Node ${L(e.node)}`;
    const back = e.end !== null ? ` It was back at ${t(e.end)}.` : ' It was not back by the end of the evidence.';
    items.push({ at: e.start, text: flatString(`${who} ${how(e, e.start, e.startBounds, e.startFrom)}.${back}`) });
  }

  items.sort((a, b) => a.at - b.at);
  // An item without sentences adds nothing (joined, the sentences read as they did one by one).
  for (const i of items) if (i.text !== '') out.push(i.text);

  const down = ctx.outages.filter((o) => o.scope === 'cluster');
  for (const o of down)
    out.push(
      `Every client got CLUSTERDOWN from ${t(o.start)} ${o.end !== null ? `to ${t(o.end)} (${dur(o.end - o.start)})` : o.endBounds ? `until between ${t(o.endBounds[0])} and ${t(o.endBounds[1])}` : 'until the end of the evidence at least'}.`,
    );
  if (items.length === 0 && down.length === 0) {
    const n = ctx.trace.nodes.length;
    out.push(
      `No node failure, failover or outage in the evidence (${n} node${n === 1 ? '' : 's'}${ctx.trace.span.start !== null ? `, ${t(ctx.trace.span.start)} to ${t(ctx.trace.span.end)}` : ''}).`,
    );
  }
  return out.join(' ');
}

const outageStarts = new WeakMap<object, Map<NodeId, Map<EpochMs, OutageFacts[]>>>();
/** The slot outages whose first node is `node` and that start at `start`, in list order (indexed once per list). */
function slotOutagesStarting(outages: readonly OutageFacts[], node: NodeId, start: EpochMs): readonly OutageFacts[] {
  let by = outageStarts.get(outages);
  if (!by) {
    by = new Map();
    for (const o of outages) {
      if (o.scope !== 'slots' || o.nodes[0] === null || o.nodes[0] === undefined) continue;
      let m = by.get(o.nodes[0]);
      if (!m) by.set(o.nodes[0], (m = new Map()));
      const l = m.get(o.start);
      if (l) l.push(o);
      else m.set(o.start, [o]);
    }
    outageStarts.set(outages, by);
  }
  return Number.isNaN(start) ? [] : (by.get(node)?.get(start) ?? []);
}
