// CST visitor for grammars/cluster-info: `key:value`, `# Section`, and flat `N) "value"` array items.
import { parseClusterInfoLine } from '../../../grammars/cluster-info/index.ts';
import type { LineCstNode, ReplyCstNode } from '../../../grammars/cluster-info/cst.d.ts';
import { type ReplyValue, unquoteRepr } from './reply-value.ts';

export type InfoLine =
  { kind: 'field'; key: string; value: string } | { kind: 'section'; name: string } | { kind: 'item'; index: number; value: ReplyValue };

function readReply(r: ReplyCstNode): ReplyValue {
  const c = r.children;
  if (c.QuotedString) return { type: 'string', value: unquoteRepr(c.QuotedString[0].image) };
  if (c.IntegerTag) return { type: 'integer', value: Number(c.Integer![0].image) };
  if (c.Nil) return { type: 'nil' };
  return { type: 'empty' };
}

/**
 * `key:value` the way the grammar reads it (Key, Colon, then the rest of the line as Value), without the
 * lexer: CLUSTER INFO and INFO replication are most of these lines (issue #8). Lines whose value starts
 * with a control character (outside the Value token's start-character hint) go to the grammar, which
 * refuses them. test/parse/snapshot-scanner.test.ts checks it against the grammar.
 */
const FIELD = /^([A-Za-z][A-Za-z0-9_.-]*):([^\r\n]*)$/;

function fastField(text: string): InfoLine | null {
  const m = FIELD.exec(text);
  if (!m) return null;
  const value = m[2];
  if (value !== '') {
    const c = value.charCodeAt(0);
    if (c !== 9 && c < 32) return null;
  }
  return { kind: 'field', key: m[1], value: value.trimEnd() };
}

/** Parse one line; null when it is none of the three shapes. */
export function readInfoLine(text: string): InfoLine | null {
  return fastField(text) ?? readInfoLineByGrammar(text);
}

/** readInfoLine without the `key:value` fast path (tests compare the two). */
export function readInfoLineByGrammar(text: string): InfoLine | null {
  const r = parseClusterInfoLine(text);
  if (!r.cst || r.parseErrors.length > 0) return null;
  const c = (r.cst as LineCstNode).children;
  if (c.field) {
    const f = c.field[0].children;
    return { kind: 'field', key: f.Key[0].image, value: (f.Value?.[0].image ?? '').trimEnd() };
  }
  if (c.sectionHeader) return { kind: 'section', name: c.sectionHeader[0].children.Key[0].image };
  const item = c.arrayItem![0].children;
  return { kind: 'item', index: parseInt(item.Index[0].image, 10), value: readReply(item.reply[0]) };
}
