// replay/coverage: the same answers as util/sorted IntervalSet, whatever the order intervals come in.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Coverage } from '../../src/replay/coverage.ts';
import { IntervalSet } from '../../src/util/sorted.ts';

const op = fc.oneof(
  fc.record({ add: fc.integer({ min: 0, max: 50 }), len: fc.option(fc.integer({ min: 0, max: 20 })) }),
  fc.record({ ask: fc.integer({ min: -5, max: 80 }) }),
);

describe('Coverage', () => {
  test('answers contains as IntervalSet does, with adds and questions interleaved', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const want = new IntervalSet();
        const got = new Coverage();
        for (const o of ops)
          if ('add' in o) {
            const hi = o.len === null ? null : o.add + o.len;
            want.add(o.add, hi);
            got.add(o.add, hi);
          } else expect(got.contains(o.ask)).toBe(want.contains(o.ask));
      }),
    );
  });

  test('an open-ended interval covers everything after its start', () => {
    const c = new Coverage();
    c.add(10, 12);
    c.add(20, null);
    c.add(5, 6);
    expect([4, 5, 7, 11, 13, 20, 1e12].map((t) => c.contains(t))).toEqual([false, true, false, true, false, true, true]);
  });
});
