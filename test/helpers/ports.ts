// Port blocks for tests that start redis-server, chosen when the test runs: `count` consecutive ports
// where every port and its cluster bus port (port + 10000) is free, all below 32768 (the bus port must
// be a valid port too). A FAILSCOPE_TEST_*_PORT variable still pins the base, as before.
//
// Concurrent test files (vitest forks) may probe at the same moment: each claims its block with a
// lock file (O_EXCL) in the temp dir, removed when the process exits; a lock whose process is gone
// is taken over. FAILSCOPE_TEST_PORT_RANGE=lo-hi narrows the search (a machine shared by several
// test runs gives each its own range).
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BUS_OFFSET = 10_000;
const MAX_PORT = 32_767;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

const held: string[] = [];
let hooked = false;
function release(): void {
  for (const f of held.splice(0)) rmSync(f, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Claim the lock of block `base` for this process; false when another live process holds it. */
function claim(base: number): boolean {
  // Shared with other test runs on the machine, not the run's own temp directory (run-tmp.ts).
  const file = join(process.env.FAILSCOPE_TEST_SHARED_TMP ?? tmpdir(), `failscope-test-ports-${base}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.push(file);
      if (!hooked) {
        hooked = true;
        process.once('exit', release);
      }
      return true;
    } catch {
      const owner = Number(readFileSync(file, 'utf8').trim() || 0);
      if (owner && alive(owner)) return false;
      rmSync(file, { force: true });
    }
  }
  return false;
}

export function portRange(env = process.env.FAILSCOPE_TEST_PORT_RANGE): [number, number] {
  const m = /^(\d+)-(\d+)$/.exec(env ?? '');
  const lo = m ? Number(m[1]) : 12_000;
  const hi = Math.min(m ? Number(m[2]) : MAX_PORT - BUS_OFFSET, MAX_PORT - BUS_OFFSET);
  if (!(lo >= 1024 && lo <= hi))
    throw new Error(`FAILSCOPE_TEST_PORT_RANGE=${env}: want lo-hi with 1024 <= lo <= hi <= ${MAX_PORT - BUS_OFFSET}`);
  return [lo, hi];
}

/**
 * The base of `count` consecutive ports, each free with its bus port. `pinned` (a FAILSCOPE_TEST_*_PORT
 * value) wins when set. Blocks are aligned to 10 ports so that locks of different sizes cannot overlap.
 */
export async function freePortBlock(count: number, pinned?: string): Promise<number> {
  if (pinned !== undefined && pinned !== '') return Number(pinned);
  const [lo, hi] = portRange();
  const size = Math.ceil(count / 10) * 10;
  const first = Math.ceil(lo / 10) * 10;
  const blocks = Math.floor((hi - first + 1) / size);
  if (blocks < 1) throw new Error(`no room for ${count} ports in ${lo}-${hi}`);
  // Start at a place that differs between processes, so parallel files rarely probe the same block.
  const start = process.pid % blocks;
  for (let k = 0; k < blocks; k++) {
    const base = first + ((start + k) % blocks) * size;
    if (!claim(base)) continue;
    let free = true;
    for (let p = base; p < base + count && free; p++) free = (await canListen(p)) && (await canListen(p + BUS_OFFSET));
    if (free) return base;
  }
  throw new Error(`no ${count} free ports (with bus ports) in ${lo}-${hi}`);
}
