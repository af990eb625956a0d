// Decoding a message to a string costs about as much as parsing its whole prefix, and the catalog
// then runs on that string. Server logs repeat the same messages over and over ("Connecting to
// MASTER 10.0.0.1:7001", "MASTER <-> REPLICA sync started", "Error condition on socket for SYNC:
// Connection refused" every second while a master is down), so the answer for a message is memoised
// by its exact bytes: a repeat is neither decoded nor classified again. classifyMessage is a pure
// function of the text, so this changes nothing but speed.
import { classifyMessage } from './message.ts';

export type MessageClass = ReturnType<typeof classifyMessage>;

type FastBuffer = Buffer & { utf8Slice?: (start: number, end: number) => string };
const hasUtf8Slice = typeof (Buffer.prototype as FastBuffer).utf8Slice === 'function';

/** UTF-8 bytes → string, skipping Buffer#toString's argument handling when Node allows. */
export function decodeUtf8(b: Buffer, s: number, e: number): string {
  return hasUtf8Slice ? (b as FastBuffer).utf8Slice!(s, e) : b.toString('utf8', s, e);
}

const SLOTS = 4096;
const MASK = SLOTS - 1;
/** Longer messages are decoded every time (they rarely repeat byte for byte). */
const MAX_KEY = 160;

/** Direct-mapped cache: message bytes → (text, classification). */
export class MessageMemo {
  private readonly keyHash = new Int32Array(SLOTS);
  private readonly keyLen = new Int32Array(SLOTS).fill(-1);
  private readonly slab = Buffer.alloc(SLOTS * MAX_KEY);
  private readonly texts: string[] = new Array<string>(SLOTS).fill('');
  private readonly results: MessageClass[] = new Array<MessageClass>(SLOTS).fill(null);
  /** The text of the message last classified. */
  text = '';
  /** True when the last answer came from the cache (its fields object is shared: copy it). */
  hit = false;

  classify(b: Buffer, s: number, e: number): MessageClass {
    const len = e - s;
    if (len > MAX_KEY || len < 4) {
      this.hit = false;
      this.text = decodeUtf8(b, s, e);
      return classifyMessage(this.text);
    }
    // The slot comes from the length and eight sampled bytes (hashing every byte would cost as much
    // as decoding); the full comparison below keeps it exact.
    const q = len >> 2;
    let h = Math.imul(len, 0x9e3779b1);
    h ^= Math.imul(b[s] | (b[s + 1] << 8) | (b[e - 1] << 16) | (b[e - 2] << 24), 0x85ebca6b);
    h ^= Math.imul(b[s + q] | (b[s + 2 * q] << 8) | (b[s + 3 * q] << 16) | (b[e - 3] << 24), 0xc2b2ae35);
    h ^= h >>> 15;
    const slot = h & MASK;
    if (this.keyHash[slot] === h && this.keyLen[slot] === len) {
      const off = slot * MAX_KEY;
      const slab = this.slab;
      let i = 0;
      while (i < len && slab[off + i] === b[s + i]) i++;
      if (i === len) {
        this.hit = true;
        this.text = this.texts[slot];
        return this.results[slot];
      }
    }
    this.hit = false;
    const text = decodeUtf8(b, s, e);
    const res = classifyMessage(text);
    this.text = text;
    this.keyHash[slot] = h;
    this.keyLen[slot] = len;
    b.copy(this.slab, slot * MAX_KEY, s, e);
    this.texts[slot] = text;
    this.results[slot] = res;
    return res;
  }
}
