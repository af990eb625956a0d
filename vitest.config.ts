import { defineConfig } from 'vitest/config';

/**
 * Two lanes. `npm test` runs everything. `npm run test:fast` (FAILSCOPE_LANE=fast) runs the pure
 * tests only: no redis-server, no Chromium, no built dist/ or packed tarball, no outside tool
 * (xmllint), no large generated inputs — under a minute on 2 cores.
 */
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
    exclude: process.env.FAILSCOPE_LANE === 'fast' ? SLOW : [],
    env: { FAILSCOPE_DEV: '1' },
    setupFiles: ['./test/helpers/fast-check-seed.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
