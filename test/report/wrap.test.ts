// wrap() cuts single-spaced text by slices; it must fill lines exactly as filling word by word does.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { wrap } from '../../src/report/analysis-text.ts';

/** The rule spelled out: words (runs of non-whitespace), greedily filled, a long word alone. */
function byWords(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let cur: string[] = [];
  for (const w of text.split(/\s+/).filter(Boolean)) {
    if (cur.length > 0 && indent.length + [...cur, w].join(' ').length > width) {
      lines.push(indent + cur.join(' '));
      cur = [];
    }
    cur.push(w);
  }
  if (cur.length > 0) lines.push(indent + cur.join(' '));
  return lines.join('\n');
}

describe('wrap', () => {
  test('fills lines as the word-by-word rule does, for any text, width and indent', () => {
    const text = fc.oneof(
      fc.stringMatching(/^[ a-z\t\u00a0\n]{0,80}$/),
      // single-spaced words, the slice path
      fc.array(fc.stringMatching(/^[a-z]{1,14}$/), { maxLength: 12 }).map((ws) => ws.join(' ')),
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 30 }), fc.constantFrom('', '  ', '          '), (t, width, indent) => {
        expect(wrap(t, width, indent)).toBe(byWords(t, width, indent));
      }),
      { numRuns: 5000, seed: 7 },
    );
  });

  test('a concrete paragraph', () => {
    expect(wrap('a bb ccc dddd eeeee', 8, '  ')).toBe('  a bb\n  ccc\n  dddd\n  eeeee');
    expect(wrap('averyveryverylongword x', 6)).toBe('averyveryverylongword\nx');
    expect(wrap('   ', 10)).toBe('');
  });
});
