/**
 * Smallest and largest of many numbers without spreading them into Math.min/Math.max, whose
 * argument count is bounded by the call stack (a day of logs has far more events than that).
 */
export function minOf(values: Iterable<number>, empty = Infinity): number {
  let m = Infinity;
  for (const v of values) if (v < m) m = v;
  return m === Infinity ? empty : m;
}

export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  return m === -Infinity ? empty : m;
}
