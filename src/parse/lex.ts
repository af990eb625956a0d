// The message lexer of grammars/redis-log-message (tokens.ts, lexer.ts), written out by hand for the
// hot path. chevrotain's lexer costs ~6–10 µs for a 90-character message (most of the time of a
// message the memo has not seen, e.g. every "Redis version=…, pid=N, just started"); this loop costs
// a few hundred ns. It yields the very token types of the grammar, so matchTokens runs unchanged, and
// test/parse/lex.test.ts checks it token for token against messageLexer (catalog samples, every
// fixture log line, random strings).
//
// Rules it must reproduce (chevrotain: first pattern that matches in definition order, candidates
// pre-filtered by first char):
//   WhiteSpace   [ \t\r\n\v\f]+, skipped
//   NodeId       40 lowercase hex, not followed by a word char (tried on a hex first char)
//   IpPort       matchIpPort (tried only on its start_chars_hint: A-Z a-z 0-9 _ [ :)
//   DottedNumber \d+(?:\.\d+)+
//   Integer      \d+
//   Word         [A-Za-z_]\w*
//   Punct        [!-/:-@[-`{-~]
//   Other        any other single UTF-16 unit
import type { IToken, TokenType } from 'chevrotain';
import {
  DottedNumber,
  Integer,
  IpPort,
  NodeId,
  Other,
  Punct,
  Word,
  isDigitCode as isDigit,
  isHexCode as isHex,
  isHostCode as isHost,
  isWordCode as isWord,
} from '../../grammars/redis-log-message/index.ts';

// The character classes are the grammar's own (tokens.ts), so the two lexers cannot drift on them.
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}
/** IpPort's start_chars_hint: ALNUM, '_', '[', ':'. */
function ipPortHint(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 91 || c === 58;
}
function isPunct(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

/** End of an IpPort token at i (grammars tokens.ts matchIpPort), or -1. */
function ipPortEnd(text: string, i: number): number {
  const n = text.length;
  let end = i;
  while (end < n && isHost(text.charCodeAt(end))) end++;
  while (end > i && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
  // The last ':' of the run (matchIpPort's lastIndexOf, which fails anyway when it finds none after i).
  let colon = end - 1;
  while (colon > i && text.charCodeAt(colon) !== 58) colon--;
  if (colon <= i || colon >= end - 1) return -1;
  for (let k = colon + 1; k < end; k++) if (!isDigit(text.charCodeAt(k))) return -1;
  const c = text.charCodeAt(colon - 1);
  if (c === 58 || c === 91) return -1;
  return end;
}

function token(tokenType: TokenType, text: string, start: number, end: number): IToken {
  return { image: text.slice(start, end), startOffset: start, tokenType } as IToken;
}

/** Tokens of a message, exactly as `messageLexer.tokenize(text).tokens` (which never reports errors). */
export function lexMessage(text: string): IToken[] {
  const out: IToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      continue;
    }
    if (isHex(c) && i + 40 <= n) {
      let k = i + 1;
      while (k < i + 40 && isHex(text.charCodeAt(k))) k++;
      if (k === i + 40 && !(k < n && isWord(text.charCodeAt(k)))) {
        out.push(token(NodeId, text, i, k));
        i = k;
        continue;
      }
    }
    if (ipPortHint(c)) {
      const e = ipPortEnd(text, i);
      if (e > i) {
        out.push(token(IpPort, text, i, e));
        i = e;
        continue;
      }
    }
    if (isDigit(c)) {
      let k = i + 1;
      while (k < n && isDigit(text.charCodeAt(k))) k++;
      let dotted = false;
      while (k + 1 < n && text.charCodeAt(k) === 46 && isDigit(text.charCodeAt(k + 1))) {
        dotted = true;
        k += 2;
        while (k < n && isDigit(text.charCodeAt(k))) k++;
      }
      out.push(token(dotted ? DottedNumber : Integer, text, i, k));
      i = k;
      continue;
    }
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) {
      let k = i + 1;
      while (k < n && isWord(text.charCodeAt(k))) k++;
      out.push(token(Word, text, i, k));
      i = k;
      continue;
    }
    out.push(token(isPunct(c) ? Punct : Other, text, i, i + 1));
    i++;
  }
  return out;
}
