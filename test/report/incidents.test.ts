import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { reportCommand } from '../../src/commands/report.ts';
import { CHROMIUM, launchChromium, openReport } from './helpers/browser.ts';
import { checkReportPage } from './helpers/check-page.ts';

// Every recorded incident of issue #2 and the seed document, through the whole pipeline, opened in Chromium.
const INCIDENTS = 'fixtures/incidents';
const SEED = 'fixtures/grammars/markdown/seed-document/input.md';
const OUT = join(process.cwd(), 'test-artifacts', 'report', 'incidents');
const skipBrowser = process.env.FAILSCOPE_SKIP_BROWSER === '1';

const cases: Array<[string, string[]]> = [
  ...readdirSync(INCIDENTS)
    .filter((d) => statSync(join(INCIDENTS, d)).isDirectory())
    .sort()
    .map((d) => [d, [join(INCIDENTS, d)]] as [string, string[]]),
  ['seed-document', [SEED]],
];

describe('reports of the recorded incidents and the seed document', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>> | null = null;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    if (!skipBrowser) {
      expect(existsSync(CHROMIUM), `${CHROMIUM} (apt-get install chromium, or FAILSCOPE_SKIP_BROWSER=1)`).toBe(true);
      browser = await launchChromium();
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('there are recorded incidents to report on', () => {
    expect(cases.length).toBeGreaterThanOrEqual(11);
  });

  for (const [name, paths] of cases) {
    test(`${name}: written, then checked in Chromium as a reader would`, async () => {
      const output = join(OUT, `${name}.html`);
      const r = await reportCommand(paths, { output, tz: 'UTC' });
      const page = readFileSync(output, 'utf8');
      const verdict = /<span class="verdict (pass|fail)">/.exec(page)![1];
      expect(r.exitCode).toBe(verdict === 'fail' ? 1 : 0);
      expect(r.stdout).toMatch(
        new RegExp(`^wrote ${output.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ kB\\): ${verdict.toUpperCase()}, `),
      );
      expect(Buffer.byteLength(page)).toBeLessThan(5 * 1024 * 1024);
      if (!browser) return;
      const visit = await openReport(browser.context, output);
      try {
        await checkReportPage(visit);
        await visit.page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
      } finally {
        await visit.page.close();
      }
    });
  }
});
