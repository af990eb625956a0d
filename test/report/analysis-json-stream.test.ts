// analyze --format json is written in pieces; the bytes must be exactly JSON.stringify(v, null, 2).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadTimeline } from '../../src/pipeline.ts';
import { analysisJsonChunks, jsonPieces, renderAnalysisJson } from '../../src/report/analysis-json.ts';
import { analyzeTimeline } from '../../src/pipeline.ts';
import { analysisMarkdownChunks, BlankLineSqueeze, renderAnalysisMarkdown } from '../../src/report/analysis-markdown.ts';
import { analysisTextChunks, renderAnalysisText } from '../../src/report/analysis-text.ts';
import { FAST_LANE, inLane } from '../helpers/lane.ts';

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

  test('with a key order: every object, small or deep, in that order, wherever it sits', () => {
    const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    // JSON.stringify(v, null, 2) with each object's keys sorted; written out here, since an object
    // cannot hold integer-like keys ("0") after others.
    const sorted = (v: unknown, indent = ''): string => {
      if (v === null || typeof v !== 'object') return JSON.stringify(v);
      const inner = `${indent}  `;
      const rows = Array.isArray(v)
        ? v.map((x) => inner + sorted(x, inner))
        : Object.keys(v)
            .sort(byName)
            .map((k) => `${inner}${JSON.stringify(k)}: ${sorted((v as Record<string, unknown>)[k], inner)}`);
      const [l, r] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
      return rows.length === 0 ? l + r : `${l}\n${rows.join(',\n')}\n${indent}${r}`;
    };
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        expect([...jsonPieces(v, byName)].join('')).toBe(`${sorted(v)}\n`);
      }),
      { numRuns: 2000, seed: 41 },
    );
    // Past the size written in one go, and out of order below it: both still sorted.
    const deep = { z: Array.from({ length: 600 }, (_, i) => ({ y: i, x: [{ b: 1, a: 2 }] })), a: { d: 1, c: { f: 1, e: 2 } } };
    expect([...jsonPieces(deep, byName)].join('')).toBe(`${sorted(deep)}\n`);
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

  // The full lane only (12 s for the fast lane's slice): the fast lane checks fixtures/incidents above.
  test.skipIf(FAST_LANE)('every version recording: JSON, text and markdown pieces join to the one-string rendering', async () => {
    for (const label of readdirSync('fixtures/versions').sort())
      for (const scenario of readdirSync(join('fixtures/versions', label)).sort()) {
        if (!inLane(label, scenario)) continue;
        const analysis = analyzeTimeline(await loadTimeline([join('fixtures/versions', label, scenario)]), {});
        expect([...analysisJsonChunks(analysis)].join('')).toBe(renderAnalysisJson(analysis));
        expect([...analysisTextChunks(analysis)].join('')).toBe(renderAnalysisText(analysis));
        expect([...analysisMarkdownChunks(analysis)].join('')).toBe(renderAnalysisMarkdown(analysis));
      }
  });

  test('markdown: blank lines squeezed across pieces exactly as a replace over the whole text', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a\n]{0,8}$/), { maxLength: 12 }), (parts) => {
        const squeeze = new BlankLineSqueeze();
        const out = parts.map((p) => squeeze.push(p)).join('') + squeeze.end();
        expect(out).toBe(parts.join('').replace(/\n{3,}/g, '\n\n'));
      }),
      { numRuns: 3000, seed: 15 },
    );
  });

  test('an analysis of thousands of failovers and findings: many pieces, the same text', async () => {
    const one = analyzeTimeline(await loadTimeline(['fixtures/incidents/master-sigkill']), { nodeTimeoutMs: 2000 });
    const c = one.clusters[0];
    const many = {
      ...one,
      clusters: [
        {
          ...c,
          failovers: Array.from({ length: 1500 }, () => c.failovers).flat(),
          outages: Array.from({ length: 1500 }, () => c.outages).flat(),
          findings: Array.from({ length: 1500 }, () => c.findings).flat(),
        },
      ],
    };
    const text = [...analysisTextChunks(many)];
    const md = [...analysisMarkdownChunks(many)];
    expect(text.length).toBeGreaterThan(5);
    expect(md.length).toBeGreaterThan(3);
    // Every text piece ends at a line end (the CLI paints colours line by line).
    expect(text.every((p) => p.endsWith('\n'))).toBe(true);
    // No run of blank lines survives a piece boundary.
    expect(md.join('')).not.toContain('\n\n\n');
    // Each failover block once per copy: nothing lost or doubled at the boundaries.
    const blocks = (t: string, re: RegExp) => t.match(re)?.length ?? 0;
    expect(blocks(text.join(''), /^ {6}unavailable /gm)).toBe(many.clusters[0].failovers.length);
    expect(blocks(md.join(''), /^\| automatic \|/gm)).toBe(many.clusters[0].failovers.length);
  });
});
