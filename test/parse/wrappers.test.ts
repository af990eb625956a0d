// wrappers.ts unwraps on bytes for speed; src/parse/wrapper-forms.ts declares each form with a sample
// and a reference regex. As test/parse/lex.test.ts pins lex.ts to the grammar's lexer, this pins the
// byte parser to the regexes: same kind, same writer label, same inner line, on every sample, every
// fixture line, every line of every generated form (test/forms/generate.ts) and random wrapped lines.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Header } from '../../src/parse/prefix.ts';
import { WRAPPER_FORMS } from '../../src/parse/wrapper-forms.ts';
import { STAMP_NONE } from '../../src/parse/stamp.ts';
import {
  isBareDigitLine,
  unwrapLine,
  Wrap,
  WRAP_NAMES,
  WRAP_NONE,
  WRAP_BAD_JSON,
  WRAP_DOCKER_JSON,
  WRAP_RECORD,
  WRAP_SYSLOG_5424,
} from '../../src/parse/wrappers.ts';
import { FORMS, loadIncidentLogs } from '../forms/generate.ts';
import { laneLines } from '../helpers/lane.ts';

interface Got {
  kind: string;
  stream?: string;
  inner: string;
}

/** The reference: the first form whose regex matches, in the order the byte parser tries them. */
const ORDER = [
  'tail-headers',
  'journald-meta',
  'grafana-txt',
  'cri',
  'loki-logcli',
  'syslog-journald',
  'docker-t',
  'kubectl-prefix',
  'syslog-rfc3164',
  'syslog-rfc5424',
  'klog',
  'compose',
  'label',
  'export-header',
];
const byName = new Map(WRAPPER_FORMS.map((f) => [f.name, f]));

function reference(line: string): Got {
  for (const name of ORDER) {
    const f = byName.get(name)!;
    const m = f.regex.exec(line);
    if (!m) continue;
    const g = m.groups ?? {};
    let stream = g.stream;
    if (f.kind === WRAP_SYSLOG_5424) stream = `${g.host} ${g.app}`;
    return { kind: name, ...(stream !== undefined ? { stream } : {}), inner: g.inner ?? '' };
  }
  return { kind: 'plain', inner: line };
}

const w = new Wrap();
const h = new Header();
function fast(line: string): Got | null {
  const b = Buffer.from(line, 'utf8');
  const k = unwrapLine(b, 0, b.length, w, h);
  if (k === WRAP_DOCKER_JSON || k === WRAP_RECORD || k === WRAP_BAD_JSON) return null; // JSON records: records.ts, not regexes
  const inner = k === WRAP_NONE ? line : b.toString('utf8', w.start, w.end);
  return { kind: WRAP_NAMES[k], ...(w.stream !== undefined && k !== WRAP_NONE ? { stream: w.stream } : {}), inner };
}

function same(line: string): void {
  w.labels.clear();
  const got = fast(line);
  if (got === null) return;
  expect(got, JSON.stringify(line)).toEqual(reference(line));
}

/** Every line of the fixtures (the fast lane: a sample of the version recordings, helpers/lane.ts). */
function fixtureLines(dir: string, out: string[], seen = new Set<string>()): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) fixtureLines(p, out, seen);
    else if (/\.(log|md|txt|conf)$/.test(name))
      out.push(
        ...laneLines(
          p,
          readFileSync(p, 'utf8')
            .split('\n')
            .map((l) => l.replace(/\r$/, '')),
          seen,
        ),
      );
  }
}

describe('the byte-level wrapper parser equals the reference regexes', () => {
  test('every declared form: its sample unwraps to the declared inner line and label', () => {
    for (const f of WRAPPER_FORMS) {
      expect(reference(f.sample), f.name).toEqual({
        kind: f.name,
        ...(f.stream !== undefined ? { stream: f.stream } : {}),
        inner: f.inner,
      });
      same(f.sample);
    }
  });

  test('every line of the fixtures', () => {
    const lines: string[] = [];
    fixtureLines('fixtures', lines);
    expect(lines.length).toBeGreaterThan(10_000);
    for (const l of lines) if (l !== '') same(l);
  });

  test('every line of every generated form of a recorded incident', () => {
    const inc = loadIncidentLogs('fixtures/incidents/seed1-no-replica-segfault', 'seed1');
    let n = 0;
    for (const form of FORMS)
      for (const [name, text] of form.build(inc)) {
        if (
          !/node-|compose|tail|pods|operator|messages|syslog|redis\.log|pasted|loki|grafana-redis|datadog\.csv|insights/.test(name) ||
          /nodes-|snapshots-/.test(name)
        )
          continue;
        for (const l of text.split('\n')) {
          if (l === '' || l.includes('\x1b')) continue;
          same(l);
          n++;
        }
      }
    expect(n).toBeGreaterThan(5000);
  });

  test('random lines inside each wrapper, and random text', () => {
    const redis = fc.constantFrom(
      '1:M 23 Jun 2021 07:49:33.581 # Cluster state changed: ok',
      '28934:S 25 Nov 07:49:33.581 * MASTER <-> REPLICA sync started',
      'Cluster state changed: fail',
      '',
      ' x',
      '[42] 23 Jun 07:49:33 # y',
    );
    const text = fc.string({ maxLength: 30 });
    const inner = fc.oneof(redis, text);
    const wrapped = fc.tuple(fc.integer({ min: 0, max: WRAPPER_FORMS.length - 1 }), inner).map(([k, i]) => {
      const f = WRAPPER_FORMS[k];
      return f.sample.endsWith(f.inner) && f.inner !== f.sample ? f.sample.slice(0, f.sample.length - f.inner.length) + i : f.sample;
    });
    fc.assert(
      fc.property(wrapped, (l) => same(l)),
      { numRuns: 3000, seed: Number(process.env.FC_SEED ?? 14) },
    );
    const ch = fc.constantFrom(...'0123456789-:T Z.<>|[]{}=IWEF/abcJunNov\t"'.split(''));
    fc.assert(
      fc.property(
        fc.array(ch, { maxLength: 50 }).map((a) => a.join('')),
        (l) => same(l),
      ),
      { numRuns: 3000, seed: Number(process.env.FC_SEED ?? 14) },
    );
  });
});

describe('isBareDigitLine: the lines the parser reads without unwrapLine', () => {
  /** A line it admits is one unwrapLine finds no wrapper around, and keeps whole. */
  function bareMeansNone(line: string): void {
    const b = Buffer.from(line, 'utf8');
    if (b.length === 0 || !isBareDigitLine(b, 0, b.length)) return;
    const k = unwrapLine(b, 0, b.length, w, h);
    expect(
      [WRAP_NAMES[k], w.buf === b, w.start, w.end, w.stamp.kind, w.stream, w.pid, w.partial, w.text, w.form],
      JSON.stringify(line),
    ).toEqual(['plain', true, 0, b.length, STAMP_NONE, undefined, undefined, false, null, null]);
  }

  test('admits the lines a server writes, not stamp-led wrappers', () => {
    const yes = [
      '1:M 23 Jun 2021 07:49:33.581 # Cluster state changed: ok',
      '28934:S 25 Nov 07:49:33.581 * MASTER <-> REPLICA sync started',
      '60507:C 05 Jan 2026 00:00:00.000 # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
      '7:M 2026-01-05T00:00:00.000+00:00 * Ready to accept connections',
      '12345',
    ];
    const no = [
      '2021-06-23T07:49:33.581234567Z 1:M 23 Jun 2021 07:49:33.581 # x',
      '2021-06-23 07:49:33.581\t1:M 23 Jun 2021 07:49:33.581 # x',
      '1624434573581\t2021-06-23T07:49:33.581Z\tx',
      '[42] 23 Jun 07:49:33 # y',
      'Cluster state changed: ok',
    ];
    for (const l of yes) expect(isBareDigitLine(Buffer.from(l), 0, l.length), l).toBe(true);
    for (const l of no) expect(isBareDigitLine(Buffer.from(l), 0, Buffer.byteLength(l)), l).toBe(false);
    for (const l of yes) bareMeansNone(l);
  });

  test('every fixture line, every wrapper sample and random digit-led text it admits unwraps to nothing', () => {
    const lines: string[] = [];
    fixtureLines('fixtures', lines);
    for (const l of lines) bareMeansNone(l);
    for (const f of WRAPPER_FORMS) bareMeansNone(f.sample);
    const ch = fc.constantFrom(...'0123456789-:T Z.<>|[]{}=/abcJunNov\t"'.split(''));
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 0, max: 9 }), fc.array(ch, { maxLength: 40 })).map(([d, a]) => String(d) + a.join('')),
        (l) => bareMeansNone(l),
      ),
      { numRuns: 5000, seed: Number(process.env.FC_SEED ?? 14) },
    );
  });
});
