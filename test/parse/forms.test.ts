// The byte parsers of prefix.ts and stamp.ts are fast paths; src/parse/forms.ts declares each form
// they read with sample lines and a plain reference regex. Here the parsers must agree with the
// regexes — accept exactly the same lines, as the same form, with the same pid, role, level,
// message and time — on every sample, every fixture line and random variations of the samples
// (STYLE.md §7.12, as test/parse/lex.test.ts pins lex.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  LOGFMT_FIELD,
  LOGFMT_LEVEL_VALUES,
  LOGFMT_ROLE_VALUES,
  LOGFMT_STAMP,
  PREFIX_FORMS,
  STAMP_FORMS,
  type StampForm,
} from '../../src/parse/forms.ts';
import { FORM_CLOCK, FORM_LOGFMT, FORM_MS, FORM_NAMES, FORM_SIGNAL, Header, parseRedisHeader } from '../../src/parse/prefix.ts';
import {
  parseClock,
  parseEpoch,
  parseIsoStamp,
  parseLegacyStamp,
  parseSyslogStamp,
  Stamp,
  STAMP_CLOCK,
  STAMP_EXACT,
  STAMP_WALL,
  STAMP_WALL_NO_YEAR,
} from '../../src/parse/stamp.ts';
import { laneLines } from '../helpers/lane.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ROLE_CHAR: Record<string, string> = {
  primary: 'M',
  master: 'M',
  replica: 'S',
  slave: 'S',
  'RDB/AOF': 'C',
  child: 'C',
  sentinel: 'X',
};
const LEVEL_CHAR: Record<string, string> = { debug: '.', verbose: '-', info: '-', notice: '*', warning: '#' };

/** EXACT stamps compare by instant; wall-clock ones by their fields (y 0 when the stamp has no year). */
type StampFields =
  { kind: number; at: number } | { kind: number; y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number };

/** Stamp fields from a reference match (regex groups), computed without the byte parser. */
function stampFromGroups(g: Record<string, string | undefined>, unitMs = 1): StampFields {
  if (g.epoch !== undefined) return { kind: STAMP_EXACT, at: Number(g.epoch) * unitMs };
  if (g.d === undefined) {
    // A time of day alone (the clock form): no date fields.
    const frac = g.frac ?? '';
    return {
      kind: STAMP_CLOCK,
      y: 0,
      mo: 0,
      d: 0,
      h: Number(g.h),
      mi: Number(g.mi),
      s: Number(g.s),
      ms: frac === '' ? 0 : Number(frac.slice(0, 3).padEnd(3, '0')),
    };
  }
  const y = g.y === undefined ? 0 : Number(g.y);
  const mo = g.mon !== undefined ? MONTHS.indexOf(g.mon) + 1 : Number(g.mo);
  const d = Number(g.d!.trim());
  const frac = g.frac ?? '';
  const ms = frac === '' ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  const [h, mi, s] = [Number(g.h), Number(g.mi), Number(g.s)];
  if (g.zone !== undefined) {
    const z =
      g.zone === 'Z' ? 0 : (g.zone[0] === '-' ? -1 : 1) * (Number(g.zone.slice(1, 3)) * 60 + Number(g.zone.replace(':', '').slice(3, 5)));
    return { kind: STAMP_EXACT, at: Date.UTC(y, mo - 1, d) + h * 3_600_000 + mi * 60_000 + s * 1000 + ms - z * 60_000 };
  }
  return { kind: g.y === undefined ? STAMP_WALL_NO_YEAR : STAMP_WALL, y, mo, d, h, mi, s, ms };
}

function stampOf(st: Stamp): StampFields {
  if (st.kind === STAMP_EXACT) return { kind: st.kind, at: st.at };
  if (st.kind === STAMP_CLOCK) return { kind: st.kind, y: 0, mo: 0, d: 0, h: st.h, mi: st.mi, s: st.s, ms: st.ms };
  return { kind: st.kind, y: st.kind === STAMP_WALL_NO_YEAR ? 0 : st.y, mo: st.mo, d: st.d, h: st.h, mi: st.mi, s: st.s, ms: st.ms };
}

/** A stamp's text → fields, by the declared stamp regexes (legacy, ISO, epoch ms). */
function referenceStamp(text: string, forms: readonly StampForm['name'][], unitMs = 1): StampFields | null {
  for (const f of STAMP_FORMS) {
    if (!forms.includes(f.name)) continue;
    const m = f.reference.exec(text);
    if (m) return stampFromGroups(m.groups ?? {}, unitMs);
  }
  return null;
}

type HeaderFields = { form: string; pid: number; role: string | undefined; level: string | undefined; msg: string; stamp: StampFields };

/** The whole line by the reference regexes (and the logfmt field rule). */
function reference(line: string): HeaderFields | null {
  for (const f of PREFIX_FORMS) {
    const m = f.reference.exec(line);
    if (!m) continue;
    const g = m.groups ?? {};
    if (f.form === FORM_LOGFMT) return referenceLogfmt(Number(g.pid), g.fields ?? '');
    const stamp =
      f.form === FORM_SIGNAL
        ? referenceStamp(g.stamp!, ['epoch-seconds'], 1000)
        : f.form === FORM_MS
          ? referenceStamp(g.stamp!, ['epoch-ms'])
          : f.form === FORM_CLOCK
            ? referenceStamp(g.stamp!, ['clock'])
            : referenceStamp(g.stamp!, ['legacy', 'legacy-no-year', 'iso8601']);
    if (!stamp) throw new Error(`the ${f.name} regex matched a stamp no stamp form declares: ${g.stamp}`);
    // The clock form has no pid: the parser reports 0 (parse-source.ts makes the event's pid absent).
    return {
      form: f.name,
      pid: f.form === FORM_CLOCK ? 0 : Number(g.pid ?? g.bpid),
      role: g.role,
      level: g.level,
      msg: g.msg ?? '',
      stamp,
    };
  }
  return null;
}

/** logfmt: fields in order; an unknown level or a bad timestamp rejects; stamp, level and message are required. */
function referenceLogfmt(pid: number, fields: string): HeaderFields | null {
  let role: string | undefined;
  let level: string | undefined;
  let msg: string | undefined;
  let stamp: StampFields | null = null;
  for (const m of fields.matchAll(LOGFMT_FIELD)) {
    const { key, quoted, bare } = m.groups!;
    const value = quoted ?? bare ?? '';
    if (key === 'role') role = (LOGFMT_ROLE_VALUES as readonly string[]).includes(value) ? ROLE_CHAR[value] : undefined;
    else if (key === 'level') {
      if (!(LOGFMT_LEVEL_VALUES as readonly string[]).includes(value)) return null;
      level = LEVEL_CHAR[value];
    } else if (key === 'timestamp') {
      if (!LOGFMT_STAMP.test(value)) return null;
      stamp = referenceStamp(value, ['iso8601', 'legacy', 'legacy-no-year', 'epoch-ms']);
    } else if (key === 'message') msg = quoted ?? bare;
  }
  if (!stamp || msg === undefined || level === undefined) return null;
  return { form: 'logfmt', pid, role, level, msg, stamp };
}

const header = new Header();
function parsed(line: string): HeaderFields | null {
  const b = Buffer.from(line, 'latin1');
  if (!parseRedisHeader(b, 0, b.length, header)) return null;
  return {
    form: FORM_NAMES[header.form],
    pid: header.pid,
    role: header.role,
    level: header.level,
    msg: b.toString('latin1', header.msgStart, header.msgEnd),
    stamp: stampOf(header.stamp),
  };
}

const agree = (line: string): void => void expect(parsed(line), JSON.stringify(line)).toEqual(reference(line));

/** Every fixture line, as latin1 text so that one character is one byte of what the parser reads. */
/** Every line of the fixtures (the fast lane: a sample of the version recordings, helpers/lane.ts). */
function fixtureLines(): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(log|md|txt|conf)$/.test(name)) out.push(...laneLines(p, readFileSync(p).toString('latin1').split('\n'), seen));
    }
  };
  walk('fixtures');
  return out;
}

describe('prefix forms: parseRedisHeader equals the declared reference regexes', () => {
  test('every declared sample is read as its own form', () => {
    for (const f of PREFIX_FORMS) {
      expect(f.samples.length, f.name).toBeGreaterThan(0);
      for (const s of f.samples) {
        expect(parsed(s)?.form, s).toBe(f.name);
        agree(s);
      }
    }
    expect(new Set(PREFIX_FORMS.map((f) => f.name))).toEqual(new Set(FORM_NAMES.filter((n) => n !== 'none')));
  });

  test('every line of the fixtures', () => {
    const lines = fixtureLines();
    expect(lines.length).toBeGreaterThan(10_000);
    let accepted = 0;
    for (const l of lines) {
      agree(l);
      if (parsed(l)) accepted++;
    }
    expect(accepted).toBeGreaterThan(2_000);
  });

  test('edge cases', () => {
    for (const s of [
      '',
      '1',
      '1:',
      '1:M',
      '1:M ',
      '12345678901:M 21 Jun 2021 07:28:05.911 # eleven-digit pid',
      '1:M 21 Jun 2021 07:28:05.911 #',
      '1:M 21 Jun 2021 07:28:05.911 #x',
      '1:M 21 Jun 2021 07:28:05.911 ! bad level',
      '1:M 21 Jun 2021 07:28:05. # empty fraction',
      '1:M 21 Jun 2021 24:00:00.000 # hour 24',
      '1:M 32 Jun 2021 07:28:05.911 # day 32',
      '1:M 00 Jun 2021 07:28:05.911 # day 0',
      '1:M 21 Jux 2021 07:28:05.911 # month',
      '1:M 21 Jun 0000 07:28:05.911 # year 0000',
      '1:M 21 Jun 2021 07:28:60.123456789 # leap second, nanoseconds',
      '1:M 21 Jun 2021 07:28:05,911 # comma',
      '1:Q 21 Jun 2021 07:28:05.911 # role Q',
      '1:M 2026-11-25T13:24:50.214+0100 * compact offset',
      '1:M 2026-11-25T13:24:50.214+01 * short offset',
      '1:M 2026-13-25T13:24:50.214Z * month 13',
      '1:M 12345678 * eight digits',
      '1:M 12345678901234567 * seventeen digits',
      '.23:59:59 # memtest dots before a clock-cut line (drawn by the property below in stop 19 CI)',
      '..1:M 21 Jun 2021 07:28:05.911 # memtest dots before a pid header',
      '1:signal-handler () x',
      '1:signal-handler (12345678901234567) x',
      '1:signal-handler (5)',
      '[1 | signal handler] (5)  two spaces',
      '[] 13 Apr 12:52:30.731 # no pid',
      '[1]13 Apr 12:52:30.731 # no space',
      'pid=1 timestamp=1764077090214 level=notice message=bare',
      'pid=1 timestamp=1764077090214 level=notice message="unterminated',
      'pid=1 timestamp=1764077090214 level=notice message="ends in a backslash\\',
      'pid=1 timestamp=1764077090214 level=loud message="x"',
      'pid=1 timestamp=1764077090214 level=constructor message="x"',
      'pid=1 role=constructor timestamp=1764077090214 level=notice message="x"',
      'pid=1 role=toString timestamp=1764077090214 level=notice message="x"',
      'pid=1 timestamp="not a time" level=notice message="x"',
      'pid=1 level=notice message="no stamp"',
      'pid=1 timestamp=1764077090214 message="no level"',
      'pid=1 timestamp=1764077090214 level=notice',
      'pid=1 =x timestamp=1764077090214 level=notice message="empty key"',
      'pid=1 timestamp=1764077090214 level=notice message="x"y',
      'pid=1x timestamp=1764077090214 level=notice message="x"',
      'pid=1  timestamp=1764077090214   level=notice message="x"   ',
      'pid=1 timestamp="13 Apr 12:52:30.731" level=notice message="x" level=warning',
    ])
      agree(s);
  });

  test('random variations of the samples', () => {
    const samples = PREFIX_FORMS.flatMap((f) => f.samples);
    const ch = fc.constantFrom(...'0123456789 :.,-+TZ#*[]|()"=\\xMSCXQa'.split(''));
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.nat(), fc.nat(3), fc.array(ch, { maxLength: 3 }), (s, at, cut, insert) => {
        const i = at % (s.length + 1);
        agree(s.slice(0, i) + insert.join('') + s.slice(Math.min(s.length, i + cut)));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('stamp forms: the stamp parsers equal the declared reference regexes', () => {
  const parsers: Record<StampForm['name'], (b: Uint8Array, e: number, st: Stamp) => number> = {
    legacy: (b, e, st) => parseLegacyStamp(b, 0, e, st),
    'legacy-no-year': (b, e, st) => parseLegacyStamp(b, 0, e, st),
    iso8601: (b, e, st) => parseIsoStamp(b, 0, e, st),
    'epoch-ms': (b, e, st) => parseEpoch(b, 0, e, st, 1, 9),
    'epoch-seconds': (b, e, st) => parseEpoch(b, 0, e, st, 1000, 1),
    syslog: (b, e, st) => parseSyslogStamp(b, 0, e, st),
    // prefix.ts parseClockHeader: parseClock, then the kind
    clock: (b, e, st) => {
      const p = parseClock(b, 0, e, st);
      if (p >= 0) st.kind = STAMP_CLOCK;
      return p;
    },
  };
  // The legacy parser reads both legacy forms; its reference is their union.
  const referenceFor = (name: StampForm['name']): StampForm['name'][] =>
    name === 'legacy' || name === 'legacy-no-year' ? ['legacy', 'legacy-no-year'] : [name];
  const st = new Stamp();
  const agreeStamp = (name: StampForm['name'], text: string): void => {
    const b = Buffer.from(text, 'latin1');
    const end = parsers[name](b, b.length, st);
    const got = end === b.length ? stampOf(st) : null;
    const unit = name === 'epoch-seconds' ? 1000 : 1;
    expect(got, `${name} ${JSON.stringify(text)}`).toEqual(referenceStamp(text, referenceFor(name), unit));
  };

  test('every declared sample, with its declared kind', () => {
    for (const f of STAMP_FORMS) {
      for (const s of f.samples) {
        agreeStamp(f.name, s);
        const b = Buffer.from(s, 'latin1');
        parsers[f.name](b, b.length, st);
        // A declared ISO sample without a zone reads as wall clock; every other sample has its form's kind.
        expect(st.kind, s).toBe(f.name === 'iso8601' && !/(Z|[+-]\d\d:?\d\d)$/.test(s) ? STAMP_WALL : f.kind);
      }
    }
    expect(STAMP_FORMS.find((f) => f.name === 'syslog')?.kind).toBe(STAMP_WALL_NO_YEAR);
  });

  test('random variations of the samples', () => {
    const ch = fc.constantFrom(...'0123456789 :.,-+TZ JunNovDecx'.split(''));
    for (const f of STAMP_FORMS) {
      fc.assert(
        fc.property(fc.constantFrom(...f.samples), fc.nat(), fc.nat(3), fc.array(ch, { maxLength: 3 }), (s, at, cut, insert) => {
          const i = at % (s.length + 1);
          agreeStamp(f.name, s.slice(0, i) + insert.join('') + s.slice(Math.min(s.length, i + cut)));
        }),
        { numRuns: 5_000 },
      );
    }
  });
});
