// specs/common.ts ms() reads the analysis' ISO times digit by digit; it must agree with Date.parse.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ms } from '../../src/report/specs/common.ts';

describe('ms (ISO time to epoch ms)', () => {
  test('any time from year 1000 to 9999: the same number as Date.parse', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (t) => {
        const iso = new Date(t).toISOString();
        expect(ms(iso)).toBe(Date.parse(iso));
        expect(ms(iso)).toBe(t);
      }),
      { numRuns: 5000, seed: 3 },
    );
  });

  test('odd strings go to Date.parse and get its answer', () => {
    for (const s of [
      '2026-02-30T00:00:00.000Z',
      '2026-01-31T23:59:59.999Z',
      '2026-01-01T24:00:00.000Z',
      '2026-01-01T23:59:60.000Z',
      '0099-01-01T00:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000+01:00',
      '2026-01-01 00:00:00.000Z',
      '2026-01-01T00:00:00.00xZ',
      '',
      'garbage',
    ])
      expect(ms(s)).toStrictEqual(Date.parse(s));
  });
});
