// Integration tests of src/live against a real 3-master cluster of redis-server on 127.0.0.1.
// 3 free ports (and bus ports) found at run time; FAILSCOPE_TEST_REDIS_PORT=<base> pins them. Needs /usr/bin/redis-server and redis-cli (Debian's redis-server package).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCluster, sleep, waitFor } from '../../src/live/local-cluster.ts';
import { Probe, errorClassWindows, failureWindows, unionWindows, type ProbeAttempt } from '../../src/live/probe.ts';
import { SnapshotPoller } from '../../src/live/poller.ts';
import { keySlot, keyInRange } from '../../src/live/keyslot.ts';
import { freePortBlock } from '../helpers/ports.ts';

// A free block chosen at run time (test/helpers/ports.ts); FAILSCOPE_TEST_REDIS_PORT pins it.
const base = await freePortBlock(3, process.env.FAILSCOPE_TEST_REDIS_PORT);
const ports = [base, base + 1, base + 2];
const ISO_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('live pieces against a real cluster', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'failscope-live-test-'));
  const cluster = new LocalCluster({ baseDir: path.join(dir, 'nodes'), ports, nodeTimeoutMs: 2000 });

  beforeAll(async () => {
    await cluster.prepare();
    await cluster.startAll();
    await cluster.createCluster({ masters: ports, replicas: [] });
  }, 120_000);

  afterAll(async () => {
    const pids = ports.map((p) => cluster.pidOf(p)).filter((p): p is number => p !== null);
    await cluster.stop();
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('computes the same hash slots as CLUSTER KEYSLOT', async () => {
    const keys = ['foo', 'a', '{user1000}.following', 'foo{}{bar}', 'foo{{bar}}zap', 'foo{bar}{zap}', '', keyInRange(5461, 10922).key];
    for (const key of keys) expect(keySlot(key), key).toBe(Number(await cluster.call(ports[0], 'CLUSTER', 'KEYSLOT', key)));
    const { slot } = keyInRange(5461, 10922);
    expect(slot).toBeGreaterThanOrEqual(5461);
    expect(slot).toBeLessThanOrEqual(10922);
  });

  it('probe: a stopped master shows as a failure window on its slot range only', async () => {
    const probe = await Probe.create({ seeds: ports.map((p) => `127.0.0.1:${p}`), intervalMs: 50, timeoutMs: 250 });
    expect(probe.targets.map((t) => t.slots)).toEqual(['0-5460', '5461-10922', '10923-16383']);
    expect(probe.targets.map((t) => t.ownerAtStart)).toEqual(ports.map((p) => `127.0.0.1:${p}`));
    await probe.start();
    // Warm: every range has taken writes before the pause.
    await waitFor(
      'writes to every range',
      () => ([0, 1, 2].every((t) => probe.attempts().filter((a) => a.target === t && a.ok).length >= 5) ? true : undefined),
      { timeoutMs: 10_000, intervalMs: 20 },
    );
    // Shorter than the node timeout: nobody marks it failing, writes to its range just time out.
    const stoppedAt = Date.now();
    cluster.signal(ports[1], 'SIGSTOP');
    await sleep(1200);
    cluster.signal(ports[1], 'SIGCONT');
    const contAt = Date.now();
    // Until writes to the paused range succeed again (and a few more, so the window is closed).
    await waitFor(
      'writes to 5461-10922 to succeed again',
      () => (probe.attempts().filter((a) => a.target === 1 && a.ok && a.sentAt > contAt).length >= 3 ? true : undefined),
      { timeoutMs: 10_000, intervalMs: 20 },
    );
    await probe.stop();

    expect(probe.failureWindows(0)).toEqual([]);
    expect(probe.failureWindows(2)).toEqual([]);
    const windows = probe.failureWindows(1);
    expect(windows).toHaveLength(1);
    const [w] = windows;
    expect(w.errors).toEqual({ TIMEOUT: w.attempts });
    // A write sent just before SIGSTOP may be the first to fail; the first write after it must fail.
    expect(w.start).toBeGreaterThanOrEqual(stoppedAt - 100);
    expect(w.start).toBeLessThan(stoppedAt + 300);
    expect(w.end).not.toBeNull();
    expect(w.end!).toBeGreaterThan(contAt - 300);
    expect(w.end!).toBeLessThan(contAt + 1500);
    // Writes went on during the pause of the other ranges: about one per 50 ms.
    const others = probe.attempts().filter((a) => a.target === 0 && a.sentAt > stoppedAt && a.sentAt < contAt);
    expect(others.length).toBeGreaterThan(10);
    expect(others.every((a) => a.ok)).toBe(true);
  }, 60_000);

  it('poller: timestamped raw CLUSTER NODES / CLUSTER INFO blocks; a node that does not answer is skipped', async () => {
    const out = path.join(dir, 'snap');
    const poller = new SnapshotPoller({ seeds: ports.map((p) => `127.0.0.1:${p}`), outDir: out, timeoutMs: 1000 });
    await sleep(300); // let its connections come up
    await poller.pollRound();
    await poller.pollRound();
    await poller.stop();
    const file = (p: number) => path.join(out, `snapshots-${p}.txt`);
    const text = readFileSync(file(ports[0]), 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toMatch(ISO_LINE);
    const stamps = lines.filter((l) => ISO_LINE.test(l));
    expect(stamps).toHaveLength(4);
    expect(text).toContain(`127.0.0.1:${ports[0]}@${ports[0] + 10000} myself,master - 0`);
    expect(text).toContain('cluster_state:ok\r\ncluster_slots_assigned:16384\r\n');
    // Each block starts right after its stamp line: CLUSTER NODES lines start with a node id.
    const afterStamp = lines.flatMap((l, i) => (ISO_LINE.test(l) ? [lines[i + 1]] : []));
    expect(afterStamp.filter((l) => /^[0-9a-f]{40} /.test(l))).toHaveLength(2);
    expect(afterStamp.filter((l) => l.startsWith('cluster_state:'))).toHaveLength(2);

    // The timer: a round at once, then one per interval, until stop().
    const timed = new SnapshotPoller({
      seeds: [`127.0.0.1:${ports[0]}`],
      outDir: path.join(dir, 'timed'),
      intervalMs: 200,
      discover: false,
    });
    await timed.start();
    await sleep(1000);
    await timed.stop();
    expect(timed.rounds).toBeGreaterThanOrEqual(3);
    expect(timed.rounds).toBeLessThanOrEqual(6);

    const sizeBefore = ports.map((p) => statSync(file(p)).size);
    cluster.signal(ports[2], 'SIGSTOP');
    try {
      const again = new SnapshotPoller({ seeds: ports.map((p) => `127.0.0.1:${p}`), outDir: out, timeoutMs: 300 });
      await sleep(300); // let its connections come up
      await again.pollRound();
      await again.stop();
    } finally {
      cluster.signal(ports[2], 'SIGCONT');
    }
    const sizeAfter = ports.map((p) => statSync(file(p)).size);
    expect(sizeAfter[0]).toBeGreaterThan(sizeBefore[0]);
    expect(sizeAfter[1]).toBeGreaterThan(sizeBefore[1]);
    expect(sizeAfter[2]).toBe(sizeBefore[2]);
  }, 60_000);

  it('local cluster: a SIGKILLed node restarts with its identity from nodes.conf', async () => {
    const id = await cluster.myId(ports[2]);
    await cluster.waitHealthy();
    cluster.signal(ports[2], 'SIGKILL');
    await cluster.waitExit(ports[2]);
    expect(cluster.isRunning(ports[2])).toBe(false);
    await cluster.startNode(ports[2]);
    expect(await cluster.myId(ports[2])).toBe(id);
    expect(readFileSync(cluster.logPath(ports[2]), 'utf8')).toContain(`Node configuration loaded, I'm ${id}`);
    await cluster.waitHealthy();
    const runs = cluster.processRuns().filter((r) => r.port === ports[2]);
    expect(runs).toHaveLength(2);
    expect(runs[0].exitSignal).toBe('SIGKILL');
  }, 60_000);
});

describe('probe window arithmetic', () => {
  const at = (sentAt: number, ok: boolean, errorClass?: string): ProbeAttempt => ({
    target: 0,
    sentAt,
    doneAt: sentAt + 1,
    ok,
    node: '127.0.0.1:1',
    ...(ok ? {} : { errorClass, message: errorClass }),
  });

  it('groups consecutive failures, ends a window at the next success, leaves a trailing one open', () => {
    const attempts = [at(0, true), at(50, false, 'ECONNREFUSED'), at(100, false, 'CLUSTERDOWN'), at(150, true), at(200, false, 'TIMEOUT')];
    expect(failureWindows(attempts)).toEqual([
      {
        start: 50,
        end: 150,
        lastFailedAt: 100,
        attempts: 2,
        errors: { CLUSTERDOWN: 1, ECONNREFUSED: 1 },
        messages: ['CLUSTERDOWN', 'ECONNREFUSED'],
      },
      { start: 200, end: null, lastFailedAt: 200, attempts: 1, errors: { TIMEOUT: 1 }, messages: ['TIMEOUT'] },
    ]);
  });

  it('error-class windows end at the first write without that error; union merges overlaps', () => {
    const a = [
      at(0, false, 'ECONNREFUSED'),
      at(50, false, 'CLUSTERDOWN'),
      at(100, false, 'CLUSTERDOWN'),
      at(150, false, 'ECONNREFUSED'),
      at(200, true),
    ];
    expect(errorClassWindows(a, 'CLUSTERDOWN')).toEqual([{ start: 50, end: 150 }]);
    expect(
      unionWindows([
        { start: 50, end: 150 },
        { start: 120, end: 300 },
        { start: 400, end: null },
        { start: 500, end: 600 },
      ]),
    ).toEqual([
      { start: 50, end: 300 },
      { start: 400, end: null },
    ]);
  });
});
