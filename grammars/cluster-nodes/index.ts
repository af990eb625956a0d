import type { CstNode, ILexingError, IRecognitionException } from 'chevrotain';
import { clusterNodesLexer } from './lexer.ts';
import { ClusterNodesParser } from './parser.ts';

export { ClusterNodesParser } from './parser.ts';
export { clusterNodesLexer } from './lexer.ts';
export * as clusterNodesTokens from './tokens.ts';
export { clusterNodesSamples } from './samples.ts';

/** The one parser instance; reset per line. */
export const clusterNodesParser = new ClusterNodesParser();

export interface ClusterNodesParse {
  cst: CstNode | undefined;
  lexErrors: ILexingError[];
  parseErrors: IRecognitionException[];
}

/** Parse one CLUSTER NODES / nodes.conf line. Never throws on bad input. */
export function parseClusterNodesLine(text: string): ClusterNodesParse {
  const lexed = clusterNodesLexer.tokenize(text);
  clusterNodesParser.input = lexed.tokens;
  const cst = clusterNodesParser.line();
  return { cst: lexed.errors.length === 0 ? cst : undefined, lexErrors: lexed.errors, parseErrors: clusterNodesParser.errors };
}
