// The snapshot poller: every intervalMs, CLUSTER NODES and CLUSTER INFO (optionally INFO replication) of
// every known node, appended to `snapshots-<port>.txt` in outDir. Each block is one line holding only
// the UTC ISO-8601 time (ms) at which the reply arrived, then the reply text exactly as Redis sent it
// (CLUSTER NODES lines end in \n, CLUSTER INFO / INFO lines in \r\n). A node that does not answer within
// the timeout is skipped for that round and leaves no trace in its file. New nodes named in any
// CLUSTER NODES reply are polled from the next round on.
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Address } from '../model/ids.ts';
import { formatUtc } from '../util/time.ts';
import { parseClusterNodesText } from './cluster-view.ts';
import { closeNodeClient, createNodeClient, splitAddress, type NodeClient } from './redis-client.ts';

export interface PollerOptions {
  seeds: Address[];
  outDir: string;
  intervalMs?: number;
  /** Per-command timeout (default 500 ms). */
  timeoutMs?: number;
  /** Also capture INFO replication (default false). */
  infoReplication?: boolean;
  /** Poll nodes named in CLUSTER NODES replies too (default true). */
  discover?: boolean;
  /** File name for a node's snapshots (default `snapshots-<port>.txt`). */
  fileName?: (address: Address) => string;
}

const COMMANDS: ReadonlyArray<readonly string[]> = [
  ['CLUSTER', 'NODES'],
  ['CLUSTER', 'INFO'],
];

export class SnapshotPoller {
  private readonly opts: Required<Omit<PollerOptions, 'seeds'>>;
  private readonly nodes = new Map<Address, NodeClient>();
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private stopped = false;
  /** Blocks written per address. */
  readonly blocks = new Map<Address, number>();
  rounds = 0;

  constructor(opts: PollerOptions) {
    this.opts = {
      outDir: opts.outDir,
      intervalMs: opts.intervalMs ?? 1000,
      timeoutMs: opts.timeoutMs ?? 500,
      infoReplication: opts.infoReplication ?? false,
      discover: opts.discover ?? true,
      fileName: opts.fileName ?? ((a) => `snapshots-${splitAddress(a).port}.txt`),
    };
    for (const s of opts.seeds) this.addNode(s);
  }

  /** Start polling; the first round runs at once. */
  async start(): Promise<void> {
    await this.ensureDir();
    this.stopped = false;
    this.schedule(0);
  }

  /** Stop after the round in progress (its blocks are written before this resolves). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.round) await this.round;
    for (const c of this.nodes.values()) closeNodeClient(c);
    this.nodes.clear();
  }

  private dirReady: Promise<unknown> | null = null;
  private ensureDir(): Promise<unknown> {
    this.dirReady ??= mkdir(this.opts.outDir, { recursive: true });
    return this.dirReady;
  }

  addNode(address: Address): void {
    if (this.nodes.has(address)) return;
    this.nodes.set(address, createNodeClient(address, { commandTimeoutMs: this.opts.timeoutMs, reconnectDelayMs: 200 }));
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const began = Date.now();
      this.round = this.pollRound().finally(() => {
        this.round = null;
        // Keep a steady cadence: the next round starts intervalMs after this one began.
        this.schedule(Math.max(0, this.opts.intervalMs - (Date.now() - began)));
      });
    }, delay);
  }

  /** One round over every known node, in parallel; exposed for tests and one-shot captures. */
  async pollRound(): Promise<void> {
    await this.ensureDir();
    this.rounds++;
    const commands = this.opts.infoReplication ? [...COMMANDS, ['INFO', 'replication']] : COMMANDS;
    const discovered = new Set<Address>();
    await Promise.all(
      [...this.nodes.values()].map(async (c) => {
        let text = '';
        for (const cmd of commands) {
          let reply: string;
          try {
            reply = String(await c.redis.call(cmd[0], ...cmd.slice(1)));
          } catch {
            break; // no answer: skip this node for the rest of the round
          }
          text += `${formatUtc(Date.now())}\n${reply.endsWith('\n') ? reply : `${reply}\n`}`;
          this.blocks.set(c.address, (this.blocks.get(c.address) ?? 0) + 1);
          if (cmd[1] === 'NODES' && this.opts.discover) for (const n of parseClusterNodesText(reply)) if (n.port > 0) discovered.add(n.address);
        }
        if (text !== '') await appendFile(path.join(this.opts.outDir, this.opts.fileName(c.address)), text);
      }),
    );
    for (const a of discovered) this.addNode(a);
  }
}
