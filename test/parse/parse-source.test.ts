// Behaviour of parseSource beyond the goldens: time and year rules, blocks, bad input, accounting.
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { MemorySource, sourceFromText } from '../../src/ingest/index.ts';
import { InputError } from '../../src/model/diagnostic.ts';
import type { LineCounts } from '../../src/model/events.ts';
import type { ParsedSource, TimeOptions } from '../../src/model/parsed.ts';
import { parseAll, parseSource } from '../../src/parse/index.ts';

const UTC: TimeOptions = { zone: 'UTC' };
const ID_A = 'a43b5a26b3dc1a1e8b2b580595f049213e5f9b5c';
const ID_B = '48f8a5e20ac2109422e6e22a89f7a35dc6141a03';

function parse(text: string | Buffer, time: TimeOptions = UTC, mtimeMs = Date.UTC(2021, 5, 30, 12)): ParsedSource {
  return parseSource(sourceFromText('t.log', text, mtimeMs), time);
}
const iso = (ms: number) => new Date(ms).toISOString();
const base: LineCounts = { lines: 0, understood: 0, ignored: 0, unknown: 0 };
function sum(c: LineCounts) {
  return c.understood + c.ignored + c.unknown;
}

describe('prefix forms', () => {
  test('all Redis and Valkey forms give pid, role, level and UTC time', () => {
    const lines = [
      `1:M 21 Jun 2021 07:28:21.434 # Cluster state changed: fail`,
      `12:S 21 Jun 07:28:21.434 # Cluster state changed: fail`,
      `[7] 21 Jun 07:28:21.434 # Cluster state changed: fail`,
      `9:signal-handler (1624260501) Received SIGTERM scheduling shutdown...`,
      `[9 | signal handler] (1624260501) Received SIGTERM scheduling shutdown...`,
      `5:M 2021-06-21T16:28:21.434+09:00 # Cluster state changed: fail`,
      `5:M 1624260501434 # Cluster state changed: fail`,
      `pid=5 role=replica timestamp="2021-06-21T07:28:21.434Z" level=warning message="Cluster state changed: fail"`,
    ];
    const p = parse(lines.join('\n'), { zone: 'UTC', year: 2021 });
    expect(p.counts).toEqual({ ...base, lines: 8, understood: 8 });
    expect(p.events.map((e) => [iso(e.at), e.pid, e.role, e.level, e.kind])).toEqual([
      ['2021-06-21T07:28:21.434Z', 1, 'M', '#', 'cluster.state'],
      ['2021-06-21T07:28:21.434Z', 12, 'S', '#', 'cluster.state'],
      ['2021-06-21T07:28:21.434Z', 7, undefined, '#', 'cluster.state'],
      ['2021-06-21T07:28:21.434Z', 9, undefined, undefined, 'server.shutdown-requested'],
      ['2021-06-21T07:28:21.434Z', 9, undefined, undefined, 'server.shutdown-requested'],
      ['2021-06-21T07:28:21.434Z', 5, 'M', '#', 'cluster.state'],
      ['2021-06-21T07:28:21.434Z', 5, 'M', '#', 'cluster.state'],
      ['2021-06-21T07:28:21.434Z', 5, 'S', '#', 'cluster.state'],
    ]);
  });

  test('a signal-handler line takes the time of the previous line in its second (file order kept)', () => {
    const p = parse(
      [
        '1:M 21 Jun 2021 07:28:21.434 # Cluster state changed: ok',
        '1:signal-handler (1624260501) Received SIGTERM scheduling shutdown...',
      ].join('\n'),
    );
    expect(p.events.map((e) => iso(e.at))).toEqual(['2021-06-21T07:28:21.434Z', '2021-06-21T07:28:21.434Z']);
  });

  test('zone-less stamps are read in --tz, stamps with an offset are not', () => {
    const p = parse(
      ['1:M 21 Jun 2021 16:28:21.434 # Cluster state changed: ok', '1:M 2021-06-21T16:28:21.434+09:00 # Cluster state changed: ok'].join(
        '\n',
      ),
      { zone: 'Asia/Seoul' },
    );
    expect(p.events.map((e) => iso(e.at))).toEqual(['2021-06-21T07:28:21.434Z', '2021-06-21T07:28:21.434Z']);
  });

  test('across a DST change the offset follows the zone', () => {
    const p = parse(
      ['1:M 31 Mar 2024 00:59:59.000 # Cluster state changed: ok', '1:M 31 Mar 2024 03:00:00.000 # Cluster state changed: fail'].join('\n'),
      { zone: 'Europe/Berlin' },
    );
    // 00:59:59 CET (+01:00) and 03:00 CEST (+02:00): one second apart.
    expect(p.events.map((e) => iso(e.at))).toEqual(['2024-03-30T23:59:59.000Z', '2024-03-31T01:00:00.000Z']);
  });
});

describe('year-less stamps', () => {
  const crossing = [
    '1:M 31 Dec 23:59:59.998 * Marking node ' + ID_A + ' as failing (quorum reached).',
    '1:M 01 Jan 00:00:00.051 # Cluster state changed: ok',
  ].join('\n');

  test('--year is the year of the first line; New Year rolls over', () => {
    const p = parse(crossing, { zone: 'UTC', year: 2020 });
    expect(p.events.map((e) => [iso(e.at), e.timeInferred])).toEqual([
      ['2020-12-31T23:59:59.998Z', true],
      ['2021-01-01T00:00:00.051Z', true],
    ]);
  });

  test("without --year the file's modification time dates the end of the log", () => {
    const p = parse(crossing, UTC, Date.UTC(2021, 0, 1, 0, 5));
    expect(p.events.map((e) => iso(e.at))).toEqual(['2020-12-31T23:59:59.998Z', '2021-01-01T00:00:00.051Z']);
    expect(p.diagnostics.map((d) => d.message)).toContain(
      "year-less timestamps: log ends in 2021 (from the file's modification time) and crosses New Year once",
    );
  });

  test('a log cannot end after its file was written: December lines in a January file are last year', () => {
    const p = parse('1:M 30 Dec 10:00:00.000 # Cluster state changed: ok', UTC, Date.UTC(2021, 0, 3));
    expect(iso(p.events[0].at)).toBe('2020-12-30T10:00:00.000Z');
  });

  test('a wrapper with a full time gives the year', () => {
    const p = parse('2021-01-01T00:00:00.060000000Z 1:M 01 Jan 00:00:00.051 # Cluster state changed: ok', UTC, Date.UTC(2030, 0, 1));
    expect(iso(p.events[0].at)).toBe('2021-01-01T00:00:00.051Z');
    expect(p.events[0].timeInferred).toBeUndefined();
  });
});

describe('wrappers', () => {
  test('docker -t: the Redis stamp wins; an hours-off zone is reported once', () => {
    const p = parse(
      [
        '2021-06-21T07:28:21.500000000Z 1:M 21 Jun 2021 16:28:21.434 # Cluster state changed: fail',
        '2021-06-21T07:28:22.500000000Z 1:M 21 Jun 2021 16:28:22.434 # Cluster state changed: ok',
      ].join('\n'),
    );
    expect(p.kind).toBe('docker-log');
    expect(iso(p.events[0].at)).toBe('2021-06-21T16:28:21.434Z');
    const warn = p.diagnostics.filter((d) => d.severity === 'warning');
    expect(warn).toHaveLength(1);
    expect(warn[0].message).toContain('+09:00');
  });

  test('docker json-file: split records join into one line with the first line number', () => {
    const rec = (log: string) => JSON.stringify({ log, stream: 'stdout', time: '2021-06-21T07:28:21.434567Z' });
    const p = parse(
      [
        rec('1:M 21 Jun 2021 07:28:21.434 # Cluster state '),
        rec('changed: fail\n'),
        rec('1:M 21 Jun 2021 07:28:21.435 # Cluster state changed: ok\n'),
      ].join('\n'),
    );
    expect(p.counts).toEqual({ ...base, lines: 3, understood: 3 });
    expect(p.events.map((e) => [e.line, e.fields.state, e.stream])).toEqual([
      [1, 'fail', 'stdout'],
      [3, 'ok', 'stdout'],
    ]);
  });

  test('docker json-file: a broken record is unknown with a warning', () => {
    const p = parse('{"log":"1:M 21 Jun 2021 07:28:21.434 # Cluster');
    expect(p.counts).toEqual({ ...base, lines: 1, unknown: 1 });
    expect(p.diagnostics[0]).toMatchObject({ severity: 'warning', line: 1 });
  });

  test('kubectl --prefix without timestamps, and Redis 2.x [pid] is not mistaken for a pod', () => {
    const p = parse(
      [
        '[pod/redis-0/redis] 1:M 21 Jun 2021 07:28:21.434 # Cluster state changed: ok',
        '[42] 21 Jun 07:28:21.434 # Cluster state changed: ok',
      ].join('\n'),
      { zone: 'UTC', year: 2021 },
    );
    expect(p.events.map((e) => [e.stream, e.pid])).toEqual([
      ['pod/redis-0/redis', 1],
      [undefined, 42],
    ]);
  });

  test('a stamp alone on its line is no docker wrapper: it reaches the snapshot scanner as a capture time', () => {
    const p = parse(['2021-06-21T07:29:59.580Z', 'cluster_state:fail', 'cluster_slots_assigned:16384'].join('\n'));
    expect(p.kind).toBe('snapshot');
    expect(p.counts.unknown).toBe(0);
    expect(p.snapshots.map((s) => [s.kind, iso(s.at)])).toEqual([['cluster-info', '2021-06-21T07:29:59.580Z']]);
  });

  test('journald syslog line without a Redis prefix takes the journal time and pid', () => {
    const p = parse('Jun 21 07:28:21.434567 host redis-server[77]: Cluster state changed: fail', { zone: 'UTC', year: 2021 });
    expect(p.events.map((e) => [iso(e.at), e.pid, e.stream, e.kind])).toEqual([
      ['2021-06-21T07:28:21.434Z', 77, 'host redis-server', 'cluster.state'],
    ]);
  });
});

describe('blocks', () => {
  const crash = (extra: string[]) =>
    [
      '1:M 21 Jun 2021 07:28:20.000 * Ready to accept connections',
      '',
      '',
      '=== REDIS BUG REPORT START: Cut & paste starting from here ===',
      '1:M 21 Jun 2021 07:28:21.434 # Redis 6.2.3 crashed by signal: 11, si_code: 0',
      '',
      '------ STACK TRACE ------',
      'EIP:',
      'redis-server *:7002(debugCommand+0x1f0)[0x55d1c4b5c7c0]',
      '',
      '------ CONFIG DEBUG OUTPUT ------',
      'cluster-node-timeout 5000',
      'repl-diskless-sync no',
      ...extra,
    ].join('\n');

  test('a crash report is one event with signal, version and the config section node timeout', () => {
    const p = parse(
      crash([
        '',
        '=== REDIS BUG REPORT END. Make sure to include from START to END. ===',
        '',
        '       Please report the crash by opening an issue on github:',
        '1:M 21 Jun 2021 07:29:00.000 * Ready to accept connections',
      ]),
    );
    const ev = p.events.find((e) => e.kind === 'server.crash')!;
    expect(ev).toMatchObject({ line: 4, endLine: 17, pid: 1, role: 'M', fields: { signal: 11, version: '6.2.3', nodeTimeoutMs: 5000 } });
    expect(iso(ev.at)).toBe('2021-06-21T07:28:21.434Z');
    expect(p.events.map((e) => e.kind)).toEqual(['server.ready', 'server.crash', 'server.ready']);
    expect(sum(p.counts)).toBe(p.counts.lines);
    expect(p.counts.unknown).toBe(0);
  });

  test('the CLUSTER NODES section of a crash report names its writer (`myself`), and only there', () => {
    const me = '1607748b233b6c0973b17003286faa28168bad11';
    const peer = '2d82a1cadb1d8ceb23d92cd0eb73ba11d42b8e4a';
    const nodes = [
      '',
      '------ CLUSTER NODES OUTPUT ------',
      `${peer} 127.0.0.1:20000@30000,,tls-port=0,shard-id=aaa84ef0fbc64796bfe145f1767453a7121ba6b2 master - 0 1796174190060 1 connected 0-5460`,
      `${me} 127.0.0.1:20001@30001,,tls-port=0,shard-id=7db7a4e73d5a3b7ba7832f4685c3a67501deb71f myself,master - 0 0 2 connected 5461-10922`,
      '',
      '=== REDIS BUG REPORT END. Make sure to include from START to END. ===',
    ];
    expect(parse(crash(nodes)).events.find((e) => e.kind === 'server.crash')!.fields.self).toBe(me);
    // The same line in another section is no statement about the writer.
    const elsewhere = nodes.map((l) => l.replace('CLUSTER NODES OUTPUT', 'CLIENT LIST OUTPUT'));
    expect(parse(crash(elsewhere)).events.find((e) => e.kind === 'server.crash')!.fields.self).toBeUndefined();
  });

  test('a cut crash report ends at a line of another pid', () => {
    const p = parse(crash(['77:C 21 Jun 2021 07:29:00.000 # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo']));
    const ev = p.events.find((e) => e.kind === 'server.crash')!;
    expect(ev.endLine).toBe(13);
    expect(p.events.at(-1)).toMatchObject({ kind: 'server.start', pid: 77, line: 14 });
  });

  test('a section outside a crash report is one event; two blank lines end it', () => {
    const p = parse(['------ FAST MEMORY TEST ------', '*** Preparing to test memory region 1 (4096 bytes)', '', '', 'hello'].join('\n'));
    expect(p.events).toHaveLength(1);
    expect(p.events[0]).toMatchObject({ kind: 'server.section', line: 1, endLine: 2 });
    expect(p.counts).toEqual({ ...base, lines: 5, understood: 2, ignored: 2, unknown: 1 });
  });

  test('a logo without any stamp before it takes the next time, marked inferred', () => {
    const logo = [
      '                _._                                                  ',
      "           _.-``__ ''-._                                             ",
      '',
    ];
    const p = parse([...logo, '1:M 21 Jun 2021 07:28:21.434 * Ready to accept connections'].join('\n'));
    expect(p.events[0]).toMatchObject({ kind: 'server.logo', line: 1, endLine: 2, timeInferred: true });
    expect(iso(p.events[0].at)).toBe('2021-06-21T07:28:21.434Z');
  });
});

describe('identity', () => {
  test('node.identity events carry the id; node binding is left to the timeline', () => {
    const p = parse(
      [
        `1:M 21 Jun 2021 07:28:21.434 * No cluster configuration found, I'm ${ID_A}`,
        `2:M 21 Jun 2021 07:29:21.434 * Node configuration loaded, I'm ${ID_B}`,
      ].join('\n'),
    );
    expect(p.events.map((e) => [e.kind, e.fields.subject, e.node, e.pid])).toEqual([
      ['node.identity', ID_A, null, 1],
      ['node.identity', ID_B, null, 2],
    ]);
  });
});

describe('bad input', () => {
  test('CRLF and a BOM change nothing', () => {
    const lf = '1:M 21 Jun 2021 07:28:21.434 # Cluster state changed: ok\n1:M 21 Jun 2021 07:28:22.434 # Cluster state changed: fail\n';
    const a = parse(lf);
    const b = parse('\ufeff' + lf.replace(/\n/g, '\r\n'));
    expect(b.events).toEqual(a.events);
    expect(b.counts).toEqual(a.counts);
  });

  test('a 10 MB line is one unknown line with a warning; the lines around it still count', () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const text = `1:M 21 Jun 2021 07:28:21.434 # Cluster state changed: ok\n${big}\n1:M 21 Jun 2021 07:28:22.434 # Cluster state changed: fail\n`;
    const p = parse(text);
    expect(p.counts).toEqual({ ...base, lines: 3, understood: 2, unknown: 1 });
    expect(p.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.line)).toEqual([2]);
  });

  test('a 10 MB line read from a file through the reused buffer', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { ingestPaths } = await import('../../src/ingest/index.ts');
    const dir = mkdtempSync(join(tmpdir(), 'fs-big-'));
    const ok = '1:M 21 Jun 2021 07:28:21.434 # Cluster state changed: ok\n';
    writeFileSync(join(dir, 'a.log'), ok + 'y'.repeat(10 * 1024 * 1024) + '\n' + ok.repeat(3));
    const [input] = await ingestPaths(['a.log'], { cwd: dir });
    const p = parseSource(input, UTC);
    expect(p.counts).toEqual({ ...base, lines: 5, understood: 4, unknown: 1 });
  });

  test('binary garbage between good lines: good lines count, the garbage is reported by line', () => {
    const text = Buffer.concat([
      Buffer.from('1:M 21 Jun 2021 07:28:21.434 # Cluster state changed: ok\n'),
      Buffer.from([0, 1, 2, 0xff, 0xfe, 10]),
      Buffer.from('1:M 21 Jun 2021 07:28:22.434 # Cluster state changed: fail\n'),
    ]);
    const p = parse(text);
    expect(p.counts).toEqual({ ...base, lines: 3, understood: 2, unknown: 1 });
    expect(p.diagnostics).toContainEqual({ severity: 'warning', source: 't.log', line: 2, message: 'binary or non-UTF-8 data' });
  });

  test('truncated gzip is an InputError naming the file', () => {
    const gz = gzipSync(Buffer.from('1:M 21 Jun 2021 07:28:21.434 # Cluster state changed: ok\n'.repeat(100)));
    const src = new MemorySource('node-a.log.gz', gz.subarray(0, gz.length - 20), 0, 'stdin');
    expect(() => parseSource(src, UTC)).toThrow(InputError);
    expect(() => parseSource(src, UTC)).toThrow(/^node-a\.log\.gz: truncated gzip/);
  });

  test('diagnostics of one kind are capped and summed up', () => {
    const p = parse(Array.from({ length: 50 }, (_, i) => `garbage line ${i}`).join('\n'));
    expect(p.kind).toBe('unknown');
    expect(p.diagnostics.filter((d) => d.line > 0)).toHaveLength(10);
    expect(p.diagnostics.filter((d) => d.line === 0).map((d) => d.message)).toEqual(['40 more unrecognised lines']);
  });
});

describe('accounting and kinds', () => {
  test('markdown: prose and fences are ignored, log lines in fences understood', () => {
    const md = [
      '# Incident',
      '',
      'Some prose before.',
      '```sh',
      '1:M 21 Jun 2021 07:28:21.434 # Cluster state changed: fail',
      '```',
      'More prose.',
    ].join('\n');
    const p = parse(md);
    expect(p.kind).toBe('markdown');
    expect(p.counts).toEqual({ ...base, lines: 7, understood: 1, ignored: 6 });
  });

  test('empty and blank sources', () => {
    expect(parse('').counts).toEqual(base);
    expect(parse('').kind).toBe('empty');
    expect(parse('\n  \n\t\n')).toMatchObject({ kind: 'empty', counts: { ...base, lines: 3, ignored: 3 } });
  });

  test('parseAll keeps input order', () => {
    const a = sourceFromText('a.log', '1:M 21 Jun 2021 07:28:21.434 # Cluster state changed: ok', 0);
    const b = sourceFromText('b.log', '', 0);
    expect(parseAll([a, b], UTC).map((p) => p.source)).toEqual(['a.log', 'b.log']);
  });
});
