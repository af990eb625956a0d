import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCheck, runInitExpect } from '../../src/gate/run.ts';
import type { Analyze, AnalyzeOptions } from '../../src/gate/run.ts';
import { discoverCases } from '../../src/gate/cases.ts';
import type { AnalysisV1 } from '../../src/model/analysis.ts';
import { ConfigError, InputError } from '../../src/model/diagnostic.ts';
import { failover, killMaster } from './analysis-fixture.ts';

let root: string;
const calls: Array<{ paths: string[]; opts: AnalyzeOptions }> = [];

/** A fake pipeline: the analysis depends on the case folder's name. */
const analyses: Record<string, () => AnalysisV1> = {
  'kill-master': () => killMaster(),
  'slow-election': () => killMaster({ failovers: [failover({ timingsMs: { detection: 5100, election: 2600, unavailable: 7900 } })] }),
};
const analyze: Analyze = async (paths, opts) => {
  calls.push({ paths, opts });
  const name = paths[0].split('/').filter(Boolean).pop()!;
  if (name === 'garbage') throw new InputError(`${paths[0]}/x.bin`, 0, 'not a log or snapshot: binary data');
  const make = analyses[name] ?? analyses['kill-master'];
  return make();
};

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

const GOOD = JSON.stringify({
  verdict: 'pass',
  failovers: { count: 1, maxElection: '2s' },
  mustEndAsMaster: [{ node: '127.0.0.1:7003', slots: '0-5460' }],
});

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'failscope-check-'));
  calls.length = 0;
  write(join(root, 'incidents/kill-master/expect.json'), GOOD);
  write(join(root, 'incidents/kill-master/node-7000.log'), 'log\n');
  write(join(root, 'incidents/slow-election/slow-election.expect.json'), GOOD);
  write(join(root, 'incidents/slow-election/node-7000.log'), 'log\n');
  write(join(root, 'incidents/not-a-case/node-7000.log'), 'log\n');
});

describe('discoverCases', () => {
  it('each sub-folder with an expect file is a case, sorted; the folder is the input', () => {
    expect(discoverCases([join(root, 'incidents')])).toEqual([
      { name: 'kill-master', inputs: [join(root, 'incidents/kill-master')], expect: join(root, 'incidents/kill-master/expect.json') },
      {
        name: 'slow-election',
        inputs: [join(root, 'incidents/slow-election')],
        expect: join(root, 'incidents/slow-election/slow-election.expect.json'),
      },
    ]);
  });
  it('a folder holding an expect file is itself a case', () => {
    expect(discoverCases([join(root, 'incidents/kill-master')]).map((c) => c.name)).toEqual(['kill-master']);
  });
  it('--expect makes all paths one case', () => {
    const e = join(root, 'kill.expect.json');
    expect(discoverCases([join(root, 'incidents/kill-master/'), join(root, 'incidents/not-a-case')], e)).toEqual([
      { name: 'kill-master', inputs: [join(root, 'incidents/kill-master/'), join(root, 'incidents/not-a-case')], expect: e },
    ]);
  });
  it('says what it looked for when there is no case', () => {
    expect(() => discoverCases([join(root, 'incidents/not-a-case')])).toThrow(
      /no case found in .*: a case is a folder holding expect\.json or <name>\.expect\.json/,
    );
    expect(() => discoverCases([join(root, 'nope')])).toThrow(ConfigError);
  });
  it('two expect files in one folder are an error', () => {
    write(join(root, 'incidents/kill-master/other.expect.yaml'), 'verdict: pass\n');
    expect(() => discoverCases([join(root, 'incidents')])).toThrow(/more than one expectations file \(expect\.json, other\.expect\.yaml\)/);
  });
});

describe('runCheck', () => {
  it('exit 0 when every case passes; text summary', async () => {
    const r = await runCheck([join(root, 'incidents/kill-master')], { format: 'text', tz: 'UTC' }, analyze);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^PASS kill-master: 4 expectations hold/);
    expect(r.stdout).toMatch(/1 case: 1 passed, 0 failed\n$/);
  });

  it('exit 1 when an expectation fails, with expected vs actual; JUnit written', async () => {
    const junit = join(root, 'out/deep/failscope.xml');
    // a fake clock that moves 1.2 s per reading: the run starts at 08:00:00, each case takes 1.2 s
    let now = Date.parse('2026-12-02T08:00:00.000Z') - 1200;
    const clock = () => (now += 1200);
    const r = await runCheck([join(root, 'incidents')], { format: 'text', tz: 'Europe/Berlin', year: 2024, junit, clock }, analyze);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('FAIL slow-election: 1 of 4 expectations failed');
    expect(r.stdout).toContain('  ✗ failovers.maxElection: expected election ≤ 2.000 s for every failover; actual worst 2.600 s');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuite name="slow-election"');
    expect(xml).toContain('evidence: logs/node-7003.log:88');
    expect(xml.match(/<testsuite [^>]*>/g)!.map((t) => [/timestamp="([^"]*)"/.exec(t)![1], /time="([^"]*)"/.exec(t)![1]])).toEqual([
      ['2026-12-02T08:00:00', '1.200'],
      ['2026-12-02T08:00:01', '1.200'],
    ]);
    expect(readdirSync(join(root, 'out/deep'))).toEqual(['failscope.xml']); // no temp file left behind
    expect(calls.map((c) => c.opts)).toEqual([
      { zone: 'Europe/Berlin', year: 2024, nodeTimeoutMs: undefined },
      { zone: 'Europe/Berlin', year: 2024, nodeTimeoutMs: undefined },
    ]);
  });

  it('exit 2 for a case with a typo in its expectations; other cases are still judged', async () => {
    write(join(root, 'incidents/kill-master/expect.json'), '{\n  "verdict": "pass",\n  "failover": { "count": 1 }\n}\n');
    const r = await runCheck([join(root, 'incidents')], { format: 'json', tz: 'UTC' }, analyze);
    expect(r.exitCode).toBe(2);
    const o = JSON.parse(r.stdout);
    expect(o.summary).toEqual({ cases: 2, passed: 0, failed: 1, errors: 1 });
    expect(o.cases[0].status).toBe('error');
    expect(o.cases[0].error).toBe(
      `${join(root, 'incidents/kill-master/expect.json')}:3:3: unknown key "failover" at the top level (did you mean "failovers"?); allowed: $schema, nodeTimeout, clusters, cluster, description, verdict, worstSeverity, failovers, mustEndAsMaster, mustNotEndAsMaster, maxClusterOutage, rules`,
    );
  });

  it('exit 2 for unusable input', async () => {
    write(join(root, 'incidents/garbage/expect.json'), GOOD);
    const r = await runCheck([join(root, 'incidents/garbage')], { format: 'text', tz: 'UTC' }, analyze);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toContain('ERROR garbage');
    expect(r.stdout).toContain('x.bin: not a log or snapshot: binary data');
  });

  it('the expect file gives the node timeout only when neither --node-timeout nor the inputs do', async () => {
    write(join(root, 'incidents/kill-master/expect.json'), '{ "nodeTimeout": "15s", "failovers": { "maxUnavailable": "node-timeout" } }');
    const kill = join(root, 'incidents/kill-master');
    analyses['kill-master'] = () => killMaster({ nodeTimeoutMs: null });
    try {
      const r = await runCheck([kill], { format: 'text', tz: 'UTC' }, analyze);
      expect(calls.map((c) => c.opts.nodeTimeoutMs)).toEqual([undefined, 15000]);
      expect(r.exitCode).toBe(0); // the fake ignores the option; evaluate falls back to the file's 15 s
      calls.length = 0;
      await runCheck([kill], { format: 'text', tz: 'UTC', nodeTimeout: 2000 }, analyze);
      expect(calls.map((c) => c.opts.nodeTimeoutMs)).toEqual([2000]);
    } finally {
      analyses['kill-master'] = () => killMaster();
    }
    calls.length = 0;
    const known = await runCheck([kill], { format: 'text', tz: 'UTC' }, analyze);
    expect(calls.map((c) => c.opts.nodeTimeoutMs)).toEqual([undefined]);
    expect(known.exitCode).toBe(1); // 6.2 s > the inputs' 5 s node timeout; the file's 15 s is not used
  });

  it('--baseline: the previous JSON output; regressions beyond the allowance fail with both numbers', async () => {
    const kill = join(root, 'incidents/kill-master');
    const previous = await runCheck([kill], { format: 'json', tz: 'UTC' }, analyze);
    const base = join(root, 'last-release.json');
    writeFileSync(base, previous.stdout);
    // A later run of the same case is slower.
    analyses['kill-master'] = analyses['slow-election'];
    try {
      const r = await runCheck([kill], { format: 'text', tz: 'UTC', baseline: base, maxRegression: '20%,100ms' }, analyze);
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toContain(
        '  ✗ baseline.unavailable: expected worst unavailable ≤ 7.440 s (baseline 6.200 s + 20%,100ms); actual 7.900 s (+27.4%)',
      );
      expect(r.stdout).toContain('      baseline 6.200 s → now 7.900 s');
      expect(r.stdout).toContain(
        '  ✗ baseline.election: expected worst election ≤ 1.080 s (baseline 900 ms + 20%,100ms); actual 2.600 s (+188.9%)',
      );
      expect(r.report.cases[0].results.find((x) => x.id === 'baseline.detection')?.status).toBe('pass');
      const loose = await runCheck([kill], { format: 'text', tz: 'UTC', baseline: base, maxRegression: '2s' }, analyze);
      expect(loose.report.cases[0].results.filter((x) => x.id.startsWith('baseline.')).map((x) => x.status)).toEqual([
        'pass',
        'pass',
        'pass',
        'pass',
      ]);
      // An analysis JSON works as the baseline of a single case.
      writeFileSync(join(root, 'analysis.json'), JSON.stringify(killMaster()));
      const fromAnalysis = await runCheck([kill], { format: 'text', tz: 'UTC', baseline: join(root, 'analysis.json') }, analyze);
      expect(fromAnalysis.stdout).toContain('✗ baseline.unavailable');
    } finally {
      analyses['kill-master'] = () => killMaster();
    }
  });

  it('option mistakes throw ConfigError (exit 2 in the CLI)', async () => {
    await expect(runCheck([join(root, 'incidents')], { format: 'xml' as 'text', tz: 'UTC' }, analyze)).rejects.toThrow(
      /--format must be text or json/,
    );
    await expect(runCheck([join(root, 'incidents')], { format: 'text', tz: 'UTC', maxRegression: '20 percent' }, analyze)).rejects.toThrow(
      /--max-regression must be like/,
    );
    // The CLI passes its default 20% with or without --baseline.
    expect((await runCheck([join(root, 'incidents')], { format: 'text', tz: 'UTC', maxRegression: '20%' }, analyze)).exitCode).toBe(1);
    writeFileSync(join(root, 'b.json'), '{}');
    await expect(
      runCheck([join(root, 'incidents')], { format: 'text', tz: 'UTC', baseline: join(root, 'b.json'), maxRegression: 'lots' }, analyze),
    ).rejects.toThrow(/--max-regression must be like/);
    await expect(
      runCheck([join(root, 'incidents')], { format: 'text', tz: 'UTC', baseline: join(root, 'b.json') }, analyze),
    ).rejects.toThrow(/not a failscope baseline/);
    writeFileSync(join(root, 'a.json'), JSON.stringify(killMaster()));
    await expect(
      runCheck([join(root, 'incidents')], { format: 'text', tz: 'UTC', baseline: join(root, 'a.json') }, analyze),
    ).rejects.toThrow(/an analysis JSON is a baseline for one case only, but 2 cases were found/);
  });
});

describe('runInitExpect', () => {
  it('prints JSON expectations that the incident then passes', async () => {
    const r = await runInitExpect([join(root, 'incidents/kill-master')], { tz: 'UTC' }, analyze);
    expect(r.exitCode).toBe(0);
    const out = join(root, 'incidents/kill-master/expect.json');
    writeFileSync(out, r.stdout);
    const c = await runCheck([join(root, 'incidents/kill-master')], { format: 'text', tz: 'UTC' }, analyze);
    expect(c.exitCode).toBe(0);
    expect(c.report.cases[0].results.length).toBeGreaterThan(15);
  });
  it('-o writes YAML by extension, atomically, and says how to check it', async () => {
    const out = join(root, 'expect/kill-master.expect.yaml');
    const r = await runInitExpect([join(root, 'incidents/kill-master')], { tz: 'UTC', output: out, nodeTimeout: 5000 }, analyze);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      `failscope: wrote ${out}; check it with: failscope check ${join(root, 'incidents/kill-master')} --expect ${out}`,
    );
    expect(readFileSync(out, 'utf8')).toMatch(/^description: Generated by failscope init-expect/);
    const c = await runCheck([join(root, 'incidents/kill-master')], { format: 'text', tz: 'UTC', expect: out }, analyze);
    expect(c.exitCode).toBe(0);
  });
});
