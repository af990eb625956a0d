import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { AnalysisV1, ClusterAnalysis, RoleState, Timeline } from '../../src/model/index.ts';
import { renderHtmlReport } from '../../src/report/html/index.ts';
import { seedFailoverCase } from './helpers/cases.ts';

const ids = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40), 'not-a-node-id'];
const times = [
  '2024-01-01T00:00:00.000Z',
  '2024-01-01T00:00:05.000Z',
  '2024-01-01T00:01:00.000Z',
  '2024-01-02T12:00:00.000Z',
  'garbage',
  '',
];
const slotTexts = ['0-5460', '5461-10922,10923-16383', '', 'x-y', '20000-30000', '7'];

const time = fc.constantFrom(...times);
const node = fc.constantFrom(...ids);

const cluster: fc.Arbitrary<ClusterAnalysis> = fc.record({
  id: fc.constantFrom('cluster-1', 'c"2'),
  nodes: fc.constant(ids.slice(0, 3).map((id, i) => ({ id, addresses: [`10.0.0.${i}:7000`], sources: [`n${i}.log`] }))),
  failovers: fc.array(
    fc.record({
      cluster: fc.constant('cluster-1'),
      kind: fc.constantFrom('automatic', 'manual', 'takeover', 'force') as fc.Arbitrary<'automatic'>,
      oldMaster: fc.option(node, { nil: null }),
      newMaster: node,
      epoch: fc.option(fc.integer({ min: 0, max: 99 }), { nil: null }),
      slots: fc.constantFrom(...slotTexts),
      startedAt: time,
      startedAtBounds: fc.tuple(time, time),
      startedAtFrom: fc.constant('link-lost'),
      failMarkedAt: fc.option(time, { nil: null }),
      electionStartedAt: fc.option(time, { nil: null }),
      promotedAt: time,
      timingsMs: fc.record({
        detection: fc.option(fc.integer(), { nil: null }),
        election: fc.option(fc.integer(), { nil: null }),
        unavailable: fc.integer(),
      }),
      evidence: fc.constant([{ source: 'n0.log', line: 1 }]),
    }),
    { maxLength: 3 },
  ),
  outages: fc.array(
    fc.record({
      cluster: fc.constant('cluster-1'),
      scope: fc.constantFrom('slots', 'cluster') as fc.Arbitrary<'slots'>,
      slots: fc.constantFrom(...slotTexts),
      nodes: fc.array(node, { maxLength: 2 }),
      start: time,
      end: fc.option(time, { nil: null }),
      durationMs: fc.option(fc.integer(), { nil: null }),
      cause: fc.constant('cluster.down'),
    }),
    { maxLength: 3 },
  ),
  findings: fc.constant([]),
  story: fc.string(),
  span: fc.record({ start: fc.option(time, { nil: null }), end: fc.option(time, { nil: null }) }),
  roles: fc.array(
    fc.record({
      node,
      role: fc.constantFrom<RoleState>('master', 'replica', 'down', 'paused', 'fail', 'unknown'),
      masterId: fc.option(node, { nil: null }),
      start: time,
      end: fc.option(time, { nil: null }),
    }),
    { maxLength: 8 },
  ),
  ownership: fc.array(
    fc.record({
      slots: fc.constantFrom(...slotTexts),
      owner: fc.option(node, { nil: null }),
      epoch: fc.option(fc.integer(), { nil: null }),
      start: time,
      end: fc.option(time, { nil: null }),
    }),
    { maxLength: 6 },
  ),
  states: fc.array(
    fc.record({ node, state: fc.constantFrom('ok', 'fail') as fc.Arbitrary<'ok'>, start: time, end: fc.option(time, { nil: null }) }),
    { maxLength: 6 },
  ),
});

describe('robustness', () => {
  test('renders any analysis shape without throwing, with unreadable times and slot texts, and leaves the inputs alone', async () => {
    const { timeline } = seedFailoverCase();
    await fc.assert(
      fc.asyncProperty(fc.array(cluster, { minLength: 0, maxLength: 2 }), async (clusters) => {
        const analysis: AnalysisV1 = {
          schemaVersion: 1,
          clusters,
          nodes: clusters.flatMap((c) => c.nodes),
          failovers: clusters.flatMap((c) => c.failovers),
          outages: clusters.flatMap((c) => c.outages),
          findings: [],
          inputs: [],
          verdict: 'pass',
          nodeTimeout: { ms: null, from: 'unknown' },
          clockOffsets: [],
        };
        const before = structuredClone(analysis);
        const warnings: string[] = [];
        const page = await renderHtmlReport(analysis, timeline as Timeline, { warnings });
        expect(page.endsWith('</html>\n')).toBe(true);
        expect(analysis).toEqual(before);
      }),
      { numRuns: 25, seed: 6 },
    );
  });

  test('an empty timeline and no cluster still make a page that says so', async () => {
    const empty: Timeline = { clusters: [], events: [], inputs: [], diagnostics: [], clockOffsets: [] };
    const analysis: AnalysisV1 = {
      schemaVersion: 1,
      clusters: [],
      nodes: [],
      failovers: [],
      outages: [],
      findings: [],
      inputs: [],
      verdict: 'pass',
      nodeTimeout: { ms: null, from: 'unknown' },
      clockOffsets: [],
    };
    const page = await renderHtmlReport(analysis, empty);
    expect(page).toContain('No cluster found in the inputs.');
    expect(page).toContain('<tbody>\n</tbody>');
  });
});
