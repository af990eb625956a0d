import { Lexer } from '../chevrotain.ts';
import { lexerDefinition } from './tokens.ts';

/** The one `--cluster check` lexer; reused for every line. */
export const clusterCheckLexer = new Lexer(lexerDefinition, { ensureOptimizations: true, positionTracking: 'onlyOffset' });
