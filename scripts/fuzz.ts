/*
 * `npm run fuzz`: mutate recorded incidents until at least FUZZ_LINES (default 1,000,000) mutated
 * lines went through the CLI, checking every promise of scripts/fuzz-lib.ts on each case. Seeded
 * (FUZZ_SEED, default 18): a failure prints its seed and case index and keeps the case's files.
 * Exit 1 when any case broke a promise. Run it under a heap limit (see package.json): a case that
 * needs more memory ends the run with V8's out-of-memory abort, which counts as a failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkCase, fuzzCase } from './fuzz-lib.ts';

const target = Number(process.env.FUZZ_LINES ?? 1_000_000);
const seed = Number(process.env.FUZZ_SEED ?? 18);
const maxMs = Number(process.env.FUZZ_MAX_MS ?? 15_000);
const keep = process.env.FUZZ_KEEP ?? 'fuzz-failures';

const t0 = performance.now();
let lines = 0;
let cases = 0;
let failed = 0;
let slowest = 0;
let peakRss = 0;
const codes = new Map<number, number>();
const log = (s: string): void => void process.stderr.write(`${s}\n`);

for (let batch = 0; lines < target; batch++) {
  // One fast-check sample per batch: (seed, batch) → the same cases every run.
  const sample = fc.sample(fuzzCase, { seed: seed + batch * 7919, numRuns: 20 });
  for (let i = 0; i < sample.length && lines < target; i++) {
    const c = sample[i];
    const r = await checkCase(c, { maxMs });
    cases++;
    lines += r.lines;
    slowest = Math.max(slowest, r.ms);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
    if (r.problems.length > 0) {
      failed++;
      const where = join(keep, `seed${seed}-batch${batch}-case${i}`);
      mkdirSync(join(where, c.incident), { recursive: true });
      for (const f of c.files) writeFileSync(join(where, c.incident, f.name), f.data);
      writeFileSync(join(where, 'ops.txt'), `${c.ops.join('\n')}\n\n${r.problems.join('\n')}\n`);
      log(`FAIL seed ${seed} batch ${batch} case ${i} (${c.incident}): ${r.problems.join('; ')} (files in ${where})`);
    }
  }
  if (batch % 5 === 4) log(`… ${cases} cases, ${lines} lines, ${failed} failed, ${Math.round((performance.now() - t0) / 1000)} s`);
}

const secs = (performance.now() - t0) / 1000;
log(
  `fuzz: ${cases} cases, ${lines} mutated lines, ${failed} failed; exit codes ${[...codes]
    .sort((a, b) => a[0] - b[0])
    .map(([k, v]) => `${k}:${v}`)
    .join(' ')}; ` +
    `slowest case ${Math.round(slowest)} ms, peak RSS ${Math.round(peakRss / 1048576)} MB, ${secs.toFixed(0)} s (seed ${seed})`,
);
process.exitCode = failed > 0 ? 1 : 0;
