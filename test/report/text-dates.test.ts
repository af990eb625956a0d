// issue #17: a span over several days names its dates in the terminal text (it read
// `13:24:43.432 to 12:51:16.301 UTC`, five days apart, with no date at the end).
import { describe, expect, it } from 'vitest';
import type { AnalysisV1 } from '../../src/model/analysis.ts';
import { loadTimeline } from '../../src/pipeline.ts';
import { renderAnalysisText } from '../../src/report/analysis-text.ts';
import { analyzeTimeline } from '../../src/pipeline.ts';

/** Every time of the analysis moved by `ms`. */
function shifted(a: AnalysisV1, ms: number): AnalysisV1 {
  return JSON.parse(
    JSON.stringify(a).replace(
      /"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)"/g,
      (_, iso: string) => `"${new Date(Date.parse(iso) + ms).toISOString()}"`,
    ),
  ) as AnalysisV1;
}

describe('text output across days', () => {
  it('one day: times only; across midnight: the header and every time carry the date', async () => {
    const a = analyzeTimeline(await loadTimeline(['fixtures/incidents/seed2-master-stop-promote'], { zone: 'UTC' }), {
      nodeTimeoutMs: 2000,
    });
    const one = renderAnalysisText(a);
    const { start, end } = a.clusters[0].span;
    expect(one).toContain(`, ${start!.slice(0, 10)} ${start!.slice(11, 23)} to ${end!.slice(11, 23)} UTC\n`);
    expect(one).toMatch(/^ {2}\d{2}:\d{2}:\d{2}\.\d{3} {2}automatic: /m);

    const fault = Date.parse(a.failovers[0].startedAt);
    const b = shifted(a, Date.parse(`${a.failovers[0].startedAt.slice(0, 10)}T23:59:59.000Z`) - fault);
    const two = renderAnalysisText(b);
    const s = b.clusters[0].span;
    expect(s.start!.slice(0, 10)).not.toBe(s.end!.slice(0, 10));
    expect(two).toContain(`, ${s.start!.slice(0, 10)} ${s.start!.slice(11, 23)} to ${s.end!.slice(0, 10)} ${s.end!.slice(11, 23)} UTC\n`);
    expect(two).toContain(`  ${b.failovers[0].promotedAt.slice(0, 10)} ${b.failovers[0].promotedAt.slice(11, 23)}  automatic: `);
    expect(two).toMatch(/^ {6}fault {7}\d{4}-\d{2}-\d{2} 23:59:59\.000/m);
  });
});
