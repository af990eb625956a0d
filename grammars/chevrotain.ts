/*
 * The one place the grammars load chevrotain from.
 *
 * chevrotain 11's package entry (lib/src/api.js) imports lodash-es as some 600 small ES modules:
 * resolving and compiling them took 0.5 s of every failscope run's start-up on Node 20 (0.67 s to
 * import the package against 0.16 s here). The same package ships the same version as one file,
 * lib/chevrotain.mjs (it exports the same names; test/grammars/chevrotain-build.test.ts checks both),
 * which its exports map does not list, so it is found next to the resolved entry point. Should a
 * later version not ship it, the package entry is used.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Chevrotain from 'chevrotain';

function bundleUrl(): string | null {
  try {
    const entry = createRequire(import.meta.url).resolve('chevrotain'); // …/chevrotain/lib/src/api.js
    const bundle = new URL('../chevrotain.mjs', pathToFileURL(entry));
    return existsSync(fileURLToPath(bundle)) ? bundle.href : null;
  } catch {
    return null;
  }
}

const url = bundleUrl();
const chevrotain = (url ? await import(url) : await import('chevrotain')) as typeof Chevrotain;

/** Which build was loaded (for the test that compares them). */
export const CHEVROTAIN_BUILD: 'single-file' | 'package' = url ? 'single-file' : 'package';
export const { createToken, Lexer, CstParser, generateCstDts } = chevrotain;

/**
 * Every character but CR/LF may start a rest-of-line token (a complement set cannot be optimized): tab
 * and U+0020…U+FFFF, for start_chars_hint. One list for every grammar, filled by a loop (spreading an
 * Array.from of 65k items took ~10 ms of start-up per grammar).
 */
export const ANY_CHAR_HINT: number[] = (() => {
  const hint = [9];
  for (let c = 32; c <= 0xffff; c++) hint.push(c);
  return hint;
})();
