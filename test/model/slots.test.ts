// Range algebra against a per-slot set model (the model lives only here), plus the cost bound of issue #18.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { countSlots, intersectRanges, normalizeRanges, subtractRanges, type SlotRange } from '../../src/model/slots.ts';

const N = 256; // small universe so overlaps are frequent
const range = fc
  .tuple(fc.integer({ min: 0, max: N - 1 }), fc.integer({ min: 0, max: N - 1 }))
  .map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
const ranges = fc.array(range, { maxLength: 12 });

const set = (rs: SlotRange[]): Set<number> => {
  const s = new Set<number>();
  for (const r of rs) for (let i = r.start; i <= r.end; i++) s.add(i);
  return s;
};
const toRanges = (s: Set<number>): SlotRange[] => normalizeRanges([...s].map((i) => ({ start: i, end: i })));

describe('slot ranges', () => {
  test('intersect and subtract agree with a per-slot model and stay normalised', () => {
    fc.assert(
      fc.property(ranges, ranges, (a, b) => {
        const sa = set(a);
        const sb = set(b);
        expect(intersectRanges(a, b)).toEqual(toRanges(new Set([...sa].filter((i) => sb.has(i)))));
        expect(subtractRanges(a, b)).toEqual(toRanges(new Set([...sa].filter((i) => !sb.has(i)))));
      }),
      { numRuns: 500, seed: 18 },
    );
  });

  test('every other slot against its complement costs O(ranges), not O(ranges²)', () => {
    const even = Array.from({ length: 8192 }, (_, i) => ({ start: 2 * i, end: 2 * i }));
    const odd = Array.from({ length: 8192 }, (_, i) => ({ start: 2 * i + 1, end: 2 * i + 1 }));
    const t0 = performance.now();
    for (let k = 0; k < 20; k++) {
      expect(intersectRanges(even, odd)).toEqual([]);
      expect(subtractRanges(even, odd)).toHaveLength(8192);
    }
    expect(countSlots([...even, ...odd])).toBe(16384);
    // 20 rounds of 2 x 8192 ranges: the quadratic versions took minutes; linear ones take milliseconds.
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
