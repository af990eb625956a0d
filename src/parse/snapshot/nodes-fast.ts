/*
 * Fast path for the common CLUSTER NODES line (issue #8: a 1000-node cluster captured every second is
 * 1000 lines a second, and the chevrotain grammar reads about 40 k lines/s).
 *
 * The grammar (grammars/cluster-nodes) stays the definition. This reader accepts only a strict subset of
 * what it accepts — single spaces between fields; a 40-hex id; an endpoint the grammar's own Endpoint
 * pattern matches whole; flags spelled exactly as the grammar's keywords; `-` or a 40-hex master; ping,
 * pong and config epoch of at most 15 digits; `connected`/`disconnected`; slots `N` or `N-M` within
 * 0..16383 — and returns null for anything else, so the caller falls back to readClusterNodesLine.
 * For every line it accepts it returns exactly what readClusterNodesLine returns
 * (test/parse/snapshot-scanner.test.ts checks every fixture line and fuzzed lines against the grammar).
 *
 * A node's line changes little from one capture to the next (redis 7.0 src/cluster.c
 * clusterGenNodeDescription: only ping-sent and pong-recv move while nothing happens), so the reader keeps
 * the last line of each node id: when everything but those two fields is the same text, the new entry
 * shares the previous entry's strings and arrays (never mutated downstream) and only the two numbers are
 * read. That keeps 600 captures of 1000 nodes from holding 600 copies of every address, flag and slot list.
 */
import { clusterNodesTokens } from '../../../grammars/cluster-nodes/index.ts';
import type { NodeEntry, NodeFlag } from '../../model/snapshot.ts';
import { SLOT_COUNT } from '../../model/slots.ts';
import { MAX_INPUT_MS } from '../../util/time.ts';
import { splitEndpoint } from './nodes-line.ts';

/** The grammar's Endpoint and NodeId patterns, anchored where we try them. */
const ENDPOINT = new RegExp((clusterNodesTokens.Endpoint.PATTERN as RegExp).source, 'y');
const NODE_ID = new RegExp((clusterNodesTokens.NodeId.PATTERN as RegExp).source, 'y');

/** Every flag keyword of grammars/cluster-nodes/tokens.ts, as the visitor maps it (`replica` → `slave`). */
const FLAG: ReadonlyMap<string, NodeFlag> = new Map<string, NodeFlag>([
  ['myself', 'myself'],
  ['master', 'master'],
  ['slave', 'slave'],
  ['replica', 'slave'],
  ['fail?', 'fail?'],
  ['fail', 'fail'],
  ['handshake', 'handshake'],
  ['noaddr', 'noaddr'],
  ['nofailover', 'nofailover'],
  ['noflags', 'noflags'],
]);

const SPACE = 32;
const MAX_DIGITS = 15; // exact as a double, and far from the 40 characters a NodeId token would take

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
}

/** 40 lowercase hex characters at `at`, followed by a space. */
function hex40(t: string, at: number): boolean {
  if (t.charCodeAt(at + 40) !== SPACE) return false;
  for (let i = at; i < at + 40; i++) if (!isHex(t.charCodeAt(i))) return false;
  return true;
}

/** Decimal digits from `at`; sets numEnd to the first non-digit. -1 when none or more than maxDigits. */
let numEnd = 0;
function readNum(t: string, at: number, maxDigits: number): number {
  let n = 0;
  let i = at;
  for (; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
  }
  if (i === at || i - at > maxDigits) return -1;
  numEnd = i;
  return n;
}

/** Space or the end of the line. */
function fieldEnd(t: string, at: number): boolean {
  return at === t.length || t.charCodeAt(at) === SPACE;
}

interface Last {
  /** `<id> <endpoint> <flags> <master>` of the node's last line. */
  head: string;
  /** `<config-epoch> <link-state> <slots…>` of the node's last line. */
  tail: string;
  entry: NodeEntry;
}

export class FastNodesReader {
  /** By the first 7 hex digits of the id: a small integer key (a collision only costs a full read). */
  private readonly last = new Map<number, Last>();
  /**
   * After read(): the node's previous entry when the line repeated it (only ping-sent and pong-recv
   * differ, so the new entry shares its id, address and flags), else null.
   */
  repeated: NodeEntry | null = null;

  /** The entry for one trimmed line, or null when the line is not of the common shape (use the grammar). */
  read(t: string, line: number): NodeEntry | null {
    if (t.length < 42 || t.charCodeAt(40) !== SPACE) return null;
    let key = 0;
    for (let i = 0; i < 7; i++) {
      const c = t.charCodeAt(i);
      if (c >= 48 && c <= 57) key = key * 16 + (c - 48);
      else if (c >= 97 && c <= 102) key = key * 16 + (c - 87);
      else return null;
    }
    const prev = this.last.get(key);
    this.repeated = null;
    // The previous head holds a validated id: equal text validates this one.
    // (slice + === compares with memcmp; startsWith walks characters, ~4x slower on these lines)
    if (prev !== undefined && t.slice(0, prev.head.length) === prev.head) {
      const e = this.sameAsBefore(t, line, prev);
      if (e) {
        this.repeated = prev.entry;
        prev.entry = e; // shares every field but ping, pong and line with the entry it replaces
        return e;
      }
    }
    if (!hex40(t, 0)) return null;
    const id = prev !== undefined && t.slice(0, 40) === prev.entry.id ? prev.entry.id : t.slice(0, 40);
    const entry = this.full(t, line, id);
    if (entry) this.last.set(key, { head: t.slice(0, this.headEnd), tail: t.slice(this.tailAt), entry });
    return entry;
  }

  /** Only ping-sent and pong-recv differ from the node's last line? */
  private sameAsBefore(t: string, line: number, prev: Last): NodeEntry | null {
    const p = prev.head.length;
    if (t.charCodeAt(p) !== SPACE) return null;
    const ping = readNum(t, p + 1, MAX_DIGITS);
    if (ping < 0 || t.charCodeAt(numEnd) !== SPACE) return null;
    const pong = readNum(t, numEnd + 1, MAX_DIGITS);
    if (pong < 0 || t.charCodeAt(numEnd) !== SPACE) return null;
    if (ping > MAX_INPUT_MS || pong > MAX_INPUT_MS) return null; // the grammar path says why
    const tailAt = numEnd + 1;
    if (t.length - tailAt !== prev.tail.length || t.slice(tailAt) !== prev.tail) return null;
    const e = prev.entry;
    return {
      id: e.id,
      address: e.address,
      busPort: e.busPort,
      hostname: e.hostname,
      flags: e.flags,
      masterId: e.masterId,
      pingSent: ping,
      pongRecv: pong,
      configEpoch: e.configEpoch,
      linkState: e.linkState,
      slots: e.slots,
      openSlots: e.openSlots,
      line,
    };
  }

  /** Where full() found the end of the master field and the start of the config epoch. */
  private headEnd = 0;
  private tailAt = 0;

  private full(t: string, line: number, id: string): NodeEntry | null {
    // endpoint
    const epAt = 41;
    NODE_ID.lastIndex = epAt;
    if (NODE_ID.test(t)) return null; // the lexer would take a NodeId here
    ENDPOINT.lastIndex = epAt;
    if (!ENDPOINT.test(t)) return null;
    const epEnd = ENDPOINT.lastIndex;
    if (t.charCodeAt(epEnd) !== SPACE) return null;
    // flags
    const flagsEnd = t.indexOf(' ', epEnd + 1);
    if (flagsEnd < 0) return null;
    const flags: NodeFlag[] = [];
    let from = epEnd + 1;
    while (from <= flagsEnd) {
      let comma = t.indexOf(',', from);
      if (comma < 0 || comma > flagsEnd) comma = flagsEnd;
      const f = FLAG.get(t.slice(from, comma));
      if (f === undefined) return null;
      if (!flags.includes(f)) flags.push(f);
      from = comma + 1;
    }
    // master
    let masterId: string | null;
    let masterEnd: number;
    if (t.charCodeAt(flagsEnd + 1) === 45 /* - */ && t.charCodeAt(flagsEnd + 2) === SPACE) {
      masterId = null;
      masterEnd = flagsEnd + 2;
    } else if (hex40(t, flagsEnd + 1)) {
      masterId = t.slice(flagsEnd + 1, flagsEnd + 41);
      masterEnd = flagsEnd + 41;
    } else return null;
    // ping-sent pong-recv config-epoch
    const ping = readNum(t, masterEnd + 1, MAX_DIGITS);
    if (ping < 0 || t.charCodeAt(numEnd) !== SPACE) return null;
    const pong = readNum(t, numEnd + 1, MAX_DIGITS);
    if (pong < 0 || t.charCodeAt(numEnd) !== SPACE) return null;
    if (ping > MAX_INPUT_MS || pong > MAX_INPUT_MS) return null; // the grammar path says why
    const tailAt = numEnd + 1;
    const epoch = readNum(t, tailAt, MAX_DIGITS);
    if (epoch < 0 || t.charCodeAt(numEnd) !== SPACE) return null;
    // link-state
    const linkAt = numEnd + 1;
    let link: NodeEntry['linkState'];
    if (t.startsWith('connected', linkAt)) link = 'connected';
    else if (t.startsWith('disconnected', linkAt)) link = 'disconnected';
    else return null;
    const linkEnd = linkAt + link.length;
    if (!fieldEnd(t, linkEnd)) return null;
    // slots
    const slots: NodeEntry['slots'] = [];
    let at = linkEnd;
    while (at < t.length) {
      // t.charCodeAt(at) is a space here
      const start = readNum(t, at + 1, 5);
      if (start < 0) return null;
      let end = start;
      if (t.charCodeAt(numEnd) === 45 /* - */) {
        end = readNum(t, numEnd + 1, 5);
        if (end < 0) return null;
      }
      if (!fieldEnd(t, numEnd) || start >= SLOT_COUNT || end >= SLOT_COUNT || start > end) return null;
      slots.push({ start, end });
      at = numEnd;
    }
    const ep = splitEndpoint(t.slice(epAt, epEnd));
    if (ep.busPort !== null && !(ep.busPort >= 0 && ep.busPort <= 65535)) return null;
    const entry: NodeEntry = {
      id,
      address: ep.address,
      busPort: ep.busPort,
      hostname: ep.hostname,
      flags,
      masterId,
      pingSent: ping,
      pongRecv: pong,
      configEpoch: epoch,
      linkState: link,
      slots,
      openSlots: [],
      line,
    };
    this.headEnd = masterEnd;
    this.tailAt = tailAt;
    return entry;
  }
}
