import type { Lexer as LexerType } from 'chevrotain';
import { Lexer } from '../chevrotain.ts';
import { lexerDefinition } from './tokens.ts';

let lexer: LexerType | null = null;

/** The one `--cluster check` lexer, made on first use (a run that reads no snapshot never builds it); reused for every line. */
export function clusterCheckLexer(): LexerType {
  return (lexer ??= new Lexer(lexerDefinition, { ensureOptimizations: true, positionTracking: 'onlyOffset' }));
}
