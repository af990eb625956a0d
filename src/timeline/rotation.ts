// Rotated logs of one node: `redis.log`, `redis.log.1`, `redis.log.2.gz` (logrotate's numbered
// scheme, https://man7.org/linux/man-pages/man8/logrotate.8.html) or `redis.log-20261125[.gz]`
// (`dateext`). Only the name tells which files are one log and in what order; the newest file after a
// rotation usually lacks the `I'm <id>` line, so the files are bound to their node as one log, oldest
// first.
import type { ParsedSource } from '../model/parsed.ts';

const NUMBERED = /^(.+?)\.(\d{1,3})(?:\.gz)?$/;
const DATED = /^(.+?)-(\d{8}|\d{10})(?:\.gz)?$/;

/** `{ base, age }` of a path: age 0 is the live file, larger is older. */
function rotationOf(path: string): { base: string; age: number } {
  const plain = path.endsWith('.gz') ? path.slice(0, -3) : path;
  const n = NUMBERED.exec(path);
  if (n) return { base: n[1], age: Number(n[2]) };
  const d = DATED.exec(path);
  if (d) return { base: d[1], age: 1e10 - Number(d[2].slice(0, 8)) };
  return { base: plain, age: 0 };
}

/**
 * Groups of two or more sources that are one rotated log, each oldest first; every other source is
 * its own group (in input order, so a caller can bind group by group).
 */
export function rotationGroups(parsed: readonly ParsedSource[]): ParsedSource[][] {
  const byBase = new Map<string, Array<{ p: ParsedSource; age: number }>>();
  const order: string[] = [];
  for (const p of parsed) {
    const r = rotationOf(p.source);
    let g = byBase.get(r.base);
    if (!g) {
      byBase.set(r.base, (g = []));
      order.push(r.base);
    }
    g.push({ p, age: r.age });
  }
  const out: ParsedSource[][] = [];
  for (const base of order) {
    const g = byBase.get(base)!;
    // A rotated set holds exactly one file per age; anything else (two live files?) stays apart.
    const ages = new Set(g.map((x) => x.age));
    if (g.length < 2 || ages.size !== g.length || !g.some((x) => x.age > 0)) for (const x of g) out.push([x.p]);
    else out.push(g.sort((a, b) => b.age - a.age).map((x) => x.p));
  }
  return out;
}
