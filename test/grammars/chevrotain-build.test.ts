// grammars/chevrotain.ts loads chevrotain's single-file build for start-up time; it must be the same
// chevrotain as the package entry: same version, same exported names, and the grammars built with it
// must lex and parse as the tests of every grammar expect (they all run on it).
import { describe, expect, it } from 'vitest';
import * as pkg from 'chevrotain';
import { ANY_CHAR_HINT, CHEVROTAIN_BUILD, CstParser, createToken, Lexer } from '../../grammars/chevrotain.ts';

describe('chevrotain build used by the grammars', () => {
  it('is the single-file build shipped in the installed package', () => {
    expect(CHEVROTAIN_BUILD).toBe('single-file');
  });
  it('is the same version with the same exports as the package entry', async () => {
    const url = new URL('../chevrotain.mjs', import.meta.resolve('chevrotain'));
    const single = (await import(url.href)) as typeof pkg;
    expect(single.VERSION).toBe(pkg.VERSION);
    expect(Object.keys(single).sort()).toEqual(Object.keys(pkg).sort());
    // And what the grammars use is that build, not the package entry (two instances would not mix).
    expect(Lexer).toBe(single.Lexer);
    expect(CstParser).toBe(single.CstParser);
    expect(createToken).toBe(single.createToken);
    expect(Lexer).not.toBe(pkg.Lexer);
  });
  it('gives rest-of-line tokens every character but CR and LF as start hints, once for all grammars', () => {
    expect(ANY_CHAR_HINT.length).toBe(1 + 0xffff - 31);
    expect(ANY_CHAR_HINT.slice(0, 3)).toEqual([9, 32, 33]);
    expect(ANY_CHAR_HINT[ANY_CHAR_HINT.length - 1]).toBe(0xffff);
    expect(ANY_CHAR_HINT.every((c, i) => i === 0 || c === ANY_CHAR_HINT[i - 1] + 1 || (i === 1 && c === 32))).toBe(true);
    expect(ANY_CHAR_HINT).not.toContain(10);
    expect(ANY_CHAR_HINT).not.toContain(13);
  });
});
