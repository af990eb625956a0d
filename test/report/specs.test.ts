import { describe, expect, test } from 'vitest';
import type { ClusterAnalysis } from '../../src/model/index.ts';
import { chartContext, clipToDomain, MAX_LANES, NODE_PALETTE, nodeStyles } from '../../src/report/specs/common.ts';
import { clusterCharts, reportSpecs } from '../../src/report/specs/index.ts';
import { topologyAt } from '../../src/report/specs/topology-chart.ts';
import { formatRanges, normalizeRanges, parseRanges } from '../../src/model/slots.ts';
import { largeCase } from './helpers/large.ts';
import { A2, M1, M2, M3, R1, R2, R3, noReplicaCase, seedFailoverCase } from './helpers/cases.ts';

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

describe('report.vl.json goldens (reviewed)', () => {
  test('seed-failover: the seed document’s automatic failover to 192.168.56.102:7002', async () => {
    await expect(json(reportSpecs(seedFailoverCase().analysis))).toMatchFileSnapshot('../../fixtures/report/seed-failover/report.vl.json');
  });
  test('no-replica: the seed document’s crash with no replica, recovered by restart', async () => {
    await expect(json(reportSpecs(noReplicaCase().analysis))).toMatchFileSnapshot('../../fixtures/report/no-replica/report.vl.json');
  });
});

describe('chart data', () => {
  test('colours follow the sorted node ids, from the Okabe-Ito palette, whatever the input order', () => {
    const nodes = [M3, M1, R2].map((id) => ({ id, addresses: [], sources: [] }));
    const a = nodeStyles(nodes);
    const b = nodeStyles([...nodes].reverse());
    const sorted = [M1, M3, R2].sort();
    expect(sorted.map((id) => a.get(id)!.color)).toEqual(NODE_PALETTE.slice(0, 3));
    expect([...b.entries()]).toEqual([...a.entries()]);
  });

  test('lanes go shard by shard: each master, then its replicas', () => {
    const ctx = chartContext(seedFailoverCase().analysis.clusters[0]);
    expect(ctx.lanes.map((l) => l.id)).toEqual([M1, R1, M2, R2, M3, R3]);
    expect(ctx.lanes[2].label).toBe('192.168.56.101:7001 (c952f5ef)');
  });

  test('the roles chart carries one row per role interval and the four failover moments', () => {
    const { charts } = clusterCharts(seedFailoverCase().analysis.clusters[0]);
    type Layer = { mark: { type: string }; data: { values: Array<Record<string, unknown>> } };
    const layers = (charts.find((c) => c.id === 'roles')!.spec as unknown as { layer: Layer[] }).layer;
    const layer = (type: string) => layers.find((l) => l.mark.type === type)!.data.values;
    expect(layer('bar')).toHaveLength(10);
    expect(layer('bar').find((r) => r.lane === '192.168.56.102:7002 (094af2ab)' && r.role === 'master')).toEqual({
      lane: '192.168.56.102:7002 (094af2ab)',
      role: 'master',
      start: '2021-06-23T07:49:38.756Z',
      end: '2021-06-23T07:51:00.000Z',
      tip: '192.168.56.102:7002 (094af2ab): role master, 07:49:38.756 → the end of the evidence',
    });
    expect(layer('point').map((r) => r.what)).toEqual(['fault', 'FAIL marked', 'election started', 'promoted']);
    const rows = layers.flatMap((l) => l.data.values);
    // the fault's uncertainty window is drawn
    expect(rows.find((r) => 'lo' in r)).toMatchObject({ failover: '#1', lo: '2021-06-23T07:49:33.560Z', hi: '2021-06-23T07:49:33.581Z' });
  });

  test('a cluster without failover gets no waterfall, and says so', () => {
    const { charts } = clusterCharts(noReplicaCase().analysis.clusters[0]);
    const w = charts.find((c) => c.id === 'waterfall')!;
    expect(w.spec).toBeNull();
    expect(w.empty).toBe('No failover happened.');
  });

  test('topology: before the fault M2 serves 5461-10922 with R2 under it; after, R2 does with M2 under it', () => {
    const ctx = chartContext(seedFailoverCase().analysis.clusters[0]);
    const before = topologyAt(ctx, Date.parse(ctx.before));
    const after = topologyAt(ctx, Date.parse(ctx.after));
    const shardOf = (rows: typeof before, id: string) => rows.find((r) => r.node === id)!;
    expect(shardOf(before, M2)).toMatchObject({ tier: 0, detail: 'master · 5461-10922' });
    expect(shardOf(before, R2)).toMatchObject({ tier: 1, shard: shardOf(before, M2).shard });
    expect(shardOf(after, R2)).toMatchObject({ tier: 0, detail: 'master · 5461-10922' });
    expect(shardOf(after, M2)).toMatchObject({ tier: 1, shard: shardOf(after, R2).shard, detail: 'replica' });
  });

  test('topology marks a node that is down at the moment', () => {
    const c = noReplicaCase().analysis.clusters[0];
    const ctx = chartContext(c);
    const during = topologyAt(ctx, Date.parse('2021-06-21T07:29:00.000Z'));
    expect(during.find((r) => r.node === A2)).toMatchObject({ status: 'fail', detail: 'master · no slots · fail' });
  });

  test('intervals are cut to the drawn domain, and very short ones are flagged for a tick', () => {
    const ctx = chartContext(seedFailoverCase().analysis.clusters[0]);
    expect(ctx.zoomed).toBe(false);
    expect(clipToDomain('2021-06-23T07:49:38.602Z', '2021-06-23T07:49:38.790Z', ctx)).toEqual({
      start: '2021-06-23T07:49:38.602Z',
      end: '2021-06-23T07:49:38.790Z',
      short: true,
    });
    expect(clipToDomain('2021-06-23T07:40:00.000Z', '2021-06-23T07:41:00.000Z', ctx)).toBeNull();
    expect(clipToDomain('2021-06-23T07:40:00.000Z', null, ctx)).toEqual({ start: ctx.domain[0], end: ctx.domain[1], short: false });
  });

  test('a long evidence span zooms the time charts on the incident and says so', () => {
    const c: ClusterAnalysis = structuredClone(seedFailoverCase().analysis.clusters[0]);
    c.span = { start: '2021-06-23T00:00:00.000Z', end: '2021-06-23T23:59:59.999Z' };
    const ctx = chartContext(c);
    expect(ctx.zoomed).toBe(true);
    expect(Date.parse(ctx.domain[1]) - Date.parse(ctx.domain[0])).toBeLessThan(60_000);
    const roles = clusterCharts(c).charts[0].spec as { title: { subtitle: string[] } };
    expect(roles.title.subtitle.join(' ')).toContain('Zoomed on the incident');
  });

  test(`a 1000-node cluster gets at most ${MAX_LANES} lanes: the nodes the incident touched`, () => {
    const { analysis } = largeCase({ masters: 500, replicasPerMaster: 1, eventsPerNode: 1 });
    const ctx = chartContext(analysis.clusters[0]);
    expect(ctx.lanes.length).toBeLessThanOrEqual(MAX_LANES);
    expect(ctx.omittedLanes).toBe(1000 - ctx.lanes.length);
    for (const f of analysis.failovers) {
      expect(ctx.lanes.map((l) => l.id)).toContain(f.oldMaster);
      expect(ctx.lanes.map((l) => l.id)).toContain(f.newMaster);
    }
  });

  test('a 1000-node cluster: masters without a lane share one colour in the ownership chart, merged into few rectangles', () => {
    const { analysis } = largeCase({ masters: 500, replicasPerMaster: 1, eventsPerNode: 1 });
    const c = analysis.clusters[0];
    const ctx = chartContext(c);
    const chart = clusterCharts(c).charts.find((x) => x.id.endsWith('ownership'))!;
    const spec = chart.spec as unknown as {
      title: { subtitle: string[] };
      layer: Array<{
        data?: { values: Array<{ owner: string; node: string; from: number; to: number; start: string; end: string }> };
        encoding?: { color?: { scale?: { domain: string[] } } };
      }>;
    };
    const rows = spec.layer[0].data!.values;
    const lanes = new Set(ctx.lanes.map((l) => l.id));
    // every row is a lane's master, uncovered, or the lumped rest; no lumped row overlaps another row
    for (const r of rows) expect(r.node === 'other masters' || r.node === '' || lanes.has(r.node)).toBe(true);
    const lumped = rows.filter((r) => r.node === 'other masters');
    expect(lumped.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(c.ownership.length / 2);
    for (const a of lumped)
      for (const b of rows) if (a !== b && a.start < b.end && b.start < a.end) expect(a.to <= b.from || b.to <= a.from).toBe(true);
    // the lumped rows cover exactly the slots of the masters without a lane, over the same time
    const d0 = Date.parse(ctx.domain[0]);
    const d1 = Date.parse(ctx.domain[1]);
    const drawn = c.ownership.filter(
      (o) => o.owner !== null && !lanes.has(o.owner) && Date.parse(o.start) <= d1 && (o.end === null || Date.parse(o.end) >= d0),
    );
    expect(drawn.length).toBeGreaterThan(lumped.length);
    const union = (rs: Array<{ start: number; end: number }>) => formatRanges(normalizeRanges(rs));
    expect(union(lumped.map((r) => ({ start: r.from, end: r.to - 1 })))).toBe(union(drawn.flatMap((o) => parseRanges(o.slots))));
    expect(spec.layer[0].encoding!.color!.scale!.domain.length).toBeLessThanOrEqual(ctx.lanes.length + 3);
    expect(spec.title.subtitle.join(' ')).toMatch(/\d+ master\(s\) the incident did not touch share one colour/);
  });

  test('specs are pure: same input, same specs; the input is untouched', () => {
    const { analysis } = seedFailoverCase();
    const before = structuredClone(analysis);
    expect(json(reportSpecs(analysis))).toBe(json(reportSpecs(analysis)));
    expect(analysis).toEqual(before);
  });
});

describe('issue #17 – one colour vocabulary, one label format per axis', () => {
  test('no state, phase, outage or marker colour is a node colour', async () => {
    const { STATE_VOCABULARY } = await import('../../src/report/specs/common.ts');
    const { PHASES } = await import('../../src/report/specs/waterfall-chart.ts');
    const nodes = new Set(NODE_PALETTE.map((c) => c.toLowerCase()));
    for (const c of [...STATE_VOCABULARY, ...Object.values(PHASES)]) expect(nodes.has(c.toLowerCase()), c).toBe(false);
  });

  test('dates on every label when the span crosses a UTC day; milliseconds only for spans under 10 s', async () => {
    const { timeFormat } = await import('../../src/report/specs/common.ts');
    expect(timeFormat(['2026-11-25T13:24:40.000Z', '2026-11-25T13:24:45.000Z'])).toBe('%H:%M:%S.%L');
    expect(timeFormat(['2026-11-25T13:24:40.000Z', '2026-11-25T13:34:45.000Z'])).toBe('%H:%M:%S');
    expect(timeFormat(['2026-11-25T10:00:00.000Z', '2026-11-25T20:00:00.000Z'])).toBe('%H:%M');
    expect(timeFormat(['2026-11-25T23:59:50.000Z', '2026-11-26T00:00:10.000Z'])).toBe('%b %d %H:%M:%S');
    expect(timeFormat(['2026-11-20T13:24:43.432Z', '2026-11-25T12:51:16.301Z'])).toBe('%b %d %H:%M');
  });
});
