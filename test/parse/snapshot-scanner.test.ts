// Behaviour of the snapshot scanner beyond the goldens: block boundaries, capture times, reporters,
// markdown, and how lines are counted.
import { describe, expect, test } from 'vitest';
import { createSnapshotScanner } from '../../src/parse/snapshot-scanner.ts';
import { scanText } from '../helpers/scan-snapshots.ts';

const N1 = '027a002ecc012b61a5997f151ad01bccbb65d1c0 127.0.0.1:7001@17001 myself,master - 0 1624260599000 1 connected 0-5460';
const N2 = '3c349984f0bb61490c170ab68f2617a35d9581d6 127.0.0.1:7003@17003 master - 0 1624260599580 3 connected 10923-16383';
const N3 = '79816979a6dd4b226e476121dd385ed6c25e5151 127.0.0.1:7002@17002 master,fail - 1624260495388 1624260493352 2 disconnected 5461-10922';
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
    expect(r.snapshots.map((s) => [s.line, s.endLine])).toEqual([[1, 2], [3, 4]]);
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
    expect(r.diagnostics).toEqual([{ severity: 'warning', source: 'bad.txt', line: 2, message: 'not a valid CLUSTER NODES line: slot 16384 is out of range 0-16383' }]);
  });

  test('CLUSTER INFO, INFO replication and other INFO sections', () => {
    const r = scanText(['# Replication', 'role:slave', 'master_link_status:down', '# CPU', 'used_cpu_sys:1.0', 'cluster_state:ok', 'cluster_size:3'].join('\n'), 'info.txt');
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
