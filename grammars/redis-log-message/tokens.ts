import { createToken, Lexer } from '../chevrotain.ts';
import type { CustomPatternMatcherReturn, TokenType } from 'chevrotain';

/*
 * Tokens of the MESSAGE part of a Redis/Valkey log line (the text after `pid:R dd Mon yyyy HH:MM:SS.mmm L `).
 * The same lexer reads the catalog's templates and the messages, so a template and the lines it stands for
 * always agree on where one token ends and the next begins.
 *
 * Order matters (chevrotain takes the first pattern that matches, not the longest):
 *   WhiteSpace  skipped
 *   NodeId      40 lowercase hex chars, before IpPort/Integer/Word which would take its first chars
 *   IpPort      host:port, before DottedNumber/Integer/Word which would take the host
 *   DottedNumber 7.0.15, 0.123, 10.0.0.1 (a version, a decimal, an address without port)
 *   Integer
 *   Word        letters, digits, `_`; starts with a letter or `_`
 *   Punct       one ASCII punctuation char
 *   Other       any other single char (control chars, non-ASCII), so that lexing never fails
 */

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
export function isHexCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
}
export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}
/** Characters a host may contain as Redis prints it: IPv4, IPv6 (bare or in brackets), names. */
export function isHostCode(c: number): boolean {
  return isWordCode(c) || c === 46 /* . */ || c === 45 /* - */ || c === 58 /* : */ || c === 91 /* [ */ || c === 93; /* ] */
}

function single(image: string): CustomPatternMatcherReturn {
  // chevrotain accepts a RegExpExecArray-like array: [image]
  return [image] as unknown as CustomPatternMatcherReturn;
}

/** `%.40s` of a node name: exactly 40 lowercase hex chars not followed by another word char. */
export function matchNodeId(text: string, offset: number): CustomPatternMatcherReturn | null {
  const end = offset + 40;
  if (end > text.length) return null;
  for (let i = offset; i < end; i++) if (!isHexCode(text.charCodeAt(i))) return null;
  if (end < text.length && isWordCode(text.charCodeAt(end))) return null;
  return single(text.slice(offset, end));
}

/**
 * `%s:%d` of an address: a run of host chars whose last `:` is followed by digits only, e.g. 10.0.0.1:7000,
 * ::1:7000 (Redis prints IPv6 hosts without brackets in "Connecting to MASTER"), [::1]:7000
 * (anetFormatAddr), redis-0.redis:6379.
 */
export function matchIpPort(text: string, offset: number): CustomPatternMatcherReturn | null {
  let end = offset;
  const n = text.length;
  while (end < n && isHostCode(text.charCodeAt(end))) end++;
  // A sentence may end right after the port ("FAILOVER requested to 10.0.0.1:7001."): drop trailing dots/dashes.
  while (end > offset && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
  // The port runs to the end of the host run; find the last colon.
  const colon = text.lastIndexOf(':', end - 1);
  if (colon <= offset || colon >= end - 1) return null;
  for (let i = colon + 1; i < end; i++) if (!isDigitCode(text.charCodeAt(i))) return null;
  const c = text.charCodeAt(colon - 1);
  // host must end in a host char other than ':' or '[' (rules out "SYNC::5" style noise)
  if (c === 58 || c === 91) return null;
  return single(text.slice(offset, end));
}

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\v\f]+/, group: Lexer.SKIPPED });
export const NodeId = createToken({
  name: 'NodeId',
  pattern: { exec: matchNodeId },
  line_breaks: false,
  start_chars_hint: [...HEX],
});
export const IpPort = createToken({
  name: 'IpPort',
  pattern: { exec: matchIpPort },
  line_breaks: false,
  start_chars_hint: [...ALNUM, '_', '[', ':'],
});
export const DottedNumber = createToken({ name: 'DottedNumber', pattern: /\d+(?:\.\d+)+/ });
export const Integer = createToken({ name: 'Integer', pattern: /\d+/ });
export const Word = createToken({ name: 'Word', pattern: /[A-Za-z_]\w*/ });
export const Punct = createToken({ name: 'Punct', pattern: /[!-/:-@[-`{-~]/ });
// Control characters are exactly what this catch-all token is for.
// eslint-disable-next-line no-control-regex
export const Other = createToken({ name: 'Other', pattern: /[\x00-\x08\x0e-\x1f\x7f-\uffff]/, line_breaks: false });

export const allTokens: TokenType[] = [WhiteSpace, NodeId, IpPort, DottedNumber, Integer, Word, Punct, Other];
