import { Lexer } from '../chevrotain.ts';
import { lexerDefinition } from './tokens.ts';

/** The one nested-reply lexer; reused for every line. Offsets are kept: they carry the nesting. */
export const clusterShardsLexer = new Lexer(lexerDefinition, { ensureOptimizations: true, positionTracking: 'onlyOffset' });
