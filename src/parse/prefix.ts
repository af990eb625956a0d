// The Redis / Valkey log-line prefix, parsed on bytes: no regex, no string, no allocation per line.
//
// Shapes, from the sources (serverLogRaw / redisLogRaw and the signal-handler writers):
//   redis 2.8 src/redis.c redisLogRaw:         "[%d] %s %c %s\n"      buf = strftime "%d %b %H:%M:%S." + "%03d"
//   redis 2.4 src/redis.c redisLog:            "[%d] %s %c %s\n"      buf = strftime "%d %b %H:%M:%S" (no ms)
//   redis 2.8 src/redis.c redisLogFromHandler: "[" pid " | signal handler] (" time(NULL) ") " msg
//   redis 3.2 / 4.0 src/server.c serverLogRaw: "%d:%c %s %c %s\n"   buf = strftime "%d %b %H:%M:%S." + "%03d"
//   redis 5.0 / 7.0 src/server.c serverLogRaw: "%d:%c %s %c %s\n"   buf = strftime "%d %b %Y %H:%M:%S." + "%03d"
//     role char: 'X' sentinel, 'C' RDB/AOF child (pid != server.pid), 'S' replica, 'M' master;
//     level char: ".-*#"[level] (debug, verbose, notice, warning)
//   redis 3.0–7.0 src/server.c serverLogFromHandler: pid ":signal-handler (" time(NULL) ") " msg "\n"
//   valkey commit 55bbbe09 (#1022, "Configurable log and timestamp formats", first released in 8.1)
//   src/server.c serverLogRaw:
//     log-timestamp-format legacy:       "%d %b %Y %H:%M:%S." + "%03d"
//     log-timestamp-format iso8601:      "%Y-%m-%dT%H:%M:%S." + "%03d" + "±hh:mm" (formatTimezone)
//     log-timestamp-format milliseconds: "%lld" (ms since the epoch)
//     log-format legacy: "%d:%c %s %c %s\n" (role_chars "XCSM")
//     log-format logfmt: "pid=%d role=%s timestamp=\"%s\" level=%s message=\"%s\"\n"
//       roles {"sentinel", "RDB/AOF", "replica", "primary"}, levels {"debug", "info", "notice", "warning"};
//       '"' in the message is replaced by '\'' and CR/LF by ' ' (filterInvalidLogfmtChar).
import type { LevelChar, RoleChar } from '../model/events.ts';
import { parseClock, parseEpoch, parseIsoStamp, parseLegacyStamp, Stamp, STAMP_CLOCK, STAMP_WALL_NO_YEAR } from './stamp.ts';

export const FORM_NONE = 0;
/** `pid:R dd Mon yyyy HH:MM:SS.mmm L msg` (Redis 5.0+, Valkey legacy) */
export const FORM_V5 = 1;
/** `pid:R dd Mon HH:MM:SS.mmm L msg` (Redis 3.x–4.x) */
export const FORM_V3 = 2;
/** `[pid] dd Mon HH:MM:SS.mmm L msg` (Redis 2.x) */
export const FORM_V2 = 3;
/** `pid:signal-handler (secs) msg`, `[pid | signal handler] (secs) msg` */
export const FORM_SIGNAL = 4;
/** Valkey `log-format logfmt` */
export const FORM_LOGFMT = 5;
/** Valkey legacy line with `log-timestamp-format iso8601` */
export const FORM_ISO = 6;
/** Valkey legacy line with `log-timestamp-format milliseconds` */
export const FORM_MS = 7;

/** `HH:MM:SS.mmm L msg`: a line cut to its time of day (a pasted excerpt, a shipper's template). */
export const FORM_CLOCK = 8;

export const FORM_NAMES = ['none', 'v5', 'v3', 'v2', 'signal-handler', 'logfmt', 'iso8601', 'milliseconds', 'clock'] as const;

/** Result of parsing one prefix. Reused: one instance per parser. */
export class Header {
  form = FORM_NONE;
  pid = 0;
  role: RoleChar | undefined = undefined;
  level: LevelChar | undefined = undefined;
  msgStart = 0;
  msgEnd = 0;
  /** logfmt message with backslash escapes to undo when decoding. */
  msgEscaped = false;
  readonly stamp = new Stamp();
}

function roleOf(c: number): RoleChar | undefined {
  return c === 77 ? 'M' : c === 83 ? 'S' : c === 67 ? 'C' : c === 88 ? 'X' : undefined;
}
function levelOf(c: number): LevelChar | undefined {
  return c === 46 ? '.' : c === 45 ? '-' : c === 42 ? '*' : c === 35 ? '#' : undefined;
}

/** The ASCII literal `lit` at `b[i]`, within `e`. */
export function matchAscii(b: Buffer, i: number, e: number, lit: string): boolean {
  if (i + lit.length > e) return false;
  for (let k = 0; k < lit.length; k++) if (b[i + k] !== lit.charCodeAt(k)) return false;
  return true;
}

/** A pid (1–10 digits) at i into `h.pid`; returns the index after it, or -1. */
function readPid(b: Buffer, i: number, e: number, h: Header): number {
  let v = 0;
  let p = i;
  while (p < e) {
    const d = b[p] - 48;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
    p++;
  }
  if (p === i || p - i > 10) return -1;
  h.pid = v;
  return p;
}

/** ` L msg` after a stamp ending at p. */
function tail(b: Buffer, p: number, e: number, h: Header): boolean {
  if (p + 2 > e || b[p] !== 32) return false;
  const level = levelOf(b[p + 1]);
  if (level === undefined) return false;
  h.level = level;
  h.msgEscaped = false;
  if (p + 2 === e) {
    h.msgStart = h.msgEnd = e;
    return true;
  }
  if (b[p + 2] !== 32) return false;
  h.msgStart = p + 3;
  h.msgEnd = e;
  return true;
}

/** `(secs) msg` at i. */
function signalTail(b: Buffer, i: number, e: number, h: Header): boolean {
  if (i >= e || b[i] !== 40) return false;
  const p = parseEpoch(b, i + 1, e, h.stamp, 1000, 1);
  if (p < 0 || p >= e || b[p] !== 41) return false;
  h.form = FORM_SIGNAL;
  h.role = undefined;
  h.level = undefined;
  h.msgEscaped = false;
  h.msgStart = p + 1 < e && b[p + 1] === 32 ? p + 2 : p + 1;
  h.msgEnd = e;
  return true;
}

/** `HH:MM:SS[.mmm] L msg`: no pid, no role, no date. */
function parseClockHeader(b: Buffer, s: number, e: number, h: Header): boolean {
  const p = parseClock(b, s, e, h.stamp);
  if (p < 0 || !tail(b, p, e, h)) return false;
  h.stamp.kind = STAMP_CLOCK;
  h.form = FORM_CLOCK;
  h.pid = 0;
  h.role = undefined;
  return true;
}

function parsePidHeader(b: Buffer, s: number, e: number, h: Header, afterMemtest = false): boolean {
  let i = readPid(b, s, e, h);
  // A clock-cut line (`HH:MM:SS …`) is an excerpt; memtest progress dots only ever precede a real `pid:` header.
  if (!afterMemtest && i === s + 2 && i + 1 < e && b[i] === 58 && b[i + 1] >= 48 && b[i + 1] <= 57) return parseClockHeader(b, s, e, h);
  if (i < 0 || i + 2 >= e || b[i] !== 58) return false;
  i++;
  const role = roleOf(b[i]);
  if (role !== undefined && b[i + 1] === 32) {
    h.role = role;
    const q = i + 2;
    let p: number;
    if (b[q + 2] === 32) {
      p = parseLegacyStamp(b, q, e, h.stamp);
      h.form = h.stamp.kind === STAMP_WALL_NO_YEAR ? FORM_V3 : FORM_V5;
    } else if (b[q + 4] === 45) {
      p = parseIsoStamp(b, q, e, h.stamp);
      h.form = FORM_ISO;
    } else {
      p = parseEpoch(b, q, e, h.stamp, 1, 9);
      h.form = FORM_MS;
    }
    return p > 0 && tail(b, p, e, h);
  }
  if (matchAscii(b, i, e, 'signal-handler ')) return signalTail(b, i + 15, e, h);
  return false;
}

function parseBracketHeader(b: Buffer, s: number, e: number, h: Header): boolean {
  const i = readPid(b, s + 1, e, h);
  if (i < 0 || i + 1 >= e) return false;
  if (b[i] === 93 && b[i + 1] === 32) {
    const p = parseLegacyStamp(b, i + 2, e, h.stamp);
    if (p < 0) return false;
    h.form = FORM_V2;
    h.role = undefined;
    return tail(b, p, e, h);
  }
  if (matchAscii(b, i, e, ' | signal handler] ')) return signalTail(b, i + 19, e, h);
  return false;
}

const LOGFMT_ROLES: Record<string, RoleChar> = {
  primary: 'M',
  master: 'M',
  replica: 'S',
  slave: 'S',
  'RDB/AOF': 'C',
  child: 'C',
  sentinel: 'X',
};
const LOGFMT_LEVELS: Record<string, LevelChar> = { debug: '.', verbose: '-', info: '-', notice: '*', warning: '#' };

/** `pid=… role=… timestamp="…" level=… message="…"` (field order not relied upon). */
function parseLogfmt(b: Buffer, s: number, e: number, h: Header): boolean {
  if (!matchAscii(b, s, e, 'pid=')) return false;
  let i = readPid(b, s + 4, e, h);
  if (i < 0) return false;
  let haveStamp = false;
  let haveMsg = false;
  h.role = undefined;
  h.level = undefined;
  while (i < e) {
    if (b[i] !== 32) return false;
    while (i < e && b[i] === 32) i++;
    if (i >= e) break;
    const ks = i;
    while (i < e && b[i] !== 61 && b[i] !== 32) i++;
    if (i >= e || b[i] !== 61) return false;
    const ke = i;
    i++;
    let vs: number;
    let ve: number;
    let escaped = false;
    if (i < e && b[i] === 34) {
      vs = i + 1;
      let p = vs;
      while (p < e && b[p] !== 34) {
        if (b[p] === 92) {
          escaped = true;
          p++;
        }
        p++;
      }
      if (p >= e) return false; // unterminated quote
      ve = p;
      i = p + 1;
    } else {
      vs = i;
      while (i < e && b[i] !== 32) i++;
      ve = i;
    }
    const klen = ke - ks;
    const k0 = b[ks];
    if (klen === 4 && k0 === 114 && matchAscii(b, ks, ke, 'role')) {
      // hasOwn: `role=constructor` must not find Object.prototype's member.
      const v = b.toString('latin1', vs, ve);
      h.role = Object.hasOwn(LOGFMT_ROLES, v) ? LOGFMT_ROLES[v] : undefined;
    } else if (klen === 5 && k0 === 108 && matchAscii(b, ks, ke, 'level')) {
      const v = b.toString('latin1', vs, ve);
      h.level = Object.hasOwn(LOGFMT_LEVELS, v) ? LOGFMT_LEVELS[v] : undefined;
      if (h.level === undefined) return false;
    } else if (klen === 9 && k0 === 116 && matchAscii(b, ks, ke, 'timestamp')) {
      let p: number;
      if (ve - vs > 4 && b[vs + 4] === 45) p = parseIsoStamp(b, vs, ve, h.stamp);
      else if (ve - vs > 2 && b[vs + 2] === 32) p = parseLegacyStamp(b, vs, ve, h.stamp);
      else p = parseEpoch(b, vs, ve, h.stamp, 1, 9);
      if (p !== ve) return false;
      haveStamp = true;
    } else if (klen === 7 && k0 === 109 && matchAscii(b, ks, ke, 'message')) {
      h.msgStart = vs;
      h.msgEnd = ve;
      h.msgEscaped = escaped;
      haveMsg = true;
    }
  }
  if (!haveStamp || !haveMsg || h.level === undefined) return false;
  h.form = FORM_LOGFMT;
  return true;
}

/**
 * The crash report's fast memory test writes one `.` per memory region and then `O` (or `E` on errors)
 * straight to the log fd, with no newline until it is done (redis 5.0.14 src/debug.c
 * memtest_test_linux_anonymous_maps: write(fd,".",1) … write(fd, errors ? "E" : "O",1)). A server that
 * dies during the test (recorded: fixtures/versions/redis-5.0.14 and redis-6.2.16 seed1-no-replica-segfault,
 * node-20001.log) leaves that run unterminated, and the next process's first line is glued onto it:
 * `.O.O.O.O.O.338:C 02 Dec 2026 01:03:40.775 # oO0OoO0OoO0Oo Redis is starting …`. Skip the run when a
 * whole prefix follows it.
 */
function parseAfterMemtestProgress(b: Buffer, s: number, e: number, h: Header): boolean {
  let i = s;
  while (i < e && (b[i] === 46 || b[i] === 79 || b[i] === 69)) i++;
  if (i >= e || b[i] < 48 || b[i] > 57) return false;
  return parsePidHeader(b, i, e, h, true);
}

/**
 * Parse the prefix of `b[s, e)` into `h`. Returns false when the line has no Redis/Valkey prefix
 * (then `h` holds garbage). `h.stamp` tells what kind of time the prefix carried.
 */
export function parseRedisHeader(b: Buffer, s: number, e: number, h: Header): boolean {
  if (s >= e) return false;
  const c0 = b[s];
  if (c0 >= 48 && c0 <= 57) return parsePidHeader(b, s, e, h);
  if (c0 === 46 || c0 === 79 || c0 === 69) return parseAfterMemtestProgress(b, s, e, h);
  if (c0 === 91) return parseBracketHeader(b, s, e, h);
  if (c0 === 112) return parseLogfmt(b, s, e, h);
  return false;
}

/** Undo logfmt backslash escapes (`\"`, `\\`, `\n`, `\t`). Valkey itself never writes them. */
export function unescapeLogfmt(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}
