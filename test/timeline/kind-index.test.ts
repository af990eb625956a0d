// KindIndex: the events of a few kinds in list order, and the writers in order of their first
// own-log line, the same as a scan of every event gives.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { EventKind, TimelineEvent } from '../../src/model/events.ts';
import { KindIndex } from '../../src/timeline/kind-index.ts';

const KINDS: EventKind[] = [
  'server.start',
  'repl.connecting',
  'cluster.fail-marked',
  'election.started',
  'client.command',
  'snapshot.cluster-info',
];
const NODES = [null, 'a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)];

const ev = (kind: EventKind, node: string | null, line: number): TimelineEvent => ({
  at: line,
  node,
  kind,
  fields: {},
  text: '',
  source: 'x.log',
  line,
});

const events = fc
  .array(fc.tuple(fc.constantFrom(...KINDS), fc.constantFrom(...NODES)), { maxLength: 60 })
  .map((xs) => xs.map(([k, n], i) => ev(k, n, i + 1)));

describe('KindIndex', () => {
  test('eventsOf gives the events of the kinds asked, in list order', () => {
    fc.assert(
      fc.property(events, fc.subarray(KINDS), (evs, ks) => {
        const want = evs.filter((e) => ks.includes(e.kind));
        expect(KindIndex.of(evs).eventsOf(...ks)).toEqual(want);
      }),
    );
  });

  test('writers are the nodes of own-log lines, in order of their first one', () => {
    fc.assert(
      fc.property(events, (evs) => {
        const want: string[] = [];
        for (const e of evs)
          if (e.node && !e.kind.startsWith('client.') && !e.kind.startsWith('snapshot.') && !want.includes(e.node)) want.push(e.node);
        expect(KindIndex.of(evs).writers()).toEqual(want);
      }),
    );
  });

  test('over another list reads its events at the same places, and its own writers', () => {
    const a = [ev('server.start', 'a'.repeat(40), 1), ev('client.command', 'c'.repeat(40), 2), ev('server.start', null, 3)];
    const b = a.map((e, i) => (i === 2 ? { ...e, node: 'b'.repeat(40) } : e));
    const ix = KindIndex.of(a).over(b);
    expect(ix.eventsOf('server.start')).toEqual([b[0], b[2]]);
    expect(ix.writers()).toEqual(['a'.repeat(40), 'b'.repeat(40)]);
    expect(ix.kinds((k) => k.startsWith('client.'))).toEqual(['client.command']);
  });
});
