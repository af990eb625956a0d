// `failscope capture --seed host:port [--interval 500ms] [--duration 10m] --out dir/` (issue #7):
// timestamped CLUSTER NODES / CLUSTER INFO / INFO replication snapshots of every node of a running
// cluster, in the files `analyze` reads. Stops after --duration, or on Ctrl-C with everything flushed.
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { ConfigError } from '../model/diagnostic.ts';
import {
  checkSeed,
  connectionFromCli,
  formatMs,
  parseDuration,
  parseHostPort,
  runCapture,
  type ConnectionCliOptions,
  type PollerEvent,
} from '../live/index.ts';
import type { CommandResult } from './result.ts';

export type { ConnectionCliOptions };

export interface CaptureOptions extends ConnectionCliOptions {
  /** `host:port` of any node. */
  seed: string;
  /** Output directory (created if missing; files are appended to). */
  out: string;
  /** Poll interval (default `500ms`). */
  interval?: string;
  /** Stop after this long (default: run until Ctrl-C). */
  duration?: string;
  /** Per-command timeout (default: the interval, between 100 ms and 1 s). */
  timeout?: string;
  /** Stops the capture; default: this process's SIGINT / SIGTERM (a second Ctrl-C kills it outright). */
  signal?: AbortSignal;
  /** Progress lines (what is captured, nodes lost, back, discovered). Default: standard error. */
  progress?: (line: string) => void;
}

/** An AbortSignal fired by the first SIGINT or SIGTERM; `release` removes the handlers. */
export function interruptSignal(): { signal: AbortSignal; release: () => void } {
  const ac = new AbortController();
  const onSignal = () => {
    release();
    ac.abort();
  };
  const release = () => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { signal: ac.signal, release };
}

/** Create `dir` if needed and make sure files can be written in it (ConfigError otherwise). */
export async function ensureWritableDir(dir: string, option: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (err) {
    throw new ConfigError(`${option} ${dir}: cannot write there (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

export function describeEvent(e: PollerEvent): string {
  switch (e.kind) {
    case 'lost':
      return `${e.address} stopped answering (${e.detail}); retrying every round`;
    case 'back':
      return `${e.address} answers again`;
    case 'discovered':
      return `new node ${e.address}: polling it too`;
    case 'alias':
      return `${e.address} is ${e.detail} under another address; polling it once`;
  }
}

export async function captureCommand(opts: CaptureOptions): Promise<CommandResult> {
  if (!opts.seed) throw new ConfigError('capture needs --seed host:port');
  if (!opts.out) throw new ConfigError('capture needs --out dir/');
  const seed = parseHostPort(opts.seed);
  const intervalMs = parseDuration(opts.interval ?? '500ms', '--interval', 10);
  const durationMs = opts.duration === undefined ? null : parseDuration(opts.duration, '--duration', 1);
  const timeoutMs = opts.timeout === undefined ? Math.min(1000, Math.max(100, intervalMs)) : parseDuration(opts.timeout, '--timeout', 10);
  const connection = connectionFromCli(opts);
  const progress = opts.progress ?? ((line: string) => void process.stderr.write(`${line}\n`));

  await ensureWritableDir(opts.out, '--out');
  const view = await checkSeed(seed, connection);
  const own = opts.signal ? null : interruptSignal();
  try {
    progress(
      `capturing ${view.nodes.filter((n) => n.port > 0).length} nodes of the cluster at ${seed} every ${formatMs(intervalMs)} into ${opts.out}${durationMs === null ? ' until Ctrl-C' : ` for ${formatMs(durationMs)} (Ctrl-C stops earlier)`}`,
    );
    const r = await runCapture({
      seed,
      nodes: view.nodes,
      outDir: opts.out,
      intervalMs,
      durationMs,
      timeoutMs,
      connection,
      signal: opts.signal ?? own!.signal,
      onEvent: (e) => progress(describeEvent(e)),
    });
    const polled = r.nodes.filter((n) => n.aliasOf === null);
    const lines = [
      `captured ${polled.length} node${polled.length === 1 ? '' : 's'} in ${r.rounds} rounds over ${formatMs(r.stoppedAt - r.startedAt)} (${r.stopReason === 'interrupted' ? 'interrupted' : 'duration reached'}) into ${opts.out}`,
    ];
    const width = Math.max(...polled.map((n) => n.address.length));
    for (const n of polled)
      lines.push(
        `  ${n.address.padEnd(width)}  ${(n.id ?? '?').slice(0, 8).padEnd(8)}  ${(n.file ?? '(no file: never answered)').padEnd(26)}  ${n.blocks} blocks, answered ${n.answered}/${r.rounds} rounds`,
      );
    return { stdout: `${lines.join('\n')}\n`, exitCode: 0 };
  } finally {
    own?.release();
  }
}
