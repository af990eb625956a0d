// The byte-prefix fast path of the message memo (src/parse/memo.ts, message.ts decidingPrefixes)
// must never answer differently from the catalog itself: it only exists to skip decoding and
// classifying routine lines that never repeat (issue #8).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../../grammars/redis-log-message/index.ts';
import { MemoAnswer, MessageMemo } from '../../src/parse/memo.ts';
import { classifyMessage, decidingPrefixes } from '../../src/parse/message.ts';

const kindOf = (c: ReturnType<typeof classifyMessage>) => (c === null ? 'unknown' : c.kind);

describe('deciding prefixes', () => {
  const prefixes = decidingPrefixes();

  it('include the routine lines redis 7.0 writes at verbose level that never repeat', () => {
    expect(prefixes).toContainEqual({ prefix: 'Client closed connection ', tail: 'text' });
    expect(prefixes).toContainEqual({ prefix: 'Accepted ', tail: 'addr' });
    expect(prefixes.length).toBeGreaterThan(20);
  });

  const shaped = {
    text: fc.stringMatching(/^[\x20-\x7e]{0,80}[\x21-\x7e]$/),
    int: fc.stringMatching(/^-?[0-9]{1,12}$/),
    num: fc.stringMatching(/^[0-9.]{1,12}$/),
    addr: fc.stringMatching(/^[\x21-\x7e]{1,30}:[0-9]{1,5}$/),
  };

  it('every message made of one and a tail of its shape is ignored by the catalog', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...prefixes).chain((p) => fc.tuple(fc.constant(p.prefix), shaped[p.tail])),
        ([p, s]) => {
          expect(kindOf(classifyMessage(p + s))).toBe('ignored');
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('the memo answers like classifyMessage for any text after a deciding prefix', () => {
    const memo = new MessageMemo();
    const answer = new MemoAnswer();
    const any = fc.oneof(shaped.text, shaped.int, shaped.addr, fc.string({ maxLength: 40 }), fc.stringMatching(/^[0-9a-f: ]{0,30}$/));
    fc.assert(
      fc.property(fc.constantFrom(...prefixes.map((p) => p.prefix)), any, (p, s) => {
        const t = p + s;
        const b = Buffer.from(t, 'utf8');
        expect(kindOf(memo.classify(b, 0, b.length, answer).cls)).toBe(kindOf(classifyMessage(t)));
      }),
      { numRuns: 4000 },
    );
  });

  it('the memo agrees with classifyMessage on every catalog sample, on the real 7.0.15 client line, and on near misses', () => {
    const memo = new MessageMemo();
    const answer = new MemoAnswer();
    const texts = [
      ...Object.values(SAMPLES),
      'Client closed connection id=4 addr=127.0.0.1:47836 laddr=127.0.0.1:21001 fd=8 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=20474 argv-mem=0 multi-mem=0 rbs=16384 rbp=16384 obl=0 oll=0 omem=0 tot-mem=37632 events=r cmd=set user=default redir=-1 resp=2',
      'Client closed connection ',
      'Client closed connection',
      'Client closed connection x ',
      'Client closed connection \u00e9',
      'Accepted 10.1.2.3:45678',
      'Accepted 10.1.2.3:',
      'Accepted :1',
      'Background saving started by pid 2903',
      'Background saving started by pid -',
      ...prefixes.map((p) => p.prefix.trimEnd()),
      ...prefixes.map((p) => `${p.prefix}x`),
      ...prefixes.map((p) => `${p.prefix}1`),
    ];
    for (const t of texts) {
      const b = Buffer.from(t, 'utf8');
      const fromMemo = memo.classify(b, 0, b.length, answer).cls;
      expect(kindOf(fromMemo), t).toBe(kindOf(classifyMessage(t)));
      // twice: the second answer may come from the cache
      expect(kindOf(memo.classify(b, 0, b.length, answer).cls), t).toBe(kindOf(classifyMessage(t)));
    }
  });
});
