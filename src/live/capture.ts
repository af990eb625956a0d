// `failscope capture`'s engine: poll every node of a cluster until a duration passes or the caller aborts
// (Ctrl-C), then flush and describe what was written. The files are the recorder's snapshot files
// (poller.ts), plus INFO replication blocks and one CONFIG GET cluster-node-timeout block per node, so
// `failscope analyze <dir>` knows the node timeout.
import path from 'node:path';
import { ConfigError } from '../model/diagnostic.ts';
import type { Address, EpochMs } from '../model/ids.ts';
import { formatUtc } from '../util/time.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import type { LiveNode } from './cluster-view.ts';
import { SnapshotPoller, type PolledNode, type PollerEvent } from './poller.ts';
import type { ConnectionOptions } from './redis-client.ts';

export interface CaptureRunOptions {
  seed: Address;
  /** The seed's CLUSTER NODES (checkSeed): every node listed is polled from the first round. */
  nodes: readonly LiveNode[];
  outDir: string;
  intervalMs: number;
  /** Stop by itself after this long (null: only when aborted). */
  durationMs: number | null;
  /** Per-command timeout. */
  timeoutMs: number;
  connection?: ConnectionOptions;
  signal?: AbortSignal;
  onEvent?: (e: PollerEvent) => void;
}

export interface CaptureResult {
  startedAt: EpochMs;
  stoppedAt: EpochMs;
  stopReason: 'duration' | 'interrupted';
  rounds: number;
  nodes: PolledNode[];
  /** Path of the manifest written next to the snapshot files. */
  manifest: string;
}

/** The manifest file name; JSON documents are skipped when a directory is analysed. */
export const CAPTURE_MANIFEST = 'capture.json';

export async function runCapture(o: CaptureRunOptions): Promise<CaptureResult> {
  const seeds = [o.seed, ...o.nodes.filter((n) => n.port > 0 && !n.flags.includes('noaddr')).map((n) => n.address)].filter(
    (a, i, all) => all.indexOf(a) === i,
  );
  const poller = new SnapshotPoller({
    seeds,
    outDir: o.outDir,
    intervalMs: o.intervalMs,
    timeoutMs: o.timeoutMs,
    infoReplication: true,
    onceCommands: [['CONFIG', 'GET', 'cluster-node-timeout']],
    connection: o.connection,
    onEvent: o.onEvent,
  });
  const startedAt = Date.now();
  let stopReason: CaptureResult['stopReason'] = 'duration';
  await poller.start();
  try {
    await new Promise<void>((resolve) => {
      const timer = o.durationMs === null ? null : setTimeout(finish, o.durationMs);
      function finish(): void {
        if (timer) clearTimeout(timer);
        o.signal?.removeEventListener('abort', onAbort);
        resolve();
      }
      function onAbort(): void {
        stopReason = 'interrupted';
        finish();
      }
      if (o.signal?.aborted) onAbort();
      else o.signal?.addEventListener('abort', onAbort, { once: true });
    });
  } finally {
    // Waits for the round in flight: every block read is on disk before this returns.
    await poller.stop();
  }
  if (poller.failure) throw new ConfigError(`cannot write the snapshots into ${o.outDir}: ${poller.failure.message}`);
  const stoppedAt = Date.now();
  const nodes = poller.polled();
  const manifest = path.join(o.outDir, CAPTURE_MANIFEST);
  const doc = {
    seed: o.seed,
    intervalMs: o.intervalMs,
    startedAt: formatUtc(startedAt),
    stoppedAt: formatUtc(stoppedAt),
    stopReason,
    rounds: poller.rounds,
    nodes: nodes.map((n) => ({
      address: n.address,
      id: n.id,
      file: n.file,
      blocks: n.blocks,
      answeredRounds: n.answered,
      firstAnsweredAt: n.firstAnsweredAt === null ? null : formatUtc(n.firstAnsweredAt),
      lastAnsweredAt: n.lastAnsweredAt === null ? null : formatUtc(n.lastAnsweredAt),
      aliasOf: n.aliasOf,
    })),
  };
  writeFileAtomic(manifest, `${JSON.stringify(doc, null, 2)}\n`);
  return { startedAt, stoppedAt, stopReason, rounds: poller.rounds, nodes, manifest };
}
