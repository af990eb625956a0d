// bindNodeIdsInPlace: which node (or writer) each server-log line of a source is bound to, from its
// pid and its `I'm <id>` lines. The lines are Redis 7.0's own forms (server.c serverLogRaw: `pid:role
// dd Mon yyyy hh:mm:ss.mmm level message`; a server's first lines carry role C, as a fork's do).
import { describe, expect, test } from 'vitest';
import { sourceFromText } from '../../src/ingest/index.ts';
import { parseSource } from '../../src/parse/index.ts';
import { bindNodeIdsInPlace } from '../../src/timeline/bind.ts';

const ID_A = 'a43b5a26b3dc1a1e8b2b580595f049213e5f9b5c';

function bound(lines: string[]): Array<[number | undefined, string | null]> {
  const p = parseSource(sourceFromText('all.log', lines.join('\n') + '\n', Date.UTC(2026, 10, 26)), { zone: 'UTC' });
  bindNodeIdsInPlace(p);
  return p.events.map((e) => [e.pid, e.node]);
}
const line = (pid: number, role: string, ms: number, msg: string) =>
  `${pid}:${role} 25 Nov 2026 13:24:${String(40 + Math.floor(ms / 1000)).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')} * ${msg}`;
const writer = (pid?: number) => (pid === undefined ? 'writer:all.log' : `writer:all.log#pid ${pid}`);

describe('bindNodeIdsInPlace', () => {
  test('one node: a fork (role C, its own pid) between its lines and a restart under a new pid are that node', () => {
    const got = bound([
      line(10, 'M', 0, 'Ready to accept connections'),
      line(11, 'C', 100, 'DB saved on disk'),
      line(10, 'M', 200, 'Cluster state changed: ok'),
      line(20, 'C', 3000, 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
      line(20, 'M', 3001, 'Ready to accept connections'),
    ]);
    expect(got.map(([pid]) => pid)).toEqual([10, 10, 20, 20]); // the fork's line makes no event
    expect(got.map(([, n]) => n)).toEqual([writer(), writer(), writer(), writer()]);
  });

  test("several nodes' lines interleaved in one unlabelled file: each process a writer of its own", () => {
    const got = bound([
      line(10, 'M', 0, 'Ready to accept connections'),
      line(20, 'M', 10, 'Ready to accept connections'),
      line(10, 'M', 20, 'Cluster state changed: ok'),
      line(30, 'S', 30, 'Cluster state changed: ok'),
      line(20, 'M', 40, 'Cluster state changed: ok'),
    ]);
    expect(got).toEqual([
      [10, writer(10)],
      [20, writer(20)],
      [10, writer(10)],
      [30, writer(30)],
      [20, writer(20)],
    ]);
  });

  test('interleaved: the identity line of one process names all its lines, and only its lines', () => {
    const got = bound([
      line(10, 'M', 0, `Node configuration loaded, I'm ${ID_A}`),
      line(20, 'M', 10, 'Ready to accept connections'),
      line(10, 'M', 20, 'Cluster state changed: ok'),
      line(20, 'M', 30, 'Cluster state changed: ok'),
    ]);
    expect(got.map(([, n]) => n)).toEqual([ID_A, writer(20), ID_A, writer(20)]);
  });

  test('interleaved: a process starting up after exactly one other wrote its last line is that node restarted', () => {
    const got = bound([
      line(10, 'M', 0, 'Ready to accept connections'),
      line(20, 'M', 10, 'Ready to accept connections'),
      line(10, 'M', 20, 'Cluster state changed: ok'),
      line(20, 'M', 30, 'Cluster state changed: ok'),
      // 20 is killed; 40 starts (its first lines are role C) while 10 goes on
      line(40, 'C', 5000, 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
      line(10, 'M', 5001, 'Cluster state changed: ok'),
      line(40, 'M', 5002, 'Ready to accept connections'),
    ]);
    expect(got.map(([, n]) => n)).toEqual([writer(10), writer(20), writer(10), writer(20), writer(20), writer(10), writer(20)]);
  });

  test('interleaved: with two processes ended before a start-up, which one came back is not told', () => {
    const got = bound([
      line(10, 'M', 0, 'Ready to accept connections'),
      line(20, 'M', 10, 'Ready to accept connections'),
      line(30, 'M', 20, 'Ready to accept connections'),
      line(10, 'M', 30, 'Cluster state changed: ok'),
      line(20, 'M', 40, 'Cluster state changed: ok'),
      line(40, 'C', 5000, 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
      line(40, 'M', 5001, 'Ready to accept connections'),
    ]);
    expect(got.map(([, n]) => n).slice(-2)).toEqual([writer(40), writer(40)]);
  });

  test('interleaved: with two ended, the start-up on the port one of them listened on is that one', () => {
    const got = bound([
      line(10, 'M', 0, 'Running mode=cluster, port=7000.'),
      line(20, 'M', 10, 'Running mode=cluster, port=7001.'),
      line(30, 'M', 20, 'Running mode=cluster, port=7002.'),
      line(10, 'M', 30, 'Cluster state changed: ok'),
      line(20, 'M', 40, 'Cluster state changed: ok'),
      line(30, 'M', 50, 'Cluster state changed: ok'),
      // 10 and 20 are killed; 30 goes on; 40 starts on 20's port, 50 on 10's
      line(40, 'C', 5000, 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
      line(40, 'M', 5001, 'Running mode=cluster, port=7001.'),
      line(50, 'C', 5002, 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
      line(50, 'M', 5003, 'Running mode=cluster, port=7000.'),
      line(30, 'M', 5004, 'Cluster state changed: ok'),
    ]);
    expect(got.slice(-5).map(([, n]) => n)).toEqual([writer(20), writer(20), writer(10), writer(10), writer(30)]);
  });
});
