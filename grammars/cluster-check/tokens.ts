// Tokens of one line of `redis-cli --cluster check` (and `--cluster info`) output, redis 7.0
// src/redis-cli.c: clusterManagerShowClusterInfo prints `%s:%d (%s...) -> %d keys | %d slots | %d slaves.`
// and `[OK] %d keys in %d masters.`; clusterManagerNodeInfo prints `M: <id> <ip>:<port>`, then
// `   slots:<[a-b],[c]…> (<n> slots) <flags>` (clusterManagerNodeSlotsString, clusterManagerNodeFlagString
// without `myself`), then `   replicates <id>` or `   <n> additional replica(s)`; clusterManagerLog prints
// `>>> …`, `[OK] …`, `[ERR] …`, `[WARNING] …`.
// https://redis.io/docs/latest/operate/oss_and_stack/management/scaling/ (redis-cli --cluster check)
import { ANY_CHAR_HINT, createToken, Lexer } from '../chevrotain.ts';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r]+/, group: Lexer.SKIPPED });
/** `M:` a master, `S:` a replica. */
export const RoleTag = createToken({ name: 'RoleTag', pattern: /[MS]:/ });
export const NodeId = createToken({ name: 'NodeId', pattern: /[0-9a-f]{40}/ });
/** `ip:port`, `[v6]:port`, `host:port`. */
export const Endpoint = createToken({ name: 'Endpoint', pattern: /(?:\[[0-9a-fA-F:.]+\]|[\w.-]*[A-Za-z0-9]):\d{1,5}/ });
/** `(53a9e623...)`: the node id cut to 8 characters. */
export const ShortId = createToken({ name: 'ShortId', pattern: /\([0-9a-f]{1,40}\.\.\.\)/ });
export const SlotsKey = createToken({ name: 'SlotsKey', pattern: /slots:/ });
/** `[0-5460]`, `[5462]` (also `[0-5460],[5462]` as several tokens and commas). */
export const SlotRange = createToken({ name: 'SlotRange', pattern: /\[\d{1,5}(?:-\d{1,5})?\]/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
/** `slots)`, the unit closing `(5461 slots)`. */
export const SlotsClose = createToken({ name: 'SlotsClose', pattern: /slots\)/ });
export const Arrow = createToken({ name: 'Arrow', pattern: /->/ });
export const Pipe = createToken({ name: 'Pipe', pattern: /\|/ });
export const Replicates = createToken({ name: 'Replicates', pattern: /replicates/ });
export const Additional = createToken({ name: 'Additional', pattern: /additional replica\(s\)/ });
/** `keys`, `slots`, `slaves.`: the summary's units. */
export const Unit = createToken({ name: 'Unit', pattern: /keys|slots|slaves\./ });
export const Integer = createToken({ name: 'Integer', pattern: /\d+/ });
/** A node flag of clusterManagerNodeFlagString: `master`, `slave`, `fail?`, `nofailover`, … */
export const Flag = createToken({ name: 'Flag', pattern: /[a-z]+\??/ });
/** `[OK]`, `[ERR]`, `[WARNING]`, `>>>`: clusterManagerLog's levels; the message follows. */
export const LogTag = createToken({ name: 'LogTag', pattern: /\[(?:OK|ERR|WARNING|INFO)\]|>>>|\*\*\*/, push_mode: 'rest' });
export const Rest = createToken({ name: 'Rest', pattern: /[^\r\n]+/, start_chars_hint: ANY_CHAR_HINT });

/**
 * Order: LogTag before SlotRange (`[OK]` vs `[0]`); NodeId before Endpoint and Integer (40 hex digits
 * may be all digits); Endpoint before Integer and Flag; SlotsKey, SlotsClose, Replicates and Additional
 * before Unit and Flag (longer words first).
 */
export const lineTokens = [
  WhiteSpace,
  LogTag,
  RoleTag,
  NodeId,
  Endpoint,
  ShortId,
  SlotsKey,
  SlotsClose,
  SlotRange,
  Comma,
  LParen,
  Arrow,
  Pipe,
  Replicates,
  Additional,
  Unit,
  Integer,
  Flag,
];
export const restTokens = [WhiteSpace, Rest];
export const allTokens = [...lineTokens, Rest];

export const lexerDefinition = {
  modes: { line: lineTokens, rest: restTokens },
  defaultMode: 'line',
};
