// `failscope capture` against a real 3 masters + 3 replicas cluster of redis-server on 127.0.0.1 (base..base+5),
// plus a 7th node on base+6 that joins mid-capture (7 free ports and bus ports found at run time;
// FAILSCOPE_TEST_CAPTURE_PORT pins the base), node timeout 1000 ms. A master is killed and restarted mid-capture, a new
// node joins, and the capture is stopped by a real SIGINT to this process, as Ctrl-C would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { captureCommand } from '../../src/commands/capture.ts';
import { LocalCluster, sleep, waitFor } from '../../src/live/local-cluster.ts';
import { loadTimeline } from '../../src/pipeline.ts';
import { analyzeTimeline } from '../../src/pipeline.ts';
import { parseRfc3339 } from '../../src/util/time.ts';
import { freePortBlock } from '../helpers/ports.ts';

// A free block chosen at run time (test/helpers/ports.ts); FAILSCOPE_TEST_CAPTURE_PORT pins it.
const base = await freePortBlock(7, process.env.FAILSCOPE_TEST_CAPTURE_PORT);
const ports = [0, 1, 2, 3, 4, 5].map((i) => base + i);
const late = base + 6;
const ISO_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** [stamp, first line of the block] for every block of a snapshot file. */
function blocks(file: string): Array<{ at: number; first: string; text: string }> {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: Array<{ at: number; first: string; text: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    if (!ISO_LINE.test(lines[i])) continue;
    let j = i + 1;
    while (j < lines.length && !ISO_LINE.test(lines[j])) j++;
    out.push({ at: parseRfc3339(lines[i])!, first: lines[i + 1] ?? '', text: lines.slice(i + 1, j).join('\n') });
  }
  return out;
}

describe('capture against a real cluster', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'failscope-capture-test-'));
  // No SIGINT hook: the test sends this process SIGINT to stop the capture. Servers still die with the process.
  const cluster = new LocalCluster({ baseDir: path.join(dir, 'nodes'), ports, nodeTimeoutMs: 1000, signalHooks: false });
  const newcomer = new LocalCluster({ baseDir: path.join(dir, 'nodes'), ports: [late], nodeTimeoutMs: 1000, signalHooks: false });

  beforeAll(async () => {
    await cluster.prepare();
    await newcomer.prepare();
    await cluster.startAll();
    await cluster.createCluster({
      masters: ports.slice(0, 3),
      replicas: ports.slice(3).map((p, i) => ({ port: p, masterPort: ports[i] })),
    });
  }, 120_000);

  afterAll(async () => {
    await newcomer.stop();
    await cluster.stop();
    if (!process.env.FAILSCOPE_TEST_KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }, 60_000);

  it('keeps polling through a master killed and restarted, finds a node that joins, stops on SIGINT with everything flushed', async () => {
    const out = path.join(dir, 'cap');
    const progress: string[] = [];
    const killed = ports[1];
    const replica = ports[4];
    const killedId = await cluster.myId(killed);
    const running = captureCommand({ seed: `127.0.0.1:${ports[0]}`, out, interval: '200ms', progress: (l) => progress.push(l) });
    let killAt = 0;
    let restartAt = 0;
    try {
      // Enough rounds on the node to be killed before the kill (the assertions below want more than 3).
      await waitFor(
        '4 rounds of the node to be killed',
        () =>
          existsSync(path.join(out, `snapshots-${killed}.txt`)) && blocks(path.join(out, `snapshots-${killed}.txt`)).length >= 12
            ? true
            : undefined,
        { timeoutMs: 20_000 },
      );
      killAt = Date.now();
      cluster.signal(killed, 'SIGKILL');
      await cluster.waitExit(killed);
      await waitFor(`${replica} promoted`, async () => ((await cluster.roleOf(replica)) === 'master' ? true : undefined), {
        timeoutMs: 20_000,
      });
      await sleep(500);
      restartAt = Date.now();
      await cluster.startNode(killed);
      await waitFor(`${killed} back as a replica`, async () => ((await cluster.roleOf(killed)) === 'replica' ? true : undefined), {
        timeoutMs: 20_000,
      });
      await newcomer.startNode(late);
      await newcomer.call(late, 'CLUSTER', 'MEET', '127.0.0.1', String(ports[0]));
      await waitFor('the new node to be captured', () => (existsSync(path.join(out, `snapshots-${late}.txt`)) ? true : undefined), {
        timeoutMs: 20_000,
      });
      // More than 3 rounds of the restarted node after its restart, as asserted below.
      await waitFor(
        'rounds of the restarted node',
        () => (blocks(path.join(out, `snapshots-${killed}.txt`)).filter((b) => b.at > restartAt).length >= 12 ? true : undefined),
        { timeoutMs: 20_000 },
      );
    } finally {
      // Ctrl-C, as a user would stop it.
      process.kill(process.pid, 'SIGINT');
    }
    const r = await running;
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^captured 7 nodes in \d+ rounds over .* \(interrupted\) into /);
    expect(progress[0]).toMatch(/^capturing 6 nodes of the cluster at 127\.0\.0\.1:\d+ every 200 ms into .* until Ctrl-C$/);
    expect(progress).toContain(`127.0.0.1:${killed} answers again`);
    expect(progress.some((l) => l.startsWith(`127.0.0.1:${killed} stopped answering (`))).toBe(true);
    expect(progress).toContain(`new node 127.0.0.1:${late}: polling it too`);

    // The killed node's file: blocks before the kill, none while it was down, blocks again after the restart.
    const k = blocks(path.join(out, `snapshots-${killed}.txt`));
    expect(k.filter((b) => b.at < killAt).length).toBeGreaterThan(3);
    expect(k.filter((b) => b.at > killAt + 300 && b.at < restartAt).length).toBe(0);
    const after = k.filter((b) => b.at > restartAt);
    expect(after.length).toBeGreaterThan(3);
    // Before it was a master; after the restart the same node (same id) is a replica of the promoted one.
    expect(k.some((b) => b.at < killAt && b.text.includes(`${killedId} 127.0.0.1:${killed}@${killed + 10000} myself,master`))).toBe(true);
    expect(after.some((b) => b.text.includes(`${killedId} 127.0.0.1:${killed}@${killed + 10000} myself,slave`))).toBe(true);
    // Every file is whole: CLUSTER NODES, CLUSTER INFO and INFO replication blocks, the last one complete.
    for (const p of [...ports, late]) {
      const file = path.join(out, `snapshots-${p}.txt`);
      const text = readFileSync(file, 'utf8');
      expect(text.endsWith('\n'), file).toBe(true);
      expect(text, file).toContain('cluster_state:');
      expect(text, file).toContain('# Replication\r\nrole:');
      expect(text, file).toMatch(/\n1\) "cluster-node-timeout"\n2\) "1000"\n/);
    }
    // The round in flight at Ctrl-C was finished and written: the file ends with a whole round.
    const lastBlocks = blocks(path.join(out, `snapshots-${ports[0]}.txt`)).slice(-3);
    expect(lastBlocks[0].first).toMatch(/^[0-9a-f]{40} /);
    expect(lastBlocks[1].first).toMatch(/^cluster_state:ok\r$/);
    expect(lastBlocks[2].first).toBe('# Replication\r');
    const manifest = JSON.parse(readFileSync(path.join(out, 'capture.json'), 'utf8'));
    expect(manifest.stopReason).toBe('interrupted');
    expect(manifest.nodes.map((n: { address: string }) => n.address).sort()).toEqual([...ports, late].map((p) => `127.0.0.1:${p}`).sort());
    expect(process.listenerCount('SIGINT')).toBe(0);

    // What the files say is what `analyze` reads: every line understood, the node timeout from CONFIG GET,
    // and the failover the kill caused.
    const timeline = await loadTimeline([out], { zone: 'UTC' });
    // Including redis 7.0's hyphenated CLUSTER INFO keys (cluster_stats_messages_auth-req_received, …).
    for (const i of timeline.inputs) expect(i.unknown, i.source).toBe(0);
    const analysis = analyzeTimeline(timeline);
    expect(analysis.nodeTimeout).toEqual({ ms: 1000, from: 'config-get' });
    const replicaId = await cluster.myId(replica);
    expect(analysis.failovers.map((f) => [f.kind, f.oldMaster, f.newMaster])).toEqual([['automatic', killedId, replicaId]]);
    // issue #12: the capture alone is no evidence of a split brain (the restarted master's own replies say
    // myself,slave), and the CLUSTERDOWN the failover ended is a warning: the verdict passes.
    const errors = analysis.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}: ${f.message}`);
    expect(errors).toEqual([]);
    expect(analysis.verdict).toBe('pass');
  }, 120_000);

  it('stops by itself after --duration; a seed given as localhost is polled once, not twice', async () => {
    const out = path.join(dir, 'dur');
    // A manifest from an earlier run, with a second name for its inode: an atomic write (temp file +
    // rename) replaces the name and leaves the old inode, so the second name keeps the old text;
    // writing in place would show the new text through both names.
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'capture.json'), '{"earlier": true}\n');
    linkSync(path.join(out, 'capture.json'), path.join(dir, 'earlier-capture.json'));
    const ac = new AbortController();
    const t0 = Date.now();
    const r = await captureCommand({
      seed: `localhost:${ports[0]}`,
      out,
      interval: '100ms',
      duration: '1s',
      signal: ac.signal,
      progress: () => {},
    });
    const took = Date.now() - t0;
    expect(r.exitCode).toBe(0);
    expect(took).toBeGreaterThanOrEqual(1000);
    expect(took).toBeLessThan(5000);
    const manifest = JSON.parse(readFileSync(path.join(out, 'capture.json'), 'utf8'));
    expect(manifest.stopReason).toBe('duration');
    expect(readFileSync(path.join(dir, 'earlier-capture.json'), 'utf8')).toBe('{"earlier": true}\n');
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // localhost:P and 127.0.0.1:P are the same node: one file, and no block written twice.
    const files = readdirSync(out)
      .filter((f) => f.startsWith('snapshots-'))
      .sort();
    expect(files).toEqual([...ports, late].map((p) => `snapshots-${p}.txt`).sort());
    const nodesBlocks = blocks(path.join(out, `snapshots-${ports[0]}.txt`)).filter((b) => /^[0-9a-f]{40} /.test(b.first));
    expect(nodesBlocks.length).toBeLessThanOrEqual(manifest.rounds);
    expect(nodesBlocks.length).toBeGreaterThanOrEqual(5);
    const alias = manifest.nodes.find((n: { address: string }) => n.address === `127.0.0.1:${ports[0]}`);
    expect(alias.aliasOf).toBe(`localhost:${ports[0]}`);
  }, 60_000);
});
