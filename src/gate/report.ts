// The gate's outputs: a readable summary, its own JSON, and JUnit XML. All deterministic.
import type { Evidence } from '../model/analysis.ts';
import { worstStatus } from './evaluate.ts';
import type { CaseResult, CheckReport, ExpectationResult, ResultStatus } from './types.ts';

/** Sum up cases; exit code 0 all pass, 1 some expectation failed, 2 some case unusable. */
export function buildReport(cases: CaseResult[]): CheckReport {
  const status: ResultStatus = cases.length === 0 ? 'error' : worstStatus(cases.map((c) => c.status));
  return {
    kind: 'failscope-check',
    schemaVersion: 1,
    status,
    exitCode: status === 'pass' ? 0 : status === 'fail' ? 1 : 2,
    summary: {
      cases: cases.length,
      passed: cases.filter((c) => c.status === 'pass').length,
      failed: cases.filter((c) => c.status === 'fail').length,
      errors: cases.filter((c) => c.status === 'error').length,
    },
    cases,
  };
}

export function evidenceText(ev: Evidence[]): string {
  return ev.map((e) => (e.line > 0 ? `${e.source}:${e.line}` : e.source)).join(', ');
}

/** `evidence in dir/: a.log:1, b.log:2` when every source shares the folder, else `evidence: dir/a.log:1, …`. */
function compactEvidence(ev: Evidence[]): string {
  const dirs = new Set(ev.map((e) => e.source.slice(0, e.source.lastIndexOf('/') + 1)));
  const dir = [...dirs][0];
  if (dirs.size !== 1 || dir === '') return `evidence: ${evidenceText(ev)}`;
  return `evidence in ${dir}: ${evidenceText(ev.map((e) => ({ source: e.source.slice(dir.length), line: e.line })))}`;
}

/** One line per passing case; for failing ones, expected vs actual and the evidence of each failed point. */
export function renderText(report: CheckReport): string {
  const lines: string[] = [];
  for (const c of report.cases) {
    const failed = c.results.filter((r) => r.status !== 'pass');
    const from = c.expect ? `  (${c.expect})` : '';
    if (c.error) {
      lines.push(`ERROR ${c.name}${from}`);
      for (const l of c.error.split('\n')) lines.push(`  ${l}`);
      continue;
    }
    const head = c.status === 'pass' ? 'PASS' : c.status === 'fail' ? 'FAIL' : 'ERROR';
    const counts =
      c.status === 'pass'
        ? `${c.results.length} expectation${c.results.length === 1 ? ' holds' : 's hold'}`
        : `${failed.length} of ${c.results.length} expectation${c.results.length === 1 ? '' : 's'} ${c.status === 'fail' ? 'failed' : 'failed or could not be judged'}`;
    lines.push(`${head} ${c.name}: ${counts}${from}`);
    for (const r of failed) {
      lines.push(`  ${r.status === 'error' ? '!' : '✗'} ${r.id}: expected ${r.expected}; actual ${r.actual}`);
      if (r.detail) lines.push(`      ${r.detail}`);
      if (r.evidence.length > 0) lines.push(`      ${compactEvidence(r.evidence)}`);
    }
  }
  const s = report.summary;
  lines.push('');
  lines.push(
    `${s.cases} case${s.cases === 1 ? '' : 's'}: ${s.passed} passed, ${s.failed} failed${s.errors > 0 ? `, ${s.errors} could not be judged` : ''}`,
  );
  return lines.join('\n') + '\n';
}

export function renderJson(report: CheckReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/**
 * JUnit XML in the shape the common CI systems read (Jenkins, GitLab, GitHub test-report actions,
 * Azure, CircleCI). It validates against both widely used schemas: Jenkins xunit's junit-10.xsd and
 * the Windy Road (Ant) JUnit.xsd. The latter is the stricter one and dictates the shape: no
 * attributes on <testsuites>; each suite has package/id/timestamp/hostname/time and the child order
 * properties, testcase*, system-out, system-err; a testcase holds at most one failure or error, with
 * text only, so the evidence (file:line) goes into the failure text and the suite's system-out.
 * JUnit's conventions (issue #17): `timestamp` is when the suite ran (UTC, no zone, as that schema
 * demands) and `time` how long it took in seconds; a testcase's `time` is its share of its suite's
 * (the expectations of a case are judged from one analysis, which is what takes the time). The
 * incident's own start goes into the `incident.start` property. Without `run` (tests, goldens) both
 * are zero and the output is a pure function of the report.
 */
export interface JunitRun {
  /** When the check started (epoch ms). */
  startedAt: number;
  /** Wall time each case took (analysis + judging), in case order, ms. */
  caseMs: readonly number[];
}

const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

export function renderJunit(report: CheckReport, run?: JunitRun): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites>'];
  report.cases.forEach((c, i) => {
    const cls = `failscope.${c.name}`;
    const cases: ExpectationResult[] = c.error
      ? [{ id: 'case', status: 'error', expected: 'usable input and expectations', actual: c.error, evidence: [] }]
      : c.results;
    const failures = cases.filter((r) => r.status === 'fail').length;
    const errors = cases.filter((r) => r.status === 'error').length;
    let began = run?.startedAt ?? 0;
    for (let k = 0; k < i; k++) began += run?.caseMs[k] ?? 0;
    const ts = new Date(began).toISOString().slice(0, 19);
    const caseMs = run?.caseMs[i] ?? 0;
    const suiteTime = run ? seconds(caseMs) : '0';
    const caseTime = run ? seconds(caseMs / Math.max(1, cases.length)) : '0';
    out.push(
      `  <testsuite name="${attr(c.name)}" package="failscope" id="${i}" timestamp="${ts}" hostname="localhost" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="${suiteTime}">`,
    );
    out.push('    <properties>');
    if (c.startedAt) out.push(`      <property name="incident.start" value="${attr(c.startedAt)}"/>`);
    if (c.expect) out.push(`      <property name="expect" value="${attr(c.expect)}"/>`);
    c.inputs.forEach((p, j) => out.push(`      <property name="input.${j + 1}" value="${attr(p)}"/>`));
    out.push('    </properties>');
    for (const r of cases) {
      const open = `    <testcase name="${attr(r.id)}" classname="${attr(cls)}" time="${caseTime}"`;
      if (r.status === 'pass') {
        out.push(`${open}/>`);
        continue;
      }
      const tag = r.status === 'fail' ? 'failure' : 'error';
      const type = r.status === 'fail' ? 'expectation' : 'unusable';
      const message = `expected ${r.expected}; actual ${r.actual}`;
      out.push(`${open}>`);
      out.push(`      <${tag} message="${attr(message)}" type="${type}">${text(failureBody(r))}</${tag}>`);
      out.push('    </testcase>');
    }
    out.push(`    <system-out>${text(suiteOut(c, cases))}</system-out>`);
    out.push('    <system-err></system-err>');
    out.push('  </testsuite>');
  });
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

function failureBody(r: ExpectationResult): string {
  const lines = [`expected: ${r.expected}`, `actual:   ${r.actual}`];
  if (r.detail) lines.push(`detail:   ${r.detail}`);
  for (const e of r.evidence) lines.push(`evidence: ${e.line > 0 ? `${e.source}:${e.line}` : e.source}`);
  return lines.join('\n');
}

function suiteOut(c: CaseResult, results: ExpectationResult[]): string {
  const lines = [`${c.status.toUpperCase()} ${c.name}${c.expect ? ` (${c.expect})` : ''}`];
  for (const r of results) {
    lines.push(
      `${r.status === 'pass' ? 'ok  ' : r.status === 'fail' ? 'FAIL' : 'ERR '} ${r.id}: expected ${r.expected}; actual ${r.actual}`,
    );
    if (r.status !== 'pass' && r.evidence.length > 0)
      lines.push(`     evidence: ${r.evidence.map((e) => `${e.source}:${e.line}`).join(', ')}`);
  }
  return lines.join('\n');
}

// XML 1.0 forbids most C0 controls even as character references.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function text(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
