import type { CstNode, ILexingError, IRecognitionException } from 'chevrotain';
import { clusterShardsLexer } from './lexer.ts';
import { ClusterShardsParser } from './parser.ts';

export { ClusterShardsParser } from './parser.ts';
export { clusterShardsLexer } from './lexer.ts';
export * as clusterShardsTokens from './tokens.ts';
export { clusterShardsSamples } from './samples.ts';

/** The one parser instance; reset per line. */
export const clusterShardsParser = new ClusterShardsParser();

export interface ClusterShardsParse {
  cst: CstNode | undefined;
  lexErrors: ILexingError[];
  parseErrors: IRecognitionException[];
}

/** Parse one line of a nested redis-cli reply. Never throws on bad input. */
export function parseClusterShardsLine(text: string): ClusterShardsParse {
  const lexed = clusterShardsLexer.tokenize(text);
  clusterShardsParser.input = lexed.tokens;
  const cst = clusterShardsParser.line();
  return { cst: lexed.errors.length === 0 ? cst : undefined, lexErrors: lexed.errors, parseErrors: clusterShardsParser.errors };
}
