import type { CstNode, ILexingError, IRecognitionException } from 'chevrotain';
import { clusterCheckLexer } from './lexer.ts';
import { ClusterCheckParser } from './parser.ts';

export { ClusterCheckParser } from './parser.ts';
export { clusterCheckLexer } from './lexer.ts';
export * as clusterCheckTokens from './tokens.ts';
export { clusterCheckSamples } from './samples.ts';

let parser: ClusterCheckParser | null = null;

/** The one parser instance, made on first use (a run that reads no snapshot never builds it); reset per line. */
export function clusterCheckParser(): ClusterCheckParser {
  return (parser ??= new ClusterCheckParser());
}

export interface ClusterCheckParse {
  cst: CstNode | undefined;
  lexErrors: ILexingError[];
  parseErrors: IRecognitionException[];
}

/** Parse one line of `redis-cli --cluster check` output. Never throws on bad input. */
export function parseClusterCheckLine(text: string): ClusterCheckParse {
  const lexed = clusterCheckLexer().tokenize(text);
  const p = clusterCheckParser();
  p.input = lexed.tokens;
  const cst = p.line();
  return { cst: lexed.errors.length === 0 ? cst : undefined, lexErrors: lexed.errors, parseErrors: p.errors };
}
