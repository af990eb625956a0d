// Just enough reading of CLUSTER NODES / CLUSTER INFO for the live tools to steer by (who owns which
// slots, who is whose replica, is the cluster ok). The full grammars live in grammars/; this stays small
// on purpose so the recorder does not depend on the code it produces fixtures for.
//
// Line format: https://redis.io/docs/latest/commands/cluster-nodes/ and redis 7.0 src/cluster.c
// clusterGenNodeDescription(): `<id> <ip:port@cport[,hostname]> <flags> <master|-> <ping-sent> <pong-recv>
// <config-epoch> <link-state> <slot> <slot> ...`, open slots as `[slot->-id]` / `[slot-<-id]`.
import type { SlotRange } from '../model/slots.ts';

export interface LiveNode {
  id: string;
  /** `ip:port` (client port). */
  address: string;
  port: number;
  flags: string[];
  masterId: string | null;
  configEpoch: number;
  linkState: string;
  slots: SlotRange[];
}

export function parseClusterNodesText(text: string): LiveNode[] {
  const out: LiveNode[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const f = line.split(' ');
    if (f.length < 8) continue;
    const addr = f[1].split('@')[0];
    const port = Number(addr.slice(addr.lastIndexOf(':') + 1));
    const slots: SlotRange[] = [];
    for (const s of f.slice(8)) {
      if (s.startsWith('[')) continue;
      const [a, b] = s.split('-');
      slots.push({ start: Number(a), end: Number(b ?? a) });
    }
    out.push({
      id: f[0],
      address: addr,
      port,
      flags: f[2].split(','),
      masterId: f[3] === '-' ? null : f[3],
      configEpoch: Number(f[6]),
      linkState: f[7],
      slots,
    });
  }
  return out;
}

/** The `myself` entry of a CLUSTER NODES reply. */
export function myselfOf(nodes: LiveNode[]): LiveNode | undefined {
  return nodes.find((n) => n.flags.includes('myself'));
}

export function isMaster(n: LiveNode): boolean {
  return n.flags.includes('master');
}

/** `field:value` lines of CLUSTER INFO / INFO (CRLF separated), comments and blanks skipped. */
export function parseInfoText(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}
