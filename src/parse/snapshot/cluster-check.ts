// CST visitor for grammars/cluster-check: one line of `redis-cli --cluster check` output → what it says.
// The scanner (snapshot-scanner.ts) gathers a run of them into one snapshot of the shards it shows.
import { parseClusterCheckLine } from '../../../grammars/cluster-check/index.ts';
import type { LineCstNode } from '../../../grammars/cluster-check/cst.d.ts';
import type { Address, NodeId } from '../../model/ids.ts';
import type { SlotRange } from '../../model/slots.ts';

export type CheckLine =
  | { kind: 'node'; role: 'master' | 'replica'; id: NodeId; address: Address }
  | { kind: 'slots'; slots: SlotRange[]; count: number; flags: string[] }
  | { kind: 'replicates'; id: NodeId }
  | { kind: 'replicas'; count: number }
  | { kind: 'summary' }
  | { kind: 'log'; level: string; text: string };

/** Cheap test before the grammar: the line opens like one of the forms above. */
export const CHECK_START =
  /^(?:[MS]: [0-9a-f]{40} |slots:|replicates [0-9a-f]{40}|\d+ additional replica|\[(?:OK|ERR|WARNING|INFO)\]|>>> |\S+:\d+ \([0-9a-f]+\.\.\.\) -> )/;

/** Parse one line (trimmed); null when it is not `--cluster check` output. */
export function readClusterCheckLine(t: string): CheckLine | null {
  if (!CHECK_START.test(t)) return null;
  const r = parseClusterCheckLine(t);
  if (!r.cst || r.parseErrors.length > 0) return null;
  const c = (r.cst as LineCstNode).children;
  if (c.nodeLine) {
    const n = c.nodeLine[0].children;
    return { kind: 'node', role: n.RoleTag[0].image === 'M:' ? 'master' : 'replica', id: n.NodeId[0].image, address: n.Endpoint[0].image };
  }
  if (c.slotsLine) {
    const n = c.slotsLine[0].children;
    const slots = (n.SlotRange ?? []).map((tok) => {
      const [a, b] = tok.image.slice(1, -1).split('-').map(Number);
      return { start: a, end: b ?? a };
    });
    if (slots.some((s) => s.end > 16383 || s.start > s.end)) return null;
    return { kind: 'slots', slots, count: Number(n.Integer[0].image), flags: (n.Flag ?? []).map((f) => f.image) };
  }
  if (c.replicatesLine) return { kind: 'replicates', id: c.replicatesLine[0].children.NodeId[0].image };
  if (c.replicasLine) return { kind: 'replicas', count: Number(c.replicasLine[0].children.Integer[0].image) };
  if (c.summaryLine) return { kind: 'summary' };
  const l = c.logLine![0].children;
  return { kind: 'log', level: l.LogTag[0].image, text: l.Rest?.[0].image.trim() ?? '' };
}
