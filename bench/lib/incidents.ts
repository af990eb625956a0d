// The recorded incidents (fixtures/incidents/*: real Redis 7.0.15 node logs + truth.json) as
// material for generated inputs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type LogLine, parseLog } from './redis-log.ts';

export interface RecordedNode {
  port: number;
  id: string;
  lines: LogLine[];
}

export interface RecordedIncident {
  name: string;
  nodes: RecordedNode[];
  /** First and last stamped time over every node. */
  start: number;
  end: number;
  /** Every pid that writes a line (servers and their children). */
  pids: number[];
  /** Ports whose server is still running at the end (truth.json processes). */
  aliveAtEnd: Set<number>;
  /** Replicas promoted by the end (truth.json nodes → finalNodes): failovers by construction. */
  promotions: number;
}

interface Truth {
  nodes: Array<{ port: number; id: string; role: string }>;
  finalNodes?: Array<{ port: number; role: string }>;
  processes?: Array<{ port: number; exitedAt: string | null }>;
}

export function loadIncident(dir: string): RecordedIncident {
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
  const nodes: RecordedNode[] = [];
  let start = Infinity;
  let end = -Infinity;
  const pids = new Set<number>();
  for (const n of [...truth.nodes].sort((a, b) => a.port - b.port)) {
    const file = path.join(dir, `node-${n.port}.log`);
    if (!existsSync(file)) continue;
    const lines = parseLog(readFileSync(file, 'utf8'));
    for (const l of lines) {
      if (Number.isNaN(l.at)) continue;
      if (l.at < start) start = l.at;
      if (l.at > end) end = l.at;
      pids.add(l.pid);
    }
    nodes.push({ port: n.port, id: n.id, lines });
  }
  const aliveAtEnd = new Set<number>();
  const lastProcess = new Map<number, boolean>();
  for (const p of truth.processes ?? []) lastProcess.set(p.port, p.exitedAt === null);
  for (const [port, alive] of lastProcess) if (alive) aliveAtEnd.add(port);
  let promotions = 0;
  for (const f of truth.finalNodes ?? []) {
    const before = truth.nodes.find((n) => n.port === f.port);
    if (before && before.role === 'replica' && f.role === 'master') promotions++;
  }
  return { name: path.basename(dir), nodes, start, end, pids: [...pids].sort((a, b) => a - b), aliveAtEnd, promotions };
}

export function loadIncidents(fixturesDir: string): RecordedIncident[] {
  const root = path.join(fixturesDir, 'incidents');
  return readdirSync(root)
    .filter((n) => existsSync(path.join(root, n, 'truth.json')))
    .sort()
    .map((n) => loadIncident(path.join(root, n)));
}

/**
 * Rewrites the node ids, addresses and pids of a recorded incident's text: ids by a map, pids by a
 * map (prefix pids and `pid=N` / `by pid N` / `pid: N` in messages).
 */
export class Rewriter {
  private readonly idRe: RegExp | null;
  private readonly ids: ReadonlyMap<string, string>;
  private readonly pids: ReadonlyMap<number, number>;
  private readonly addr: (port: number) => string;
  constructor(
    ids: ReadonlyMap<string, string>,
    pids: ReadonlyMap<number, number>,
    addr: (port: number) => string = (p) => `127.0.0.1:${p}`,
  ) {
    this.ids = ids;
    this.pids = pids;
    this.addr = addr;
    this.idRe = ids.size > 0 ? new RegExp([...ids.keys()].join('|'), 'g') : null;
  }
  pid(p: number): number {
    return this.pids.get(p) ?? p;
  }
  text(msg: string): string {
    let t = msg;
    if (this.idRe) t = t.replace(this.idRe, (id) => this.ids.get(id) ?? id);
    if (t.includes('pid')) t = t.replace(/(pid[= ]|pid: )(\d+)/g, (all, k: string, n: string) => `${k}${this.pids.get(Number(n)) ?? n}`);
    if (t.includes('127.0.0.1:')) t = t.replace(/127\.0\.0\.1:(\d{4,5})/g, (_all, p: string) => this.addr(Number(p)));
    return t;
  }
}
