import type { Evidence, Severity } from '../../model/analysis.ts';
import type { EpochMs, NodeId } from '../../model/ids.ts';
import { dedupe } from '../failovers.ts';
import type { FindingFacts } from '../model.ts';

export function finding(rule: string, severity: Severity, message: string, at: EpochMs | null, nodes: ReadonlyArray<NodeId | null>, evidence: readonly Evidence[]): FindingFacts {
  const ns: NodeId[] = [];
  for (const n of nodes) if (n && !ns.includes(n)) ns.push(n);
  return { rule, severity, message, at, nodes: ns, evidence: dedupe(evidence) };
}
