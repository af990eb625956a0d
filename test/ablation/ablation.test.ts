// Evidence ablation (issue #12, "Done when", first bullet): for every recorded incident and every subset
// of its evidence — (a) all logs, no snapshots; (b) snapshots, no logs; (c) each node's log alone; (d) each
// node's log alone without its identity lines, cut to ±30 s around the fault; (e) the survivors' logs —
// the analysis must give the failovers, block reasons and outages truth supports, "unknown" where that
// subset cannot tell, and nothing that did not happen. Expected answers: ablation.expected.json beside
// each truth.json, written by scripts/derive-ablation.ts (never by the code under test; see
// expected.test.ts for the check that they are current).
//
// Cases listed in known-gaps.json run with it.fails: they document what the analysis cannot do yet and
// keep the suite green. When one starts passing, its it.fails fails — remove it from the list, or
// rewrite the list from a run with `npm run ablation:gaps`.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import type { ExpectedIncident } from '../../scripts/derive-ablation.ts';
import { loadTimeline } from '../../src/pipeline.ts';
import { analyzeTimeline } from '../../src/pipeline.ts';
import { compareSubset } from './compare.ts';
import { listIncidents, materialiseSubset } from './subsets.ts';
import { FAST_LANE, inLane } from '../helpers/lane.ts';

const GAPS_FILE = 'test/ablation/known-gaps.json';
/** `ABLATION_GAPS=write`: run every case without failing and rewrite known-gaps.json from the outcome. */
const WRITE_GAPS = process.env.ABLATION_GAPS === 'write';
const knownGaps = JSON.parse(readFileSync(GAPS_FILE, 'utf8')) as Record<string, string>;
/**
 * `ABLATION_ONLY=<regex>`: run only the cases whose name (`versions/redis-3.0.7/shard-lost/log-20000`)
 * matches. With `ABLATION_GAPS=write` the cases not run keep their entries in known-gaps.json.
 */
const ONLY_RE = process.env.ABLATION_ONLY ? new RegExp(process.env.ABLATION_ONLY) : null;
/**
 * The fast lane (FAILSCOPE_LANE=fast) without ABLATION_ONLY: every subset of fixtures/incidents/, and
 * every subset of the version recordings in the lane's slice (helpers/lane.ts: each version with two
 * or three scenarios, each scenario on three versions). `npm test` runs every case.
 */
const inFastLane = (name: string) => {
  const v = /^versions\/([^/]+)\/([^/]+)\//.exec(name);
  return v === null || inLane(v[1], v[2]);
};
const ONLY: { test(name: string): boolean } | null = ONLY_RE ?? (FAST_LANE ? { test: inFastLane } : null);

const tmpRoot = mkdtempSync(join(tmpdir(), 'failscope-ablation-'));
const outcome: Record<string, string[]> = {};

afterAll(() => {
  rmSync(tmpRoot, { recursive: true, force: true });
  if (!WRITE_GAPS) return;
  const kept = Object.entries(knownGaps).filter(([name]) => !(name in outcome) && ONLY !== null && !ONLY.test(name));
  const gaps: Record<string, string> = Object.fromEntries(kept);
  for (const name of Object.keys(outcome)) if (outcome[name].length > 0) gaps[name] = outcome[name][0].slice(0, 240);
  const sorted = Object.fromEntries(
    Object.keys(gaps)
      .sort()
      .map((k) => [k, gaps[k]]),
  );
  writeFileSync(GAPS_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
  // Every problem of every case, for whoever works through the gaps (test-artifacts/ is not committed).
  mkdirSync('test-artifacts', { recursive: true });
  const all = Object.fromEntries(
    Object.keys(outcome)
      .sort()
      .map((k) => [k, outcome[k]]),
  );
  writeFileSync('test-artifacts/ablation-report.json', `${JSON.stringify(all, null, 2)}\n`);
});

/** `incidents/master-sigkill/log-7004-cut`: the key of known-gaps.json. */
const caseName = (incident: string, subset: string) => `${incident.replace(/^fixtures\//, '')}/${subset}`;

async function runCase(inc: ExpectedIncident, subsetIndex: number): Promise<string[]> {
  const sub = inc.subsets[subsetIndex];
  const dir = materialiseSubset(inc.incident, sub, inc.year, tmpRoot);
  try {
    const timeline = await loadTimeline([dir], { zone: 'UTC', year: inc.year });
    const analysis = analyzeTimeline(timeline, { nodeTimeoutMs: inc.nodeTimeoutMs });
    // The temp directory is in writer placeholders and sources; leave it out, so messages (and
    // known-gaps.json) are the same from run to run.
    return compareSubset(analysis, inc, sub).map((p) => p.split(`${dir}/`).join(''));
  } catch (err) {
    return [`the analysis threw: ${(err as Error).message.split('\n')[0]}`];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const incident of listIncidents('.')) {
  if (!existsSync(join(incident, 'ablation.expected.json'))) {
    it(`${incident}: has ablation.expected.json`, () => {
      throw new Error(`${incident} has a truth.json but no ablation.expected.json: run npm run ablation:expect`);
    });
    continue;
  }
  const inc = JSON.parse(readFileSync(join(incident, 'ablation.expected.json'), 'utf8')) as ExpectedIncident;
  if (ONLY && !inc.subsets.some((sub) => ONLY.test(caseName(incident, sub.name)))) continue;
  describe(`ablation ${incident.replace(/^fixtures\//, '')}`, () => {
    inc.subsets.forEach((sub, i) => {
      const name = caseName(incident, sub.name);
      if (ONLY && !ONLY.test(name)) return;
      const body = async () => {
        const problems = await runCase(inc, i);
        outcome[name] = problems;
        if (problems.length > 0 && !WRITE_GAPS)
          throw new Error(
            `${name} (${sub.files.join(', ')}${sub.stripIdentity ? ', identity lines removed' : ''}${sub.window ? `, cut to ${sub.window.join(' – ')}` : ''}):\n  - ${problems.join('\n  - ')}`,
          );
      };
      if (!WRITE_GAPS && name in knownGaps) it.fails(`${sub.name} [known gap, see known-gaps.json]`, body);
      else it(sub.name, body);
    });
  });
}
