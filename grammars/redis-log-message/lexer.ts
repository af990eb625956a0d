import { Lexer } from '../chevrotain.ts';
import { allTokens } from './tokens.ts';

/**
 * One module-level lexer for message text and templates. `ensureOptimizations` makes a token definition
 * that defeats chevrotain's first-char optimisation fail at import time instead of silently running slow.
 */
export const messageLexer = new Lexer(allTokens, {
  ensureOptimizations: true,
  positionTracking: 'onlyOffset',
  skipValidations: false,
});
