import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../src/model/events.ts';
import type { Timeline } from '../../src/model/timeline.ts';
import { renderTimelineText } from '../../src/report/timeline.ts';

describe('timeline text', () => {
  it('regression (bench, flapping 200 MB): a timeline of 300k events renders instead of overflowing the stack', () => {
    const events: TimelineEvent[] = Array.from({ length: 300_000 }, (_, i) => ({
      at: Date.UTC(2026, 10, 25, 13) + i,
      node: i % 2 ? 'a'.repeat(40) : null,
      kind: 'cluster.state',
      fields: { state: 'ok' },
      text: 'Cluster state changed: ok',
      source: 'n.log',
      line: i + 1,
    }));
    const t: Timeline = { clusters: [], events, inputs: [], diagnostics: [], clockOffsets: [] };
    const out = renderTimelineText(t);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(300_000);
    expect(lines[1]).toBe('2026-11-25T13:00:00.001Z  aaaaaaaa  cluster.state  Cluster state changed: ok  n.log:2');
  });
});
