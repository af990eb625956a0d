import type { TopLevelSpec } from 'vega-lite';
import type { Failover } from '../../model/analysis.ts';
import {
  CHART_WIDTH,
  FLAPPING,
  FLAPPING_COLOR,
  MARKER_COLOR,
  ROLE_COLORS,
  TIP,
  SCHEMA_URL,
  baseConfig,
  clipToDomain,
  inDomain,
  iso,
  laneAxis,
  laneNote,
  laneSwatches,
  mergeIntervals,
  ms,
  pixelMs,
  subPixelRuns,
  timeAxis,
  tipSpan,
  tipTime,
  type ChartContext,
  type Run,
} from './common.ts';

/** Failover moments drawn over the lanes, in legend order. */
export const MARKERS = ['fault', 'FAIL marked', 'election started', 'promoted'] as const;
const MARKER_SHAPES = ['cross', 'triangle-down', 'diamond', 'circle'];

export function failoverLabel(index: number, f: Failover, ctx: ChartContext): string {
  const name = (id: string | null) => (id ? (ctx.styles.get(id)?.label ?? id) : '?');
  return `#${index + 1} ${f.kind}: ${name(f.oldMaster)} → ${name(f.newMaster)}`;
}

type MarkerRow = { at: string; what: string; failover: string; tip: string; href?: string };

/**
 * Above this many failovers in the drawn domain, their moments are drawn binned (issue 15): one mark
 * per `MARKER_BIN_PX` pixels holding any, with how many failovers it stands for. Far above any
 * recorded incident; 8 marks per failover would be 66k marks for a flapping day of 8320.
 */
export const MAX_MARKED_FAILOVERS = 40;
const MARKER_BIN_PX = 6;
const BINNED = 'failovers (binned)';

/** Whether the chart draws the failovers' moments binned rather than one by one. */
export function markersBinned(ctx: ChartContext): boolean {
  let n = 0;
  for (const f of ctx.cluster.failovers)
    if ([f.startedAt, f.failMarkedAt, f.electionStartedAt, f.promotedAt].some((t) => t && inDomain(t, ctx))) n++;
  return n > MAX_MARKED_FAILOVERS;
}

function binnedMarkerRows(ctx: ChartContext): MarkerRow[] {
  const [d0, d1] = ctx.domainMs;
  const bin = MARKER_BIN_PX * pixelMs(ctx);
  const bins = new Map<number, Array<{ i: number; t: number }>>();
  ctx.cluster.failovers.forEach((f, i) => {
    const at = [f.promotedAt, f.startedAt, f.failMarkedAt, f.electionStartedAt].find((t) => t && inDomain(t, ctx));
    if (!at) return;
    const t = ms(at);
    const k = bin > 0 ? Math.floor((t - d0) / bin) : 0;
    const list = bins.get(k);
    if (list) list.push({ i, t });
    else bins.set(k, [{ i, t }]);
  });
  return [...bins.keys()]
    .sort((a, b) => a - b)
    .map((k) => {
      const list = bins.get(k)!;
      const first = list[0];
      const last = list[list.length - 1];
      const lo = Math.min(...list.map((x) => x.t));
      const hi = Math.max(...list.map((x) => x.t));
      // the first failover of the bin with an evidence row on the page ('' draws no link)
      let href = '';
      for (const x of list) if (!href) href = ctx.evidenceHref?.(ctx.cluster.failovers[x.i]) ?? '';
      const failover = list.length === 1 ? `#${first.i + 1}` : `#${first.i + 1}–#${last.i + 1}`;
      const what =
        list.length === 1 ? failoverLabel(first.i, ctx.cluster.failovers[first.i], ctx) : `${list.length} failovers (${failover})`;
      return {
        at: iso(Math.min(d1, Math.max(d0, (lo + hi) / 2))),
        what: BINNED,
        failover,
        tip: `${what} between ${tipTime(iso(lo), ctx)} and ${tipTime(iso(hi), ctx)}; each one in the failovers table${href ? ' (click: its evidence in the timeline)' : ''}`,
        ...(ctx.evidenceHref ? { href } : {}),
      };
    });
}

export function markerRows(ctx: ChartContext): MarkerRow[] {
  if (markersBinned(ctx)) return binnedMarkerRows(ctx);
  const rows: MarkerRow[] = [];
  ctx.cluster.failovers.forEach((f, i) => {
    const failover = `#${i + 1}`;
    const href = ctx.evidenceHref?.(f) ?? null;
    const at: Array<string | null> = [f.startedAt, f.failMarkedAt, f.electionStartedAt, f.promotedAt];
    at.forEach((t, k) => {
      if (t && inDomain(t, ctx))
        rows.push({
          at: t,
          what: MARKERS[k],
          failover,
          tip: `${failoverLabel(i, f, ctx)}: ${MARKERS[k]} at ${tipTime(t, ctx)}${href ? ' (click: its evidence in the timeline)' : ''}`,
          ...(href ? { href } : {}),
        });
    });
  });
  return rows;
}

/** The UTC time x encoding of a lane chart; the domain is fixed here, on the main layer only. */
export function laneTimeX(ctx: ChartContext, field = 'start') {
  return {
    field,
    type: 'temporal' as const,
    scale: { type: 'utc' as const, domainMin: ctx.domain[0], domainMax: ctx.domain[1] },
    axis: timeAxis(ctx),
  };
}

/** One node's value (role, cluster_state, …) over an interval, to be drawn in that node's lane. */
export interface LaneSegment {
  node: string;
  value: string;
  start: string;
  end: string | null;
  /** Extra words for the hover text (`of 127.0.0.1:7000`). */
  detail?: string;
}

/**
 * A lane chart: one lane per node with `segments` as bars coloured by `field` (ticks where a bar is too
 * short to see), `background` layers behind them, and the failover markers on top.
 */
export function laneSpec(
  ctx: ChartContext,
  opts: {
    field: string;
    legendTitle: string;
    colors: Readonly<Record<string, string>>;
    title: string;
    subtitle: string;
    segments: readonly LaneSegment[];
    background: readonly object[];
  },
): TopLevelSpec {
  const { field } = opts;
  const laneOf = new Map(ctx.lanes.map((l) => [l.id, l.label]));
  const lanes = ctx.lanes.map((l) => l.label);
  const bars: Array<Record<string, string>> = [];
  const ticks: Array<Record<string, string>> = [];
  const cuts = opts.segments.map((s) => (laneOf.has(s.node) ? clipToDomain(s.start, s.end, ctx) : null));
  // Segments of one lane below the chart's resolution, many in a row: one summary bar each run (issue 15).
  const runs = subPixelRuns(
    opts.segments.map((s) => s.node),
    cuts.map((c) => (c ? ([ms(c.start), ms(c.end)] as const) : null)),
    ctx,
  );
  const drawn = new Set<Run>();
  opts.segments.forEach((s, i) => {
    const lane = laneOf.get(s.node);
    const cut = cuts[i];
    if (!lane || !cut) return;
    const run = runs.get(i);
    if (run) {
      if (drawn.has(run)) return;
      drawn.add(run);
      const values = new Map<string, number>();
      for (const k of run.members) values.set(opts.segments[k].value, (values.get(opts.segments[k].value) ?? 0) + 1);
      const start = iso(run.start);
      const end = iso(run.end);
      const what = [...values].map(([v, n]) => `${v} ×${n}`).join(', ');
      const tip = `${lane}: ${opts.legendTitle} ${FLAPPING}, ${run.members.length} changes (${what}), ${tipSpan(start, end, ctx)}`;
      bars.push({ lane, [field]: FLAPPING, start, end, tip });
      if (run.end - run.start < 4 * pixelMs(ctx)) ticks.push({ lane, [field]: FLAPPING, start, tip });
      return;
    }
    const tip = `${lane}: ${opts.legendTitle} ${s.value}${s.detail ? ` ${s.detail}` : ''}, ${tipSpan(s.start, s.end, ctx)}`;
    bars.push({ lane, [field]: s.value, start: cut.start, end: cut.end, tip });
    if (cut.short) ticks.push({ lane, [field]: s.value, start: cut.start, tip });
  });
  const colors: Record<string, string> = drawn.size ? { ...opts.colors, [FLAPPING]: FLAPPING_COLOR } : { ...opts.colors };
  const x = laneTimeX(ctx);
  const y = { field: 'lane', type: 'nominal' as const, sort: lanes, title: null, axis: laneAxis() };
  const color = {
    field,
    type: 'nominal' as const,
    title: opts.legendTitle,
    scale: { domain: Object.keys(colors), range: Object.values(colors) },
    legend: { orient: 'bottom' as const, direction: 'horizontal' as const },
  };

  return {
    $schema: SCHEMA_URL,
    title: {
      text: opts.title,
      subtitle: [
        opts.subtitle,
        ...laneNote(ctx),
        // only on dense incidents (issue 15): say what the summary marks stand for
        ...(drawn.size ? [`${FLAPPING}: changes closer together than the chart can draw apart; hover for how many.`] : []),
        ...(markersBinned(ctx)
          ? [`${ctx.cluster.failovers.length} failovers: one mark per ${MARKER_BIN_PX} px holding any; hover for which.`]
          : []),
      ],
    },
    width: CHART_WIDTH,
    height: Math.max(60, lanes.length * 24),
    config: baseConfig(),
    layer: [
      ...opts.background,
      {
        data: { values: bars },
        mark: { type: 'bar', height: { band: 0.7 }, cornerRadius: 1, aria: true },
        encoding: { x, x2: { field: 'end' }, y, color, ...TIP },
      },
      ...(ticks.length === 0
        ? []
        : [
            {
              data: { values: ticks },
              mark: { type: 'tick' as const, thickness: 3, bandSize: 16, aria: true },
              encoding: { x: { ...x, scale: { type: 'utc' as const } }, y, color, ...TIP },
            },
          ]),
      laneSwatches(ctx),
      ...markerLayers(ctx),
    ],
  } as TopLevelSpec;
}

/**
 * Roles over time, one lane per node (master / replica / paused / fail / down), with each failover's
 * fault (and its uncertainty bounds, shaded), FAIL mark, election start and promotion marked.
 */
export function rolesSpec(ctx: ChartContext): TopLevelSpec {
  const bounds = ctx.cluster.failovers
    .map((f, i) => ({
      failover: `#${i + 1}`,
      lo: f.startedAtBounds[0],
      hi: f.startedAtBounds[1],
      tip: `${failoverLabel(i, f, ctx)}: the fault happened between ${tipTime(f.startedAtBounds[0], ctx)} and ${tipTime(f.startedAtBounds[1], ctx)} (${f.startedAtFrom})`,
    }))
    .filter((b) => b.lo !== b.hi && inDomain(b.lo, ctx) && inDomain(b.hi, ctx));
  const x = laneTimeX(ctx);
  // Many failovers: their fault windows, merged where the eye cannot tell them apart (issue 15).
  const shaded = markersBinned(ctx)
    ? mergeIntervals(
        bounds.map((b) => [ms(b.lo), ms(b.hi)] as const),
        ctx,
      ).map((m) => ({
        lo: iso(m.start),
        hi: iso(m.end),
        tip: `${m.count === 1 ? 'a fault' : `the faults of ${m.count} failovers`} happened between ${tipTime(iso(m.start), ctx)} and ${tipTime(iso(m.end), ctx)}`,
      }))
    : bounds;
  return laneSpec(ctx, {
    field: 'role',
    legendTitle: 'role',
    colors: ROLE_COLORS,
    title: 'Roles over time',
    subtitle: 'Each node’s role as the evidence shows it; shaded: when the fault can have happened.',
    segments: ctx.cluster.roles.map((r) => ({
      node: r.node,
      value: r.role,
      start: r.start,
      end: r.end,
      ...(r.role === 'replica' && r.masterId ? { detail: `of ${ctx.styles.get(r.masterId)?.label ?? r.masterId}` } : {}),
    })),
    background:
      shaded.length === 0
        ? []
        : [
            {
              data: { values: shaded },
              mark: { type: 'rect' as const, color: '#888888', opacity: 0.22, aria: true },
              encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' }, ...TIP },
            },
          ],
  });
}

/** Rules and top-edge symbols for each failover's fault, FAIL mark, election start and promotion. */
export function markerLayers(ctx: ChartContext) {
  const markers = markerRows(ctx);
  if (markers.length === 0) return [];
  const binned = markers[0].what === BINNED;
  const linked = markers.some((m) => m.href);
  const link = linked ? { href: { field: 'href', type: 'nominal' as const } } : {};
  // Vega-Lite writes a missing field as the string "undefined", which the page's loader refuses, and
  // vega-scenegraph 5 then crashes on the refusal (a TypeError in its href()): a failover whose
  // evidence the timeline table does not show gets an empty link, which Vega leaves out.
  if (linked) for (const m of markers) if (!m.href) m.href = '';
  // The domain is set once, on the chart's main layer; these layers share its scale.
  const x = { field: 'at', type: 'temporal' as const, scale: { type: 'utc' as const }, axis: timeAxis(ctx) };
  return [
    {
      data: { values: markers },
      mark: { type: 'rule', color: MARKER_COLOR, strokeWidth: 1, strokeDash: [4, 3], opacity: 0.8, aria: true },
      encoding: { x, ...TIP },
    },
    {
      data: { values: markers },
      mark: { type: 'point', filled: true, color: MARKER_COLOR, size: 60, yOffset: -7, clip: false, opacity: 1, aria: true },
      encoding: {
        ...TIP,
        ...link,
        x,
        y: { value: 0 },
        shape: {
          field: 'what',
          type: 'nominal',
          title: 'failover',
          scale: binned ? { domain: [BINNED], range: ['square'] } : { domain: [...MARKERS], range: MARKER_SHAPES },
          legend: { orient: 'bottom', direction: 'horizontal', symbolStrokeColor: MARKER_COLOR, symbolFillColor: MARKER_COLOR },
        },
      },
    },
  ] as const;
}
