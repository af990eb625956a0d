// The gate on the recorded incidents (fixtures/incidents/, issue #2) with hand-written expectations
// (fixtures/expect/<name>.expect.json, from each incident's truth.json): every expectation kind
// passes on a real analysis, each kind fails when the expectation is made wrong, and init-expect's
// output passes on the incident it came from.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/commands/check.ts';
import { initExpectCommand } from '../../src/commands/init-expect.ts';
import type { CheckReport } from '../../src/gate/types.ts';

const INCIDENTS = 'fixtures/incidents';
const EXPECT = 'fixtures/expect';
const names = readdirSync(EXPECT)
  .filter((f) => f.endsWith('.expect.json'))
  .map((f) => f.replace(/\.expect\.json$/, ''))
  .sort();

async function check(name: string, expectFile: string, extra: Partial<Parameters<typeof checkCommand>[1]> = {}): Promise<CheckReport> {
  const r = await checkCommand([join(INCIDENTS, name)], { expect: expectFile, format: 'json', tz: 'UTC', ...extra });
  const report = JSON.parse(r.stdout) as CheckReport;
  expect(r.exitCode).toBe(report.exitCode);
  return report;
}

function tmp(name: string, value: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'failscope-incident-'));
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
}

function failuresOf(report: CheckReport): string[] {
  return report.cases.flatMap((c) => [
    ...(c.error ? [`${c.name}: ${c.error}`] : []),
    ...c.results
      .filter((r) => r.status !== 'pass')
      .map((r) => `${c.name} ${r.id}: expected ${r.expected}; actual ${r.actual}${r.detail ? ` (${r.detail})` : ''}`),
  ]);
}

describe('the gate on the recorded incidents', () => {
  it('covers every recorded incident', () => {
    const incidents = readdirSync(INCIDENTS, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(names).toEqual(incidents);
  });

  it.each(names)('%s passes its hand-written expectations', async (name) => {
    const report = await check(name, join(EXPECT, `${name}.expect.json`));
    expect(failuresOf(report)).toEqual([]);
    expect(report.exitCode).toBe(0);
  });

  it.each(names)('%s passes the expectations init-expect writes for it', async (name) => {
    const out = join(mkdtempSync(join(tmpdir(), 'failscope-init-')), `${name}.expect.json`);
    const init = await initExpectCommand([join(INCIDENTS, name)], { output: out, tz: 'UTC', nodeTimeout: 2000 });
    expect(init.exitCode).toBe(0);
    const report = await check(name, out);
    expect(failuresOf(report)).toEqual([]);
    expect(report.cases[0].results.length).toBeGreaterThan(10);
  });

  describe('each expectation kind fails when it is wrong (master-sigkill)', () => {
    const name = 'master-sigkill';
    const good = JSON.parse(readFileSync(join(EXPECT, `${name}.expect.json`), 'utf8'));
    const wrong: Array<[string, Record<string, unknown>, string]> = [
      ['verdict', { verdict: 'fail' }, 'verdict'],
      ['worstSeverity', { worstSeverity: 'info' }, 'worstSeverity'],
      ['failovers.count', { failovers: { count: 2 } }, 'failovers.count'],
      ['failovers.kinds', { failovers: { kinds: { manual: 1 } } }, 'failovers.kinds.automatic'],
      ['failovers.maxUnavailable', { failovers: { maxUnavailable: '100ms' } }, 'failovers.maxUnavailable'],
      ['failovers.maxDetection', { failovers: { maxDetection: '0.1x node-timeout' } }, 'failovers.maxDetection'],
      ['failovers.maxElection', { failovers: { maxElection: 1 } }, 'failovers.maxElection'],
      [
        'mustEndAsMaster',
        { mustEndAsMaster: [{ node: '127.0.0.1:7001', slots: '5461-10922' }] },
        'mustEndAsMaster.127.0.0.1:7001[5461-10922]',
      ],
      ['mustNotEndAsMaster', { mustNotEndAsMaster: [{ node: '127.0.0.1:7004' }] }, 'mustNotEndAsMaster.127.0.0.1:7004'],
      ['maxClusterOutage', { maxClusterOutage: '1ms' }, 'maxClusterOutage'],
      ['rules.required', { rules: { required: ['failover.blocked.no-replica'] } }, 'rules.required.failover.blocked.no-replica'],
      ['rules.forbidden', { rules: { forbidden: ['failover.completed'] } }, 'rules.forbidden.failover.completed'],
    ];
    it.each(wrong)('%s', async (_kind, expectations, failingId) => {
      const file = tmp('wrong.expect.json', { nodeTimeout: 2000, ...expectations });
      const report = await check(name, file);
      expect(report.exitCode).toBe(1);
      const failed = report.cases[0].results.filter((r) => r.status === 'fail');
      expect(failed.map((r) => r.id)).toContain(failingId);
      // Failing points about failovers, findings and outages carry file:line evidence.
      if (
        ![
          'failovers.count',
          'failovers.kinds.automatic',
          'maxClusterOutage',
          'rules.required.failover.blocked.no-replica',
          'worstSeverity',
          'verdict',
        ].includes(failingId)
      )
        expect(failed.find((r) => r.id === failingId)?.evidence.length).toBeGreaterThan(0);
    });
    // Each case above changes one point of a file that passes as a whole: run that whole file through
    // the gate (this used to read the file back and could not fail), and each point the cases break
    // must be one the good file passes.
    it('the good expectations pass as a whole', async () => {
      const report = await check(name, join(EXPECT, `${name}.expect.json`));
      expect(report.exitCode).toBe(0);
      const results = report.cases[0].results;
      expect(results.filter((r) => r.status !== 'pass').map((r) => r.id)).toEqual([]);
      const status = new Map(results.map((r) => [r.id, r.status]));
      const shared = wrong.map(([, , id]) => id).filter((id) => status.has(id));
      expect(shared.length).toBeGreaterThanOrEqual(6);
      for (const id of shared) expect(status.get(id), id).toBe('pass');
      expect(good.failovers.count).toBe(1);
    });
  });

  it('a folder of cases: exit 1 when one fails, JUnit names file:line evidence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'failscope-cases-'));
    const junit = join(dir, 'junit.xml');
    const strict = tmp('strict.expect.json', { nodeTimeout: 2000, failovers: { maxUnavailable: '100ms' } });
    const r = await checkCommand([join(INCIDENTS, 'master-sigkill')], { expect: strict, junit, format: 'text', tz: 'UTC' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/✗ failovers\.maxUnavailable: expected unavailable ≤ 100 ms for every failover; actual worst \d/);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/evidence: fixtures\/incidents\/master-sigkill\/[\w.-]+:\d+/);
  });

  it('a baseline from the previous run: the same incidents pass, a tighter allowance on a slower one fails', async () => {
    const first = await checkCommand([join(INCIDENTS, 'master-sigkill')], {
      expect: join(EXPECT, 'master-sigkill.expect.json'),
      format: 'json',
      tz: 'UTC',
    });
    const base = tmp('baseline.json', first.stdout);
    const again = await check('master-sigkill', join(EXPECT, 'master-sigkill.expect.json'), { baseline: base, maxRegression: '0%' });
    expect(failuresOf(again)).toEqual([]);
    // seed2 (SIGTERM) is slower than master-sigkill; judged under the same case name it regresses.
    const renamed = JSON.parse(first.stdout);
    renamed.cases[0].name = 'seed2-master-stop-promote';
    const base2 = tmp('baseline2.json', renamed);
    const slower = await check('seed2-master-stop-promote', join(EXPECT, 'seed2-master-stop-promote.expect.json'), {
      baseline: base2,
      maxRegression: '5%',
    });
    const ids = slower.cases[0].results.filter((r) => r.status === 'fail').map((r) => r.id);
    expect(ids).toContain('baseline.unavailable');
    expect(slower.exitCode).toBe(1);
  });
});
