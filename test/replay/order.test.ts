// replay/order: the list itself when a stable sort would leave it as it is, else what the sort gives.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { inOrder, sortedView, sortNumbers } from '../../src/replay/order.ts';

const byAt = (a: { at: number }, b: { at: number }) => a.at - b.at;
const facts = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(Number.NaN)), { maxLength: 30 })
  .map((ats) => ats.map((at, i) => ({ at, i })));

describe('replay order', () => {
  test('sortedView gives what a stable sorted copy gives, and the list itself when it is in order', () => {
    fc.assert(
      fc.property(facts, (list) => {
        const got = sortedView(list, byAt);
        expect(got).toEqual([...list].sort(byAt));
        if (inOrder(list, byAt)) expect(got).toBe(list);
        else expect(got).not.toBe(list);
      }),
    );
  });

  test('a NaN time is never in order: such a list is sorted as before', () => {
    expect(inOrder([{ at: 1 }, { at: Number.NaN }], byAt)).toBe(false);
    expect(inOrder([{ at: 1 }, { at: 1 }, { at: 2 }], byAt)).toBe(true);
  });

  test('sortNumbers sorts in place as a numeric sort does', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.constant(Number.NaN))), (xs) => {
        const want = [...xs].sort((a, b) => a - b);
        const copy = [...xs];
        expect(sortNumbers(copy)).toBe(copy);
        expect(copy).toEqual(want);
      }),
    );
  });
});
