// The fuzz suite with a small budget (a few seconds of cases); `npm run fuzz` runs it to a million lines.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkCase, countLines, fuzzCase, recordedIncidents } from '../../scripts/fuzz-lib.ts';

describe('fuzz: mutated recorded incidents', () => {
  test('the line counter the checks rely on', () => {
    expect(countLines(Buffer.from(''))).toBe(0);
    expect(countLines(Buffer.from('a'))).toBe(1);
    expect(countLines(Buffer.from('a\n'))).toBe(1);
    expect(countLines(Buffer.from('a\n\nb'))).toBe(3);
    expect(countLines(Buffer.from('\0\0\n\0'))).toBe(2);
  });

  test('unmutated incidents pass every check (the checks can hold)', async () => {
    const inc = recordedIncidents()[0];
    const r = await checkCase({ incident: inc.name, files: inc.files, ops: [] }, { maxMs: 30_000 });
    expect(r.problems).toEqual([]);
    expect(r.lines).toBeGreaterThan(500);
  });

  test('the checks can fail: a file left out of inputs, a time bound missed', async () => {
    const inc = recordedIncidents()[0];
    // Hidden files are not inputs by design; to the check it is a file neither read nor skipped.
    const files = [...inc.files, { name: '.hidden.log', data: inc.files.find((f) => f.name.endsWith('.log'))!.data }];
    const r = await checkCase({ incident: inc.name, files, ops: [] }, { maxMs: 0 });
    expect(r.problems).toContain('inputs: ".hidden.log" is missing (neither read nor skipped)');
    expect(r.problems.some((p) => /^analyze: took \d+ ms \(bound 0\)$/.test(p))).toBe(true);
  });

  test('seeded mutations: exit 0/1/2, no stack trace, exact accounting, deterministic, bounded time', async () => {
    const budgetMs = Number(process.env.FUZZ_TEST_MS ?? 4000);
    const t0 = performance.now();
    const sample = fc.sample(fuzzCase, { seed: 1818, numRuns: 60 });
    let cases = 0;
    let lines = 0;
    const failures: string[] = [];
    for (const c of sample) {
      if (cases > 0 && performance.now() - t0 > budgetMs) break;
      const r = await checkCase(c, { maxMs: 30_000 });
      cases++;
      lines += r.lines;
      if (r.problems.length > 0) failures.push(`${c.incident} [${c.ops.join(' | ').slice(0, 400)}]: ${r.problems.join('; ')}`);
    }
    process.stderr.write(`fuzz (npm test budget): ${cases} cases, ${lines} mutated lines\n`);
    expect(failures).toEqual([]);
    expect(cases).toBeGreaterThan(0);
    expect(lines).toBeGreaterThan(0);
  }, 120_000);
});
