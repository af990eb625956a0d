import type { Evidence, Severity } from '../../model/analysis.ts';
import { isSuccessorId, type EpochMs, type NodeId } from '../../model/ids.ts';
import { dedupe } from '../failovers.ts';
import type { FindingFacts } from '../model.ts';
import { exactList, flatString } from '../compact.ts';

export function finding(
  rule: string,
  severity: Severity,
  message: string,
  at: EpochMs | null,
  nodes: ReadonlyArray<NodeId | null>,
  evidence: readonly Evidence[],
): FindingFacts {
  const ns: NodeId[] = [];
  // An unnamed successor (model/ids.ts successorOf) is no node: findings name only nodes.
  for (const n of nodes) if (n && !isSuccessorId(n) && !ns.includes(n)) ns.push(n);
  // The finding is the analysis's (verdict/compact.ts): its message flattened while its pieces are
  // young, its lists at their exact length.
  return { rule, severity, message: flatString(message), at, nodes: exactList(ns), evidence: exactList(dedupe(evidence)) };
}
