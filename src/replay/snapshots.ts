import type { EpochMs, NodeId } from '../model/ids.ts';
import type {
  NodeEntry,
  ClusterInfoSnapshot,
  ClusterNodesSnapshot,
  ClusterShardsSnapshot,
  ConfigSnapshot,
  ReplicationSnapshot,
  Snapshot,
} from '../model/snapshot.ts';
import { normalizeRanges, SLOT_COUNT, subtractRanges, type SlotRange } from '../model/slots.ts';
import { evidenceOf, type NodeRuntime, type ReplayState } from './state.ts';
import type { SnapshotView } from './trace.ts';

/** Pong stamps later than the capture time by more than this are not trusted (redis accepts 500 ms). */
const PONG_FUTURE_TOLERANCE_MS = 500;

type SnapshotHandler<S extends Snapshot> = (s: ReplayState, snap: S) => void;

export const snapshotHandlers: { [K in Snapshot['kind']]: SnapshotHandler<Extract<Snapshot, { kind: K }>> } = {
  'cluster-nodes': applyClusterNodes,
  'cluster-info': applyClusterInfo,
  replication: applyReplication,
  'cluster-shards': applyClusterShards,
  config: applyConfig,
};

export function applySnapshot(s: ReplayState, snap: Snapshot): void {
  (snapshotHandlers[snap.kind] as SnapshotHandler<Snapshot>)(s, snap);
}

function reporterOf(s: ReplayState, snap: Snapshot): NodeId | null {
  if (snap.reporter) return snap.reporter;
  if (snap.kind === 'cluster-nodes') {
    const me = snap.nodes.find((n) => n.flags.includes('myself'));
    if (me) return me.id;
  }
  return s.nodeAt(snap.reporterAddress ?? undefined);
}

type ViewEntry = SnapshotView['entries'][number];

/** What applyClusterNodes derives from an entry's text alone, plus the node's runtime record. */
interface Shape {
  from: NodeEntry;
  view: ViewEntry;
  node: NodeRuntime;
  /** Read from the flags once per shape instead of once per entry. */
  nofailover: boolean;
  myself: boolean;
  flag: 'fail' | 'pfail' | null;
  /** The SlotMap version at which this master's slots were last found held at its epoch (claimSlots no-op). */
  heldAt: number;
}

/**
 * Per replay: shapes by the flags array of the snapshot entry they were made from. The snapshot scanner
 * shares one flags array between a node's entries while nothing but ping/pong changed (src/parse/
 * snapshot/nodes-fast.ts), so a 1000-node cluster captured every second makes 1000 view entries, not
 * 1000 a second, and the address/runtime lookups run once per node. Nothing downstream mutates view
 * entries; NodeRuntime records are never replaced; an address, once in byAddress, stays.
 */
const shapesOf = new WeakMap<ReplayState, WeakMap<readonly string[], Shape>>();

function sameShape(f: NodeEntry, e: NodeEntry): boolean {
  return (
    f.id === e.id &&
    f.address === e.address &&
    f.masterId === e.masterId &&
    f.configEpoch === e.configEpoch &&
    f.linkState === e.linkState &&
    f.slots === e.slots
  );
}

function shapeOf(s: ReplayState, shapes: WeakMap<readonly string[], Shape>, e: NodeEntry): Shape {
  const known = shapes.get(e.flags);
  if (known && sameShape(known.from, e)) return known;
  if (e.address && !e.address.startsWith(':') && !s.byAddress.has(e.address)) s.byAddress.set(e.address, e.id);
  const role = e.flags.includes('master') ? 'master' : e.flags.includes('slave') ? 'replica' : 'unknown';
  const view: ViewEntry = {
    id: e.id,
    role,
    masterId: e.masterId,
    flags: [...e.flags],
    configEpoch: e.configEpoch,
    slots: e.slots.map((r) => ({ start: r.start, end: r.end })),
    connected: e.linkState === 'connected',
  };
  const shape: Shape = {
    from: e,
    view,
    node: s.node(e.id),
    nofailover: e.flags.includes('nofailover'),
    myself: e.flags.includes('myself'),
    flag: e.flags.includes('fail') ? 'fail' : e.flags.includes('fail?') ? 'pfail' : null,
    heldAt: -1,
  };
  if (!known) shapes.set(e.flags, shape);
  return shape;
}

const timed = (snap: Snapshot) => snap.atFrom !== 'unknown' && Number.isFinite(snap.at);

/** A reporter that answered no CLUSTER NODES poll for this long was down (or restarting) meanwhile. */
const REPLY_GAP_MS = 3000;
/** Per replay: each reporter's last timed view, and the gaps in its replies ([last before, first after]). */
const repliesOf = new WeakMap<ReplayState, Map<NodeId, { last: EpochMs; gaps: Array<[EpochMs, EpochMs]> }>>();

function replyGaps(s: ReplayState, reporter: NodeId, at: EpochMs): Array<[EpochMs, EpochMs]> {
  let all = repliesOf.get(s);
  if (!all) repliesOf.set(s, (all = new Map()));
  const r = all.get(reporter);
  if (!r) {
    all.set(reporter, { last: at, gaps: [] });
    return [];
  }
  if (at - r.last > REPLY_GAP_MS) r.gaps.push([r.last, at]);
  r.last = Math.max(r.last, at);
  return r.gaps;
}

// https://redis.io/docs/latest/commands/cluster-nodes/
function applyClusterNodes(s: ReplayState, snap: ClusterNodesSnapshot): void {
  const reporter = reporterOf(s, snap);
  const ev = evidenceOf(snap);
  const at = snap.at;
  if (timed(snap)) s.touch(at);
  if (reporter && timed(snap)) s.alive(reporter, at, ev, null);
  const view: SnapshotView = { reporter, at, atFrom: snap.atFrom, entries: [], evidence: ev };
  /** The slot lists of the masters, in entry order (shared arrays while unchanged: see unlistedOf). */
  const listed: Array<readonly SlotRange[]> = [];
  let flagsSeen = reporter ? s.flagNow.get(reporter) : undefined;

  let shapes = shapesOf.get(s);
  if (!shapes) shapesOf.set(s, (shapes = new WeakMap()));
  const isTimed = timed(snap);
  const gaps = reporter && isTimed ? replyGaps(s, reporter, at) : [];
  for (const e of snap.nodes) {
    if (!e.id) continue;
    const shape = shapeOf(s, shapes, e);
    const role = shape.view.role;
    const isMaster = role === 'master';
    view.entries.push(shape.view);
    const n = shape.node;
    if (shape.nofailover) n.nofailover = true;
    if (!isTimed) continue;
    const own = e.id === reporter || shape.myself;

    // Roles: a node's own view is authoritative; another's view is used for nodes we have no log of,
    // or whose role we do not know yet.
    if (role !== 'unknown' && (own || !n.hasLog || n.role === 'unknown')) {
      const wasMasterWithSlots = n.role === 'master' && s.slots.rangesOf(e.id).length > 0;
      if (role === 'replica' && n.role === 'master')
        s.demotions.push({ node: e.id, newMaster: e.masterId, at, hadSlots: wasMasterWithSlots, fromSnapshot: true, evidence: ev });
      s.setRole(e.id, at, role, role === 'replica' ? e.masterId : null, own);
    }

    // Failure flags as this reporter sees them.
    if (reporter && !own) {
      const flag = shape.flag;
      const cur = flagsSeen?.get(e.id)?.flag ?? null;
      if (flag !== cur) {
        s.failMarks.push({
          observer: reporter,
          subject: e.id,
          kind: flag === 'fail' ? 'seen-fail' : flag === 'pfail' ? 'seen-pfail' : 'seen-clear',
          at,
          fromSnapshot: true,
          evidence: ev,
        });
        s.setFlag(reporter, e.id, flag, at, ev);
        flagsSeen = s.flagNow.get(reporter);
      }
      // Pong stamps are in the reporter's clock; a pong received means the node was alive then. Not a
      // ping-sent equal to the pong: a node that loads nodes.conf at start-up sets both to the load
      // time (redis 7.0 src/cluster.c clusterLoadConfig, `if (atoi(argv[5])) n->pong_received =
      // mstime()`, the same in 3.0.7), while a real pong clears ping_sent (clusterProcessPacket). A
      // replica restarted while its master is down shows its master "answering" at its own restart.
      // Nor, on a link the reporter has down, a pong stamped while the reporter itself answered no
      // poll: that is its own start-up (the load time above, with ping_sent 0 or a later ping), not
      // the node answering — a replica restarted while its master was down (replica-never-synced).
      const loaded =
        (e.pingSent > 0 && e.pingSent === e.pongRecv) ||
        (e.linkState === 'disconnected' && gaps.some(([a, b]) => e.pongRecv > a && e.pongRecv <= b));
      const pong = loaded ? 0 : e.pongRecv;
      if (pong > 0 && pong <= at + PONG_FUTURE_TOLERANCE_MS) s.alive(e.id, pong, ev, null);
      if ((e.pingSent > 0 && e.pingSent > pong) || e.linkState === 'disconnected' || flag)
        s.pings.push({
          observer: reporter,
          subject: e.id,
          at,
          pongRecv: pong > 0 ? pong : null,
          pingSent: e.pingSent > 0 ? e.pingSent : null,
          linkState: e.linkState,
          evidence: ev,
        });
    }

    if (isMaster && (own || n.configEpoch === null || e.configEpoch > n.configEpoch) && e.configEpoch !== n.configEpoch) {
      n.configEpoch = e.configEpoch;
      s.epochs.push({ node: e.id, epoch: e.configEpoch, kind: 'config', via: 'snapshot', at, evidence: ev });
    }

    if (isMaster && e.slots.length > 0) {
      listed.push(e.slots);
      if (shape.heldAt !== s.slots.version) {
        claimSlots(s, e.id, e.slots, e.configEpoch, at, ev, own);
        // Held now (whether it was already or claimSlots just made it so) is only known by asking again.
        if (s.slots.holds(e.slots, e.id, e.configEpoch)) shape.heldAt = s.slots.version;
      }
    }
  }

  // Slots nobody lists are uncovered; say so only where we did not know better already.
  if (timed(snap) && snap.nodes.some((n) => n.slots.length > 0)) {
    const unlisted = unlistedOf(s, listed);
    const unknown = unlisted.length === 0 ? [] : s.slots.lookup(unlisted).filter((seg) => seg.owner === undefined);
    if (unknown.length > 0) s.assignSlots(at, unknown, null, null);
  }
  // A view with every slot served by a master nobody flags, all reachable, means cluster_state ok
  // (redis 7.0 clusterUpdateState) within the rejoin delay; record it only to end a known fail.
  // Not when the node's own CLUSTER INFO reply of the same poll says its cluster_state: it knows better (a
  // rejoining master keeps fail for a while after every flag is gone).
  if (
    reporter &&
    timed(snap) &&
    s.stateNow.get(reporter) === 'fail' &&
    !(s.infoReporters.get(reporter) ?? []).some((t) => Math.abs(t - at) <= 2000)
  ) {
    const masters = snap.nodes.filter((n) => n.flags.includes('master') && n.slots.length > 0);
    const healthy = masters.every(
      (n) => !n.flags.includes('fail') && !n.flags.includes('fail?') && (n.linkState === 'connected' || n.flags.includes('myself')),
    );
    const covered =
      subtractRanges(
        [{ start: 0, end: SLOT_COUNT - 1 }],
        masters.flatMap((n) => n.slots),
      ).length === 0;
    if (masters.length > 0 && healthy && covered) {
      s.setState(reporter, 'ok', at, ev, true);
      inferredOk(s).set(reporter, s.stateChanges[s.stateChanges.length - 1]);
    }
  }
  if (snap.vars && reporter && timed(snap)) {
    s.epochs.push({ node: reporter, epoch: snap.vars.currentEpoch, kind: 'current', via: 'snapshot', at, evidence: ev });
  }
  s.views.push(view);
}

/** Per replay: the slot lists of the last view and the slots none of them covered. */
const unlistedMemo = new WeakMap<ReplayState, { lists: Array<readonly SlotRange[]>; unlisted: SlotRange[] }>();

/**
 * The slots outside every list. A steady cluster's views list the very same slot arrays every poll (the
 * scanner shares them while a line is unchanged), so the answer of the last view is reused when each
 * list is the same array as then: one pointer compare per master instead of sorting 500 ranges.
 */
function unlistedOf(s: ReplayState, lists: Array<readonly SlotRange[]>): SlotRange[] {
  const memo = unlistedMemo.get(s);
  if (memo && memo.lists.length === lists.length && memo.lists.every((l, i) => l === lists[i])) return memo.unlisted;
  const all: SlotRange[] = [];
  for (const l of lists) for (const r of l) all.push(r);
  const unlisted = subtractRanges([{ start: 0, end: SLOT_COUNT - 1 }], all);
  unlistedMemo.set(s, { lists, unlisted });
  return unlisted;
}

/**
 * A master listed with slots at some config epoch. The higher epoch wins (redis 7.0
 * clusterUpdateSlotsConfigWith); a change of owner seen only here becomes a promotion with bounds.
 */
function claimSlots(
  s: ReplayState,
  owner: NodeId,
  ranges: readonly SlotRange[],
  epoch: number,
  at: number,
  ev: { source: string; line: number },
  own: boolean,
): void {
  // A master listed again as it was (every second in a steady cluster): nothing below would change.
  if (s.slots.holds(ranges, owner, epoch)) return;
  const segs = s.slots.lookup(ranges);
  const fresh = segs.filter((g) => g.owner === undefined);
  if (fresh.length > 0) s.assignSlots(at, fresh, owner, epoch);
  const sameOwnerNoEpoch = segs.filter((g) => g.owner === owner && g.epoch !== epoch && (g.epoch === null || epoch > g.epoch));
  if (sameOwnerNoEpoch.length > 0) s.assignSlots(at, sameOwnerNoEpoch, owner, epoch);
  // An owner known without its epoch (read from a log line) is displaced only by a higher epoch than
  // that owner's last known one, or by the claimant's own view: other reporters may lag behind.
  const beats = (g: { owner: NodeId | null | undefined; epoch: number | null }): boolean => {
    if (g.epoch !== null) return epoch > g.epoch;
    const known = g.owner ? s.node(g.owner).configEpoch : null;
    return known !== null ? epoch > known : own;
  };
  const taken = segs.filter((g) => g.owner !== undefined && g.owner !== owner && beats(g));
  if (taken.length === 0) return;
  s.assignSlots(at, taken, owner, epoch);
  const byOld = new Map<NodeId | null, SlotRange[]>();
  for (const g of taken) {
    const key = g.owner ?? null;
    const list = byOld.get(key) ?? [];
    list.push({ start: g.start, end: g.end });
    byOld.set(key, list);
  }
  for (const [old, list] of byOld) {
    // Already explained by a promotion we read from a log line?
    const known = s.promotionsOf(owner).find((p) => (p.replaced === old || p.replaced === null) && p.at <= at);
    if (known) {
      if (known.slots.length === 0) known.slots = normalizeRanges(list);
      if (known.epoch === null) known.epoch = epoch;
      if (known.replaced === null) known.replaced = old;
      continue;
    }
    const lastView = s.views.length > 0 ? s.views[s.views.length - 1].at : at;
    s.promotions.push({
      node: owner,
      replaced: old,
      at,
      atBounds: [Math.min(lastView, at), at],
      epoch,
      slots: normalizeRanges(list),
      via: 'snapshot',
      election: null,
      evidence: [ev],
    });
  }
}

/** Per replay and reporter: the `ok` inferred from its last CLUSTER NODES view, until its next CLUSTER INFO. */
const inferredOks = new WeakMap<ReplayState, Map<NodeId, ReplayState['stateChanges'][number]>>();
function inferredOk(s: ReplayState): Map<NodeId, ReplayState['stateChanges'][number]> {
  let m = inferredOks.get(s);
  if (!m) inferredOks.set(s, (m = new Map()));
  return m;
}
/** A CLUSTER INFO this soon after an inferred `ok` that still says fail takes it back (rejoin delay, minority). */
const INFERRED_OK_RETRACT_MS = 1000;

function applyClusterInfo(s: ReplayState, snap: ClusterInfoSnapshot): void {
  const reporter = reporterOf(s, snap);
  if (!reporter || !timed(snap)) return;
  const ev = evidenceOf(snap);
  s.touch(snap.at);
  s.alive(reporter, snap.at, ev, null);
  const st = snap.fields['cluster_state'];
  // The node's own cluster_state beats what its view implied: a node still in its rejoin delay (or in a
  // minority) says fail though every slot looks served (redis 7.0 clusterUpdateState).
  const guess = st === 'ok' || st === 'fail' ? inferredOk(s).get(reporter) : undefined;
  if (guess) inferredOk(s).delete(reporter);
  if (guess && st === 'fail' && snap.at - guess.at <= INFERRED_OK_RETRACT_MS) {
    const i = s.stateChanges.lastIndexOf(guess);
    if (i >= 0) s.stateChanges.splice(i, 1);
  }
  if (st === 'ok' || st === 'fail') s.setState(reporter, st, snap.at, ev, true);
  const my = Number(snap.fields['cluster_my_epoch']);
  const n = s.node(reporter);
  if (snap.fields['cluster_my_epoch'] !== undefined && Number.isFinite(my) && n.role !== 'replica' && n.configEpoch !== my) {
    n.configEpoch = my;
    s.epochs.push({ node: reporter, epoch: my, kind: 'config', via: 'snapshot', at: snap.at, evidence: ev });
  }
}

function applyReplication(s: ReplayState, snap: ReplicationSnapshot): void {
  const reporter = reporterOf(s, snap);
  if (!reporter || !timed(snap)) return;
  const ev = evidenceOf(snap);
  s.touch(snap.at);
  s.alive(reporter, snap.at, ev, null);
  const role = snap.fields['role'];
  if (role === 'master') s.setRole(reporter, snap.at, 'master', null, true);
  else if (role === 'slave') {
    const addr =
      snap.fields['master_host'] && snap.fields['master_port'] ? `${snap.fields['master_host']}:${snap.fields['master_port']}` : undefined;
    s.setRole(reporter, snap.at, 'replica', s.nodeAt(addr), true);
  }
  const mo = Number(snap.fields['master_repl_offset']);
  if (snap.fields['master_repl_offset'] !== undefined && Number.isFinite(mo))
    s.offsets.push({ node: reporter, offset: mo, at: snap.at, what: role === 'slave' ? 'slave-repl' : 'master-repl', evidence: ev });
}

function applyClusterShards(s: ReplayState, snap: ClusterShardsSnapshot): void {
  if (!timed(snap)) return;
  const ev = evidenceOf(snap);
  s.touch(snap.at);
  for (const shard of snap.shards) {
    const master = shard.nodes.find((n) => n.role === 'master');
    if (master && shard.slots.length > 0) {
      const fresh = s.slots.lookup(shard.slots).filter((g) => g.owner === undefined);
      if (fresh.length > 0) s.assignSlots(snap.at, fresh, master.id, null);
    }
    for (const n of shard.nodes) {
      const rt = s.node(n.id);
      if (rt.role === 'unknown' && (n.role === 'master' || n.role === 'replica'))
        s.setRole(n.id, snap.at, n.role, n.role === 'replica' ? (master?.id ?? null) : null, false);
    }
  }
  void ev;
}

function applyConfig(s: ReplayState, snap: ConfigSnapshot): void {
  const raw = snap.params['cluster-node-timeout'];
  if (raw === undefined) return;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms <= 0) return;
  s.configs.push({
    node: reporterOf(s, snap),
    nodeTimeoutMs: ms,
    from: 'config',
    source: snap.source,
    at: snap.at,
    evidence: evidenceOf(snap),
  });
}
