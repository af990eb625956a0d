// mergeEvents: the heap merge gives exactly the order of a plain stable sort by (time, source,
// position), unknown times last, whether or not each source is already in time order. Position, not
// line: an export read oldest first from a newest-first file has its line numbers running backwards.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { TimelineEvent } from '../../src/model/events.ts';
import { mergeEvents } from '../../src/timeline/merge.ts';

function reference(perSource: TimelineEvent[][]): TimelineEvent[] {
  const tagged = perSource.flatMap((events, s) => events.map((e, i) => ({ e, s, i })));
  const k = (t: number) => (Number.isNaN(t) ? Infinity : t);
  tagged.sort((a, b) => {
    const ta = k(a.e.at);
    const tb = k(b.e.at);
    return (ta === tb ? 0 : ta - tb) || a.s - b.s || a.i - b.i;
  });
  return tagged.map((t) => t.e);
}

const ev = (at: number, line: number, source: string): TimelineEvent => ({
  at,
  node: null,
  kind: 'log.other',
  fields: {},
  text: '',
  source,
  line,
});

describe('mergeEvents', () => {
  test('equals a stable sort by time, source, position', () => {
    const time = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(NaN));
    const source = fc.array(fc.tuple(time, fc.integer({ min: 1, max: 30 })), { maxLength: 25 });
    fc.assert(
      fc.property(fc.array(source, { maxLength: 5 }), fc.boolean(), (raw, sortedInput) => {
        const perSource = raw.map((list, s) => {
          const evs = list.map(([at, line]) => ev(at, line, `s${s}`));
          // Mostly-sorted sources (the common case) as well as arbitrary ones.
          return sortedInput ? reference([evs]) : evs;
        });
        const got = mergeEvents(perSource);
        const want = reference(perSource);
        expect(got).toHaveLength(want.length);
        for (let i = 0; i < want.length; i++) expect(got[i]).toBe(want[i]);
      }),
      { numRuns: 500 },
    );
  });
});
