import type { Lexer as LexerType } from 'chevrotain';
import { Lexer } from '../chevrotain.ts';
import { lexerDefinition } from './tokens.ts';

let lexer: LexerType | null = null;

/** The one nested-reply lexer, made on first use (a run that reads no snapshot never builds it); reused for every line. Offsets are kept: they carry the nesting. */
export function clusterShardsLexer(): LexerType {
  return (lexer ??= new Lexer(lexerDefinition, { ensureOptimizations: true, positionTracking: 'onlyOffset' }));
}
