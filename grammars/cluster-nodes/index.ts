import type { CstNode, ILexingError, IRecognitionException } from 'chevrotain';
import { clusterNodesLexer } from './lexer.ts';
import { ClusterNodesParser } from './parser.ts';

export { ClusterNodesParser } from './parser.ts';
export { clusterNodesLexer } from './lexer.ts';
export * as clusterNodesTokens from './tokens.ts';
export { clusterNodesSamples } from './samples.ts';

let parser: ClusterNodesParser | null = null;

/** The one parser instance, made on first use (a run that reads no snapshot never builds it); reset per line. */
export function clusterNodesParser(): ClusterNodesParser {
  return (parser ??= new ClusterNodesParser());
}

export interface ClusterNodesParse {
  cst: CstNode | undefined;
  lexErrors: ILexingError[];
  parseErrors: IRecognitionException[];
}

/** Parse one CLUSTER NODES / nodes.conf line. Never throws on bad input. */
export function parseClusterNodesLine(text: string): ClusterNodesParse {
  const lexed = clusterNodesLexer().tokenize(text);
  const p = clusterNodesParser();
  p.input = lexed.tokens;
  const cst = p.line();
  return { cst: lexed.errors.length === 0 ? cst : undefined, lexErrors: lexed.errors, parseErrors: p.errors };
}
