// Routine lines of a healthy node, as Debian redis-server 7.0.15 writes them at `loglevel verbose`
// (captured on this machine: clients connecting and leaving, serverCron's key count, an RDB save):
//
//   2846:M 25 Nov 2026 14:00:16.938 - Accepted 127.0.0.1:47836
//   2846:M 25 Nov 2026 14:00:16.943 - Client closed connection id=4 addr=127.0.0.1:47836 laddr=127.0.0.1:21001 fd=8 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=20474 argv-mem=0 multi-mem=0 rbs=16384 rbp=16384 obl=0 oll=0 omem=0 tot-mem=37632 events=r cmd=set user=default redir=-1 resp=2
//   2846:M 25 Nov 2026 14:00:17.020 * 1 changes in 1 seconds. Saving...
//   2846:M 25 Nov 2026 14:00:17.021 * Background saving started by pid 2903
//   2903:C 25 Nov 2026 14:00:17.024 - Fork CoW for RDB: current 0 MB, peak 0 MB, average 0 MB
//   2903:C 25 Nov 2026 14:00:17.025 * DB saved on disk
//   2903:C 25 Nov 2026 14:00:17.026 * Fork CoW for RDB: current 0 MB, peak 0 MB, average 0 MB
//   2846:M 25 Nov 2026 14:00:17.122 * Background saving terminated with success
//   2846:M 25 Nov 2026 14:00:20.939 - DB 0: 3 keys (0 volatile) in 4 slots HT.
//
// (redis 7.0 src/networking.c readQueryFromClient "Client closed connection %s" with
// catClientInfoString; src/socket.c connSocketAcceptHandler "Accepted %s:%d"; src/server.c serverCron
// "DB %d: %lld keys (%lld volatile) in %lld slots HT." and "%d changes in %d seconds. Saving...";
// src/rdb.c rdbSaveBackground, rdbSave, backgroundSaveDoneHandlerDisk; src/childinfo.c
// sendChildInfoGeneric "Fork CoW for %s: current %zu MB, peak %zu MB, average %llu MB".)
import type { Prng } from './prng.ts';

export interface RoutineLine {
  /** ms after the unit's start */
  dt: number;
  /** true: written by the RDB child (role C, child pid) */
  child: boolean;
  level: string;
  msg: string;
  /** filled in by the caller: absolute time and pid */
  at?: number;
  pid?: number;
}

const CMDS = ['get', 'set', 'mget', 'hgetall', 'ping', 'incr', 'expire', 'del', 'cluster|nodes', 'info'];

/** One unit of routine activity on a node listening on `port`; `clientId` is bumped per client. */
export function routineUnit(rng: Prng, port: number, state: { clientId: number; keys: number; childPid: number }): RoutineLine[] {
  const r = rng.next();
  if (r < 0.8) {
    const id = ++state.clientId;
    const cport = rng.int(32768, 60999);
    const age = rng.int(0, 30);
    const qfree = rng.pick([0, 20474, 40954]);
    const mem = rng.pick([22400, 37632, 41728, 54016]);
    const fd = rng.int(8, 900);
    const cmd = rng.pick(CMDS);
    const addr = `10.${(cport >> 8) & 255}.${cport & 255}.${rng.int(2, 250)}:${cport}`;
    return [
      { dt: 0, child: false, level: '-', msg: `Accepted ${addr}` },
      {
        dt: rng.int(1, 2000),
        child: false,
        level: '-',
        msg: `Client closed connection id=${id} addr=${addr} laddr=127.0.0.1:${port} fd=${fd} name= age=${age} idle=${rng.int(0, age)} flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=${qfree} argv-mem=0 multi-mem=0 rbs=16384 rbp=${rng.pick([0, 1024, 16384])} obl=0 oll=0 omem=0 tot-mem=${mem} events=r cmd=${cmd} user=default redir=-1 resp=2`,
      },
    ];
  }
  if (r < 0.97) {
    state.keys += rng.int(0, 40);
    let slots = 4;
    while (slots < state.keys) slots *= 2;
    return [
      { dt: 0, child: false, level: '-', msg: `DB 0: ${state.keys} keys (${rng.int(0, state.keys >> 4)} volatile) in ${slots} slots HT.` },
    ];
  }
  state.childPid = 1000 + ((state.childPid + rng.int(1, 97)) % 4_000_000);
  const mb = rng.int(0, 12);
  return [
    { dt: 0, child: false, level: '*', msg: `${rng.pick([1, 10, 100, 10000])} changes in ${rng.pick([60, 300, 3600])} seconds. Saving...` },
    { dt: 1, child: false, level: '*', msg: `Background saving started by pid ${state.childPid}` },
    { dt: 4, child: true, level: '-', msg: `Fork CoW for RDB: current ${mb} MB, peak ${mb} MB, average ${mb >> 1} MB` },
    { dt: 5 + mb * 20, child: true, level: '*', msg: 'DB saved on disk' },
    { dt: 6 + mb * 20, child: true, level: '*', msg: `Fork CoW for RDB: current ${mb} MB, peak ${mb} MB, average ${mb >> 1} MB` },
    { dt: 100 + mb * 20, child: false, level: '*', msg: 'Background saving terminated with success' },
  ];
}
