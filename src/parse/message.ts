import type { IToken } from 'chevrotain';
import { inFieldRange } from './ranges.ts';
import { EVENT_KINDS, type EventFields, type EventKind } from '../model/events.ts';
import {
  CATALOG,
  compileTemplate,
  globMatches,
  matchTokens,
  type Captures,
  type CatalogEntry,
  type CompiledTemplate,
  type TYPED,
} from '../../grammars/redis-log-message/index.ts';
import { lexMessage } from './lex.ts';

/** What a message is: a typed event, a known message we ignore, or (null) unknown. */
export type MessageClass = { kind: EventKind; fields: EventFields } | { kind: 'ignored' };

// Every kind the catalog uses must be an EventKind: this line stops compiling when one is not.
type CatalogKind = (typeof TYPED)[number]['kind'];
const catalogKindsAreEventKinds: [CatalogKind] extends [EventKind] ? true : never = true;
void catalogKindsAreEventKinds;

/** Longer messages are only checked against ignored entries (linear glob), never lexed. */
const MAX_LEXED_LENGTH = 4096;

const NUMERIC_FIELDS = new Set(['epoch', 'rank', 'offset', 'upTo', 'delayMs', 'signal', 'pid', 'port', 'slot', 'nodeTimeoutMs']);

const STRING_FIELDS = new Set(['subject', 'sender', 'reason', 'address', 'version', 'replid', 'command', 'state']);

/** Signal names the server prints ("Received SIGTERM scheduling shutdown..."), as Linux numbers them. */
const SIGNALS: Readonly<Record<string, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGTERM: 15 };

interface Compiled {
  readonly entry: CatalogEntry;
  /** Glob pieces only (not lexed): enough for the index and globMatches. */
  readonly t: CompiledTemplate;
  /** The lexed template of a typed entry, compiled on first use (keeps loading the catalog cheap). */
  tokens: CompiledTemplate | null;
  /** null for ignored entries */
  readonly kind: EventKind | null;
}

const KIND_SET: ReadonlySet<string> = new Set(EVENT_KINDS);

function compileEntry(entry: CatalogEntry): Compiled {
  const t = compileTemplate(entry.template, { lex: false });
  for (const n of t.names) {
    if (!NUMERIC_FIELDS.has(n) && !STRING_FIELDS.has(n)) throw new Error(`catalog ${entry.id}: '${n}' is not an EventFields field`);
  }
  if (entry.ignore) {
    if (entry.kind !== undefined) throw new Error(`catalog ${entry.id}: ignored entries have no kind`);
    return { entry, t, tokens: null, kind: null };
  }
  if (entry.kind === undefined || !KIND_SET.has(entry.kind)) throw new Error(`catalog ${entry.id}: unknown kind ${String(entry.kind)}`);
  return { entry, t, tokens: null, kind: entry.kind as EventKind };
}

// ---------------------------------------------------------------------------------------------------
// The prefix table. A message is looked up by its whole text (entries without placeholders), its first
// space-separated word, and its second word (entries that start with a one-word placeholder such as
// "{:word} is now ready to exit, bye bye..."). Entries whose first word is glued to a placeholder
// ("client->argv[{:int}] …") are few and checked with startsWith.

interface Index {
  readonly all: readonly Compiled[];
  readonly byId: ReadonlyMap<string, Compiled>;
  readonly exact: ReadonlyMap<string, Compiled>;
  readonly first: ReadonlyMap<string, readonly Compiled[]>;
  readonly second: ReadonlyMap<string, readonly Compiled[]>;
  readonly glued: readonly Compiled[];
}

function firstWord(s: string): string {
  const sp = s.indexOf(' ');
  return sp < 0 ? s : s.slice(0, sp);
}

function buildIndex(entries: readonly CatalogEntry[]): Index {
  const all = entries.map(compileEntry);
  const byId = new Map<string, Compiled>();
  const exact = new Map<string, Compiled>();
  const first = new Map<string, Compiled[]>();
  const second = new Map<string, Compiled[]>();
  const glued: Compiled[] = [];
  const push = (m: Map<string, Compiled[]>, k: string, c: Compiled): void => {
    const list = m.get(k);
    if (list) list.push(c);
    else m.set(k, [c]);
  };
  for (const c of all) {
    if (byId.has(c.entry.id)) throw new Error(`catalog: duplicate id ${c.entry.id}`);
    byId.set(c.entry.id, c);
    const lead = c.t.pieces[0].text;
    if (c.t.literalOnly) {
      if (!exact.has(lead)) exact.set(lead, c);
    } else if (lead.includes(' ')) {
      push(first, firstWord(lead), c);
    } else if (lead !== '') {
      glued.push(c);
    } else {
      // Starts with a placeholder: index by the literal word after "{x} ".
      const after = c.t.pieces[1]?.text ?? '';
      const word = after.startsWith(' ') ? firstWord(after.slice(1)) : '';
      const whole =
        word !== '' && (after.length > word.length + 1 ? after[word.length + 1] === ' ' : c.t.pieces.length > 2 || c.t.trailing === '');
      if (!whole || c.t.pieces[0].before !== '')
        throw new Error(`catalog ${c.entry.id}: cannot index a template that starts with a placeholder followed by '${after}'`);
      push(second, word, c);
    }
  }
  // Typed entries are tried before ignored ones.
  const typedFirst = (m: Map<string, Compiled[]>): void => {
    for (const [k, list] of m) m.set(k, [...list.filter((c) => c.kind), ...list.filter((c) => !c.kind)]);
  };
  typedFirst(first);
  typedFirst(second);
  return { all, byId, exact, first, second, glued };
}

const INDEX = buildIndex(CATALOG);

// ---------------------------------------------------------------------------------------------------

function toFields(caps: Captures): EventFields | null {
  const fields: Record<string, string | number> = {};
  for (const name of Object.keys(caps)) {
    const v = caps[name];
    if (NUMERIC_FIELDS.has(name)) {
      const n = name === 'signal' && v.startsWith('SIG') ? SIGNALS[v] : Number(v);
      if (n === undefined) continue;
      // Out of range: the message does not match its template's meaning and stays unknown (with its
      // `unknown message` diagnostic at file:line), rather than carrying an impossible number on.
      if (!inFieldRange(name, n)) return null;
      fields[name] = n;
    } else if (name === 'state') {
      if (v !== 'ok' && v !== 'fail') return null;
      fields[name] = v;
    } else if (v !== '') {
      fields[name] = v;
    }
  }
  return fields as EventFields;
}

/** Shared and frozen: every ignored message gets the same object. */
const IGNORED_RESULT: MessageClass = Object.freeze({ kind: 'ignored' as const });

type Lexed = { tokens: IToken[] | null };

function tryEntry(c: Compiled, msg: string, lexed: Lexed): MessageClass | null {
  if (c.kind === null) return globMatches(c.t, msg, true) ? IGNORED_RESULT : null;
  if (c.t.literalOnly) return msg === c.t.pieces[0].text ? { kind: c.kind, fields: {} } : null;
  if (msg.length > MAX_LEXED_LENGTH || !globMatches(c.t, msg, false)) return null;
  if (lexed.tokens === null) lexed.tokens = lexMessage(msg);
  if (c.tokens === null) c.tokens = compileTemplate(c.entry.template);
  const caps = matchTokens(c.tokens, lexed.tokens, msg);
  if (caps === null) return null;
  const fields = toFields(caps);
  return fields === null ? null : { kind: c.kind, fields };
}

interface Decision {
  readonly c: Compiled;
  readonly result: MessageClass;
}

/** Try the typed (pass true) or ignored (pass false) entries of one candidate list. */
function tryList(list: readonly Compiled[] | undefined, typed: boolean, msg: string, lexed: Lexed): Decision | null {
  if (list === undefined) return null;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if ((c.kind !== null) !== typed) continue;
    const result = tryEntry(c, msg, lexed);
    if (result !== null) return { c, result };
  }
  return null;
}

function decide(text: string): Decision | null {
  const msg = text.trim();
  if (msg === '') return null;
  const ex = INDEX.exact.get(msg);
  if (ex) return { c: ex, result: ex.kind ? { kind: ex.kind, fields: {} } : IGNORED_RESULT };

  const sp = msg.indexOf(' ');
  const c1 = INDEX.first.get(sp < 0 ? msg : msg.slice(0, sp));
  let c2: readonly Compiled[] | undefined;
  if (sp >= 0) {
    let s2 = sp + 1;
    while (msg.charCodeAt(s2) === 32) s2++;
    const e2 = msg.indexOf(' ', s2);
    c2 = INDEX.second.get(msg.slice(s2, e2 < 0 ? msg.length : e2));
  }
  const lexed: Lexed = { tokens: null };
  return (
    tryList(c1, true, msg, lexed) ??
    tryList(c2, true, msg, lexed) ??
    tryList(INDEX.glued, true, msg, lexed) ??
    tryList(c1, false, msg, lexed) ??
    tryList(c2, false, msg, lexed) ??
    tryList(INDEX.glued, false, msg, lexed)
  );
}

/**
 * Classify the MESSAGE part of a Redis/Valkey log line (the text after `pid:R dd Mon yyyy HH:MM:SS.mmm L `):
 * a typed event with its fields, `{ kind: 'ignored' }` for a known message we do not model, or null when
 * unknown. Never throws. Most routine lines are decided by a Map lookup and a string comparison; the lexer
 * runs only for a candidate typed entry whose literal text already fits.
 */
export function classifyMessage(text: string): MessageClass | null {
  try {
    return decide(text)?.result ?? null;
  } catch {
    // The matcher has no known throwing path; a bug must not take down a whole parse.
    return null;
  }
}

/** The id of the catalog entry that decides `text` (null when unknown): for tests and diagnostics. */
export function messageEntryId(text: string): string | null {
  try {
    return decide(text)?.c.entry.id ?? null;
  } catch {
    return null;
  }
}

/** Apply one entry's decision procedure to `text`, ignoring every other entry (for cross-checks). */
export function matchCatalogEntry(id: string, text: string): MessageClass | null {
  const c = INDEX.byId.get(id);
  if (!c) throw new Error(`no catalog entry ${id}`);
  const msg = text.trim();
  return msg === '' ? null : tryEntry(c, msg, { tokens: null });
}

/** Sizes of the lookup structures (the glued list is scanned for every line, so it must stay short). */
export function catalogIndexStats(): { entries: number; exact: number; firstWords: number; secondWords: number; glued: number } {
  return {
    entries: INDEX.all.length,
    exact: INDEX.exact.size,
    firstWords: INDEX.first.size,
    secondWords: INDEX.second.size,
    glued: INDEX.glued.length,
  };
}

// ---------------------------------------------------------------------------------------------------
// Prefixes that decide a message alone (issue #8: "message kind by first bytes"). Routine lines such as
// redis 7.0's verbose "Client closed connection id=… addr=… (30 more fields)" never repeat byte for
// byte, so the memo cannot help them and each one would be decoded and run through decide(). An
// ignored entry of the form `<literal with two fixed words>{:text}` matches every message that starts
// with that literal; when no typed entry decide() would try for such a message (the first-word and
// second-word candidates, the glued ones, the exact texts) could match it too, the answer for every
// such message is 'ignored', whatever follows. This derives those prefixes from the index itself, so
// they can never disagree with decide().

/** What may follow a deciding prefix: anything, or one word of a given shape (checked on bytes). */
export type DecidingTail = 'text' | 'int' | 'num' | 'addr';

/** The deciding tail a template's trailing slot reads as: '' for none, null for a slot no byte check can decide. */
function decidingTail(trailing: string): DecidingTail | '' | null {
  if (trailing === '') return '';
  if (trailing === 'text' || trailing === 'rest') return 'text';
  return trailing === 'int' || trailing === 'num' || trailing === 'addr' ? trailing : null;
}

export interface DecidingPrefix {
  readonly prefix: string;
  readonly tail: DecidingTail;
}

/** Could `word` be the span of a placeholder of this type (a superset of what the glob accepts)? */
function couldBe(tail: DecidingTail, word: string): boolean {
  if (tail === 'text') return true;
  if (tail === 'addr') return word.includes(':');
  return /[0-9]/.test(word);
}

function buildDecidingPrefixes(ix: Index): DecidingPrefix[] {
  const out: DecidingPrefix[] = [];
  const typedExact = [...ix.exact.values()].filter((c) => c.kind !== null).map((c) => c.t.pieces[0].text);
  const typedSecondWords = [...ix.second].filter(([, list]) => list.some((c) => c.kind !== null)).map(([w]) => w);
  for (const c of ix.all) {
    if (c.kind !== null || c.t.literalOnly || c.t.pieces.length !== 1) continue;
    const tail = decidingTail(c.t.trailing);
    if (tail === null || tail === '') continue;
    const lead = c.t.pieces[0].text;
    if (!/^[\x21-\x7e][\x20-\x7e]* $/.test(lead)) continue; // compared on bytes: ASCII, ends in a space
    const sp = lead.indexOf(' ');
    let s2 = sp + 1;
    while (lead.charCodeAt(s2) === 32) s2++;
    const e2 = lead.indexOf(' ', s2);
    let second: readonly Compiled[];
    if (e2 >= 0) second = ix.second.get(lead.slice(s2, e2)) ?? [];
    else if (s2 === lead.length && tail !== 'text') {
      // The placeholder is the second word: no typed entry may be indexed under a word it could be.
      if (typedSecondWords.some((w) => couldBe(tail, w))) continue;
      second = [];
    } else continue; // the second word is not fixed by the prefix
    const candidates = [...(ix.first.get(lead.slice(0, sp)) ?? []), ...second, ...ix.glued];
    const clash = candidates.some((t) => t.kind !== null && (lead.startsWith(t.t.pieces[0].text) || t.t.pieces[0].text.startsWith(lead)));
    if (clash || typedExact.some((x) => x.startsWith(lead))) continue;
    out.push({ prefix: lead, tail });
  }
  return out.sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
}

const DECIDING_PREFIXES: readonly DecidingPrefix[] = Object.freeze(buildDecidingPrefixes(INDEX));

/**
 * Literal prefixes P (with what may follow them) such that classifyMessage(m) is `{ kind: 'ignored' }`
 * for every message m = P + rest where rest is non-empty, ends in printable ASCII (so trimming cannot
 * change m) and, for a typed tail, is one ASCII word of that shape: 'int' an optional '-' and digits,
 * 'num' digits and dots, 'addr' printable non-space bytes ending in ':' and digits. Derived from the
 * catalog index; see buildDecidingPrefixes.
 */
export function decidingPrefixes(): readonly DecidingPrefix[] {
  return DECIDING_PREFIXES;
}

// Ignored templates with fixed-shape placeholders inside: redis's verbose "DB 0: 1234 keys (0 volatile)
// in 2048 slots HT." every few seconds per database never repeats byte for byte (the counts change) and
// has no deciding prefix (its second word is a number). Each placeholder between literals is digits
// ('int', optionally after a '-'; 'num', digits and dots) and the literal after it starts with none of
// those characters, so on bytes the span ends where the literal begins — where the glob finds it too.
// The same clash rules as for prefixes make the shape decide alone.

/** A placeholder inside a deciding shape and the literal text that follows it. */
interface DecidingStep {
  readonly span: 'int' | 'num';
  readonly text: string;
}

export interface DecidingShape {
  /** The literal the message starts with (printable ASCII, holds the first space). */
  readonly lead: string;
  readonly steps: readonly DecidingStep[];
  /** What may follow the last literal: nothing (''), or a non-empty tail as for a prefix. */
  readonly tail: DecidingTail | '';
}

/** A literal after a span must not start with a byte the span could hold ('-', '.', digits). */
const SPAN_CHAR = /^[0-9.-]/;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const SPAN_RE: Readonly<Record<DecidingTail, string>> = { int: '-?[0-9]+', num: '[0-9.]+', addr: '[\\x21-\\x7e]+', text: '[^ ]*' };

/** `{…} word`-indexed (second-word) keys a message of this shape could have as its second word. */
function secondWordKeys(lead: string, steps: readonly DecidingStep[], tail: DecidingTail | '', ix: Index): string[] {
  let s2 = lead.indexOf(' ') + 1;
  while (lead.charCodeAt(s2) === 32) s2++;
  const e2 = lead.indexOf(' ', s2);
  if (e2 >= 0) return [lead.slice(s2, e2)];
  // The second word runs into the placeholders: every key that could be spelt that way.
  let re = escapeRe(lead.slice(s2));
  let closed = false;
  for (const st of steps) {
    re += SPAN_RE[st.span];
    const sp = st.text.indexOf(' ');
    re += escapeRe(sp < 0 ? st.text : st.text.slice(0, sp));
    if (sp >= 0) {
      closed = true;
      break;
    }
  }
  if (!closed && tail !== '') re += SPAN_RE[tail];
  const word = new RegExp(`^${re}$`);
  return [...ix.second.keys()].filter((k) => word.test(k));
}

function buildDecidingShapes(ix: Index): DecidingShape[] {
  const out: DecidingShape[] = [];
  const typedExact = [...ix.exact.values()].filter((c) => c.kind !== null).map((c) => c.t.pieces[0].text);
  for (const c of ix.all) {
    if (c.kind !== null || c.t.literalOnly || c.t.pieces.length < 2) continue;
    const tail = decidingTail(c.t.trailing);
    if (tail === null) continue;
    const lead = c.t.pieces[0].text;
    if (!/^[\x21-\x7e][\x20-\x7e]*$/.test(lead) || !lead.includes(' ')) continue;
    const steps: DecidingStep[] = [];
    for (const p of c.t.pieces.slice(1)) {
      if ((p.before !== 'int' && p.before !== 'num') || !/^[\x20-\x7e]+$/.test(p.text) || SPAN_CHAR.test(p.text)) break;
      steps.push({ span: p.before, text: p.text });
    }
    if (steps.length !== c.t.pieces.length - 1) continue;
    // Trimming must not change the message: it ends in a printable byte.
    if (tail === '' && !/[\x21-\x7e]$/.test(steps[steps.length - 1].text)) continue;
    const seconds = secondWordKeys(lead, steps, tail, ix);
    const candidates = [
      ...(ix.first.get(lead.slice(0, lead.indexOf(' '))) ?? []),
      ...seconds.flatMap((w) => ix.second.get(w) ?? []),
      ...ix.glued,
    ];
    const clash = candidates.some((t) => t.kind !== null && (lead.startsWith(t.t.pieces[0].text) || t.t.pieces[0].text.startsWith(lead)));
    if (clash || typedExact.some((x) => x.startsWith(lead))) continue;
    out.push({ lead, steps, tail });
  }
  return out;
}

const DECIDING_SHAPES: readonly DecidingShape[] = Object.freeze(buildDecidingShapes(INDEX));

/**
 * Shapes S such that classifyMessage(m) is `{ kind: 'ignored' }` for every message m spelt as S: its
 * lead, then per step one span of the step's shape ('int' an optional '-' and digits, 'num' digits and
 * dots, never empty) and the step's text, then nothing (tail '') or a non-empty tail as for
 * decidingPrefixes, the whole ending in printable ASCII. Derived from the catalog index.
 */
export function decidingShapes(): readonly DecidingShape[] {
  return DECIDING_SHAPES;
}

/** The shared frozen answer for ignored messages. */
export const IGNORED_CLASS: MessageClass = IGNORED_RESULT;
