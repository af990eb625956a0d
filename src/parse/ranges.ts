// Where a number read from input may lie (issue #18). Checked where it is parsed, so nothing out of
// range travels on to time arithmetic or a Date.

/**
 * The range each number may take where it is read (issue #18: a value outside it would reach time
 * arithmetic or a Date downstream). Epochs and offsets are 64-bit counters in the server, kept only
 * while exact as doubles; durations stay under a year; slots, ports and signals are what they are.
 */
const FIELD_RANGE: Readonly<Record<string, readonly [number, number]>> = {
  epoch: [0, Number.MAX_SAFE_INTEGER],
  rank: [0, 2 ** 31 - 1],
  offset: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  upTo: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  delayMs: [0, 365 * 86_400_000],
  signal: [0, 255],
  pid: [0, 2 ** 31 - 1],
  port: [0, 65_535],
  slot: [0, 16_383],
  nodeTimeoutMs: [0, 365 * 86_400_000],
};

/** Is `n` within the range of field `name` (see FIELD_RANGE)? */
export function inFieldRange(name: string, n: number): boolean {
  const r = FIELD_RANGE[name];
  return r === undefined ? Number.isFinite(n) : n >= r[0] && n <= r[1];
}
