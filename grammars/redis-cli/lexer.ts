import { Lexer } from '../chevrotain.ts';
import { lexerDefinition } from './tokens.ts';

/** The one redis-cli transcript lexer; reused for every line. */
export const redisCliLexer = new Lexer(lexerDefinition, { ensureOptimizations: true, positionTracking: 'onlyOffset' });
