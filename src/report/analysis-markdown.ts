import type { AnalysisV1, Failover, Outage, Severity } from '../model/analysis.ts';
import { dur, evidenceText, hms, labeler, nodeTimeoutLine, verdictLine } from './analysis-text.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const ms = (iso: string) => Date.parse(iso);

/** `failscope analyze --format markdown`: the same facts as the text output, for a postmortem document. */
export function renderAnalysisMarkdown(a: AnalysisV1): string {
  const out: string[] = ['# Redis Cluster incident analysis', '', `**${verdictLine(a)}**`, '', nodeTimeoutLine(a)];
  for (const o of a.clockOffsets)
    out.push('', `Clock of \`${o.source}\` corrected by ${o.offsetMs > 0 ? '+' : ''}${o.offsetMs} ms: ${o.reason}.`);
  for (const c of a.clusters) {
    const L = labeler(c);
    out.push(
      '',
      `## ${c.id}`,
      '',
      `${c.nodes.length} nodes, ${c.span.start ?? '?'} to ${c.span.end ?? '?'} (UTC).`,
      '',
      c.story,
      '',
      ...c.coverage.limits.map((l) => `- ${l}`),
    );
    if (c.failovers.length > 0) {
      out.push(
        '',
        '### Failovers',
        '',
        '| kind | old master | new master | epoch | slots | fault | FAIL | election | won | unavailable | votes |',
        '|---|---|---|---|---|---|---|---|---|---|---|',
      );
      for (const f of c.failovers) out.push(failoverRow(f, L));
    }
    if (c.outages.length > 0) {
      out.push('', '### What clients saw', '', '| scope | slots | from | to | duration | cause |', '|---|---|---|---|---|---|');
      for (const o of c.outages) out.push(outageRow(o));
    }
    out.push('', '### Findings', '');
    if (c.findings.length === 0) out.push('None.');
    for (const sev of ['error', 'warning', 'info'] as Severity[]) {
      const fs = c.findings.filter((f) => f.severity === sev);
      if (fs.length === 0) continue;
      out.push(`**${sev}**`, '');
      for (const f of fs)
        out.push(
          `- \`${f.rule}\`${f.at ? ` ${hms(f.at)}` : ''}: ${cell(f.message)}${f.evidence.length ? ` _(${evidenceText(f.evidence)})_` : ''}`,
        );
      out.push('');
    }
  }
  out.push('', '### Inputs', '', '| source | kind | lines | understood | ignored | unknown |', '|---|---|---|---|---|---|');
  for (const i of a.inputs) out.push(`| \`${cell(i.source)}\` | ${i.kind} | ${i.lines} | ${i.understood} | ${i.ignored} | ${i.unknown} |`);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

function failoverRow(f: Failover, L: ReturnType<typeof labeler>): string {
  const granted = f.votes?.filter((v) => v.granted).length ?? 0;
  const fault =
    f.startedAtBounds[0] !== f.startedAtBounds[1] ? `${hms(f.startedAtBounds[0])}–${hms(f.startedAtBounds[1])}` : hms(f.startedAt);
  return `| ${f.kind} | ${cell(L(f.oldMaster))} | ${cell(L(f.newMaster))} | ${f.epoch ?? '?'} | ${f.slots} | ${fault} | ${hms(f.failMarkedAt)} | ${hms(f.electionStartedAt)} | ${hms(f.promotedAt)} | ${dur(f.timingsMs.unavailable)} | ${f.electionStartedAt ? `${granted}/${f.votesNeeded ?? '?'}` : '—'} |`;
}

function outageRow(o: Outage): string {
  const end = o.end !== null ? hms(o.end) : o.endBounds ? `${hms(o.endBounds[0])}–${hms(o.endBounds[1])}` : 'not over';
  const len =
    o.durationMs !== null
      ? dur(o.durationMs)
      : o.endBounds
        ? `${dur(ms(o.endBounds[0]) - ms(o.start))}–${dur(ms(o.endBounds[1]) - ms(o.start))}`
        : 'open';
  return `| ${o.scope === 'cluster' ? 'cluster (CLUSTERDOWN)' : 'slots'} | ${o.slots ?? 'all'} | ${hms(o.start)} | ${end} | ${len} | \`${o.cause}\` |`;
}
