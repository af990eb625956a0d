/*
 * `failscope topology`: what the cluster believed, checked (issue #3). Pure functions over snapshots.
 *
 *   snapshots of one cluster ──▶ rounds (one CLUSTER NODES per reporter, captured together)
 *        ──▶ view: the effective topology + every problem with a severity ──▶ states (views whose problems
 *        changed) ──▶ changes between states, or against an earlier snapshot (--against)
 *
 * Checks of `redis-cli --cluster check` (redis 7.0 src/redis-cli.c clusterManagerCheckCluster):
 *   - "[ERR] Nodes don't agree about configuration!" (clusterManagerIsConfigConsistent: every node's
 *     CLUSTER NODES gives the same `id:slots` signature)                    → topology.config-disagree
 *   - "[WARNING] Node %s:%d has slots in migrating/importing state" / "The following slots are open"
 *                                                                         → topology.open-slots
 *   - "[ERR] Not all 16384 slots are covered by nodes."                   → topology.slots-uncovered
 *   - "[WARNING] Slot %d has %d owners" (--cluster-search-multiple-owners) → topology.multiple-owners
 *   - "*** WARNING: %s:%d claims to be slave of unknown node ID %s."       → topology.replica-of-unknown
 *   - nodes it cannot load (noaddr, disconnected, fail: clusterManagerLoadInfoFromNode "invalid_friend")
 *                                                                         → topology.node-failed / -pfail,
 *                                                                           topology.link-down, topology.node-noaddr
 * Beyond it: failed masters that still own slots (topology.slots-failed, with whether a replica can take
 * over), masters without a (working) replica, a replica on its master's host, two masters sharing a config
 * epoch, nodes that disagree about who is whose replica, replicas whose replication link is down (INFO
 * replication), handshake nodes, and cluster_state:fail in a CLUSTER INFO of the same round.
 */
import type { Evidence, Severity } from '../model/analysis.ts';
import type { Address, EpochMs, NodeId } from '../model/ids.ts';
import { shortId } from '../model/ids.ts';
import type { ClusterInfoSnapshot, ClusterNodesSnapshot, NodeEntry, NodeFlag, ReplicationSnapshot, Snapshot } from '../model/snapshot.ts';
import type { SlotRange } from '../model/slots.ts';
import { countSlots, formatRanges, normalizeRanges, SLOT_COUNT, subtractRanges } from '../model/slots.ts';

export const TOPOLOGY_RULES = [
  'topology.config-disagree',
  'topology.open-slots',
  'topology.slots-uncovered',
  'topology.multiple-owners',
  'topology.slots-failed',
  'topology.replica-disagree',
  'topology.cluster-state-fail',
  'topology.no-replica',
  'topology.no-working-replica',
  'topology.replica-same-host',
  'topology.node-failed',
  'topology.node-pfail',
  'topology.link-down',
  'topology.replica-link-down',
  'topology.epoch-collision',
  'topology.replica-of-unknown',
  'topology.node-noaddr',
  'topology.node-handshake',
] as const;
export type TopologyRule = (typeof TOPOLOGY_RULES)[number];

/** Severity of each rule: errors fail the check (exit 1), warnings only with --strict. */
export const TOPOLOGY_SEVERITY: Record<TopologyRule, Severity> = {
  'topology.config-disagree': 'error',
  'topology.open-slots': 'error',
  'topology.slots-uncovered': 'error',
  'topology.multiple-owners': 'error',
  'topology.slots-failed': 'error',
  'topology.replica-disagree': 'error',
  'topology.cluster-state-fail': 'error',
  'topology.no-replica': 'warning',
  'topology.no-working-replica': 'warning',
  'topology.replica-same-host': 'warning',
  'topology.node-failed': 'warning',
  'topology.node-pfail': 'warning',
  'topology.link-down': 'warning',
  'topology.replica-link-down': 'warning',
  'topology.epoch-collision': 'warning',
  'topology.replica-of-unknown': 'warning',
  'topology.node-noaddr': 'warning',
  'topology.node-handshake': 'warning',
};

export interface TopologyProblem {
  rule: TopologyRule;
  severity: Severity;
  message: string;
  /** Sorted. */
  nodes: NodeId[];
  /** `0-5460,5470` when the problem concerns slots. */
  slots?: string;
  /** Lines that show it, sorted. */
  evidence: Evidence[];
}

/** A node as the view's reporters, taken together, see it. */
export interface TopologyNode {
  id: NodeId;
  address: Address;
  hostname: string | null;
  role: 'master' | 'replica' | 'none';
  masterId: NodeId | null;
  configEpoch: number;
  slots: SlotRange[];
  /** Union of the flags every reporter gives it (without `myself`). */
  flags: NodeFlag[];
  /** Reporters that flag it `fail` / `fail?` / see its bus link `disconnected`. */
  failBy: NodeId[];
  pfailBy: NodeId[];
  linkDownBy: NodeId[];
}

export interface ViewReporter {
  /** The node that answered (its `myself` entry), when known. */
  id: NodeId | null;
  address: Address | null;
  at: EpochMs;
  atFrom: Snapshot['atFrom'];
  source: string;
  line: number;
}

/** One moment of a cluster: the CLUSTER NODES of each reporter captured together, checked. */
export interface TopologyView {
  at: EpochMs;
  atFrom: Snapshot['atFrom'];
  reporters: ViewReporter[];
  /** Masters by first slot, then slotless masters, each followed by its replicas; then the rest. */
  nodes: TopologyNode[];
  problems: TopologyProblem[];
  status: 'ok' | 'fail';
}

export type TopologyChangeKind = 'role' | 'slots' | 'epoch' | 'failed' | 'recovered' | 'added' | 'removed';

export interface TopologyChange {
  kind: TopologyChangeKind;
  message: string;
  nodes: NodeId[];
  slots?: string;
}

/** A view together with what changed since the state shown before it. */
export interface TopologyState {
  view: TopologyView;
  changes: TopologyChange[];
}

export interface ClusterTopology {
  id: string;
  /** The first view and every view whose problems or topology differ from the view before it. */
  states: TopologyState[];
  /** The view the verdict rests on: the last one, or the last at or before `--at`. */
  final: TopologyView | null;
  /** Number of views (rounds of snapshots) seen. */
  viewCount: number;
  /** CLUSTER NODES snapshots left out because others of the cluster have a stamped capture time. */
  unusedUntimed: number;
}

// ── rounds ──────────────────────────────────────────────────────────────────────────────────────────────

/** Snapshots further apart than this never share a round. */
export const ROUND_WINDOW_MS = 2000;
/** A pause this long between two snapshots starts a new round (a recorder polls all nodes within ms). */
export const ROUND_GAP_MS = 500;

function reporterKey(s: Snapshot): string {
  return s.reporter ?? (s.reporterAddress ? `addr:${s.reporterAddress}` : `src:${s.source}`);
}

function byTime(a: Snapshot, b: Snapshot): number {
  const ta = Number.isFinite(a.at) ? a.at : Infinity;
  const tb = Number.isFinite(b.at) ? b.at : Infinity;
  return ta - tb || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) || a.line - b.line;
}

/**
 * Cut CLUSTER NODES snapshots into rounds: a round holds at most one snapshot per reporter, all within
 * ROUND_WINDOW_MS of its first and without a pause longer than ROUND_GAP_MS between two, and all with a stamped capture time or all with an inferred one (a
 * nodes.conf dated by its pong stamps is not mixed with outputs captured at a known moment). Snapshots
 * without a time each make a round of their own, at the end.
 */
export function roundsOf(snapshots: readonly ClusterNodesSnapshot[]): ClusterNodesSnapshot[][] {
  const sorted = [...snapshots].sort(byTime);
  const rounds: ClusterNodesSnapshot[][] = [];
  let current: ClusterNodesSnapshot[] = [];
  let keys = new Set<string>();
  for (const s of sorted) {
    const start = current[0]?.at;
    const prev = current[current.length - 1]?.at;
    const fits =
      current.length > 0 &&
      Number.isFinite(s.at) &&
      Number.isFinite(start) &&
      s.at - start <= ROUND_WINDOW_MS &&
      s.at - prev <= ROUND_GAP_MS &&
      !keys.has(reporterKey(s)) &&
      (s.atFrom === 'stamp') === (current[0].atFrom === 'stamp');
    if (!fits && current.length > 0) {
      rounds.push(current);
      current = [];
      keys = new Set();
    }
    current.push(s);
    keys.add(reporterKey(s));
  }
  if (current.length > 0) rounds.push(current);
  return rounds;
}

// ── one view ────────────────────────────────────────────────────────────────────────────────────────────

/** Other snapshots that can join a round: CLUSTER INFO and INFO replication taken at the same time. */
export interface RoundExtras {
  info?: readonly ClusterInfoSnapshot[];
  replication?: readonly ReplicationSnapshot[];
}

interface Claim {
  reporter: string;
  owner: NodeId;
  epoch: number;
  self: boolean;
}

function label(id: NodeId, nodes: Map<NodeId, TopologyNode>): string {
  const n = nodes.get(id);
  return n && n.address && !n.address.startsWith(':') ? `${shortId(id)} ${n.address}` : shortId(id);
}

function hostOf(n: TopologyNode): string | null {
  if (n.hostname) return n.hostname;
  const i = n.address.lastIndexOf(':');
  const ip = i >= 0 ? n.address.slice(0, i) : n.address;
  return ip === '' ? null : ip;
}

function ev(s: Snapshot, line = s.line): Evidence {
  return { source: s.source, line };
}

function sortEvidence(list: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return list
    .filter((e) => {
      const k = `${e.source}\u0000${e.line}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.line - b.line));
}

function slotCount(ranges: readonly SlotRange[]): string {
  const n = countSlots(ranges);
  return `${formatRanges(ranges)} (${n} slot${n === 1 ? '' : 's'})`;
}

function who(ids: readonly NodeId[], nodes: Map<NodeId, TopologyNode>): string {
  return ids.map((id) => label(id, nodes)).join(', ');
}

/** Elementary slot intervals where each reporter's owner is constant. */
function ownerIntervals(snaps: readonly ClusterNodesSnapshot[]): Array<{ range: SlotRange; claims: Claim[] }> {
  const cuts = new Set<number>([0, SLOT_COUNT]);
  for (const s of snaps) for (const n of s.nodes) for (const r of n.slots) cuts.add(r.start).add(r.end + 1);
  const points = [...cuts].filter((c) => c >= 0 && c <= SLOT_COUNT).sort((a, b) => a - b);
  const out: Array<{ range: SlotRange; claims: Claim[] }> = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const range = { start: points[i], end: points[i + 1] - 1 };
    const claims: Claim[] = [];
    for (const s of snaps) {
      const masterEpoch = new Map(s.nodes.map((n) => [n.id, n.configEpoch]));
      for (const n of s.nodes)
        if (n.slots.some((r) => r.start <= range.start && range.end <= r.end))
          claims.push({ reporter: reporterKey(s), owner: n.id, epoch: masterEpoch.get(n.id) ?? 0, self: n.id === s.reporter });
    }
    out.push({ range, claims });
  }
  return out;
}

/** The effective owner of an interval: highest config epoch, then most reporters, then a self-claim. */
function effectiveOwner(claims: readonly Claim[]): NodeId | null {
  if (claims.length === 0) return null;
  const score = new Map<NodeId, { epoch: number; count: number; self: boolean }>();
  for (const c of claims) {
    const s = score.get(c.owner) ?? { epoch: 0, count: 0, self: false };
    s.epoch = Math.max(s.epoch, c.epoch);
    s.count++;
    s.self ||= c.self;
    score.set(c.owner, s);
  }
  return [...score.entries()].sort(
    ([a, x], [b, y]) => y.epoch - x.epoch || y.count - x.count || Number(y.self) - Number(x.self) || (a < b ? -1 : 1),
  )[0][0];
}

function mostCommon<T>(values: readonly T[], key: (v: T) => string): T {
  const counts = new Map<string, { v: T; n: number }>();
  for (const v of values) {
    const k = key(v);
    const c = counts.get(k) ?? { v, n: 0 };
    c.n++;
    counts.set(k, c);
  }
  return [...counts.entries()].sort(([ka, a], [kb, b]) => b.n - a.n || (ka < kb ? -1 : ka > kb ? 1 : 0))[0][1].v;
}

/** Check one round of CLUSTER NODES snapshots (one per reporter). */
export function checkView(round: readonly ClusterNodesSnapshot[], extras: RoundExtras = {}): TopologyView {
  const snaps = [...round].sort(byTime);
  const problems: TopologyProblem[] = [];
  const add = (rule: TopologyRule, message: string, nodeIds: NodeId[], evidence: Evidence[], slots?: SlotRange[]) => {
    problems.push({
      rule,
      severity: TOPOLOGY_SEVERITY[rule],
      message,
      nodes: [...new Set(nodeIds)].sort(),
      ...(slots ? { slots: formatRanges(slots) } : {}),
      evidence: sortEvidence(evidence),
    });
  };

  // Entries of every node, per reporter.
  const entries = new Map<NodeId, Array<{ snap: ClusterNodesSnapshot; entry: NodeEntry }>>();
  for (const s of snaps)
    for (const entry of s.nodes) {
      let list = entries.get(entry.id);
      if (!list) entries.set(entry.id, (list = []));
      list.push({ snap: s, entry });
    }

  // Effective nodes: a node's own line is the best witness of its role; else what most reporters say.
  const intervals = ownerIntervals(snaps);
  const nodes = new Map<NodeId, TopologyNode>();
  for (const [id, list] of entries) {
    const own = list.find((x) => x.snap.reporter === id);
    const roleOf = (e: NodeEntry) => (e.flags.includes('slave') ? 'replica' : e.flags.includes('master') ? 'master' : 'none');
    const pick = own ?? mostCommon(list, (x) => `${roleOf(x.entry)}|${x.entry.masterId ?? '-'}`);
    const e = pick.entry;
    const addrSource = list.find((x) => x.entry.address && !x.entry.address.startsWith(':')) ?? pick;
    const flags = new Set<NodeFlag>();
    for (const x of list) for (const f of x.entry.flags) if (f !== 'myself') flags.add(f);
    const reporterId = (x: { snap: ClusterNodesSnapshot }) => x.snap.reporter ?? reporterKey(x.snap);
    nodes.set(id, {
      id,
      address: addrSource.entry.address,
      hostname: addrSource.entry.hostname,
      role: roleOf(e),
      masterId: roleOf(e) === 'replica' ? e.masterId : null,
      configEpoch: Math.max(...list.map((x) => (roleOf(x.entry) === 'master' ? x.entry.configEpoch : 0)), 0),
      slots: [],
      flags: [...flags].sort(),
      failBy: [...new Set(list.filter((x) => x.entry.flags.includes('fail')).map(reporterId))].sort(),
      pfailBy: [...new Set(list.filter((x) => x.entry.flags.includes('fail?')).map(reporterId))].sort(),
      linkDownBy: [
        ...new Set(list.filter((x) => x.entry.linkState === 'disconnected' && !x.entry.flags.includes('myself')).map(reporterId)),
      ].sort(),
    });
  }
  for (const { range, claims } of intervals) {
    const owner = effectiveOwner(claims);
    if (owner && nodes.has(owner)) nodes.get(owner)!.slots.push(range);
  }
  for (const n of nodes.values()) n.slots = normalizeRanges(n.slots);
  const lineOf = (id: NodeId): Evidence[] => (entries.get(id) ?? []).map((x) => ev(x.snap, x.entry.line));
  const ownLine = (id: NodeId): Evidence[] => {
    const own = (entries.get(id) ?? []).find((x) => x.snap.reporter === id);
    return own ? [ev(own.snap, own.entry.line)] : lineOf(id).slice(0, 1);
  };

  // 1. All nodes agree about the slots configuration (redis-cli clusterManagerIsConfigConsistent).
  if (snaps.length > 1) {
    const disagreements: Array<{ range: SlotRange; text: string; ids: NodeId[] }> = [];
    for (const { range, claims } of intervals) {
      const byReporter = new Map<string, NodeId | null>();
      for (const s of snaps) byReporter.set(reporterKey(s), null);
      for (const c of claims) byReporter.set(c.reporter, c.owner);
      const owners = new Set(byReporter.values());
      if (owners.size <= 1) continue;
      const text = [...byReporter.entries()]
        .map(
          ([r, o]) =>
            `${r.startsWith('addr:') || r.startsWith('src:') ? r.replace(/^(addr|src):/, '') : label(r, nodes)} says ${o ? label(o, nodes) : 'nobody'}`,
        )
        .join('; ');
      const last = disagreements[disagreements.length - 1];
      if (last && last.text === text && last.range.end + 1 === range.start) last.range = { start: last.range.start, end: range.end };
      else disagreements.push({ range, text, ids: [...owners].filter((o): o is NodeId => o !== null) });
    }
    for (const d of disagreements)
      add(
        'topology.config-disagree',
        `nodes don't agree about the owner of slots ${slotCount([d.range])}: ${d.text}`,
        d.ids,
        d.ids.flatMap(lineOf),
        [d.range],
      );
  }

  // 2. Open slots (migrating / importing).
  for (const s of snaps)
    for (const e of s.nodes)
      if (e.openSlots.length > 0) {
        const parts = e.openSlots.map(
          (o) => `${o.slot} ${o.direction === 'migrating' ? 'migrating to' : 'importing from'} ${label(o.peer, nodes)}`,
        );
        add(
          'topology.open-slots',
          `${label(e.id, nodes)} has open slots: ${parts.join(', ')}`,
          [e.id, ...e.openSlots.map((o) => o.peer)],
          [ev(s, e.line)],
          e.openSlots.map((o) => ({ start: o.slot, end: o.slot })),
        );
      }

  // 3. Coverage.
  const covered = normalizeRanges([...nodes.values()].filter((n) => n.role === 'master').flatMap((n) => n.slots));
  const uncovered = subtractRanges([{ start: 0, end: SLOT_COUNT - 1 }], covered);
  if (uncovered.length > 0)
    add(
      'topology.slots-uncovered',
      `slots ${slotCount(uncovered)} are not served by any master: not all ${SLOT_COUNT} slots are covered`,
      [],
      snaps.map((s) => ev(s)),
      uncovered,
    );

  // 4. Several masters claim the same slot in their own view (both believe they own it).
  const selfClaims = new Map<NodeId, SlotRange[]>();
  for (const s of snaps) {
    const me = s.nodes.find((n) => n.id === s.reporter);
    if (me && me.flags.includes('master') && me.slots.length > 0) selfClaims.set(me.id, normalizeRanges(me.slots));
  }
  const selfIds = [...selfClaims.keys()].sort();
  for (let i = 0; i < selfIds.length; i++)
    for (let j = i + 1; j < selfIds.length; j++) {
      const a = selfIds[i];
      const b = selfIds[j];
      const both = subtractRanges(selfClaims.get(a)!, subtractRanges(selfClaims.get(a)!, selfClaims.get(b)!));
      if (both.length > 0)
        add(
          'topology.multiple-owners',
          `slots ${slotCount(both)} have 2 owners: ${label(a, nodes)} and ${label(b, nodes)} each serve them`,
          [a, b],
          [...ownLine(a), ...ownLine(b)],
          both,
        );
    }

  // 5. Who is whose replica: reporters must agree on every node's role and master.
  for (const [id, list] of entries) {
    if (list.length < 2 || list.some((x) => x.entry.flags.includes('handshake'))) continue;
    const says = list.map((x) => ({
      x,
      text: x.entry.flags.includes('slave')
        ? `replica of ${x.entry.masterId ? label(x.entry.masterId, nodes) : '?'}`
        : x.entry.flags.includes('master')
          ? 'master'
          : 'no role',
    }));
    const distinct = new Set(says.map((s) => s.text));
    if (distinct.size > 1)
      add(
        'topology.replica-disagree',
        `nodes don't agree about the role of ${label(id, nodes)}: ${says.map((s) => `${s.x.snap.reporter ? label(s.x.snap.reporter, nodes) : s.x.snap.source} says ${s.text}`).join('; ')}`,
        [id, ...list.map((x) => x.entry.masterId).filter((m): m is NodeId => m !== null)],
        list.map((x) => ev(x.snap, x.entry.line)),
      );
  }

  // Replicas of each master.
  const replicasOf = new Map<NodeId, TopologyNode[]>();
  for (const n of nodes.values())
    if (n.role === 'replica' && n.masterId) {
      let list = replicasOf.get(n.masterId);
      if (!list) replicasOf.set(n.masterId, (list = []));
      list.push(n);
    }
  const failed = (n: TopologyNode) => n.failBy.length > 0;
  const working = (r: TopologyNode) => !failed(r) && r.pfailBy.length === 0 && !r.flags.includes('nofailover') && r.linkDownBy.length === 0;

  // 6. Failed masters that still own slots, and other failed / suspected nodes.
  for (const n of [...nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const replicas = replicasOf.get(n.id) ?? [];
    if (n.role === 'master' && n.slots.length > 0 && failed(n)) {
      const able = replicas.filter(working);
      const takeover =
        replicas.length === 0
          ? 'it has no replica to take them over'
          : able.length === 0
            ? `none of its replicas can take them over (${who(
                replicas.map((r) => r.id),
                nodes,
              )})`
            : `replica ${who(
                able.map((r) => r.id),
                nodes,
              )} can take them over`;
      add(
        'topology.slots-failed',
        `slots ${slotCount(n.slots)} are down: their master ${label(n.id, nodes)} is flagged fail by ${who(n.failBy, nodes)}; ${takeover}`,
        [n.id, ...replicas.map((r) => r.id)],
        lineOf(n.id),
        n.slots,
      );
    } else if (failed(n)) {
      const role =
        n.role === 'replica' && n.masterId
          ? `replica of ${label(n.masterId, nodes)}`
          : n.role === 'master'
            ? 'master without slots'
            : 'node';
      add('topology.node-failed', `${label(n.id, nodes)} (${role}) is flagged fail by ${who(n.failBy, nodes)}`, [n.id], lineOf(n.id));
    } else if (n.pfailBy.length > 0) {
      add('topology.node-pfail', `${label(n.id, nodes)} is suspected failing (fail?) by ${who(n.pfailBy, nodes)}`, [n.id], lineOf(n.id));
    }
    if (!failed(n) && n.linkDownBy.length > 0 && n.pfailBy.length === 0 && !n.flags.includes('handshake'))
      add(
        'topology.link-down',
        `${who(n.linkDownBy, nodes)} ${n.linkDownBy.length === 1 ? 'has' : 'have'} no cluster bus link to ${label(n.id, nodes)} (disconnected)`,
        [n.id],
        lineOf(n.id),
      );
    if (n.flags.includes('noaddr'))
      add('topology.node-noaddr', `${label(n.id, nodes)} has no known address (noaddr)`, [n.id], lineOf(n.id));
    if (n.flags.includes('handshake'))
      add('topology.node-handshake', `${label(n.id, nodes)} is still in handshake (not yet a member)`, [n.id], lineOf(n.id));
  }

  // 7. Masters without a (working) replica; a replica on its master's host.
  for (const n of [...nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (n.role !== 'master' || n.slots.length === 0) continue;
    const replicas = replicasOf.get(n.id) ?? [];
    if (replicas.length === 0) {
      if (!failed(n))
        add(
          'topology.no-replica',
          `master ${label(n.id, nodes)} serves slots ${slotCount(n.slots)} and has no replica`,
          [n.id],
          ownLine(n.id),
        );
    } else if (!replicas.some(working) && !failed(n))
      add(
        'topology.no-working-replica',
        `master ${label(n.id, nodes)} serves slots ${slotCount(n.slots)} and has no working replica: ${who(
          replicas.map((r) => r.id),
          nodes,
        )} failed, suspected, unreachable or nofailover`,
        [n.id, ...replicas.map((r) => r.id)],
        [...ownLine(n.id), ...replicas.flatMap((r) => ownLine(r.id))],
      );
    const host = hostOf(n);
    for (const r of replicas)
      if (host !== null && hostOf(r) === host)
        add(
          'topology.replica-same-host',
          `replica ${label(r.id, nodes)} runs on the same host (${host}) as its master ${label(n.id, nodes)}: losing the host loses both`,
          [n.id, r.id],
          [...ownLine(n.id), ...ownLine(r.id)],
        );
  }
  for (const n of nodes.values())
    if (n.role === 'replica' && n.masterId && !nodes.has(n.masterId))
      add(
        'topology.replica-of-unknown',
        `${label(n.id, nodes)} claims to be a replica of unknown node ${n.masterId}`,
        [n.id],
        lineOf(n.id),
      );

  // 8. Two masters sharing a config epoch.
  const byEpoch = new Map<number, TopologyNode[]>();
  for (const n of nodes.values())
    if (n.role === 'master' && n.slots.length > 0 && n.configEpoch > 0) {
      let list = byEpoch.get(n.configEpoch);
      if (!list) byEpoch.set(n.configEpoch, (list = []));
      list.push(n);
    }
  for (const [epoch, list] of [...byEpoch.entries()].sort((a, b) => a[0] - b[0]))
    if (list.length > 1) {
      const ids = list.map((n) => n.id).sort();
      add('topology.epoch-collision', `masters ${who(ids, nodes)} share config epoch ${epoch}`, ids, ids.flatMap(ownLine));
    }

  // 9. Same-round CLUSTER INFO and INFO replication: per reporter, the one nearest the round's time.
  const start = snaps.find((s) => Number.isFinite(s.at))?.at;
  const nearestPerReporter = <T extends Snapshot>(list: readonly T[]): T[] => {
    if (start === undefined) return [];
    const best = new Map<string, T>();
    for (const x of list) {
      if (!Number.isFinite(x.at) || Math.abs(x.at - start) > ROUND_WINDOW_MS) continue;
      const k = reporterKey(x);
      const cur = best.get(k);
      if (!cur || Math.abs(x.at - start) < Math.abs(cur.at - start)) best.set(k, x);
    }
    return [...best.values()].sort(byTime);
  };
  const reporterName = (x: Snapshot) => (x.reporter ? label(x.reporter, nodes) : (x.reporterAddress ?? `${x.source}:${x.line}`));
  const down = nearestPerReporter(extras.info ?? []).filter((i) => i.fields.cluster_state === 'fail');
  if (down.length > 0) {
    const slotsFail = [...new Set(down.map((i) => i.fields.cluster_slots_fail).filter((x) => x !== undefined))];
    add(
      'topology.cluster-state-fail',
      `${down.map(reporterName).join(', ')} report${down.length === 1 ? 's' : ''} cluster_state:fail${slotsFail.length ? ` (cluster_slots_fail:${slotsFail.join('/')})` : ''}: ${down.length === 1 ? 'it refuses' : 'they refuse'} queries`,
      down.map((i) => i.reporter).filter((x): x is NodeId => x !== null),
      down.map((i) => ev(i)),
    );
  }
  for (const r of nearestPerReporter(extras.replication ?? []))
    if ((r.fields.role === 'slave' || r.fields.role === 'replica') && r.fields.master_link_status === 'down') {
      const master = r.fields.master_host ? `${r.fields.master_host}:${r.fields.master_port ?? '?'}` : 'its master';
      add(
        'topology.replica-link-down',
        `replica ${reporterName(r)} has its replication link to ${master} down (master_link_status:down)`,
        r.reporter ? [r.reporter] : [],
        [ev(r)],
      );
    }

  const order = TOPOLOGY_RULES;
  problems.sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : b.severity === 'error' ? 1 : a.severity === 'warning' ? -1 : 1) ||
      order.indexOf(a.rule) - order.indexOf(b.rule) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );

  const first = snaps[0];
  return {
    at: first && Number.isFinite(first.at) ? Math.max(...snaps.filter((s) => Number.isFinite(s.at)).map((s) => s.at)) : NaN,
    atFrom: snaps.every((s) => s.atFrom === 'stamp') ? 'stamp' : snaps.some((s) => s.atFrom === 'unknown') ? 'unknown' : 'inferred',
    reporters: snaps.map((s) => ({
      id: s.reporter,
      address: s.reporterAddress,
      at: s.at,
      atFrom: s.atFrom,
      source: s.source,
      line: s.line,
    })),
    nodes: orderNodes([...nodes.values()], replicasOf),
    problems,
    status: problems.some((p) => p.severity === 'error') ? 'fail' : 'ok',
  };
}

function orderNodes(all: TopologyNode[], replicasOf: Map<NodeId, TopologyNode[]>): TopologyNode[] {
  const byId = (a: TopologyNode, b: TopologyNode) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const masters = all
    .filter((n) => n.role === 'master')
    .sort((a, b) => (a.slots[0]?.start ?? SLOT_COUNT) - (b.slots[0]?.start ?? SLOT_COUNT) || byId(a, b));
  const out: TopologyNode[] = [];
  const placed = new Set<NodeId>();
  for (const m of masters) {
    out.push(m);
    placed.add(m.id);
    for (const r of [...(replicasOf.get(m.id) ?? [])].sort(byId)) {
      out.push(r);
      placed.add(r.id);
    }
  }
  for (const n of all.filter((n) => !placed.has(n.id)).sort(byId)) out.push(n);
  return out;
}

// ── changes ─────────────────────────────────────────────────────────────────────────────────────────────

/** What changed from `before` to `after`: roles, slot owners, config epochs, fail flags, membership. */
export function diffViews(before: TopologyView, after: TopologyView): TopologyChange[] {
  const b = new Map(before.nodes.map((n) => [n.id, n]));
  const a = new Map(after.nodes.map((n) => [n.id, n]));
  const both = new Map([...b, ...a]);
  const lbl = (id: NodeId) => label(id, both);
  const role = (n: TopologyNode) =>
    n.role === 'replica' ? `replica of ${n.masterId ? lbl(n.masterId) : '?'}` : n.role === 'master' ? 'master' : 'no role';
  const changes: TopologyChange[] = [];
  const ids = [...new Set([...b.keys(), ...a.keys()])].sort();
  for (const id of ids) {
    const x = b.get(id);
    const y = a.get(id);
    if (!x && y) {
      changes.push({ kind: 'added', message: `${lbl(id)} joined as ${role(y)}`, nodes: [id] });
      continue;
    }
    if (x && !y) {
      changes.push({ kind: 'removed', message: `${lbl(id)} is no longer listed`, nodes: [id] });
      continue;
    }
    if (!x || !y) continue;
    if (role(x) !== role(y))
      changes.push({ kind: 'role', message: `${lbl(id)}: ${role(x)} → ${role(y)}`, nodes: [id, ...(y.masterId ? [y.masterId] : [])] });
    if (x.role === 'master' && y.role === 'master' && y.configEpoch > x.configEpoch)
      changes.push({ kind: 'epoch', message: `${lbl(id)}: config epoch ${x.configEpoch} → ${y.configEpoch}`, nodes: [id] });
    else if (x.role !== 'master' && y.role === 'master')
      changes.push({ kind: 'epoch', message: `${lbl(id)}: config epoch ${y.configEpoch} as the new master`, nodes: [id] });
    if (x.failBy.length === 0 && y.failBy.length > 0) changes.push({ kind: 'failed', message: `${lbl(id)} flagged fail`, nodes: [id] });
    if (x.failBy.length > 0 && y.failBy.length === 0)
      changes.push({ kind: 'recovered', message: `${lbl(id)} no longer flagged fail`, nodes: [id] });
  }
  // Slots that changed owner.
  const owners = (v: TopologyView) => {
    const list: Array<{ range: SlotRange; owner: NodeId }> = [];
    for (const n of v.nodes) if (n.role === 'master') for (const r of n.slots) list.push({ range: r, owner: n.id });
    return list;
  };
  const cuts = new Set<number>([0, SLOT_COUNT]);
  const ob = owners(before);
  const oa = owners(after);
  for (const o of [...ob, ...oa]) cuts.add(o.range.start).add(o.range.end + 1);
  const points = [...cuts].sort((p, q) => p - q);
  const ownerAt = (list: typeof ob, slot: number) => list.find((o) => o.range.start <= slot && slot <= o.range.end)?.owner ?? null;
  const moves: Array<{ range: SlotRange; from: NodeId | null; to: NodeId | null }> = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const range = { start: points[i], end: points[i + 1] - 1 };
    const from = ownerAt(ob, range.start);
    const to = ownerAt(oa, range.start);
    if (from === to) continue;
    const last = moves[moves.length - 1];
    if (last && last.from === from && last.to === to && last.range.end + 1 === range.start)
      last.range = { start: last.range.start, end: range.end };
    else moves.push({ range, from, to });
  }
  for (const m of moves)
    changes.push({
      kind: 'slots',
      message: `slots ${slotCount([m.range])}: ${m.from ? lbl(m.from) : 'uncovered'} → ${m.to ? lbl(m.to) : 'uncovered'}`,
      nodes: [m.from, m.to].filter((x): x is NodeId => x !== null).sort(),
      slots: formatRanges([m.range]),
    });
  return changes;
}

// ── a cluster over time ─────────────────────────────────────────────────────────────────────────────────

function signature(v: TopologyView): string {
  const problems = v.problems.map((p) => `${p.rule}|${p.nodes.join(',')}|${p.slots ?? ''}`);
  const topology = v.nodes.map((n) => `${n.id}|${n.role}|${n.masterId ?? ''}|${n.configEpoch}|${formatRanges(n.slots)}`);
  return [...problems, ...topology].join('\n');
}

/**
 * Every round of a cluster's snapshots, checked; when some CLUSTER NODES snapshots have a stamped capture
 * time, only those are used (the others are counted in `unusedUntimed`). The states to show are the first view and every view
 * whose problems or topology (roles, masters, epochs, slot owners) differ from the view before it, each
 * with what changed since the state shown before. With `at`, only views at or before it count.
 */
export function analyzeTopology(id: string, snapshots: readonly Snapshot[], opts: { at?: EpochMs } = {}): ClusterTopology {
  const allNodes = snapshots.filter((s): s is ClusterNodesSnapshot => s.kind === 'cluster-nodes');
  // Snapshots captured at a known moment make a clean sequence of rounds; ones dated only by their pong
  // stamps (a nodes.conf, a paste without a stamp line) would interleave with them at guessed times.
  const stamped = allNodes.filter((s) => s.atFrom === 'stamp');
  const nodesSnaps = stamped.length > 0 ? stamped : allNodes;
  const keep = (s: Snapshot) => stamped.length === 0 || s.atFrom === 'stamp';
  const extras: RoundExtras = {
    info: snapshots.filter((s): s is ClusterInfoSnapshot => s.kind === 'cluster-info' && keep(s)),
    replication: snapshots.filter((s): s is ReplicationSnapshot => s.kind === 'replication' && keep(s)),
  };
  let rounds = roundsOf(nodesSnaps);
  if (opts.at !== undefined) rounds = rounds.filter((r) => Number.isFinite(r[0].at) && r[0].at <= opts.at!);
  const views = rounds.map((r) => checkView(r, extras));
  const states: TopologyState[] = [];
  let prevSig: string | null = null;
  for (const v of views) {
    const sig = signature(v);
    if (sig !== prevSig) {
      const before = states[states.length - 1]?.view;
      states.push({ view: v, changes: before ? diffViews(before, v) : [] });
    }
    prevSig = sig;
  }
  return {
    id,
    states,
    final: views[views.length - 1] ?? null,
    viewCount: views.length,
    unusedUntimed: allNodes.length - nodesSnaps.length,
  };
}

/** Exit status of a topology check: 1 when a final view has errors (or warnings, with strict). */
export function topologyExitCode(clusters: readonly ClusterTopology[], strict: boolean): number {
  for (const c of clusters) {
    if (!c.final) continue;
    if (c.final.problems.some((p) => p.severity === 'error' || (strict && p.severity === 'warning'))) return 1;
  }
  return 0;
}

/** `--against`: the final view of each cluster compared with an earlier snapshot of the same cluster. */
export interface AgainstResult {
  cluster: string;
  /** The earlier view (the last round of the earlier snapshots that share nodes with the cluster). */
  earlier: TopologyView;
  changes: TopologyChange[];
}

/**
 * Match earlier CLUSTER NODES snapshots to each cluster by shared node ids (the cluster sharing the most
 * ids gets them) and diff the earlier file's last round against the cluster's final view.
 */
export function compareAgainst(clusters: readonly ClusterTopology[], earlier: readonly Snapshot[]): AgainstResult[] {
  const nodesSnaps = earlier.filter((s): s is ClusterNodesSnapshot => s.kind === 'cluster-nodes');
  const out: AgainstResult[] = [];
  const owned = new Map<ClusterNodesSnapshot, string>();
  for (const s of nodesSnaps) {
    const ids = new Set(s.nodes.map((n) => n.id));
    let best: { id: string; n: number } | null = null;
    for (const c of clusters) {
      if (!c.final) continue;
      const n = c.final.nodes.filter((x) => ids.has(x.id)).length;
      if (n > 0 && (!best || n > best.n)) best = { id: c.id, n };
    }
    if (best) owned.set(s, best.id);
  }
  for (const c of clusters) {
    if (!c.final) continue;
    const mine = nodesSnaps.filter((s) => owned.get(s) === c.id);
    const rounds = roundsOf(mine);
    if (rounds.length === 0) continue;
    const view = checkView(rounds[rounds.length - 1]);
    out.push({ cluster: c.id, earlier: view, changes: diffViews(view, c.final) });
  }
  return out;
}
