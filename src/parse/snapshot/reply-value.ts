/** A leaf value of a redis-cli reply as printed by cliFormatReplyTTY (redis 7.0 src/redis-cli.c). */
export type ReplyValue =
  | { type: 'string'; value: string }
  | { type: 'integer'; value: number }
  | { type: 'double'; value: string }
  | { type: 'nil' }
  | { type: 'bool'; value: boolean }
  | { type: 'empty' }
  | { type: 'error'; value: string }
  | { type: 'status'; value: string };

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', '"': '"', '\\': '\\' };

/**
 * Undo sdscatrepr (redis src/sds.c): `"…"` with `\\ \" \n \r \t \a \b` and `\xHH` escapes. Bytes given
 * as `\xHH` are decoded as Latin-1 code points (the bytes are not necessarily UTF-8).
 */
export function unquoteRepr(quoted: string): string {
  const body = quoted.length >= 2 && quoted.startsWith('"') && quoted.endsWith('"') ? quoted.slice(1, -1) : quoted;
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[i + 1];
    if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 2, i + 4))) {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 4), 16));
      i += 3;
    } else {
      out += SIMPLE_ESCAPES[n] ?? n;
      i += 1;
    }
  }
  return out;
}

/** The value as text (strings unquoted, integers in decimal). */
export function replyText(v: ReplyValue): string {
  switch (v.type) {
    case 'string':
    case 'double':
    case 'error':
    case 'status':
      return v.value;
    case 'integer':
      return String(v.value);
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'nil':
      return '';
    case 'empty':
      return '';
  }
}
