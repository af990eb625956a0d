// Golden: the topology of a recorded incident (fixtures/incidents/seed1-no-replica-segfault, redis 7.0.15),
// from its snapshot files alone (snapshots-*.txt with ISO stamp lines, nodes-*.conf), through the scanner,
// groupClusters and analyzeTopology. Refresh with `npm run update-goldens` and review the diff.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { ParsedSource } from '../../src/model/parsed.ts';
import { renderTopologyJson } from '../../src/report/topology.ts';
import { groupClusters } from '../../src/timeline/clusters.ts';
import { analyzeTopology } from '../../src/verdict/topology.ts';
import { scanText } from '../helpers/scan-snapshots.ts';

const NAME = 'seed1-no-replica-segfault';
const DIR = `fixtures/incidents/${NAME}/`;

describe.skipIf(!existsSync(DIR))(`topology golden: ${NAME}`, () => {
  test('states, final topology and problems', async () => {
    const files = readdirSync(DIR)
      .filter((f) => /^(snapshots-\d+\.txt|nodes-\d+\.conf)$/.test(f))
      .sort();
    const parsed: ParsedSource[] = files.map((f) => {
      const r = scanText(readFileSync(DIR + f, 'utf8'), DIR + f);
      return {
        source: DIR + f,
        kind: 'snapshot',
        events: r.events,
        snapshots: r.snapshots,
        counts: { lines: 0, understood: 0, ignored: 0, unknown: r.lines.unknown.length },
        diagnostics: r.diagnostics,
      };
    });
    expect(parsed.every((p) => p.counts.unknown === 0)).toBe(true);
    const clusters = groupClusters(parsed).map((g) => analyzeTopology(g.id, g.snapshots));
    expect(clusters).toHaveLength(1);
    const json = renderTopologyJson({ clusters, against: [], withoutSnapshots: [], strict: false });
    await expect(json).toMatchFileSnapshot(new URL(`../../fixtures/topology/${NAME}/expected.json`, import.meta.url).pathname);
  });
});
