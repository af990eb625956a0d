import type { Lexer as LexerType } from 'chevrotain';
import { Lexer } from '../chevrotain.ts';
import { lexerDefinition } from './tokens.ts';

let lexer: LexerType | null = null;

/** The one CLUSTER INFO / INFO / CONFIG GET lexer, made on first use (a run that reads no snapshot never builds it); reused for every line. */
export function clusterInfoLexer(): LexerType {
  return (lexer ??= new Lexer(lexerDefinition, { ensureOptimizations: true, positionTracking: 'onlyOffset' }));
}
