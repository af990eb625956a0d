import type { TimelineEvent } from '../model/events.ts';
import { shortId } from '../model/ids.ts';
import type { InputSummary, Timeline } from '../model/timeline.ts';
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
  return [...timelineJsonChunks(t)].join('');
}

/** Events per chunk of streamed output. */
const CHUNK = 2000;

/**
 * The JSON of renderTimelineJson in pieces, byte for byte what `JSON.stringify(events, null, 2)`
 * gives, so a million-event timeline is written without building one string of it.
 */
export function* timelineJsonChunks(t: Timeline): Generator<string> {
  if (t.events.length === 0) {
    yield '[]\n';
    return;
  }
  for (let i = 0; i < t.events.length; i += CHUNK) {
    const part: string[] = [];
    for (let j = i; j < Math.min(i + CHUNK, t.events.length); j++)
      part.push(`  ${JSON.stringify(eventJson(t.events[j]), null, 2).replace(/\n/g, '\n  ')}`);
    yield `${i === 0 ? '[\n' : ',\n'}${part.join(',\n')}`;
  }
  yield '\n]\n';
}

function firstLine(text: string): string {
  const i = text.indexOf('\n');
  return i < 0 ? text : `${text.slice(0, i)} …(+${text.split('\n').length - 1} lines)`;
}

/** One line per event: time, node, kind, original text, file:line. */
export function renderTimelineText(t: Timeline): string {
  return [...timelineTextChunks(t)].join('');
}

const who = (e: TimelineEvent) => (e.node ? `${shortId(e.node)}${e.address ? ` ${e.address}` : ''}` : (e.address ?? '-'));

/** renderTimelineText in pieces: column widths in a first pass, then CHUNK lines at a time. */
export function* timelineTextChunks(t: Timeline): Generator<string> {
  let w1 = 4;
  let w2 = 4;
  for (const e of t.events) {
    const n = e.node ? shortId(e.node).length + (e.address ? 1 + e.address.length : 0) : (e.address ?? '-').length;
    if (n > w1) w1 = n;
    if (e.kind.length > w2) w2 = e.kind.length;
  }
  for (let i = 0; i < t.events.length; i += CHUNK) {
    let out = '';
    for (let j = i; j < Math.min(i + CHUNK, t.events.length); j++) {
      const e = t.events[j];
      const at = Number.isNaN(e.at) ? '(no time)               ' : formatUtc(e.at);
      out += `${at}  ${who(e).padEnd(w1)}  ${e.kind.padEnd(w2)}  ${firstLine(e.text)}  ${e.source}:${e.line}\n`;
    }
    yield out;
  }
  if (t.clusters.length > 1)
    yield `\n${t.clusters.length} clusters in these inputs: ${t.clusters.map((c) => `${c.id} (${c.nodes.length} nodes)`).join(', ')}\n`;
}

/** `--stats`: how every input line was accounted for. */
export function renderStats(inputs: readonly InputSummary[]): string {
  const head = ['source', 'kind', 'lines', 'understood', 'ignored', 'unknown', 'forms'];
  const rows = inputs.map((i) => [
    i.source,
    i.kind,
    `${i.lines}`,
    `${i.understood}`,
    `${i.ignored}`,
    `${i.unknown}`,
    (i.forms ?? []).join(','),
  ]);
  const total = inputs.reduce(
    (a, i) => ({
      lines: a.lines + i.lines,
      understood: a.understood + i.understood,
      ignored: a.ignored + i.ignored,
      unknown: a.unknown + i.unknown,
    }),
    { lines: 0, understood: 0, ignored: 0, unknown: 0 },
  );
  rows.push(['total', '', `${total.lines}`, `${total.understood}`, `${total.ignored}`, `${total.unknown}`, '']);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const fmt = (r: string[]) =>
    r
      .map((v, c) => (c >= 2 && c <= 5 ? v.padStart(widths[c]) : v.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return `${[fmt(head), ...rows.map(fmt)].join('\n')}\n`;
}
