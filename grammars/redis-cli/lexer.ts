import { Lexer } from 'chevrotain';
import { lexerDefinition } from './tokens.ts';

/** The one redis-cli transcript lexer; reused for every line. */
export const redisCliLexer = new Lexer(lexerDefinition, { ensureOptimizations: true, positionTracking: 'onlyOffset' });
