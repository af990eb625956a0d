// Tokens of one line of an interactive redis-cli session as people paste it.
// Sources (redis 7.0 src/redis-cli.c):
// - cliRefreshPrompt: `host:port` (anetFormatAddr: `[ipv6]:port`) or `redis <socket>`, then `[dbnum]` when
//   dbnum != 0, `(TX)` inside MULTI, then `> `; `not connected> ` without a connection (repl loop).
//   Redis 2.x printed `redis 127.0.0.1:6379> `.
// - cliReadReply: `-> Redirected to slot [%d] located at %s:%d` in cluster mode (-c).
// - cliFormatReplyTTY: `(error) %s`, `(integer) %lld`, `(double) %s`, `(nil)`, `(true)`/`(false)`,
//   `(empty array)` (`(empty list or set)` before 6.0), quoted strings (sdscatrepr), status text as is.
// - repl: `(%.2fs)` after a command that took longer than 0.5 s.
// - cliPrintContextError / cliConnect: `Error: %s`, `Could not connect to Redis at %s:%d: %s`.
// - raw (non-TTY) output prints errors without `(error) `: `CLUSTERDOWN The cluster is down`. Error codes from
//   src/server.c createSharedObjects and src/cluster.c getNodeByQuery.
// Shell lines: `$ command`.
import { ANY_CHAR_HINT, createToken, Lexer } from '../chevrotain.ts';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r]+/, group: Lexer.SKIPPED });

export const Prompt = createToken({ name: 'Prompt', pattern: Lexer.NA });
export const HostPrompt = createToken({
  name: 'HostPrompt',
  pattern: /(?:redis )?(?:\[[0-9A-Fa-f:.]+\]|[0-9A-Za-z_.-]+):\d+(?:\[\d+\])?(?:\(TX\))?>/,
  categories: [Prompt],
  push_mode: 'rest',
});
export const SocketPrompt = createToken({
  name: 'SocketPrompt',
  pattern: /redis \/[^\s>]*(?:\[\d+\])?(?:\(TX\))?>/,
  categories: [Prompt],
  push_mode: 'rest',
});
export const NotConnectedPrompt = createToken({
  name: 'NotConnectedPrompt',
  pattern: /not connected>/,
  categories: [Prompt],
  push_mode: 'rest',
});

export const Redirected = createToken({ name: 'Redirected', pattern: /-> Redirected to slot/ });
export const LocatedAt = createToken({ name: 'LocatedAt', pattern: /located at/ });
export const HostPort = createToken({ name: 'HostPort', pattern: /(?:\[[0-9A-Fa-f:.]+\]|[0-9A-Za-z_.-]+):\d+/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/ });

export const ErrorTag = createToken({ name: 'ErrorTag', pattern: /\(error\)/, push_mode: 'rest' });
export const RawError = createToken({
  name: 'RawError',
  pattern:
    /(?:ERR|CLUSTERDOWN|MOVED|ASK|TRYAGAIN|CROSSSLOT|MASTERDOWN|READONLY|LOADING|NOAUTH|WRONGPASS|NOPERM|WRONGTYPE|BUSY|BUSYKEY|NOSCRIPT|EXECABORT|OOM|MISCONF|NOREPLICAS|NOTBUSY|UNKILLABLE|NOPROTO|NOGOODSLAVE|UNBLOCKED)(?= )/,
  start_chars_hint: [...'ECMATRLNWBOU'],
  push_mode: 'rest',
});
export const ClientError = createToken({ name: 'ClientError', pattern: /Error:/, push_mode: 'rest' });
export const CouldNotConnect = createToken({ name: 'CouldNotConnect', pattern: /Could not connect to Redis at/, push_mode: 'rest' });

export const IntegerTag = createToken({ name: 'IntegerTag', pattern: /\(integer\)/ });
export const DoubleTag = createToken({ name: 'DoubleTag', pattern: /\(double\)/, push_mode: 'rest' });
export const Nil = createToken({ name: 'Nil', pattern: /\(nil\)/ });
export const Bool = createToken({ name: 'Bool', pattern: /\((?:true|false)\)/ });
export const Empty = createToken({ name: 'Empty', pattern: /\(empty (?:array|list or set|hash|set|push|aggregate type)\)/ });
export const Timing = createToken({ name: 'Timing', pattern: /\(\d+(?:\.\d+)?s\)/ });
export const QuotedString = createToken({ name: 'QuotedString', pattern: /"(?:[^"\\]|\\.)*"/ });
export const Integer = createToken({ name: 'Integer', pattern: /-?\d+/ });
export const ShellPrompt = createToken({ name: 'ShellPrompt', pattern: /\$/, push_mode: 'rest' });
/** A status reply: `OK`, `PONG`, `QUEUED`. */
export const Status = createToken({ name: 'Status', pattern: /[A-Z][A-Z0-9_]*/ });

export const Rest = createToken({ name: 'Rest', pattern: /[^\r\n]+/, start_chars_hint: ANY_CHAR_HINT });

/**
 * Order: the prompts before HostPort (a prompt is a host:port followed by `>`); RawError before Status
 * (`CLUSTERDOWN The…` is an error, `OK` a status); the parenthesised tags before Timing.
 */
export const lineTokens = [
  WhiteSpace,
  SocketPrompt,
  NotConnectedPrompt,
  HostPrompt,
  Redirected,
  LocatedAt,
  HostPort,
  LBracket,
  RBracket,
  ErrorTag,
  RawError,
  ClientError,
  CouldNotConnect,
  IntegerTag,
  DoubleTag,
  Nil,
  Bool,
  Empty,
  Timing,
  QuotedString,
  Integer,
  ShellPrompt,
  Status,
];
export const restTokens = [WhiteSpace, Rest];
export const allTokens = [...lineTokens, Rest, Prompt];

export const lexerDefinition = {
  modes: { line: lineTokens, rest: restTokens },
  defaultMode: 'line',
};
