import { describe, expect, it } from 'vitest';
import { baselineFor, compareBaseline, parseBaseline } from '../../src/gate/baseline.ts';
import { allowedMax, parseAllowance } from '../../src/gate/duration.ts';
import type { Allowance } from '../../src/gate/duration.ts';
import { evaluate, measure } from '../../src/gate/evaluate.ts';
import { parseExpectations } from '../../src/gate/load.ts';
import { buildReport, renderJson } from '../../src/gate/report.ts';
import { ConfigError } from '../../src/model/diagnostic.ts';
import { failover, killMaster } from './analysis-fixture.ts';

function allowance(text: string): Allowance {
  const a = parseAllowance(text);
  if (typeof a === 'string') throw new Error(a);
  return a;
}

const previous = killMaster();
const gateJson = JSON.parse(
  renderJson(buildReport([evaluate(previous, parseExpectations('{ "verdict": "pass" }', 'e.json'), { name: 'kill-master' })])),
);
const slower = killMaster({
  failovers: [failover({ timingsMs: { detection: 5200, election: 1400, unavailable: 6600 } })],
  clusterOutages: [{ start: '2024-05-01T10:00:05.000Z', end: '2024-05-01T10:00:08.000Z', durationMs: 3000 }],
});

describe('--max-regression', () => {
  it('parses percentages, absolute amounts and both', () => {
    expect(parseAllowance('20%')).toEqual({ percent: 20, ms: null, text: '20%' });
    expect(parseAllowance('500ms')).toEqual({ percent: null, ms: 500, text: '500ms' });
    expect(parseAllowance('0.5s')).toEqual({ percent: null, ms: 500, text: '0.5s' });
    expect(parseAllowance('20%,200ms')).toEqual({ percent: 20, ms: 200, text: '20%,200ms' });
    expect(parseAllowance('fast')).toMatch(/--max-regression must be like "20%", "500ms" or "20%,200ms", got "fast"/);
    expect(parseAllowance('20%,30%')).toMatch(/must be like/);
  });
  it('allows the looser bound when both are given (the absolute part is a noise floor)', () => {
    expect(allowedMax(1000, allowance('20%'))).toBe(1200);
    expect(allowedMax(1000, allowance('500ms'))).toBe(1500);
    expect(allowedMax(1000, allowance('20%,100ms'))).toBe(1200);
    expect(allowedMax(100, allowance('20%,100ms'))).toBe(200);
  });
});

describe('baseline', () => {
  it('reads the gate JSON output, by case name', () => {
    const b = parseBaseline(gateJson, 'last-release.json');
    expect(b.kind).toBe('check');
    expect(baselineFor(b, 'kill-master', 3)).toEqual(measure(previous));
    expect(baselineFor(b, 'new-case', 3)).toBeNull();
  });
  it('reads an analysis JSON for a single case only', () => {
    const b = parseBaseline(JSON.parse(JSON.stringify(previous)), 'analysis.json');
    expect(baselineFor(b, 'anything', 1)).toEqual(measure(previous));
    expect(() => baselineFor(b, 'anything', 2)).toThrow(ConfigError);
  });
  it('rejects other JSON', () => {
    expect(() => parseBaseline({ hello: 1 }, 'x.json')).toThrow(/x\.json: not a failscope baseline/);
  });

  it('passes within the allowance and prints both numbers', () => {
    const r = compareBaseline(measure(slower), measure(previous), allowance('20%'), 'b.json');
    expect(r.map((x) => [x.id, x.status])).toEqual([
      ['baseline.unavailable', 'pass'],
      ['baseline.detection', 'pass'],
      ['baseline.election', 'fail'],
      ['baseline.clusterOutage', 'fail'],
    ]);
    expect(r[0]).toMatchObject({
      expected: 'worst unavailable ≤ 7.440 s (baseline 6.200 s + 20%)',
      actual: '6.600 s (+6.5%)',
      detail: 'baseline 6.200 s → now 6.600 s',
    });
    expect(r[2]).toMatchObject({
      expected: 'worst election ≤ 1.080 s (baseline 900 ms + 20%)',
      actual: '1.400 s (+55.6%)',
      detail: 'baseline 900 ms → now 1.400 s',
    });
    expect(r[3]).toMatchObject({ actual: '3.000 s (+66.7%)', detail: 'baseline 1.800 s → now 3.000 s' });
  });
  it('an absolute allowance', () => {
    const r = compareBaseline(measure(slower), measure(previous), allowance('600ms'), 'b.json');
    expect(r.map((x) => x.status)).toEqual(['pass', 'pass', 'pass', 'fail']);
  });
  it('an outage that no longer ends is a regression; a case new to the baseline passes', () => {
    const open = killMaster({ clusterOutages: [{ start: '2024-05-01T10:00:05.000Z', end: null, durationMs: null }] });
    const r = compareBaseline(measure(open), measure(previous), allowance('20%'), 'b.json');
    expect(r[3]).toMatchObject({ id: 'baseline.clusterOutage', status: 'fail', actual: 'did not end within the evidence' });
    expect(compareBaseline(measure(open), null, allowance('20%'), 'b.json')).toEqual([
      { id: 'baseline', status: 'pass', expected: 'timings within 20% of b.json', actual: 'case not in the baseline', evidence: [] },
    ]);
  });
});
