import type { IToken, TokenType } from 'chevrotain';
import { messageLexer } from './lexer.ts';
import { IpPort, NodeId, Integer, DottedNumber, Word, Punct } from './tokens.ts';

/*
 * Catalog templates: the Redis format string with each conversion written as `{field:type}`
 * (`{:type}` when the value is not kept). `{{` and `}}` stand for literal braces.
 *
 *   type     matches (tokens)                                   glob check (text)
 *   nodeId   one NodeId                                          40 lowercase hex
 *   addr     one IpPort                                          host:port, no space
 *   peer     the shortest run of tokens (replicationGetSlaveName: "ip:port", "client id #7", …);
 *            its value is kept only when it is one IpPort         anything
 *   int      one Integer, optionally after a `-`                 -?digits
 *   num      one Integer or DottedNumber                         digits and dots
 *   word     one Word                                            word chars
 *   signame  one Word spelled SIG…                               SIG + letters/digits
 *   text     the shortest run of tokens before what follows (all remaining tokens when last)
 *   rest     all remaining tokens
 *   tail     nothing: a zero-width mark whose value is the message text from here to the end
 *            ("Currently unable to failover: {reason:tail}Failover attempt expired.")
 *
 * A template is compiled twice: into a token sequence (for the chevrotain-based matcher, which extracts
 * fields) and into glob segments (literal text between placeholders, for a byte-level check that runs
 * without the lexer).
 */

export const SLOT_TYPES = ['nodeId', 'addr', 'peer', 'int', 'num', 'word', 'signame', 'text', 'rest', 'tail'] as const;
export type SlotType = (typeof SLOT_TYPES)[number];

export interface LiteralPart {
  readonly lit: TokenType;
  readonly image: string;
}
export interface SlotPart {
  readonly slot: SlotType;
  /** Field name ('' when the value is dropped). */
  readonly name: string;
}
export type TemplatePart = LiteralPart | SlotPart;

export interface GlobPiece {
  /** Literal text that must follow. */
  readonly text: string;
  /** Type of the placeholder that precedes this literal ('' for the first piece). */
  readonly before: SlotType | '';
}

export interface CompiledTemplate {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  /** False when compiled with `lex: false`: `parts` then lacks the literal tokens. */
  readonly lexed: boolean;
  /** Literal pieces in order; pieces[0].before is ''. Zero-width `tail` marks are left out. */
  readonly pieces: readonly GlobPiece[];
  /** Type of a placeholder after the last literal piece, or '' when the template ends in a literal. */
  readonly trailing: SlotType | '';
  /** The template has no placeholder at all: it matches one exact text. */
  readonly literalOnly: boolean;
  /** Field names the template can fill. */
  readonly names: readonly string[];
}

/** Placeholders that span a variable number of tokens. */
const VARIABLE: ReadonlySet<SlotType> = new Set<SlotType>(['peer', 'text', 'rest']);

function isSlotType(s: string): s is SlotType {
  return (SLOT_TYPES as readonly string[]).includes(s);
}

/** Split a template into literal strings and `{name:type}` placeholders. Throws on a malformed template. */
function splitTemplate(source: string): Array<string | { name: string; type: SlotType }> {
  const out: Array<string | { name: string; type: SlotType }> = [];
  let lit = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '{' && source[i + 1] === '{') {
      lit += '{';
      i++;
    } else if (c === '}' && source[i + 1] === '}') {
      lit += '}';
      i++;
    } else if (c === '{') {
      const end = source.indexOf('}', i);
      if (end < 0) throw new Error(`template ${JSON.stringify(source)}: unclosed '{'`);
      const body = source.slice(i + 1, end);
      const colon = body.indexOf(':');
      const name = colon < 0 ? '' : body.slice(0, colon);
      const type = colon < 0 ? body : body.slice(colon + 1);
      if (!isSlotType(type)) throw new Error(`template ${JSON.stringify(source)}: unknown placeholder type '${type}'`);
      if (!/^\w*$/.test(name)) throw new Error(`template ${JSON.stringify(source)}: bad field name '${name}'`);
      if (lit) out.push(lit);
      lit = '';
      out.push({ name, type });
      i = end;
    } else if (c === '}') {
      throw new Error(`template ${JSON.stringify(source)}: stray '}'`);
    } else {
      lit += c;
    }
  }
  if (lit) out.push(lit);
  return out;
}

/**
 * Compile a template. With `lex: false` the literal text is not lexed and `parts` holds only the
 * placeholders: enough for globMatches, not for matchTokens (ignored entries never need tokens, and
 * skipping their lexing makes loading the catalog several times faster).
 */
export function compileTemplate(source: string, options: { lex?: boolean } = {}): CompiledTemplate {
  const lex = options.lex ?? true;
  const pieces = splitTemplate(source);
  const parts: TemplatePart[] = [];
  const glob: GlobPiece[] = [{ text: '', before: '' }];
  let pending: SlotType | '' = '';
  const names: string[] = [];
  let literalOnly = true;
  for (const p of pieces) {
    if (typeof p === 'string') {
      if (lex) {
        const lexed = messageLexer.tokenize(p);
        if (lexed.errors.length > 0) throw new Error(`template ${JSON.stringify(source)}: cannot lex '${p}'`);
        for (const t of lexed.tokens) parts.push({ lit: t.tokenType, image: t.image });
      }
      if (pending === '') glob[glob.length - 1] = { text: glob[glob.length - 1].text + p, before: glob[glob.length - 1].before };
      else glob.push({ text: p, before: pending });
      pending = '';
    } else {
      parts.push({ slot: p.type, name: p.name });
      if (p.name) names.push(p.name);
      literalOnly = false;
      if (p.type === 'tail') continue;
      // Two placeholders without text between ("{subject:nodeId}{:text}") make one unchecked span for the glob.
      pending = pending === '' ? p.type : 'text';
    }
  }
  for (let i = 1; lex && i < parts.length; i++) {
    const a = parts[i - 1];
    const b = parts[i];
    if ('slot' in a && 'slot' in b && VARIABLE.has(a.slot) && VARIABLE.has(b.slot))
      throw new Error(`template ${JSON.stringify(source)}: two variable-length placeholders in a row`);
  }
  return { source, parts, lexed: lex, pieces: glob, trailing: pending, literalOnly, names };
}

// ---------------------------------------------------------------------------------------------------
// Glob check on the raw text: literal pieces found left to right, each placeholder's span validated
// cheaply. Linear in the text length; no lexer.

function isDigits(s: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function spanFits(type: SlotType | '', s: string, from: number, to: number): boolean {
  switch (type) {
    case 'int':
      if (s.charCodeAt(from) === 45) from++;
      return isDigits(s, from, to);
    case 'num': {
      if (from >= to) return false;
      for (let i = from; i < to; i++) {
        const c = s.charCodeAt(i);
        if (!((c >= 48 && c <= 57) || c === 46)) return false;
      }
      return true;
    }
    case 'nodeId': {
      if (to - from !== 40) return false;
      for (let i = from; i < to; i++) {
        const c = s.charCodeAt(i);
        if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
      }
      return true;
    }
    case 'addr': {
      const colon = s.lastIndexOf(':', to - 1);
      if (colon <= from || !isDigits(s, colon + 1, to)) return false;
      for (let i = from; i < to; i++) if (s.charCodeAt(i) <= 32) return false;
      return true;
    }
    case 'word':
    case 'signame': {
      if (from >= to) return false;
      if (type === 'signame' && !s.startsWith('SIG', from)) return false;
      for (let i = from; i < to; i++) {
        const c = s.charCodeAt(i);
        if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) return false;
      }
      return true;
    }
    default:
      return true; // text, rest, peer: anything (possibly empty)
  }
}

/**
 * Does `text` have the template's literal shape? With `validate`, each placeholder's span must also look
 * like its type (used to decide ignored messages without lexing); without, this is a pure prefilter that
 * never rejects a text the token matcher would accept.
 */
export function globMatches(t: CompiledTemplate, text: string, validate: boolean): boolean {
  const pieces = t.pieces;
  const first = pieces[0].text;
  if (!text.startsWith(first)) return false;
  if (pieces.length === 1 && t.trailing === '') return text.length === first.length;
  let pos = first.length;
  for (let i = 1; i < pieces.length; i++) {
    const p = pieces[i];
    const last = i === pieces.length - 1 && t.trailing === '';
    const at = last ? text.length - p.text.length : text.indexOf(p.text, pos);
    if (at < pos) return false;
    if (last && !text.endsWith(p.text)) return false;
    if (validate && !spanFits(p.before, text, pos, at)) return false;
    pos = at + p.text.length;
  }
  if (t.trailing !== '') return !validate || spanFits(t.trailing, text, pos, text.length);
  return pos === text.length;
}

// ---------------------------------------------------------------------------------------------------
// Token matcher: template parts against the message tokens, with lazy `text`/`peer` runs.

/** Values captured by name (string images / substrings of the message). */
export type Captures = Record<string, string>;

/** Upper bound on matcher steps, so adversarial lines cost bounded time. */
const STEP_BUDGET = 20_000;

export function matchTokens(t: CompiledTemplate, tokens: readonly IToken[], text: string): Captures | null {
  if (!t.lexed) throw new Error(`template ${JSON.stringify(t.source)} was compiled without lexing`);
  const parts = t.parts;
  const caps: Captures = {};
  let steps = 0;
  const spanText = (from: number, to: number): string =>
    from >= to ? '' : text.slice(tokens[from].startOffset, tokens[to - 1].startOffset + tokens[to - 1].image.length);

  const next = (pi: number, ti: number): boolean => {
    if (++steps > STEP_BUDGET) return false;
    if (pi === parts.length) return ti === tokens.length;
    const p = parts[pi];
    if ('lit' in p) {
      const tok = tokens[ti];
      return tok !== undefined && tok.tokenType === p.lit && tok.image === p.image && next(pi + 1, ti + 1);
    }
    const keep = (v: string | undefined): void => {
      if (p.name && v !== undefined) caps[p.name] = v;
      else if (p.name) delete caps[p.name];
    };
    const tok = tokens[ti];
    switch (p.slot) {
      case 'tail':
        keep(tok === undefined ? '' : text.slice(tok.startOffset));
        return next(pi + 1, ti);
      case 'rest':
        keep(spanText(ti, tokens.length));
        return next(pi + 1, tokens.length);
      case 'text':
      case 'peer': {
        const lastPart = pi === parts.length - 1;
        for (let k = lastPart ? tokens.length : ti; k <= tokens.length; k++) {
          if (p.slot === 'peer') keep(k === ti + 1 && tokens[ti].tokenType === IpPort ? tokens[ti].image : undefined);
          else keep(spanText(ti, k));
          if (next(pi + 1, k)) return true;
          if (steps > STEP_BUDGET) return false;
        }
        return false;
      }
      case 'int': {
        if (tok === undefined) return false;
        if (tok.tokenType === Integer) {
          keep(tok.image);
          return next(pi + 1, ti + 1);
        }
        const n = tokens[ti + 1];
        if (
          tok.tokenType === Punct &&
          tok.image === '-' &&
          n !== undefined &&
          n.tokenType === Integer &&
          n.startOffset === tok.startOffset + 1
        ) {
          keep('-' + n.image);
          return next(pi + 1, ti + 2);
        }
        return false;
      }
      case 'num':
        if (tok === undefined || (tok.tokenType !== Integer && tok.tokenType !== DottedNumber)) return false;
        keep(tok.image);
        return next(pi + 1, ti + 1);
      case 'nodeId':
        if (tok === undefined || tok.tokenType !== NodeId) return false;
        keep(tok.image);
        return next(pi + 1, ti + 1);
      case 'addr':
        if (tok === undefined || tok.tokenType !== IpPort) return false;
        keep(tok.image);
        return next(pi + 1, ti + 1);
      case 'word':
        if (tok === undefined || tok.tokenType !== Word) return false;
        keep(tok.image);
        return next(pi + 1, ti + 1);
      case 'signame':
        if (tok === undefined || tok.tokenType !== Word || !/^SIG[A-Z0-9]+$/.test(tok.image)) return false;
        keep(tok.image);
        return next(pi + 1, ti + 1);
    }
  };
  return next(0, 0) ? caps : null;
}
