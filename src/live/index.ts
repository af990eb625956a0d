// Live clusters: capture snapshots, probe writes, cause faults (`failscope capture`, `failscope drill`).
// Loading this module loads ioredis; only the commands that talk to a live cluster import it.
export { CAPTURE_MANIFEST, runCapture, type CaptureResult, type CaptureRunOptions } from './capture.ts';
export { parseClusterNodesText, parseInfoText, type LiveNode } from './cluster-view.ts';
export { compareWithProbe, renderComparisonText, withinWindow, type Comparison, type DrillExpectation } from './compare.ts';
export { checkSeed, connectionFromCli, parseHostPort, type ConnectionCliOptions, type SeedView } from './connection.ts';
export { DrillError, FAULT_KINDS, describePlan, planDrill, runDrill, type DrillPlan, type DrillRun, type FaultKind } from './drill.ts';
export { formatMs, parseDuration } from './duration.ts';
export type { PollerEvent } from './poller.ts';
export { createCheckClient, type ConnectionOptions } from './redis-client.ts';
export type { DrillTruth, ProbeTruth } from './truth.ts';
