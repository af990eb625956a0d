import type { AnalysisV1, ClusterAnalysis, Evidence, Failover, Finding, Outage, Severity } from '../../model/analysis.ts';
import type { NodeId } from '../../model/ids.ts';
import type { Timeline } from '../../model/timeline.ts';
import { writeFileAtomicFrom } from '../../util/atomic-write.ts';
import { formatDuration } from '../../util/time.ts';
import { chartContext, clusterCharts, type ChartEntry, type ClusterCharts } from '../specs/index.ts';
import type { NodeStyle } from '../specs/common.ts';
import { FILTER_SCRIPT, STYLE, contentSecurityPolicy } from './assets.ts';
import { clip, html, trusted, type SafeHtml } from './escape.ts';
import { renderSvg } from './svg.ts';
import { shortTime } from './time.ts';
import { Anchors, timelineTable } from './timeline-table.ts';

export { renderSvg } from './svg.ts';
export { cspHash, contentSecurityPolicy } from './assets.ts';
export { esc, html } from './escape.ts';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/**
 * Rows a table of the page shows at most (issue 15: the page is bounded by what a reader can see,
 * not by the incident): a flapping day of 8320 failovers would otherwise be ~900 MB. Far above any
 * recorded incident (a handful of rows each); the counts in the headings stay complete.
 */
export const MAX_FAILOVER_ROWS = 1000;
export const MAX_OUTAGE_ROWS = 500;
export const MAX_FINDINGS = 300;
/** Characters of the story shown; it goes on in `analyze --format json` (a sentence per event). */
export const MAX_STORY_CHARS = 12_000;

export interface RenderOptions {
  /** Receives Vega / Vega-Lite warnings (they never go to the console). */
  warnings?: string[];
}

interface PageContext {
  styles: Map<NodeId, NodeStyle>;
  anchors: Anchors;
  /** The one UTC day all the evidence lies in, if so: times then show without their date. */
  day: string | null;
}

/** The single UTC day of every time on the page, or null. */
function singleDay(analysis: AnalysisV1, timeline: Timeline): string | null {
  const days = new Set<string>();
  const add = (iso: string | null) => {
    if (iso) days.add(iso.slice(0, 10));
  };
  for (const c of analysis.clusters) {
    add(c.span.start);
    add(c.span.end);
  }
  for (const f of analysis.failovers) {
    add(f.startedAtBounds[0]);
    add(f.promotedAt);
  }
  for (const o of analysis.outages) {
    add(o.start);
    add(o.end);
  }
  if (timeline.events.length) {
    const first = timeline.events.find((e) => Number.isFinite(e.at));
    // from the end, without a reversed copy of every event
    let last: (typeof timeline.events)[number] | undefined;
    for (let i = timeline.events.length - 1; i >= 0 && !last; i--) if (Number.isFinite(timeline.events[i].at)) last = timeline.events[i];
    if (first) add(new Date(first.at).toISOString());
    if (last) add(new Date(last.at).toISOString());
  }
  return days.size === 1 ? [...days][0] : null;
}

function nodeName(id: NodeId | null, p: PageContext): SafeHtml {
  if (!id) return html`<span class="empty">none</span>`;
  const s = p.styles.get(id);
  return s ? html`<span class="sw c${s.colorIndex}"></span>${s.label}` : html`<span class="sw none"></span><code>${clip(id, 40)}</code>`;
}

function time(iso: string | null, p?: PageContext): SafeHtml {
  if (!iso) return html`<span class="empty">—</span>`;
  return p
    ? html`<time class="mono" datetime="${iso}">${shortTime(iso, p.day)}</time>`
    : html`<time class="mono" datetime="${iso}">${iso}</time>`;
}

function dur(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : formatDuration(ms);
}

function evidenceLinks(evidence: readonly Evidence[], p: PageContext): SafeHtml {
  if (evidence.length === 0) return html``;
  const items = evidence.slice(0, 12).map((e) => {
    const loc = p.anchors.label(e.source, e.line);
    const target = p.anchors.target(e.source, e.line);
    return target ? html`<a href="#${target}">${loc}</a>` : html`<span class="src mono">${loc}</span>`;
  });
  const more = evidence.length > 12 ? html`<span>… ${evidence.length - 12} more</span>` : '';
  return html`<div class="ev">evidence: ${items}${more}</div>`;
}

function findingsList(findings: readonly Finding[], p: PageContext): SafeHtml {
  return trusted([...findingsPieces(findings, p)].join(''));
}

/** Findings per piece of the findings list. */
const FINDINGS_PER_PIECE = 100;

/**
 * findingsList in pieces of FINDINGS_PER_PIECE items, the first MAX_FINDINGS by severity, then a line
 * counting the rest: thousands of findings are never one string, nor a page no one can read.
 */
function* findingsPieces(findings: readonly Finding[], p: PageContext): Generator<string> {
  if (findings.length === 0) {
    yield html`<p class="empty">No findings.</p>`.value;
    return;
  }
  const all = SEVERITIES.flatMap((s) => findings.filter((f) => f.severity === s));
  const shown = all.slice(0, MAX_FINDINGS);
  const left = all.slice(MAX_FINDINGS);
  yield '<ul class="findings">';
  for (let i = 0; i < shown.length; i += FINDINGS_PER_PIECE)
    yield html`${shown.slice(i, i + FINDINGS_PER_PIECE).map((f) => findingItem(f, p))}`.value;
  yield '</ul>';
  if (left.length) {
    const leftCounts = counts(left);
    yield html`<p class="note more">… ${left.length.toLocaleString('en-US')} more findings (${plural(leftCounts.error, 'error')}, ${plural(leftCounts.warning, 'warning')}, ${leftCounts.info} info): see <code>failscope analyze --format json</code></p>`
      .value;
  }
}

function findingItem(f: Finding, p: PageContext): SafeHtml {
  return html`<li class="${SEVERITIES.includes(f.severity) ? f.severity : 'info'}"><span class="sev ${SEVERITIES.includes(f.severity) ? f.severity : 'info'}">${f.severity}</span><span class="rule">${f.rule}</span>${f.at ? html` · ${time(f.at, p)}` : ''}
<div>${f.message}</div>${f.nodes.length ? html`<div class="ev">nodes: ${f.nodes.map((n, i) => html`${i ? ', ' : ''}${nodeName(n, p)}`)}</div>` : ''}${evidenceLinks(f.evidence, p)}</li>`;
}

/** The line under a capped list: how many rows are left out and where they all are. */
function moreRows(left: number, what: string, colspan: number): SafeHtml {
  return html`<tfoot><tr class="more"><td colspan="${colspan}">… ${left.toLocaleString('en-US')} more ${what}: see <code>failscope analyze --format json</code></td></tr></tfoot>`;
}

function failoverTable(failovers: readonly Failover[], p: PageContext): SafeHtml {
  if (failovers.length === 0) return html`<p class="empty">No failover happened.</p>`;
  return html`<div class="scroll"><table class="failovers"><caption>Failovers</caption><thead><tr><th>#</th><th>kind</th><th>old master → new master</th><th class="num">epoch</th><th>slots</th><th>fault moment (evidence, bounds)</th><th class="num">detection</th><th class="num">election</th><th class="num">unavailable</th></tr></thead><tbody>
${failovers.slice(0, MAX_FAILOVER_ROWS).map(
  (
    f,
    i,
  ) => html`<tr><td>${i + 1}</td><td>${f.kind}</td><td>${nodeName(f.oldMaster, p)} → ${nodeName(f.newMaster, p)}</td><td class="num">${f.epoch ?? '—'}</td><td class="mono slots">${clip(f.slots, 60)}</td><td>${time(f.startedAt, p)} <span class="note">(${f.startedAtFrom}; ${f.startedAtBounds[0] === f.startedAtBounds[1] ? 'exact' : html`between ${time(f.startedAtBounds[0], p)} and ${time(f.startedAtBounds[1], p)}`})</span></td><td class="num">${dur(f.timingsMs.detection)}</td><td class="num">${dur(f.timingsMs.election)}</td><td class="num"><strong>${dur(f.timingsMs.unavailable)}</strong></td></tr>
`,
)}</tbody>${failovers.length > MAX_FAILOVER_ROWS ? moreRows(failovers.length - MAX_FAILOVER_ROWS, 'failovers', 9) : ''}</table></div>`;
}

function outageTable(outages: readonly Outage[], p: PageContext): SafeHtml {
  if (outages.length === 0) return html`<p class="empty">No outage.</p>`;
  return html`<div class="scroll"><table class="outages"><caption>Outages</caption><thead><tr><th>scope</th><th>slots</th><th>nodes</th><th>start</th><th>end</th><th class="num">duration</th><th>cause</th></tr></thead><tbody>
${outages.slice(0, MAX_OUTAGE_ROWS).map(
  (
    o,
  ) => html`<tr><td>${o.scope === 'cluster' ? 'whole cluster (CLUSTERDOWN)' : 'slots'}</td><td class="mono slots">${o.slots ? clip(o.slots, 60) : '—'}</td><td>${o.nodes.slice(0, 8).map((n, i) => html`${i ? ', ' : ''}${nodeName(n, p)}`)}${o.nodes.length > 8 ? ` … ${o.nodes.length - 8} more` : ''}</td><td>${time(o.start, p)}</td><td>${o.end ? time(o.end, p) : html`<strong>still down at the end of the evidence</strong>`}</td><td class="num"><strong>${dur(o.durationMs)}</strong></td><td><span class="rule">${o.cause}</span></td></tr>
`,
)}</tbody>${outages.length > MAX_OUTAGE_ROWS ? moreRows(outages.length - MAX_OUTAGE_ROWS, 'outages', 7) : ''}</table></div>`;
}

function nodesTable(c: ClusterAnalysis, p: PageContext): SafeHtml {
  return html`<details><summary>${c.nodes.length} node(s) and their sources</summary><div class="scroll"><table><thead><tr><th>node</th><th>id</th><th>addresses</th><th>sources</th></tr></thead><tbody>
${[...c.nodes]
  .sort((a, b) => (a.id < b.id ? -1 : 1))
  .map(
    (n) =>
      html`<tr><td>${nodeName(n.id, p)}</td><td class="mono">${n.id}</td><td class="mono">${n.addresses.map((a) => clip(a, 60)).join(', ')}</td><td class="mono">${n.sources.map((s) => clip(p.anchors.name(s), 100)).join(', ')}</td></tr>\n`,
  )}</tbody></table></div></details>`;
}

/** The story up to `MAX_STORY_CHARS`, cut after a sentence, with what is left said. */
function storyText(text: string, max = MAX_STORY_CHARS): { text: string; left: number } {
  if (text.length <= max) return { text, left: 0 };
  const cut = text.lastIndexOf('. ', max);
  const end = cut > max / 2 ? cut + 1 : max;
  return { text: text.slice(0, end), left: text.length - end };
}

function story(full: string): SafeHtml {
  const { text, left } = storyText(full);
  const paras = text
    .split(/\n\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  const more = left
    ? html`<p class="note more">… the story goes on for ${left.toLocaleString('en-US')} more characters: see <code>failscope analyze --format json</code> (<code>story</code>)</p>`
    : '';
  return paras.length ? html`<div class="story">${paras.map((s) => html`<p>${s}</p>`)}${more}</div>` : html``;
}

/** A chart's figure as pieces (its SVG, which can be large, is one of them and is not copied). */
async function chartFigure(cluster: string, index: number, chart: ChartEntry, warnings: string[]): Promise<string[]> {
  const id = `chart-${index}-${chart.id}`;
  if (!chart.spec)
    return [html`<figure class="chart" id="${id}"><h3>${chart.title}</h3><p class="empty">${chart.empty ?? 'No data.'}</p></figure>`.value];
  const svg = await renderSvg(chart.spec, `c${index}-${chart.id}`, warnings);
  const json = JSON.stringify(chart.spec, null, 2);
  const href = `data:application/json;charset=utf-8;base64,${Buffer.from(json, 'utf8').toString('base64')}`;
  const file = `${cluster.replace(/[^A-Za-z0-9_-]/g, '_')}-${chart.id}.vl.json`;
  return [
    html`<figure class="chart" id="${id}" role="group" aria-label="${chart.title}">\n`.value,
    svg,
    html`\n<figcaption><a class="download" download="${file}" href="${href}">Vega-Lite spec of this chart</a> (${file}, ${Math.ceil(json.length / 1024)} kB)</figcaption>
</figure>`.value,
  ];
}

function counts(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) if (f.severity in out) out[f.severity]++;
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summaryLine(failovers: number, outages: number): string {
  return `${failovers ? plural(failovers, 'failover') : 'no failover'}, ${outages ? plural(outages, 'outage') : 'no outage'}`;
}

/** One cluster's section, piece by piece (each chart is rendered when its turn comes). */
async function* clusterSection(
  c: ClusterAnalysis,
  charts: ClusterCharts,
  index: number,
  p: PageContext,
  multi: boolean,
  warnings: string[],
): AsyncGenerator<string> {
  const n = counts(c.findings);
  // The key chart (roles, with the failover moments) right under the story, on the first screen;
  // the other charts after the timings and findings.
  const key = charts.charts.find((ch) => ch.id === 'roles' && ch.spec) ?? null;
  yield html`<section class="cluster" id="cluster-${index}">
<h2>${multi ? `${c.id}: ` : ''}${summaryLine(c.failovers.length, c.outages.length)}</h2>
<p class="meta">${plural(c.nodes.length, 'node')} · evidence from ${time(c.span.start, p)} to ${time(c.span.end, p)} · ${plural(n.error, 'error')}, ${plural(n.warning, 'warning')}, ${n.info} info</p>
${story(c.story)}
`.value;
  if (key) yield* await chartFigure(c.id, index, key, warnings);
  yield html`
<h3>Key timings</h3>
${failoverTable(c.failovers, p)}
${outageTable(c.outages, p)}
<h3>Findings</h3>
`.value;
  yield* findingsPieces(c.findings, p);
  yield html`
${nodesTable(c, p)}
<h3 id="charts-${index}">Charts</h3>
`.value;
  for (const ch of charts.charts) if (ch !== key) yield* await chartFigure(c.id, index, ch, warnings);
  yield '\n</section>';
}

function inputsSection(analysis: AnalysisV1, timeline: Timeline, p: PageContext): SafeHtml {
  const inputs = analysis.inputs.length ? analysis.inputs : timeline.inputs;
  const diags = timeline.diagnostics;
  const nt = analysis.nodeTimeout;
  return html`<section id="inputs"><h2>Inputs</h2>
${p.anchors.commonDir ? html`<p class="meta">File names are relative to <code>${p.anchors.commonDir}</code>.</p>` : ''}
<p class="meta">Node timeout: ${nt.ms === null ? 'unknown' : `${nt.ms} ms (from ${nt.from})`}.${analysis.clockOffsets.length ? html` Clock corrections: ${analysis.clockOffsets.map((o, i) => html`${i ? '; ' : ''}<code>${clip(o.source, 80)}</code> ${o.offsetMs > 0 ? '+' : ''}${o.offsetMs} ms (${clip(o.reason, 200)})`)}.` : ' No clock correction applied.'}</p>
<div class="scroll"><table><thead><tr><th>source</th><th>kind</th><th class="num">lines</th><th class="num">understood</th><th class="num">ignored</th><th class="num">unknown</th></tr></thead><tbody>
${inputs.map((i) => html`<tr><td class="mono">${clip(p.anchors.name(i.source), 120)}</td><td>${i.kind}</td><td class="num">${i.lines}</td><td class="num">${i.understood}</td><td class="num">${i.ignored}</td><td class="num">${i.unknown}</td></tr>\n`)}</tbody></table></div>
${diags.length ? html`<details><summary>${plural(diags.length, 'diagnostic')}</summary><ul>${diags.slice(0, 200).map((d) => html`<li><span class="sev ${d.severity}">${d.severity}</span><span class="mono">${p.anchors.label(d.source, d.line)}</span> ${clip(d.message, 300)}</li>`)}</ul>${diags.length > 200 ? html`<p class="note">… ${diags.length - 200} more.</p>` : ''}</details>` : ''}
</section>`;
}

/**
 * The self-contained HTML postmortem (issue #6): verdict, story, key timings and findings first, then
 * the charts as inline SVG rendered here (the page needs no script to show them), then the merged
 * timeline with filters. No external resource of any kind; a strict CSP allows only our own style and
 * filter script. Same inputs → byte-identical page.
 */
export async function renderHtmlReport(analysis: AnalysisV1, timeline: Timeline, options: RenderOptions = {}): Promise<string> {
  const pieces: string[] = [];
  for await (const piece of htmlReportPieces(analysis, timeline, options)) pieces.push(piece);
  return pieces.join('');
}

/** Every source name, each once: of the inputs, of every event, of the analysis (no array per event). */
function* sourceNames(analysis: AnalysisV1, timeline: Timeline): Generator<string> {
  const seen = new Set<string>();
  for (const i of timeline.inputs) seen.add(i.source);
  for (const e of timeline.events) seen.add(e.source);
  for (const i of analysis.inputs) seen.add(i.source);
  yield* seen;
}

/**
 * renderHtmlReport as pieces, in order, each produced when the previous one has been taken: a
 * writer holds one piece (a cluster's findings list in batches, each chart's SVG alone), never the page.
 */
export async function* htmlReportPieces(analysis: AnalysisV1, timeline: Timeline, options: RenderOptions = {}): AsyncGenerator<string> {
  const warnings = options.warnings ?? [];
  const contexts = analysis.clusters.map((c) => chartContext(c));
  const styles = new Map<NodeId, NodeStyle>();
  for (const ctx of contexts) for (const [id, s] of ctx.styles) if (!styles.has(id)) styles.set(id, s);
  const p: PageContext = { styles, anchors: new Anchors(sourceNames(analysis, timeline)), day: singleDay(analysis, timeline) };
  // The table decides which rows (anchors) exist, so it is built before the findings that link to it.
  const table = timelineTable(timeline, analysis, styles, p.anchors, p.day);
  // A failover's markers on the charts link to its first evidence row the table shows.
  const evidenceHref = (f: Failover) => {
    for (const e of f.evidence) {
      const id = p.anchors.target(e.source, e.line);
      if (id) return `#${id}`;
    }
    return null;
  };
  const perCluster = analysis.clusters.map((c, i) => clusterCharts(c, { context: contexts[i], evidenceHref }));

  const multi = analysis.clusters.length > 1;
  const clusterFindings = new Set(analysis.clusters.flatMap((c) => c.findings));
  const loose = analysis.findings.filter((f) => !clusterFindings.has(f) && !analysis.clusters.some((c) => c.id === f.cluster));

  const n = counts(analysis.findings);
  const verdict = analysis.verdict === 'fail' ? 'fail' : 'pass';
  const headline = summaryLine(analysis.failovers.length, analysis.outages.length);
  yield html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="generator" content="failscope">
<title>failscope · ${verdict.toUpperCase()} · ${headline}</title>
<style>${trusted(STYLE)}</style>
</head>
<body>
<header class="top">
<h1><span class="verdict ${verdict}">${verdict.toUpperCase()}</span>Redis Cluster incident: ${headline}</h1>
<p class="meta">${p.day ? html`<strong>${p.day}</strong> (times in UTC) · ` : 'Times in UTC · '}${plural(n.error, 'error')}, ${plural(n.warning, 'warning')}, ${n.info} info · ${plural(analysis.nodes.length, 'node')}${multi ? ` in ${analysis.clusters.length} clusters` : ''} · ${plural(timeline.inputs.length || analysis.inputs.length, 'input')}</p>
</header>
<nav class="toc">${analysis.clusters.map((c, i) => html`<a href="#cluster-${i + 1}">${multi ? c.id : 'Summary'}</a><a href="#charts-${i + 1}">Charts${multi ? ` (${c.id})` : ''}</a>`)}<a href="#timeline">Timeline</a><a href="#inputs">Inputs</a></nav>
<main>
${analysis.clusters.length === 0 ? html`<p class="empty">No cluster found in the inputs.</p>` : ''}
`.value;
  for (let i = 0; i < analysis.clusters.length; i++) yield* clusterSection(analysis.clusters[i], perCluster[i], i + 1, p, multi, warnings);
  yield html`
${loose.length ? html`<section id="other-findings"><h2>Other findings</h2>${findingsList(loose, p)}</section>` : ''}
<section id="timeline"><h2>Timeline</h2>
${table.markup}
</section>
${inputsSection(analysis, timeline, p)}
</main>
<footer>Written by failscope. Charts: Vega-Lite specs rendered to SVG; each one’s spec can be downloaded under it. This file loads nothing from the network.</footer>
<script>${trusted(FILTER_SCRIPT)}</script>
</body>
</html>
`.value;
}

/** Render and write the report atomically (temp file in the same directory, then rename). Returns bytes written. */
export async function writeHtmlReport(
  path: string,
  analysis: AnalysisV1,
  timeline: Timeline,
  options: RenderOptions = {},
): Promise<number> {
  return writeFileAtomicFrom(path, htmlReportPieces(analysis, timeline, options));
}
