// The fast lane's slices (FAILSCOPE_LANE=fast, `npm run test:fast`; see vitest.config.ts). The fast
// lane is for everyday work and must stay under a minute on 2 cores, so the suites that walk every
// recording of every server version run on a fixed, representative slice of them there; `npm test`
// (no lane) runs every case. Each slice is deterministic (sorted names, no randomness), so a failure
// in the fast lane fails on every run, and every case it runs is also a case of the full suite.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const FAST_LANE = process.env.FAILSCOPE_LANE === 'fast';

const versionsRoot = join(import.meta.dirname, '../../fixtures/versions');
const labels = existsSync(versionsRoot) ? readdirSync(versionsRoot).sort() : [];
const scenarios = [...new Set(labels.flatMap((l) => readdirSync(join(versionsRoot, l))))].sort();

/**
 * Whether the recording fixtures/versions/<label>/<scenario>/ is a case of this lane. The full lane:
 * every one. The fast lane: a diagonal of the (version × scenario) grid, label i with scenario j when
 * (i + j) % 4 === 0 — every version with two or three scenarios, every scenario on three versions
 * (30 of the 120 recordings), so each version's wording and each scenario's story are still read.
 */
export function inLane(label: string, scenario: string): boolean {
  if (!FAST_LANE) return true;
  const i = labels.indexOf(label);
  const j = scenarios.indexOf(scenario);
  return i < 0 || j < 0 || (i + j) % 4 === 0;
}

/** Digits read as 0: lines that differ only in stamps, pids, ports, offsets and epochs share a shape. */
const shapeOf = (line: string) => line.replace(/[0-9]/g, '0');

/**
 * The lines of one fixture file that an "every line of the fixtures" test checks in this lane. The
 * full lane: all of them. The fast lane: all lines outside fixtures/versions/, and of the version
 * recordings (293k lines, 94% of the fixtures' lines) the first line of each shape not seen before
 * in `seen` (about 10k lines: each version's every prefix form and message wording, with every
 * length of number). Walk the files in a sorted order so that the sample is the same on every run.
 */
export function laneLines(path: string, lines: string[], seen: Set<string>): string[] {
  if (!FAST_LANE || !/(^|\/)fixtures\/versions\//.test(path.replace(/\\/g, '/'))) return lines;
  const out: string[] = [];
  for (const l of lines) {
    const s = shapeOf(l);
    if (seen.has(s)) continue;
    seen.add(s);
    out.push(l);
  }
  return out;
}
