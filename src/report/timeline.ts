import type { TimelineEvent } from '../model/events.ts';
import { shortId } from '../model/ids.ts';
import type { InputSummary, Timeline } from '../model/timeline.ts';
import { maxOf } from '../util/extent.ts';
import { formatUtc } from '../util/time.ts';

/** JSON shape of one timeline event (`failscope timeline --format json`). Keys in a fixed order. */
export function eventJson(e: TimelineEvent): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const k of Object.keys(e.fields).sort()) {
    const v = (e.fields as Record<string, unknown>)[k];
    if (v !== undefined) fields[k] = v;
  }
  const out: Record<string, unknown> = {
    at: Number.isNaN(e.at) ? null : formatUtc(e.at),
    node: e.node,
    address: e.address ?? null,
    kind: e.kind,
    text: e.text,
    source: e.source,
    line: e.line,
  };
  if (e.endLine !== undefined && e.endLine !== e.line) out.endLine = e.endLine;
  if (e.stream !== undefined) out.stream = e.stream;
  if (e.pid !== undefined) out.pid = e.pid;
  if (e.role !== undefined) out.role = e.role;
  if (e.level !== undefined) out.level = e.level;
  if (e.timeInferred) out.timeInferred = true;
  out.fields = fields;
  return out;
}

export function renderTimelineJson(t: Timeline): string {
  return `${JSON.stringify(t.events.map(eventJson), null, 2)}\n`;
}

function firstLine(text: string): string {
  const i = text.indexOf('\n');
  return i < 0 ? text : `${text.slice(0, i)} …(+${text.split('\n').length - 1} lines)`;
}

/** One line per event: time, node, kind, original text, file:line. */
export function renderTimelineText(t: Timeline): string {
  const rows = t.events.map((e) => {
    const at = Number.isNaN(e.at) ? '(no time)               ' : formatUtc(e.at);
    const who = e.node ? `${shortId(e.node)}${e.address ? ` ${e.address}` : ''}` : e.address ?? '-';
    return [at, who, e.kind, firstLine(e.text), `${e.source}:${e.line}`];
  });
  const w1 = Math.max(4, maxOf(rows.map((r) => r[1].length)));
  const w2 = Math.max(4, maxOf(rows.map((r) => r[2].length)));
  const lines = rows.map((r) => `${r[0]}  ${r[1].padEnd(w1)}  ${r[2].padEnd(w2)}  ${r[3]}  ${r[4]}`);
  if (t.clusters.length > 1) lines.push('', `${t.clusters.length} clusters in these inputs: ${t.clusters.map((c) => `${c.id} (${c.nodes.length} nodes)`).join(', ')}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** `--stats`: how every input line was accounted for. */
export function renderStats(inputs: readonly InputSummary[]): string {
  const head = ['source', 'kind', 'lines', 'understood', 'ignored', 'unknown'];
  const rows = inputs.map((i) => [i.source, i.kind, `${i.lines}`, `${i.understood}`, `${i.ignored}`, `${i.unknown}`]);
  const total = inputs.reduce(
    (a, i) => ({ lines: a.lines + i.lines, understood: a.understood + i.understood, ignored: a.ignored + i.ignored, unknown: a.unknown + i.unknown }),
    { lines: 0, understood: 0, ignored: 0, unknown: 0 },
  );
  rows.push(['total', '', `${total.lines}`, `${total.understood}`, `${total.ignored}`, `${total.unknown}`]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const fmt = (r: string[]) => r.map((v, c) => (c >= 2 ? v.padStart(widths[c]) : v.padEnd(widths[c]))).join('  ').trimEnd();
  return `${[fmt(head), ...rows.map(fmt)].join('\n')}\n`;
}
