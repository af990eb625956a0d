import { expect } from 'vitest';
import type { PageVisit } from './browser.ts';

/** What a person would check on an opened report; shared by the hand-built and the pipeline cases. */
export async function checkReportPage(visit: PageVisit): Promise<void> {
  const { page } = visit;
  expect(visit.consoleErrors).toEqual([]);
  expect(visit.dialogs).toEqual([]);
  expect(visit.requests).toEqual([]);
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    scripts: document.querySelectorAll('script').length,
    foreign: document.querySelectorAll('img, iframe, object, embed, foreignObject, link, base').length,
    handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on')))
      .length,
    jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => !/^(#|data:application\/json)/.test(a.getAttribute('href') ?? ''))
      .length,
    filtersShown: !(document.getElementById('timeline-filters') as HTMLFormElement | null)?.hidden,
  }));
  expect(state).toEqual({ pwned: null, scripts: 1, foreign: 0, handlers: 0, jsLinks: 0, filtersShown: true });

  // Every chart that has a spec shows marks of non-zero size.
  const charts = await page.evaluate(() =>
    [...document.querySelectorAll('figure.chart')].map((fig) => {
      const svg = fig.querySelector('svg');
      if (!svg) return { id: fig.id, svg: false, visible: 0, empty: !!fig.querySelector('.empty') };
      const box = svg.getBoundingClientRect();
      const marks = [...svg.querySelectorAll('g.role-mark path, g.role-mark rect, g.role-mark line, g.role-mark text')];
      const visible = marks.filter((m) => {
        const r = (m as SVGGraphicsElement).getBoundingClientRect();
        const style = getComputedStyle(m);
        return (
          (r.width > 0 || r.height > 0) && style.visibility !== 'hidden' && style.display !== 'none' && m.getAttribute('opacity') !== '0'
        );
      }).length;
      return { id: fig.id, svg: box.width > 100 && box.height > 40, visible, empty: false };
    }),
  );
  expect(charts.length).toBeGreaterThanOrEqual(5);
  for (const c of charts) {
    if (c.empty) continue;
    expect(c, c.id).toMatchObject({ svg: true });
    expect(c.visible, `${c.id} visible marks`).toBeGreaterThan(0);
  }

  // The filters narrow the table, and reset brings every row back.
  const rows = await page.locator('#timeline-table tbody tr').count();
  expect(rows).toBeGreaterThan(0);
  const options = await page
    .locator('select[name=node] option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  if (options.length > 1) {
    await page.selectOption('select[name=node]', options[0]);
    const shown = await page.locator('#timeline-table tbody tr:not([hidden])').count();
    const wrong = await page.locator(`#timeline-table tbody tr:not([hidden]):not([data-node="${options[0]}"])`).count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(rows);
    expect(wrong).toBe(0);
    await page.click('form.filters button[type=reset]');
    await page.waitForFunction((n) => document.querySelectorAll('#timeline-table tbody tr:not([hidden])').length === n, rows);
  }
  expect(visit.consoleErrors).toEqual([]);
}
