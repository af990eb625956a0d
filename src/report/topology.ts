// Text and JSON output of `failscope topology`.
import type { Evidence } from '../model/analysis.ts';
import type { NodeId } from '../model/ids.ts';
import { shortId } from '../model/ids.ts';
import { countSlots, formatRanges } from '../model/slots.ts';
import type { AgainstResult, ClusterTopology, TopologyChange, TopologyNode, TopologyProblem, TopologyView } from '../verdict/index.ts';
import { formatUtc } from '../util/time.ts';

export interface TopologyReport {
  clusters: ClusterTopology[];
  against: AgainstResult[];
  /** Source of --against, when given. */
  againstSource?: string;
  /** Clusters found in the inputs that have no CLUSTER NODES snapshot. */
  withoutSnapshots: string[];
  /** `--at`, when given (UTC ms). */
  at?: number;
  strict: boolean;
}

function time(at: number): string {
  return Number.isFinite(at) ? formatUtc(at) : '(no time)';
}

function evidenceText(e: readonly Evidence[]): string {
  if (e.length === 0) return '';
  return `${e[0].source}:${e[0].line}${e.length > 1 ? ` (+${e.length - 1})` : ''}`;
}

function nodeLabel(n: TopologyNode): string {
  return n.address && !n.address.startsWith(':') ? `${shortId(n.id)} ${n.address}` : shortId(n.id);
}

function counts(problems: readonly TopologyProblem[]) {
  return {
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
  };
}

function statusText(v: TopologyView): string {
  const { errors, warnings } = counts(v.problems);
  const parts = [
    errors ? `${errors} error${errors === 1 ? '' : 's'}` : '',
    warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return `${v.status === 'fail' ? 'FAIL' : 'OK'}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

function reportersText(v: TopologyView, labels: Map<NodeId, string>): string {
  if (v.reporters.length === 1) {
    const r = v.reporters[0];
    return `seen by ${r.id ? (labels.get(r.id) ?? shortId(r.id)) : (r.address ?? '?')} (${r.source}:${r.line})`;
  }
  return `seen by ${v.reporters.length} nodes: ${v.reporters.map((r) => (r.id ? shortId(r.id) : (r.address ?? `${r.source}:${r.line}`))).join(', ')}`;
}

function problemLines(problems: readonly TopologyProblem[], indent: string): string[] {
  const w = Math.max(0, ...problems.map((p) => p.rule.length));
  return problems.map(
    (p) =>
      `${indent}${p.severity.padEnd(7)}  ${p.rule.padEnd(w)}  ${p.message}${p.evidence.length ? `  [${evidenceText(p.evidence)}]` : ''}`,
  );
}

function changeLines(changes: readonly TopologyChange[], indent: string): string[] {
  return changes.map((c) => `${indent}${c.message}`);
}

function topologyLines(v: TopologyView, indent: string): string[] {
  const rows = v.nodes.map((n) => {
    const flags = n.flags.filter((f) => f !== 'master' && f !== 'slave');
    const state = [...flags, ...(n.linkDownBy.length && !flags.includes('fail') ? ['disconnected'] : [])];
    const role = n.role === 'replica' ? '  replica' : n.role === 'master' ? 'master' : 'node';
    const what =
      n.role === 'master'
        ? `epoch ${n.configEpoch}  ${n.slots.length ? `slots ${formatRanges(n.slots)} (${countSlots(n.slots)})` : 'no slots'}`
        : n.role === 'replica'
          ? `of ${n.masterId ? shortId(n.masterId) : '?'}`
          : '';
    return [role, nodeLabel(n), what, state.length ? `[${state.join(',')}]` : ''];
  });
  const w0 = Math.max(0, ...rows.map((r) => r[0].length));
  const w1 = Math.max(0, ...rows.map((r) => r[1].length));
  return rows.map((r) => `${indent}${r[0].padEnd(w0)}  ${r[1].padEnd(w1)}  ${r[2]}${r[3] ? `  ${r[3]}` : ''}`.trimEnd());
}

/** Human-readable report: per cluster, every state (views whose problems changed), then the topology now. */
export function renderTopologyText(r: TopologyReport): string {
  const out: string[] = [];
  for (const c of r.clusters) {
    if (out.length) out.push('');
    const final = c.final;
    const labels = new Map<NodeId, string>();
    for (const s of c.states) for (const n of s.view.nodes) labels.set(n.id, nodeLabel(n));
    const nodeCount = final ? final.nodes.length : 0;
    const unused =
      c.unusedUntimed > 0 ? ` (${c.unusedUntimed} snapshot${c.unusedUntimed === 1 ? '' : 's'} without a capture time not used)` : '';
    out.push(
      `${c.id}: ${nodeCount} node${nodeCount === 1 ? '' : 's'}, ${c.viewCount} view${c.viewCount === 1 ? '' : 's'}${r.at !== undefined ? ` up to ${time(r.at)}` : ''}${unused}`,
    );
    if (!final) {
      out.push(`  no CLUSTER NODES snapshot${r.at !== undefined ? ` at or before ${time(r.at)}` : ''}`);
      continue;
    }
    for (const s of c.states) {
      const v = s.view;
      out.push(`  ${time(v.at)}${v.atFrom !== 'stamp' ? ` (${v.atFrom})` : ''}  ${statusText(v)}  ${reportersText(v, labels)}`);
      if (s.changes.length) {
        out.push('    changed:');
        out.push(...changeLines(s.changes, '      '));
      }
      out.push(...problemLines(v.problems, '    '));
    }
    out.push(`  topology at ${time(final.at)}:`);
    out.push(...topologyLines(final, '    '));
    const a = r.against.find((x) => x.cluster === c.id);
    if (a) {
      out.push(`  since ${r.againstSource ?? 'the earlier snapshot'} (${time(a.earlier.at)}):`);
      out.push(...(a.changes.length ? changeLines(a.changes, '    ') : ['    no change']));
    }
    const { errors, warnings } = counts(final.problems);
    const failed = errors > 0 || (r.strict && warnings > 0);
    out.push(
      `  result: ${failed ? 'FAIL' : 'OK'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} now)`,
    );
  }
  if (r.withoutSnapshots.length) out.push('', `no CLUSTER NODES snapshot for ${r.withoutSnapshots.join(', ')}`);
  return out.length ? `${out.join('\n')}\n` : '';
}

function problemJson(p: TopologyProblem) {
  return {
    rule: p.rule,
    severity: p.severity,
    message: p.message,
    nodes: p.nodes,
    ...(p.slots !== undefined ? { slots: p.slots } : {}),
    evidence: p.evidence.map((e) => ({ source: e.source, line: e.line })),
  };
}

function changeJson(c: TopologyChange) {
  return { kind: c.kind, message: c.message, nodes: c.nodes, ...(c.slots !== undefined ? { slots: c.slots } : {}) };
}

function viewHead(v: TopologyView) {
  return {
    at: Number.isFinite(v.at) ? formatUtc(v.at) : null,
    atFrom: v.atFrom,
    status: v.status,
    reporters: v.reporters.map((x) => ({ id: x.id, address: x.address, source: x.source, line: x.line })),
  };
}

function nodeJson(n: TopologyNode) {
  return {
    id: n.id,
    address: n.address,
    hostname: n.hostname,
    role: n.role,
    masterId: n.masterId,
    configEpoch: n.configEpoch,
    slots: formatRanges(n.slots),
    flags: n.flags,
    failBy: n.failBy,
    pfailBy: n.pfailBy,
    linkDownBy: n.linkDownBy,
  };
}

/** JSON report; keys in a fixed order, times UTC ISO-8601 with ms. */
export function renderTopologyJson(r: TopologyReport): string {
  let errors = 0;
  let warnings = 0;
  const clusters = r.clusters.map((c) => {
    if (c.final) {
      const n = counts(c.final.problems);
      errors += n.errors;
      warnings += n.warnings;
    }
    const a = r.against.find((x) => x.cluster === c.id);
    return {
      id: c.id,
      views: c.viewCount,
      unusedUntimed: c.unusedUntimed,
      states: c.states.map((s) => ({
        ...viewHead(s.view),
        changes: s.changes.map(changeJson),
        problems: s.view.problems.map(problemJson),
      })),
      final: c.final ? { ...viewHead(c.final), nodes: c.final.nodes.map(nodeJson), problems: c.final.problems.map(problemJson) } : null,
      ...(a
        ? {
            against: {
              source: r.againstSource ?? null,
              at: Number.isFinite(a.earlier.at) ? formatUtc(a.earlier.at) : null,
              changes: a.changes.map(changeJson),
            },
          }
        : {}),
    };
  });
  const failed = errors > 0 || (r.strict && warnings > 0);
  const doc = {
    at: r.at !== undefined ? formatUtc(r.at) : null,
    clusters,
    withoutSnapshots: r.withoutSnapshots,
    result: { status: failed ? 'fail' : 'ok', errors, warnings },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
