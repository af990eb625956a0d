import { Lexer } from '../chevrotain.ts';
import { lexerDefinition } from './tokens.ts';

/** The one CLUSTER INFO / INFO / CONFIG GET lexer; reused for every line. */
export const clusterInfoLexer = new Lexer(lexerDefinition, { ensureOptimizations: true, positionTracking: 'onlyOffset' });
