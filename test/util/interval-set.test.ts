// util/sorted IntervalSet brings its running maximum up to date lazily: with adds and questions
// interleaved, in any order, it must answer as a plain scan of the intervals added so far.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { IntervalSet } from '../../src/util/sorted.ts';

const op = fc.oneof(
  fc.record({ add: fc.integer({ min: 0, max: 50 }), len: fc.option(fc.integer({ min: 0, max: 20 })) }),
  fc.record({ ask: fc.integer({ min: -5, max: 80 }) }),
);

describe('IntervalSet, lazily', () => {
  test('answers contains as a scan of the added intervals does, with adds and questions interleaved', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const want: Array<[number, number]> = [];
        const got = new IntervalSet();
        for (const o of ops)
          if ('add' in o) {
            const hi = o.len === null ? null : o.add + o.len;
            want.push([o.add, hi ?? Infinity]);
            got.add(o.add, hi);
          } else expect(got.contains(o.ask)).toBe(want.some(([lo, hi]) => lo <= o.ask && o.ask <= hi));
      }),
    );
  });

  test('an open-ended interval covers everything after its start', () => {
    const c = new IntervalSet();
    c.add(10, 12);
    c.add(20, null);
    c.add(5, 6);
    expect([4, 5, 7, 11, 13, 20, 1e12].map((t) => c.contains(t))).toEqual([false, true, false, true, false, true, true]);
  });
});
