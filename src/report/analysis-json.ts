import type { AnalysisV1 } from '../model/analysis.ts';

/**
 * Keys in the order a reader expects them (the schema's own order, issue #4); keys not listed follow
 * in alphabetical order. The order depends only on the key names, never on how an object was built,
 * so the same analysis always gives the same bytes.
 */
const ORDER = [
  'schemaVersion',
  'verdict',
  'id',
  'cluster',
  'kind',
  'scope',
  'rule',
  'severity',
  'message',
  'source',
  'line',
  'node',
  'voter',
  'voterAddress',
  'voterSource',
  'granted',
  'reason',
  'oldMaster',
  'oldMasterAddress',
  'oldMasterSource',
  'newMaster',
  'newMasterAddress',
  'newMasterSource',
  'epoch',
  'slots',
  'owner',
  'role',
  'masterId',
  'state',
  'startedAt',
  'startedAtBounds',
  'startedAtFrom',
  'failMarkedAt',
  'electionStartedAt',
  'promotedAt',
  'promotedAtBounds',
  'timingsMs',
  'detection',
  'delay',
  'election',
  'unavailable',
  'unavailableMax',
  'start',
  'startBounds',
  'end',
  'endBounds',
  'durationMs',
  'minDurationMs',
  'maxDurationMs',
  'cause',
  'at',
  'nodes',
  'addresses',
  'sources',
  'story',
  'span',
  'failovers',
  'outages',
  'findings',
  'votes',
  'votesNeeded',
  'rank',
  'offset',
  'bestReplica',
  'writesAtRisk',
  'rejoined',
  'evidence',
  'roles',
  'ownership',
  'states',
  'clusters',
  'inputs',
  'lines',
  'understood',
  'ignored',
  'unknown',
  'nodeTimeout',
  'ms',
  'from',
  'clockOffsets',
  'offsetMs',
];
const RANK = new Map(ORDER.map((k, i) => [k, i]));

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a);
  const rb = RANK.get(b);
  if (ra !== undefined && rb !== undefined) return ra - rb;
  if (ra !== undefined) return -1;
  if (rb !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort(compareKeys)) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = canonical(x);
    }
    return out;
  }
  return v;
}

/** `failscope analyze --format json`: schema v1, stable key order, byte-identical for the same input. */
export function renderAnalysisJson(a: AnalysisV1): string {
  return `${JSON.stringify(canonical(a), null, 2)}\n`;
}
