import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderHtmlReport } from '../../src/report/html/index.ts';
import { CHROMIUM, launchChromium, openReport } from './helpers/browser.ts';
import { checkReportPage } from './helpers/check-page.ts';
import { noReplicaCase, seedFailoverCase, xssCase } from './helpers/cases.ts';
import type { ReportCase } from './helpers/build.ts';

// The browser test needs Debian's chromium (.ci/run installs it). Skipping must be asked for explicitly.
const skip = process.env.FAILSCOPE_SKIP_BROWSER === '1';
export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'report');

describe.skipIf(skip)('report in headless Chromium', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} (apt-get install chromium, or FAILSCOPE_SKIP_BROWSER=1)`).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const cases: Array<[string, () => ReportCase]> = [
    ['seed-failover', seedFailoverCase],
    ['no-replica', noReplicaCase],
    ['xss-payloads', xssCase],
  ];
  for (const [name, make] of cases) {
    test(`${name}: no console error, no payload runs, every chart has visible marks, filters work`, async () => {
      const { analysis, timeline } = make();
      const file = join(ARTIFACTS, `${name}.html`);
      writeFileSync(file, await renderHtmlReport(analysis, timeline));
      const visit = await openReport(browser.context, file);
      try {
        await checkReportPage(visit);
        await visit.page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
      } finally {
        await visit.page.close();
      }
    });
  }

  test('an evidence link jumps to its timeline row, even when a filter hid it', async () => {
    const { analysis, timeline } = seedFailoverCase();
    const file = join(ARTIFACTS, 'seed-failover-links.html');
    writeFileSync(file, await renderHtmlReport(analysis, timeline));
    const visit = await openReport(browser.context, file);
    const { page } = visit;
    const rows = await page.locator('#timeline-table tbody tr').count();
    await page.selectOption('select[name=kind]', 'vote.granted');
    expect(await page.locator('#timeline-table tbody tr:not([hidden])').count()).toBe(1);
    await page.click('a[href="#L2-9"] >> nth=0');
    await page.waitForFunction(() => location.hash === '#L2-9');
    expect(await page.locator('#L2-9').isVisible()).toBe(true);
    expect(await page.locator('#timeline-table tbody tr:not([hidden])').count()).toBe(rows);
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe('L2-9');
    expect(visit.consoleErrors).toEqual([]);
    await page.close();
  });

  test('the harness is not blind: an unescaped payload is caught (CSP on) or runs (CSP off)', async () => {
    const { analysis, timeline } = seedFailoverCase();
    const good = await renderHtmlReport(analysis, timeline);
    const evil = good.replace('</footer>', '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2</script></footer>');
    const withCsp = join(ARTIFACTS, 'harness-csp.html');
    writeFileSync(withCsp, evil);
    const a = await openReport(browser.context, withCsp);
    expect(a.consoleErrors.join('\n')).toMatch(/Content Security Policy/);
    expect(await a.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBeNull();
    await a.page.close();
    const noCsp = join(ARTIFACTS, 'harness-no-csp.html');
    writeFileSync(noCsp, evil.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''));
    const b = await openReport(browser.context, noCsp);
    await b.page.waitForFunction(() => (window as unknown as { __pwned?: number }).__pwned !== undefined);
    expect(b.dialogs).toEqual(['1']);
    await b.page.close();
  });

  test('print: filters and navigation are hidden, the charts stay', async () => {
    const { analysis, timeline } = seedFailoverCase();
    const file = join(ARTIFACTS, 'seed-failover-print.html');
    writeFileSync(file, await renderHtmlReport(analysis, timeline));
    const visit = await openReport(browser.context, file);
    await visit.page.emulateMedia({ media: 'print' });
    expect(await visit.page.locator('form.filters').isVisible()).toBe(false);
    expect(await visit.page.locator('nav.toc').isVisible()).toBe(false);
    expect(await visit.page.locator('figure.chart svg').first().isVisible()).toBe(true);
    const pdf = await visit.page.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    await visit.page.close();
  });
});
