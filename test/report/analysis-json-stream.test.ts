// analyze --format json is written in pieces; the bytes must be exactly JSON.stringify(v, null, 2).
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadTimeline } from '../../src/pipeline.ts';
import { analysisJsonChunks, jsonPieces, renderAnalysisJson } from '../../src/report/analysis-json.ts';
import { analyzeTimeline } from '../../src/pipeline.ts';

describe('JSON in pieces', () => {
  test('any JSON value: the pieces join to JSON.stringify(v, null, 2) + newline', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect([...jsonPieces(v)].join('')).toBe(`${JSON.stringify(v, null, 2)}\n`);
      }),
      { numRuns: 2000, seed: 18 },
    );
    // Leaves JSON.stringify writes its own way.
    const odd = { a: undefined, b: [undefined, NaN, -0, Infinity, () => 1], c: {}, d: [], e: 'é\u0000"\\\u2028' };
    expect([...jsonPieces(odd)].join('')).toBe(`${JSON.stringify(odd, null, 2)}\n`);
  });

  test('a large value comes as many pieces, none of them large', () => {
    const big = { rows: Array.from({ length: 20_000 }, (_, i) => ({ i, text: `line ${i} `.repeat(5) })) };
    const pieces = [...jsonPieces(big)];
    expect(pieces.length).toBeGreaterThan(10);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(70 * 1024);
    expect(pieces.join('')).toBe(`${JSON.stringify(big, null, 2)}\n`);
  });

  test('every recorded incident: byte-identical to the one-string rendering', async () => {
    for (const name of readdirSync('fixtures/incidents').sort()) {
      const analysis = analyzeTimeline(await loadTimeline([`fixtures/incidents/${name}`]), { nodeTimeoutMs: 2000 });
      expect([...analysisJsonChunks(analysis)].join('')).toBe(renderAnalysisJson(analysis));
    }
  });
});
