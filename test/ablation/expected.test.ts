// The ablation test's own parts: the committed expectations are what the script derives today (so they
// cannot drift from truth.json and the recordings), the subset generator does what it says, and the
// comparison fails on each kind of wrong answer (so a green ablation run means something).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveIncident, expectedJson, expectedPath, type ExpectedIncident, type ExpectedSubset } from '../../scripts/derive-ablation.ts';
import type { AnalysisV1, Failover, Finding, Outage } from '../../src/model/analysis.ts';
import { compareSubset } from './compare.ts';
import { IDENTITY_LINE, listIncidents, materialiseSubset, stampOf, subsetFiles } from './subsets.ts';

const incidents = listIncidents('.');

describe('ablation expectations', () => {
  it('every recorded incident is covered (fixtures/incidents/*/, fixtures/versions/*/*/)', () => {
    const direct = readdirSync('fixtures/incidents', { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.endsWith('.tmp'));
    expect(incidents.filter((i) => i.startsWith('fixtures/incidents/'))).toHaveLength(direct.length);
    expect(incidents.length).toBeGreaterThanOrEqual(11);
  });

  for (const inc of incidents)
    it(`${inc}: ablation.expected.json is what scripts/derive-ablation.ts derives (npm run ablation:expect)`, () => {
      expect(existsSync(expectedPath(inc)), `${expectedPath(inc)} is missing: run npm run ablation:expect`).toBe(true);
      expect(readFileSync(expectedPath(inc), 'utf8'), 'stale: run npm run ablation:expect').toBe(expectedJson(inc));
    });
});

describe('subset generator', () => {
  const inc = 'fixtures/incidents/master-sigkill';
  const exp = deriveIncident(inc);
  const sub = (name: string) => exp.subsets.find((s) => s.name === name) as ExpectedSubset;

  it('has (a)–(e): all logs (with and without identity lines), snapshots, each log, each log cut without identity, survivors', () => {
    expect(exp.subsets.map((s) => s.name)).toEqual([
      'all-logs',
      'all-logs-no-identity',
      'snapshots',
      ...[7000, 7001, 7002, 7003, 7004, 7005].map((p) => `log-${p}`),
      ...[7000, 7001, 7002, 7003, 7004, 7005].map((p) => `log-${p}-cut`),
      'survivors',
    ]);
    expect(sub('all-logs').files.every((f) => f.endsWith('.log'))).toBe(true);
    expect(sub('snapshots').files.every((f) => f.startsWith('snapshots-'))).toBe(true);
    // 7001 was SIGKILLed: not a survivor.
    expect(sub('survivors').files).toEqual(['node-7000.log', 'node-7002.log', 'node-7003.log', 'node-7004.log', 'node-7005.log']);
  });

  it('a cut log has no identity line and nothing outside ±30 s of the fault; the rest is untouched', () => {
    const s = sub('log-7001-cut');
    const [f] = subsetFiles(inc, s, exp.year);
    const whole = readFileSync(join(inc, 'node-7001.log'), 'utf8').split('\n');
    const kept = f.text.split('\n').filter((l) => l !== '');
    expect(kept.some((l) => IDENTITY_LINE.test(l))).toBe(false);
    expect(whole.filter((l) => IDENTITY_LINE.test(l))).toHaveLength(2);
    const [from, to] = (s.window as [string, string]).map(Date.parse);
    for (const l of kept) {
      const t = stampOf(l, exp.year);
      if (t !== null) expect(t >= from && t <= to).toBe(true);
    }
    expect(kept).toEqual(
      whole
        .filter((l) => l !== '' && !IDENTITY_LINE.test(l))
        .filter((l) => {
          const t = stampOf(l, exp.year);
          return t === null || (t >= from && t <= to);
        }),
    );
  });

  it('cuts by time: stamp-less lines go with the line before them', () => {
    const lines = [
      '1:M 25 Nov 2026 13:00:00.000 * before',
      'continued',
      '1:M 25 Nov 2026 13:00:40.000 * inside',
      'body of it',
      '1:M 25 Nov 2026 13:01:30.000 * after',
    ];
    const dir = mkdtempSync(join(tmpdir(), 'failscope-ablation-unit-'));
    try {
      const spec = {
        name: 'x',
        kind: 'log-cut' as const,
        files: ['node-1.log'],
        stripIdentity: true,
        window: ['2026-11-25T13:00:30.000Z', '2026-11-25T13:01:10.000Z'] as [string, string],
      };
      writeFileSync(join(dir, 'node-1.log'), `${lines.join('\n')}\n`);
      expect(subsetFiles(dir, spec, 2026)[0].text).toBe('1:M 25 Nov 2026 13:00:40.000 * inside\nbody of it\n');
      // Year-less (3.x/4.x) stamps take the given year.
      expect(stampOf('1:M 25 Nov 13:00:40.000 * x', 2026)).toBe(Date.parse('2026-11-25T13:00:40.000Z'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is deterministic: the same subset twice gives the same bytes', () => {
    const root = mkdtempSync(join(tmpdir(), 'failscope-ablation-unit-'));
    try {
      const a = materialiseSubset(inc, sub('log-7004-cut'), exp.year, root);
      const b = materialiseSubset(inc, sub('log-7004-cut'), exp.year, root);
      expect(readFileSync(join(a, 'node-7004.log'), 'utf8')).toBe(readFileSync(join(b, 'node-7004.log'), 'utf8'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

// A made-up analysis that says exactly what the expectation says: the comparison must accept it, and
// reject each wrong answer put into it.
function perfectAnalysis(exp: ExpectedIncident, sub: ExpectedSubset): AnalysisV1 {
  const failovers = sub.failovers.map((e): Failover => {
    const range = sub.rangeOutages.find((r) => r.of === 'failover' && r.truth.master === e.truth.old);
    return {
      cluster: 'cluster-1',
      kind: (e.kind === 'unknown' ? e.truth.kind : e.kind) as Failover['kind'],
      oldMaster: e.old === 'unknown' ? null : e.old,
      newMaster: e.new === 'unknown' ? '' : e.new,
      epoch: null,
      slots: e.slots === 'unknown' ? '' : e.slots,
      startedAt: exp.fault.at,
      startedAtBounds: [exp.fault.at, exp.fault.at],
      startedAtFrom: 'test',
      failMarkedAt: null,
      electionStartedAt: null,
      promotedAt: exp.fault.at,
      timingsMs: { detection: null, election: null, unavailable: range?.durationMs ?? 0 },
      evidence: [],
    };
  });
  const finding = (rule: string, severity: Finding['severity'], node: string): Finding => ({
    rule,
    severity,
    message: rule,
    at: null,
    nodes: node === 'unknown' ? [] : [node],
    evidence: [],
  });
  const findings = sub.blocked.map((b) => finding(b.rule, 'error', b.master));
  const outages: Outage[] = [
    ...sub.clusterOutages.map((c): Outage => ({
      cluster: 'cluster-1',
      scope: 'cluster',
      nodes: [],
      start: c.start,
      end: c.end,
      durationMs: c.end === null ? null : Date.parse(c.end) - Date.parse(c.start),
      cause: 'test',
    })),
    ...sub.rangeOutages
      .filter((r) => r.of !== 'failover')
      .map((r): Outage => ({
        cluster: 'cluster-1',
        scope: 'slots',
        slots: r.slots === 'unknown' ? '' : r.slots,
        nodes: r.master === 'unknown' ? [] : [r.master],
        start: r.start,
        end: r.end,
        durationMs: r.durationMs,
        cause: 'test',
      })),
  ];
  return {
    schemaVersion: 1,
    clusters: [],
    nodes: [],
    failovers,
    outages,
    findings,
    inputs: [],
    verdict: 'pass',
    nodeTimeout: { ms: exp.nodeTimeoutMs, from: 'option' },
    clockOffsets: [],
  };
}

describe('the comparison', () => {
  const load = (name: string) => JSON.parse(readFileSync(expectedPath(`fixtures/incidents/${name}`), 'utf8')) as ExpectedIncident;
  const sigkill = load('master-sigkill');
  const all = sigkill.subsets.find((s) => s.name === 'all-logs') as ExpectedSubset;
  const cut = sigkill.subsets.find((s) => s.name === 'log-7004-cut') as ExpectedSubset;

  it('accepts an analysis that says what the evidence tells, "unknown" included', () => {
    for (const inc of incidents.map((i) => JSON.parse(readFileSync(expectedPath(i), 'utf8')) as ExpectedIncident))
      for (const s of inc.subsets) expect(compareSubset(perfectAnalysis(inc, s), inc, s), `${inc.incident} ${s.name}`).toEqual([]);
  });

  it('accepts the true value where the expectation says unknown, and rejects a wrong id there', () => {
    expect(cut.failovers[0].new).toBe('unknown');
    const a = perfectAnalysis(sigkill, cut);
    a.failovers[0].newMaster = cut.failovers[0].truth.new;
    expect(compareSubset(a, sigkill, cut)).toEqual([]);
    a.failovers[0].newMaster = sigkill.nodes[0].id;
    expect(compareSubset(a, sigkill, cut).join('\n')).toMatch(/wrong new master 53a9e623 \(truth 1963c6f1\)/);
  });

  it('rejects a missing failover, a missing value, a wrong kind, a failover twice', () => {
    const a = perfectAnalysis(sigkill, all);
    expect(compareSubset({ ...a, failovers: [] }, sigkill, all).join('\n')).toMatch(
      /failover aeb48d83 → 1963c6f1 \(automatic\) not reported/,
    );
    expect(compareSubset({ ...a, failovers: [{ ...a.failovers[0], oldMaster: null }] }, sigkill, all).join('\n')).toMatch(
      /old master is aeb48d83 \(the evidence names it\), the analysis says null/,
    );
    expect(compareSubset({ ...a, failovers: [{ ...a.failovers[0], kind: 'manual' }] }, sigkill, all).join('\n')).toMatch(
      /wrong kind manual \(truth automatic\)/,
    );
    expect(compareSubset({ ...a, failovers: [a.failovers[0], a.failovers[0]] }, sigkill, all).join('\n')).toMatch(/reported twice/);
  });

  it('rejects unavailability off by more than 400 ms where a line marks the fault', () => {
    const a = perfectAnalysis(sigkill, all);
    a.failovers[0].timingsMs.unavailable += 401;
    expect(compareSubset(a, sigkill, all).join('\n')).toMatch(/the failover says \d+ ms \(400 ms allowed/);
  });

  it('rejects a cluster-wide outage 301 ms off, missing, or where the probe saw none', () => {
    const a = perfectAnalysis(sigkill, all);
    const o = a.outages[0];
    expect(
      compareSubset({ ...a, outages: [{ ...o, start: new Date(Date.parse(o.start) + 301).toISOString() }] }, sigkill, all).join('\n'),
    ).toMatch(/start off by 301 ms/);
    expect(compareSubset({ ...a, outages: [] }, sigkill, all).join('\n')).toMatch(/cluster-wide outage .* not reported/);
    const manual = load('manual-failover');
    const m = manual.subsets[0];
    expect(compareSubset({ ...perfectAnalysis(manual, m), outages: [o] }, manual, m).join('\n')).toMatch(
      /did not happen \(probe: no CLUSTERDOWN\)/,
    );
  });

  it('rejects a slot outage the probe would have seen, not one shorter than its timeout plus interval', () => {
    const manual = load('manual-failover');
    const m = manual.subsets.find((s) => s.name === 'all-logs') as ExpectedSubset;
    expect(manual.probe.runs).toEqual([]);
    const start = Date.parse(manual.fault.at);
    const outage = (ms: number): Outage => ({
      cluster: 'cluster-1',
      scope: 'slots',
      slots: '',
      nodes: [],
      start: new Date(start).toISOString(),
      end: new Date(start + ms).toISOString(),
      durationMs: ms,
      cause: 'test',
    });
    const limit = manual.probe.timeoutMs + manual.probe.intervalMs;
    const p = perfectAnalysis(manual, m);
    expect(compareSubset({ ...p, outages: [...p.outages, outage(limit - 1)] }, manual, m)).toEqual([]);
    expect(compareSubset({ ...p, outages: [...p.outages, outage(limit)] }, manual, m).join('\n')).toMatch(
      /slot outage .* did not happen \(the probe saw no failure on those slots then\)/,
    );
  });

  it('rejects a block reason truth does not support, an unsupported error, a crash of the wrong node', () => {
    const a = perfectAnalysis(sigkill, all);
    const f = (rule: string, severity: Finding['severity'], node: string): Finding => ({
      rule,
      severity,
      message: '',
      at: null,
      nodes: [node],
      evidence: [],
    });
    const old = sigkill.nodes[1].id;
    expect(compareSubset({ ...a, findings: [f('failover.blocked.no-quorum', 'error', old)] }, sigkill, all).join('\n')).toMatch(
      /failover.blocked.no-quorum about aeb48d83 is not what happened/,
    );
    expect(compareSubset({ ...a, findings: [f('split-brain', 'error', old)] }, sigkill, all).join('\n')).toMatch(
      /error split-brain .* not supported/,
    );
    expect(compareSubset({ ...a, findings: [f('node.crashed', 'warning', sigkill.nodes[0].id)] }, sigkill, all).join('\n')).toMatch(
      /node.crashed about 53a9e623: truth has aeb48d83/,
    );
    // failover.blocked.unknown: right where one log cannot tell why, not where the whole picture can.
    const seed1 = load('seed1-no-replica-segfault');
    for (const [name, wrong] of [
      ['log-7000', false],
      ['all-logs', true],
    ] as const) {
      const s = seed1.subsets.find((x) => x.name === name) as ExpectedSubset;
      const p = perfectAnalysis(seed1, s);
      const got = compareSubset({ ...p, findings: p.findings.map((x) => ({ ...x, rule: 'failover.blocked.unknown' })) }, seed1, s);
      expect(got.join('\n'), name).toMatch(wrong ? /the evidence tells the reason .* the analysis says failover.blocked.unknown/ : /^$/);
    }
    const two = load('two-masters-killed');
    const t = two.subsets[0];
    const ok = perfectAnalysis(two, t);
    expect(
      compareSubset({ ...ok, findings: ok.findings.map((x) => ({ ...x, rule: 'failover.blocked.shard-lost' })) }, two, t).join('\n'),
    ).toMatch(/failover.blocked.no-quorum for 688aed02 not reported/);
  });
});

describe('a new recording just works', () => {
  // fixtures/versions/<server>/<name>/ (issue #13) holds recordings of other servers: Redis 3.x/4.x stamps
  // without a year, Valkey's primary/replica wording. The same incident in those clothes must give the
  // same expectations.
  const shape = (e: ExpectedIncident) =>
    e.subsets.map((s) => ({
      name: s.name,
      files: s.files,
      failovers: s.failovers.map(({ tell, old, new: nw, kind, slots }) => ({ tell, old, nw, kind, slots })),
      blocked: s.blocked.map(({ tell, rule, master }) => ({ tell, rule, master })),
      cluster: s.clusterOutages.map(({ tell, timing }) => ({ tell, timing })),
      ranges: s.rangeOutages.map(({ tell, timing, of, master, slots }) => ({ tell, timing, of, master, slots })),
    }));

  it('year-less stamps and Valkey wording under fixtures/versions/ give the same answers', () => {
    const root = mkdtempSync(join(tmpdir(), 'failscope-ablation-versions-'));
    try {
      for (const name of ['master-sigkill', 'two-masters-killed']) {
        const from = `fixtures/incidents/${name}`;
        const to = join(root, 'fixtures/versions/valkey-x', name);
        mkdirSync(to, { recursive: true });
        for (const f of readdirSync(from)) {
          let text = readFileSync(join(from, f), 'utf8');
          if (f.endsWith('.log'))
            text = text
              .replace(/^(\d+:[A-Z] \d+ [A-Z][a-z]{2}) \d{4} /gm, '$1 ')
              .replace(/new master/g, 'new primary')
              .replace(/Connection with master lost/g, 'Connection with primary lost')
              .replace(/to MASTER /g, 'to PRIMARY ')
              .replace(/(Marking node|about|granted to|replica of) ([0-9a-f]{40})/g, '$1 $2 ()');
          writeFileSync(join(to, f), text);
        }
        expect(listIncidents(root)).toContain(`fixtures/versions/valkey-x/${name}`);
        expect(shape(deriveIncident(`fixtures/versions/valkey-x/${name}`, root))).toEqual(shape(deriveIncident(from)));
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
