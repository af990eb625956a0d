// The only luxon importer. Time is an explicit input: nothing here reads the machine's zone.
import { DateTime, IANAZone } from 'luxon';
import type { EpochMs } from '../model/ids.ts';

/** True when `zone` is an IANA zone name luxon knows (or UTC). */
export function isValidZone(zone: string): boolean {
  return zone === 'UTC' || IANAZone.isValidZone(zone);
}

/**
 * Offset-cache keyed by zone and local hour: luxon is far too slow to call per log line
 * (about 15 µs per call), and a zone's offset is constant within a local hour except at a
 * DST transition, where luxon's own resolution of the local time is used. An hour is cached
 * only when its offset maps both its first and its last millisecond back into that same hour
 * with that same offset; a spring-forward gap fails this (luxon shifts 02:00 to 03:00 and
 * reports the later offset, which put 02:30 an hour early), so does an hour a transition cuts.
 * Such hours are cached as NaN: resolve each time.
 */
const offsetCache = new Map<string, number>();

function hourOffset(zone: string, year: number, month: number, day: number, hour: number): number {
  const dt = DateTime.fromObject({ year, month, day, hour, minute: 0 }, { zone });
  if (!dt.isValid) return 0;
  const offset = dt.offset;
  const first = Date.UTC(year, month - 1, day, hour) - offset * 60_000;
  for (const t of [first, first + 3_599_999]) {
    const back = DateTime.fromMillis(t, { zone });
    if (back.offset !== offset || back.hour !== hour || back.day !== day) return NaN;
  }
  return offset;
}

/** Local wall-clock time in `zone` → UTC ms. For zone 'UTC' this is just Date.UTC. */
export function wallToUtc(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): EpochMs {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (zone === 'UTC' || zone === 'Etc/UTC') return naive;
  const key = `${zone}|${year}-${month}-${day}T${hour}`;
  let offsetMin = offsetCache.get(key);
  if (offsetMin === undefined) {
    offsetMin = hourOffset(zone, year, month, day, hour);
    if (offsetCache.size > 100_000) offsetCache.clear();
    offsetCache.set(key, offsetMin);
  }
  if (Number.isNaN(offsetMin)) {
    const dt = DateTime.fromObject({ year, month, day, hour, minute, second, millisecond: ms }, { zone });
    return dt.isValid ? dt.toMillis() : naive;
  }
  return naive - offsetMin * 60_000;
}

/**
 * UTC ms of local `hh:00:00.000` when the whole local hour has one offset (so a stamp in it is this
 * plus its minutes, seconds and ms); null for an hour a DST transition touches, where each stamp
 * must go through wallToUtc.
 */
export function wallHourStart(zone: string, year: number, month: number, day: number, hour: number): EpochMs | null {
  const naive = Date.UTC(year, month - 1, day, hour);
  if (zone === 'UTC' || zone === 'Etc/UTC') return naive;
  wallToUtc(zone, year, month, day, hour, 0, 0, 0);
  const offsetMin = offsetCache.get(`${zone}|${year}-${month}-${day}T${hour}`);
  return offsetMin === undefined || Number.isNaN(offsetMin) ? null : naive - offsetMin * 60_000;
}

/**
 * The latest time an input may give: 9999-12-31T23:59:59.999Z. Every stamp, pong and epoch-based time
 * is checked against [0, MAX_INPUT_MS] where it is parsed (an out-of-range value is a diagnostic with
 * file:line); four-digit ISO years end here, and sums of such a time and any bounded duration stay far
 * inside the ±8.64e15 ms a JavaScript Date can hold.
 */
export const MAX_INPUT_MS = 253_402_300_799_999;

/** Is `ms` a time an input may carry (0 … 9999-12-31, whole or fractional)? */
export function isInputTime(ms: number): boolean {
  return ms >= 0 && ms <= MAX_INPUT_MS;
}

/** What a Date can show; outside it toISOString throws (RangeError: Invalid time value). */
function showable(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;
}

/**
 * `2021-06-21T07:28:21.434Z` — UTC ISO-8601 with milliseconds. Never throws: parse range-checks
 * every time it reads, so a value outside a Date's range here is a bug upstream, shown as `invalid time`.
 */
export function formatUtc(ms: EpochMs): string {
  if (!showable(ms)) return 'invalid time';
  // A Date keeps whole ms, cut toward zero; the second holding them is formatted once (toISOString
  // was a fifth of the verdict on a flapping log, whose times fall in few seconds).
  const t = Math.trunc(ms);
  const sec = Math.floor(t / 1000);
  return secondPrefix(sec) + MS_SUFFIX[t - sec * 1000];
}

/** `07:28:21.434` in UTC (never throws, see formatUtc). */
export function formatUtcTime(ms: EpochMs): string {
  if (!showable(ms)) return 'invalid time';
  const t = Math.trunc(ms);
  const sec = Math.floor(t / 1000);
  const prefix = secondPrefix(sec);
  const rest = MS_SUFFIX[t - sec * 1000];
  // A four-digit year puts the time at 11…23; a six-digit one (never an input's) shifts it.
  return prefix.length === 20 ? prefix.slice(11) + rest.slice(0, 3) : (prefix + rest).slice(11, 23);
}

/** `000Z` … `999Z`: what toISOString puts after the second's `.`. */
const MS_SUFFIX = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(3, '0')}Z`);

/**
 * toISOString of second `sec` without its `000Z` (`2021-06-21T07:28:21.`), from a direct-mapped
 * cache: times close together share their slot's second, and a miss costs just the toISOString.
 */
const PREFIX_SLOTS = 65536;
const prefixSec = new Float64Array(PREFIX_SLOTS).fill(NaN);
const prefixText: string[] = new Array<string>(PREFIX_SLOTS).fill('');
function secondPrefix(sec: number): string {
  const slot = sec & (PREFIX_SLOTS - 1);
  if (prefixSec[slot] === sec) return prefixText[slot];
  const text = new Date(sec * 1000).toISOString().slice(0, -4);
  prefixSec[slot] = sec;
  prefixText[slot] = text;
  return text;
}

/** Human duration: `5.175 s`, `850 ms`, `2 min 3.000 s`. */
export function formatDuration(ms: number): string {
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  if (Math.abs(ms) < 60_000) return `${(ms / 1000).toFixed(3)} s`;
  const min = Math.trunc(ms / 60_000);
  return `${min} min ${((ms - min * 60_000) / 1000).toFixed(3)} s`;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
/** `date`'s default output: `Wed Nov 25 12:59:50 UTC 2026` (zone abbreviation optional). */
const DATE_DEFAULT = /^[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2}( [A-Z]{2,5}| [+-]\d{4})? \d{4}$/;
const RFC2822 = /^([A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(:\d{2})? ([+-]\d{4}|[A-Z]{2,5})$/;

/**
 * A line holding only a timestamp (ISO-8601/RFC 3339, RFC 2822, or `date`'s default output), as
 * written before a snapshot block to give its capture time. Zone-less stamps are read in `zone`.
 * Returns null when the line is not such a stamp. Sub-millisecond digits are truncated.
 */
export function parseStampLine(line: string, zone: string): EpochMs | null {
  const text = line.trim();
  if (text.length < 10 || text.length > 48) return null;
  if (RFC3339.test(text)) {
    // luxon keeps ms only; trim longer fractions (RFC 3339 nanoseconds from docker).
    const trimmed = text.replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1');
    const dt = DateTime.fromISO(trimmed, { zone, setZone: false });
    return dt.isValid ? dt.toMillis() : null;
  }
  if (RFC2822.test(text)) {
    const dt = DateTime.fromRFC2822(text, { zone });
    return dt.isValid ? dt.toMillis() : null;
  }
  if (DATE_DEFAULT.test(text)) {
    const parts = text.split(/ +/);
    // Wed Nov 25 12:59:50 [UTC] 2026
    const [, mon, day, hms] = parts;
    const year = Number(parts[parts.length - 1]);
    const tz = parts.length === 6 ? parts[4] : undefined;
    let z = zone;
    if (tz === 'UTC' || tz === 'GMT') z = 'UTC';
    else if (tz && /^[+-]\d{4}$/.test(tz)) z = `UTC${tz.slice(0, 3)}:${tz.slice(3)}`;
    const dt = DateTime.fromFormat(`${year} ${mon} ${day} ${hms}`, 'yyyy LLL d HH:mm:ss', { zone: z });
    return dt.isValid ? dt.toMillis() : null;
  }
  return null;
}

/** Parse an RFC 3339 stamp with any fraction length (docker, kubectl, journald). */
export function parseRfc3339(text: string, zone = 'UTC'): EpochMs | null {
  const trimmed = text.replace(/(\.\d{3})\d+/, '$1');
  const dt = DateTime.fromISO(trimmed, { zone });
  return dt.isValid ? dt.toMillis() : null;
}
