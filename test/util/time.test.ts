// Zone-less wall-clock stamps → UTC around DST transitions. Expected instants come from the zone
// rules (Europe/Berlin: CET +01:00 until 2021-03-28 01:00Z, CEST +02:00 until 2021-10-31 01:00Z;
// America/New_York: EST −05:00 until 2021-03-14 07:00Z; Australia/Lord_Howe: +10:30 until
// 2021-10-02 15:30Z, then +11:00). A local time inside a spring-forward gap does not exist; it is
// read with the offset in force before the jump, as luxon and GNU date resolve it (02:30 → 03:30).
import { describe, expect, it } from 'vitest';
import { WallClock } from '../../src/parse/stamp.ts';
import { formatUtc, formatUtcTime, wallHourStart, wallToUtc } from '../../src/util/time.ts';

const Z = (iso: string) => Date.parse(iso);
type Case = [zone: string, local: [number, number, number, number, number, number, number], utc: string];
const cases: Case[] = [
  // spring forward in Berlin: 02:00–03:00 is skipped
  ['Europe/Berlin', [2021, 3, 28, 1, 59, 59, 999], '2021-03-28T00:59:59.999Z'],
  ['Europe/Berlin', [2021, 3, 28, 2, 0, 0, 0], '2021-03-28T01:00:00.000Z'],
  ['Europe/Berlin', [2021, 3, 28, 2, 30, 0, 0], '2021-03-28T01:30:00.000Z'],
  ['Europe/Berlin', [2021, 3, 28, 2, 59, 59, 999], '2021-03-28T01:59:59.999Z'],
  ['Europe/Berlin', [2021, 3, 28, 3, 0, 0, 0], '2021-03-28T01:00:00.000Z'],
  ['Europe/Berlin', [2021, 3, 28, 3, 30, 0, 0], '2021-03-28T01:30:00.000Z'],
  // fall back: outside the repeated hour there is one answer
  ['Europe/Berlin', [2021, 10, 31, 1, 59, 0, 0], '2021-10-30T23:59:00.000Z'],
  ['Europe/Berlin', [2021, 10, 31, 3, 30, 0, 0], '2021-10-31T02:30:00.000Z'],
  ['America/New_York', [2021, 3, 14, 2, 30, 0, 0], '2021-03-14T07:30:00.000Z'],
  ['America/New_York', [2021, 3, 14, 3, 30, 0, 0], '2021-03-14T07:30:00.000Z'],
  // a 30-minute shift: 02:00–02:30 is skipped, 02:30–03:00 exists at +11:00
  ['Australia/Lord_Howe', [2021, 10, 3, 2, 15, 0, 0], '2021-10-02T15:45:00.000Z'],
  ['Australia/Lord_Howe', [2021, 10, 3, 2, 45, 0, 0], '2021-10-02T15:45:00.000Z'],
  ['Australia/Lord_Howe', [2021, 10, 3, 1, 45, 0, 0], '2021-10-02T15:15:00.000Z'],
  ['UTC', [2021, 3, 28, 2, 30, 0, 0], '2021-03-28T02:30:00.000Z'],
];

describe('issue #16 – the DST offset cache inside a spring-forward gap', () => {
  it.each(cases)('wallToUtc %s %j → %s', (zone, l, utc) => {
    expect(new Date(wallToUtc(zone, ...l)).toISOString()).toBe(utc);
  });

  it.each(cases)("the parser's per-hour WallClock agrees: %s %j → %s", (zone, l, utc) => {
    const clock = new WallClock(zone);
    // Prime the remembered hour with its first minute, as a log that runs through the hour does.
    clock.toUtc(l[0], l[1], l[2], l[3], 0, 0, 0);
    expect(new Date(clock.toUtc(...l)).toISOString()).toBe(utc);
  });

  it('an hour a transition touches is never given a single start', () => {
    expect(wallHourStart('Europe/Berlin', 2021, 3, 28, 2)).toBeNull();
    expect(wallHourStart('Australia/Lord_Howe', 2021, 10, 3, 2)).toBeNull();
    expect(wallHourStart('Europe/Berlin', 2021, 3, 28, 4)).toBe(Z('2021-03-28T02:00:00.000Z'));
    expect(wallHourStart('Europe/Berlin', 2021, 6, 1, 12)).toBe(Z('2021-06-01T10:00:00.000Z'));
  });
});

describe('formatUtc and formatUtcTime, each second formatted once', () => {
  const iso = (ms: number) => new Date(ms).toISOString();
  const times = [
    0, -0, 1, -1, 0.5, -0.5, -1.5, 999.9, -999.9, 1000, -1001, 1_624_260_501_434, 1_624_260_501_434.7, 253_402_300_799_999, 8.64e15,
    -8.64e15,
  ];
  // Two times in one cache slot (65536 s apart) and back again: each keeps its own second.
  times.push(1_624_260_501_000, 1_624_260_501_000 + 65_536_000, 1_624_260_501_999);
  it.each(times)('%d reads as toISOString does', (ms) => {
    expect(formatUtc(ms)).toBe(iso(ms));
    expect(formatUtcTime(ms)).toBe(iso(ms).slice(11, 23));
  });
  it('a time no Date can hold is shown, not thrown', () => {
    for (const ms of [NaN, Infinity, 8.64e15 + 1]) {
      expect(formatUtc(ms)).toBe('invalid time');
      expect(formatUtcTime(ms)).toBe('invalid time');
    }
  });
  it('concrete values', () => {
    expect(formatUtc(1_624_260_501_434)).toBe('2021-06-21T07:28:21.434Z');
    expect(formatUtcTime(1_624_260_501_004)).toBe('07:28:21.004');
    expect(formatUtc(-1)).toBe('1969-12-31T23:59:59.999Z');
  });
});
