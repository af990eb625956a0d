// applyOffsets re-sorts a cluster's events and snapshots after shifting the skewed sources. It must
// give the order the timeline gives (buildTimeline's snapshot order, mergeOrder's event order): known
// times ascending, unknown (NaN) times last — the replay walks snapshots in this order.
import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../src/model/events.ts';
import type { Snapshot } from '../../src/model/snapshot.ts';
import type { ClusterTimeline } from '../../src/model/timeline.ts';
import { applyOffsets } from '../../src/timeline/clock.ts';

const snap = (source: string, line: number, at: number): Snapshot =>
  ({
    kind: 'cluster-info',
    source,
    line,
    endLine: line,
    at,
    atFrom: Number.isNaN(at) ? 'unknown' : 'stamp',
    reporter: null,
    reporterAddress: null,
    fields: {},
  }) as unknown as Snapshot;
const event = (source: string, line: number, at: number): TimelineEvent => ({
  at,
  node: null,
  kind: 'server.ready',
  fields: {},
  text: 'Ready to accept connections',
  source,
  line,
});

describe('issue #16 – applyOffsets sorts unknown-time snapshots and events last', () => {
  // In timeline order already: the skewed source is a.log (+200 ms), which moves its snapshot past b's.
  const snapshots = [
    snap('b.txt', 40, 1000),
    snap('a.txt', 50, 1100),
    snap('b.txt', 60, 1500),
    snap('c.txt', 10, NaN),
    snap('c.txt', 20, NaN),
    snap('b.txt', 25, NaN),
  ];
  const events = [
    event('b.log', 40, 1000),
    event('a.log', 50, 1100),
    event('b.log', 60, 1500),
    event('c.log', 10, NaN),
    event('c.log', 30, NaN),
    event('b.log', 5, NaN),
  ];
  const cluster: ClusterTimeline = { id: 'cluster-1', nodes: [], events, snapshots };

  it('snapshots: shifted known times in order, then the unknown ones', () => {
    const out = applyOffsets(cluster, [{ source: 'a.txt', offsetMs: 450, reason: 'test' }]);
    expect(out.snapshots.map((s) => `${s.source}:${s.line}`)).toEqual([
      'b.txt:40',
      'b.txt:60',
      'a.txt:50',
      'c.txt:10',
      'c.txt:20',
      'b.txt:25',
    ]);
    expect(out.snapshots.map((s) => s.at)).toEqual([1000, 1500, 1550, NaN, NaN, NaN]);
  });

  it('events: the same, and a no-op offset leaves the order alone', () => {
    const out = applyOffsets(cluster, [{ source: 'a.log', offsetMs: 450, reason: 'test' }]);
    expect(out.events.map((e) => `${e.source}:${e.line}`)).toEqual(['b.log:40', 'b.log:60', 'a.log:50', 'c.log:10', 'c.log:30', 'b.log:5']);
    const same = applyOffsets(cluster, [
      { source: 'a.log', offsetMs: 0, reason: 'test' },
      { source: 'a.txt', offsetMs: 0, reason: 'test' },
    ]);
    expect(same.events.map((e) => `${e.source}:${e.line}`)).toEqual(events.map((e) => `${e.source}:${e.line}`));
    expect(same.snapshots.map((s) => `${s.source}:${s.line}`)).toEqual(snapshots.map((s) => `${s.source}:${s.line}`));
  });
});
