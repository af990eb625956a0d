import type { CstNode, ILexingError, IRecognitionException } from 'chevrotain';
import { clusterShardsLexer } from './lexer.ts';
import { ClusterShardsParser } from './parser.ts';

export { ClusterShardsParser } from './parser.ts';
export { clusterShardsLexer } from './lexer.ts';
export * as clusterShardsTokens from './tokens.ts';
export { clusterShardsSamples } from './samples.ts';

let parser: ClusterShardsParser | null = null;

/** The one parser instance, made on first use (a run that reads no snapshot never builds it); reset per line. */
export function clusterShardsParser(): ClusterShardsParser {
  return (parser ??= new ClusterShardsParser());
}

export interface ClusterShardsParse {
  cst: CstNode | undefined;
  lexErrors: ILexingError[];
  parseErrors: IRecognitionException[];
}

/** Parse one line of a nested redis-cli reply. Never throws on bad input. */
export function parseClusterShardsLine(text: string): ClusterShardsParse {
  const lexed = clusterShardsLexer().tokenize(text);
  const p = clusterShardsParser();
  p.input = lexed.tokens;
  const cst = p.line();
  return { cst: lexed.errors.length === 0 ? cst : undefined, lexErrors: lexed.errors, parseErrors: p.errors };
}
