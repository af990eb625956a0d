// Hand-written incidents shaped like the real ones (redis 7.0 message order), for unit tests.
import type { TimelineEvent } from '../../src/model/events.ts';
import type { Snapshot } from '../../src/model/snapshot.ts';
import type { ClusterTimeline } from '../../src/model/timeline.ts';
import { clusterOf, ev, nid, nodesSnap, sec } from './hand-timeline.ts';

export const A = nid('a'); // master 0-5460, 127.0.0.1:7000
export const B = nid('b'); // master 5461-10922, :7001
export const C = nid('c'); // master 10923-16383, :7002
export const D = nid('d'); // replica of A, :7003
export const E = nid('e'); // replica of B, :7004
export const F = nid('f'); // replica of C, :7005

export const ADDR: Record<string, string> = {
  [A]: '127.0.0.1:7000',
  [B]: '127.0.0.1:7001',
  [C]: '127.0.0.1:7002',
  [D]: '127.0.0.1:7003',
  [E]: '127.0.0.1:7004',
  [F]: '127.0.0.1:7005',
};

/** CLUSTER NODES as B sees a healthy six-node cluster at `at` (A's epoch `aEpoch`). */
export function healthyView(at: number, o: { aMaster?: string; dMaster?: string; aEpoch?: number; dEpoch?: number } = {}): Snapshot {
  const ms = at;
  const aIsMaster = (o.aMaster ?? 'master') === 'master';
  const aLine = aIsMaster
    ? `${A} 127.0.0.1:7000@17000 master - 0 ${ms - 100} ${o.aEpoch ?? 1} connected 0-5460`
    : `${A} 127.0.0.1:7000@17000 slave ${D} 0 ${ms - 100} ${o.dEpoch ?? 7} connected`;
  const dLine = aIsMaster
    ? `${D} 127.0.0.1:7003@17003 slave ${A} 0 ${ms - 120} ${o.aEpoch ?? 1} connected`
    : `${D} 127.0.0.1:7003@17003 master - 0 ${ms - 120} ${o.dEpoch ?? 7} connected 0-5460`;
  return nodesSnap(
    at,
    `
${aLine}
${B} 127.0.0.1:7001@17001 myself,master - 0 0 2 connected 5461-10922
${C} 127.0.0.1:7002@17002 master - 0 ${ms - 200} 3 connected 10923-16383
${dLine}
${E} 127.0.0.1:7004@17004 slave ${B} 0 ${ms - 300} 2 connected
${F} 127.0.0.1:7005@17005 slave ${C} 0 ${ms - 400} 3 connected
`,
    { source: 'snapshots-7001.txt' },
  );
}

/**
 * SIGKILL of master A at 10 s, node timeout 2000 ms; its replica D wins epoch 7 at 13.215 s; A comes
 * back at 20 s and rejoins as D's replica.
 */
export function masterKilled(): ClusterTimeline {
  const la = { source: 'node-7000.log', pid: 100, role: 'M' as const };
  const la2 = { source: 'node-7000.log', pid: 200, role: 'M' as const };
  const lb = { source: 'node-7001.log', pid: 101, role: 'M' as const };
  const lc = { source: 'node-7002.log', pid: 102, role: 'M' as const };
  const ld = { source: 'node-7003.log', pid: 103, role: 'S' as const };
  const ldm = { ...ld, role: 'M' as const };
  const events: TimelineEvent[] = [
    ev(sec(9.5), A, 'log.other', {}, la),
    ev(sec(10.001), D, 'repl.link-lost', {}, ld),
    ev(sec(10.002), D, 'repl.connecting', { address: ADDR[A] }, ld),
    ev(sec(10.003), D, 'repl.sync-error', { reason: 'Connection refused' }, ld),
    ev(sec(12.5), B, 'cluster.fail-marked', { subject: A }, lb),
    ev(sec(12.501), B, 'cluster.state', { state: 'fail' }, lb),
    ev(sec(12.501), C, 'cluster.fail-received', { sender: B, subject: A }, lc),
    ev(sec(12.502), C, 'cluster.state', { state: 'fail' }, lc),
    ev(sec(12.502), D, 'cluster.fail-received', { sender: B, subject: A }, ld),
    ev(sec(12.503), D, 'election.delayed', { delayMs: 700, rank: 0, offset: 1000 }, ld),
    ev(sec(12.503), D, 'cluster.state', { state: 'fail' }, ld),
    ev(sec(13.21), D, 'election.started', { epoch: 7 }, ld),
    ev(sec(13.211), B, 'vote.granted', { subject: D, epoch: 7 }, lb),
    ev(sec(13.212), C, 'vote.granted', { subject: D, epoch: 7 }, lc),
    ev(sec(13.215), D, 'election.won', {}, ld),
    ev(sec(13.215), D, 'epoch.set', { epoch: 7 }, { ...ld, text: 'configEpoch set to 7 after successful failover' }),
    ev(sec(13.216), D, 'repl.secondary-id', { offset: 1001 }, ldm),
    ev(sec(13.217), D, 'cluster.state', { state: 'ok' }, ldm),
    ev(sec(13.3), B, 'cluster.state', { state: 'ok' }, lb),
    ev(sec(13.31), C, 'cluster.state', { state: 'ok' }, lc),
    ev(sec(20), A, 'server.start', { pid: 200 }, la2),
    ev(sec(20.01), A, 'node.identity', { subject: A }, la2),
    ev(sec(20.02), A, 'server.ready', {}, la2),
    ev(sec(20.2), A, 'role.replica-of', { subject: D }, la2),
    ev(sec(20.25), B, 'cluster.fail-cleared', { subject: A, reason: 'replica is reachable again' }, lb),
    ev(sec(20.3), A, 'repl.connecting', { address: ADDR[D] }, { ...la2, role: 'S' }),
    ev(sec(20.4), A, 'repl.partial', {}, { ...la2, role: 'S' }),
  ];
  const snaps = [healthyView(sec(5)), healthyView(sec(25), { aMaster: 'slave' })];
  return clusterOf(events, snaps, ADDR);
}
