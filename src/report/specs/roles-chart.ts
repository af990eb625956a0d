import type { TopLevelSpec } from 'vega-lite';
import type { Failover } from '../../model/analysis.ts';
import {
  CHART_WIDTH,
  MARKER_COLOR,
  ROLE_COLORS,
  TIP,
  SCHEMA_URL,
  baseConfig,
  clipToDomain,
  inDomain,
  laneAxis,
  laneNote,
  laneSwatches,
  timeAxis,
  tipSpan,
  tipTime,
  type ChartContext,
} from './common.ts';

/** Failover moments drawn over the lanes, in legend order. */
export const MARKERS = ['fault', 'FAIL marked', 'election started', 'promoted'] as const;
const MARKER_SHAPES = ['cross', 'triangle-down', 'diamond', 'circle'];

export function failoverLabel(index: number, f: Failover, ctx: ChartContext): string {
  const name = (id: string | null) => (id ? (ctx.styles.get(id)?.label ?? id) : '?');
  return `#${index + 1} ${f.kind}: ${name(f.oldMaster)} → ${name(f.newMaster)}`;
}

export function markerRows(ctx: ChartContext): Array<{ at: string; what: string; failover: string; tip: string; href?: string }> {
  const rows: Array<{ at: string; what: string; failover: string; tip: string; href?: string }> = [];
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
  for (const s of opts.segments) {
    const lane = laneOf.get(s.node);
    const cut = lane === undefined ? null : clipToDomain(s.start, s.end, ctx);
    if (!lane || !cut) continue;
    const tip = `${lane}: ${opts.legendTitle} ${s.value}${s.detail ? ` ${s.detail}` : ''}, ${tipSpan(s.start, s.end, ctx)}`;
    bars.push({ lane, [field]: s.value, start: cut.start, end: cut.end, tip });
    if (cut.short) ticks.push({ lane, [field]: s.value, start: cut.start, tip });
  }
  const x = laneTimeX(ctx);
  const y = { field: 'lane', type: 'nominal' as const, sort: lanes, title: null, axis: laneAxis() };
  const color = {
    field,
    type: 'nominal' as const,
    title: opts.legendTitle,
    scale: { domain: Object.keys(opts.colors), range: Object.values(opts.colors) },
    legend: { orient: 'bottom' as const, direction: 'horizontal' as const },
  };

  return {
    $schema: SCHEMA_URL,
    title: { text: opts.title, subtitle: [opts.subtitle, ...laneNote(ctx)] },
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
      bounds.length === 0
        ? []
        : [
            {
              data: { values: bounds },
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
          scale: { domain: [...MARKERS], range: MARKER_SHAPES },
          legend: { orient: 'bottom', direction: 'horizontal', symbolStrokeColor: MARKER_COLOR, symbolFillColor: MARKER_COLOR },
        },
      },
    },
  ] as const;
}
