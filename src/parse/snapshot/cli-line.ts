// CST visitor for grammars/redis-cli: one line of a redis-cli session, or a `$ shell` line.
import { parseRedisCliLine } from '../../../grammars/redis-cli/index.ts';
import type { LineCstNode } from '../../../grammars/redis-cli/cst.d.ts';
import { type ReplyValue, unquoteRepr } from './reply-value.ts';
import { inFieldRange } from '../ranges.ts';

export type CliLine =
  /** address null for `not connected>` and unix-socket prompts (then `socket` is set). */
  | { kind: 'prompt'; address: string | null; socket?: string; db: number; command: string }
  | { kind: 'redirect'; slot: number; address: string }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'client-error'; message: string }
  | { kind: 'reply'; value: ReplyValue }
  | { kind: 'timing'; seconds: number }
  | { kind: 'shell'; command: string };

/** `[::1]:7000` → `::1:7000` (the form CLUSTER NODES uses); others unchanged. */
export function normalizeAddress(hostPort: string): string {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(hostPort);
  return m ? `${m[1]}:${m[2]}` : hostPort;
}

function readPrompt(image: string, rest: string): CliLine {
  let p = image.slice(0, -1); // drop '>'
  if (p.endsWith('(TX)')) p = p.slice(0, -4);
  let db = 0;
  // `host:7000[1]`, `[::1]:7000[1]`, `redis /tmp/redis.sock[1]`: a trailing [n] is the selected db.
  const dbMatch = /:\d+\[(\d+)\]$|^redis \/[^[]*\[(\d+)\]$/.exec(p);
  if (dbMatch) {
    db = Number(dbMatch[1] ?? dbMatch[2]);
    p = p.slice(0, p.lastIndexOf('['));
  }
  if (p === 'not connected') return { kind: 'prompt', address: null, db, command: rest };
  if (p.startsWith('redis /')) return { kind: 'prompt', address: null, socket: p.slice(6), db, command: rest };
  if (p.startsWith('redis ')) p = p.slice(6);
  return { kind: 'prompt', address: normalizeAddress(p), db, command: rest };
}

/** Parse one line; null when it is not a redis-cli line. */
export function readCliLine(text: string): CliLine | null {
  const r = parseRedisCliLine(text);
  if (!r.cst || r.parseErrors.length > 0) return null;
  const c = (r.cst as LineCstNode).children;
  if (c.promptLine) {
    const p = c.promptLine[0].children;
    return readPrompt(p.Prompt[0].image, p.Rest?.[0].image.trim() ?? '');
  }
  if (c.redirect) {
    const d = c.redirect[0].children;
    if (!inFieldRange('slot', Number(d.Integer[0].image))) return null;
    return { kind: 'redirect', slot: Number(d.Integer[0].image), address: normalizeAddress(d.HostPort[0].image) };
  }
  if (c.errorReply) {
    const e = c.errorReply[0].children;
    const message = e.RawError ? `${e.RawError[0].image} ${e.Rest?.[0].image.trim() ?? ''}`.trim() : (e.Rest?.[0].image.trim() ?? '');
    const code = /^[A-Z][A-Z_-]*/.exec(message)?.[0] ?? 'ERR';
    return { kind: 'error', code, message };
  }
  if (c.clientError) {
    const e = c.clientError[0].children;
    const rest = e.Rest?.[0].image.trim() ?? '';
    return { kind: 'client-error', message: e.CouldNotConnect ? `Could not connect to Redis at ${rest}` : rest };
  }
  if (c.integerReply) return { kind: 'reply', value: { type: 'integer', value: Number(c.integerReply[0].children.Integer[0].image) } };
  if (c.doubleReply) return { kind: 'reply', value: { type: 'double', value: c.doubleReply[0].children.Rest?.[0].image.trim() ?? '' } };
  if (c.nilReply) return { kind: 'reply', value: { type: 'nil' } };
  if (c.boolReply) return { kind: 'reply', value: { type: 'bool', value: c.boolReply[0].children.Bool[0].image === '(true)' } };
  if (c.emptyReply) return { kind: 'reply', value: { type: 'empty' } };
  if (c.stringReply)
    return { kind: 'reply', value: { type: 'string', value: unquoteRepr(c.stringReply[0].children.QuotedString[0].image) } };
  if (c.statusReply) return { kind: 'reply', value: { type: 'status', value: c.statusReply[0].children.Status[0].image } };
  if (c.timing) return { kind: 'timing', seconds: Number(c.timing[0].children.Timing[0].image.slice(1, -2)) };
  return { kind: 'shell', command: c.shellCommand![0].children.Rest?.[0].image.trim() ?? '' };
}
