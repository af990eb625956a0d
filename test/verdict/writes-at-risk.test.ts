import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTimeline } from '../../src/pipeline.ts';
import { analyzeTimeline } from '../../src/pipeline.ts';

const dir = join(import.meta.dirname, '../../fixtures/incidents/master-sigstop');

describe('writes at risk', () => {
  it('comes from the new master refusing the old master’s PSYNC on the old history (master-sigstop)', async () => {
    // node-7004.log:41 (the promoted replica, read by hand): "Partial resynchronization not accepted:
    // Requested offset for second ID was 3504, but I can reply up to 2424" — on SIGCONT the old master
    // ran the writes clients had queued while it was stopped, before it learned it had been replaced.
    const analysis = analyzeTimeline(await loadTimeline([dir]), {});
    expect(analysis.failovers).toHaveLength(1);
    const f = analysis.failovers[0] as (typeof analysis.failovers)[number] & {
      writesAtRisk: { bytes: number | null; exact: boolean; masterOffset: number | null; winnerOffset: number | null };
    };
    expect(f.writesAtRisk).toEqual({ bytes: 3504 - 2424, exact: true, masterOffset: 3503, winnerOffset: 2423 });
    expect(f.evidence).toContainEqual({ source: expect.stringMatching(/master-sigstop\/node-7004\.log$/), line: 41 });
  });
});
