// A Redis Cluster of real redis-server processes on 127.0.0.1, one directory per node, for recording
// fixtures and for integration tests. Every process started here is SIGKILLed on stop(), and also when
// this Node process exits or gets SIGINT/SIGTERM, so no test or recording leaves servers behind.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { NodeId } from '../model/ids.ts';
import { parseClusterNodesText, parseInfoText, myselfOf, isMaster, type LiveNode } from './cluster-view.ts';
import { createNodeClient, closeNodeClient, type ConnectionOptions, type NodeClient } from './redis-client.ts';

export interface LocalClusterOptions {
  /** Scratch directory; node `P` lives in `<baseDir>/<P>/` (redis.conf, nodes.conf, redis.log). */
  baseDir: string;
  /** Client ports; each bus port is port+10000, so ports must be below 22768 to keep both < 32768. */
  ports: number[];
  /** `cluster-node-timeout` in ms (default 2000). */
  nodeTimeoutMs?: number;
  /** Default `$FAILSCOPE_REDIS_SERVER` or /usr/bin/redis-server. */
  redisServer?: string;
  /** Default `$FAILSCOPE_REDIS_CLI` or /usr/bin/redis-cli. */
  redisCli?: string;
  /** Extra redis.conf lines appended to every node's config. */
  extraConfig?: string[];
  /** Progress messages (nothing is printed otherwise). */
  log?: (message: string) => void;
  /** `requirepass` (and `masterauth`) of every node; the cluster's own clients authenticate with it. */
  password?: string;
  /**
   * Also SIGKILL every server and exit on SIGINT/SIGTERM/SIGHUP (default true). Tests that send
   * themselves SIGINT (to test Ctrl-C handling) turn it off; servers are still killed when the process exits.
   */
  signalHooks?: boolean;
  /** Serve TLS only (`port 0`, `tls-port P`, TLS on the bus and replication links, client certificates required). */
  tls?: LocalTlsFiles;
  /** `loglevel` of every node (default `notice`). */
  loglevel?: 'debug' | 'verbose' | 'notice' | 'warning';
  /**
   * Version of the server binary (`x.y.z`, as `serverBinaryVersion` reads it): redis.conf then leaves out
   * the options that version does not know (an old server refuses to start on an unknown option).
   * Default: a 7.0+ server.
   */
  serverVersion?: string;
}

/**
 * The version `<binary> --version` prints: `Redis server v=3.0.7 sha=…` (redis 3.0.7 src/redis.c version()),
 * `Server v=7.2.7 sha=…` (valkey 7.2.7 src/server.c version()), `Valkey server v=8.0.1 …` (valkey 8.0.1).
 * Valkey's unstable branch says 255.255.255 (valkey src/version.h).
 */
export async function serverBinaryVersion(binary: string): Promise<string> {
  const r = await execFileText(binary, ['--version'], 10_000);
  const m = /\b[Ss]erver v=(\d+\.\d+\.\d+)/.exec(r.out);
  if (r.code !== 0 || !m)
    throw new Error(`${binary} --version: not a Redis or Valkey server (exit ${r.code}): ${r.out.trim().slice(0, 200)}`);
  return m[1];
}

/** True when version `v` (`x.y.z`) is at least `major.minor`. */
export function versionAtLeast(v: string, major: number, minor: number): boolean {
  const [a, b] = v.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

/** PEM files of a TLS cluster: the CA that signed everything, and one certificate/key used by servers and clients. */
export interface LocalTlsFiles {
  caFile: string;
  certFile: string;
  keyFile: string;
}

/** One run of one redis-server process. */
export interface NodeProcessRun {
  port: number;
  pid: number;
  startedAt: number;
  exitedAt: number | null;
  exitCode: number | null;
  exitSignal: string | null;
}

export interface ClusterLayout {
  masters: number[];
  /** Each replica port with the port of the master it replicates. */
  replicas: Array<{ port: number; masterPort: number }>;
}

// ---- process registry: kill everything we started, whatever way we leave ----
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;
let signalHooksInstalled = false;
function killAllChildrenSync(): void {
  for (const child of liveChildren) {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
  liveChildren.clear();
}
function installExitHooks(withSignals: boolean): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', killAllChildrenSync);
  }
  if (!withSignals || signalHooksInstalled) return;
  signalHooksInstalled = true;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      killAllChildrenSync();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}

/** Thrown from a waitFor() check to stop waiting at once (the awaited thing can no longer happen). */
export class WaitAborted extends Error {}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Poll `check` until it returns a non-undefined value; throw with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  { timeoutMs, intervalMs = 100 }: { timeoutMs: number; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      if (err instanceof WaitAborted) throw err;
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError ? ` (last error: ${String((lastError as Error).message ?? lastError)})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await sleep(intervalMs);
  }
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function isPortInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

function execFileText(file: string, args: string[], timeoutMs: number): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

export class LocalCluster {
  readonly baseDir: string;
  readonly ports: number[];
  readonly nodeTimeoutMs: number;
  readonly redisServer: string;
  readonly redisCli: string;
  private readonly extraConfig: string[];
  private readonly log: (message: string) => void;
  private readonly password: string | undefined;
  private readonly tls: LocalTlsFiles | undefined;
  private readonly loglevel: string;
  private readonly serverVersion: string;
  /** How clients reach these nodes (AUTH / TLS), for the cluster's own admin client and for tests. */
  readonly connection: ConnectionOptions;
  private readonly children = new Map<number, ChildProcess>();
  private readonly runs: NodeProcessRun[] = [];
  private readonly admin = new Map<number, NodeClient>();

  constructor(opts: LocalClusterOptions) {
    for (const p of opts.ports)
      if (!Number.isInteger(p) || p < 1024 || p + 10000 >= 32768)
        throw new Error(`port ${p}: ports and bus ports (port+10000) must be within 1024..32767`);
    this.baseDir = opts.baseDir;
    this.ports = [...opts.ports];
    this.nodeTimeoutMs = opts.nodeTimeoutMs ?? 2000;
    this.redisServer = opts.redisServer ?? process.env.FAILSCOPE_REDIS_SERVER ?? '/usr/bin/redis-server';
    this.redisCli = opts.redisCli ?? process.env.FAILSCOPE_REDIS_CLI ?? '/usr/bin/redis-cli';
    this.extraConfig = opts.extraConfig ?? [];
    this.log = opts.log ?? (() => {});
    this.password = opts.password;
    this.tls = opts.tls;
    this.loglevel = opts.loglevel ?? 'notice';
    this.serverVersion = opts.serverVersion ?? '7.0.0';
    this.connection = {};
    if (opts.password !== undefined) this.connection.password = opts.password;
    if (opts.tls)
      this.connection.tls = {
        ca: readFileSync(opts.tls.caFile),
        cert: readFileSync(opts.tls.certFile),
        key: readFileSync(opts.tls.keyFile),
        checkServerIdentity: () => undefined,
      };
    installExitHooks(opts.signalHooks ?? true);
  }

  nodeDir(port: number): string {
    return path.join(this.baseDir, String(port));
  }
  logPath(port: number): string {
    return path.join(this.nodeDir(port), 'redis.log');
  }
  nodesConfPath(port: number): string {
    return path.join(this.nodeDir(port), 'nodes.conf');
  }
  address(port: number): string {
    return `127.0.0.1:${port}`;
  }

  /** Fresh node directories and configs. Refuses to run when a port (or bus port) is taken. */
  async prepare(): Promise<void> {
    for (const p of this.ports) {
      if (await isPortInUse(p)) throw new Error(`port ${p} is already in use on 127.0.0.1`);
      if (await isPortInUse(p + 10000)) throw new Error(`bus port ${p + 10000} is already in use on 127.0.0.1`);
    }
    for (const p of this.ports) {
      const dir = this.nodeDir(p);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'redis.conf'), this.configText(p));
    }
  }

  private configText(port: number): string {
    const dir = this.nodeDir(port);
    const auth = this.password === undefined ? [] : [`requirepass ${this.password}`, `masterauth ${this.password}`];
    const tls = this.tls
      ? [
          'port 0',
          `tls-port ${port}`,
          `tls-cert-file ${this.tls.certFile}`,
          `tls-key-file ${this.tls.keyFile}`,
          `tls-ca-cert-file ${this.tls.caFile}`,
          'tls-cluster yes',
          'tls-replication yes',
        ]
      : [`port ${port}`];
    return [
      ...tls,
      ...auth,
      'bind 127.0.0.1',
      `dir ${dir}`,
      'daemonize no',
      'cluster-enabled yes',
      'cluster-config-file nodes.conf',
      `cluster-node-timeout ${this.nodeTimeoutMs}`,
      'appendonly no',
      'save ""',
      `logfile ${this.logPath(port)}`,
      `loglevel ${this.loglevel}`,
      // DEBUG SEGFAULT / DEBUG SLEEP are refused by default since 7.0 (enable-debug-command no); before 7.0
      // the option does not exist (redis 6.2.16 src/config.c has no "enable-debug-command") and DEBUG is allowed.
      ...(versionAtLeast(this.serverVersion, 7, 0) ? ['enable-debug-command local'] : []),
      // Replicas sync at once instead of the master waiting 5 s for more replicas to join a diskless sync.
      'repl-diskless-sync-delay 0',
      ...this.extraConfig,
      '',
    ].join('\n');
  }

  isRunning(port: number): boolean {
    return this.children.has(port);
  }

  pidOf(port: number): number | null {
    return this.children.get(port)?.pid ?? null;
  }

  runningPorts(): number[] {
    return this.ports.filter((p) => this.children.has(p));
  }

  /** Every process run so far, in start order. */
  processRuns(): NodeProcessRun[] {
    return this.runs.map((r) => ({ ...r }));
  }

  /** Spawn redis-server for `port` (same directory, so a restart reloads its nodes.conf); resolves when it answers PING. */
  async startNode(port: number, { timeoutMs = 15_000 } = {}): Promise<NodeProcessRun> {
    if (this.children.has(port)) throw new Error(`node ${port} is already running`);
    const dir = this.nodeDir(port);
    if (!existsSync(path.join(dir, 'redis.conf'))) throw new Error(`node ${port} has no redis.conf; call prepare() first`);
    const child = spawn(this.redisServer, [path.join(dir, 'redis.conf')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (b: Buffer) => {
      output = (output + b.toString('utf8')).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const run: NodeProcessRun = { port, pid: child.pid ?? -1, startedAt: Date.now(), exitedAt: null, exitCode: null, exitSignal: null };
    this.runs.push(run);
    liveChildren.add(child);
    this.children.set(port, child);
    child.once('exit', (code, signal) => {
      run.exitedAt = Date.now();
      run.exitCode = code;
      run.exitSignal = signal;
      liveChildren.delete(child);
      if (this.children.get(port) === child) this.children.delete(port);
    });
    child.once('error', () => {
      liveChildren.delete(child);
      if (this.children.get(port) === child) this.children.delete(port);
    });
    this.log(`started redis-server :${port} pid ${run.pid}`);
    await waitFor(
      `redis-server :${port} to answer PING`,
      async () => {
        if (!this.children.has(port)) throw new WaitAborted(`redis-server :${port} exited`);
        return (await this.call(port, 'PING')) === 'PONG' ? true : undefined;
      },
      { timeoutMs },
    ).catch((err: Error) => {
      // A server that died on start gives its reason; don't keep polling for the full timeout.
      throw new Error(`${err.message}${output ? `\n${output.trim()}` : ''}`);
    });
    return run;
  }

  async startAll(): Promise<void> {
    await Promise.all(this.ports.map((p) => this.startNode(p)));
  }

  /** Send a signal to a node's process (SIGKILL, SIGTERM, SIGSTOP, SIGCONT …). */
  signal(port: number, sig: NodeJS.Signals): void {
    const child = this.children.get(port);
    if (!child) throw new Error(`node ${port} is not running`);
    child.kill(sig);
  }

  /** Resolves when the node's process has exited (immediately if it is not running). */
  async waitExit(port: number, timeoutMs = 15_000): Promise<void> {
    const child = this.children.get(port);
    if (!child) return;
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`redis-server :${port} did not exit within ${timeoutMs} ms`)), timeoutMs);
      child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  private adminClient(port: number): NodeClient {
    let c = this.admin.get(port);
    if (!c) {
      c = createNodeClient(this.address(port), { commandTimeoutMs: 1000, reconnectDelayMs: 50, connection: this.connection });
      this.admin.set(port, c);
    }
    return c;
  }

  /** Run one command on a node (1 s timeout, no retries); rejects when the node does not answer. */
  async call(port: number, ...args: string[]): Promise<unknown> {
    const c = this.adminClient(port);
    if (c.redis.status === 'wait') await c.redis.connect();
    return c.redis.call(args[0], ...args.slice(1));
  }

  async clusterNodes(port: number): Promise<LiveNode[]> {
    return parseClusterNodesText(String(await this.call(port, 'CLUSTER', 'NODES')));
  }

  async clusterInfo(port: number): Promise<Record<string, string>> {
    return parseInfoText(String(await this.call(port, 'CLUSTER', 'INFO')));
  }

  async myId(port: number): Promise<NodeId> {
    return String(await this.call(port, 'CLUSTER', 'MYID'));
  }

  /** The node's own view of itself: `master` or `replica`. */
  async roleOf(port: number): Promise<'master' | 'replica'> {
    const me = myselfOf(await this.clusterNodes(port));
    if (!me) throw new Error(`node ${port}: no myself entry in CLUSTER NODES`);
    return isMaster(me) ? 'master' : 'replica';
  }

  /**
   * Build the cluster: `redis-cli --cluster create` of the masters (slots split evenly, config epochs
   * 1..n), then each replica joins with CLUSTER MEET and CLUSTER REPLICATE of its given master, so the
   * pairing is the same on every run (redis-cli's own replica placement is randomised).
   */
  /** redis-cli's AUTH / TLS arguments for these nodes. */
  cliArgs(): string[] {
    const out: string[] = [];
    if (this.password !== undefined) out.push('-a', this.password, '--no-auth-warning');
    if (this.tls) out.push('--tls', '--cacert', this.tls.caFile, '--cert', this.tls.certFile, '--key', this.tls.keyFile);
    return out;
  }

  async createCluster(layout: ClusterLayout, { timeoutMs = 60_000 } = {}): Promise<LiveNode[]> {
    const create = await execFileText(
      this.redisCli,
      [...this.cliArgs(), '--cluster', 'create', ...layout.masters.map((p) => this.address(p)), '--cluster-replicas', '0', '--cluster-yes'],
      timeoutMs,
    );
    if (create.code !== 0 || !create.out.includes('[OK] All 16384 slots covered'))
      throw new Error(`redis-cli --cluster create failed (exit ${create.code}):\n${create.out}`);
    this.log(`created cluster of masters ${layout.masters.join(', ')}`);
    if (layout.replicas.length > 0) {
      const first = layout.masters[0];
      await Promise.all(layout.replicas.map((r) => this.call(r.port, 'CLUSTER', 'MEET', '127.0.0.1', String(first))));
      await Promise.all(
        layout.replicas.map(async (r) => {
          const masterId = await this.myId(r.masterPort);
          await waitFor(
            `replica ${r.port} to learn master ${r.masterPort}`,
            async () => {
              const n = (await this.clusterNodes(r.port)).find((x) => x.id === masterId);
              return n && !n.flags.includes('handshake') ? true : undefined;
            },
            { timeoutMs },
          );
          await this.call(r.port, 'CLUSTER', 'REPLICATE', masterId);
        }),
      );
      this.log(`replicas ${layout.replicas.map((r) => `${r.port}->${r.masterPort}`).join(', ')} attached`);
    }
    return this.waitHealthy({ timeoutMs });
  }

  /**
   * One health check of the running nodes; returns why it is not healthy, or null. Healthy: every node
   * runs and answers, `cluster_state:ok` on each, all report the same nodes with the same role, master,
   * config epoch and slots, no node is flagged fail/fail?/handshake/noaddr or disconnected, and every
   * replica reports `master_link_status:up`.
   */
  async healthProblem(): Promise<string | null> {
    if (this.runningPorts().length !== this.ports.length) return `not running: ${this.ports.filter((p) => !this.isRunning(p)).join(', ')}`;
    let reference: string | null = null;
    for (const p of this.ports) {
      const info = await this.clusterInfo(p);
      if (info.cluster_state !== 'ok') return `${p}: cluster_state:${info.cluster_state}`;
      const nodes = await this.clusterNodes(p);
      if (nodes.length !== this.ports.length) return `${p}: knows ${nodes.length} nodes`;
      for (const n of nodes) {
        const bad = n.flags.find((f) => ['fail', 'fail?', 'handshake', 'noaddr'].includes(f));
        if (bad) return `${p}: sees ${n.port} as ${bad}`;
        if (n.linkState !== 'connected') return `${p}: link to ${n.port} ${n.linkState}`;
      }
      const view = nodes
        // A replica's config epoch is left out: Redis 3.0 shows 0 for itself but its master's epoch as seen
        // by the others (redis 3.0.7 src/cluster.c: clusterGenNodeDescription prints node->configEpoch; a
        // replica's own stays 0 while clusterBuildMessageHdr sends its master's in every packet).
        .map(
          (n) =>
            `${n.id} ${isMaster(n) ? 'master' : 'replica'} ${n.masterId ?? '-'} ${isMaster(n) ? n.configEpoch : '-'} ${JSON.stringify(n.slots)}`,
        )
        .sort()
        .join('\n');
      if (reference === null) reference = view;
      else if (view !== reference) return `${p}: view differs from ${this.ports[0]}`;
      const me = myselfOf(nodes);
      if (me && !isMaster(me)) {
        const repl = parseInfoText(String(await this.call(p, 'INFO', 'replication')));
        if (repl.master_link_status !== 'up') return `${p}: master_link_status:${repl.master_link_status}`;
      }
    }
    return null;
  }

  /** `redis-cli --cluster check` from the first port; null when it passes. */
  async clusterCheckProblem(): Promise<string | null> {
    const r = await execFileText(this.redisCli, [...this.cliArgs(), '--cluster', 'check', this.address(this.ports[0])], 30_000);
    const ok =
      r.code === 0 &&
      r.out.includes('[OK] All nodes agree about slots configuration.') &&
      r.out.includes('[OK] All 16384 slots covered.') &&
      !r.out.includes('[ERR]');
    return ok ? null : `redis-cli --cluster check (exit ${r.code}):\n${r.out}`;
  }

  /** Wait until healthProblem() and `redis-cli --cluster check` both pass; returns the agreed CLUSTER NODES view. */
  async waitHealthy({ timeoutMs = 60_000 } = {}): Promise<LiveNode[]> {
    let last = '';
    await waitFor(
      'a healthy cluster',
      async () => {
        last = (await this.healthProblem()) ?? (await this.clusterCheckProblem()) ?? '';
        return last === '' ? true : undefined;
      },
      { timeoutMs, intervalMs: 200 },
    ).catch((err: Error) => {
      throw new Error(`${err.message}; last problem: ${last}`);
    });
    return this.clusterNodes(this.ports[0]);
  }

  /** SIGKILL every node still running (SIGCONT is not needed: SIGKILL ends stopped processes too). */
  async stop(): Promise<void> {
    for (const c of this.admin.values()) closeNodeClient(c);
    this.admin.clear();
    const exits = [...this.children.keys()].map((p) => this.waitExit(p, 10_000).catch(() => {}));
    for (const child of this.children.values()) {
      try {
        child.kill('SIGKILL');
      } catch {
        /* gone */
      }
    }
    await Promise.all(exits);
  }
}
