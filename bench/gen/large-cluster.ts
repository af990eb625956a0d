// A 1000-node cluster (500 masters, 500 replicas) incident: one master is SIGKILLed, its replica wins
// the election, the old master comes back as a replica. Built from the recorded master-sigkill
// incident (real Redis 7.0.15 logs of 3 masters + 3 replicas):
//
//   failed master m0  ← node-7001.log        its replica r0 (promoted) ← node-7004.log
//   master m1 (marks FAIL) ← node-7002.log   its replica r1            ← node-7005.log
//   masters m2…       ← node-7000.log        their replicas r2…        ← node-7003.log
//
// with node ids, addresses, pids, replication ids and epochs mapped onto the big cluster. Lines
// before the kill are shifted to the start of the window, lines from the kill on to its middle.
// Observers (a few nodes) write CLUSTER NODES (1000 lines) and CLUSTER INFO every second for the
// whole window, as fixtures/incidents/*/snapshots-*.txt do: an ISO-8601 capture time on its own
// line, then the raw reply. Slot ownership flips from m0 to r0 when the election is won.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { type RecordedIncident, Rewriter } from '../lib/incidents.ts';
import { Prng } from '../lib/prng.ts';
import { FileWriter, isoStamp, RedisLogWriter } from '../lib/redis-log.ts';

export interface LargeClusterOptions {
  seed: number;
  masters: number;
  /** Seconds of snapshots (one per second per observer). */
  seconds: number;
  observers: number;
  startAt: number;
}

export interface GeneratedCluster {
  dir: string;
  files: string[];
  bytes: number;
  lines: number;
  snapshotLines: number;
  expectedFailovers: number;
  failed: string;
  promoted: string;
}

interface Node {
  index: number;
  id: string;
  master: boolean;
  /** pair index: master i and replica i */
  pair: number;
  ip: string;
  slots: string;
}

function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A deterministic 40-hex stand-in for a replication id in a given pair. */
function replid(old: string, pair: number): string {
  let out = '';
  let h = hash32(`${old}/${pair}`);
  for (let i = 0; i < 5; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    h = (h + 0x9e3779b9 + i) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

export function generateLargeCluster(dir: string, inc: RecordedIncident, opts: LargeClusterOptions): GeneratedCluster {
  mkdirSync(dir, { recursive: true });
  const rng = new Prng(opts.seed);
  const M = opts.masters;
  const masters: Node[] = [];
  const replicas: Node[] = [];
  for (let i = 0; i < M; i++) {
    const lo = Math.floor((i * 16384) / M);
    const hi = Math.floor(((i + 1) * 16384) / M) - 1;
    masters.push({
      index: i,
      id: rng.hex40(),
      master: true,
      pair: i,
      ip: `10.20.${i >> 8}.${i & 255}`,
      slots: lo === hi ? `${lo}` : `${lo}-${hi}`,
    });
  }
  for (let i = 0; i < M; i++)
    replicas.push({ index: M + i, id: rng.hex40(), master: false, pair: i, ip: `10.21.${i >> 8}.${i & 255}`, slots: '' });
  const all = [...masters, ...replicas];
  const nodeIds = new Set(all.map((n) => n.id));
  const addr = (n: Node) => `${n.ip}:6379`;

  // Which recorded node plays which role.
  const tmpl = new Map(inc.nodes.map((n) => [n.port, n]));
  const byPort = (port: number) => {
    const n = tmpl.get(port);
    if (!n) throw new Error(`${inc.name}: no node-${port}.log`);
    return n;
  };
  const kill = inc.nodes.flatMap((n) => n.lines).find((l) => l.msg.startsWith('Connection with master lost'));
  if (!kill) throw new Error(`${inc.name}: no "Connection with master lost" line to find the kill by`);
  const killAt = kill.at - 10; // the replica notices the kill a few ms after it
  const windowStart = opts.startAt;
  const killNew = windowStart + Math.floor((opts.seconds * 1000) / 2);
  const shiftBefore = windowStart - 4000 - inc.start;
  const shiftAfter = killNew - killAt;
  const newTime = (at: number) => (at < killAt ? at + shiftBefore : at + shiftAfter);
  const failoverEpoch = M + 1;

  const files: string[] = [];
  let bytes = 0;
  let lines = 0;
  let pidSeq = rng.int(2000, 9000);

  // Times of the incident's milestones, in the new window (from the recorded lines).
  const find = (port: number, prefix: string, after = killAt) => {
    const l = byPort(port).lines.find((x) => x.at >= after && x.msg.startsWith(prefix));
    if (!l) throw new Error(`${inc.name}: node-${port}.log has no "${prefix}" after the kill`);
    return newTime(l.at);
  };
  const pfailAt = killNew + 2000; // cluster-node-timeout 2000 ms in the recording
  const failAt = find(7002, 'Marking node');
  const wonAt = find(7004, 'Failover election won');
  const downAt = find(7002, 'Cluster state changed: fail');
  const okAt = find(7002, 'Cluster state changed: ok');
  const rejoinAt = find(7001, 'Configuration change detected');
  const clearAt = find(7002, 'Clear FAIL state');

  // ---- logs ------------------------------------------------------------------------------------
  for (const node of all) {
    const m0 = masters[0];
    const r0 = replicas[0];
    const m1 = masters[1];
    const r1 = replicas[1];
    const own = node.master ? masters[node.pair] : masters[node.pair];
    const ownR = replicas[node.pair];
    let port: number;
    if (node.pair === 0) port = node.master ? 7001 : 7004;
    else if (node.pair === 1) port = node.master ? 7002 : 7005;
    else port = node.master ? 7000 : 7003;
    // The other "ordinary" pair the template mentions (7000/7003), seen from pairs 0 and 1.
    const other = node.pair >= 2 ? own : masters[2];
    const otherR = node.pair >= 2 ? ownR : replicas[2];
    const roleOfPort: Record<number, Node> = { 7000: other, 7003: otherR, 7001: m0, 7004: r0, 7002: m1, 7005: r1 };
    const ids = new Map<string, string>();
    for (const n of inc.nodes) ids.set(n.id, roleOfPort[n.port].id);
    const pids = new Map<number, number>();
    for (const p of inc.pids) pids.set(p, (pidSeq = 1000 + ((pidSeq + rng.int(1, 50)) % 4_000_000)));
    const rw = new Rewriter(ids, pids, (p) => addr(roleOfPort[p] ?? node));
    const masterEpoch = (node.master ? node.pair : node.pair) + 1;
    const file = path.join(dir, `node-${node.ip}.log`);
    const w = new RedisLogWriter(file);
    for (const l of byPort(port).lines) {
      if (Number.isNaN(l.at)) continue;
      let msg = rw.text(l.msg);
      if (msg.includes('poch')) {
        msg = msg
          .replace(/configEpoch set to \d+ via/, `configEpoch set to ${masterEpoch} via`)
          .replace(/(epoch |configEpoch set to )4\b/, `$1${failoverEpoch}`);
      }
      if (msg.startsWith('Running mode=cluster')) msg = 'Running mode=cluster, port=6379.';
      if (msg.startsWith('IP address for this node updated to')) msg = `IP address for this node updated to ${node.ip}`;
      // Replication ids (never node ids) get a stand-in per master/replica pair.
      if (/[0-9a-f]{40}/.test(msg)) msg = msg.replace(/[0-9a-f]{40}/g, (hex) => (nodeIds.has(hex) ? hex : replid(hex, node.pair)));
      w.log(rw.pid(l.pid), l.role, newTime(l.at), l.level, msg);
    }
    w.close();
    files.push(file);
    bytes += w.out.bytes;
    lines += w.out.lines;
  }

  // ---- snapshots ---------------------------------------------------------------------------------
  const observers = [masters[1], replicas[0], ...masters.slice(2, 2 + Math.max(0, opts.observers - 2))].slice(0, opts.observers);
  let snapshotLines = 0;
  const m0 = masters[0];
  const r0 = replicas[0];
  const [lo0, hi0] = m0.slots.split('-').map(Number);
  const m0Slots = (hi0 ?? lo0) - lo0 + 1;
  for (const obs of observers) {
    const order = [...all];
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const file = path.join(dir, `snapshots-${obs.ip}.txt`);
    const w = new FileWriter(file);
    let pings = 1000;
    for (let s = 0; s < opts.seconds; s++) {
      const t = windowStart + s * 1000 + 200 + rng.int(0, 15);
      const tSec = Math.floor(t / 1000) * 1000;
      w.line(isoStamp(t));
      for (const n of order) {
        const myself = n === obs;
        let flags = n.master ? 'master' : 'slave';
        let masterId = n.master ? '-' : masters[n.pair].id;
        let epoch = n.pair + 1;
        let slots = n.master ? n.slots : '';
        let ping = 0;
        let pong = myself ? tSec : t - rng.int(0, 900);
        let link = 'connected';
        if (n === m0 && t >= killNew && t < rejoinAt) {
          flags = t >= failAt ? 'master,fail' : t >= pfailAt ? 'master,fail?' : 'master';
          ping = killNew + 100;
          pong = killNew - 400;
          link = 'disconnected';
          if (t >= wonAt) {
            slots = '';
            epoch = n.pair + 1;
          }
        } else if (n === m0 && t >= rejoinAt) {
          flags = t < clearAt ? 'slave,fail' : 'slave';
          masterId = r0.id;
          epoch = failoverEpoch;
        } else if (n === r0 && t >= wonAt) {
          flags = 'master';
          masterId = '-';
          epoch = failoverEpoch;
          slots = m0.slots;
        } else if (!n.master && n.pair === 0) epoch = 1;
        if (myself) flags = `myself,${flags}`;
        w.line(`${n.id} ${addr(n)}@16379 ${flags} ${masterId} ${ping} ${pong} ${epoch} ${link}${slots ? ` ${slots}` : ''}`);
      }
      snapshotLines += all.length + 1;
      // CLUSTER INFO a few ms later
      const down = t >= downAt && t < okAt;
      const lost = t >= wonAt ? 0 : t >= failAt ? 1 : 0;
      const pfail = t >= pfailAt && t < failAt ? 1 : 0;
      const mySlotsOwnerEpoch = obs.master ? obs.pair + 1 : obs === r0 && t >= wonAt ? failoverEpoch : obs.pair + 1;
      pings += all.length;
      const info = [
        isoStamp(t + 4),
        `cluster_state:${down ? 'fail' : 'ok'}`,
        'cluster_slots_assigned:16384',
        `cluster_slots_ok:${16384 - (lost + pfail) * m0Slots}`,
        `cluster_slots_pfail:${pfail * m0Slots}`,
        `cluster_slots_fail:${lost * m0Slots}`,
        `cluster_known_nodes:${all.length}`,
        `cluster_size:${M}`,
        `cluster_current_epoch:${t >= wonAt ? failoverEpoch : M}`,
        `cluster_my_epoch:${mySlotsOwnerEpoch}`,
        `cluster_stats_messages_ping_sent:${pings}`,
        `cluster_stats_messages_pong_sent:${pings}`,
        `cluster_stats_messages_sent:${pings * 2}`,
        `cluster_stats_messages_ping_received:${pings}`,
        `cluster_stats_messages_pong_received:${pings}`,
        `cluster_stats_messages_received:${pings * 2}`,
        'total_cluster_links_buffer_limit_exceeded:0',
      ];
      for (const l of info) w.line(l);
      snapshotLines += info.length;
    }
    w.close();
    files.push(file);
    bytes += w.bytes;
    lines += w.lines;
  }
  return { dir, files, bytes, lines, snapshotLines, expectedFailovers: 1, failed: m0.id, promoted: r0.id };
}
