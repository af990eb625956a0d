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
  'skipped',
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

/** Pieces of about this many characters are handed out at a time. */
const PIECE = 64 * 1024;

/**
 * The text JSON.stringify(v, null, 2) gives, as pieces of about PIECE characters: a 486 MB log's
 * analysis exceeded V8's string limit (`Invalid string length`) as one string. Values are canonical
 * (plain objects, arrays, strings, numbers, booleans, null); leaves use JSON.stringify's own rules.
 */
export function jsonPieces(value: unknown): string[] {
  const out: string[] = [];
  let buf = '';
  const put = (text: string): void => {
    buf += text;
    if (buf.length >= PIECE) {
      out.push(buf);
      buf = '';
    }
  };
  const walk = (v: unknown, indent: string): void => {
    if (v === null || typeof v !== 'object') {
      // undefined, functions and symbols in arrays are null, as JSON.stringify writes them.
      put(JSON.stringify(v) ?? 'null');
      return;
    }
    const inner = `${indent}  `;
    if (Array.isArray(v)) {
      if (v.length === 0) return put('[]');
      put('[');
      for (let i = 0; i < v.length; i++) {
        put(i === 0 ? `\n${inner}` : `,\n${inner}`);
        walk(v[i], inner);
      }
      put(`\n${indent}]`);
      return;
    }
    const o = v as Record<string, unknown>;
    let first = true;
    for (const k of Object.keys(o)) {
      const x = o[k];
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
      put(`${first ? '{' : ','}\n${inner}${JSON.stringify(k)}: `);
      first = false;
      walk(x, inner);
    }
    put(first ? '{}' : `\n${indent}}`);
  };
  walk(value, '');
  out.push(`${buf}\n`);
  return out;
}

/** `failscope analyze --format json` in pieces (see jsonPieces): the same bytes as renderAnalysisJson. */
export function analysisJsonChunks(a: AnalysisV1): string[] {
  return jsonPieces(canonical(a));
}

/** `failscope analyze --format json`: schema v1, stable key order, byte-identical for the same input. */
export function renderAnalysisJson(a: AnalysisV1): string {
  return `${JSON.stringify(canonical(a), null, 2)}\n`;
}
