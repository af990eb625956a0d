// The time of each line of one source: a stamp (stamp.ts) becomes UTC ms, with the zone and year as
// inputs (STYLE.md §2.4). A year-less stamp takes the --year, else the year that dates the END of the
// log at the file's modification time, fixed up once the whole source is read; a time of day takes
// the day nearest the line before it. Events no line has dated yet wait in their lane.
import type { TimelineEvent } from '../model/events.ts';
import type { TimeOptions } from '../model/parsed.ts';
import type { SourceInput } from '../ingest/index.ts';
import { Stamp, STAMP_CLOCK, STAMP_EXACT, STAMP_WALL, STAMP_WALL_NO_YEAR, WallClock } from './stamp.ts';
import { isInputTime, wallToUtc } from '../util/time.ts';

const HALF_YEAR_MS = 183 * 86_400_000;
const DAY_MS = 86_400_000;

/** The time state of one stream of a source. */
export interface TimeLane {
  lastAt: number;
  /** Block events still waiting for a time (no timed line seen yet). */
  untimed: TimelineEvent[];
  /** Year-less stamps: month of the last one and New Year crossings so far. */
  lastMonth: number;
  rolls: number;
}

/**
 * What resolve() made of one stamp. Each caller owns one and passes it in (no allocation per line);
 * its fields are good until that caller's next resolve().
 */
export class StampTime {
  /** UTC ms, NaN when the stamp gave none (or lies out of range). */
  at = NaN;
  /** The year is a guess (a year-less stamp). */
  inferred = false;
  /** The stamp lies outside 1970 … 9999: the line is skipped with a diagnostic. */
  outOfRange = false;
  /** A year-less stamp took the file's year: the parts the fix-up recomputes it from. */
  yearless = false;
  lane: TimeLane | null = null;
  roll = 0;
  mo = 0;
  d = 0;
  h = 0;
  mi = 0;
  s = 0;
  ms = 0;

  /** No stamp at all. */
  none(): this {
    this.at = NaN;
    this.inferred = false;
    this.outOfRange = false;
    this.yearless = false;
    return this;
  }
}

/** A year-less stamp whose year came from the file time (fixed up once the whole file is read). */
interface YearlessNote {
  ev: TimelineEvent;
  lane: TimeLane;
  roll: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

export class SourceTime {
  private readonly time: TimeOptions;
  private readonly clock: WallClock;
  private readonly baseYear: number;
  private readonly yearFromFile: boolean;
  private readonly origin: SourceInput['origin'];
  private readonly mtimeMs: number;
  private readonly yearless: YearlessNote[] = [];
  private sawYearless = false;
  private zoneHinted = false;

  constructor(input: SourceInput, time: TimeOptions) {
    this.time = time;
    this.clock = new WallClock(time.zone);
    this.baseYear = time.year ?? input.mtimeYear;
    this.yearFromFile = time.year === undefined;
    this.origin = input.origin;
    this.mtimeMs = input.mtimeMs;
  }

  /** UTC ms of a stamp read in `lane`, `ref` a wrapper's full time (NaN: none), into `out`. */
  resolve(st: Stamp, lane: TimeLane, ref: number, out: StampTime): StampTime {
    out.inferred = false;
    out.yearless = false;
    const at = this.resolveRaw(st, lane, ref, out);
    // Out of range (an epoch of 16 digits, a year before 1970): a diagnostic here, never a time
    // that cannot be shown downstream (issue #18).
    out.outOfRange = !Number.isNaN(at) && !isInputTime(at);
    out.at = out.outOfRange ? NaN : at;
    return out;
  }

  private resolveRaw(st: Stamp, lane: TimeLane, ref: number, out: StampTime): number {
    const k = st.kind;
    if (k === STAMP_EXACT) return st.at;
    if (k === STAMP_WALL) return this.clock.toUtc(st.y, st.mo, st.d, st.h, st.mi, st.s, st.ms);
    if (k === STAMP_CLOCK) return this.resolveClock(st, lane, ref);
    if (k !== STAMP_WALL_NO_YEAR) return NaN;
    if (!Number.isNaN(ref)) {
      // A wrapper gave the full time: take the year that puts the stamp nearest to it.
      const y = new Date(ref).getUTCFullYear();
      let at = this.clock.toUtc(y, st.mo, st.d, st.h, st.mi, st.s, st.ms);
      if (at - ref > HALF_YEAR_MS) at = this.clock.toUtc(y - 1, st.mo, st.d, st.h, st.mi, st.s, st.ms);
      else if (ref - at > HALF_YEAR_MS) at = this.clock.toUtc(y + 1, st.mo, st.d, st.h, st.mi, st.s, st.ms);
      return at;
    }
    // New Year: the month falls back by half a year or more (Dec → Jan).
    if (lane.lastMonth > 0 && lane.lastMonth - st.mo >= 6) lane.rolls++;
    lane.lastMonth = st.mo;
    out.inferred = true;
    out.yearless = true;
    out.lane = lane;
    out.roll = lane.rolls;
    out.mo = st.mo;
    out.d = st.d;
    out.h = st.h;
    out.mi = st.mi;
    out.s = st.s;
    out.ms = st.ms;
    return this.clock.toUtc(this.baseYear + lane.rolls, st.mo, st.d, st.h, st.mi, st.s, st.ms);
  }

  /**
   * A time of day: the day is the one that puts it nearest the time before it in the stream (a
   * wrapper's, the previous line's), else nearest the file's modification time, which dates the
   * end of the log. Deviation: not marked inferred — the clock is exact to the millisecond and
   * only the date is borrowed.
   */
  private resolveClock(st: Stamp, lane: TimeLane, ref: number): number {
    let base = ref;
    if (Number.isNaN(base)) base = lane.lastAt;
    const fromFile = Number.isNaN(base);
    if (fromFile) base = this.mtimeMs;
    const day = new Date(base);
    let best = NaN;
    for (const delta of [-1, 0, 1]) {
      const d = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + delta));
      const at = this.clock.toUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), st.h, st.mi, st.s, st.ms);
      // After the file time it cannot be (an hour of slack); a log runs forward from the line before.
      if (fromFile && at > base + 3_600_000) continue;
      if (Number.isNaN(best) || Math.abs(at - base) < Math.abs(best - base)) best = at;
    }
    return best;
  }

  /** `ev.at` came from `t`: remember a year-less stamp (for the file-year fix-up). */
  noteYear(ev: TimelineEvent, t: StampTime): void {
    if (!t.yearless) return;
    this.sawYearless = true;
    if (this.yearFromFile) this.yearless.push({ ev, lane: t.lane!, roll: t.roll, mo: t.mo, d: t.d, h: t.h, mi: t.mi, s: t.s, ms: t.ms });
  }

  /**
   * The first server stamp in a wall-clock zone that lies 15 minutes or more off the exact wrapper
   * time of its line: the warning to give, once per source; null otherwise.
   */
  zoneHint(stampKind: number, at: number, wrapAt: number): string | null {
    if (this.zoneHinted || (stampKind !== STAMP_WALL && stampKind !== STAMP_WALL_NO_YEAR)) return null;
    const diff = at - wrapAt;
    if (!(Math.abs(diff) >= 15 * 60_000)) return null;
    this.zoneHinted = true;
    const mins = Math.round(diff / 60_000);
    const sign = mins >= 0 ? '+' : '-';
    const hh = String(Math.floor(Math.abs(mins) / 60)).padStart(2, '0');
    const mm = String(Math.abs(mins) % 60).padStart(2, '0');
    const zone = this.time.zone;
    return `server stamps read in ${zone} are ${sign}${hh}:${mm} off the wrapper's UTC time: the server's clock zone is probably not ${zone} (see --tz)`;
  }

  /**
   * The end of the source. Year-less stamps: with --year, that is the year of the first line and
   * later lines roll over at New Year. Without it, the file's modification time dates the END of the
   * log: now that its New Year crossings are known, earlier lines are moved back accordingly.
   * Then events that never got a time take the last time seen in the source, else none (epoch 0).
   * Returns the note to give about the year, null when no stamp lacked one.
   */
  settle(lanes: readonly TimeLane[]): string | null {
    const message = this.fixYears(lanes);
    let lastAt = NaN;
    for (const lane of lanes) if (!Number.isNaN(lane.lastAt) && !(lane.lastAt <= lastAt)) lastAt = lane.lastAt;
    for (const lane of lanes)
      for (const ev of lane.untimed) {
        ev.at = Number.isNaN(lastAt) ? 0 : lastAt;
        ev.timeInferred = true;
      }
    return message;
  }

  private fixYears(lanes: readonly TimeLane[]): string | null {
    if (!this.sawYearless) return null;
    const rolls = Math.max(0, ...lanes.map((lane) => lane.rolls));
    const crossing = rolls === 0 ? '' : ` and crosses New Year ${rolls === 1 ? 'once' : `${rolls} times`}`;
    if (this.time.year !== undefined) return `year-less timestamps: log starts in ${this.time.year} (from --year)${crossing}`;
    let shift = 0;
    if (this.yearless.length > 0) {
      const recompute = (back: number): number => {
        let max = -Infinity;
        for (const n of this.yearless) {
          const y = this.baseYear - n.lane.rolls + n.roll - back;
          n.ev.at = wallToUtc(this.time.zone, y, n.mo, n.d, n.h, n.mi, n.s, n.ms);
          if (n.ev.at > max) max = n.ev.at;
        }
        return max;
      };
      const max = recompute(0);
      // A log cannot end after its file was last written (a day of slack for zones and copies).
      if (this.origin === 'file' && max > this.mtimeMs + DAY_MS) {
        shift = 1;
        recompute(1);
      }
    }
    const from = this.origin === 'file' ? "the file's modification time" : 'the time it was read';
    return `year-less timestamps: log ends in ${this.baseYear - shift} (from ${from})${crossing}`;
  }
}
