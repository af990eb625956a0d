// SlotMap against a per-slot array model (the model only lives in this test; the map holds ranges).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SlotMap } from '../../src/replay/slot-map.ts';

const N = 16384;
const range = fc.tuple(fc.integer({ min: -5, max: N + 5 }), fc.integer({ min: -5, max: N + 5 })).map(([a, b]) => ({ start: a, end: b }));
const owner = fc.constantFrom<string | null>('a', 'b', 'c', null);

function model(ops: Array<{ ranges: Array<{ start: number; end: number }>; owner: string | null; epoch: number | null }>) {
  const slots: Array<{ owner: string | null | undefined; epoch: number | null }> = Array.from({ length: N }, () => ({
    owner: undefined,
    epoch: null,
  }));
  for (const op of ops)
    for (const r of op.ranges)
      for (let i = Math.max(0, r.start); i <= Math.min(N - 1, r.end); i++) slots[i] = { owner: op.owner, epoch: op.epoch };
  return slots;
}

describe('SlotMap', () => {
  test('lookup and holds agree with a per-slot model after random assignments', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ ranges: fc.array(range, { maxLength: 3 }), owner, epoch: fc.constantFrom(null, 1, 2) }), { maxLength: 12 }),
        fc.array(range, { maxLength: 3 }),
        owner,
        fc.constantFrom(null, 1, 2),
        (ops, query, who, epoch) => {
          const m = new SlotMap();
          for (const op of ops) m.assign(op.ranges, op.owner, op.epoch);
          const want = model(ops);
          // segments cover 0..16383 once, in order
          const segs = m.segments();
          expect(segs[0].start).toBe(0);
          expect(segs[segs.length - 1].end).toBe(N - 1);
          for (let i = 1; i < segs.length; i++) expect(segs[i].start).toBe(segs[i - 1].end + 1);
          // lookup: every queried in-range slot exactly once, with the model's owner
          const inQuery = new Set<number>();
          for (const r of query) for (let i = Math.max(0, r.start); i <= Math.min(N - 1, r.end); i++) inQuery.add(i);
          const seen: number[] = [];
          // Compared with plain code and asserted once: an expect() per slot made this test take 40 s.
          const wrong: Array<{ i: number; owner: string | null | undefined; epoch: number | null }> = [];
          for (const g of m.lookup(query))
            for (let i = g.start; i <= g.end; i++) {
              seen.push(i);
              if (g.owner !== want[i].owner || g.epoch !== want[i].epoch) wrong.push({ i, owner: g.owner, epoch: g.epoch });
            }
          expect(wrong.slice(0, 3).map((w) => ({ ...w, want: want[w.i] }))).toEqual([]);
          expect(seen.length).toBe(inQuery.size);
          expect(seen).toEqual([...inQuery].sort((a, b) => a - b));
          // holds: true exactly when every queried slot has that owner and epoch (and the query is well-formed)
          const wellFormed = query.every((r) => r.start <= r.end && r.start < N);
          const all = [...inQuery].every((i) => want[i].owner === who && want[i].epoch === epoch);
          if (wellFormed && query.every((r) => r.start >= 0 && r.end < N)) expect(m.holds(query, who, epoch)).toBe(all);
          if (m.holds(query, who, epoch)) expect(all).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('version changes with every assign that touches a slot, and only then', () => {
    const m = new SlotMap();
    const v0 = m.version;
    m.assign([{ start: 20000, end: 20001 }], 'a', 1); // outside 0..16383: nothing assigned
    expect(m.version).toBe(v0);
    expect(m.holds([{ start: 0, end: 10 }], 'a', 1)).toBe(false);
    m.assign([{ start: 0, end: 10 }], 'a', 1);
    const v1 = m.version;
    expect(v1).not.toBe(v0);
    m.lookup([{ start: 0, end: 100 }]);
    m.holds([{ start: 0, end: 10 }], 'a', 1);
    expect(m.version).toBe(v1);
    m.assign([{ start: 5, end: 5 }], 'b', 2);
    expect(m.version).not.toBe(v1);
    expect(m.holds([{ start: 0, end: 10 }], 'a', 1)).toBe(false);
  });
});
