import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { renderHtmlReport, writeHtmlReport } from '../../src/report/html/index.ts';
import { esc, html } from '../../src/report/html/escape.ts';
import { renameIds } from '../../src/report/html/svg.ts';
import { MAX_TABLE_ROWS } from '../../src/report/html/timeline-table.ts';
import { PAYLOADS, noReplicaCase, seedFailoverCase, xssCase } from './helpers/cases.ts';
import { largeCase } from './helpers/large.ts';

const tmp = mkdtempSync(join(tmpdir(), 'failscope-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sha = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
const all = (page: string, re: RegExp) => [...page.matchAll(re)].map((m) => m[1]);

describe('escaping', () => {
  test('esc turns every markup character and control character into something inert', () => {
    expect(esc(`<a href="x" onclick='y'>&\u0000\u001b`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;\ufffd\ufffd');
  });
  test('the html tag escapes interpolations unless they are html itself', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'"><script>'}">${inner}${['<', html`<br>`]}${null}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;"><b>&lt;i&gt;</b>&lt;<br></p>',
    );
  });
  test('SVG ids are renamed per chart inside tags only', () => {
    const svg =
      '<svg><defs><clipPath id="clip7"><rect/></clipPath></defs><g clip-path="url(#clip7)"><text>id="clip7" url(#clip7)</text></g></svg>';
    expect(renameIds(svg, 'c1-roles')).toBe(
      '<svg><defs><clipPath id="c1-roles-1"><rect/></clipPath></defs><g clip-path="url(#c1-roles-1)"><text>id="clip7" url(#clip7)</text></g></svg>',
    );
  });
});

describe('page structure', async () => {
  const { analysis, timeline } = seedFailoverCase();
  const warnings: string[] = [];
  const page = await renderHtmlReport(analysis, timeline, { warnings });

  test('renders without a single Vega or Vega-Lite warning', () => {
    expect(warnings).toEqual([]);
  });

  test('the CSP comes first and allows only the page’s own style and script, by hash', () => {
    const head = page.slice(0, page.indexOf('</head>'));
    expect(head.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(head.indexOf('<title>'));
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(head)![1].replaceAll('&#39;', "'");
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1];
    const scripts = all(page, /<script>([\s\S]*?)<\/script>/g);
    expect(scripts).toHaveLength(1);
    expect(csp).toBe(
      `default-src 'none'; img-src data:; style-src ${sha(style)}; script-src ${sha(scripts[0])}; base-uri 'none'; form-action 'none'`,
    );
    expect(csp).not.toContain('unsafe');
  });

  test('self-contained: no src attribute, no external URL in any href, no style attribute', () => {
    expect(page).not.toMatch(/\ssrc=/);
    expect(page).not.toMatch(/\sstyle=/);
    expect(page).not.toMatch(/<link\b/);
    for (const href of all(page, /\shref="([^"]*)"/g))
      expect(href).toMatch(/^(#[A-Za-z][\w-]*|data:application\/json;charset=utf-8;base64,[A-Za-z0-9+/=]+)$/);
  });

  test('top: verdict, story, the key chart (roles), key timings and findings by severity, then the other charts, timeline, inputs', () => {
    const order = [
      'class="verdict pass"',
      'class="story"',
      'id="chart-1-roles"',
      'Key timings',
      'class="failovers"',
      'class="outages"',
      'Findings',
      'id="chart-1-ownership"',
      'id="timeline"',
      'id="inputs"',
    ];
    const at = order.map((s) => page.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const sev = all(page, /<li class="(error|warning|info)">/g);
    expect(sev).toEqual(['warning', 'warning', 'info', 'info']);
  });

  test('every chart is inline SVG with a downloadable spec that decodes to the spec', () => {
    const figures = page.split('<figure class="chart"').slice(1);
    expect(figures).toHaveLength(5);
    for (const f of figures) {
      expect(f).toContain('<svg');
      const b64 = /href="data:application\/json;charset=utf-8;base64,([^"]+)"/.exec(f)![1];
      const spec = JSON.parse(Buffer.from(b64, 'base64').toString('utf8'));
      expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v5.json');
    }
    // ids are unique across the page although each SVG was rendered on its own
    const ids = all(page, /\sid="([^"]*)"/g);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('each timeline row is the anchor of its file:line, and evidence links resolve to rows', () => {
    const rows = all(page, /<tr id="(L\d+-\d+)"/g);
    expect(rows).toHaveLength(timeline.events.length);
    const links = all(page, /<a href="#(L\d+-\d+)">/g);
    for (const l of links) expect(rows).toContain(l);
    // finding evidence redis-slave-2.log:9 → the row of that line
    expect(page).toMatch(/<a href="#L2-9">redis-slave-2\.log:9<\/a>/);
    // evidence with no row on the page stays plain text
    expect(page).toContain('<span class="src mono">cluster-nodes.txt:3</span>');
  });

  test('byte-identical output for the same input, whatever the machine’s time zone', async () => {
    expect(await renderHtmlReport(analysis, timeline)).toBe(page);
    const tz = process.env.TZ;
    process.env.TZ = 'Asia/Seoul';
    try {
      expect(new Date(0).getHours()).toBe(9); // the zone change took effect
      expect(await renderHtmlReport(analysis, timeline)).toBe(page);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  test('writes atomically: the file appears whole and no temp file is left', async () => {
    const out = join(tmp, 'incident.html');
    const bytes = await writeHtmlReport(out, analysis, timeline);
    expect(readFileSync(out, 'utf8')).toBe(page);
    expect(bytes).toBe(Buffer.byteLength(page));
    expect(readdirSync(tmp)).toEqual(['incident.html']);
  });

  test('a cluster with no failover says so instead of drawing an empty waterfall', async () => {
    const c = noReplicaCase();
    const p = await renderHtmlReport(c.analysis, c.timeline);
    expect(p).toContain('class="verdict fail"');
    expect(p).toMatch(/<figure class="chart" id="chart-1-waterfall"><h3>Failover phases<\/h3><p class="empty">No failover happened\.<\/p>/);
    expect(p).toContain('still down at the end of the evidence'.slice(0, 0)); // outages all ended
  });
});

describe('hostile input', async () => {
  const { analysis, timeline } = xssCase();
  const page = await renderHtmlReport(analysis, timeline);

  test('no payload survives as markup anywhere (text, attributes, SVG, table, file names)', () => {
    // payloads with markup characters must never appear verbatim (the others are harmless as text)
    for (const p of PAYLOADS.filter((x) => /[<>"']/.test(x))) expect(page.includes(p)).toBe(false);
    expect(page).not.toMatch(/<(img|iframe|object|embed|foreignObject|base|meta http-equiv="refresh")\b/i);
    expect(page).not.toMatch(/<svg[^>]*\sonload=/i);
    // no event-handler attribute in any tag (escaped text holds no raw '<', so tags are found reliably)
    const body = page.replace(/<script>[\s\S]*?<\/script>/, '').replace(/<style>[\s\S]*?<\/style>/, '');
    const tags = body.match(/<[a-zA-Z][^>]*>/g)!;
    const names = tags.map((t) => t.replace(/="[^"]*"/g, '=""'));
    expect(names.filter((t) => /\son[a-z]+\s*=/i.test(t) || /'/.test(t))).toEqual([]);
    expect(page.match(/<script\b/g)).toHaveLength(1);
    expect(page.match(/<\/script>/gi)).toHaveLength(1);
    expect(page.match(/<\/style>/gi)).toHaveLength(1);
    expect(page.match(/<\/svg>/gi)).toHaveLength(page.match(/<svg\b/g)!.length);
  });

  test('payloads are shown as text (escaped), not dropped', () => {
    expect(page).toContain('&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=2;alert(1)&quot;&gt;');
  });

  test('no href can be javascript: or point anywhere but this page or an inline spec', () => {
    for (const href of all(page, /\shref="([^"]*)"/gi))
      expect(href).toMatch(/^(#[A-Za-z][\w-]*|data:application\/json;charset=utf-8;base64,[A-Za-z0-9+/=]+)$/);
    expect(page).not.toMatch(/href="\s*javascript:/i);
  });

  test('download file names come from cluster ids with anything unsafe replaced', async () => {
    const c = xssCase();
    c.analysis.clusters[0].id = '../<b>"evil';
    const p = await renderHtmlReport(c.analysis, c.timeline);
    for (const name of all(p, /\sdownload="([^"]*)"/g)) expect(name).toMatch(/^[A-Za-z0-9_-]+\.vl\.json$/);
  });
});

describe('size', () => {
  test(`a 1000-node cluster with a day of logs (300k lines) stays under 5 MB, the table capped at ${MAX_TABLE_ROWS} rows`, async () => {
    const { analysis, timeline } = largeCase({ masters: 500, replicasPerMaster: 1, eventsPerNode: 300 });
    expect(timeline.events.length).toBe(300_000);
    const t0 = performance.now();
    const page = await renderHtmlReport(analysis, timeline);
    const ms = performance.now() - t0;
    const bytes = Buffer.byteLength(page);
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
    expect(page.match(/<tr id="L/g)!.length).toBeLessThanOrEqual(MAX_TABLE_ROWS);
    expect(page).toContain(`Showing ${MAX_TABLE_ROWS.toLocaleString('en-US')} of 300,000 events`);
    // every failover's and finding's evidence made it into the table, however far from the incident
    for (const f of analysis.failovers) expect(page.includes(`>${f.evidence[0].source.replace('logs/', '')}:1</a>`)).toBe(true);
    console.log(`large report: ${(bytes / 1024 / 1024).toFixed(2)} MB in ${Math.round(ms)} ms`);
  });
});
