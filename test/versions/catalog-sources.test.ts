// Issue #13: each catalog entry names the versions whose source it was read from (`src`, e.g.
// "redis 3.0–7.4 src/cluster.c …; valkey 7.2–8.0 …"). Every line of every recording in fixtures/versions is
// matched to its entry, and the entry must cite the recorded server's version: a real line of Redis 6.2
// on an entry that says "redis 2.8–5.0" means the citation is wrong.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../grammars/redis-log-message/index.ts';
import { messageEntryId } from '../../src/parse/message.ts';

type Server = 'redis' | 'valkey';

/** The major.minor ranges a `src` text cites per server: a server name applies to the ranges after it. */
export function citedRanges(src: string): Array<{ server: Server; lo: number; hi: number; unstable: boolean }> {
  const out: Array<{ server: Server; lo: number; hi: number; unstable: boolean }> = [];
  let server: Server | null = null;
  const re = /\b(redis|valkey)\b|\b(\d+)\.(\d+)(?:\s*[–-]\s*(\d+)\.(\d+))?\b|\bunstable\b/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    if (m[1]) server = m[1] as Server;
    else if (m[0] === 'unstable') {
      if (server) out.push({ server, lo: 0, hi: 0, unstable: true });
    } else if (server) {
      const lo = Number(m[2]) * 100 + Number(m[3]);
      const hi = m[4] ? Number(m[4]) * 100 + Number(m[5]) : lo;
      out.push({ server, lo, hi, unstable: false });
    }
  }
  return out;
}

/** Does `src` cite this recording's server version? Valkey's unstable branch is covered by any range reaching 8.0, the newest tag read. */
function cites(src: string, server: Server, version: string): boolean {
  const ranges = citedRanges(src).filter((r) => r.server === server);
  if (version === 'unstable') return ranges.some((r) => r.unstable || r.hi >= 800);
  const [a, b] = version.split('.').map(Number);
  const v = a * 100 + b;
  return ranges.some((r) => !r.unstable && r.lo <= v && v <= r.hi);
}

const root = join(import.meta.dirname, '../../fixtures/versions');
const labels = existsSync(root) ? readdirSync(root).sort() : [];
const srcOf = new Map(CATALOG.map((e) => [e.id, e.src]));
// `pid:R <stamp> L message` (3.x/4.x without a year), as the recorded servers write it.
const LINE = /^\d+:[XCSM] \d\d [A-Z][a-z]{2} (?:\d{4} )?\d\d:\d\d:\d\d\.\d{3} [.\-*#] (.*)$/;

describe('citedRanges', () => {
  it('reads server names and the ranges after them', () => {
    expect(citedRanges('redis 2.8–3.0 src/debug.c x, 3.2–5.0 src/debug.c; valkey 7.2 same, 8.0 src/a.c')).toEqual([
      { server: 'redis', lo: 208, hi: 300, unstable: false },
      { server: 'redis', lo: 302, hi: 500, unstable: false },
      { server: 'valkey', lo: 702, hi: 702, unstable: false },
      { server: 'valkey', lo: 800, hi: 800, unstable: false },
    ]);
    expect(citedRanges('valkey unstable after 8.0.1 (2024-10-25) src/replication.c')[0]).toEqual({
      server: 'valkey',
      lo: 0,
      hi: 0,
      unstable: true,
    });
  });
});

describe.each(labels)('catalog citations cover the lines recorded on %s', (label) => {
  const server = label.slice(0, label.indexOf('-')) as Server;
  const version = label.slice(label.indexOf('-') + 1);
  it('every matched entry cites this version', () => {
    const wrong = new Map<string, string>();
    for (const scenario of readdirSync(join(root, label))) {
      const dir = join(root, label, scenario);
      for (const f of readdirSync(dir).filter((x) => /^node-\d+\.log$/.test(x))) {
        readFileSync(join(dir, f), 'utf8')
          .split('\n')
          .forEach((line, i) => {
            const m = LINE.exec(line);
            if (!m) return;
            const id = messageEntryId(m[1].trim());
            if (id === null || wrong.has(id)) return;
            if (!cites(srcOf.get(id)!, server, version))
              wrong.set(id, `${scenario}/${f}:${i + 1} "${m[1].slice(0, 80)}" — src: ${srcOf.get(id)}`);
          });
      }
    }
    expect([...wrong].map(([id, where]) => `${id}: ${where}`)).toEqual([]);
  });
});
