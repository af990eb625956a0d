import type { Limit } from './types.ts';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000 };
const ABSOLUTE = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min)$/;
const RELATIVE = /^(\d+(?:\.\d+)?)\s*[x×*]\s*node[- _]?timeout$/;

/** Human description of the duration syntax, used in error messages and the JSON Schema. */
export const LIMIT_SYNTAX =
  'milliseconds (8000), a duration ("850ms", "8s", "1.5s", "2m") or a multiple of the node timeout ("2x node-timeout")';

/**
 * Parse a time limit. Returns the limit, or a message saying what is wrong (the loader adds file and key).
 * `"node-timeout"` alone means 1x.
 */
export function parseLimit(value: unknown): Limit | string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return `must be a non-negative number of milliseconds, got ${value}`;
    return { kind: 'absolute', ms: Math.round(value), text: `${value}ms` };
  }
  if (typeof value !== 'string') return `must be ${LIMIT_SYNTAX}, got ${describe(value)}`;
  const text = value.trim();
  const abs = ABSOLUTE.exec(text);
  if (abs) return { kind: 'absolute', ms: Math.round(Number(abs[1]) * UNIT_MS[abs[2]]), text };
  if (/^node[- _]?timeout$/.test(text)) return { kind: 'node-timeout', factor: 1, text };
  const rel = RELATIVE.exec(text);
  if (rel) return { kind: 'node-timeout', factor: Number(rel[1]), text };
  return `must be ${LIMIT_SYNTAX}, got ${JSON.stringify(value)}`;
}

/** Resolve a limit to milliseconds; null when it is relative and the node timeout is unknown. */
export function limitMs(limit: Limit, nodeTimeoutMs: number | null): number | null {
  if (limit.kind === 'absolute') return limit.ms;
  return nodeTimeoutMs === null ? null : Math.round(limit.factor * nodeTimeoutMs);
}

/** Allowed regression against a baseline: a percentage, an absolute amount, or both (both must be exceeded). */
export interface Allowance {
  percent: number | null;
  ms: number | null;
  text: string;
}

/**
 * `20%`, `500ms`, `0.5s`, or `20%,200ms` (a regression must exceed both: the absolute part is a noise
 * floor for short phases). Returns a message on error.
 */
export function parseAllowance(text: string): Allowance | string {
  const parts = text
    .split(/[,+]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0 || parts.length > 2)
    return `--max-regression must be like "20%", "500ms" or "20%,200ms", got ${JSON.stringify(text)}`;
  let percent: number | null = null;
  let ms: number | null = null;
  for (const p of parts) {
    const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(p);
    if (pct && percent === null) {
      percent = Number(pct[1]);
      continue;
    }
    const abs = ABSOLUTE.exec(p);
    if (abs && ms === null) {
      ms = Math.round(Number(abs[1]) * UNIT_MS[abs[2]]);
      continue;
    }
    return `--max-regression must be like "20%", "500ms" or "20%,200ms", got ${JSON.stringify(text)}`;
  }
  return { percent, ms, text: parts.join(',') };
}

/** The largest current value that still passes against `base`. */
export function allowedMax(base: number, a: Allowance): number {
  const byPct = a.percent === null ? Infinity : base * (1 + a.percent / 100);
  const byMs = a.ms === null ? Infinity : base + a.ms;
  // Both given: a regression must exceed both, so the looser bound wins.
  if (a.percent !== null && a.ms !== null) return Math.max(byPct, byMs);
  return Math.min(byPct, byMs);
}

/**
 * Round a measured duration up to a limit with slack for run-to-run jitter: at least +50% and
 * +500 ms, then up to a round number (100 ms steps below 2 s, 500 ms below 10 s, whole seconds above).
 */
export function slackLimitMs(measuredMs: number): number {
  const raw = Math.max(measuredMs * 1.5, measuredMs + 500);
  const step = raw < 2000 ? 100 : raw < 10_000 ? 500 : 1000;
  return Math.ceil(raw / step) * step;
}

/** `8s`, `1.5s`, `800ms`: the compact spelling init-expect writes. */
export function formatLimitMs(ms: number): string {
  if (ms >= 1000 && ms % 100 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : JSON.stringify(v);
}
