// --baseline: compare this run's timings with a previous run's. The baseline is the JSON output of
// `failscope check --format json` (cases matched by name) or, for a single case, the JSON output of
// `failscope analyze --format json`. Timings compared per case: worst `unavailable`, worst detection,
// worst election (over the case's failovers) and the total cluster-wide outage.
import { readFileSync } from 'node:fs';
import type { AnalysisV1 } from '../model/analysis.ts';
import { ConfigError } from '../model/diagnostic.ts';
import { formatDuration } from '../util/time.ts';
import { allowedMax } from './duration.ts';
import type { Allowance } from './duration.ts';
import { measure } from './evaluate.ts';
import type { ExpectationResult, Measured } from './types.ts';

export type Baseline =
  { kind: 'check'; source: string; cases: Map<string, Measured> } | { kind: 'analysis'; source: string; measured: Measured };

/** Read a baseline file. Throws ConfigError when it is neither kind of failscope JSON. */
export function loadBaseline(path: string, displayPath: string = path): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`${displayPath}: cannot read baseline: ${code ?? (err as Error).message}`);
  }
  return parseBaseline(value, displayPath);
}

export function parseBaseline(value: unknown, source: string): Baseline {
  const o = value as Record<string, unknown> | null;
  if (o && typeof o === 'object' && o.kind === 'failscope-check' && Array.isArray(o.cases)) {
    const cases = new Map<string, Measured>();
    for (const c of o.cases as Array<{ name?: unknown; measured?: Measured | null }>)
      if (typeof c.name === 'string' && c.measured && typeof c.measured === 'object') cases.set(c.name, c.measured);
    return { kind: 'check', source, cases };
  }
  if (o && typeof o === 'object' && o.schemaVersion === 1 && Array.isArray(o.failovers) && Array.isArray(o.outages))
    return { kind: 'analysis', source, measured: measure(o as unknown as AnalysisV1) };
  throw new ConfigError(
    `${source}: not a failscope baseline: expected the JSON output of "failscope check --format json" or "failscope analyze --format json"`,
  );
}

/** The baseline timings for one case, or null when the baseline has none for it. */
export function baselineFor(b: Baseline, caseName: string, caseCount: number): Measured | null {
  if (b.kind === 'check') return b.cases.get(caseName) ?? null;
  if (caseCount > 1)
    throw new ConfigError(
      `${b.source}: an analysis JSON is a baseline for one case only, but ${caseCount} cases were found; use the output of "failscope check --format json" as the baseline`,
    );
  return b.measured;
}

const METRICS = [
  { key: 'unavailable', field: 'maxUnavailableMs', label: 'worst unavailable' },
  { key: 'detection', field: 'maxDetectionMs', label: 'worst detection' },
  { key: 'election', field: 'maxElectionMs', label: 'worst election' },
  { key: 'clusterOutage', field: 'clusterOutageMs', label: 'cluster-wide outage' },
] as const;

/** One result per compared timing (`baseline.unavailable`, …). Regressions beyond the allowance fail. */
export function compareBaseline(current: Measured, base: Measured | null, allowance: Allowance, source: string): ExpectationResult[] {
  if (base === null)
    return [
      {
        id: 'baseline',
        status: 'pass',
        expected: `timings within ${allowance.text} of ${source}`,
        actual: 'case not in the baseline',
        evidence: [],
      },
    ];
  return METRICS.map(({ key, field, label }) => {
    const id = `baseline.${key}`;
    const was = base[field];
    const now = current[field];
    const baseOpen = key === 'clusterOutage' && base.clusterOutageOpen;
    const nowOpen = key === 'clusterOutage' && current.clusterOutageOpen;
    if (was === null) {
      return {
        id,
        status: 'pass',
        expected: `${label} within ${allowance.text} of the baseline`,
        actual: `${show(now, nowOpen)} (baseline: ${baseOpen ? 'did not end' : 'not measured'})`,
        evidence: [],
      };
    }
    const limit = allowedMax(was, allowance);
    const expected = `${label} ≤ ${formatDuration(limit)} (baseline ${formatDuration(was)} + ${allowance.text})`;
    if (now === null) {
      if (nowOpen)
        return {
          id,
          status: 'fail',
          expected,
          actual: 'did not end within the evidence',
          detail: `baseline ${formatDuration(was)}, now unbounded`,
          evidence: [],
        };
      return { id, status: 'pass', expected, actual: 'not measured in this run', evidence: [] };
    }
    const delta = now - was;
    const pct = was > 0 ? ` (${delta >= 0 ? '+' : ''}${((delta / was) * 100).toFixed(1)}%)` : '';
    return {
      id,
      status: now <= limit ? 'pass' : 'fail',
      expected,
      actual: `${formatDuration(now)}${pct}`,
      detail: `baseline ${formatDuration(was)} → now ${formatDuration(now)}`,
      evidence: [],
    };
  });
}

function show(ms: number | null, open: boolean): string {
  if (open) return 'did not end within the evidence';
  return ms === null ? 'not measured' : formatDuration(ms);
}
