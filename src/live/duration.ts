// Durations on the command line of the live commands: `500ms`, `10s`, `1.5s`, `10m`, `1h`, or a plain
// number of milliseconds.
import { ConfigError } from '../model/diagnostic.ts';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?$/;

/** Milliseconds of `text`; a ConfigError naming `option` when it is not a duration or is below `minMs`. */
export function parseDuration(text: string | number, option: string, minMs = 0): number {
  const m = DURATION.exec(String(text).trim());
  if (!m) throw new ConfigError(`${option} must be a duration such as 500ms, 10s or 10m, got '${text}'`);
  const ms = Math.round(Number(m[1]) * UNIT_MS[m[2] ?? 'ms']);
  if (ms < minMs) throw new ConfigError(`${option} must be at least ${minMs} ms, got '${text}'`);
  return ms;
}

/** `1500` → `1.5 s`, `500` → `500 ms`, `600000` → `10 min` (for plans and summaries). */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(3))} s`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}
