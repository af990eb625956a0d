// The client-view probe: every intervalMs, one SET to a key in each original master's slot range, and a
// record of every outcome. It keeps aiming at the *slot range*, not at a node: MOVED is followed (one hop)
// and any failure, or a write pending longer than stallMs, triggers a refresh of the slot map from every
// known node; each node's answer is applied as it arrives, and a master claiming the slot with a higher
// config epoch than the current route's claim becomes the route (the rule Redis Cluster itself uses,
// redis 7.0 src/cluster.c clusterUpdateSlotsConfigWith). A write still hanging on the old owner does not
// hold up the first write to the new one. So its failure windows measure the cluster, not a stale client.
import type { Address, EpochMs } from '../model/ids.ts';
import { formatRanges, type SlotRange } from '../model/slots.ts';
import { parseClusterNodesText, isMaster } from './cluster-view.ts';
import { keyInRange } from './keyslot.ts';
import { classifyError, closeNodeClient, createNodeClient, type ConnectionOptions, type NodeClient } from './redis-client.ts';

export interface ProbeTarget {
  /** The slot range as owned by one master when the probe started, e.g. `0-5460`. */
  slots: string;
  key: string;
  slot: number;
  /** Address of the master that owned the range at start. */
  ownerAtStart: Address;
}

export interface ProbeAttempt {
  /** Index into the probe's targets. */
  target: number;
  sentAt: EpochMs;
  doneAt: EpochMs;
  ok: boolean;
  /** Node the write was sent to first. */
  node: Address;
  /** Set when the first node answered MOVED and the write was resent there. */
  redirectedTo?: Address;
  errorClass?: string;
  message?: string;
}

/** A run of failed writes on one target: writes sent in [start, end) failed, the write sent at `end` succeeded. */
export interface FailureWindow {
  start: EpochMs;
  /** null when writes were still failing when the probe stopped. */
  end: EpochMs | null;
  /** Send time of the last failed write of the run. */
  lastFailedAt: EpochMs;
  attempts: number;
  /** Failed writes per error class (see classifyError). */
  errors: Record<string, number>;
  /** Distinct error messages, sorted. */
  messages: string[];
}

export interface ProbeOptions {
  /** Any reachable nodes of the cluster; the slot ranges are read from the first that answers. */
  seeds: Address[];
  intervalMs?: number;
  /** Per-write timeout (also used for slot map refreshes). */
  timeoutMs?: number;
  /** Slot map refreshes happen at most this often (default 200 ms). */
  refreshMinIntervalMs?: number;
  /** A write pending this long already asks for a slot map refresh, before it times out (default timeoutMs / 2). */
  stallMs?: number;
  /** AUTH / TLS for every node. */
  connection?: ConnectionOptions;
}

export class Probe {
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly targets: ProbeTarget[];
  private readonly refreshMinIntervalMs: number;
  private readonly stallMs: number;
  private readonly connection: ConnectionOptions | undefined;
  private readonly known = new Set<Address>();
  private readonly writeClients = new Map<Address, NodeClient>();
  private readonly refreshClients = new Map<Address, NodeClient>();
  private readonly route: Address[];
  /** Config epoch of the claim each route rests on (a MOVED keeps the old one). */
  private readonly routeEpoch: number[];
  /** Writes in flight per range, by the node they went to: one per node, so a hung node is not flooded. */
  private readonly inFlight: Array<Map<Address, { sentAt: EpochMs; done: Promise<void> }>>;
  private readonly log: ProbeAttempt[] = [];
  private timer: NodeJS.Timeout | null = null;
  private lastRefreshAt = 0;
  /** CLUSTER NODES requests in flight, by node (a hung node does not hold up the answers of the others). */
  private readonly refreshing = new Map<Address, Promise<void>>();
  startedAt: EpochMs | null = null;
  stoppedAt: EpochMs | null = null;

  private constructor(opts: ProbeOptions, targets: ProbeTarget[], epochs: number[], known: Address[]) {
    this.intervalMs = opts.intervalMs ?? 50;
    this.timeoutMs = opts.timeoutMs ?? 250;
    this.refreshMinIntervalMs = opts.refreshMinIntervalMs ?? 200;
    this.stallMs = opts.stallMs ?? Math.round(this.timeoutMs / 2);
    this.connection = opts.connection;
    this.targets = targets;
    this.route = targets.map((t) => t.ownerAtStart);
    this.routeEpoch = epochs;
    this.inFlight = targets.map(() => new Map());
    for (const a of known) this.known.add(a);
  }

  /** Reads the masters and their slot ranges from a seed and picks one key per range (one per master). */
  static async create(opts: ProbeOptions): Promise<Probe> {
    let lastErr: unknown = null;
    for (const seed of opts.seeds) {
      const c = createNodeClient(seed, { commandTimeoutMs: 1000, connection: opts.connection });
      try {
        await waitConnected(c, 1000);
        const nodes = parseClusterNodesText(String(await c.redis.call('CLUSTER', 'NODES')));
        const masters = nodes.filter((n) => isMaster(n) && n.slots.length > 0).sort((a, b) => a.slots[0].start - b.slots[0].start);
        const targets = masters.map((m) => targetFor(m.slots, m.address));
        return new Probe(
          opts,
          targets,
          masters.map((m) => m.configEpoch),
          [...opts.seeds, ...nodes.filter((n) => n.port > 0).map((n) => n.address)],
        );
      } catch (err) {
        lastErr = err;
      } finally {
        closeNodeClient(c);
      }
    }
    throw new Error(`probe: no seed answered CLUSTER NODES (${String((lastErr as Error)?.message ?? lastErr)})`);
  }

  /** Connects to every known node (so the first writes do not fail for want of a connection), then writes every intervalMs. */
  async start(): Promise<void> {
    if (this.timer) return;
    await Promise.all([...this.known].map((a) => waitConnected(this.writeClient(a), 2000).catch(() => {})));
    this.startedAt = Date.now();
    this.tick();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.inFlight.flatMap((m) => [...m.values()].map((w) => w.done)));
    await Promise.all([...this.refreshing.values()]);
    this.stoppedAt ??= Date.now();
    await this.removeKeys();
    for (const c of [...this.writeClients.values(), ...this.refreshClients.values()]) closeNodeClient(c);
    this.writeClients.clear();
    this.refreshClients.clear();
  }

  /** Keys deleted by `stop()` (the probe leaves nothing behind in the cluster). */
  keysRemoved = 0;
  private removed = false;

  /**
   * DEL every probe key where its range is served now (following one MOVED), once. A node that does
   * not answer keeps its key; that is reported by `keysRemoved` falling short of `targets.length`.
   */
  private async removeKeys(): Promise<void> {
    if (this.removed || this.startedAt === null) return;
    this.removed = true;
    await Promise.all(
      this.targets.map(async (t, i) => {
        const del = async (address: Address) => {
          try {
            await this.writeClient(address).redis.call('DEL', t.key);
            return null;
          } catch (err) {
            const m = /^MOVED \d+ (\S+)/.exec(String((err as Error).message ?? ''));
            return m ? m[1] : undefined;
          }
        };
        const moved = await del(this.route[i]);
        if (moved === null || (typeof moved === 'string' && (await del(moved)) === null)) this.keysRemoved++;
      }),
    );
  }

  /** Every write outcome so far, in completion order. */
  attempts(): readonly ProbeAttempt[] {
    return this.log;
  }

  /** Failure windows of one target (index into targets). */
  failureWindows(target: number): FailureWindow[] {
    return failureWindows(this.log.filter((a) => a.target === target));
  }

  /** True when the last `n` writes of every target succeeded. */
  healthy(n = 3): boolean {
    return this.targets.every((_, i) => {
      const mine = this.log.filter((a) => a.target === i).slice(-n);
      return mine.length === n && mine.every((a) => a.ok);
    });
  }

  private tick(): void {
    const now = Date.now();
    for (let i = 0; i < this.targets.length; i++) {
      const node = this.route[i];
      const pending = this.inFlight[i].get(node);
      if (pending) {
        // A write that hangs (stopped or sleeping master) asks for the slot map before it times out, so
        // a promotion is followed as soon as the other nodes know of it.
        if (now - pending.sentAt >= this.stallMs) this.requestRefresh();
        continue;
      }
      // A write still pending on a node the range has moved away from does not hold up the new owner.
      const done: Promise<void> = this.attempt(i, node).finally(() => {
        if (this.inFlight[i].get(node)?.done === done) this.inFlight[i].delete(node);
      });
      this.inFlight[i].set(node, { sentAt: now, done });
    }
  }

  private writeClient(address: Address): NodeClient {
    let c = this.writeClients.get(address);
    if (!c) {
      c = createNodeClient(address, { commandTimeoutMs: this.timeoutMs, reconnectDelayMs: 100, connection: this.connection });
      this.writeClients.set(address, c);
      this.known.add(address);
    }
    return c;
  }

  private async attempt(i: number, node: Address): Promise<void> {
    const t = this.targets[i];
    const sentAt = Date.now();
    const value = String(sentAt);
    let res = await this.write(node, t.key, value);
    let redirectedTo: Address | undefined;
    if (!res.ok && res.errorClass === 'MOVED') {
      // "MOVED <slot> <ip:port>" — redis 7.0 src/cluster.c clusterRedirectClient()
      const to = res.message?.split(' ')[2];
      if (to) {
        this.route[i] = to;
        redirectedTo = to;
        res = await this.write(to, t.key, value);
      }
    }
    const attempt: ProbeAttempt = { target: i, sentAt, doneAt: Date.now(), ok: res.ok, node };
    if (redirectedTo) attempt.redirectedTo = redirectedTo;
    if (!res.ok) {
      attempt.errorClass = res.errorClass;
      attempt.message = res.message;
    }
    this.log.push(attempt);
    if (!res.ok) this.requestRefresh();
  }

  private async write(address: Address, key: string, value: string): Promise<{ ok: boolean; errorClass?: string; message?: string }> {
    const c = this.writeClient(address);
    try {
      await c.redis.call('SET', key, value);
      return { ok: true };
    } catch (err) {
      return { ok: false, ...classifyError(err, c) };
    }
  }

  private requestRefresh(): void {
    if (Date.now() - this.lastRefreshAt < this.refreshMinIntervalMs) return;
    this.lastRefreshAt = Date.now();
    for (const address of this.known) {
      if (this.refreshing.has(address)) continue;
      const done: Promise<void> = this.refreshFrom(address).finally(() => {
        if (this.refreshing.get(address) === done) this.refreshing.delete(address);
      });
      this.refreshing.set(address, done);
    }
  }

  /**
   * One node's CLUSTER NODES, applied as soon as it arrives: a master claiming a target's slot with a
   * higher config epoch than the claim the route rests on becomes the route.
   */
  private async refreshFrom(address: Address): Promise<void> {
    let c = this.refreshClients.get(address);
    if (!c) {
      c = createNodeClient(address, { commandTimeoutMs: this.timeoutMs, reconnectDelayMs: 100, connection: this.connection });
      this.refreshClients.set(address, c);
    }
    let text: string;
    try {
      text = String(await c.redis.call('CLUSTER', 'NODES'));
    } catch {
      return;
    }
    for (const n of parseClusterNodesText(text)) {
      if (!this.known.has(n.address) && n.port > 0) this.known.add(n.address);
      if (!isMaster(n)) continue;
      this.targets.forEach((t, i) => {
        if (n.configEpoch <= this.routeEpoch[i] || !n.slots.some((r) => t.slot >= r.start && t.slot <= r.end)) return;
        this.route[i] = n.address;
        this.routeEpoch[i] = n.configEpoch;
      });
    }
  }
}

function targetFor(slots: SlotRange[], owner: Address): ProbeTarget {
  const first = slots[0];
  const { key, slot } = keyInRange(first.start, first.end);
  return { slots: formatRanges(slots), key, slot, ownerAtStart: owner };
}

function waitConnected(c: NodeClient, timeoutMs: number): Promise<void> {
  if (c.redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${c.address}: ${c.lastConnError ?? 'no connection'}`)), timeoutMs);
    c.redis.once('ready', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** Failure windows of one target's attempts (any order; sorted by send time here). */
export function failureWindows(attempts: readonly ProbeAttempt[]): FailureWindow[] {
  const sorted = [...attempts].sort((a, b) => a.sentAt - b.sentAt);
  const out: FailureWindow[] = [];
  let open: (FailureWindow & { msgSet: Set<string> }) | null = null;
  for (const a of sorted) {
    if (!a.ok) {
      if (!open) open = { start: a.sentAt, end: null, lastFailedAt: a.sentAt, attempts: 0, errors: {}, messages: [], msgSet: new Set() };
      open.attempts++;
      open.lastFailedAt = a.sentAt;
      const cls = a.errorClass ?? 'UNKNOWN';
      open.errors[cls] = (open.errors[cls] ?? 0) + 1;
      if (a.message) open.msgSet.add(a.message);
    } else if (open) {
      open.end = a.sentAt;
      out.push(closeWindow(open));
      open = null;
    }
  }
  if (open) out.push(closeWindow(open));
  return out;
}

function closeWindow(w: FailureWindow & { msgSet: Set<string> }): FailureWindow {
  const errors: Record<string, number> = {};
  for (const k of Object.keys(w.errors).sort()) errors[k] = w.errors[k];
  return { start: w.start, end: w.end, lastFailedAt: w.lastFailedAt, attempts: w.attempts, errors, messages: [...w.msgSet].sort() };
}

/**
 * Windows during which writes of one target got a given error class: from the send time of the first
 * such reply to the send time of the next write that did not get it (null if none followed).
 */
export function errorClassWindows(attempts: readonly ProbeAttempt[], errorClass: string): Array<{ start: EpochMs; end: EpochMs | null }> {
  const sorted = [...attempts].sort((a, b) => a.sentAt - b.sentAt);
  const out: Array<{ start: EpochMs; end: EpochMs | null }> = [];
  let start: EpochMs | null = null;
  for (const a of sorted) {
    const hit = !a.ok && a.errorClass === errorClass;
    if (hit && start === null) start = a.sentAt;
    else if (!hit && start !== null) {
      out.push({ start, end: a.sentAt });
      start = null;
    }
  }
  if (start !== null) out.push({ start, end: null });
  return out;
}

/** Union of windows (open-ended windows absorb everything after their start). */
export function unionWindows(
  windows: ReadonlyArray<{ start: EpochMs; end: EpochMs | null }>,
): Array<{ start: EpochMs; end: EpochMs | null }> {
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  const out: Array<{ start: EpochMs; end: EpochMs | null }> = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last && (last.end === null || w.start <= last.end)) {
      if (last.end !== null) last.end = w.end === null ? null : Math.max(last.end, w.end);
    } else out.push({ start: w.start, end: w.end });
  }
  return out;
}
