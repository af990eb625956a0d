// The gate's commands minus the pipeline: `check` and `init-expect` take the analyser as a parameter,
// so src/commands/ wires in the real pipeline and tests can hand in analyses.
import type { StdinStream } from '../ingest/index.ts';
import type { AnalysisV1 } from '../model/analysis.ts';
import { ConfigError, InputError } from '../model/diagnostic.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { baselineFor, compareBaseline, loadBaseline } from './baseline.ts';
import { discoverCases } from './cases.ts';
import { parseAllowance } from './duration.ts';
import { evaluate, worstStatus } from './evaluate.ts';
import { expectationsFromAnalysis, renderExpectations } from './init.ts';
import { loadExpectations } from './load.ts';
import { buildReport, renderJson, renderJunit, renderText } from './report.ts';
import type { CaseResult, CheckReport } from './types.ts';

export interface AnalyzeOptions {
  zone: string;
  year?: number;
  nodeTimeoutMs?: number;
  stdin?: Buffer | StdinStream;
  /** Told the bytes read of the total while the inputs are read (the progress line). */
  onProgress?: (read: number, total: number) => void;
}

/** A fresh progress hook for each analysis (one line per case), or none (not a terminal, --quiet). */
export type ProgressHooks = () => ((read: number, total: number) => void) | undefined;

const withProgress = (opts: AnalyzeOptions, hooks: ProgressHooks | undefined): AnalyzeOptions => {
  const onProgress = hooks?.();
  return onProgress ? { ...opts, onProgress } : opts;
};

/** Inputs → analysis (pipeline + verdict). Throws InputError/ConfigError for unusable input. */
export type Analyze = (paths: string[], opts: AnalyzeOptions) => Promise<AnalysisV1>;

export interface CheckOptions {
  expect?: string;
  junit?: string;
  /** Wall clock for JUnit's timestamp and times (tests pass a fake one). */
  clock?: () => number;
  baseline?: string;
  maxRegression?: string;
  format: 'text' | 'json';
  tz: string;
  year?: number;
  nodeTimeout?: number;
  progress?: ProgressHooks;
}

export interface GateOutput {
  stdout: string;
  exitCode: number;
  stderr?: string;
}

/**
 * `failscope check`. Option mistakes (bad --format, --max-regression, unreadable --baseline, no case
 * found) throw ConfigError; a case whose inputs or expectations are unusable becomes an `error` case
 * (exit 2) while the other cases are still judged and reported.
 */
export async function runCheck(paths: string[], opts: CheckOptions, analyze: Analyze): Promise<GateOutput & { report: CheckReport }> {
  if (opts.format !== 'text' && opts.format !== 'json')
    throw new ConfigError(`--format must be text or json, got '${String(opts.format)}'`);
  // --max-regression is checked even without --baseline (a typo must not wait for the day a baseline is added).
  const allowance = parseAllowance(opts.maxRegression ?? '20%');
  if (typeof allowance === 'string') throw new ConfigError(allowance);
  const specs = discoverCases(paths, opts.expect);
  const baseline = opts.baseline !== undefined ? loadBaseline(opts.baseline) : null;
  if (baseline) baselineFor(baseline, specs[0].name, specs.length); // an analysis baseline fits one case only

  const cases: CaseResult[] = [];
  const clock = opts.clock ?? Date.now;
  const startedAt = clock();
  const caseMs: number[] = [];
  for (const spec of specs) {
    const caseStart = clock();
    let result: CaseResult;
    try {
      const expect = loadExpectations(spec.expect);
      const base: AnalyzeOptions = { zone: opts.tz, year: opts.year, nodeTimeoutMs: opts.nodeTimeout };
      let analysis = await analyze(spec.inputs, withProgress(base, opts.progress));
      // The file's nodeTimeout is a fallback: used only when neither the option nor the inputs give one.
      if (analysis.nodeTimeout?.ms == null && opts.nodeTimeout === undefined && expect.nodeTimeoutMs !== undefined)
        analysis = await analyze(spec.inputs, withProgress({ ...base, nodeTimeoutMs: expect.nodeTimeoutMs }, opts.progress));
      result = evaluate(analysis, expect, { name: spec.name, inputs: spec.inputs });
      if (baseline && result.measured) {
        result.results.push(
          ...compareBaseline(result.measured, baselineFor(baseline, spec.name, specs.length), allowance, baseline.source),
        );
        result.status = worstStatus(result.results.map((r) => r.status));
      }
    } catch (err) {
      if (!(err instanceof InputError || err instanceof ConfigError)) throw err;
      result = {
        name: spec.name,
        inputs: spec.inputs,
        expect: spec.expect,
        status: 'error',
        error: err.message,
        results: [],
        measured: null,
        startedAt: null,
      };
    }
    cases.push(result);
    caseMs.push(clock() - caseStart);
  }

  const report = buildReport(cases);
  if (opts.junit !== undefined) {
    writeFileAtomic(opts.junit, renderJunit(report, { startedAt, caseMs }), { makeDirs: true });
  }
  return { stdout: opts.format === 'json' ? renderJson(report) : renderText(report), exitCode: report.exitCode, report };
}

export interface InitExpectOptions {
  /** Write here instead of printing; `.yaml`/`.yml` selects YAML. */
  output?: string;
  /** Output format when printing (default json). */
  format?: 'json' | 'yaml';
  tz: string;
  year?: number;
  nodeTimeout?: number;
  stdin?: Buffer | StdinStream;
  progress?: ProgressHooks;
}

/** `failscope init-expect`: expectations that the analysed incident passes, printed or written. */
export async function runInitExpect(paths: string[], opts: InitExpectOptions, analyze: Analyze): Promise<GateOutput> {
  const format = opts.output !== undefined ? (/\.ya?ml$/i.test(opts.output) ? 'yaml' : 'json') : (opts.format ?? 'json');
  if (format !== 'json' && format !== 'yaml') throw new ConfigError(`--format must be json or yaml, got '${String(format)}'`);
  const analysis = await analyze(
    paths,
    withProgress({ zone: opts.tz, year: opts.year, nodeTimeoutMs: opts.nodeTimeout, stdin: opts.stdin }, opts.progress),
  );
  const text = renderExpectations(expectationsFromAnalysis(analysis, { inputs: paths }), format);
  const notes: string[] = [];
  if (analysis.verdict === 'fail')
    notes.push('failscope: warning: the analysis has error findings; the expectations record verdict "fail" — bless only a good run');
  if (analysis.failovers.length === 0) notes.push('failscope: warning: no failover found; the expectations require none');
  const untold = analysis.failovers.filter((f) => f.kind === 'unknown').length;
  if (untold > 0)
    notes.push(
      `failscope: note: ${untold} failover${untold === 1 ? '' : 's'} whose kind the evidence does not tell ${untold === 1 ? 'is' : 'are'} in failovers.count but not in failovers.kinds`,
    );
  if (opts.output === undefined) return { stdout: text, exitCode: 0, ...(notes.length ? { stderr: notes.join('\n') + '\n' } : {}) };
  writeFileAtomic(opts.output, text, { makeDirs: true });
  notes.push(`failscope: wrote ${opts.output}; check it with: failscope check ${paths.join(' ')} --expect ${opts.output}`);
  return { stdout: '', exitCode: 0, stderr: notes.join('\n') + '\n' };
}
