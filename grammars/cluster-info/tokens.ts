// Tokens of `key:value` reply lines and the flat arrays redis-cli prints for CONFIG GET.
// - CLUSTER INFO: redis 7.0 src/cluster.c clusterCommand "info": `cluster_state:%s\r\n` … and
//   `cluster_stats_messages_%s_sent:%lld` (message type names contain `-`: `auth-ack`), then
//   `total_cluster_links_buffer_limit_exceeded:%llu`.
// - INFO <section>: redis 7.0 src/server.c genRedisInfoString: `# Replication\r\n` then `key:value` lines
//   (`slave0:ip=…,port=…,state=…,offset=…,lag=…`, `errorstat_ERR:count=1`: keys may hold capitals).
// - CONFIG GET as redis-cli prints a flat array: src/redis-cli.c cliFormatReplyTTY, `%*d) ` then the
//   quoted string (sdscatrepr): ` 7) "cluster-node-timeout"` / ` 8) "15000"`.
import { ANY_CHAR_HINT, createToken, Lexer } from '../chevrotain.ts';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r]+/, group: Lexer.SKIPPED });
export const Hash = createToken({ name: 'Hash', pattern: /#/ });
export const Index = createToken({ name: 'Index', pattern: /\d+\)/ });
export const IntegerTag = createToken({ name: 'IntegerTag', pattern: /\(integer\)/ });
export const Nil = createToken({ name: 'Nil', pattern: /\(nil\)/ });
// `(empty array)` since redis 6.0 (RESP3 aware redis-cli), `(empty list or set)` before.
export const Empty = createToken({ name: 'Empty', pattern: /\(empty (?:array|list or set|hash|set)\)/ });
export const Integer = createToken({ name: 'Integer', pattern: /-?\d+/ });
export const QuotedString = createToken({ name: 'QuotedString', pattern: /"(?:[^"\\]|\\.)*"/ });
export const Key = createToken({ name: 'Key', pattern: /[A-Za-z][A-Za-z0-9_.-]*/ });
/** `key:` switches to the value mode: the value is the rest of the line, whatever it holds. */
export const Colon = createToken({ name: 'Colon', pattern: /:/, push_mode: 'value' });
export const Value = createToken({ name: 'Value', pattern: /[^\r\n]+/, start_chars_hint: ANY_CHAR_HINT });

/** Order: Index before Integer (`7)` is an index, `7` an integer); tags before anything starting with `(`. */
export const lineTokens = [WhiteSpace, Hash, Index, IntegerTag, Nil, Empty, Integer, QuotedString, Key, Colon];
export const valueTokens = [Value];
export const allTokens = [...lineTokens, Value];

export const lexerDefinition = {
  modes: { line: lineTokens, value: valueTokens },
  defaultMode: 'line',
};
