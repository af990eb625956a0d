import { Lexer } from '../chevrotain.ts';
import { allTokens } from './tokens.ts';

/** The one CLUSTER NODES lexer; reused for every line. */
export const clusterNodesLexer = new Lexer(allTokens, { ensureOptimizations: true, positionTracking: 'onlyOffset' });
