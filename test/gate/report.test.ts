import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/gate/evaluate.ts';
import { parseExpectations } from '../../src/gate/load.ts';
import { buildReport, renderJson, renderJunit, renderText } from '../../src/gate/report.ts';
import type { CaseResult } from '../../src/gate/types.ts';
import { killMaster } from './analysis-fixture.ts';

const XSDS = ['test/gate/junit-xsd/jenkins-junit-10.xsd', 'test/gate/junit-xsd/windyroad-junit.xsd'];

function xmllint(xml: string, xsd: string): { ok: boolean; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'failscope-junit-'));
  const file = join(dir, 'report.xml');
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint is needed for this test (Debian: libxml2-utils): ${r.error.message}`);
  return { ok: r.status === 0, out: r.stderr };
}

const expectations = parseExpectations(
  JSON.stringify({
    verdict: 'pass',
    failovers: { count: 1, maxUnavailable: '5s', maxElection: '1s' },
    mustEndAsMaster: [{ node: '127.0.0.1:7003', slots: '0-5460' }],
    rules: { forbidden: ['cluster.down'] },
  }),
  'incidents/kill-master/expect.json',
);

function cases(): CaseResult[] {
  const pass = evaluate(killMaster(), parseExpectations('{ "verdict": "pass" }', 'incidents/clean/expect.json'), {
    name: 'clean',
    inputs: ['incidents/clean'],
  });
  const fail = evaluate(killMaster(), expectations, {
    name: 'kill-master',
    inputs: ['incidents/kill-master/node-7000.log', 'incidents/kill-master/node-7003.log'],
  });
  const broken: CaseResult = {
    name: 'broken & <odd> "name"',
    inputs: ['incidents/broken'],
    expect: 'incidents/broken/expect.json',
    status: 'error',
    error:
      'incidents/broken/expect.json:3:5: unknown key "maxUnavailible" in failovers (did you mean "maxUnavailable"?)\nincidents/broken/expect.json:4:5: second problem',
    results: [],
    measured: null,
    startedAt: null,
  };
  return [pass, fail, broken];
}

describe('buildReport', () => {
  it('exit code: 0 all pass, 1 some expectation failed, 2 some case unusable', () => {
    const [pass, fail, broken] = cases();
    expect(buildReport([pass]).exitCode).toBe(0);
    expect(buildReport([pass, fail]).exitCode).toBe(1);
    expect(buildReport([pass, fail, broken]).exitCode).toBe(2);
    expect(buildReport([]).exitCode).toBe(2);
    expect(buildReport([pass, fail, broken]).summary).toEqual({ cases: 3, passed: 1, failed: 1, errors: 1 });
  });
});

describe('renderText', () => {
  it('shows expected vs actual and evidence for each failed point only', () => {
    const text = renderText(buildReport(cases()));
    expect(text).toBe(
      [
        'PASS clean: 1 expectation holds  (incidents/clean/expect.json)',
        'FAIL kill-master: 2 of 6 expectations failed  (incidents/kill-master/expect.json)',
        '  ✗ failovers.maxUnavailable: expected unavailable ≤ 5.000 s for every failover; actual worst 6.200 s',
        '      failover 1 (automatic, 127.0.0.1:7000 (a0a0a0a0) → 127.0.0.1:7003 (d3d3d3d3), slots 0-5460, at 2024-05-01T10:00:00.000Z): 6.200 s',
        '      evidence in logs/: node-7000.log:41, node-7001.log:57, node-7003.log:88',
        '  ✗ rules.forbidden.cluster.down: expected cluster.down absent; actual present (1 finding)',
        '      cluster.down (warning): cluster.down happened',
        '      evidence in logs/: node-7001.log:60, node-7001.log:71',
        'ERROR broken & <odd> "name"  (incidents/broken/expect.json)',
        '  incidents/broken/expect.json:3:5: unknown key "maxUnavailible" in failovers (did you mean "maxUnavailable"?)',
        '  incidents/broken/expect.json:4:5: second problem',
        '',
        '3 cases: 1 passed, 1 failed, 1 could not be judged',
        '',
      ].join('\n'),
    );
  });
});

describe('renderJson', () => {
  it('is the report, deterministic, with the measured timings a later baseline reads', () => {
    const a = renderJson(buildReport(cases()));
    expect(renderJson(buildReport(cases()))).toBe(a);
    const o = JSON.parse(a);
    expect(o).toMatchObject({ kind: 'failscope-check', schemaVersion: 1, status: 'error', exitCode: 2 });
    expect(o.cases[1].measured).toMatchObject({ maxUnavailableMs: 6200, maxDetectionMs: 5100, maxElectionMs: 900, clusterOutageMs: 1800 });
    expect(o.cases[1].results[2]).toMatchObject({
      id: 'failovers.maxUnavailable',
      status: 'fail',
      evidence: [
        { source: 'logs/node-7000.log', line: 41 },
        { source: 'logs/node-7001.log', line: 57 },
        { source: 'logs/node-7003.log', line: 88 },
      ],
    });
  });
});

describe('renderJunit', () => {
  // issue #17: JUnit's own conventions — the run's time as timestamp, durations in seconds
  const run = { startedAt: Date.parse('2026-12-01T10:00:00.000Z'), caseMs: [1500, 2250, 10] };
  const xml = renderJunit(buildReport(cases()), run);

  it.each(XSDS)('validates against %s', (xsd) => {
    const r = xmllint(xml, xsd);
    expect(r.out).toContain('validates');
    expect(r.ok).toBe(true);
  });

  it.each(XSDS)('the schema check is real: %s rejects a testcase without a name', (xsd) => {
    const bad = xml.replace('<testcase name="verdict" ', '<testcase ');
    expect(bad).not.toBe(xml);
    expect(xmllint(bad, xsd).ok).toBe(false);
  });

  it('has one testsuite per case and one testcase per expectation, with counts', () => {
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
    expect(xml).toContain(
      '<testsuite name="clean" package="failscope" id="0" timestamp="2026-12-01T10:00:00" hostname="localhost" tests="1" failures="0" errors="0" skipped="0" time="1.500">',
    );
    expect(xml).toContain(
      '<testsuite name="kill-master" package="failscope" id="1" timestamp="2026-12-01T10:00:01" hostname="localhost" tests="6" failures="2" errors="0" skipped="0" time="2.250">',
    );
    // each expectation's share of its case's time (six of them judged from one analysis)
    expect(xml).toContain('<testcase name="failovers.count" classname="failscope.kill-master" time="0.375"/>');
    expect(xml).toContain('<property name="incident.start" value="2024-05-01T09:59:50');
    expect(xml).not.toMatch(/time="0"/);
    expect(xml).toContain('<property name="input.2" value="incidents/kill-master/node-7003.log"/>');
  });

  it('puts expected/actual in the failure message and file:line evidence in the body and system-out', () => {
    expect(xml).toContain(
      '<failure message="expected unavailable ≤ 5.000 s for every failover; actual worst 6.200 s" type="expectation">expected: unavailable ≤ 5.000 s for every failover\nactual:   worst 6.200 s\n',
    );
    expect(xml).toContain('evidence: logs/node-7000.log:41\nevidence: logs/node-7001.log:57\nevidence: logs/node-7003.log:88</failure>');
    expect(xml).toContain(
      'FAIL rules.forbidden.cluster.down: expected cluster.down absent; actual present (1 finding)\n     evidence: logs/node-7001.log:60, logs/node-7001.log:71',
    );
  });

  it('reports an unusable case as an error testcase, escaped', () => {
    expect(xml).toContain(
      '<testsuite name="broken &amp; &lt;odd&gt; &quot;name&quot;" package="failscope" id="2" timestamp="2026-12-01T10:00:03"',
    );
    expect(xml).toContain(
      '<error message="expected usable input and expectations; actual incidents/broken/expect.json:3:5: unknown key &quot;maxUnavailible&quot; in failovers (did you mean &quot;maxUnavailable&quot;?)&#10;incidents/broken/expect.json:4:5: second problem" type="unusable">',
    );
  });

  it('is well-formed even with control characters in messages', () => {
    const c = cases()[1];
    c.results[0].actual = 'bell\u0007 and tab\t';
    const out = renderJunit(buildReport([c]));
    expect(execFileSync('xmllint', ['--noout', '-'], { input: out }).toString()).toBe('');
  });
});
