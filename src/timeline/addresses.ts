import type { Address, NodeId } from '../model/ids.ts';
import type { TimelineEvent } from '../model/events.ts';
import type { Snapshot } from '../model/snapshot.ts';
import { repeatsEntries } from '../model/repeats.ts';

/**
 * Learn `ip:port` addresses of nodes.
 * 1. CLUSTER NODES entries name id and address together (the surest evidence).
 * 2. A node's own `Running mode=cluster, port=P.` (or the start-up logo's `Port: P`, redis 3.0–6.2
 *    src/asciilogo.h, printed where the mode line is not) gives its port; an address `ip:P` named by another
 *    node's replication lines (`Connecting to MASTER ip:P`, `Replica ip:P asks for synchronization`)
 *    is bound to it only when exactly one node listens on P and exactly one ip was seen with P —
 *    a multi-host cluster reusing ports stays unbound rather than guessed.
 */
export function learnAddresses(events: readonly TimelineEvent[], snapshots: readonly Snapshot[]): Map<NodeId, Set<Address>> {
  const out = new Map<NodeId, Set<Address>>();
  const add = (id: NodeId, a: Address) => {
    let set = out.get(id);
    if (!set) out.set(id, (set = new Set()));
    set.add(a);
  };
  // A poll repeats the previous CLUSTER NODES of its source entry for entry (the parser shares the
  // id, address and flags of unchanged lines): those entries were learned already.
  const previous = new Map<string, Snapshot & { kind: 'cluster-nodes' }>();
  for (const s of snapshots) {
    if (s.kind !== 'cluster-nodes') continue;
    const before = previous.get(s.source);
    previous.set(s.source, s);
    // The scanner saw every entry repeat the one at its index in `before`: none would be added below.
    if (before !== undefined && repeatsEntries(s, before)) continue;
    const prev = before?.nodes;
    for (let i = 0; i < s.nodes.length; i++) {
      const n = s.nodes[i];
      const p = prev?.[i];
      if (p && p.id === n.id && p.address === n.address && p.flags === n.flags) continue;
      if (n.address && !n.address.startsWith(':') && !n.flags.includes('noaddr')) add(n.id, n.address);
    }
  }
  const portsOf = new Map<number, Set<NodeId>>();
  const ipsByPort = new Map<number, Set<string>>();
  for (const e of events) {
    if ((e.kind === 'server.mode' || e.kind === 'server.logo') && e.node && e.fields.port !== undefined) {
      let set = portsOf.get(e.fields.port);
      if (!set) portsOf.set(e.fields.port, (set = new Set()));
      set.add(e.node);
    }
    // The kind first: most lines are of neither kind, and their fields need not be read.
    const a = e.kind.startsWith('repl.') || e.kind.startsWith('master.') ? e.fields.address : undefined;
    if (a) {
      const i = a.lastIndexOf(':');
      const port = Number(a.slice(i + 1));
      if (i > 0 && Number.isInteger(port)) {
        let set = ipsByPort.get(port);
        if (!set) ipsByPort.set(port, (set = new Set()));
        set.add(a.slice(0, i));
      }
    }
  }
  for (const [port, nodes] of portsOf) {
    const ips = ipsByPort.get(port);
    if (nodes.size !== 1 || !ips || ips.size !== 1) continue;
    const [id] = nodes;
    if (out.has(id)) continue; // snapshots already told us
    const [ip] = ips;
    add(id, `${ip}:${port}`);
  }
  return out;
}
