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

/**
 * At most this many objects and arrays in a subtree written by JSON.stringify in one go, so the
 * string it makes stays small (a finding with its evidence is a few dozen).
 */
const NATIVE_NODES = 256;

/**
 * What is left of `budget` after counting the objects and arrays of `v`, or -1 when JSON.stringify
 * would not give the walk's own bytes for it: more than `budget` containers, an object whose keys
 * are not already in `sortKeys` order, or anything but a plain object or array (a class instance
 * may have toJSON). Leaves need no check: JSON.stringify treats them as the walk does.
 */
function nativeBudget(v: object, budget: number, sortKeys: ((a: string, b: string) => number) | undefined): number {
  if (--budget < 0) return -1;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x !== null && typeof x === 'object') {
        budget = nativeBudget(x, budget, sortKeys);
        if (budget < 0) return -1;
      }
    }
    return budget;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return -1;
  const o = v as Record<string, unknown>;
  let prev: string | undefined;
  for (const k in o) {
    if (sortKeys && prev !== undefined && sortKeys(prev, k) >= 0) return -1;
    prev = k;
    const x = o[k];
    if (x !== null && typeof x === 'object') {
      budget = nativeBudget(x, budget, sortKeys);
      if (budget < 0) return -1;
    }
  }
  return budget;
}

/** Pieces of about this many characters are handed out at a time. */
const PIECE = 64 * 1024;

/** An object or array being written: its remaining members and the indent it was opened at. */
interface Frame {
  arr: readonly unknown[] | null;
  obj: Record<string, unknown> | null;
  keys: readonly string[];
  i: number;
  indent: string;
  first: boolean;
}

/**
 * The text JSON.stringify(v, null, 2) gives, as pieces of about PIECE characters, produced as the
 * value is walked: only the piece being filled is held, never the whole text (a 486 MB log's analysis
 * exceeded V8's string limit as one string; a 68 MB one held 466 MB of heap as an array of pieces plus
 * a canonical copy). An explicit stack, not recursion, so a generator can hand out each piece at once.
 * With `sortKeys` every object's keys are taken in that order, as canonical() would have rebuilt them.
 * Values are plain objects, arrays, strings, numbers, booleans and null; leaves use JSON.stringify's
 * own rules (undefined, functions and symbols: left out as members, null in arrays).
 */
export function* jsonPieces(value: unknown, sortKeys?: (a: string, b: string) => number): Generator<string> {
  let buf = '';
  const stack: Frame[] = [];
  const open = (v: unknown, indent: string): void => {
    if (v === null || typeof v !== 'object') {
      buf += JSON.stringify(v) ?? 'null';
      return;
    }
    if (nativeBudget(v, NATIVE_NODES, sortKeys) >= 0) {
      // Small and already in order: V8's own serialiser is about 3× faster than this walk. Its
      // lines start at column 0, so each line break takes the indent this value sits at.
      const text = JSON.stringify(v, null, 2);
      buf += indent ? text.replaceAll('\n', `\n${indent}`) : text;
      return;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) buf += '[]';
      else stack.push({ arr: v, obj: null, keys: [], i: 0, indent, first: true });
      return;
    }
    const o = v as Record<string, unknown>;
    const keys = sortKeys ? Object.keys(o).sort(sortKeys) : Object.keys(o);
    stack.push({ arr: null, obj: o, keys, i: 0, indent, first: true });
  };
  open(value, '');
  while (stack.length > 0) {
    const f = stack[stack.length - 1];
    const inner = `${f.indent}  `;
    if (f.arr) {
      if (f.i === f.arr.length) {
        buf += `\n${f.indent}]`;
        stack.pop();
      } else {
        buf += f.i === 0 ? `[\n${inner}` : `,\n${inner}`;
        open(f.arr[f.i++], inner);
      }
    } else {
      const o = f.obj!;
      let x: unknown;
      while (f.i < f.keys.length) {
        x = o[f.keys[f.i]];
        if (x !== undefined && typeof x !== 'function' && typeof x !== 'symbol') break;
        f.i++;
      }
      if (f.i === f.keys.length) {
        buf += f.first ? '{}' : `\n${f.indent}}`;
        stack.pop();
      } else {
        buf += `${f.first ? '{' : ','}\n${inner}${JSON.stringify(f.keys[f.i])}: `;
        f.first = false;
        f.i++;
        open(x, inner);
      }
    }
    if (buf.length >= PIECE) {
      yield buf;
      buf = '';
    }
  }
  yield `${buf}\n`;
}

/**
 * `failscope analyze --format json` in pieces (see jsonPieces): the same bytes as renderAnalysisJson,
 * with each object's keys put in canonical order as it is reached instead of copying the whole first.
 */
export function analysisJsonChunks(a: AnalysisV1): Generator<string> {
  return jsonPieces(a, compareKeys);
}

/** `failscope analyze --format json`: schema v1, stable key order, byte-identical for the same input. */
export function renderAnalysisJson(a: AnalysisV1): string {
  return `${JSON.stringify(canonical(a), null, 2)}\n`;
}
