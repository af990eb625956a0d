// The byte-shape fast path of the message memo (src/parse/memo.ts, message.ts decidingShapes) must
// never answer differently from the catalog itself: it only skips decoding and classifying routine
// lines whose numbers change every time ("DB 0: 1234 keys (0 volatile) in 2048 slots HT.").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../../grammars/redis-log-message/index.ts';
import { MemoAnswer, MessageMemo } from '../../src/parse/memo.ts';
import { classifyMessage, decidingShapes, type DecidingShape } from '../../src/parse/message.ts';

const kindOf = (c: ReturnType<typeof classifyMessage>) => (c === null ? 'unknown' : c.kind);

const span = {
  int: fc.stringMatching(/^-?[0-9]{1,12}$/),
  num: fc.stringMatching(/^[0-9.]{1,12}$/),
};
const tail = {
  '': fc.constant(''),
  text: fc.stringMatching(/^[\x20-\x7e]{0,60}[\x21-\x7e]$/),
  int: span.int,
  num: span.num,
  addr: fc.stringMatching(/^[\x21-\x7e]{1,30}:[0-9]{1,5}$/),
};

/** A message spelt as the shape, with spans and tail drawn from their shapes. */
function spelt(d: DecidingShape): fc.Arbitrary<string> {
  return fc
    .tuple(fc.tuple(...d.steps.map((st) => span[st.span])), tail[d.tail])
    .map(([spans, rest]) => d.lead + d.steps.map((st, i) => spans[i] + st.text).join('') + rest);
}

describe('deciding shapes', () => {
  const shapes = decidingShapes();

  it("include redis's verbose per-database key count", () => {
    expect(shapes).toContainEqual({
      lead: 'DB ',
      steps: [
        { span: 'int', text: ': ' },
        { span: 'int', text: ' keys (' },
        { span: 'int', text: ' volatile) in ' },
        { span: 'int', text: ' slots HT.' },
      ],
      tail: '',
    });
    // Its real line (redis 7.0 serverCron, verbose) is one of them.
    expect(kindOf(classifyMessage('DB 0: 377192 keys (2749 volatile) in 524288 slots HT.'))).toBe('ignored');
  });

  it('never let a literal after a span start with a byte the span could hold', () => {
    for (const d of shapes) for (const st of d.steps) expect(st.text, d.lead).toMatch(/^[^0-9.-]/);
  });

  it('every message spelt as one is ignored by the catalog', () => {
    fc.assert(
      fc.property(fc.constantFrom(...shapes).chain(spelt), (m) => {
        expect(kindOf(classifyMessage(m))).toBe('ignored');
      }),
      { numRuns: 4000, seed: 20261204 },
    );
  });

  it('the memo answers like classifyMessage for shapes with a byte changed, cut or added', () => {
    const memo = new MessageMemo();
    const answer = new MemoAnswer();
    const edited = fc
      .tuple(fc.constantFrom(...shapes).chain(spelt), fc.nat(), fc.constantFrom('', ' ', '-', '.', '0', 'x', ':', '\u00e9'), fc.nat(3))
      .map(([m, at, c, cut]) => {
        const i = at % (m.length + 1);
        return m.slice(0, i) + c + m.slice(i + cut);
      });
    fc.assert(
      fc.property(edited, (t) => {
        const b = Buffer.from(t, 'utf8');
        expect(kindOf(memo.classify(b, 0, b.length, answer).cls), t).toBe(kindOf(classifyMessage(t)));
      }),
      { numRuns: 6000, seed: 20261204 },
    );
  });

  it('the memo agrees with classifyMessage on every catalog sample and on near misses of the key count', () => {
    const memo = new MessageMemo();
    const answer = new MemoAnswer();
    const texts = [
      ...Object.values(SAMPLES),
      'DB 0: 1 keys (0 volatile) in 4 slots HT.',
      'DB -1: 1 keys (0 volatile) in 4 slots HT.',
      'DB 0: 1 keys (0 volatile) in 4 slots HT',
      'DB 0: 1 keys (0 volatile) in 4 slots HT. ',
      'DB 0:  1 keys (0 volatile) in 4 slots HT.',
      'DB : 1 keys (0 volatile) in 4 slots HT.',
      'DB 0: 1.5 keys (0 volatile) in 4 slots HT.',
      'DB 0: 1 keys (0 volatile) in 4 slots HT.x',
      'DB loaded from disk: 0.000 seconds',
      'DB loaded from disk: . seconds',
      'DB loaded from disk: seconds',
      'Killed by PID: 1, UID: 0',
      'Killed by PID: 1, UID: ',
      ...shapes.map((d) => d.lead.trimEnd()),
      ...shapes.map((d) => d.lead + d.steps.map((st) => `7${st.text}`).join('')),
      ...shapes.map((d) => `${d.lead + d.steps.map((st) => `7${st.text}`).join('')}x`),
    ];
    for (const t of texts) {
      const b = Buffer.from(t, 'utf8');
      expect(kindOf(memo.classify(b, 0, b.length, answer).cls), t).toBe(kindOf(classifyMessage(t)));
      // twice: the second answer may come from the cache
      expect(kindOf(memo.classify(b, 0, b.length, answer).cls), t).toBe(kindOf(classifyMessage(t)));
    }
  });
});
