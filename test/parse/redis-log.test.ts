// Golden tests: every Redis/Valkey prefix form and every wrapper, one folder each under
// fixtures/grammars/redis-log/<variant>/ (input.log or input.log.gz, optional options.json, the reviewed
// expected.json). Plus property tests: no line, random or mutated, throws or escapes the accounting.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ingestPaths, sourceFromText } from '../../src/ingest/index.ts';
import type { ParsedSource, TimeOptions } from '../../src/model/parsed.ts';
import { parseSource } from '../../src/parse/index.ts';

const ROOT = 'fixtures/grammars/redis-log';
const variants = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function sortKeys(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** What the golden pins: times as ISO, every typed field, the first line of a block's text. */
export function normalizeParsed(p: ParsedSource) {
  return {
    kind: p.kind,
    counts: p.counts,
    events: p.events.map((e) => {
      const lines = e.text.split('\n');
      return {
        at: Number.isFinite(e.at) ? new Date(e.at).toISOString() : String(e.at),
        kind: e.kind,
        line: e.line,
        ...(e.endLine !== undefined ? { endLine: e.endLine } : {}),
        ...(e.stream !== undefined ? { stream: e.stream } : {}),
        ...(e.pid !== undefined ? { pid: e.pid } : {}),
        ...(e.role !== undefined ? { role: e.role } : {}),
        ...(e.level !== undefined ? { level: e.level } : {}),
        ...(e.timeInferred ? { timeInferred: true } : {}),
        fields: sortKeys(e.fields),
        text: lines.length > 1 ? `${lines[0]} [+${lines.length - 1} lines]` : e.text,
      };
    }),
    diagnostics: p.diagnostics,
  };
}

function optionsOf(dir: string): TimeOptions {
  const f = join(dir, 'options.json');
  const o = existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Partial<TimeOptions>) : {};
  return { zone: o.zone ?? 'UTC', year: o.year };
}

describe('redis-log goldens', () => {
  test('there is a variant for every prefix form and wrapper', () => {
    expect(variants).toEqual(
      expect.arrayContaining([
        'v7-modern',
        'v4-no-year',
        'v2-bracket-pid',
        'signal-handler',
        'valkey8-logfmt',
        'valkey8-iso8601',
        'valkey8-milliseconds',
        'docker-t',
        'docker-json',
        'kubectl-prefix',
        'journald-short-iso',
        'journald-short-precise',
        'crash-report',
        'startup-logo',
        'crlf-bom',
        'new-year-rollover',
        'gzip',
        'valkey8-logfmt-iso8601',
        'valkey8-logfmt-milliseconds',
      ]),
    );
  });

  for (const v of variants) {
    test(v, async () => {
      const dir = join(ROOT, v);
      const file = readdirSync(dir).find((f) => f.startsWith('input.'));
      expect(file, 'input file').toBeDefined();
      const [input] = await ingestPaths([file!], { cwd: dir });
      const parsed = parseSource(input, optionsOf(dir));
      const { counts } = parsed;
      expect(counts.lines).toBe(counts.understood + counts.ignored + counts.unknown);
      await expect(JSON.stringify(normalizeParsed(parsed), null, 2) + '\n').toMatchFileSnapshot(`../../${dir}/expected.json`);
    });
  }
});

// ---- properties ----------------------------------------------------------------------------------

const UTC: TimeOptions = { zone: 'UTC', year: 2021 };

function parseText(text: string | Buffer, time: TimeOptions = UTC): ParsedSource {
  return parseSource(sourceFromText('prop.log', text, Date.UTC(2021, 5, 1)), time);
}

function physicalLines(buf: Buffer): number {
  if (buf.length === 0) return 0;
  let n = 0;
  for (const b of buf) if (b === 10) n++;
  return buf[buf.length - 1] === 10 ? n : n + 1;
}

function checkAccounting(buf: Buffer, p: ParsedSource): void {
  const c = p.counts;
  expect(c.lines).toBe(physicalLines(buf));
  expect(c.understood + c.ignored + c.unknown).toBe(c.lines);
  for (const e of p.events) {
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(c.lines);
    if (e.endLine !== undefined) expect(e.endLine).toBeGreaterThan(e.line);
  }
}

/** Real lines of every variant: the seeds the mutations start from. */
const SEED_LINES: string[] = variants.flatMap((v) => {
  const dir = join(ROOT, v);
  const f = readdirSync(dir).find((x) => x === 'input.log');
  return f ? readFileSync(join(dir, f), 'utf8').split('\n').slice(0, 80) : [];
});

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 6 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
);

type Mutation =
  | { op: 'delete'; at: number; len: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'truncate'; at: number }
  | { op: 'byte'; at: number; value: number };

function mutate(line: string, muts: Mutation[]): Buffer {
  let b = Buffer.from(line, 'utf8');
  for (const m of muts) {
    const at = b.length === 0 ? 0 : m.at % (b.length + 1);
    if (m.op === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.len)]);
    else if (m.op === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(m.text, 'utf8'), b.subarray(at)]);
    else if (m.op === 'truncate') b = b.subarray(0, at);
    else if (at < b.length) {
      b = Buffer.from(b);
      b[at] = m.value;
    }
  }
  return b;
}

describe('redis-log properties', () => {
  test('random text never throws and every line is counted once', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 120 }), { maxLength: 40 }), (lines) => {
        const buf = Buffer.from(lines.join('\n'), 'utf8');
        checkAccounting(buf, parseText(buf));
      }),
      { numRuns: 300 },
    );
  });

  test('random bytes never throw and every line is counted once', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const buf = Buffer.from(bytes);
        checkAccounting(buf, parseText(buf));
      }),
      { numRuns: 300 },
    );
  });

  test('mutated real lines never throw and every line is counted once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...SEED_LINES), fc.array(mutation, { maxLength: 4 })), { minLength: 1, maxLength: 30 }),
        fc.constantFrom<TimeOptions>(UTC, { zone: 'Asia/Seoul' }, { zone: 'America/New_York', year: 2019 }),
        (rows, time) => {
          const buf = Buffer.concat(rows.flatMap(([line, muts]) => [mutate(line, muts), Buffer.from('\n')]));
          checkAccounting(buf, parseText(buf, time));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('the same input gives the same output (pure)', () => {
    const text = SEED_LINES.join('\n');
    expect(JSON.stringify(parseText(text))).toBe(JSON.stringify(parseText(text)));
  });
});
