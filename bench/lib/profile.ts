// Summarise a V8 .cpuprofile (node --cpu-prof): self and total time per function, as percentages.
// Used by `npm run bench -- --profile` and by hand: node dist/bench/lib/profile.js FILE [N]
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  name: string;
  selfPct: number;
  totalPct: number;
}

function label(cf: CallFrame): string {
  const file = cf.url ? path.basename(cf.url.replace(/^file:\/\//, '')) : '';
  return `${cf.functionName || '(anonymous)'}${file ? ` ${file}:${cf.lineNumber + 1}` : ''}`;
}

export function summariseProfile(file: string, top = 25, by: 'self' | 'total' = 'self'): ProfileRow[] {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfTime = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) selfTime.set(p.samples[i], (selfTime.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  let totalTime = 0;
  for (const v of selfTime.values()) totalTime += v;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, t] of selfTime) {
    const n = byId.get(id)!;
    const name = label(n.callFrame);
    self.set(name, (self.get(name) ?? 0) + t);
    // inclusive: every distinct function on the stack once
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const nm = label(byId.get(cur)!.callFrame);
      if (seen.has(nm)) continue;
      seen.add(nm);
      total.set(nm, (total.get(nm) ?? 0) + t);
    }
  }
  const rows = [...total.keys()].map((name) => ({
    name,
    selfPct: (100 * (self.get(name) ?? 0)) / totalTime,
    totalPct: (100 * (total.get(name) ?? 0)) / totalTime,
  }));
  rows.sort((a, b) => (by === 'self' ? b.selfPct - a.selfPct : b.totalPct - a.totalPct));
  return rows.slice(0, top);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const rows = summariseProfile(process.argv[2], Number(process.argv[3] ?? 30), process.argv[4] === 'total' ? 'total' : 'self');
  for (const r of rows) console.log(`${r.selfPct.toFixed(1).padStart(5)}% self ${r.totalPct.toFixed(1).padStart(5)}% total  ${r.name}`);
}
