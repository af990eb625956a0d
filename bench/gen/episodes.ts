// Inputs built from recorded incidents replayed as "episodes" on one long-lived 6-node cluster: each
// episode is one recorded incident's node logs, shifted in time, with its node ids mapped onto the
// cluster's ids (by port) and fresh pids. Between episodes, optionally, routine lines of healthy nodes.
//
//   mixed:    episodes of every recorded incident, picked by the seeded PRNG, with routine lines in
//             between so that about 10% of all lines are notable (lines the catalog turns into events)
//   flapping: one incident repeated back to back (nearly every line notable, one failover each time)
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { classifyMessage } from '../../src/parse/message.ts';
import { type RecordedIncident, Rewriter } from '../lib/incidents.ts';
import { Prng } from '../lib/prng.ts';
import { RedisLogWriter } from '../lib/redis-log.ts';
import { type RoutineLine, routineUnit } from '../lib/routine.ts';

export interface EpisodeOptions {
  seed: number;
  /** Stop after the first episode (or gap) that brings the files to this many bytes in total. */
  targetBytes: number;
  /** Fraction of notable lines wanted; 0 writes no routine lines at all. */
  notableFraction: number;
  /** Pause between one episode's last line and the next one's first (routine lines fill it). */
  gapMs: number;
  /** First line's time (UTC ms). */
  startAt: number;
}

export interface GeneratedLogs {
  dir: string;
  files: string[];
  bytes: number;
  lines: number;
  /** Lines the message catalog understands (by construction: episode lines that classify as events). */
  notableLines: number;
  episodes: number;
  /** Replica promotions over every episode (from each incident's truth.json). */
  expectedFailovers: number;
  /** Episodes per incident name. */
  perIncident: Record<string, number>;
}

const PORTS = [7000, 7001, 7002, 7003, 7004, 7005];
/** Mean lines per routine unit (see routineUnit's mix): 0.8·2 + 0.17·1 + 0.03·6. */
const LINES_PER_UNIT = 1.95;

interface PortState {
  pid: number;
  role: string;
  alive: boolean;
  routine: { clientId: number; keys: number; childPid: number };
}

function notableOf(inc: RecordedIncident): { lines: number; notable: number } {
  let lines = 0;
  let notable = 0;
  for (const n of inc.nodes)
    for (const l of n.lines) {
      lines++;
      if (Number.isNaN(l.at) || l.msg === '') continue;
      const c = classifyMessage(l.msg);
      if (c !== null && c.kind !== 'ignored') notable++;
    }
  return { lines, notable };
}

export function generateEpisodes(dir: string, incidents: readonly RecordedIncident[], opts: EpisodeOptions): GeneratedLogs {
  mkdirSync(dir, { recursive: true });
  const rng = new Prng(opts.seed);
  const ids = new Map<number, string>(PORTS.map((p) => [p, rng.hex40()]));
  const files = PORTS.map((p) => path.join(dir, `node-${p}.log`));
  const writers = new Map<number, RedisLogWriter>(PORTS.map((p, i) => [p, new RedisLogWriter(files[i])]));
  const state = new Map<number, PortState>(
    PORTS.map((p) => [p, { pid: 0, role: 'M', alive: false, routine: { clientId: 2, keys: 0, childPid: rng.int(1000, 90000) } }]),
  );
  const stats = new Map(incidents.map((inc) => [inc.name, notableOf(inc)]));
  let nextPid = rng.int(1000, 90000);
  const freshPid = (): number => {
    nextPid = 1000 + ((nextPid - 1000 + rng.int(1, 400)) % 4_000_000);
    return nextPid;
  };
  const total = (): number => {
    let b = 0;
    for (const w of writers.values()) b += w.out.bytes;
    return b;
  };

  const perIncident: Record<string, number> = {};
  let episodes = 0;
  let expectedFailovers = 0;
  let notableLines = 0;
  let t = opts.startAt;
  while (total() < opts.targetBytes) {
    const inc = incidents.length === 1 ? incidents[0] : rng.pick(incidents);
    perIncident[inc.name] = (perIncident[inc.name] ?? 0) + 1;
    episodes++;
    expectedFailovers += inc.promotions;
    const st = stats.get(inc.name)!;
    notableLines += st.notable;
    const idMap = new Map<string, string>();
    for (const n of inc.nodes) idMap.set(n.id, ids.get(n.port)!);
    const rw = new Rewriter(idMap, new Map(inc.pids.map((p) => [p, freshPid()])));
    const shift = t - inc.start;
    for (const n of inc.nodes) {
      const w = writers.get(n.port)!;
      const ps = state.get(n.port)!;
      for (const l of n.lines) {
        if (Number.isNaN(l.at)) {
          w.raw(rw.text(l.raw));
          continue;
        }
        const pid = rw.pid(l.pid);
        w.log(pid, l.role, l.at + shift, l.level, rw.text(l.msg));
        if (l.role !== 'C' && l.role !== 'signal-handler') {
          ps.pid = pid;
          ps.role = l.role;
        }
      }
      ps.alive = inc.aliveAtEnd.has(n.port);
    }
    t += inc.end - inc.start + 1;

    if (opts.notableFraction > 0) {
      // Routine lines for this gap: enough for the episode's notable lines to be the wanted fraction.
      const routineLines = Math.max(0, Math.round(st.notable / opts.notableFraction - st.lines));
      const alive = PORTS.filter((p) => state.get(p)!.alive);
      const unitsPerPort = Math.round(routineLines / LINES_PER_UNIT / Math.max(1, alive.length));
      for (const port of alive) {
        const ps = state.get(port)!;
        const w = writers.get(port)!;
        // Unit start times rise (one per slot of the gap, jittered inside it); a unit's later lines
        // wait in `pending` (sorted, small) until the next unit starts after them.
        const pending: RoutineLine[] = [];
        const span = Math.max(1, opts.gapMs - 3000);
        const step = span / Math.max(1, unitsPerPort);
        const flushUntil = (until: number) => {
          let k = 0;
          while (k < pending.length && pending[k].at! <= until) {
            const r = pending[k++];
            w.log(r.pid!, r.child ? 'C' : ps.role, r.at!, r.level, r.msg);
          }
          if (k > 0) pending.splice(0, k);
        };
        for (let u = 0; u < unitsPerPort; u++) {
          const at = t + 500 + Math.floor(u * step + rng.next() * step);
          flushUntil(at);
          for (const r of routineUnit(rng, port, ps.routine)) {
            r.at = at + r.dt;
            r.pid = r.child ? ps.routine.childPid : ps.pid;
            let i = pending.length;
            while (i > 0 && pending[i - 1].at! > r.at) i--;
            pending.splice(i, 0, r);
          }
        }
        flushUntil(Infinity);
      }
    }
    t += opts.gapMs;
  }
  let lines = 0;
  for (const w of writers.values()) {
    lines += w.out.lines;
    w.close();
  }
  return { dir, files, bytes: total(), lines, notableLines, episodes, expectedFailovers, perIncident };
}
