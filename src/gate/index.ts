// The CI gate (issue #5): expectations over analyses, baselines, and the gate's outputs.
export { ExpectationsError, checkRulePattern, loadExpectations, parseExpectations, ruleMatches, validateExpectations } from './load.ts';
export { evaluate, measure, worstStatus } from './evaluate.ts';
export type { EvaluateOptions } from './evaluate.ts';
export { baselineFor, compareBaseline, loadBaseline, parseBaseline } from './baseline.ts';
export type { Baseline } from './baseline.ts';
export { LIMIT_SYNTAX, allowedMax, formatLimitMs, limitMs, parseAllowance, parseLimit, slackLimitMs } from './duration.ts';
export type { Allowance } from './duration.ts';
export { buildReport, evidenceText, renderJson, renderJunit, renderText } from './report.ts';
export { JITTERY_RULES, expectationsFromAnalysis, renderExpectations } from './init.ts';
export type { ExpectationsDoc, InitOptions } from './init.ts';
export { EXPECT_FILE_RE, discoverCases, isExpectFile } from './cases.ts';
export type { CaseSpec } from './cases.ts';
export type * from './types.ts';
export { runCheck, runInitExpect } from './run.ts';
export type { Analyze, AnalyzeOptions, CheckOptions, GateOutput, InitExpectOptions } from './run.ts';
