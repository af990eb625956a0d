// issue #17: the report as people open it — a laptop at 1400 px and a phone at 390 px, in real Chromium.
// Dates on the time axes when the span crosses a day, one colour vocabulary (states never in a node's
// colour), CLUSTERDOWN drawn on the slot chart, hover text (<title>) on every mark, the key chart on
// the first screen, nothing cut off on a phone. The README's screenshots come from these runs
// (FAILSCOPE_UPDATE_SCREENSHOTS=1 copies them to docs/).
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AnalysisV1 } from '../../src/model/analysis.ts';
import type { Timeline } from '../../src/model/timeline.ts';
import { loadTimeline } from '../../src/pipeline.ts';
import { renderHtmlReport } from '../../src/report/html/index.ts';
import { analyzeTimeline } from '../../src/pipeline.ts';
import { CHROMIUM, launchChromium, openReport, type PageVisit } from './helpers/browser.ts';
import { checkReportPage } from './helpers/check-page.ts';

const skip = process.env.FAILSCOPE_SKIP_BROWSER === '1';
const OUT = join(process.cwd(), 'test-artifacts', 'report', 'layout');
const DOCS = join(process.cwd(), 'docs');
const INCIDENT = 'fixtures/incidents/seed2-master-stop-promote';

// The node colours, written out here (not imported) so the test holds the page to what it promises.
const NODE_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#f0e442', '#332288', '#44aa99'];

async function incident(): Promise<{ analysis: AnalysisV1; timeline: Timeline }> {
  const timeline = await loadTimeline([INCIDENT], { zone: 'UTC' });
  return { analysis: analyzeTimeline(timeline, { nodeTimeoutMs: 2000 }), timeline };
}

/** The same incident moved so that its failover straddles midnight UTC (every time shifted alike). */
function acrossMidnight(a: AnalysisV1, t: Timeline): { analysis: AnalysisV1; timeline: Timeline } {
  const fault = Date.parse(a.failovers[0].startedAt);
  const midnight = Date.parse(`${a.failovers[0].startedAt.slice(0, 10)}T23:59:59.000Z`);
  const off = midnight - fault;
  const shift = (iso: string) => new Date(Date.parse(iso) + off).toISOString();
  const json = JSON.stringify(a).replace(/"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)"/g, (_, iso: string) => `"${shift(iso)}"`);
  return { analysis: JSON.parse(json) as AnalysisV1, timeline: { ...t, events: t.events.map((e) => ({ ...e, at: e.at + off })) } };
}

interface Mark {
  chart: string;
  tag: string;
  title: string | null;
  fill: string | null;
  stroke: string | null;
}

/** Every drawn data mark of every chart (Vega puts them in `g.role-mark`), with its hover text and colours. */
function marksOf(visit: PageVisit): Promise<Mark[]> {
  return visit.page.evaluate(() =>
    [...document.querySelectorAll('figure.chart')].flatMap((fig) =>
      // a linked mark is wrapped in <a>: the mark is its child
      [...fig.querySelectorAll('g.role-mark > :not(g):not(title)')]
        .map((el) => (el.tagName === 'a' ? el.firstElementChild! : el))
        .map((el) => ({
          chart: fig.id,
          tag: el.tagName,
          title: el.querySelector(':scope > title')?.textContent ?? null,
          fill: el.getAttribute('fill'),
          stroke: el.getAttribute('stroke'),
        })),
    ),
  );
}

function timeLabels(visit: PageVisit, chart: string): Promise<string[]> {
  return visit.page.evaluate(
    (id) =>
      [...document.querySelectorAll(`#${id} g.role-axis-label text`)]
        .map((t) => t.textContent ?? '')
        .filter((s) => /\d{2}:\d{2}/.test(s) && !/\d+\.\d+\.\d+\.\d+/.test(s)),
    chart,
  );
}

describe.skipIf(skip)('the report at 1400 px and 390 px', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let base: { analysis: AnalysisV1; timeline: Timeline };
  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} (apt-get install chromium, or FAILSCOPE_SKIP_BROWSER=1)`).toBe(true);
    mkdirSync(OUT, { recursive: true });
    browser = await launchChromium();
    base = await incident();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(name: string, c: { analysis: AnalysisV1; timeline: Timeline }, width: number, height: number): Promise<PageVisit> {
    const file = join(OUT, `${name}.html`);
    const warnings: string[] = [];
    writeFileSync(file, await renderHtmlReport(c.analysis, c.timeline, { warnings }));
    expect(warnings).toEqual([]);
    const visit = await openReport(browser.context, file);
    await visit.page.setViewportSize({ width, height });
    return visit;
  }

  const shot = async (visit: PageVisit, name: string, docs: string | null, opts: Parameters<PageVisit['page']['screenshot']>[0] = {}) => {
    const path = join(OUT, `${name}.png`);
    await visit.page.screenshot({ ...opts, path });
    if (docs && process.env.FAILSCOPE_UPDATE_SCREENSHOTS === '1') copyFileSync(path, join(DOCS, docs));
  };

  test('1400 px: the key chart on the first screen; hover text on every mark; one colour vocabulary; CLUSTERDOWN on the slot chart', async () => {
    const visit = await open('seed2-1400', base, 1400, 900);
    try {
      const { page } = visit;
      // The roles chart with the failover moments starts on the first screen, under the story.
      const key = await page.locator('#chart-1-roles svg').boundingBox();
      expect(key, 'roles chart').not.toBeNull();
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      expect(key!.y).toBeGreaterThan(0);
      expect(key!.y).toBeLessThan(900 - 150);
      await shot(visit, 'seed2-1400-first-screen', 'screenshot.png');
      await checkReportPage(visit);
      expect(await page.evaluate(() => document.querySelector('figure.chart')?.id)).toBe('chart-1-roles');

      const marks = await marksOf(visit);
      expect(marks.length).toBeGreaterThan(50);
      const untitled = marks.filter((m) => !m.title || !m.title.trim());
      expect(untitled, 'marks without hover text').toEqual([]);

      // States, phases, outages and markers never wear a node's colour; only node marks do.
      const isNodeMark = (m: Mark) =>
        m.title!.startsWith('node ') ||
        m.chart.endsWith('-topology') ||
        (m.chart.endsWith('-ownership') && /^slots \S+: (?!CLUSTERDOWN|not served|uncovered)/.test(m.title!));
      const colours = (m: Mark) =>
        [m.fill, m.stroke].filter((c): c is string => !!c && c !== 'none' && c !== 'transparent').map((c) => c.toLowerCase());
      const stateMarks = marks.filter((m) => !isNodeMark(m));
      expect(stateMarks.length).toBeGreaterThan(20);
      for (const m of stateMarks) for (const c of colours(m)) expect(NODE_COLOURS, `${m.chart} ${m.title}`).not.toContain(c);
      const ownerRects = marks.filter((m) => m.chart.endsWith('-ownership') && isNodeMark(m));
      expect(ownerRects.length).toBeGreaterThan(0);
      for (const m of ownerRects) expect(NODE_COLOURS, m.title!).toContain(m.fill!.toLowerCase());
      // … and the legends say the same: no state swatch in a node colour.
      const legendFills = await page.evaluate(() =>
        [...document.querySelectorAll('#chart-1-roles g.role-legend-symbol path, #chart-1-state g.role-legend-symbol path')].map((p) =>
          (p.getAttribute('fill') ?? '').toLowerCase(),
        ),
      );
      expect(legendFills.length).toBeGreaterThan(4);
      for (const c of legendFills) expect(NODE_COLOURS).not.toContain(c);

      // A cluster-wide CLUSTERDOWN is drawn across every slot of the slot chart, for its time.
      const outage = base.analysis.outages.find((o) => o.scope === 'cluster');
      expect(outage, 'the incident has a cluster-wide outage').toBeDefined();
      const down = await page.evaluate(() => {
        const fig = document.getElementById('chart-1-ownership')!;
        const el = [...fig.querySelectorAll('g.role-mark > path')].find((p) =>
          p.querySelector('title')?.textContent?.startsWith('slots 0-16383: CLUSTERDOWN'),
        );
        const all = [...fig.querySelectorAll('g.role-mark > path')].map((p) => (p as SVGGraphicsElement).getBoundingClientRect());
        const b = el ? (el as SVGGraphicsElement).getBoundingClientRect() : null;
        return b
          ? {
              h: b.height,
              plot: Math.max(...all.map((r) => r.bottom)) - Math.min(...all.map((r) => r.top)),
              title: el!.querySelector('title')!.textContent,
            }
          : null;
      });
      expect(down, 'CLUSTERDOWN band on the slot chart').not.toBeNull();
      expect(down!.h).toBeGreaterThan(0.95 * down!.plot);
      expect(down!.title).toContain(outage!.start.slice(11, 23));

      // One day: every time label has the same form, hours to seconds (no bare `:30`).
      for (const chart of ['chart-1-roles', 'chart-1-ownership', 'chart-1-state']) {
        const labels = await timeLabels(visit, chart);
        expect(labels.length, chart).toBeGreaterThan(2);
        for (const l of labels) expect(l, chart).toMatch(/^\d{2}:\d{2}:\d{2}(\.\d{3})?$/);
      }
      // A failover marker links to its evidence row in the timeline, and following it shows that row.
      const links = await page.evaluate(() =>
        [...document.querySelectorAll('#chart-1-roles svg a')].map((a) => ({
          href: a.getAttribute('xlink:href'),
          title: a.querySelector('title')?.textContent ?? '',
        })),
      );
      expect(links.length).toBe(4); // fault, FAIL marked, election started, promoted
      for (const l of links) expect(l.href, l.title).toMatch(/^#L\d+-\d+$/);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator('#chart-1-roles svg a').last().click();
      await page.waitForFunction((h) => location.hash === h, links[3].href);
      expect(await page.locator(links[3].href!).isVisible()).toBe(true);
      expect(visit.consoleErrors).toEqual([]);
      await page.locator('#charts-1').scrollIntoViewIfNeeded();
      const top = await page.evaluate(() => document.getElementById('charts-1')!.getBoundingClientRect().top + window.scrollY);
      await shot(visit, 'seed2-1400-charts', 'screenshot-charts.png', {
        fullPage: true,
        clip: { x: 0, y: top - 10, width: 1400, height: 1500 },
      });
    } finally {
      await visit.page.close();
    }
  });

  test('1400 px, an incident across midnight: every time label carries its date, the header names both days', async () => {
    const c = acrossMidnight(base.analysis, base.timeline);
    const visit = await open('seed2-midnight-1400', c, 1400, 900);
    try {
      await checkReportPage(visit);
      for (const chart of ['chart-1-roles', 'chart-1-ownership', 'chart-1-state']) {
        const labels = await timeLabels(visit, chart);
        expect(labels.length, chart).toBeGreaterThan(2);
        for (const l of labels) expect(l, chart).toMatch(/^[A-Z][a-z]{2} \d{2} \d{2}:\d{2}(:\d{2})?$/);
        expect(new Set(labels.map((l) => l.slice(0, 6))).size, `${chart}: ${labels.join(' | ')}`).toBe(2);
      }
      const day0 = c.analysis.clusters[0].span.start!.slice(0, 10);
      const day1 = c.analysis.clusters[0].span.end!.slice(0, 10);
      expect(day0).not.toBe(day1);
      const meta = await visit.page.locator('section.cluster p.meta').first().textContent();
      expect(meta).toContain(day0);
      expect(meta).toContain(day1);
      const marks = await marksOf(visit);
      expect(marks.filter((m) => !m.title)).toEqual([]);
      expect(marks.some((m) => m.title!.includes(`${day1} 00:00:`))).toBe(true);
      await visit.page.evaluate(() => window.scrollTo(0, 0));
      await shot(visit, 'seed2-midnight-1400', null, { fullPage: true, clip: { x: 0, y: 0, width: 1400, height: 1000 } });
    } finally {
      await visit.page.close();
    }
  });

  test('390 px (a phone): nothing is cut off — tables and charts scroll sideways in their own box, charts keep their size', async () => {
    const visit = await open('seed2-390', base, 390, 844);
    try {
      const { page } = visit;
      expect(visit.consoleErrors).toEqual([]);
      const layout = await page.evaluate(() => {
        const scrolls = (el: Element | null): boolean => {
          for (let e = el; e && e !== document.body; e = e.parentElement)
            if (['auto', 'scroll'].includes(getComputedStyle(e).overflowX)) return true;
          return false;
        };
        return {
          pageWidth: document.documentElement.scrollWidth,
          tables: [...document.querySelectorAll('table')].map((t) => ({
            id: t.id || t.className,
            width: t.getBoundingClientRect().width,
            scrolls: scrolls(t.parentElement),
          })),
          charts: [...document.querySelectorAll('figure.chart svg')].map((s) => ({
            id: s.closest('figure')!.id,
            width: s.getBoundingClientRect().width,
            scrolls: scrolls(s.parentElement),
          })),
        };
      });
      expect(layout.pageWidth).toBeLessThanOrEqual(390);
      for (const t of layout.tables) expect(t.width <= 390 || t.scrolls, `table ${t.id}`).toBe(true);
      expect(layout.charts.length).toBeGreaterThanOrEqual(5);
      for (const c of layout.charts) {
        // drawn at their own size (labels readable), inside a box that scrolls
        expect(c.width, c.id).toBeGreaterThan(600);
        expect(c.scrolls, c.id).toBe(true);
      }
      await shot(visit, 'seed2-390-first-screen', 'screenshot-phone.png');
    } finally {
      await visit.page.close();
    }
  });
});
