import type { CstNode, ILexingError, IRecognitionException } from 'chevrotain';
import { redisCliLexer } from './lexer.ts';
import { RedisCliParser } from './parser.ts';

export { RedisCliParser } from './parser.ts';
export { redisCliLexer } from './lexer.ts';
export * as redisCliTokens from './tokens.ts';
export { redisCliSamples } from './samples.ts';

let parser: RedisCliParser | null = null;

/** The one parser instance, made on first use (a run that reads no snapshot never builds it); reset per line. */
export function redisCliParser(): RedisCliParser {
  return (parser ??= new RedisCliParser());
}

export interface RedisCliParse {
  cst: CstNode | undefined;
  lexErrors: ILexingError[];
  parseErrors: IRecognitionException[];
}

/** Parse one line of a redis-cli session. Never throws on bad input. */
export function parseRedisCliLine(text: string): RedisCliParse {
  const lexed = redisCliLexer().tokenize(text);
  const p = redisCliParser();
  p.input = lexed.tokens;
  const cst = p.line();
  return { cst: lexed.errors.length === 0 ? cst : undefined, lexErrors: lexed.errors, parseErrors: p.errors };
}
