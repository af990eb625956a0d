import type { Lexer as LexerType } from 'chevrotain';
import { Lexer } from '../chevrotain.ts';
import { allTokens } from './tokens.ts';

let lexer: LexerType | null = null;

/** The one CLUSTER NODES lexer, made on first use (a run that reads no snapshot never builds it); reused for every line. */
export function clusterNodesLexer(): LexerType {
  return (lexer ??= new Lexer(allTokens, { ensureOptimizations: true, positionTracking: 'onlyOffset' }));
}
