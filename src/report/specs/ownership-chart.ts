import type { TopLevelSpec } from 'vega-lite';
import { SLOT_COUNT, parseRanges } from '../../model/slots.ts';
import {
  CHART_WIDTH,
  CLUSTERDOWN_COLOR,
  CLUSTERDOWN_LABEL,
  SCHEMA_URL,
  TIP,
  UNCOVERED_COLOR,
  UNCOVERED_LABEL,
  UNSERVED_COLOR,
  UNSERVED_LABEL,
  baseConfig,
  clipToDomain,
  laneExtent,
  timeNotes,
  tipSpan,
  type ChartContext,
} from './common.ts';
import { laneTimeX, markerLayers } from './roles-chart.ts';

const OTHER_MASTERS = 'other masters';
const OTHER_MASTERS_COLOR = '#DCE3EA';

/** Rows of the lumped masters that touch in slots over the same interval become one row (in place). */
function mergeLumped<R extends { node: string; slots: string; from: number; to: number; start: string; end: string; tip: string }>(
  rows: R[],
): void {
  const lumped = rows
    .filter((r) => r.node === OTHER_MASTERS)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : a.from - b.from));
  const merged: R[] = [];
  for (const r of lumped) {
    const last = merged[merged.length - 1];
    if (last && last.start === r.start && last.end === r.end && r.from <= last.to) {
      last.to = Math.max(last.to, r.to);
      last.slots = last.to - 1 === last.from ? `${last.from}` : `${last.from}-${last.to - 1}`;
      last.tip = last.tip.replace(/^slots \S+/, `slots ${last.slots}`);
    } else merged.push({ ...r });
  }
  const kept = rows.filter((r) => r.node !== OTHER_MASTERS);
  rows.length = 0;
  rows.push(...kept, ...merged);
}

/**
 * Slot ownership over time: the 0–16383 axis top to bottom, one rectangle per (interval, slot range)
 * coloured by the owning master; ranges no master owned are drawn as uncovered, and slot outages
 * (the owner down, nobody serving) are laid over them.
 */
export function ownershipSpec(ctx: ChartContext): TopLevelSpec {
  type Row = {
    owner: string;
    node: string;
    epoch: number | null;
    slots: string;
    from: number;
    to: number;
    start: string;
    end: string;
    tip: string;
  };
  const rows: Row[] = [];
  const unserved: Row[] = [];
  const down: Row[] = [];
  const push = (into: Row[], slots: string, start: string, end: string | null, owner: string, node: string, epoch: number | null) => {
    const cut = clipToDomain(start, end, ctx);
    if (!cut) return;
    for (const r of parseRanges(slots)) {
      if (!Number.isFinite(r.start) || !Number.isFinite(r.end)) continue;
      const lo = Math.max(0, Math.min(SLOT_COUNT - 1, r.start));
      const hi = Math.max(lo, Math.min(SLOT_COUNT - 1, r.end));
      const range = lo === hi ? `${lo}` : `${lo}-${hi}`;
      const tip = `slots ${range}: ${owner}${epoch !== null ? `, epoch ${epoch}` : ''}, ${tipSpan(start, end, ctx)}`;
      into.push({ owner, node, epoch, slots: range, from: lo, to: hi + 1, start: cut.start, end: cut.end, tip });
    }
  };
  // A large cluster (lanes left out): masters the incident did not touch share one colour, and their
  // neighbouring ranges over the same interval merge into one rectangle (500 masters would otherwise be
  // 500 sub-pixel bands and a 500-entry legend).
  const laneIds = new Set(ctx.lanes.map((l) => l.id));
  const lumped = (id: string | null) => ctx.omittedLanes > 0 && id !== null && !laneIds.has(id);
  const others = new Set<string>();
  for (const o of ctx.cluster.ownership) {
    if (lumped(o.owner)) {
      others.add(o.owner!);
      push(rows, o.slots, o.start, o.end, OTHER_MASTERS, OTHER_MASTERS, null);
      continue;
    }
    const owner = o.owner ? (ctx.styles.get(o.owner)?.label ?? o.owner) : UNCOVERED_LABEL;
    push(rows, o.slots, o.start, o.end, owner, o.owner ?? '', o.epoch);
  }
  if (others.size > 0) mergeLumped(rows);
  // Slots whose owner was down: still "owned" by the configuration, but nobody served them.
  for (const o of ctx.cluster.outages)
    if (o.scope === 'slots' && o.slots) push(unserved, o.slots, o.start, o.end, UNSERVED_LABEL, '', null);
  // A cluster-wide CLUSTERDOWN: every slot refused, whoever owned it (issue #17: slots looked served).
  for (const o of ctx.cluster.outages)
    if (o.scope === 'cluster') push(down, `0-${SLOT_COUNT - 1}`, o.start, o.end, CLUSTERDOWN_LABEL, '', null);
  // Legend: owners in the order of the lanes / sorted ids, then "uncovered" and "not served" when present.
  const present = new Set(rows.map((r) => r.node));
  const owners = [...ctx.styles.values()].filter((s) => present.has(s.id));
  const domain = owners.map((s) => s.label);
  const range = owners.map((s) => s.color);
  if (present.has(OTHER_MASTERS)) {
    domain.push(OTHER_MASTERS);
    range.push(OTHER_MASTERS_COLOR);
  }
  if (present.has('')) {
    domain.push(UNCOVERED_LABEL);
    range.push(UNCOVERED_COLOR);
  }
  if (unserved.length) {
    domain.push(UNSERVED_LABEL);
    range.push(UNSERVED_COLOR);
  }
  if (down.length) {
    domain.push(CLUSTERDOWN_LABEL);
    range.push(CLUSTERDOWN_COLOR);
  }
  const x = laneTimeX(ctx);

  return {
    $schema: SCHEMA_URL,
    title: {
      text: 'Slot ownership over time',
      subtitle: [
        'Which master owned each hash slot (0 at the top, 16383 at the bottom); pale grey: no master; red with a dashed edge: nobody served them; dark red over every slot: CLUSTERDOWN.',
        ...timeNotes(ctx),
        ...(others.size > 0 ? [`${others.size} master(s) the incident did not touch share one colour (${OTHER_MASTERS}).`] : []),
      ],
    },
    width: CHART_WIDTH,
    height: 220,
    config: baseConfig(),
    layer: [
      {
        data: { values: rows },
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 0.5, aria: true },
        encoding: {
          ...TIP,
          x,
          x2: { field: 'end' },
          y: {
            field: 'from',
            type: 'quantitative',
            title: 'hash slot',
            scale: { domain: [0, SLOT_COUNT], reverse: true, nice: false, zero: false },
            // as wide as the lane charts' label column, so the time axes of the charts line up
            axis: {
              values: [0, 4096, 8192, 12288, 16384],
              labelExpr: "datum.value === 16384 ? '16383' : datum.label",
              minExtent: Math.max(0, laneExtent(ctx) - 20),
            },
          },
          y2: { field: 'to' },
          color: {
            field: 'owner',
            type: 'nominal',
            title: 'master',
            scale: { domain, range },
            legend: { orient: 'bottom', direction: 'horizontal', columns: 3 },
          },
        },
      },
      ...(unserved.length === 0
        ? []
        : [
            {
              data: { values: unserved },
              mark: { type: 'rect' as const, opacity: 0.85, stroke: '#000000', strokeWidth: 1, strokeDash: [3, 2], aria: true },
              encoding: {
                ...TIP,
                x: { ...x, scale: { type: 'utc' as const } },
                x2: { field: 'end' },
                y: { field: 'from', type: 'quantitative' as const },
                y2: { field: 'to' },
                color: { field: 'owner', type: 'nominal' as const },
              },
            },
          ]),
      ...(down.length === 0
        ? []
        : [
            {
              data: { values: down },
              mark: { type: 'rect' as const, opacity: 0.75, stroke: CLUSTERDOWN_COLOR, strokeWidth: 1.5, aria: true },
              encoding: {
                ...TIP,
                x: { ...x, scale: { type: 'utc' as const } },
                x2: { field: 'end' },
                y: { field: 'from', type: 'quantitative' as const },
                y2: { field: 'to' },
                color: { field: 'owner', type: 'nominal' as const },
              },
            },
          ]),
      ...markerLayers(ctx),
    ],
  } as TopLevelSpec;
}
