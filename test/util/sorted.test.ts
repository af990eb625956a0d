// sortedStrings stands in for `[...set].sort()` on the small id sets of the verdict: same order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortedStrings } from '../../src/util/sorted.ts';

describe('sortedStrings', () => {
  it('orders a set as [...set].sort() does', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 12 }), (xs) => {
        const set = new Set(xs);
        expect(sortedStrings(set)).toEqual([...set].sort());
      }),
      { numRuns: 500 },
    );
  });
  it('code units, not locale: upper case before lower, ids by hex digit', () => {
    expect(sortedStrings(new Set(['b', 'B', 'a', '9f', 'a0']))).toEqual(['9f', 'B', 'a', 'a0', 'b']);
    expect(sortedStrings(new Set<string>())).toEqual([]);
  });
});
