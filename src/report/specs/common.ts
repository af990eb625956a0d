import type { Config } from 'vega-lite';
import type { ClusterAnalysis, Failover, NodeSummary, RoleInterval } from '../../model/analysis.ts';
import type { NodeId } from '../../model/ids.ts';
import { shortId } from '../../model/ids.ts';
import { textWidth } from './text-width.ts';
import { maxOf, minOf } from '../../util/extent.ts';
import { formatDuration } from '../../util/time.ts';

/**
 * One colour vocabulary for the whole page (issue #17): hue names a node, and only a node; states,
 * phases and outages are greys and reds, which no node ever gets. Node colours are Okabe & Ito's
 * colour-blind-safe palette (https://jfly.uni-koeln.de/color/) without its vermillion and black (too
 * close to the alarm red and to the markers), completed with Paul Tol's indigo and teal
 * (https://personal.sron.nl/~pault/). A node keeps its colour in every chart and in the timeline table
 * (index = position among the cluster's node ids sorted, modulo the palette).
 */
export const NODE_PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#F0E442', '#332288', '#44AA99'] as const;

/** The state vocabulary: greys for how things normally are, reds for what went wrong. */
export const ALARM = '#C62828';
const ALARM_DARK = '#7F1D1D';
const ALARM_LIGHT = '#EF9A9A';
const INK = '#2B2B2B';

/** Roles, in legend order: serving dark, standing by mid grey, failing in reds, unknown pale. */
export const ROLE_COLORS = {
  master: '#3D3D3D',
  replica: '#9E9E9E',
  paused: ALARM_LIGHT,
  fail: ALARM,
  down: ALARM_DARK,
  unknown: '#E3E3E3',
} as const;

export const STATE_COLORS = { ok: '#9E9E9E', fail: ALARM } as const;
export const UNCOVERED_COLOR = '#E3E3E3';
export const UNCOVERED_LABEL = 'uncovered (no master)';
export const UNSERVED_COLOR = `${ALARM}`;
export const UNSERVED_LABEL = 'not served (outage)';
export const CLUSTERDOWN_COLOR = ALARM_DARK;
export const CLUSTERDOWN_LABEL = 'CLUSTERDOWN (every client)';
/** Failover markers and their rules. */
export const MARKER_COLOR = INK;
/** A run of changes too close together to draw apart, drawn as one summary bar (issue 15). */
export const FLAPPING = 'flapping';
export const FLAPPING_COLOR = '#E57373';
/** Every colour a chart uses for something other than a node: never one of NODE_PALETTE. */
export const STATE_VOCABULARY = [
  ...new Set([
    ...Object.values(ROLE_COLORS),
    ...Object.values(STATE_COLORS),
    UNCOVERED_COLOR,
    UNSERVED_COLOR,
    CLUSTERDOWN_COLOR,
    MARKER_COLOR,
    FLAPPING_COLOR,
  ]),
];

/** System font stack: the page loads no fonts. Unquoted so it survives as an SVG attribute verbatim. */
export const FONT_STACK = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif';

export const SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v5.json';
export const CHART_WIDTH = 900;
/** Above this many lanes, only the nodes the incident touched get one (keeps a 1000-node report small). */
export const MAX_LANES = 40;
/** Topology panels draw at most this many shards (the ones the incident touched first). */
export const MAX_SHARDS = 12;

/** Shared Vega-Lite config: system fonts, no ARIA strings per mark (they repeat local-time dates). */
export function baseConfig(): Config {
  return {
    font: FONT_STACK,
    aria: false,
    background: '#ffffff',
    view: { stroke: '#cfcfcf' },
    axis: { labelFontSize: 11, titleFontSize: 11, labelColor: '#333333', titleColor: '#333333', gridColor: '#eeeeee' },
    legend: {
      labelFontSize: 11,
      titleFontSize: 11,
      orient: 'bottom',
      direction: 'horizontal',
      labelLimit: 0,
      columnPadding: 14,
      symbolType: 'square',
      symbolOpacity: 1,
    },
    title: { fontSize: 14, subtitleFontSize: 11, anchor: 'start', subtitleColor: '#555555' },
  };
}

/**
 * One label format per axis, chosen from the span drawn, so every tick reads the same way (a
 * multi-format mixed `:30` with `07:29`): the date on every label when the span crosses a UTC day,
 * milliseconds when it is under 10 s, seconds when under an hour. UTC on a `utc` scale, 24-hour.
 */
export function timeFormat(domain: readonly [string, string]): string {
  const span = ms(domain[1]) - ms(domain[0]);
  if (domain[0].slice(0, 10) !== domain[1].slice(0, 10)) return span < 3 * 3600_000 ? '%b %d %H:%M:%S' : '%b %d %H:%M';
  return span < 10_000 ? '%H:%M:%S.%L' : span < 3600_000 ? '%H:%M:%S' : '%H:%M';
}

/** Axis for a UTC time scale: labels always in UTC, whatever the machine's zone. */
export function timeAxis(ctx?: ChartContext) {
  const day = ctx ? ctx.domain[0].slice(0, 10) : '';
  const lastDay = ctx ? ctx.domain[1].slice(0, 10) : '';
  const title = ctx ? `time (UTC), ${day === lastDay ? day : `${day} to ${lastDay}`}` : 'time (UTC)';
  return { title, labelFlush: true, labelOverlap: true as const, tickCount: 7, format: ctx ? timeFormat(ctx.domain) : '%H:%M:%S' };
}

/** A time for hover text: `13:24:53.156`, with its date when the chart spans more than one UTC day. */
export function tipTime(iso: string | null, ctx: ChartContext): string {
  if (iso === null) return 'the end of the evidence';
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(iso)) return iso;
  return ctx.domain[0].slice(0, 10) === ctx.domain[1].slice(0, 10) ? iso.slice(11, 23) : `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** `13:24:50.214 → 13:24:53.779 (3.565 s)` for an interval's hover text. */
export function tipSpan(start: string, end: string | null, ctx: ChartContext): string {
  const d = end === null ? null : ms(end) - ms(start);
  return `${tipTime(start, ctx)} → ${tipTime(end, ctx)}${d !== null && Number.isFinite(d) ? ` (${formatDuration(d)})` : ''}`;
}

/**
 * Hover text for a mark: the `tip` field of each datum becomes the item's ARIA label, which
 * `renderSvg` turns into an SVG <title> (browsers show it on hover; no script needed).
 */
export const TIP = { description: { field: 'tip', type: 'nominal' as const } };

/** Remove control characters and cap the length of any input-derived label handed to Vega. */
export function cleanLabel(text: string, max = 60): string {
  // eslint-disable-next-line no-control-regex
  const s = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export interface NodeStyle {
  id: NodeId;
  /** Unique, human label: `192.168.56.102:7002 (094af2ab)` or the short id alone. */
  label: string;
  color: string;
  /** Palette index (CSS class `c<N>` in the HTML). */
  colorIndex: number;
}

/** Stable style per node of one cluster: colour by sorted node id, label from the first address. */
export function nodeStyles(nodes: readonly NodeSummary[]): Map<NodeId, NodeStyle> {
  const sorted = [...new Set(nodes.map((n) => n.id))].sort();
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const out = new Map<NodeId, NodeStyle>();
  const used = new Set<string>();
  sorted.forEach((id, i) => {
    const addr = byId.get(id)?.addresses[0];
    let label = addr ? `${cleanLabel(addr, 48)} (${shortId(id)})` : shortId(id);
    if (used.has(label)) label = addr ? `${cleanLabel(addr, 48)} (${id})` : id;
    for (let k = 2; used.has(label); k++) label = `${label} #${k}`;
    used.add(label);
    out.set(id, { id, label: cleanLabel(label, 100), color: NODE_PALETTE[i % NODE_PALETTE.length], colorIndex: i % NODE_PALETTE.length });
  });
  return out;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (month 1–12), by H. Hinnant's civil-days
 * arithmetic; Date.UTC gives the same but costs half a microsecond a call.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** The number two ASCII digits at `i` spell, or -1. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * A time in ms from an ISO string (inputs are the analysis' own UTC ISO strings). The charts read
 * hundreds of thousands of them and Date.parse was 8% of a report, so `YYYY-MM-DDTHH:MM:SS.mmmZ` with
 * fields plainly in range is read digit by digit; anything else (a day past 28 included, which
 * Date.parse rolls over its own way) goes to Date.parse. Both give the same number.
 */
export function ms(iso: string): number {
  if (iso.length === 24 && iso.charCodeAt(4) === 45 && iso.charCodeAt(7) === 45 && iso.charCodeAt(10) === 84) {
    const hi = two(iso, 0);
    const lo = two(iso, 2);
    const mo = two(iso, 5);
    const d = two(iso, 8);
    const h = two(iso, 11);
    const mi = two(iso, 14);
    const sec = two(iso, 17);
    const m1 = two(iso, 20);
    const m2 = iso.charCodeAt(22) - 48;
    if (
      hi >= 10 &&
      lo >= 0 &&
      mo >= 1 &&
      mo <= 12 &&
      d >= 1 &&
      d <= 28 &&
      h >= 0 &&
      h <= 23 &&
      mi >= 0 &&
      mi <= 59 &&
      sec >= 0 &&
      sec <= 59 &&
      m1 >= 0 &&
      m2 >= 0 &&
      m2 <= 9 &&
      iso.charCodeAt(13) === 58 &&
      iso.charCodeAt(16) === 58 &&
      iso.charCodeAt(19) === 46 &&
      iso.charCodeAt(23) === 90
    )
      return daysFromCivil(hi * 100 + lo, mo, d) * 86_400_000 + ((h * 60 + mi) * 60 + sec) * 1000 + m1 * 10 + m2;
  }
  return Date.parse(iso);
}
export function iso(t: number): string {
  return new Date(t).toISOString();
}

/** Everything the chart builders of one cluster share. Built once by `chartContext`. */
export interface ChartContext {
  cluster: ClusterAnalysis;
  styles: Map<NodeId, NodeStyle>;
  /** Lanes, in display order (shard by shard: master, then its replicas). */
  lanes: NodeStyle[];
  /** Nodes left without a lane because the cluster is large and they took no part. */
  omittedLanes: number;
  /** Time domain the charts draw, ISO: the whole evidence, or the incident when that is a small part of it. */
  domain: [string, string];
  /** `domain` in epoch ms, read once: every interval and marker is checked against it. */
  domainMs: readonly [number, number];
  /** Start and end of all the evidence, ISO. */
  span: [string, string];
  /** True when `domain` zooms on the incident (intervals are cut to it). */
  zoomed: boolean;
  /** Just before the first fault / outage, and at the end of the evidence (topology panels). */
  before: string;
  after: string;
  /** Set by the HTML page: where a failover's markers link to (its evidence row). */
  evidenceHref?: (f: Failover) => string | null;
}

function allTimes(c: ClusterAnalysis): number[] {
  const out: number[] = [];
  const push = (s: string | null | undefined) => {
    if (s) {
      const t = ms(s);
      if (Number.isFinite(t)) out.push(t);
    }
  };
  push(c.span.start);
  push(c.span.end);
  for (const r of c.roles) {
    push(r.start);
    push(r.end);
  }
  for (const r of c.ownership) {
    push(r.start);
    push(r.end);
  }
  for (const r of c.states) {
    push(r.start);
    push(r.end);
  }
  for (const f of c.failovers) {
    push(f.startedAt);
    push(f.startedAtBounds[0]);
    push(f.startedAtBounds[1]);
    push(f.failMarkedAt);
    push(f.electionStartedAt);
    push(f.promotedAt);
  }
  for (const o of c.outages) {
    push(o.start);
    push(o.end);
  }
  return out;
}

/** Nodes the incident touched: in a failover, an outage, a finding, or with more than one role. */
function involvement(c: ClusterAnalysis): Map<NodeId, number> {
  const score = new Map<NodeId, number>();
  const add = (id: NodeId | null | undefined, s: number) => {
    if (id) score.set(id, (score.get(id) ?? 0) + s);
  };
  for (const f of c.failovers) {
    add(f.oldMaster, 100);
    add(f.newMaster, 100);
  }
  for (const o of c.outages) for (const n of o.nodes) add(n, 50);
  for (const f of c.findings) for (const n of f.nodes) add(n, f.severity === 'error' ? 20 : f.severity === 'warning' ? 10 : 1);
  const roleKinds = new Map<NodeId, Set<string>>();
  for (const r of c.roles) {
    const set = roleKinds.get(r.node) ?? new Set<string>();
    set.add(`${r.role}:${r.masterId ?? ''}`);
    roleKinds.set(r.node, set);
  }
  for (const [id, set] of roleKinds) if (set.size > 1) add(id, 5 * set.size);
  return score;
}

export function chartContext(cluster: ClusterAnalysis): ChartContext {
  // Every node the charts can name gets a style, with its addresses when the analysis knows them.
  const known = new Map<NodeId, NodeSummary>(cluster.nodes.map((n) => [n.id, n]));
  const mention = (id: NodeId | null | undefined) => {
    if (id && !known.has(id)) known.set(id, { id, addresses: [], sources: [] });
  };
  for (const r of cluster.roles) {
    mention(r.node);
    mention(r.masterId);
  }
  for (const r of cluster.states) mention(r.node);
  for (const r of cluster.ownership) mention(r.owner);
  for (const f of cluster.failovers) {
    mention(f.oldMaster);
    mention(f.newMaster);
  }
  const styles = nodeStyles([...known.values()]);

  const times = allTimes(cluster);
  const lo = minOf(times, 0);
  const hi = maxOf(times, 0);
  const pad = hi > lo ? 0 : 1000;
  const span: [string, string] = [iso(lo - pad), iso(hi + pad)];
  const incident = [
    ...cluster.failovers.flatMap((f) => [ms(f.startedAtBounds[0]), ms(f.startedAt), ms(f.promotedAt)]),
    ...cluster.outages.flatMap((o) => [ms(o.start), o.end === null ? hi : ms(o.end)]),
  ].filter(Number.isFinite);
  let domain = span;
  let zoomed = false;
  if (incident.length) {
    const a = minOf(incident);
    const b = maxOf(incident);
    const margin = Math.max(0.5 * (b - a), 5000);
    const f0 = Math.max(lo, a - margin);
    const f1 = Math.min(hi, b + margin);
    if (f1 > f0 && f1 - f0 < 0.1 * (hi - lo)) {
      domain = [iso(f0), iso(f1)];
      zoomed = true;
    }
  }

  const incidentStarts = [...cluster.failovers.map((f) => ms(f.startedAtBounds[0])), ...cluster.outages.map((o) => ms(o.start))].filter(
    Number.isFinite,
  );
  const beforeT = incidentStarts.length ? Math.max(lo, minOf(incidentStarts) - 1) : lo;
  const afterT = Math.max(lo, hi - 1);

  // Lane order: shard by shard as the cluster stood before the incident, then everyone else.
  const ids = [...styles.keys()];
  const slotStart = new Map<NodeId, number>();
  for (const o of cluster.ownership) {
    if (!o.owner || ms(o.start) > beforeT || (o.end !== null && beforeT >= ms(o.end))) continue;
    const first = Number(o.slots.split(/[-,]/)[0]);
    if (Number.isFinite(first)) slotStart.set(o.owner, Math.min(first, slotStart.get(o.owner) ?? Infinity));
  }
  // The last master/replica role known at `beforeT` (or the first one after, for late joiners).
  const lastKnown = new Map<NodeId, RoleInterval>();
  for (const r of cluster.roles) {
    if (r.role !== 'master' && r.role !== 'replica') continue;
    const cur = lastKnown.get(r.node);
    const t = ms(r.start);
    const c = cur ? ms(cur.start) : NaN;
    const better = !cur || (t <= beforeT ? c > beforeT || c < t : c > beforeT && t < c);
    if (better) lastKnown.set(r.node, r);
  }
  const masterOf = new Map<NodeId, NodeId | null>();
  for (const id of ids) {
    const r = lastKnown.get(id);
    masterOf.set(id, r?.role === 'replica' ? (r.masterId ?? null) : null);
  }
  const replicasOf = new Map<NodeId, NodeId[]>();
  for (const id of [...ids].sort()) {
    const m = masterOf.get(id);
    if (m) replicasOf.set(m, [...(replicasOf.get(m) ?? []), id]);
  }
  const masters = ids
    .filter((id) => !masterOf.get(id))
    .sort((a, b) => (slotStart.get(a) ?? 1e9) - (slotStart.get(b) ?? 1e9) || (a < b ? -1 : 1));
  const placed = new Set<NodeId>();
  const ordered: NodeId[] = [];
  const place = (id: NodeId) => {
    if (!placed.has(id)) {
      placed.add(id);
      ordered.push(id);
    }
  };
  for (const m of masters) {
    place(m);
    for (const id of replicasOf.get(m) ?? []) place(id);
  }
  for (const id of [...ids].sort()) place(id);

  let laneIds = ordered;
  let omitted = 0;
  if (ordered.length > MAX_LANES) {
    const score = involvement(cluster);
    const keep = new Set(
      [...ordered]
        .filter((id) => (score.get(id) ?? 0) > 0)
        .sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0) || (a < b ? -1 : 1))
        .slice(0, MAX_LANES),
    );
    laneIds = ordered.filter((id) => keep.has(id));
    omitted = ordered.length - laneIds.length;
  }
  return {
    cluster,
    styles,
    lanes: laneIds.map((id) => styles.get(id)!),
    omittedLanes: omitted,
    domain,
    domainMs: [ms(domain[0]), ms(domain[1])],
    span,
    zoomed,
    before: iso(beforeT),
    after: iso(afterT),
  };
}

/** An interval cut to the drawn domain, or null when it lies outside. Open ends run to the domain's end. */
export function clipToDomain(start: string, end: string | null, ctx: ChartContext): { start: string; end: string; short: boolean } | null {
  const [d0, d1] = ctx.domainMs;
  const a = Math.max(ms(start), d0);
  const b = Math.min(end === null ? d1 : ms(end), d1);
  // an unreadable time draws nothing rather than a wrong bar
  if (!Number.isFinite(a) || !Number.isFinite(b) || b < a) return null;
  // Shorter than ~4 px at the chart's width: drawn again as a tick so it stays visible.
  const short = b - a < ((d1 - d0) * 4) / CHART_WIDTH;
  return { start: a === ms(start) ? start : iso(a), end: end !== null && b === ms(end) ? end : iso(b), short };
}

export function timeNotes(ctx: ChartContext): string[] {
  return ctx.zoomed ? [`Zoomed on the incident; the evidence runs from ${ctx.span[0]} to ${ctx.span[1]}.`] : [];
}

export function inDomain(at: string, ctx: ChartContext): boolean {
  const t = ms(at);
  return t >= ctx.domainMs[0] && t <= ctx.domainMs[1];
}

export function laneNote(ctx: ChartContext): string[] {
  return [...timeNotes(ctx), ...(ctx.omittedLanes > 0 ? [`${ctx.omittedLanes} node(s) the incident did not touch are left out.`] : [])];
}

/** Lane axis: room on the left of the labels for the node's colour swatch (see `laneSwatches`). */
export function laneAxis() {
  return { labelLimit: 0, labelPadding: 16, ticks: false, domain: false };
}

/** Width of the lane labels' column, so charts without lanes can line their time axis up with it. */
export function laneExtent(ctx: ChartContext): number {
  return Math.ceil(Math.max(0, ...ctx.lanes.map((l) => textWidth(l.label, 11))) + 16);
}

/**
 * A square in each lane's node colour, left of its label, so a node reads the same in every chart.
 * Uses the `fill` channel, so its node scale stays apart from the chart's own `color` scale.
 */
export function laneSwatches(ctx: ChartContext) {
  return {
    data: { values: ctx.lanes.map((l) => ({ lane: l.label, node: l.id, tip: `node ${l.label}` })) },
    mark: { type: 'square' as const, size: 70, filled: true, clip: false, opacity: 1, aria: true },
    encoding: {
      ...TIP,
      x: { value: -8 },
      y: { field: 'lane', type: 'nominal' as const, sort: ctx.lanes.map((l) => l.label), title: null, axis: laneAxis() },
      fill: {
        field: 'node',
        type: 'nominal' as const,
        scale: { domain: ctx.lanes.map((l) => l.id), range: ctx.lanes.map((l) => l.color) },
        legend: null,
      },
    },
  };
}

/** Milliseconds one pixel of the chart's time axis stands for. */
export function pixelMs(ctx: ChartContext): number {
  return (ctx.domainMs[1] - ctx.domainMs[0]) / CHART_WIDTH;
}

/** Below the resolution: narrower than this many pixels (as `clipToDomain`'s ticks). */
const SHORT_PX = 4;
/** At least this many sub-resolution segments in a row of one lane become one summary bar. */
const MIN_RUN = 4;
/** A summary bar spans at most this many pixels, so a long flapping stretch still shows where it is dense. */
const MAX_RUN_PX = 12;
/**
 * A lane with more segments in view than this is too dense to read change by change (a bar every 8 px
 * or less; on a phone, every 3): its segments under `DENSE_SHORT_PX` merge, two or more in a row, into
 * summaries up to `DENSE_RUN_PX` wide, which keeps it to ~2 marks per 12 px however long the incident.
 */
const DENSE_LANE = CHART_WIDTH / 8;
const DENSE_SHORT_PX = 12;
const DENSE_RUN_PX = 36;

/** Consecutive segments of one lane drawn as one summary mark: their indices, in time order, and extent. */
export interface Run {
  members: number[];
  start: number;
  end: number;
}

/**
 * The runs of `MIN_RUN` or more segments in a row of one lane (key) that each fall below the chart's
 * resolution: drawn one by one they would be thousands of overlapping marks (a flapping lane of a
 * day of failovers), drawn as one summary each they keep the page bounded by its pixels, not by the
 * incident. Returns, per member index, the run it belongs to. `spans` are the clipped ms intervals.
 */
export function subPixelRuns(
  keys: readonly string[],
  spans: ReadonlyArray<readonly [number, number] | null>,
  ctx: ChartContext,
): Map<number, Run> {
  const px = pixelMs(ctx);
  const byKey = new Map<string, number[]>();
  keys.forEach((k, i) => {
    if (spans[i] === null) return;
    const list = byKey.get(k);
    if (list) list.push(i);
    else byKey.set(k, [i]);
  });
  const out = new Map<number, Run>();
  for (const list of byKey.values()) {
    if (list.length < MIN_RUN) continue;
    const dense = list.length > DENSE_LANE;
    const shortMs = (dense ? DENSE_SHORT_PX : SHORT_PX) * px;
    const runMs = (dense ? DENSE_RUN_PX : MAX_RUN_PX) * px;
    const minRun = dense ? 2 : MIN_RUN;
    const short = (i: number) => spans[i]![1] - spans[i]![0] < shortMs;
    const close = (run: Run | null) => {
      if (run && run.members.length >= minRun) for (const i of run.members) out.set(i, run);
    };
    list.sort((a, b) => spans[a]![0] - spans[b]![0] || a - b);
    let run: Run | null = null;
    for (const i of list) {
      const [a, b] = spans[i]!;
      if (!short(i)) {
        close(run);
        run = null;
        continue;
      }
      if (run && b - run.start <= runMs) {
        run.members.push(i);
        run.end = Math.max(run.end, b);
      } else {
        close(run);
        run = { members: [i], start: a, end: b };
      }
    }
    close(run);
  }
  return out;
}

/**
 * Intervals merged where they overlap or lie within `gapPx` pixels of each other, with how many each
 * stands for: background shadings (fault windows, outages) of a dense incident, one rectangle per
 * stretch the eye can tell apart. Input in ms; output sorted.
 */
export function mergeIntervals(
  spans: ReadonlyArray<readonly [number, number]>,
  ctx: ChartContext,
  gapPx = 1,
): Array<{ start: number; end: number; count: number }> {
  const gap = gapPx * pixelMs(ctx);
  const sorted = [...spans].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: Array<{ start: number; end: number; count: number }> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last.end + gap) {
      last.end = Math.max(last.end, b);
      last.count++;
    } else out.push({ start: a, end: b, count: 1 });
  }
  return out;
}
