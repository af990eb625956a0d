// SpanIndex keeps its segments' open spans in one flat array and buckets spans by bound instead
// of sorting them; the checks apply their own exact test to its candidates, so the candidates
// themselves (not just the spans that pass) must be the ones the Map-and-Set construction gave, in
// the same order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpanIndex } from '../../src/verdict/lookup.ts';

type Span = { start: number; end: number | null };

/** The construction SpanIndex had before its flat storage (verdict/lookup.ts at d63e44e, its NaN path). */
function reference(spans: readonly Span[], t: number): Span[] {
  const points = new Set<number>();
  for (const s of spans) {
    points.add(s.start);
    if (s.end !== null) points.add(s.end);
  }
  const bounds = [...points].sort((a, b) => a - b);
  const startsAt = new Map<number, number[]>();
  const endsAt = new Map<number, number[]>();
  spans.forEach((s, i) => {
    (startsAt.get(s.start) ?? startsAt.set(s.start, []).get(s.start)!).push(i);
    if (s.end !== null) (endsAt.get(s.end) ?? endsAt.set(s.end, []).get(s.end)!).push(i);
  });
  const open = new Set<number>();
  const active: number[][] = [];
  for (const b of bounds) {
    for (const i of startsAt.get(b) ?? []) open.add(i);
    for (const i of endsAt.get(b) ?? []) open.delete(i);
    active.push([...open].sort((x, y) => x - y));
  }
  // Binary search, as the old code searched (a NaN among the bounds makes a scan answer otherwise).
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bounds[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  const i = lo - 1;
  if (i < 0) return [];
  if (bounds[i] !== t) return active[i].map((j) => spans[j]);
  const ids = new Set<number>(active[i]);
  if (i >= 1) for (const j of active[i - 1]) if (spans[j].end === t) ids.add(j);
  spans.forEach((s, j) => {
    if (s.end === s.start && s.start === t) ids.add(j);
  });
  return [...ids].sort((x, y) => x - y).map((j) => spans[j]);
}

const time = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: -3, max: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(-0, Infinity, -Infinity, 2.5) },
);
const span = fc.tuple(time, fc.option(fc.oneof(fc.integer({ min: -4, max: 15 }), fc.constant(Infinity)), { nil: null }));

describe('SpanIndex candidates', () => {
  it('covering(t) answers the spans, and the order, of the Map-and-Set construction', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 30 }), fc.boolean(), fc.array(time, { maxLength: 15 }), (raw, sortIt, ts) => {
        let spans: Span[] = raw.map(([start, len]) => ({ start, end: len === null ? null : start + len }));
        if (sortIt) spans = [...spans].sort((a, b) => a.start - b.start);
        const ix = new SpanIndex(spans);
        for (const t of [...ts, ...spans.map((s) => s.start), ...spans.map((s) => s.end ?? 0)])
          expect(ix.covering(t)).toEqual(reference(spans, t));
      }),
      { numRuns: 500 },
    );
  });

  it('lanes in time order, one open at a time per node', () => {
    const spans: Span[] = [
      { start: 0, end: 10 },
      { start: 0, end: 5 },
      { start: 5, end: null },
      { start: 10, end: 10 },
      { start: 10, end: 20 },
    ];
    const ix = new SpanIndex(spans);
    expect(ix.covering(-1)).toEqual([]);
    expect(ix.covering(3)).toEqual([spans[0], spans[1]]);
    expect(ix.covering(5)).toEqual([spans[0], spans[1], spans[2]]);
    expect(ix.covering(10)).toEqual([spans[0], spans[2], spans[3], spans[4]]);
    expect(ix.covering(25)).toEqual([spans[2]]);
  });
});
