// Timestamps read on bytes. Luxon costs ~15 µs a call (issue #2), so nothing here calls it per line:
// exact stamps use Date.UTC cached per day, wall-clock stamps go through WallClock, which calls
// util/time.ts wallToUtc only when the local hour changes.
import { wallHourStart, wallToUtc } from '../util/time.ts';

/** No stamp. */
export const STAMP_NONE = 0;
/** `at` is exact UTC (stamp carried a zone: Z, ±hh:mm, or epoch seconds/ms). */
export const STAMP_EXACT = 1;
/** Zone-less wall clock with a year: read in TimeOptions.zone. */
export const STAMP_WALL = 2;
/** Zone-less wall clock without a year (Redis < 5, journald short): the year must be inferred. */
export const STAMP_WALL_NO_YEAR = 3;
/** Time of day only (`HH:MM:SS.mmm`): the date comes from the lines around it or the file time. */
export const STAMP_CLOCK = 4;

/** A parsed stamp; one instance is reused per parse position, never allocated per line. */
export class Stamp {
  kind = STAMP_NONE;
  at = 0;
  y = 0;
  mo = 0;
  d = 0;
  h = 0;
  mi = 0;
  s = 0;
  ms = 0;
  /**
   * Resolution of the stamp in ms: 1000 for a clock written without a fraction (RFC 3164 syslog,
   * journald `short`), 100 or 10 for one or two fraction digits, else 1. Set wherever a stamp is read.
   */
  grainMs = 1;
  copyFrom(o: Stamp): void {
    this.kind = o.kind;
    this.at = o.at;
    this.y = o.y;
    this.mo = o.mo;
    this.d = o.d;
    this.h = o.h;
    this.mi = o.mi;
    this.s = o.s;
    this.ms = o.ms;
    this.grainMs = o.grainMs;
  }
}

/** Month number from the three bytes of a C-locale `%b` (Jan..Dec), 0 if none. */
export function monthAt(b: Uint8Array, i: number): number {
  const k = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
  switch (k) {
    case 0x4a616e:
      return 1; // Jan
    case 0x466562:
      return 2; // Feb
    case 0x4d6172:
      return 3; // Mar
    case 0x417072:
      return 4; // Apr
    case 0x4d6179:
      return 5; // May
    case 0x4a756e:
      return 6; // Jun
    case 0x4a756c:
      return 7; // Jul
    case 0x417567:
      return 8; // Aug
    case 0x536570:
      return 9; // Sep
    case 0x4f6374:
      return 10; // Oct
    case 0x4e6f76:
      return 11; // Nov
    case 0x446563:
      return 12; // Dec
    default:
      return 0;
  }
}

function dig(c: number): number {
  const d = c - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Two digits at i, or -1. */
function two(b: Uint8Array, i: number): number {
  const a = dig(b[i]);
  const c = dig(b[i + 1]);
  return a < 0 || c < 0 ? -1 : a * 10 + c;
}

/**
 * `HH:MM:SS` with an optional fraction (any number of digits, truncated to ms) at i. Sets h, mi,
 * s, ms; returns the index after it, or -1.
 */
export function parseClock(b: Uint8Array, i: number, e: number, st: Stamp): number {
  if (i + 8 > e || b[i + 2] !== 58 || b[i + 5] !== 58) return -1;
  const h = two(b, i);
  const mi = two(b, i + 3);
  const s = two(b, i + 6);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return -1;
  st.h = h;
  st.mi = mi;
  st.s = s;
  let p = i + 8;
  let ms = 0;
  st.grainMs = 1000;
  if (p < e && (b[p] === 46 || b[p] === 44)) {
    // '.' (or ',' as some shippers write): up to 9 digits; keep the first three.
    let q = p + 1;
    let n = 0;
    while (q < e) {
      const d = dig(b[q]);
      if (d < 0) break;
      if (n < 3) ms = ms * 10 + d;
      n++;
      q++;
    }
    if (n === 0) return -1;
    if (n === 1) ms *= 100;
    else if (n === 2) ms *= 10;
    st.grainMs = n === 1 ? 100 : n === 2 ? 10 : 1;
    p = q;
  }
  st.ms = ms;
  return p;
}

/**
 * Redis legacy stamp at i: `dd Mon yyyy HH:MM:SS.mmm` (5.0+) or `dd Mon HH:MM:SS.mmm` (≤ 4.0;
 * 2.4 and older print no `.mmm`). Sets kind WALL or WALL_NO_YEAR; returns the index after it or -1.
 */
export function parseLegacyStamp(b: Uint8Array, i: number, e: number, st: Stamp): number {
  if (i + 15 > e || b[i + 2] !== 32 || b[i + 6] !== 32) return -1;
  const d = two(b, i);
  const mo = monthAt(b, i + 3);
  if (d < 1 || d > 31 || mo === 0) return -1;
  st.d = d;
  st.mo = mo;
  const p = i + 7;
  if (b[p + 2] === 58) {
    st.kind = STAMP_WALL_NO_YEAR;
    st.y = 0;
    return parseClock(b, p, e, st);
  }
  if (p + 5 > e || b[p + 4] !== 32) return -1;
  const y1 = two(b, p);
  const y2 = two(b, p + 2);
  if (y1 < 0 || y2 < 0) return -1;
  st.kind = STAMP_WALL;
  st.y = y1 * 100 + y2;
  return parseClock(b, p + 5, e, st);
}

let dayY = -1;
let dayMo = -1;
let dayD = -1;
let dayMs = 0;
/** Date.UTC of a day, cached for the last day asked. */
export function utcDay(y: number, mo: number, d: number): number {
  if (d !== dayD || mo !== dayMo || y !== dayY) {
    dayY = y;
    dayMo = mo;
    dayD = d;
    dayMs = Date.UTC(y, mo - 1, d);
  }
  return dayMs;
}

/**
 * RFC 3339 / ISO-8601 at i: `yyyy-mm-ddTHH:MM:SS[.f…][Z|±hh:mm|±hhmm]` (also a space for T).
 * With a zone the stamp is EXACT, without one WALL. Returns the index after it or -1.
 */
export function parseIsoStamp(b: Uint8Array, i: number, e: number, st: Stamp): number {
  if (i + 19 > e || b[i + 4] !== 45 || b[i + 7] !== 45 || (b[i + 10] !== 84 && b[i + 10] !== 32)) return -1;
  const y1 = two(b, i);
  const y2 = two(b, i + 2);
  const mo = two(b, i + 5);
  const d = two(b, i + 8);
  if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || d < 1 || d > 31) return -1;
  st.y = y1 * 100 + y2;
  st.mo = mo;
  st.d = d;
  const p = parseClock(b, i + 11, e, st);
  if (p < 0) return -1;
  const c = p < e ? b[p] : 0;
  if (c === 90 /* Z */) {
    st.kind = STAMP_EXACT;
    st.at = utcDay(st.y, mo, d) + st.h * 3_600_000 + st.mi * 60_000 + st.s * 1000 + st.ms;
    return p + 1;
  }
  if (c === 43 || c === 45) {
    const oh = two(b, p + 1);
    if (oh < 0 || p + 3 > e) return -1;
    let om: number;
    let q: number;
    if (b[p + 3] === 58) {
      om = two(b, p + 4);
      q = p + 6;
    } else {
      om = two(b, p + 3);
      q = p + 5;
    }
    if (om < 0 || q > e) return -1;
    const off = (oh * 60 + om) * 60_000 * (c === 45 ? -1 : 1);
    st.kind = STAMP_EXACT;
    st.at = utcDay(st.y, mo, d) + st.h * 3_600_000 + st.mi * 60_000 + st.s * 1000 + st.ms - off;
    return q;
  }
  st.kind = STAMP_WALL;
  return p;
}

/** Unix epoch digits at i (`ms` digits: milliseconds, else seconds). Returns index after or -1. */
export function parseEpoch(b: Uint8Array, i: number, e: number, st: Stamp, unitMs: number, minDigits: number): number {
  let v = 0;
  let p = i;
  while (p < e) {
    const d = dig(b[p]);
    if (d < 0) break;
    v = v * 10 + d;
    p++;
    if (p - i > 16) return -1;
  }
  if (p - i < minDigits) return -1;
  st.kind = STAMP_EXACT;
  st.at = v * unitMs;
  st.grainMs = unitMs;
  return p;
}

/**
 * syslog / journald `short` and `short-precise`: `Mon dd HH:MM:SS[.ffffff]` (day zero- or
 * space-padded). Year-less and zone-less.
 */
export function parseSyslogStamp(b: Uint8Array, i: number, e: number, st: Stamp): number {
  if (i + 15 > e || b[i + 3] !== 32 || b[i + 6] !== 32) return -1;
  const mo = monthAt(b, i);
  if (mo === 0) return -1;
  const d = b[i + 4] === 32 ? dig(b[i + 5]) : two(b, i + 4);
  if (d < 1 || d > 31) return -1;
  st.kind = STAMP_WALL_NO_YEAR;
  st.y = 0;
  st.mo = mo;
  st.d = d;
  return parseClock(b, i + 7, e, st);
}

/**
 * Zone-less wall clock → UTC ms in one zone. Remembers the last local hour, so wallToUtc (and
 * luxon behind it) runs once per hour of log, not once per line.
 */
export class WallClock {
  readonly zone: string;
  private y = -1;
  private mo = -1;
  private d = -1;
  private h = -1;
  /** UTC ms of the remembered hour's start; null in an hour a DST transition touches. */
  private base: number | null = 0;
  constructor(zone: string) {
    this.zone = zone;
  }
  toUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
    if (h !== this.h || d !== this.d || mo !== this.mo || y !== this.y) {
      this.y = y;
      this.mo = mo;
      this.d = d;
      this.h = h;
      this.base = wallHourStart(this.zone, y, mo, d, h);
    }
    return this.base !== null ? this.base + mi * 60_000 + s * 1000 + ms : wallToUtc(this.zone, y, mo, d, h, mi, s, ms);
  }
}
