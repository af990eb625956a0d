import type { AnalysisV1 } from '../../model/analysis.ts';
import type { EventKind, TimelineEvent } from '../../model/events.ts';
import type { NodeId } from '../../model/ids.ts';
import type { Timeline } from '../../model/timeline.ts';
import type { NodeStyle } from '../specs/common.ts';
import { clip, html, type SafeHtml } from './escape.ts';
import { shortTime } from './time.ts';

/**
 * Rows the page holds at most: a day of logs of a large cluster must stay a few MB (issue 15: 4000 rows
 * were 1.4 MB of a dense incident's page; 1000 are ~350 kB, still far above any recorded incident).
 */
export const MAX_TABLE_ROWS = 1000;
const MAX_TEXT = 280;

/** Kinds that tell the failover story; shown first when rows must be dropped, and in bold. */
const KEY_KINDS = new Set<EventKind>([
  'server.start',
  'server.shutdown-requested',
  'server.exit',
  'server.crash',
  'node.identity',
  'cluster.fail-marked',
  'cluster.fail-received',
  'cluster.fail-cleared',
  'cluster.state',
  'election.delayed',
  'election.started',
  'election.won',
  'election.expired',
  'election.data-too-old',
  'election.no-failover',
  'vote.granted',
  'vote.denied',
  'epoch.set',
  'epoch.collision',
  'manual.requested',
  'manual.master-paused',
  'manual.takeover',
  'manual.force',
  'manual.timeout',
  'role.replica-of',
  'role.master',
  'repl.link-lost',
  'master.replica-lost',
  'snapshot.cluster-nodes',
  'snapshot.cluster-info',
  'client.error',
]);
const NOISE_KINDS = new Set<EventKind>(['log.other', 'server.logo', 'server.section', 'client.reply']);

/** Anchor ids per (source, line): `L<source index>-<line>`; the index is the sorted source order. */
export class Anchors {
  private readonly index = new Map<string, number>();
  private readonly present = new Set<string>();
  /** Directory every source lies in (`fixtures/incidents/x/`), dropped from displayed names; '' if none. */
  readonly commonDir: string;
  constructor(sources: Iterable<string>) {
    const all = [...new Set(sources)].sort();
    all.forEach((s, i) => this.index.set(s, i));
    this.commonDir = commonDir(all);
  }
  /** `node-7001.log:23`: the source without the common directory, and the line. */
  label(source: string, line: number): string {
    const name = this.commonDir && source.startsWith(this.commonDir) ? source.slice(this.commonDir.length) : source;
    return `${clip(name, 80)}:${line}`;
  }
  name(source: string): string {
    return this.commonDir && source.startsWith(this.commonDir) ? source.slice(this.commonDir.length) : source;
  }
  id(source: string, line: number): string {
    const i = this.index.get(source);
    return `L${i ?? 'x'}-${Number.isFinite(line) ? Math.max(0, Math.trunc(line)) : 0}`;
  }
  mark(source: string, line: number): string | null {
    const id = this.id(source, line);
    if (this.present.has(id)) return null;
    this.present.add(id);
    return id;
  }
  /** The id of a row shown on the page for this evidence, if any. */
  target(source: string, line: number): string | null {
    const id = this.id(source, line);
    return this.present.has(id) ? id : null;
  }
}

/** The longest directory prefix (ending in `/`) shared by every source, when there are several files. */
export function commonDir(sources: readonly string[]): string {
  if (sources.length === 0) return '';
  const dirs = sources.map((s) => s.split('/').slice(0, -1));
  const first = dirs[0];
  let n = 0;
  while (n < first.length && dirs.every((d) => d[n] === first[n])) n++;
  return n === 0 ? '' : `${first.slice(0, n).join('/')}/`;
}

/** Incident windows (failovers and outages), merged and sorted, for choosing rows near them. */
function windows(analysis: AnalysisV1): Array<[number, number]> {
  const w: Array<[number, number]> = [];
  for (const f of analysis.failovers) w.push([Date.parse(f.startedAtBounds[0]), Date.parse(f.promotedAt)]);
  for (const o of analysis.outages) w.push([Date.parse(o.start), o.end ? Date.parse(o.end) : Date.parse(o.start)]);
  const ok = w
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b))
    .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]);
  ok.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const x of ok) {
    const last = merged[merged.length - 1];
    if (last && x[0] <= last[1]) last[1] = Math.max(last[1], x[1]);
    else merged.push([x[0], x[1]]);
  }
  return merged;
}

function distance(t: number, ws: Array<[number, number]>): number {
  if (ws.length === 0) return 0;
  let lo = 0;
  let hi = ws.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ws[mid][0] <= t) lo = mid;
    else hi = mid - 1;
  }
  let d = Infinity;
  for (const k of [lo, lo + 1]) {
    const win = ws[k];
    if (!win) continue;
    d = Math.min(d, t < win[0] ? win[0] - t : t > win[1] ? t - win[1] : 0);
  }
  return d;
}

/** Indices of the events the table shows: all when few, else the most telling ones near the incident. */
export function selectRows(events: readonly TimelineEvent[], analysis: AnalysisV1, max = MAX_TABLE_ROWS): number[] {
  if (events.length <= max) return events.map((_, i) => i);
  const ws = windows(analysis);
  // Lines cited as evidence come first, so every evidence link on the page has its row.
  // By source, then line: no key string made per event.
  const cited = new Map<string, Set<number>>();
  const cite = (e: { source: string; line: number }) => {
    let lines = cited.get(e.source);
    if (lines === undefined) cited.set(e.source, (lines = new Set()));
    lines.add(e.line);
  };
  for (const f of analysis.findings) for (const e of f.evidence) cite(e);
  for (const f of analysis.failovers) for (const e of f.evidence) cite(e);
  const tier = (e: TimelineEvent) => (cited.get(e.source)?.has(e.line) ? -1 : KEY_KINDS.has(e.kind) ? 0 : NOISE_KINDS.has(e.kind) ? 2 : 1);
  // The first `max` events in the order (tier, distance, index), kept in a heap of `max` entries with
  // the last of them on top: the same rows as sorting every event, without an entry per event.
  const heap = new RowHeap(max);
  for (let i = 0; i < events.length; i++) heap.offer(tier(events[i]), distance(events[i].at, ws), i);
  return heap.indices().sort((a, b) => a - b);
}

/** A bounded max-heap of (tier, distance, index): offer() keeps the `max` smallest. */
class RowHeap {
  private readonly tier: Int8Array;
  private readonly d: Float64Array;
  private readonly idx: Int32Array;
  private size = 0;
  private readonly max: number;
  constructor(max: number) {
    this.max = max;
    this.tier = new Int8Array(max);
    this.d = new Float64Array(max);
    this.idx = new Int32Array(max);
  }
  /** a after b in the order (ties on distance broken by index; NaN distances compare as sort() did not see them). */
  private after(ta: number, da: number, ia: number, k: number): boolean {
    const tb = this.tier[k];
    if (ta !== tb) return ta > tb;
    const dd = da - this.d[k];
    if (dd !== 0 && !Number.isNaN(dd)) return dd > 0;
    return ia > this.idx[k];
  }
  private set(k: number, t: number, d: number, i: number): void {
    this.tier[k] = t;
    this.d[k] = d;
    this.idx[k] = i;
  }
  offer(t: number, d: number, i: number): void {
    if (this.max === 0) return;
    if (this.size < this.max) {
      let k = this.size++;
      while (k > 0) {
        const parent = (k - 1) >> 1;
        if (!this.after(t, d, i, parent)) break;
        this.set(k, this.tier[parent], this.d[parent], this.idx[parent]);
        k = parent;
      }
      this.set(k, t, d, i);
      return;
    }
    if (this.after(t, d, i, 0)) return; // after the last kept one: not among the first `max`
    let k = 0;
    for (;;) {
      const l = 2 * k + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const c = r < this.size && this.after(this.tier[r], this.d[r], this.idx[r], l) ? r : l;
      if (this.after(t, d, i, c)) break;
      this.set(k, this.tier[c], this.d[c], this.idx[c]);
      k = c;
    }
    this.set(k, t, d, i);
  }
  indices(): number[] {
    return Array.from(this.idx.subarray(0, this.size));
  }
}

export interface TableResult {
  markup: SafeHtml;
  shown: number;
  total: number;
}

/** The merged timeline as a filterable table; every row is the anchor of its `file:line`. */
export function timelineTable(
  timeline: Timeline,
  analysis: AnalysisV1,
  styles: Map<NodeId, NodeStyle>,
  anchors: Anchors,
  day: string | null = null,
): TableResult {
  const events = timeline.events;
  const rows = selectRows(events, analysis);
  const nodeKey = new Map<NodeId, string>();
  const sortedIds = [...styles.keys()].sort();
  sortedIds.forEach((id, i) => nodeKey.set(id, `n${i}`));
  const usedNodes = new Set<string>();
  const usedKinds = new Set<string>();

  const body: SafeHtml[] = [];
  for (const i of rows) {
    const e = events[i];
    const style = e.node ? styles.get(e.node) : undefined;
    const key = e.node ? (nodeKey.get(e.node) ?? 'n-other') : 'n-none';
    usedNodes.add(key);
    usedKinds.add(e.kind);
    const id = anchors.mark(e.source, e.line);
    const target = anchors.id(e.source, e.line);
    const lines = e.text.split(/\r?\n/);
    const text = clip(lines[0] ?? '', MAX_TEXT) + (lines.length > 1 ? `  (+${lines.length - 1} lines)` : '');
    const who = style
      ? html`<span class="sw c${style.colorIndex}"></span>${style.label}`
      : html`<span class="sw none"></span>${e.address ? clip(e.address, 60) : e.node ? e.node.slice(0, 8) : '—'}`;
    const loc = anchors.label(e.source, e.line);
    body.push(
      html`<tr${id ? html` id="${id}"` : ''} data-node="${key}" data-kind="${e.kind}"${KEY_KINDS.has(e.kind) ? html` class="key"` : ''}><td class="t">${Number.isFinite(e.at) ? shortTime(new Date(e.at).toISOString(), day) : '?'}${e.timeInferred ? '*' : ''}</td><td class="who">${who}</td><td class="kind">${e.kind}</td><td class="msg">${text}</td><td class="src"><a href="#${target}">${loc}</a></td></tr>\n`,
    );
  }

  const nodeOptions = [
    ...sortedIds
      .filter((id) => usedNodes.has(nodeKey.get(id)!))
      .map((id) => html`<option value="${nodeKey.get(id)!}">${styles.get(id)!.label}</option>`),
    usedNodes.has('n-none') ? html`<option value="n-none">(no node)</option>` : '',
  ];
  const kinds = [...usedKinds].sort();
  const groups = [...new Set(kinds.map((k) => k.split('.')[0]))];
  const kindOptions = [
    html`<optgroup label="groups">${groups.map((g) => html`<option value="${g}.*">${g}.*</option>`)}</optgroup>`,
    html`<optgroup label="kinds">${kinds.map((k) => html`<option value="${k}">${k}</option>`)}</optgroup>`,
  ];
  const note =
    rows.length < events.length
      ? html`<p class="note">Showing ${rows.length.toLocaleString('en-US')} of ${events.length.toLocaleString('en-US')} events: the lines cited as evidence, the ones that tell the failover story, and those nearest the failovers and outages. The full timeline: <code>failscope timeline</code>.</p>`
      : '';
  const markup = html`<form id="timeline-filters" class="filters" hidden>
<label>Node <select name="node"><option value="">all nodes</option>${nodeOptions}</select></label>
<label>Kind <select name="kind"><option value="">all kinds</option>${kindOptions}</select></label>
<label>Text <input name="q" type="search" placeholder="contains…"></label>
<button type="reset">Clear</button><span id="timeline-count"></span>
</form>
${note}<div class="scroll"><table id="timeline-table" class="timeline">
<thead><tr><th>${day ? `time (UTC, ${day})` : 'time (UTC)'}</th><th>node</th><th>kind</th><th>message</th><th>file:line</th></tr></thead>
<tbody>
${body}</tbody>${rows.length < events.length ? html`<tfoot><tr class="more"><td colspan="5">… ${(events.length - rows.length).toLocaleString('en-US')} more rows: see <code>failscope timeline</code> or <code>failscope analyze --format json</code></td></tr></tfoot>` : ''}
</table></div>
${events.some((e) => e.timeInferred) ? html`<p class="note">* time inferred (no full stamp on the line).</p>` : ''}`;
  return { markup, shown: rows.length, total: events.length };
}
