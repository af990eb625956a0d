import type { AnalysisV1, Failover, Outage, Severity } from '../model/analysis.ts';
import { dur, evidenceText, hms, labeler, nodeTimeoutLine, verdictLine } from './analysis-text.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const ms = (iso: string) => Date.parse(iso);

/** `failscope analyze --format markdown`: the same facts as the text output, for a postmortem document. */
export function renderAnalysisMarkdown(a: AnalysisV1): string {
  return [...analysisMarkdownChunks(a)].join('');
}

/**
 * Runs of three or more newlines squeezed to two, over text that comes in pieces: what
 * `text.replace(/\n{3,}/g, '\n\n')` gives on the whole, with a run that spans pieces held back.
 */
export class BlankLineSqueeze {
  private pending = 0;
  push(s: string): string {
    let out = '';
    let i = 0;
    while (i < s.length) {
      if (s.charCodeAt(i) === 10) {
        let k = i;
        while (k < s.length && s.charCodeAt(k) === 10) k++;
        this.pending += k - i;
        i = k;
      } else {
        const j = s.indexOf('\n', i);
        const end = j < 0 ? s.length : j;
        out += this.end() + s.slice(i, end);
        i = end;
      }
    }
    return out;
  }
  /** The newlines held back, squeezed. */
  end(): string {
    const n = this.pending >= 3 ? 2 : this.pending;
    this.pending = 0;
    return '\n'.repeat(n);
  }
}

/** Lines gathered before they are handed out as one piece. */
const LINES_PER_PIECE = 1000;

/** renderAnalysisMarkdown in pieces: the tables of thousands of failovers are never one string. */
export function* analysisMarkdownChunks(a: AnalysisV1): Generator<string> {
  let out: string[] = ['# Redis Cluster incident analysis', '', `**${verdictLine(a)}**`, '', nodeTimeoutLine(a)];
  const squeeze = new BlankLineSqueeze();
  let first = true;
  const full = () => out.length >= LINES_PER_PIECE;
  // The lines so far, joined by newlines as one join of every line would (a newline before each but the first).
  const take = (): string => {
    if (out.length === 0) return '';
    const text = (first ? '' : '\n') + out.join('\n');
    first = false;
    out = [];
    return squeeze.push(text);
  };
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
      for (const f of c.failovers) {
        out.push(failoverRow(f, L));
        if (full()) yield take();
      }
    }
    if (c.outages.length > 0) {
      out.push('', '### What clients saw', '', '| scope | slots | from | to | duration | cause |', '|---|---|---|---|---|---|');
      for (const o of c.outages) {
        out.push(outageRow(o));
        if (full()) yield take();
      }
    }
    out.push('', '### Findings', '');
    if (c.findings.length === 0) out.push('None.');
    for (const sev of ['error', 'warning', 'info'] as Severity[]) {
      const fs = c.findings.filter((f) => f.severity === sev);
      if (fs.length === 0) continue;
      out.push(`**${sev}**`, '');
      for (const f of fs) {
        out.push(
          `- \`${f.rule}\`${f.at ? ` ${hms(f.at)}` : ''}: ${cell(f.message)}${f.evidence.length ? ` _(${evidenceText(f.evidence)})_` : ''}`,
        );
        if (full()) yield take();
      }
      out.push('');
    }
  }
  out.push('', '### Inputs', '', '| source | kind | lines | understood | ignored | unknown |', '|---|---|---|---|---|---|');
  for (const i of a.inputs) {
    out.push(`| \`${cell(i.source)}\` | ${i.kind} | ${i.lines} | ${i.understood} | ${i.ignored} | ${i.unknown} |`);
    if (full()) yield take();
  }
  yield `${take()}${squeeze.end()}\n`;
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
