import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateEpisodes, type GeneratedLogs } from '../../bench/gen/episodes.ts';
import { loadIncident } from '../../bench/lib/incidents.ts';
import { reportCommand } from '../../src/commands/report.ts';
import { MAX_FAILOVER_ROWS } from '../../src/report/html/index.ts';
import { MAX_TABLE_ROWS } from '../../src/report/html/timeline-table.ts';
import { MAX_MARKED_FAILOVERS } from '../../src/report/specs/roles-chart.ts';
import { MAX_WATERFALLS } from '../../src/report/specs/waterfall-chart.ts';

// Issue 15: the page is bounded by what a reader can see, not by the incident. A recorded incident
// (master-sigkill) repeated back to back, as the bench's flapping input: before, the page grew by
// ~130 kB per failover (53 failovers: 6.9 MB; 210: 25.8 MB).
const root = join(import.meta.dirname, '../..');

describe('a dense incident (one recorded failover repeated ~100 times)', () => {
  let dir: string;
  let gen: GeneratedLogs;
  let page: string;
  let stdout: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'failscope-dense-'));
    gen = generateEpisodes(join(dir, 'logs'), [loadIncident(join(root, 'fixtures/incidents/master-sigkill'))], {
      seed: 15,
      targetBytes: 2.5e6,
      notableFraction: 0,
      gapMs: 5000,
      startAt: Date.UTC(2026, 1, 2),
    });
    const output = join(dir, 'report.html');
    const r = await reportCommand([join(dir, 'logs')], { output, tz: 'UTC' });
    stdout = r.stdout;
    page = readFileSync(output, 'utf8');
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('is dense enough to need the bounds', () => {
    expect(gen.expectedFailovers).toBeGreaterThan(2 * MAX_MARKED_FAILOVERS);
    expect(gen.expectedFailovers).toBeGreaterThan(MAX_WATERFALLS);
  });

  test('the page stays under 3 MB (it was ~130 kB per failover: 13 MB here)', () => {
    expect(Buffer.byteLength(page)).toBeLessThan(3 * 1024 * 1024);
  });

  test('still states the full failover count, and lists every failover up to the cap', () => {
    const n = gen.expectedFailovers;
    expect(stdout).toContain(`; ${n} failovers, `);
    expect(page).toContain(`<title>failscope · FAIL · ${n} failovers, `);
    expect(page).toContain(`<h2>${n} failovers, `);
    const rows = /<table class="failovers">[\s\S]*?<\/table>/.exec(page)![0].match(/<tr><td>\d+<\/td>/g)!;
    expect(rows).toHaveLength(Math.min(n, MAX_FAILOVER_ROWS));
    // the waterfall says which failovers it draws
    expect(page).toContain(`The ${MAX_WATERFALLS} longest unavailabilities of ${n} failovers; every one is in the failovers table.`);
  });

  test('failover moments are binned with their counts; sub-pixel role changes are summarised, not dropped', () => {
    // one mark per bin of a few pixels, titled by its failover or by how many it stands for
    const roles = /<figure class="chart" id="chart-1-roles"[\s\S]*?<\/figure>/.exec(page)![0];
    const bins = [
      ...roles.matchAll(/<title>(?:(\d+) failovers \(#\d+–#\d+\)|#\d+ [a-z]+: [^<]*?) between [^<]*?; each one in the failovers table/g),
    ];
    expect(bins.length).toBeGreaterThan(0);
    expect(bins.length).toBeLessThan(2 * gen.expectedFailovers + 1);
    // every failover is in exactly one bin (its rule and its point both carry the title: halve)
    const total = bins.reduce((s, m) => s + (m[1] ? Number(m[1]) : 1), 0);
    expect(total / 2).toBe(gen.expectedFailovers);
    expect(roles).toMatch(/role flapping, \d+ changes \((master|replica|fail|down|unknown|paused) ×\d+/);
  });

  test('the timeline table is capped with a line saying how many rows are left and where they are', () => {
    expect(page.match(/<tr id="L/g)!.length).toBeLessThanOrEqual(MAX_TABLE_ROWS);
    expect(page).toMatch(/… [\d,]+ more rows: see <code>failscope timeline<\/code>/);
  });
});
