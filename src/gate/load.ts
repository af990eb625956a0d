// Expectations files: JSON or YAML, validated strictly. Every problem names the file, line and key,
// so a typo (`maxUnavailible`) fails the gate with exit 2 instead of silently checking nothing.
//
// Both formats go through the `yaml` package: JSON is a subset of YAML 1.2, and one parser gives
// source positions for keys in either format and rejects duplicate keys (JSON.parse keeps the last).
import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { ConfigError } from '../model/diagnostic.ts';
import { RULE_IDS } from '../model/analysis.ts';
import type { FailoverKind, Severity } from '../model/analysis.ts';
import { SLOT_COUNT } from '../model/slots.ts';
import { parseLimit } from './duration.ts';
import type { ClusterSelector, CountRange, ExpectationBlock, Expectations, FailoverExpectations, Limit, MasterClaim } from './types.ts';

/** An expectations file that cannot be used; `problems` lists every problem found (file:line:col: …). */
export class ExpectationsError extends ConfigError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ExpectationsError';
    this.problems = problems;
  }
}

const FAILOVER_KINDS: readonly FailoverKind[] = ['automatic', 'manual', 'takeover', 'force'];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

// Keys allowed in a block (top level or an entry of `clusters`), and only at the top level.
const BLOCK_KEYS = [
  'cluster',
  'description',
  'verdict',
  'worstSeverity',
  'failovers',
  'mustEndAsMaster',
  'mustNotEndAsMaster',
  'maxClusterOutage',
  'rules',
] as const;
const TOP_KEYS = ['$schema', 'nodeTimeout', 'clusters', ...BLOCK_KEYS] as const;
const FAILOVER_KEYS = ['count', 'kinds', 'maxUnavailable', 'maxDetection', 'maxElection'] as const;
const CLAIM_KEYS = ['node', 'slots'] as const;
const RULES_KEYS = ['required', 'forbidden'] as const;
const COUNT_KEYS = ['min', 'max'] as const;
// Keys that state an expectation (a file with none of them checks nothing, which is an error).
const EXPECTING_KEYS = new Set<string>(BLOCK_KEYS.filter((k) => k !== 'cluster' && k !== 'description'));

/** Read and validate an expectations file. Throws `ExpectationsError` (a `ConfigError`: exit 2). */
export function loadExpectations(path: string, displayPath: string = path): Expectations {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ExpectationsError([`${displayPath}: cannot read expectations file${code ? ` (${code})` : ''}`]);
  }
  return parseExpectations(text, displayPath);
}

/** Validate expectations given as text (JSON or YAML). */
export function parseExpectations(text: string, source: string): Expectations {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ExpectationsError(
      doc.errors.map((e) => {
        const p = lc.linePos(e.pos[0]);
        return `${source}:${p.line}:${p.col}: ${firstLine(e.message)}`;
      }),
    );
  }
  const where = (path: Array<string | number>, atKey = false): string => {
    const offset = offsetOf(doc.contents, path, atKey);
    if (offset === null) return source;
    const p = lc.linePos(offset);
    return `${source}:${p.line}:${p.col}`;
  };
  return validateExpectations(doc.toJS({ maxAliasCount: 100 }), source, where);
}

/**
 * Validate an already-parsed value (e.g. built in code). `where` maps a key path to a position
 * prefix for messages; by default it names only the source.
 */
export function validateExpectations(
  value: unknown,
  source: string,
  where: (path: Array<string | number>, atKey?: boolean) => string = () => source,
): Expectations {
  const v = new Validator(where);
  const out = v.top(value);
  if (v.problems.length > 0) throw new ExpectationsError(v.problems);
  return { ...out, source };
}

class Validator {
  readonly problems: string[] = [];
  private readonly where: (path: Array<string | number>, atKey?: boolean) => string;
  constructor(where: (path: Array<string | number>, atKey?: boolean) => string) {
    this.where = where;
  }

  private fail(path: Array<string | number>, msg: string, atKey = false): void {
    this.problems.push(`${this.where(path, atKey)}: ${msg}`);
  }

  top(value: unknown): Omit<Expectations, 'source'> {
    const blocks: ExpectationBlock[] = [];
    if (!isObject(value)) {
      this.fail([], `expectations must be an object (a mapping of keys), got ${kindOf(value)}`);
      return { blocks };
    }
    this.keys(value, [], TOP_KEYS, 'at the top level');
    const out: Omit<Expectations, 'source'> = { blocks };
    if (value.$schema !== undefined && typeof value.$schema !== 'string')
      this.fail(['$schema'], `$schema must be a string, got ${kindOf(value.$schema)}`);
    if (value.description !== undefined) out.description = this.string(value.description, ['description']);
    if (value.nodeTimeout !== undefined) {
      const l = this.limit(value.nodeTimeout, ['nodeTimeout']);
      if (l && l.kind === 'node-timeout') this.fail(['nodeTimeout'], 'nodeTimeout cannot be relative to itself');
      else if (l) out.nodeTimeoutMs = l.ms;
    }
    const topHasExpectations = Object.keys(value).some((k) => EXPECTING_KEYS.has(k));
    if (topHasExpectations) blocks.push(this.block(value, [], false));
    else if (value.cluster !== undefined)
      this.fail(['cluster'], 'cluster selects what the top-level expectations apply to, but there are none at the top level');
    if (value.clusters !== undefined) {
      if (!Array.isArray(value.clusters)) this.fail(['clusters'], `clusters must be a list of blocks, got ${kindOf(value.clusters)}`);
      else
        value.clusters.forEach((b, i) => {
          if (!isObject(b)) return this.fail(['clusters', i], `clusters[${i}] must be an object, got ${kindOf(b)}`);
          this.keys(b, ['clusters', i], BLOCK_KEYS, `in clusters[${i}]`);
          if (b.cluster === undefined)
            this.fail(['clusters', i], `clusters[${i}] needs "cluster": a cluster label (cluster-1) or a node in it`);
          if (!Object.keys(b).some((k) => EXPECTING_KEYS.has(k))) this.fail(['clusters', i], `clusters[${i}] states no expectation`);
          blocks.push(this.block(b, ['clusters', i], true));
        });
    }
    if (blocks.length === 0 && this.problems.length === 0)
      this.fail([], `the file states no expectation (give at least one of: ${[...EXPECTING_KEYS].join(', ')})`);
    return out;
  }

  private block(o: Record<string, unknown>, path: Array<string | number>, nested: boolean): ExpectationBlock {
    const id = path.length === 0 ? '' : `clusters[${path[1]}]`;
    let cluster: ClusterSelector = { kind: 'all' };
    if (o.cluster !== undefined) {
      const c = this.string(o.cluster, [...path, 'cluster']);
      if (c !== undefined && c !== 'all') cluster = { kind: 'ref', ref: c };
    }
    const b: ExpectationBlock = { cluster, path: id };
    if (nested && o.description !== undefined) this.string(o.description, [...path, 'description']);
    if (o.verdict !== undefined) b.verdict = this.oneOf(o.verdict, [...path, 'verdict'], ['pass', 'fail'] as const);
    if (o.worstSeverity !== undefined) b.worstSeverity = this.oneOf(o.worstSeverity, [...path, 'worstSeverity'], SEVERITIES);
    if (o.failovers !== undefined) b.failovers = this.failovers(o.failovers, [...path, 'failovers']);
    if (o.mustEndAsMaster !== undefined) b.mustEndAsMaster = this.claims(o.mustEndAsMaster, [...path, 'mustEndAsMaster']);
    if (o.mustNotEndAsMaster !== undefined) b.mustNotEndAsMaster = this.claims(o.mustNotEndAsMaster, [...path, 'mustNotEndAsMaster']);
    if (o.maxClusterOutage !== undefined) b.maxClusterOutage = this.limit(o.maxClusterOutage, [...path, 'maxClusterOutage']);
    if (o.rules !== undefined) b.rules = this.rules(o.rules, [...path, 'rules']);
    return b;
  }

  private failovers(v: unknown, path: Array<string | number>): FailoverExpectations | undefined {
    if (!isObject(v)) return void this.fail(path, `failovers must be an object, got ${kindOf(v)}`);
    this.keys(v, path, FAILOVER_KEYS, 'in failovers');
    const f: FailoverExpectations = {};
    if (v.count !== undefined) f.count = this.count(v.count, [...path, 'count']);
    if (v.kinds !== undefined) {
      if (!isObject(v.kinds))
        this.fail([...path, 'kinds'], `failovers.kinds must map a kind (${FAILOVER_KINDS.join(', ')}) to a count, got ${kindOf(v.kinds)}`);
      else {
        this.keys(v.kinds, [...path, 'kinds'], FAILOVER_KINDS, 'in failovers.kinds (failover kinds)');
        const kinds: Partial<Record<FailoverKind, CountRange>> = {};
        for (const k of FAILOVER_KINDS) {
          if (v.kinds[k] === undefined) continue;
          const c = this.count(v.kinds[k], [...path, 'kinds', k]);
          if (c) kinds[k] = c;
        }
        f.kinds = kinds;
      }
    }
    for (const k of ['maxUnavailable', 'maxDetection', 'maxElection'] as const)
      if (v[k] !== undefined) f[k] = this.limit(v[k], [...path, k]);
    return f;
  }

  private count(v: unknown, path: Array<string | number>): CountRange | undefined {
    if (typeof v === 'number') {
      if (!Number.isInteger(v) || v < 0) return void this.fail(path, `${dotted(path)} must be a whole number ≥ 0, got ${v}`);
      return { min: v, max: v };
    }
    if (!isObject(v)) return void this.fail(path, `${dotted(path)} must be a whole number or {"min": n, "max": n}, got ${kindOf(v)}`);
    this.keys(v, path, COUNT_KEYS, `in ${dotted(path)}`);
    if (v.min === undefined && v.max === undefined) return void this.fail(path, `${dotted(path)} needs "min", "max" or both`);
    const bound = (k: 'min' | 'max'): number | null => {
      const x = v[k];
      if (x === undefined) return null;
      if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) {
        this.fail([...path, k], `${dotted(path)}.${k} must be a whole number ≥ 0, got ${JSON.stringify(x)}`);
        return null;
      }
      return x;
    };
    const min = bound('min') ?? 0;
    const max = bound('max');
    if (max !== null && min > max) this.fail(path, `${dotted(path)}: min ${min} is greater than max ${max}`);
    return { min, max };
  }

  private claims(v: unknown, path: Array<string | number>): MasterClaim[] | undefined {
    if (!Array.isArray(v)) return void this.fail(path, `${dotted(path)} must be a list of {"node": …, "slots": …}, got ${kindOf(v)}`);
    const out: MasterClaim[] = [];
    v.forEach((c, i) => {
      const p = [...path, i];
      if (!isObject(c)) return this.fail(p, `${dotted(path)}[${i}] must be an object {"node": …, "slots": …}, got ${kindOf(c)}`);
      this.keys(c, p, CLAIM_KEYS, `in ${dotted(path)}[${i}]`);
      if (c.node === undefined)
        return this.fail(p, `${dotted(path)}[${i}] needs "node": a node id, an id prefix (4+ hex characters) or ip:port`);
      const node = this.string(c.node, [...p, 'node']);
      if (node === undefined) return;
      if (!/^[0-9a-f]{4,40}$/.test(node) && !/^[^\s:]+:\d{1,5}$/.test(node) && !/^\[[0-9a-fA-F:.]+\]:\d{1,5}$/.test(node))
        return this.fail(
          [...p, 'node'],
          `${dotted(path)}[${i}].node must be a node id, an id prefix (4+ lowercase hex characters) or ip:port, got ${JSON.stringify(node)}`,
        );
      const claim: MasterClaim = { node };
      if (c.slots !== undefined) {
        const s = this.slots(c.slots, [...p, 'slots']);
        if (s === undefined) return;
        claim.slots = s;
      }
      out.push(claim);
    });
    return out;
  }

  private slots(v: unknown, path: Array<string | number>): string | undefined {
    const text = typeof v === 'number' ? String(v) : v;
    if (typeof text !== 'string' || !/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(text.replace(/\s+/g, '')))
      return void this.fail(path, `slots must be ranges like "0-5460,5470", got ${JSON.stringify(v)}`);
    const clean = text.replace(/\s+/g, '');
    for (const part of clean.split(',')) {
      const [a, b] = part.split('-').map(Number);
      const end = b ?? a;
      if (a >= SLOT_COUNT || end >= SLOT_COUNT)
        return void this.fail(path, `slot ${Math.max(a, end)} is out of range (0-${SLOT_COUNT - 1})`);
      if (a > end) return void this.fail(path, `slot range ${part} runs backwards`);
    }
    return clean;
  }

  private rules(v: unknown, path: Array<string | number>): ExpectationBlock['rules'] {
    if (!isObject(v)) return void this.fail(path, `rules must be an object {"required": […], "forbidden": […]}, got ${kindOf(v)}`);
    this.keys(v, path, RULES_KEYS, 'in rules');
    const out: NonNullable<ExpectationBlock['rules']> = {};
    for (const k of RULES_KEYS) {
      const list = v[k];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        this.fail([...path, k], `rules.${k} must be a list of rule ids, got ${kindOf(list)}`);
        continue;
      }
      const ids: string[] = [];
      list.forEach((r, i) => {
        if (typeof r !== 'string') return this.fail([...path, k, i], `rules.${k}[${i}] must be a rule id, got ${kindOf(r)}`);
        const problem = checkRulePattern(r);
        if (problem) return this.fail([...path, k, i], `rules.${k}[${i}]: ${problem}`);
        ids.push(r);
      });
      out[k] = ids;
    }
    const both = (out.required ?? []).filter((r) => (out.forbidden ?? []).includes(r));
    for (const r of both) this.fail(path, `rule ${r} is both required and forbidden`);
    return out;
  }

  private limit(v: unknown, path: Array<string | number>): Limit | undefined {
    const l = parseLimit(v);
    if (typeof l === 'string') return void this.fail(path, `${dotted(path)} ${l}`);
    return l;
  }

  private oneOf<T extends string>(v: unknown, path: Array<string | number>, allowed: readonly T[]): T | undefined {
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    this.fail(path, `${dotted(path)} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(v)}`);
    return undefined;
  }

  private string(v: unknown, path: Array<string | number>): string | undefined {
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    this.fail(path, `${dotted(path)} must be a non-empty string, got ${kindOf(v)}`);
    return undefined;
  }

  private keys(o: Record<string, unknown>, path: Array<string | number>, allowed: readonly string[], where: string): void {
    for (const k of Object.keys(o)) {
      if (allowed.includes(k)) continue;
      const hint = suggest(k, allowed);
      this.fail(
        [...path, k],
        `unknown key "${k}" ${where}${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${allowed.join(', ')}`,
        true,
      );
    }
  }
}

/** null when `r` is a known rule id or a `prefix.*` pattern matching one; otherwise the message. */
export function checkRulePattern(r: string): string | null {
  const known = RULE_IDS as readonly string[];
  if (r.endsWith('.*')) {
    const prefix = r.slice(0, -1);
    if (known.some((k) => k.startsWith(prefix))) return null;
    return `pattern "${r}" matches no known rule id`;
  }
  if (known.includes(r)) return null;
  const hint = suggest(r, known);
  return `unknown rule id "${r}"${hint ? ` (did you mean "${hint}"?)` : ''}`;
}

/** Does rule id `id` match `pattern` (exact, or `prefix.*`)? */
export function ruleMatches(pattern: string, id: string): boolean {
  return pattern.endsWith('.*') ? id.startsWith(pattern.slice(0, -1)) : id === pattern;
}

function suggest(word: string, allowed: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const a of allowed) {
    if (a.toLowerCase() === word.toLowerCase()) return a;
    const d = levenshtein(word.toLowerCase(), a.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 4)) ? best : null;
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

function offsetOf(node: unknown, path: Array<string | number>, atKey: boolean): number | null {
  let cur: unknown = node;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(cur)) {
      const pair = cur.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return rangeStart(cur);
      if (last && atKey) return rangeStart(pair.key);
      cur = pair.value;
    } else if (isSeq(cur) && typeof seg === 'number') {
      const item = cur.items[seg];
      if (item === undefined) return rangeStart(cur);
      cur = item;
    } else return rangeStart(cur);
  }
  return rangeStart(cur);
}

function rangeStart(node: unknown): number | null {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? r[0] : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return JSON.stringify(v);
}

function dotted(path: Array<string | number>): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
