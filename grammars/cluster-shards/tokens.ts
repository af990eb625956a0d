// Tokens of one line of a nested reply as redis-cli prints it (CLUSTER SHARDS, and any other array).
// redis 7.0 src/redis-cli.c cliFormatReplyTTY: each element is `%*d) ` (array), `%*d# ` (map, RESP3, then
// `key => value`) or `%*d~ ` (set); indexes are right-aligned to the widest index of their aggregate and a
// nested aggregate's first element follows its parent's index on the same line. Leaf values:
// `"quoted"` (sdscatrepr), `(integer) N`, `(double) x`, `(nil)`, `(true)`/`(false)`, `(empty array)`,
// `(empty hash)`, `(empty set)`, `(empty list or set)` (before 6.0), `(error) …`, or a status word.
// Layout is carried by each marker's offset; src/parse rebuilds the tree from columns.
import { ANY_CHAR_HINT, createToken, Lexer } from '../chevrotain.ts';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r]+/, group: Lexer.SKIPPED });
/** `1)` array element, `1#` map entry, `1~` set element. */
export const Marker = createToken({ name: 'Marker', pattern: /\d+[)#~]/ });
export const MapArrow = createToken({ name: 'MapArrow', pattern: /=>/ });
export const QuotedString = createToken({ name: 'QuotedString', pattern: /"(?:[^"\\]|\\.)*"/ });
export const IntegerTag = createToken({ name: 'IntegerTag', pattern: /\(integer\)/ });
export const DoubleTag = createToken({ name: 'DoubleTag', pattern: /\(double\)/ });
export const Nil = createToken({ name: 'Nil', pattern: /\(nil\)/ });
export const Bool = createToken({ name: 'Bool', pattern: /\((?:true|false)\)/ });
export const Empty = createToken({ name: 'Empty', pattern: /\(empty (?:array|list or set|hash|set|push|aggregate type)\)/ });
export const ErrorTag = createToken({ name: 'ErrorTag', pattern: /\(error\)/, push_mode: 'rest' });
export const Status = createToken({ name: 'Status', pattern: /[A-Za-z][\w-]*/ });
export const Number_ = createToken({ name: 'Number', pattern: /-?(?:\d+(?:\.\d*)?(?:e[+-]?\d+)?|inf|nan)/, longer_alt: Status });
export const Rest = createToken({ name: 'Rest', pattern: /[^\r\n]+/, start_chars_hint: ANY_CHAR_HINT });

/** Order: Marker before Number (`1)` vs `1`); the parenthesised tags before anything else. */
export const lineTokens = [WhiteSpace, Marker, MapArrow, QuotedString, IntegerTag, DoubleTag, Nil, Bool, Empty, ErrorTag, Number_, Status];
export const restTokens = [WhiteSpace, Rest];
export const allTokens = [...lineTokens, Rest];

export const lexerDefinition = {
  modes: { line: lineTokens, rest: restTokens },
  defaultMode: 'line',
};
