// Decoding a message to a string costs about as much as parsing its whole prefix, and the catalog
// then runs on that string. Server logs repeat the same messages over and over ("Connecting to
// MASTER 10.0.0.1:7001", "MASTER <-> REPLICA sync started", "Error condition on socket for SYNC:
// Connection refused" every second while a master is down), so the answer for a message is memoised
// by its exact bytes: a repeat is neither decoded nor classified again. classifyMessage is a pure
// function of the text, so this changes nothing but speed.
import { classifyMessage, decidingPrefixes, decidingShapes, IGNORED_CLASS } from './message.ts';

export type MessageClass = ReturnType<typeof classifyMessage>;

type FastBuffer = Buffer & { utf8Slice?: (start: number, end: number) => string };
const hasUtf8Slice = typeof (Buffer.prototype as FastBuffer).utf8Slice === 'function';

/** UTF-8 bytes → string, skipping Buffer#toString's argument handling when Node allows. */
export function decodeUtf8(b: Buffer, s: number, e: number): string {
  return hasUtf8Slice ? (b as FastBuffer).utf8Slice!(s, e) : b.toString('utf8', s, e);
}

function deepFreeze(o: object): void {
  Object.freeze(o);
  for (const v of Object.values(o)) if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) deepFreeze(v as object);
}

const SLOTS = 16384;
const MASK = SLOTS - 1;
const SEEN_SLOTS = 65536;
const SEEN_MASK = SEEN_SLOTS - 1;
/** Longer messages are decoded every time (crash dumps and the like; they do not repeat). */
const MAX_KEY = 4096;

/**
 * Prefixes and shapes that decide a message alone (message.ts decidingPrefixes, decidingShapes: always
 * 'ignored'), as bytes, bucketed by their first two bytes. They catch routine lines that never repeat
 * byte for byte (redis 7.0's verbose "Client closed connection id=… addr=…", "DB 0: 1234 keys (0
 * volatile) in 2048 slots HT."), which would otherwise miss the memo, be decoded and go through the
 * catalog one by one.
 */
const TAIL_TEXT = 0;
const TAIL_INT = 1;
const TAIL_NUM = 2;
const TAIL_ADDR = 3;
/** A shape that ends in its last literal. */
const TAIL_NONE = 4;
const TAILS = { text: TAIL_TEXT, int: TAIL_INT, num: TAIL_NUM, addr: TAIL_ADDR, '': TAIL_NONE } as const;

interface ByteStep {
  /** TAIL_INT or TAIL_NUM: the span before `bytes`. */
  span: number;
  bytes: Buffer;
}

interface BytePrefix {
  bytes: Buffer;
  /** The prefix as little-endian 32-bit words (its first length & ~3 bytes), compared four bytes at a time. */
  words: Int32Array;
  /** A shape's spans and literals after the prefix (none for a deciding prefix). */
  steps: readonly ByteStep[];
  tail: number;
}

/** Bucketed by their first two bytes (every deciding prefix is ASCII, ends in a space, and has a word before it). */
const PREFIXES_BY_PAIR: Array<BytePrefix[] | undefined> = (() => {
  const table: Array<BytePrefix[] | undefined> = new Array(65536).fill(undefined);
  const add = (lead: string, steps: readonly ByteStep[], tail: number): void => {
    const bytes = Buffer.from(lead, 'latin1');
    if (bytes.length < 2) throw new Error(`deciding prefix too short: ${JSON.stringify(lead)}`);
    const words = new Int32Array(bytes.length >> 2);
    for (let w = 0; w < words.length; w++) words[w] = bytes.readInt32LE(w * 4);
    (table[(bytes[0] << 8) | bytes[1]] ??= []).push({ bytes, words, steps, tail });
  };
  for (const p of decidingPrefixes()) add(p.prefix, [], TAILS[p.tail]);
  for (const d of decidingShapes())
    add(
      d.lead,
      d.steps.map((st) => ({ span: TAILS[st.span], bytes: Buffer.from(st.text, 'latin1') })),
      TAILS[d.tail],
    );
  return table;
})();

/** `b[i, e)` (non-empty) is one word of the tail's shape; stricter than the catalog's glob. */
function tailFits(tail: number, b: Buffer, i: number, e: number): boolean {
  if (tail === TAIL_TEXT) return true;
  if (tail === TAIL_ADDR) {
    // One pass, from the end: the port's digits, its ':' (the last one), then printable host bytes.
    let colon = e - 1;
    while (colon >= i && b[colon] >= 48 && b[colon] <= 57) colon--;
    if (colon === e - 1 || colon <= i || b[colon] !== 58) return false;
    for (let k = i; k < colon; k++) {
      const c = b[k];
      if (c < 0x21 || c > 0x7e) return false;
    }
    return true;
  }
  if (tail === TAIL_INT && b[i] === 45) i++;
  if (i >= e) return false;
  for (let k = i; k < e; k++) {
    const c = b[k];
    if (!((c >= 48 && c <= 57) || (tail === TAIL_NUM && c === 46))) return false;
  }
  return true;
}

/**
 * A shape's steps from `b[i]`: each span (digits, an optional '-' first for an int, dots too for a num:
 * the literal after it starts with none of these) and its literal; then the tail, or the end.
 */
function stepsFit(steps: readonly ByteStep[], tail: number, b: Buffer, i: number, e: number): boolean {
  for (let k = 0; k < steps.length; k++) {
    const st = steps[k];
    if (st.span === TAIL_INT && i < e && b[i] === 45) i++;
    const from = i;
    while (i < e) {
      const c = b[i];
      if ((c >= 48 && c <= 57) || (c === 46 && st.span === TAIL_NUM)) i++;
      else break;
    }
    const lit = st.bytes;
    const n = lit.length;
    if (i === from || i + n > e) return false;
    for (let j = 0; j < n; j++) if (b[i + j] !== lit[j]) return false;
    i += n;
  }
  if (tail === TAIL_NONE) return i === e;
  return i < e && tailFits(tail, b, i, e);
}

/** `b[s, e)` is decided by a prefix or a shape (see decidingPrefixes, decidingShapes): always ignored. */
function decidedByPrefix(b: Buffer, v: DataView, s: number, e: number): boolean {
  const len = e - s;
  if (len < 3) return false;
  const list = PREFIXES_BY_PAIR[(b[s] << 8) | b[s + 1]];
  if (list === undefined) return false;
  const last = b[e - 1];
  if (last < 0x21 || last > 0x7e) return false;
  for (let k = 0; k < list.length; k++) {
    const bp = list[k];
    const p = bp.bytes;
    const n = p.length;
    if (n >= len) continue;
    const words = bp.words;
    let w = 0;
    while (w < words.length && words[w] === v.getInt32(s + 4 * w, true)) w++;
    if (w < words.length) continue;
    let i = 4 * w;
    while (i < n && p[i] === b[s + i]) i++;
    if (i < n) continue;
    if (bp.steps.length === 0 ? tailFits(bp.tail, b, s + n, e) : stepsFit(bp.steps, bp.tail, b, s + n, e)) return true;
  }
  return false;
}

/** What MessageMemo.classify() answered. Each caller owns one; it is good until its next classify(). */
export class MemoAnswer {
  cls: MessageClass = null;
  /** The message's text ('' when a deciding prefix answered: always ignored). */
  text = '';
  /** The answer came from the cache (or a deciding prefix). */
  hit = false;

  set(cls: MessageClass, text: string, hit: boolean): this {
    this.cls = cls;
    this.text = text;
    this.hit = hit;
    return this;
  }
}

/**
 * Two-way set-associative cache: message bytes → (text, classification). A slot pair holds the two
 * most recently used messages that hash to it, so two hot messages that collide do not evict each other.
 */
export class MessageMemo {
  private readonly keyHash = new Int32Array(SLOTS);
  private readonly texts: string[] = new Array<string>(SLOTS).fill('');
  private readonly results: MessageClass[] = new Array<MessageClass>(SLOTS).fill(null);
  /** 1 when the slot was used more recently than its pair. */
  private readonly recent = new Uint8Array(SLOTS);
  /**
   * Hashes of messages seen once (a doorkeeper): a message is cached on its second sighting, so the
   * many messages that never repeat ("Redis version=…, pid=N", "DB 0: N keys …") neither copy their
   * bytes nor evict hot entries.
   */
  private readonly seen = new Int32Array(SEEN_SLOTS);
  /** Unaligned 4-byte reads over the current line buffer (a DataView is ~4x faster here than bytes). */
  private viewOf: Buffer | null = null;
  private view: DataView = new DataView(new ArrayBuffer(0));
  private readonly keyViews: Array<DataView | null> = new Array<DataView | null>(SLOTS).fill(null);

  private same(slot: number, h: number, s: number, len: number): boolean {
    if (this.keyHash[slot] !== h) return false;
    const k = this.keyViews[slot];
    if (k === null || k.byteLength !== len) return false;
    const v = this.view;
    let i = 0;
    for (; i + 4 <= len; i += 4) if (k.getInt32(i, true) !== v.getInt32(s + i, true)) return false;
    for (; i < len; i++) if (k.getUint8(i) !== v.getUint8(s + i)) return false;
    return true;
  }

  /** The class of the message `b[s, e)`, with its text, into `out` (the caller's, reused per line). */
  classify(b: Buffer, s: number, e: number, out: MemoAnswer): MemoAnswer {
    const len = e - s;
    if (b !== this.viewOf) {
      this.viewOf = b;
      this.view = new DataView(b.buffer, b.byteOffset, b.length);
    }
    const v = this.view;
    if (len > 0 && decidedByPrefix(b, v, s, e)) {
      // Ignored whatever follows; callers use `text` only for events and unknown lines.
      return out.set(IGNORED_CLASS, '', true);
    }
    if (len > MAX_KEY || len < 4) {
      const text = decodeUtf8(b, s, e);
      return out.set(classifyMessage(text), text, false);
    }
    // Every byte counts: messages that repeat often differ in one digit ("configEpoch set to 1 …").
    let h = Math.imul(len, 0x9e3779b1);
    let i = s;
    for (; i + 4 <= e; i += 4) h = Math.imul(h ^ v.getInt32(i, true), 0x01000193);
    for (; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
    h ^= h >>> 15;
    const a = h & MASK & ~1;
    const c = a | 1;
    let slot = -1;
    if (this.same(a, h, s, len)) slot = a;
    else if (this.same(c, h, s, len)) slot = c;
    if (slot >= 0) {
      this.recent[slot] = 1;
      this.recent[slot ^ 1] = 0;
      return out.set(this.results[slot], this.texts[slot], true);
    }
    const text = decodeUtf8(b, s, e);
    const res = classifyMessage(text);
    out.set(res, text, false);
    const d = (h >>> 14) & SEEN_MASK;
    if (this.seen[d] !== h) {
      this.seen[d] = h;
      return out;
    }
    // Events of repeated messages share this answer's fields object: frozen, so a stage that tried to
    // change one event's fields would fail loudly instead of changing them all.
    if (res !== null && res.kind !== 'ignored') deepFreeze(res.fields);
    slot = this.keyViews[a] === null || this.recent[c] === 1 ? a : c;
    this.keyHash[slot] = h;
    const key = Buffer.from(b.subarray(s, e));
    this.keyViews[slot] = new DataView(key.buffer, key.byteOffset, key.length);
    this.texts[slot] = text;
    this.results[slot] = res;
    this.recent[slot] = 1;
    this.recent[slot ^ 1] = 0;
    return out;
  }
}
