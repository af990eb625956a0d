// lexMessage (src/parse/lex.ts) is a hand-written copy of the grammar's chevrotain message lexer for
// speed: it must give the same tokens (type, image, offset) for every text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CATALOG, messageLexer, SAMPLES } from '../../grammars/redis-log-message/index.ts';
import { lexMessage } from '../../src/parse/lex.ts';
import { laneLines } from '../helpers/lane.ts';

const shape = (tokens: ReturnType<typeof lexMessage>) => tokens.map((t) => [t.tokenType.name, t.image, t.startOffset]);
const same = (text: string): void =>
  void expect(shape(lexMessage(text)), JSON.stringify(text)).toEqual(shape(messageLexer.tokenize(text).tokens));
/** The same tokens as one string: compared first, so `expect` (slow per call) runs only on a difference. */
const key = (tokens: ReturnType<typeof lexMessage>) =>
  tokens.map((t) => `${t.tokenType.name}\u0000${t.image}\u0000${t.startOffset}`).join('\u0001');
const sameFast = (text: string): void => {
  if (key(lexMessage(text)) !== key(messageLexer.tokenize(text).tokens)) same(text);
};

/** Every line of the fixtures (the fast lane: a sample of the version recordings, helpers/lane.ts). */
function logLines(dir: string, out: string[], seen = new Set<string>()): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) logLines(p, out, seen);
    else if (name.endsWith('.log') || name.endsWith('.md') || name.endsWith('.txt'))
      out.push(...laneLines(p, readFileSync(p, 'utf8').split('\n'), seen));
  }
}

describe('lexMessage equals the grammar lexer', () => {
  test('catalog samples and templates', () => {
    for (const s of Object.values(SAMPLES)) same(s);
    for (const e of CATALOG) same(e.template);
  });

  test('every line of the fixtures', () => {
    const lines: string[] = [];
    logLines('fixtures', lines);
    expect(lines.length).toBeGreaterThan(10_000);
    for (const l of lines) sameFast(l);
  });

  test('edge cases', () => {
    for (const s of [
      '.1:7000',
      '-a:1',
      ']:80',
      'a.b:1.',
      'x:12ab',
      '7.0.15,',
      '1.2.',
      '1..2',
      '::1:7000',
      '[::1]:7000 x',
      'é:1',
      'abc:',
      '\u00ff\u2028\v\f',
      'a'.repeat(40),
      'a'.repeat(41),
      `${'f'.repeat(40)}:7000`,
      `${'f'.repeat(40)}_`,
      `${'0'.repeat(40)}.5`,
      'SYNC::5',
      'h-:1',
      'h:1-',
      'x:1.',
      '\ud83d\ude00:1',
      '',
    ])
      same(s);
  });

  test('random texts', () => {
    const ch = fc.constantFrom(...'0123456789abcdefxyzABSIG_.-:[]@ ,=()#\t\u00e9\u2028/'.split(''));
    fc.assert(
      fc.property(
        fc.array(ch, { maxLength: 60 }).map((a) => a.join('')),
        (s) => {
          same(s);
        },
      ),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        same(s);
      }),
      { numRuns: 1000 },
    );
    // Node ids and addresses glued to neighbours
    const hex = fc.array(fc.constantFrom(...'0123456789abcdef'.split('')), { minLength: 38, maxLength: 42 }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.oneof(hex, ch.map(String)), { maxLength: 6 }).map((a) => a.join('')),
        (s) => {
          same(s);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
