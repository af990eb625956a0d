// records.ts reads logcli jsonl records in place, without JSON.parse. Whatever a record holds, the
// unwrapped line must be what JSON.parse gives: the same record with a space after each separator
// (valid JSON, not the compact form) takes the JSON.parse path, so the two are compared field by field.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Header } from '../../src/parse/prefix.ts';
import { unwrapLine, Wrap, WRAP_NAMES } from '../../src/parse/wrappers.ts';

function unwrapped(line: string, w = new Wrap()) {
  const b = Buffer.from(line, 'utf8');
  const kind = unwrapLine(b, 0, b.length, w, new Header());
  return {
    kind: WRAP_NAMES[kind],
    inner: w.buf.subarray(w.start, w.end).toString('hex'),
    stream: w.stream,
    form: w.form,
    stamp: { kind: w.stamp.kind, at: w.stamp.at, grain: w.stamp.grainMs },
  };
}

/** The compact form logcli writes, and the same JSON with spaces (parsed by JSON.parse). */
function forms(labels: string, line: string, ts: string): [string, string] {
  return [`{"labels":${labels},"line":${line},"timestamp":${ts}}`, `{"labels": ${labels}, "line": ${line}, "timestamp": ${ts}}`];
}

describe('Loki jsonl read in place', () => {
  test('any message, labels and time: the same inner line, label set, time and form as JSON.parse gives', () => {
    // Message and time as JSON string literals, some with escapes, controls, non-ASCII, broken escapes.
    const jsonString = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }).map((s) => JSON.stringify(s)),
      fc.stringMatching(/^"[ -~]{0,40}"$/),
      fc.array(fc.constantFrom('a', '\\', '\u0001', '\t', '"', 'é'), { maxLength: 12 }).map((cs) => `"${cs.join('')}"`),
    );
    const labels = fc
      .dictionary(fc.stringMatching(/^[a-z_]{1,8}$/), fc.oneof(fc.stringMatching(/^[a-z0-9-]{0,10}$/), fc.string({ maxLength: 6 })), {
        maxKeys: 4,
      })
      .map((o) => JSON.stringify(o));
    const time = fc.oneof(
      fc.integer({ min: 0, max: 4e12 }).map((t) => JSON.stringify(new Date(t).toISOString())),
      fc.constantFrom(
        '"2026-04-06T00:00:00.123456789Z"',
        '"1700000000123"',
        '"2026-04-06 00:00:00,5"',
        '"x"',
        '""',
        '"2026-04-06T00:00:00.' + '1'.repeat(70) + 'Z"',
      ),
      jsonString,
    );
    const w1 = new Wrap();
    const w2 = new Wrap();
    fc.assert(
      fc.property(labels, jsonString, time, (l, m, t) => {
        const [compact, spaced] = forms(l, m, t);
        expect(unwrapped(compact, w1)).toEqual(unwrapped(spaced, w2));
      }),
      { numRuns: 1500, seed: 12 },
    );
  });

  test('a record read in place keeps its bytes; one with escapes is decoded', () => {
    const plain = unwrapped(
      '{"labels":{"pod":"redis-0"},"line":"1:M 06 Apr 2026 00:00:00.000 * Ready","timestamp":"2026-04-06T00:00:00.000Z"}',
    );
    expect(plain).toMatchObject({ kind: 'json-record', form: 'loki-jsonl', stream: '{pod="redis-0"}' });
    expect(Buffer.from(plain.inner, 'hex').toString()).toBe('1:M 06 Apr 2026 00:00:00.000 * Ready');
    const escaped = unwrapped('{"labels":{"pod":"a"},"line":"tab\\there \\u00e9","timestamp":"2026-04-06T00:00:00.000Z"}');
    expect(Buffer.from(escaped.inner, 'hex').toString()).toBe('tab\there é');
    // A raw control byte is not JSON, whichever path reads it.
    expect(unwrapped('{"labels":{"pod":"a"},"line":"a\u0001b","timestamp":"2026-04-06T00:00:00.000Z"}').kind).toBe('bad-json');
  });
});
