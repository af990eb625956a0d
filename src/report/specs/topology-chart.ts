import type { TopLevelSpec } from 'vega-lite';
import type { RoleInterval } from '../../model/analysis.ts';
import type { NodeId } from '../../model/ids.ts';
import { formatRanges, parseRanges } from '../../model/slots.ts';
import { MAX_SHARDS, SCHEMA_URL, TIP, baseConfig, cleanLabel, ms, type ChartContext } from './common.ts';

const STATUSES = ['up', 'down', 'fail', 'paused', 'unknown'];

interface TopoRow {
  panel: string;
  col: number;
  tier: number;
  node: NodeId;
  label: string;
  detail: string;
  status: 'up' | 'down' | 'fail' | 'paused' | 'unknown';
  tip: string;
}

/** A node placed in shard column `shard` (before columns are renumbered per panel). */
export type TopoNode = Omit<TopoRow, 'panel' | 'col' | 'tip'> & { shard: number };

function holds(start: string, end: string | null, t: number): boolean {
  return ms(start) <= t && (end === null || t < ms(end));
}

/** Who was master / replica of whom at instant `t`, as rows of a shard-per-column grid. */
export function topologyAt(ctx: ChartContext, t: number): TopoNode[] {
  const c = ctx.cluster;
  const byNode = new Map<NodeId, RoleInterval[]>();
  // Push, not spread: a flapping cluster has thousands of role intervals per node, and copying the
  // list per interval made the 8320-failover report spend 57% of its CPU here.
  for (const r of c.roles) {
    const l = byNode.get(r.node);
    if (l) l.push(r);
    else byNode.set(r.node, [r]);
  }
  const slotsOf = new Map<NodeId, string[]>();
  for (const o of c.ownership) {
    if (!o.owner || !holds(o.start, o.end, t)) continue;
    const l = slotsOf.get(o.owner);
    if (l) l.push(o.slots);
    else slotsOf.set(o.owner, [o.slots]);
  }

  const entries: Array<{ id: NodeId; role: 'master' | 'replica' | null; master: NodeId | null; status: TopoRow['status'] }> = [];
  for (const id of ctx.styles.keys()) {
    const mine = (byNode.get(id) ?? []).slice().sort((a, b) => ms(a.start) - ms(b.start));
    if (mine.length === 0 && !slotsOf.has(id)) continue;
    const now = mine.find((r) => holds(r.start, r.end, t));
    const settled = mine.filter((r) => r.role === 'master' || r.role === 'replica');
    const known =
      now && (now.role === 'master' || now.role === 'replica') ? now : (settled.filter((r) => ms(r.start) <= t).pop() ?? settled[0]);
    const role = known ? (known.role as 'master' | 'replica') : slotsOf.has(id) ? 'master' : null;
    const status: TopoRow['status'] = !now ? 'unknown' : now.role === 'master' || now.role === 'replica' ? 'up' : now.role;
    entries.push({ id, role, master: role === 'replica' ? (known?.masterId ?? null) : null, status });
  }
  // Columns: masters ordered by their first slot (slot-less masters after), replicas under their master.
  const firstSlot = (id: NodeId) => parseRanges((slotsOf.get(id) ?? []).join(','))[0]?.start ?? 1e9;
  const masters = entries.filter((e) => e.role === 'master').sort((a, b) => firstSlot(a.id) - firstSlot(b.id) || (a.id < b.id ? -1 : 1));
  const colOf = new Map(masters.map((m, i) => [m.id, i] as const));
  const tiers = new Map<number, number>();
  const out: TopoNode[] = [];
  const name = (id: NodeId | null) => cleanLabel(id ? (ctx.styles.get(id)?.label ?? id) : '?', 34);
  const statusText = (s: TopoRow['status']) => (s === 'up' ? '' : ` · ${s}`);
  for (const m of masters) {
    const slots = formatRanges(parseRanges((slotsOf.get(m.id) ?? []).join(',')));
    const col = colOf.get(m.id)!;
    tiers.set(col, 1);
    out.push({
      shard: col,
      tier: 0,
      node: m.id,
      label: name(m.id),
      detail: cleanLabel(`master · ${slots || 'no slots'}${statusText(m.status)}`, 48),
      status: m.status,
    });
  }
  const orphanCol = masters.length;
  for (const e of entries.filter((x) => x.role !== 'master').sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const col = e.master !== null && colOf.has(e.master) ? colOf.get(e.master)! : orphanCol;
    const tier = tiers.get(col) ?? (col === orphanCol ? 0 : 1);
    tiers.set(col, tier + 1);
    const what = e.role === 'replica' ? (col === orphanCol ? `replica of ${name(e.master).split(' ')[0]}` : 'replica') : 'role unknown';
    out.push({
      shard: col,
      tier,
      node: e.id,
      label: name(e.id),
      detail: cleanLabel(`${what}${statusText(e.status)}`, 48),
      status: e.status,
    });
  }
  return out;
}

/** The cluster's shape just before the incident and at the end of the evidence, shard by shard. */
export function topologySpec(ctx: ChartContext): TopLevelSpec {
  const panels = [
    { name: `before: ${ctx.before.replace('T', ' ')}`, t: ms(ctx.before) },
    { name: `after: end of the evidence, ${ctx.span[1].replace('T', ' ')}`, t: ms(ctx.after) },
  ];
  // Keep the shards the incident touched when there are too many to draw.
  const lanes = new Set(ctx.lanes.map((l) => l.id));
  const rows: TopoRow[] = [];
  let omitted = 0;
  for (const p of panels) {
    const nodes = topologyAt(ctx, p.t);
    const shards = [...new Set(nodes.map((n) => n.shard))];
    let keep = shards;
    if (shards.length > MAX_SHARDS) {
      keep = shards.filter((s) => nodes.some((n) => n.shard === s && lanes.has(n.node))).slice(0, MAX_SHARDS);
      omitted = Math.max(omitted, shards.length - keep.length);
    }
    const colOf = new Map(keep.map((s, i) => [s, i] as const));
    for (const n of nodes)
      if (colOf.has(n.shard))
        rows.push({
          panel: p.name,
          col: colOf.get(n.shard)!,
          tier: n.tier,
          node: n.node,
          label: n.label,
          detail: n.detail,
          status: n.status,
          tip: `${p.name}: ${n.label}, ${n.detail}`,
        });
  }
  const ids = [...ctx.styles.values()];
  const color = {
    field: 'node',
    type: 'nominal' as const,
    scale: { domain: ids.map((s) => s.id), range: ids.map((s) => s.color) },
    legend: null,
  };
  const x = { field: 'col', type: 'ordinal' as const, axis: null };
  const y = { field: 'tier', type: 'ordinal' as const, axis: null };

  return {
    $schema: SCHEMA_URL,
    title: {
      text: 'Topology before and after',
      subtitle: [
        'One column per shard: its master on top, replicas below; faded: down, flagged FAIL or paused at that moment.',
        ...(omitted > 0 ? [`${omitted} shard(s) the incident did not touch are left out.`] : []),
      ],
    },
    config: { ...baseConfig(), facet: { spacing: 28 }, view: { stroke: null } },
    data: { values: rows },
    facet: {
      column: {
        field: 'panel',
        type: 'nominal',
        sort: panels.map((p) => p.name),
        title: null,
        header: { labelFontSize: 12, labelFontWeight: 'bold', labelAnchor: 'start' },
      },
    },
    spec: {
      width: { step: 236 },
      height: { step: 52 },
      layer: [
        {
          mark: { type: 'rect', cornerRadius: 4, strokeWidth: 2, width: { band: 0.92 }, height: { band: 0.84 }, aria: true },
          encoding: {
            ...TIP,
            x,
            y,
            fill: color,
            stroke: color,
            fillOpacity: {
              field: 'status',
              type: 'ordinal',
              sort: STATUSES,
              scale: { domain: STATUSES, range: [0.2, 0.03, 0.03, 0.08, 0.03] },
              legend: null,
            },
            strokeOpacity: {
              field: 'status',
              type: 'ordinal',
              sort: STATUSES,
              scale: { domain: STATUSES, range: [1, 0.35, 0.35, 0.6, 0.25] },
              legend: null,
            },
          },
        },
        {
          mark: { type: 'text', dy: -8, fontSize: 11, fontWeight: 'bold', color: '#111111', limit: 0, aria: true },
          encoding: { x, y, text: { field: 'label', type: 'nominal' }, ...TIP },
        },
        {
          mark: { type: 'text', dy: 8, fontSize: 10, color: '#333333', limit: 0, aria: true },
          encoding: { x, y, text: { field: 'detail', type: 'nominal' }, ...TIP },
        },
      ],
    },
  } as TopLevelSpec;
}
