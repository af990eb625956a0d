// The indexes that replaced whole-list scans in the replay and the verdict must give the answers
// the scans gave. Each property below runs the index against a brute-force scan written out here
// (the old code's semantics: first in list order, ties included) on random lists.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../src/model/events.ts';
import { firstAfter, IntervalSet, isSortedBy } from '../../src/util/sorted.ts';
import { LifeIndex } from '../../src/replay/derive.ts';
import type { LifeRun, RoleSpan } from '../../src/replay/trace.ts';
import { causalPairs } from '../../src/timeline/clock.ts';
import { attemptsDelayedBetween, lastEpisodeAt, lastStartedBefore, roleBefore, SpanIndex } from '../../src/verdict/lookup.ts';

const time = fc.integer({ min: 0, max: 60 });
const item = fc.record({ at: time, tag: fc.integer({ min: 0, max: 3 }) });

describe('firstAfter', () => {
  it('equals find() over the list, sorted (binary search) or not (scan)', () => {
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 30 }),
        time,
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        fc.option(time, { nil: undefined }),
        fc.boolean(),
        (raw, t, inclusive, tag, until, sortIt) => {
          const list = sortIt ? [...raw].sort((a, b) => a.at - b.at) : raw;
          const ok = (x: { tag: number }) => x.tag !== tag;
          const want = list.find((x) => (inclusive ? x.at >= t : x.at > t) && x.at <= (until ?? Infinity) && ok(x));
          const got = firstAfter(
            list,
            isSortedBy(list, (x) => x.at),
            t,
            (x) => x.at,
            inclusive,
            ok,
            until ?? Infinity,
          );
          expect(got).toBe(want);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('isSortedBy', () => {
  it('a list holding an untimed (NaN) item is not sorted: firstAfter then scans, and still equals find()', () => {
    expect(isSortedBy([{ at: 5 }, { at: NaN }, { at: 1 }], (x) => x.at)).toBe(false);
    const maybeUntimed = fc.record({ at: fc.oneof(time, fc.constant(NaN)), tag: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(fc.array(maybeUntimed, { maxLength: 30 }), time, fc.boolean(), (list, t, inclusive) => {
        const want = list.find((x) => (inclusive ? x.at >= t : x.at > t));
        expect(
          firstAfter(
            list,
            isSortedBy(list, (x) => x.at),
            t,
            (x) => x.at,
            inclusive,
          ),
        ).toBe(want);
      }),
      { numRuns: 400, seed: 5 },
    );
  });
});

describe('IntervalSet', () => {
  it('contains(t) iff some added [lo, hi] (hi null = open) holds t', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(time, fc.option(time, { nil: null })), { maxLength: 20 }),
        fc.array(time, { maxLength: 20 }),
        (spans, ts) => {
          const set = new IntervalSet();
          for (const [lo, hi] of spans) set.add(lo, hi);
          for (const t of ts) expect(set.contains(t)).toBe(spans.some(([lo, hi]) => t >= lo && (hi === null || t <= hi)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('LifeIndex', () => {
  const ev = { source: 's', line: 1 };
  const runs = fc
    .array(
      fc.tuple(fc.constantFrom('a', 'b'), time, fc.integer({ min: 0, max: 10 }), fc.option(fc.integer({ min: 1, max: 3 }), { nil: null })),
      { maxLength: 25 },
    )
    .map((xs) => xs.map(([node, start, len, pid]): LifeRun => ({ node, start, end: start + len, first: ev, last: ev, pid })));
  // The scans LifeIndex used before it searched (runs per node sorted by start).
  const sortedOf = (rs: LifeRun[], node: string) => rs.filter((r) => r.node === node).sort((a, b) => a.start - b.start);
  const lastBefore = (rs: LifeRun[], node: string, t: number) => {
    const l = sortedOf(rs, node);
    for (let i = l.length - 1; i >= 0; i--) {
      const r = l[i];
      if (r.start > t) continue;
      return r.end <= t ? r.end : r.start;
    }
    return null;
  };
  const firstAfterScan = (rs: LifeRun[], node: string, t: number) => {
    for (const r of sortedOf(rs, node)) {
      if (r.end <= t) continue;
      return r.start > t ? r.start : r.end;
    }
    return null;
  };
  it('lastBefore and firstAfter equal the scans, for overlapping and unsorted runs too', () => {
    fc.assert(
      fc.property(runs, fc.array(time, { minLength: 1, maxLength: 10 }), (rs, ts) => {
        const fromList = new LifeIndex(rs);
        const byNode = new Map<string, LifeRun[]>();
        for (const r of rs) byNode.set(r.node, [...(byNode.get(r.node) ?? []), r]);
        const fromMap = new LifeIndex(byNode);
        for (const ix of [fromList, fromMap])
          for (const node of ['a', 'b'])
            for (const t of ts) {
              expect(ix.lastBefore(node, t)?.at ?? null).toBe(lastBefore(rs, node, t));
              expect(ix.firstAfter(node, t)?.at ?? null).toBe(firstAfterScan(rs, node, t));
            }
      }),
      { numRuns: 300 },
    );
  });
});

describe('SpanIndex and lane lookups', () => {
  const span = fc.tuple(
    time,
    fc.option(fc.integer({ min: -3, max: 20 }), { nil: null }),
    fc.constantFrom('a', 'b'),
    fc.constantFrom('master', 'replica', 'down') as fc.Arbitrary<RoleSpan['role']>,
  );
  it('covering(t) holds exactly the spans with start ≤ t ≤ end, in list order', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 25 }), fc.array(fc.integer({ min: -2, max: 90 }), { maxLength: 12 }), (raw, ts) => {
        const spans = raw.map(([start, len, node, role]) => ({ start, end: len === null ? null : start + len, node, role }));
        const ix = new SpanIndex(spans);
        for (const t of ts) {
          const got = ix.covering(t).filter((s) => s.start <= t && (s.end === null || s.end >= t));
          expect(got).toEqual(spans.filter((s) => s.start <= t && (s.end === null || s.end >= t)));
        }
      }),
      { numRuns: 300 },
    );
  });
  it('roleBefore and lastStartedBefore equal filter().pop()', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 25 }), fc.boolean(), fc.array(time, { maxLength: 8 }), (raw, sortIt, ts) => {
        let roles: RoleSpan[] = raw.map(([start, len, node, role]) => ({
          node,
          role,
          start,
          end: len === null ? null : start + Math.abs(len),
        }));
        if (sortIt) roles = [...roles].sort((a, b) => a.start - b.start);
        for (const t of ts)
          for (const node of ['a', 'b']) {
            const want = roles.filter((r) => r.node === node && r.start < t && (r.role === 'master' || r.role === 'replica')).pop() ?? null;
            expect(roleBefore(roles, node, t)).toBe(want);
          }
        for (const t of ts) expect(lastStartedBefore(roles, t)).toBe(roles.filter((r) => r.start < t).pop() ?? null);
      }),
      { numRuns: 300 },
    );
  });
});

describe('causalPairs', () => {
  // The scan causalPairs was before it indexed (verdict/clock.ts at 432a86b).
  function reference(events: readonly TimelineEvent[]) {
    const W = 60_000;
    const out: Array<[number, number]> = [];
    const nearest = (list: readonly TimelineEvent[], at: number) => {
      let best: TimelineEvent | null = null;
      for (const x of list) if (Math.abs(x.at - at) <= W && (!best || Math.abs(x.at - at) < Math.abs(best.at - at))) best = x;
      return best;
    };
    const marks = events.filter((e) => e.kind === 'cluster.fail-marked' && e.node && e.fields.subject);
    for (const r of events) {
      if (r.kind !== 'cluster.fail-received' || !r.fields.sender || !r.fields.subject) continue;
      const m = nearest(
        marks.filter((x) => x.node === r.fields.sender && x.fields.subject === r.fields.subject),
        r.at,
      );
      if (m && m.source !== r.source) out.push([m.line, r.line]);
    }
    const started = events.filter((e) => e.kind === 'election.started' && e.node && e.fields.epoch !== undefined);
    const won = events.filter((e) => e.kind === 'election.won' && e.node);
    for (const v of events) {
      if (v.kind !== 'vote.granted' || !v.fields.subject) continue;
      const s = started.find((x) => x.node === v.fields.subject && x.fields.epoch === v.fields.epoch);
      if (s && s.source !== v.source) out.push([s.line, v.line]);
    }
    for (const w of won) {
      const s = [...started].reverse().find((x) => x.node === w.node && x.at <= w.at && w.at - x.at <= W);
      if (!s) continue;
      const votes = events.filter(
        (v) => v.kind === 'vote.granted' && v.fields.subject === w.node && v.fields.epoch === s.fields.epoch && v.source !== w.source,
      );
      if (votes.length === 0) continue;
      out.push([votes.reduce((a, b) => (b.at < a.at ? b : a)).line, w.line]);
    }
    for (const p of events) {
      if (p.kind !== 'manual.master-paused' || !p.fields.subject) continue;
      const req = nearest(
        events.filter((x) => (x.kind === 'manual.requested' || x.kind === 'manual.force') && x.node === p.fields.subject),
        p.at,
      );
      if (req && req.source !== p.source) out.push([req.line, p.line]);
    }
    for (const r of events) {
      if (r.kind !== 'role.replica-of' || !r.fields.subject) continue;
      const w = nearest(
        won.filter((x) => x.node === r.fields.subject),
        r.at,
      );
      if (w && w.source !== r.source) out.push([w.line, r.line]);
    }
    return out;
  }
  const kinds = [
    'cluster.fail-marked',
    'cluster.fail-received',
    'election.started',
    'election.won',
    'vote.granted',
    'manual.requested',
    'manual.force',
    'manual.master-paused',
    'role.replica-of',
  ] as const;
  const node = fc.constantFrom('a', 'b', 'c');
  const event = fc.record({
    kind: fc.constantFrom(...kinds),
    at: fc.integer({ min: 0, max: 200_000 }),
    node: fc.option(node, { nil: undefined }),
    source: fc.constantFrom('x.log', 'y.log'),
    subject: fc.option(node, { nil: undefined }),
    sender: fc.option(node, { nil: undefined }),
    epoch: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  });
  it('pairs the same events as the scan, on time-sorted and unsorted timelines', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), fc.boolean(), (raw, sortIt) => {
        const list = sortIt ? [...raw].sort((a, b) => a.at - b.at) : raw;
        const events = list.map(
          (e, i) =>
            ({
              kind: e.kind,
              at: e.at,
              node: e.node,
              source: e.source,
              line: i + 1,
              fields: { subject: e.subject, sender: e.sender, epoch: e.epoch },
            }) as unknown as TimelineEvent,
        );
        expect(causalPairs(events).map((p) => [p.before.evidence.line, p.after.evidence.line])).toEqual(reference(events));
      }),
      { numRuns: 500 },
    );
  });
});

describe('episode and attempt lookups', () => {
  it('lastEpisodeAt equals the last of filter(startBounds[0] ≤ t and end ≥ t − 1)', () => {
    const ep = fc.tuple(time, fc.integer({ min: 0, max: 5 }), fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }));
    fc.assert(
      fc.property(fc.array(ep, { maxLength: 25 }), fc.array(fc.integer({ min: -2, max: 90 }), { maxLength: 10 }), (raw, ts) => {
        const eps = raw.map(([lo, d, len]) => ({ startBounds: [lo, lo + d] as [number, number], end: len === null ? null : lo + d + len }));
        for (const t of ts) {
          const want = eps.filter((e) => e.startBounds[0] <= t && (e.end === null || e.end >= t - 1)).pop() ?? null;
          expect(lastEpisodeAt(eps, t)).toBe(want);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('attemptsDelayedBetween equals filter(master, lo ≤ delayedAt ≤ hi) in list order', () => {
    const at = fc.record({ master: fc.option(fc.constantFrom('a', 'b'), { nil: null }), delayedAt: fc.option(time, { nil: null }) });
    fc.assert(
      fc.property(fc.array(at, { maxLength: 25 }), fc.constantFrom('a', 'b'), time, time, (list, master, x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const want = list.filter((a) => a.master === master && a.delayedAt !== null && a.delayedAt >= lo && a.delayedAt <= hi);
        expect(attemptsDelayedBetween(list, master, lo, hi)).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });
});
