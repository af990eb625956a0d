/*
 * The declared forms of the byte parsers in prefix.ts and stamp.ts, as lnav declares its formats:
 * for each form, where it comes from, sample lines, and a plain reference regex for exactly the
 * language the byte parser accepts. The parsers never use these; test/parse/forms.test.ts proves
 * them equal to the regexes on the samples, on every fixture line and on random variations, as
 * test/parse/lex.test.ts proves lex.ts equal to the chevrotain lexer.
 *
 * Named groups: pid, role, level, msg (prefixes); stamp (the stamp text inside a prefix); and for
 * stamps d, mon, mo, y, h, mi, s, frac, zone, epoch.
 */
import { FORM_CLOCK, FORM_ISO, FORM_LOGFMT, FORM_MS, FORM_NAMES, FORM_SIGNAL, FORM_V2, FORM_V3, FORM_V5 } from './prefix.ts';
import { STAMP_CLOCK, STAMP_EXACT, STAMP_WALL, STAMP_WALL_NO_YEAR } from './stamp.ts';

const MON = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
const DAY = '0[1-9]|[12]\\d|3[01]';
/** HH:MM:SS with an optional `.` or `,` fraction of any length (kept to ms). */
const CLOCK = '(?<h>[01]\\d|2[0-3]):(?<mi>[0-5]\\d):(?<s>[0-5]\\d|60)(?:[.,](?<frac>\\d+))?';

export interface StampForm {
  name: 'legacy' | 'legacy-no-year' | 'iso8601' | 'epoch-ms' | 'epoch-seconds' | 'syslog' | 'clock';
  /** Stamp kind the parser reports (STAMP_*). */
  kind: number;
  source: string;
  samples: readonly string[];
  reference: RegExp;
}

export const STAMP_FORMS: readonly StampForm[] = [
  {
    name: 'legacy',
    kind: STAMP_WALL,
    source: 'redis 5.0+ src/server.c serverLogRaw strftime "%d %b %Y %H:%M:%S." + "%03d"',
    samples: ['21 Jun 2021 07:28:05.911', '01 Jan 2026 00:00:00.000', '31 Dec 1999 23:59:60.5'],
    reference: new RegExp(`^(?<d>${DAY}) (?<mon>${MON}) (?<y>\\d{4}) ${CLOCK}$`),
  },
  {
    name: 'legacy-no-year',
    kind: STAMP_WALL_NO_YEAR,
    source: 'redis 2.6–4.0 src/redis.c, src/server.c strftime "%d %b %H:%M:%S." + "%03d"; 2.4 without ms',
    samples: ['13 Apr 12:52:30.731', '09 Feb 01:02:03', '30 Nov 23:59:59,123456'],
    reference: new RegExp(`^(?<d>${DAY}) (?<mon>${MON}) ${CLOCK}$`),
  },
  {
    name: 'iso8601',
    kind: STAMP_EXACT,
    source: 'valkey 8.1 log-timestamp-format iso8601 ("%Y-%m-%dT%H:%M:%S." + "%03d" + ±hh:mm); RFC 3339 of wrappers',
    samples: ['2026-11-25T13:24:50.214+01:00', '2026-11-25 13:24:50Z', '2026-11-25T13:24:50.123456789-0530', '2026-11-25T13:24:50.214'],
    reference: new RegExp(`^(?<y>\\d{4})-(?<mo>0[1-9]|1[0-2])-(?<d>${DAY})[T ]${CLOCK}(?<zone>Z|[+-]\\d\\d:?\\d\\d)?$`),
  },
  {
    name: 'epoch-ms',
    kind: STAMP_EXACT,
    source: 'valkey 8.1 log-timestamp-format milliseconds ("%lld")',
    samples: ['1764077090214', '123456789'],
    reference: /^(?<epoch>\d{9,16})$/,
  },
  {
    name: 'epoch-seconds',
    kind: STAMP_EXACT,
    source: 'redis serverLogFromHandler / redisLogFromHandler time(NULL)',
    samples: ['1764077090', '7'],
    reference: /^(?<epoch>\d{1,16})$/,
  },
  {
    name: 'syslog',
    kind: STAMP_WALL_NO_YEAR,
    source: 'syslog / journald -o short, short-precise ("%b %e %H:%M:%S[.%06u]")',
    samples: ['Nov 25 13:24:50', 'Nov  5 13:24:50.123456', 'Jan 05 00:00:00'],
    reference: new RegExp(`^(?<mon>${MON}) (?<d>${DAY}| [1-9]) ${CLOCK}$`),
  },
  {
    name: 'clock',
    kind: STAMP_CLOCK,
    source: 'a line cut to its time of day (an excerpt, a shipper template): issue 14',
    samples: ['13:24:50.214', '00:00:00', '23:59:60,5'],
    reference: new RegExp(`^${CLOCK}$`),
  },
];

export interface PrefixForm {
  name: (typeof FORM_NAMES)[number];
  /** FORM_* the parser reports. */
  form: number;
  source: string;
  samples: readonly string[];
  /** The whole line. Groups: pid, role?, stamp, level?, msg. */
  reference: RegExp;
}

/** ` L msg`, ` L` at the end of the line. */
const TAIL = ' (?<level>[.\\-*#])(?: (?<msg>[\\s\\S]*))?$';
const LEGACY_ANY = `(?:${DAY}) (?:${MON}) (?:\\d{4} )?(?:[01]\\d|2[0-3]):[0-5]\\d:(?:[0-5]\\d|60)(?:[.,]\\d+)?`;
const LEGACY_YEAR = `(?:${DAY}) (?:${MON}) \\d{4} (?:[01]\\d|2[0-3]):[0-5]\\d:(?:[0-5]\\d|60)(?:[.,]\\d+)?`;
const LEGACY_NO_YEAR = `(?:${DAY}) (?:${MON}) (?:[01]\\d|2[0-3]):[0-5]\\d:(?:[0-5]\\d|60)(?:[.,]\\d+)?`;
const ISO = `\\d{4}-(?:0[1-9]|1[0-2])-(?:${DAY})[T ](?:[01]\\d|2[0-3]):[0-5]\\d:(?:[0-5]\\d|60)(?:[.,]\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)?`;
const PID = '(?<pid>\\d{1,10})';
/**
 * The crash report's fast memory test writes `.` and `O`/`E` with no newline; a server that dies during
 * it leaves them in front of the next process's first line (redis 5.0.14 src/debug.c
 * memtest_test_linux_anonymous_maps; recorded: fixtures/versions/redis-5.0.14/seed1-no-replica-segfault).
 * Every `pid:` form may start with such a run.
 */
const MEMTEST = '[.OE]*';
const ROLE = '(?<role>[XCSM])';

export const PREFIX_FORMS: readonly PrefixForm[] = [
  {
    name: 'v5',
    form: FORM_V5,
    source: 'redis 5.0–7.4 src/server.c serverLogRaw "%d:%c %s %c %s"; valkey log-format legacy',
    samples: [
      '1:M 21 Jun 2021 07:28:05.911 # Redis 6.2.3 crashed by signal: 11',
      "12345:S 25 Nov 2026 13:24:53.777 * Failover election won: I'm the new master.",
      '7:C 01 Jan 2026 00:00:00.000 *',
      '7:X 01 Jan 2026 00:00:00.000 . ',
      '.O.O.O.O.O.338:C 02 Dec 2026 01:03:40.775 # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
    ],
    reference: new RegExp(`^${MEMTEST}${PID}:${ROLE} (?<stamp>${LEGACY_YEAR})${TAIL}`),
  },
  {
    name: 'v3',
    form: FORM_V3,
    source: 'redis 3.0–4.0 src/server.c serverLogRaw strftime "%d %b %H:%M:%S."',
    samples: [
      '2543:M 13 Apr 12:52:30.731 * Ready to accept connections',
      '1:S 01 Feb 00:00:00 - x',
      '.O.O.O.14714:M 02 Dec 01:43:18.304 * Ready to accept connections',
    ],
    reference: new RegExp(`^${MEMTEST}${PID}:${ROLE} (?<stamp>${LEGACY_NO_YEAR})${TAIL}`),
  },
  {
    name: 'v2',
    form: FORM_V2,
    source: 'redis 2.x src/redis.c redisLogRaw "[%d] %s %c %s"',
    samples: ['[4018] 13 Apr 12:52:30.731 # Server started, Redis version 2.8.19', '[1] 01 Jan 2020 00:00:00.000 * with a year'],
    reference: new RegExp(`^\\[${PID}\\] (?<stamp>${LEGACY_ANY})${TAIL}`),
  },
  {
    name: 'signal-handler',
    form: FORM_SIGNAL,
    source: 'redis 3.0–7.4 serverLogFromHandler pid ":signal-handler (" time ") "; 2.8 "[pid | signal handler] (time) "',
    samples: [
      '1:signal-handler (1624260485) Received SIGTERM scheduling shutdown...',
      '[77 | signal handler] (1400000000) Received SIGINT',
      '5:signal-handler (12)x',
    ],
    reference: new RegExp(
      `^(?:${MEMTEST}${PID}:signal-handler|\\[(?<bpid>\\d{1,10}) \\| signal handler\\]) \\((?<stamp>\\d{1,16})\\) ?(?<msg>[\\s\\S]*)$`,
    ),
  },
  {
    name: 'iso8601',
    form: FORM_ISO,
    source: 'valkey 8.1 log-timestamp-format iso8601',
    samples: ['1:M 2026-11-25T13:24:50.214+01:00 * Ready to accept connections tcp', '2:S 2026-11-25T13:24:50.214Z # x'],
    reference: new RegExp(`^${MEMTEST}${PID}:${ROLE} (?<stamp>${ISO})${TAIL}`),
  },
  {
    name: 'milliseconds',
    form: FORM_MS,
    source: 'valkey 8.1 log-timestamp-format milliseconds',
    samples: ['1:M 1764077090214 * Ready to accept connections tcp'],
    reference: new RegExp(`^${MEMTEST}${PID}:${ROLE} (?<stamp>\\d{9,16})${TAIL}`),
  },
  {
    name: 'clock',
    form: FORM_CLOCK,
    source: 'a Redis line cut to `HH:MM:SS.mmm L msg` (no pid, role or date): issue 14',
    samples: ['13:24:50.214 * Ready to accept connections', '23:59:59 # x', '00:00:00.000 -'],
    reference: new RegExp(`^(?<stamp>(?:[01]\\d|2[0-3]):[0-5]\\d:(?:[0-5]\\d|60)(?:[.,]\\d+)?)${TAIL}`),
  },
  {
    name: 'logfmt',
    form: FORM_LOGFMT,
    source: 'valkey 8.1 log-format logfmt "pid=%d role=%s timestamp=\\"%s\\" level=%s message=\\"%s\\""',
    samples: [
      'pid=1 role=primary timestamp="2026-11-25T13:24:50.214+00:00" level=notice message="Ready to accept connections tcp"',
      'pid=7 role=replica timestamp="25 Nov 2026 13:24:50.214" level=warning message="MASTER <-> REPLICA sync started"',
      'pid=9 timestamp=1764077090214 level=info message="a \\"quoted\\" word"  ',
    ],
    // The field list; which fields it needs and what their values may be is the logfmt rule below.
    reference: /^pid=(?<pid>\d{1,10})(?<fields>(?: +[^= ]*=(?:"(?:\\[\s\S]|[^"\\])*"|(?!")[^ ]*))*) *$/,
  },
];

/** One field of a logfmt line: key, raw value (quotes removed), whether it was quoted. */
export const LOGFMT_FIELD = / +(?<key>[^= ]*)=(?:"(?<quoted>(?:\\[\s\S]|[^"\\])*)"|(?<bare>(?!")[^ ]*))/g;
export const LOGFMT_ROLE_VALUES = ['primary', 'master', 'replica', 'slave', 'RDB/AOF', 'child', 'sentinel'] as const;
export const LOGFMT_LEVEL_VALUES = ['debug', 'verbose', 'info', 'notice', 'warning'] as const;
/** The logfmt timestamp value: iso8601, legacy (with or without a year) or epoch milliseconds. */
export const LOGFMT_STAMP = new RegExp(`^(?:${ISO}|${LEGACY_ANY}|\\d{9,16})$`);
