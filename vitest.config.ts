import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Two lanes (README "Tests").
 *
 * `npm test` runs everything: every file, every case, each file in its own fresh process, two at a
 * time on 2 cores (vitest's default is one fewer worker than the cores, which ran the whole suite on
 * one core here: 490 s of test time took 490 s; with two it takes under 300 s). The redis-server
 * clusters of parallel files take disjoint ports (test/helpers/ports.ts).
 *
 * `npm run test:fast` (FAILSCOPE_LANE=fast) is for everyday work, under a minute on 2 cores (about
 * 50 s of CPU, so about half a minute of wall time on an idle 2-core machine):
 * - only the pure tests: no redis-server, no Chromium, no built dist/ or packed tarball, no outside
 *   tool (xmllint), no large generated inputs (the SLOW files below);
 * - a fixed slice of the suites that walk every version recording (test/helpers/lane.ts): the
 *   every-line parser checks read the version recordings' lines one per shape, the version suites and
 *   the ablation run 30 of the 120 recordings (every version, every scenario; the ablation all of
 *   fixtures/incidents/), the forms suite each form on one incident. Every case it runs is a case of
 *   `npm test`, with the same assertions;
 * - the files share their worker's module cache (`isolate: false`): loading src/ and the chevrotain
 *   grammars once per worker instead of once per file halves the CPU time. A test must therefore not
 *   depend on a fresh module state or leave global state changed (restore process.env, TZ, spies);
 *   one that did would fail here first, while `npm test` (isolated) stays the reference;
 * - two workers on 2 cores, as in `npm test` (the main process does little while the workers run).
 *
 * Both lanes keep their temporary files under one directory removed when the run ends
 * (test/helpers/run-tmp.ts).
 */
const FAST = process.env.FAILSCOPE_LANE === 'fast';
const SLOW = [
  'test/live/**', // redis-server clusters
  'test/record/**', // redis-server cluster
  'test/report/browser.test.ts', // Chromium
  'test/report/incidents.test.ts', // Chromium
  'test/package/**', // npm pack + install
  'test/cli/**', // the built CLI (dist/) as a process
  'test/gate/report.test.ts', // xmllint
  'test/bench/streaming.test.ts', // a generated log larger than the CLI's heap
];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: FAST ? SLOW : [],
    maxWorkers: Math.max(2, availableParallelism() - 1),
    ...(FAST ? { isolate: false } : {}),
    env: { FAILSCOPE_DEV: '1' },
    setupFiles: ['./test/helpers/fast-check-seed.ts'],
    globalSetup: ['./test/helpers/run-tmp.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
