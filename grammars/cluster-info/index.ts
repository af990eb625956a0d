import type { CstNode, ILexingError, IRecognitionException } from 'chevrotain';
import { clusterInfoLexer } from './lexer.ts';
import { ClusterInfoParser } from './parser.ts';

export { ClusterInfoParser } from './parser.ts';
export { clusterInfoLexer } from './lexer.ts';
export * as clusterInfoTokens from './tokens.ts';
export { clusterInfoSamples } from './samples.ts';

/** The one parser instance; reset per line. */
export const clusterInfoParser = new ClusterInfoParser();

export interface ClusterInfoParse {
  cst: CstNode | undefined;
  lexErrors: ILexingError[];
  parseErrors: IRecognitionException[];
}

/** Parse one `key:value` / `# Section` / `N) "value"` line. Never throws on bad input. */
export function parseClusterInfoLine(text: string): ClusterInfoParse {
  const lexed = clusterInfoLexer.tokenize(text);
  clusterInfoParser.input = lexed.tokens;
  const cst = clusterInfoParser.line();
  return { cst: lexed.errors.length === 0 ? cst : undefined, lexErrors: lexed.errors, parseErrors: clusterInfoParser.errors };
}
