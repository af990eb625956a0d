// Behaviour of the snapshot scanner beyond the goldens: block boundaries, capture times, reporters,
// markdown, and how lines are counted.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { clusterNodesSamples } from '../../grammars/cluster-nodes/index.ts';
import { FastNodesReader } from '../../src/parse/snapshot/nodes-fast.ts';
import { readInfoLine, readInfoLineByGrammar } from '../../src/parse/snapshot/info-line.ts';
import { readClusterNodesLine } from '../../src/parse/snapshot/nodes-line.ts';
import { createSnapshotScanner } from '../../src/parse/snapshot-scanner.ts';
import { repeatsEntries } from '../../src/model/repeats.ts';
import type { ClusterNodesSnapshot } from '../../src/model/snapshot.ts';
import { scanText } from '../helpers/scan-snapshots.ts';

const N1 = '027a002ecc012b61a5997f151ad01bccbb65d1c0 127.0.0.1:7001@17001 myself,master - 0 1624260599000 1 connected 0-5460';
const N2 = '3c349984f0bb61490c170ab68f2617a35d9581d6 127.0.0.1:7003@17003 master - 0 1624260599580 3 connected 10923-16383';
const N3 =
  '79816979a6dd4b226e476121dd385ed6c25e5151 127.0.0.1:7002@17002 master,fail - 1624260495388 1624260493352 2 disconnected 5461-10922';
const iso = (t: number) => new Date(t).toISOString();

describe('capture time', () => {
  test('a stamp line right before the block is its capture time', () => {
    const r = scanText(['2021-06-21T07:30:00.123Z', N1, N2, N3].join('\n'), 'a.txt');
    expect(r.snapshots).toHaveLength(1);
    expect(r.snapshots[0]).toMatchObject({ atFrom: 'stamp', line: 2, endLine: 4 });
    expect(iso(r.snapshots[0].at)).toBe('2021-06-21T07:30:00.123Z');
  });

  test('zone-less stamps are read in the given zone', () => {
    const s = createSnapshotScanner('a.txt', { zone: 'Asia/Seoul' });
    s.feed('2021-06-21 16:30:00', 1, null);
    s.feed(N1, 2, null);
    expect(iso(s.finish().snapshots[0].at)).toBe('2021-06-21T07:30:00.000Z');
  });

  test('a stamp separated by a blank line (a gap in line numbers) does not apply; pong stamps do', () => {
    const r = scanText(['2021-06-21T07:30:00.123Z', '', N1, N2, N3].join('\n'), 'a.txt');
    expect(r.snapshots[0].atFrom).toBe('inferred');
    expect(iso(r.snapshots[0].at)).toBe('2021-06-21T07:29:59.580Z'); // newest ping/pong of the block
  });

  test('a stamp before the prompt line carries to the block the command printed', () => {
    const r = scanText(['Mon Jun 21 07:30:00 UTC 2021', '127.0.0.1:7001> cluster nodes', N1, N2].join('\n'), 'a.txt');
    expect(r.snapshots[0]).toMatchObject({ atFrom: 'stamp', reporterAddress: '127.0.0.1:7001', reporter: N1.slice(0, 40) });
    expect(r.events.map((e) => [e.kind, iso(e.at), e.timeInferred ?? false])).toEqual([
      ['client.command', '2021-06-21T07:30:00.000Z', false],
      ['snapshot.cluster-nodes', '2021-06-21T07:30:00.000Z', false],
    ]);
  });

  test('the wrapper time of the first line is a stamp', () => {
    const s = createSnapshotScanner('docker.log', { zone: 'UTC' });
    s.feed(N1, 10, Date.UTC(2021, 5, 21, 7, 31));
    s.feed(N2, 11, Date.UTC(2021, 5, 21, 7, 31, 0, 5));
    expect(s.finish().snapshots[0]).toMatchObject({ atFrom: 'stamp', at: Date.UTC(2021, 5, 21, 7, 31) });
  });

  test('CLUSTER INFO without a stamp takes the nearest snapshot time, before a log time given by noteTime', () => {
    const s = createSnapshotScanner('a.md', { zone: 'UTC' });
    s.noteTime(Date.UTC(2021, 5, 21, 7, 28, 21, 435), 1);
    expect(s.feed('cluster_state:fail', 3, null)).toBe('understood');
    expect(s.feed('cluster_known_nodes:3', 4, null)).toBe('understood');
    s.feed(N1, 10, null);
    const out = s.finish();
    expect(out.snapshots.map((x) => [x.kind, x.atFrom, iso(x.at)])).toEqual([
      ['cluster-info', 'inferred', '2021-06-21T07:29:59.000Z'],
      ['cluster-nodes', 'inferred', '2021-06-21T07:29:59.000Z'],
    ]);
  });

  test('redis-cli events take the previous known time, else the next; none at all is NaN and one diagnostic', () => {
    const s = createSnapshotScanner('t.txt', { zone: 'UTC' });
    s.feed('127.0.0.1:7001> set a b', 1, null);
    s.feed('(error) CLUSTERDOWN The cluster is down', 2, null);
    s.noteTime(Date.UTC(2021, 5, 21, 7, 28), 5);
    s.feed('127.0.0.1:7001> get a', 8, null);
    const out = s.finish();
    expect(out.events.map((e) => [e.line, iso(e.at), e.timeInferred])).toEqual([
      [1, '2021-06-21T07:28:00.000Z', true],
      [2, '2021-06-21T07:28:00.000Z', true],
      [8, '2021-06-21T07:28:00.000Z', true],
    ]);
    const none = createSnapshotScanner('u.txt', { zone: 'UTC' });
    none.feed('127.0.0.1:7001> set a b', 1, null);
    const o2 = none.finish();
    expect(Number.isNaN(o2.events[0].at)).toBe(true);
    expect(o2.diagnostics).toEqual([{ severity: 'info', source: 'u.txt', line: 1, message: expect.stringMatching(/^no time: 1 /) }]);
  });
});

describe('blocks', () => {
  test('a node id seen twice starts a second CLUSTER NODES block', () => {
    const r = scanText([N1, N2, N1, N2].join('\n'), 'a.txt');
    expect(r.snapshots.map((s) => [s.line, s.endLine])).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  test('nodes.conf: the vars trailer belongs to the block and ends it', () => {
    const r = scanText([N1, N2, 'vars currentEpoch 7 lastVoteEpoch 3', N3].join('\n'), 'nodes.conf');
    expect(r.snapshots).toHaveLength(2);
    expect(r.snapshots[0]).toMatchObject({ kind: 'cluster-nodes', vars: { currentEpoch: 7, lastVoteEpoch: 3 }, endLine: 3 });
  });

  test('CRLF lines read the same', () => {
    const r = scanText(['2021-06-21T07:30:00Z', N1, N2].join('\r\n'), 'a.txt');
    expect(r.snapshots[0]).toMatchObject({ atFrom: 'stamp', endLine: 3 });
    expect(r.snapshots[0].kind === 'cluster-nodes' && r.snapshots[0].nodes[1].slots).toEqual([{ start: 10923, end: 16383 }]);
  });

  test('a line that almost parses is counted unknown with a diagnostic naming its line', () => {
    const r = scanText([N1, N2.replace('10923-16383', '10923-16384')].join('\n'), 'bad.txt');
    expect(r.lines).toEqual({ understood: 1, ignored: 0, unknown: [2] });
    expect(r.diagnostics).toEqual([
      { severity: 'warning', source: 'bad.txt', line: 2, message: 'not a valid CLUSTER NODES line: slot 16384 is out of range 0-16383' },
    ]);
  });

  test('CLUSTER INFO, INFO replication and other INFO sections', () => {
    const r = scanText(
      ['# Replication', 'role:slave', 'master_link_status:down', '# CPU', 'used_cpu_sys:1.0', 'cluster_state:ok', 'cluster_size:3'].join(
        '\n',
      ),
      'info.txt',
    );
    // Lines of other INFO sections are known and ignored, whatever their keys, until a blank line ends the section.
    expect(r.lines).toEqual({ understood: 3, ignored: 4, unknown: [] });
    expect(r.snapshots.map((s) => s.kind)).toEqual(['replication']);
    const r2 = scanText(['# CPU', 'used_cpu_sys:1.0', '', 'cluster_state:ok', 'cluster_size:3'].join('\n'), 'info.txt');
    expect(r2.snapshots.map((s) => [s.kind, s.line])).toEqual([['cluster-info', 4]]);
  });

  test('lone key:value lines that are no known field are not ours', () => {
    const r = scanText(['note: this is prose', 'Status: ok'].join('\n'), 'x.txt');
    expect(r.lines.unknown).toEqual([1, 2]);
  });

  test('replies outside a redis-cli session are not ours; errors and redirects always are', () => {
    expect(scanText('OK\n"b"', 'x.txt').lines.unknown).toEqual([1, 2]);
    expect(scanText('(error) CLUSTERDOWN The cluster is down', 'x.txt').events[0].fields).toEqual({ reason: 'CLUSTERDOWN' });
  });

  test('redis.conf lines give one config snapshot with the node timeout; prose with a directive word does not', () => {
    const r = scanText('port 7000\ncluster-node-timeout 15000\nport 7001 is down', 'redis.conf');
    expect(r.snapshots).toMatchObject([{ kind: 'config', params: { port: '7000', 'cluster-node-timeout': '15000' } }]);
    expect(r.events[0].fields).toEqual({ nodeTimeoutMs: 15000 });
    expect(r.lines.unknown).toEqual([3]);
  });
});

describe('markdown', () => {
  const doc = [
    '# Title',
    '- [Section](#section)',
    'Some prose: 127.0.0.1:7001> cluster nodes is what we ran',
    '- `127.0.0.1:7001> cluster nodes`',
    '```sh',
    '$ docker restart redis-master-2',
    'redis-master-2',
    '127.0.0.1:7001> cluster nodes',
    N1,
    '...',
    '```',
    'cluster_state:fail',
  ].join('\n');

  test('only fenced code is read; prose, shell commands and their output are ignored', () => {
    const r = scanText(doc, 'doc.md');
    expect(r.lines).toEqual({ understood: 2, ignored: 10, unknown: [] });
    expect(r.snapshots).toHaveLength(1);
    expect(r.events.map((e) => e.kind)).toEqual(['client.command', 'snapshot.cluster-nodes']);
  });

  test('with the markdown option, prose before any fence is ignored from the first line', () => {
    const r = scanText('cluster_state:fail\n```\ncluster_state:ok\n```', 'doc.md', { markdown: true });
    expect(r.snapshots.map((s) => [s.kind, s.line])).toEqual([['cluster-info', 3]]);
  });
});

// The fast CLUSTER NODES reader (issue #8) must say exactly what the grammar says, or nothing.
describe('fast CLUSTER NODES path agrees with the grammar', () => {
  const fixtureLines = (): string[] => {
    const files: string[] = [];
    for (const dir of ['fixtures/grammars/cluster-nodes', 'fixtures/incidents', 'fixtures/topology'])
      for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }))
        if (/(?:^|\/)(?:input\.txt|snapshots-[^/]*\.txt|nodes-[^/]*\.conf|[^/]*\.md)$/.test(f)) files.push(join(dir, f));
    return files.filter((f) => existsSync(f)).flatMap((f) => readFileSync(f, 'utf8').split('\n'));
  };
  /** Fast result vs grammar result for a sequence of lines through one reader (so the per-node memo is used). */
  const check = (lines: readonly string[]): { fast: number; fallback: number } => {
    const reader = new FastNodesReader();
    let fast = 0;
    let fallback = 0;
    lines.forEach((raw, i) => {
      const t = raw.trim();
      const got = reader.read(t, i + 1);
      if (got === null) {
        fallback++;
        return;
      }
      fast++;
      const want = readClusterNodesLine(t, i + 1);
      expect({ line: t, result: { kind: 'node', entry: got } }).toEqual({ line: t, result: want });
    });
    return { fast, fallback };
  };

  test('every line of every fixture (most CLUSTER NODES lines take the fast path)', () => {
    const lines = fixtureLines();
    const n = check(lines);
    const grammarNodes = lines.filter((l) => readClusterNodesLine(l.trim(), 1).kind === 'node').length;
    expect(grammarNodes).toBeGreaterThan(500);
    expect(n.fast).toBeGreaterThan(grammarNodes * 0.9);
  });

  test('a node whose line changes between captures (memo must not hide the change)', () => {
    const a = '67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 10.0.0.5:6379@16379 master - 0 1426238316232 5 connected 0-100';
    const seq = [
      a,
      a.replace('1426238316232', '1426238317232'),
      a.replace('master -', 'master,fail? -'),
      a.replace('5 connected', '6 connected'),
      a.replace('connected 0-100', 'disconnected 0-100'),
      a.replace('0-100', '0-99'),
      a.replace('0-100', '100-99'),
      a.replace('0-100', '100-100'),
      a.replace('0-100', '16383'),
      a.replace('0-100', '16384'),
      a.replace('0-100', '0-16384'),
      a.replace('0-100', '00007'),
      a.replace('master -', 'master,master,myself -'),
      a.replace('master -', 'slave,replica -'),
      a.replace('0-100', '0-100 200'),
      a.replace('0-100', ''),
      a.replace(' 0 1426', ' 00 1426'),
      a.replace(' 0 1426', '  0 1426'),
      a.replace('0-100', '0-100 [5->-4cdd140a459dbd23ffc97bdaaa7e77b0cec6265a]'),
      a.replace('master -', 'slave 4cdd140a459dbd23ffc97bdaaa7e77b0cec6265a'),
      a,
    ];
    check(seq);
    const reader = new FastNodesReader();
    expect(seq.map((l, i) => reader.read(l.trim(), i + 1)?.slots ?? null)).toEqual(
      seq.map((l, i) => {
        const r = readClusterNodesLine(l.trim(), i + 1);
        return r.kind === 'node' && !l.includes('[') && !l.includes('  ') ? r.entry.slots : null;
      }),
    );
  });

  const base = Object.values(clusterNodesSamples).concat([
    '8712076546da088620ac6de01f8bf649fc8b4832 10.21.1.147:6379@16379 slave 7a505276b7338bf4c912a59e6f9d02e61777e908 0 1772531999940 404 connected',
    'dd1c5ec8100cf57c41d000319fab5a68d680c5a8 10.20.1.136:6379@16379 master - 0 1772531999694 393 connected 12845-12876',
  ]);
  const edit = fc.tuple(
    fc.nat(),
    fc.constantFrom('del', 'ins', 'rep'),
    fc.oneof(
      fc.string({ minLength: 1, maxLength: 3 }),
      fc.constantFrom(
        ' ',
        '  ',
        '\t',
        ',',
        '-',
        ':',
        '@',
        '?',
        '[',
        '0',
        '9',
        'a',
        'f',
        'g',
        'A',
        '16384',
        '99999',
        'fail',
        'fail?',
        'replica',
        ',master',
        '123456789012345678',
      ),
    ),
  );
  const mutate = (line: string, edits: Array<[number, string, string]>): string => {
    let s = line;
    for (const [pos, op, text] of edits) {
      const i = s.length === 0 ? 0 : pos % s.length;
      s =
        op === 'del'
          ? s.slice(0, i) + s.slice(i + 1)
          : op === 'ins'
            ? s.slice(0, i) + text + s.slice(i)
            : s.slice(0, i) + text + s.slice(i + 1);
    }
    return s;
  };
  /** Lines built field by field from good (mostly) and bad values of each field. */
  const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
  const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) =>
    fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: bad, weight: 1 });
  const num = mostly(
    fc.oneof(fc.nat({ max: 20000 }).map(String), fc.constantFrom('0', '00', '1772531999940')),
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: 20 }),
  );
  const flagWord = mostly(
    fc.constantFrom('myself', 'master', 'slave', 'replica', 'fail?', 'fail', 'handshake', 'noaddr', 'nofailover', 'noflags'),
    fc.constantFrom('masterx', 'Fail', '', 'fail??'),
  );
  const slotWord = fc.oneof(
    num,
    fc.tuple(num, num).map(([a, b]) => `${a}-${b}`),
    fc.nat({ max: 16384 }).map((a) => `${a}-${a - 1}`),
    fc.tuple(fc.nat({ max: 16383 }), fc.constantFrom('->-', '-<-', '--'), hex(40)).map(([n, arrow, id]) => `[${n}${arrow}${id}]`),
  );
  const built = fc
    .record({
      id: mostly(hex(40), fc.oneof(hex(39), hex(41))),
      endpoint: mostly(
        fc.constantFrom(
          '10.0.0.5:6379@16379',
          '127.0.0.1:7000',
          ':0@0',
          '::1:6379@16379',
          '[::1]:6379@16379',
          '127.0.0.1:7402@17402,node-c.example',
          '127.0.0.1:7400@17400,,tls-port=0',
        ),
        fc.constantFrom('host:x', '1.2.3.4:6379@16379x', 'abcdef0123abcdef0123abcdef0123abcdef0123:1', '1.2.3.4'),
      ),
      flags: fc.array(flagWord, { minLength: 1, maxLength: 4 }).map((f) => f.join(',')),
      master: mostly(fc.oneof(fc.constant('-'), hex(40)), fc.constantFrom('--', '', 'x')),
      ping: num,
      pong: num,
      epoch: num,
      link: mostly(fc.constantFrom('connected', 'disconnected'), fc.constantFrom('connectedx', 'Connected')),
      slots: fc.array(slotWord, { maxLength: 4 }),
      sep: mostly(fc.constant(' '), fc.constantFrom('  ', '\t')),
    })
    .map((r) => [r.id, r.endpoint, r.flags, r.master, r.ping, r.pong, r.epoch, r.link, ...r.slots].join(r.sep));
  test('lines built from good and bad field values, alone and after a well-formed line of the same node', () => {
    let accepted = 0;
    fc.assert(
      fc.property(built, fc.boolean(), (line, steady) => {
        const prev = `${line.slice(0, 40)} 10.0.0.5:6379@16379 master - 0 1426238316232 5 connected 0-100`;
        const n = check(steady ? [prev, line] : [line]);
        if (n.fast === (steady ? 2 : 1)) accepted++;
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(200);
  });

  test('fuzzed lines, alone and after the line they were mutated from', () => {
    let accepted = 0;
    let changed = 0;
    fc.assert(
      fc.property(fc.constantFrom(...base), fc.array(edit, { maxLength: 4 }), (line, edits) => {
        const m = mutate(line, edits);
        check([line, m]);
        const alone = check([m]);
        if (alone.fast === 1 && m !== line) {
          accepted++;
          if (m.slice(40) !== line.slice(40)) changed++;
        }
      }),
      { numRuns: 3000 },
    );
    // The fuzz must reach the fast path with lines that differ from their original, not only refusals.
    expect(accepted).toBeGreaterThan(100);
    expect(changed).toBeGreaterThan(50);
  });
});

describe('fast key:value path agrees with the cluster-info grammar', () => {
  const fieldLike = fc
    .tuple(
      fc.constantFrom('cluster_state', 'cluster_stats_messages_auth-ack_sent', 'slave0', 'errorstat_ERR', 'master_host', 'a', 'X.y-z_1'),
      fc.constantFrom(':', ' :', ': ', '::'),
      fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.string({ unit: 'binary', maxLength: 10 }),
        fc.constantFrom('ok', ' ok ', 'ip=127.0.0.1,port=7003,state=online', '\t1', '\u0001x', 'a\rb', ''),
      ),
    )
    .map(([k, c, v]) => k + c + v);
  const compare = (line: string): void => {
    expect({ line, got: readInfoLine(line) }).toEqual({ line, got: readInfoLineByGrammar(line) });
  };

  test('every line of the snapshot fixtures', () => {
    let n = 0;
    for (const dir of ['fixtures/grammars/cluster-info', 'fixtures/incidents'])
      for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }))
        if (/(?:input\.txt|snapshots-[^/]*\.txt)$/.test(f))
          for (const l of readFileSync(join(dir, f), 'utf8').split('\n')) {
            compare(l.trim());
            n++;
          }
    expect(n).toBeGreaterThan(1000);
  });

  test('fuzzed key:value lines and random lines', () => {
    fc.assert(
      fc.property(fc.oneof(fieldLike, fc.string({ maxLength: 40 })), (line) => {
        compare(line);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('repeated CLUSTER NODES blocks (model/repeats.ts)', () => {
  const poll = (stamp: string, lines: string[]) => [stamp, ...lines];
  const bump = (l: string) => l.replace(/ 0 (\d+) /, (_, pong: string) => ` 0 ${Number(pong) + 1000} `);
  const nodesOf = (text: string) => scanText(text, 'a.txt').snapshots.filter((s) => s.kind === 'cluster-nodes');

  test('a poll that differs only in ping/pong repeats the one before; a changed flag, order or length does not', () => {
    const N3ok = N3.replace('master,fail', 'master').replace('disconnected', 'connected');
    const text = [
      ...poll('2021-06-21T07:30:00.000Z', [N1, N2, N3ok]),
      ...poll('2021-06-21T07:30:01.000Z', [bump(N1), bump(N2), bump(N3ok)]), // repeats
      ...poll('2021-06-21T07:30:02.000Z', [N1, N2, N3]), // N3 flagged fail
      ...poll('2021-06-21T07:30:03.000Z', [N1, N3, N2]), // order changed
      ...poll('2021-06-21T07:30:04.000Z', [N1, N3]), // shorter
      ...poll('2021-06-21T07:30:05.000Z', [bump(N1), bump(N3)]), // repeats
    ].join('\n');
    const s = nodesOf(text);
    expect(s).toHaveLength(6);
    const said = s.slice(1).map((x, i) => repeatsEntries(x as ClusterNodesSnapshot, s[i] as ClusterNodesSnapshot));
    expect(said).toEqual([true, false, false, false, true]);
    // Whatever it says true for does hold.
    for (let i = 1; i < s.length; i++) {
      if (!said[i - 1]) continue;
      const [a, b] = [s[i - 1] as ClusterNodesSnapshot, s[i] as ClusterNodesSnapshot];
      expect(b.nodes.map((n) => [n.id, n.address, n.flags])).toEqual(a.nodes.map((n) => [n.id, n.address, n.flags]));
      b.nodes.forEach((n, k) => expect(n.flags).toBe(a.nodes[k].flags));
    }
  });

  test('polls back to back without a stamp between them still split where an id comes again', () => {
    const b1 = [N1, N2, N3];
    const b2 = b1.map(bump);
    const b3 = [bump(bump(N1)), bump(bump(N2))];
    const s = nodesOf([...b1, ...b2, ...b3, bump(bump(bump(N1)))].join('\n'));
    expect(s.map((x) => (x as ClusterNodesSnapshot).nodes.length)).toEqual([3, 3, 2, 1]);
    expect(s.slice(1).map((x, i) => repeatsEntries(x as ClusterNodesSnapshot, s[i] as ClusterNodesSnapshot))).toEqual([true, false, false]);
  });
});
