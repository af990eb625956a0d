import type { CstNode, ILexingError, IRecognitionException } from 'chevrotain';
import { clusterInfoLexer } from './lexer.ts';
import { ClusterInfoParser } from './parser.ts';

export { ClusterInfoParser } from './parser.ts';
export { clusterInfoLexer } from './lexer.ts';
export * as clusterInfoTokens from './tokens.ts';
export { clusterInfoSamples } from './samples.ts';

let parser: ClusterInfoParser | null = null;

/** The one parser instance, made on first use (a run that reads no snapshot never builds it); reset per line. */
export function clusterInfoParser(): ClusterInfoParser {
  return (parser ??= new ClusterInfoParser());
}

export interface ClusterInfoParse {
  cst: CstNode | undefined;
  lexErrors: ILexingError[];
  parseErrors: IRecognitionException[];
}

/** Parse one `key:value` / `# Section` / `N) "value"` line. Never throws on bad input. */
export function parseClusterInfoLine(text: string): ClusterInfoParse {
  const lexed = clusterInfoLexer().tokenize(text);
  const p = clusterInfoParser();
  p.input = lexed.tokens;
  const cst = p.line();
  return { cst: lexed.errors.length === 0 ? cst : undefined, lexErrors: lexed.errors, parseErrors: p.errors };
}
