// The snapshot poller: every intervalMs, CLUSTER NODES and CLUSTER INFO (optionally INFO replication) of
// every known node, appended to `snapshots-<port>.txt` in outDir. Each block is one line holding only
// the UTC ISO-8601 time (ms) at which the reply arrived, then the reply text exactly as Redis sent it
// (CLUSTER NODES lines end in \n, CLUSTER INFO / INFO lines in \r\n). A node that does not answer within
// the timeout is skipped for that round and leaves no trace in its file. New nodes named in any
// CLUSTER NODES reply are polled from the next round on; a node that goes away is retried every round
// (its client reconnects in the background), so it reappears in its file when it comes back.
//
// Optional extras for `failscope capture`: AUTH/TLS, commands run once per node (CONFIG GET, written as
// redis-cli prints an array reply), dropping a second address of a node already polled (same `myself`
// id, e.g. the seed given as localhost), and events for progress lines.
import { appendFile, mkdir } from 'node:fs/promises';
import { outputError } from '../util/atomic-write.ts';
import path from 'node:path';
import type { Address, EpochMs, NodeId } from '../model/ids.ts';
import { formatUtc } from '../util/time.ts';
import { myselfOf, parseClusterNodesText } from './cluster-view.ts';
import { classifyError, closeNodeClient, createNodeClient, splitAddress, type ConnectionOptions, type NodeClient } from './redis-client.ts';

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
  /** File name for a node's snapshots (default `snapshots-<port>.txt`, `snapshots-<host>-<port>.txt` when the port is taken). */
  fileName?: (address: Address) => string;
  /** AUTH / TLS for every node. */
  connection?: ConnectionOptions;
  /** Commands run once per node, after its first answered round (e.g. `['CONFIG', 'GET', 'cluster-node-timeout']`). */
  onceCommands?: string[][];
  /** Progress: a node discovered, lost, back, or dropped as a second address of a polled node. */
  onEvent?: (event: PollerEvent) => void;
}

export interface PollerEvent {
  kind: 'discovered' | 'lost' | 'back' | 'alias';
  address: Address;
  at: EpochMs;
  /** lost: the error class (ECONNREFUSED, TIMEOUT, …); alias: the address kept. */
  detail?: string;
}

/** What the poller knows about one address. */
export interface PolledNode {
  address: Address;
  /** From its own `myself` line, once it answered. */
  id: NodeId | null;
  /** Snapshot file (in outDir), named when its first block is written. */
  file: string | null;
  blocks: number;
  /** Rounds in which it answered every command. */
  answered: number;
  firstAnsweredAt: EpochMs | null;
  lastAnsweredAt: EpochMs | null;
  /** Error class of the last failed round, null once it answers again. */
  lastError: string | null;
  /** Set when dropped because another address of the same node is polled. */
  aliasOf: Address | null;
}

const COMMANDS: ReadonlyArray<readonly string[]> = [
  ['CLUSTER', 'NODES'],
  ['CLUSTER', 'INFO'],
];

/** A reply as redis-cli prints it on a terminal (redis 7.0 src/redis-cli.c cliFormatReplyTTY), for array replies. */
export function formatCliReply(reply: unknown, indent = 0): string {
  if (Array.isArray(reply)) {
    if (reply.length === 0) return '(empty array)\n';
    const width = String(reply.length).length;
    return reply
      .map((item, i) => {
        const marker = `${String(i + 1).padStart(width)}) `;
        const body = formatCliReply(item, indent + marker.length);
        return `${i === 0 ? '' : ' '.repeat(indent)}${marker}${body}`;
      })
      .join('');
  }
  if (reply === null || reply === undefined) return '(nil)\n';
  if (typeof reply === 'number') return `(integer) ${reply}\n`;
  return `${cliRepr(String(reply))}\n`;
}

/** redis 7.0 src/sds.c sdscatrepr: a quoted string with \\ \" \n \r \t \a \b escaped, other non-printables as \xHH. */
function cliRepr(s: string): string {
  let out = '"';
  for (const ch of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(ch);
    if (c === '\\' || c === '"') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (ch === 7) out += '\\a';
    else if (ch === 8) out += '\\b';
    else if (ch < 32 || ch > 126) out += `\\x${ch.toString(16).padStart(2, '0')}`;
    else out += c;
  }
  return `${out}"`;
}

export class SnapshotPoller {
  private readonly opts: Required<Omit<PollerOptions, 'seeds' | 'fileName' | 'connection' | 'onEvent'>> &
    Pick<PollerOptions, 'fileName' | 'connection' | 'onEvent'>;
  private readonly nodes = new Map<Address, NodeClient>();
  private readonly info = new Map<Address, PolledNode>();
  private readonly onceDone = new Set<Address>();
  private readonly answeredRound = new Map<Address, number>();
  private readonly fileNames = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private stopped = false;
  /** Blocks written per address. */
  readonly blocks = new Map<Address, number>();
  /** The error that stopped timed polling (a snapshot file could not be written), if any. */
  failure: Error | null = null;
  rounds = 0;

  constructor(opts: PollerOptions) {
    this.opts = {
      outDir: opts.outDir,
      intervalMs: opts.intervalMs ?? 1000,
      timeoutMs: opts.timeoutMs ?? 500,
      infoReplication: opts.infoReplication ?? false,
      discover: opts.discover ?? true,
      onceCommands: opts.onceCommands ?? [],
      fileName: opts.fileName,
      connection: opts.connection,
      onEvent: opts.onEvent,
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

  /** Every address seen so far (polled, or dropped as an alias), in the order they were added. */
  polled(): PolledNode[] {
    return [...this.info.values()].map((n) => ({ ...n }));
  }

  private dirReady: Promise<unknown> | null = null;
  private ensureDir(): Promise<unknown> {
    this.dirReady ??= mkdir(this.opts.outDir, { recursive: true });
    return this.dirReady;
  }

  private fileFor(address: Address): string {
    if (this.opts.fileName) return this.opts.fileName(address);
    const { host, port } = splitAddress(address);
    let name = `snapshots-${port}.txt`;
    if (this.fileNames.has(name)) name = `snapshots-${host.replace(/[^A-Za-z0-9.-]/g, '_')}-${port}.txt`;
    this.fileNames.add(name);
    return name;
  }

  addNode(address: Address): void {
    if (this.info.has(address)) return;
    this.nodes.set(
      address,
      createNodeClient(address, { commandTimeoutMs: this.opts.timeoutMs, reconnectDelayMs: 200, connection: this.opts.connection }),
    );
    this.info.set(address, {
      address,
      id: null,
      file: null,
      blocks: 0,
      answered: 0,
      firstAnsweredAt: null,
      lastAnsweredAt: null,
      lastError: null,
      aliasOf: null,
    });
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const began = Date.now();
      this.round = this.pollRound()
        .catch((err: Error) => {
          // A file that cannot be written (disk full, directory gone) ends the polling; the owner sees `failure`.
          this.failure ??= err;
          this.stopped = true;
        })
        .finally(() => {
          this.round = null;
          // Keep a steady cadence: the next round starts intervalMs after this one began.
          this.schedule(Math.max(0, this.opts.intervalMs - (Date.now() - began)));
        });
    }, delay);
  }

  private emit(kind: PollerEvent['kind'], address: Address, detail?: string): void {
    this.opts.onEvent?.({ kind, address, at: Date.now(), ...(detail !== undefined ? { detail } : {}) });
  }

  /** One round over every known node, in parallel; exposed for tests and one-shot captures. */
  async pollRound(): Promise<void> {
    await this.ensureDir();
    const round = ++this.rounds;
    const commands = this.opts.infoReplication ? [...COMMANDS, ['INFO', 'replication']] : COMMANDS;
    const discovered = new Set<Address>();
    const results = await Promise.all(
      [...this.nodes.values()].map(async (c) => {
        const node = this.info.get(c.address)!;
        let text = '';
        let blocks = 0;
        let failed: string | null = null;
        for (const cmd of commands) {
          let reply: string;
          try {
            reply = String(await c.redis.call(cmd[0], ...cmd.slice(1)));
          } catch (err) {
            failed = classifyError(err, c).errorClass;
            break; // no answer: skip this node for the rest of the round
          }
          text += `${formatUtc(Date.now())}\n${reply.endsWith('\n') ? reply : `${reply}\n`}`;
          blocks++;
          if (cmd[1] === 'NODES') {
            const nodes = parseClusterNodesText(reply);
            node.id = myselfOf(nodes)?.id ?? node.id;
            // `:port` (a node that does not know its own IP yet) is no address to dial.
            if (this.opts.discover) for (const n of nodes) if (n.port > 0 && !n.address.startsWith(':')) discovered.add(n.address);
          }
        }
        if (failed === null && !this.onceDone.has(c.address) && this.opts.onceCommands.length > 0) {
          const once = await this.runOnce(c);
          text += once.text;
          blocks += once.blocks;
        }
        if (failed === null) this.answeredRound.set(c.address, round);
        return { node, text, blocks, failed };
      }),
    );
    // Aliases are dropped before anything of theirs is written, so no block is written twice.
    this.dropAliases(round);
    await Promise.all(
      results.map(async ({ node, text, blocks, failed }) => {
        if (node.aliasOf !== null) return;
        if (text !== '') {
          node.file ??= this.fileFor(node.address);
          const file = path.join(this.opts.outDir, node.file);
          // Appended as captured (not atomic by nature); a full disk is one line and exit 2, not a trace.
          await appendFile(file, text).catch((err: unknown) => {
            throw outputError(file, err);
          });
          node.blocks += blocks;
          this.blocks.set(node.address, (this.blocks.get(node.address) ?? 0) + blocks);
        }
        this.account(node, failed);
      }),
    );
    for (const a of discovered) {
      if (this.info.has(a)) continue;
      this.addNode(a);
      this.emit('discovered', a);
    }
  }

  private async runOnce(c: NodeClient): Promise<{ text: string; blocks: number }> {
    let text = '';
    let blocks = 0;
    for (const cmd of this.opts.onceCommands) {
      try {
        const reply = await c.redis.call(cmd[0], ...cmd.slice(1));
        text += `${formatUtc(Date.now())}\n${formatCliReply(reply)}`;
        blocks++;
      } catch (err) {
        // A refused command (renamed, ACL) is not retried; a lost connection is, next round.
        if ((err as Error)?.name !== 'ReplyError') return { text, blocks };
      }
    }
    this.onceDone.add(c.address);
    return { text, blocks };
  }

  private account(node: PolledNode, failed: string | null): void {
    const now = Date.now();
    if (failed === null) {
      if (node.lastError !== null && node.answered > 0) this.emit('back', node.address);
      node.answered++;
      node.firstAnsweredAt ??= now;
      node.lastAnsweredAt = now;
      node.lastError = null;
    } else {
      if (node.lastError === null && node.answered > 0) this.emit('lost', node.address, failed);
      node.lastError = failed;
    }
  }

  /**
   * Stop polling an address whose node (same myself id) answered this round under an earlier address too.
   * Both must answer in the same round: a node that moved to a new address is not an alias of its old one.
   */
  private dropAliases(round: number): void {
    const owner = new Map<NodeId, Address>();
    for (const n of this.info.values()) {
      if (n.id === null || n.aliasOf !== null || this.answeredRound.get(n.address) !== round) continue;
      const first = owner.get(n.id);
      if (first === undefined) {
        owner.set(n.id, n.address);
        continue;
      }
      n.aliasOf = first;
      const c = this.nodes.get(n.address);
      if (c) closeNodeClient(c);
      this.nodes.delete(n.address);
      this.emit('alias', n.address, first);
    }
  }
}
