// A failover drill against a running cluster: plan (which node, which command, what will happen), then
// capture + probe, a healthy baseline, the fault, a bounded wait for recovery, a tail, and the ground
// truth in the recorder's truth.json shape. The analysis of what was captured is the command's business
// (src/commands/drill.ts); this file only talks to the cluster.
//
// Faults (redis 7.0 src/debug.c debugCommand, src/cluster.c clusterCommand "failover"):
//   segfault  DEBUG SEGFAULT on the target          the process crashes (a crash report is logged)
//   pause     DEBUG SLEEP <s> on the target         the process blocks for <s> seconds, then carries on
//   failover  CLUSTER FAILOVER on a replica         coordinated manual failover (no data loss)
//   takeover  CLUSTER FAILOVER TAKEOVER on a replica  the replica bumps the epoch and takes the slots, no election
//   force     CLUSTER FAILOVER FORCE on a replica   election without the master's agreement
import { mkdir } from 'node:fs/promises';
import type { FailoverKind } from '../model/analysis.ts';
import { ConfigError } from '../model/diagnostic.ts';
import type { Address, EpochMs } from '../model/ids.ts';
import { formatRanges } from '../model/slots.ts';
import { formatUtc } from '../util/time.ts';
import { isMaster, myselfOf, parseClusterNodesText, parseInfoText, type LiveNode } from './cluster-view.ts';
import { isLoopbackAddress, parseHostPort } from './connection.ts';
import { formatMs } from './duration.ts';
import { sleep } from './local-cluster.ts';
import { SnapshotPoller, type PolledNode, type PollerEvent } from './poller.ts';
import { Probe } from './probe.ts';
import { closeNodeClient, createNodeClient, splitAddress, type ConnectionOptions, type NodeClient } from './redis-client.ts';
import type { DrillExpectation } from './compare.ts';
import { clusterDownTruth, probeTruth, truthNodes, type DrillTruth, type TruthAction } from './truth.ts';

export const FAULT_KINDS = ['segfault', 'pause', 'failover', 'takeover', 'force'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The failover kind (analysis schema v1) each fault causes when it causes one. */
export const EXPECTED_KIND: Record<FaultKind, FailoverKind> = {
  segfault: 'automatic',
  pause: 'automatic',
  failover: 'manual',
  takeover: 'takeover',
  force: 'force',
};

/** The name truth.json gives each action (fixtures/record/README.md). */
const ACTION_NAME: Record<FaultKind, string> = {
  segfault: 'DEBUG SEGFAULT',
  pause: 'DEBUG SLEEP',
  failover: 'CLUSTER FAILOVER',
  takeover: 'CLUSTER FAILOVER TAKEOVER',
  force: 'CLUSTER FAILOVER FORCE',
};

export interface DrillPlanInput {
  seed: Address;
  /** The seed's CLUSTER NODES, parsed. */
  nodes: LiveNode[];
  fault: FaultKind;
  /** Node id, unique id prefix, or host:port. */
  target: string;
  /** DEBUG SLEEP length (pause); default 3 node timeouts, or 5 s when the node timeout is unknown. */
  pauseMs?: number;
  nodeTimeoutMs: number | null;
  /** Allow targets that are not on a loopback address. */
  yes?: boolean;
}

export interface DrillPlan {
  fault: FaultKind;
  seed: Address;
  nodes: LiveNode[];
  target: LiveNode;
  /** The node the command goes to: the target, or for failover kinds its replica. */
  actOn: LiveNode;
  /** The master whose slots change hands (failover kinds), or the target when it is a master. */
  master: LiveNode | null;
  command: string[];
  action: string;
  args?: string[];
  pauseMs: number | null;
  nodeTimeoutMs: number | null;
  expectedKind: FailoverKind;
}

const BAD_FLAGS = ['fail', 'fail?', 'handshake', 'noaddr'];
const badFlag = (n: LiveNode) => n.flags.find((f) => BAD_FLAGS.includes(f));

/** The node `text` names: a node id, a unique id prefix (4+ hex digits), or host:port. ConfigError otherwise. */
export function resolveTarget(nodes: readonly LiveNode[], text: string): LiveNode {
  const t = text.trim();
  const usable = nodes.filter((n) => n.port > 0);
  if (/^[0-9a-fA-F]{4,40}$/.test(t)) {
    const hits = usable.filter((n) => n.id.startsWith(t.toLowerCase()));
    if (hits.length === 1) return hits[0];
    if (hits.length > 1)
      throw new ConfigError(`--target ${t} is ambiguous: ${hits.map((n) => `${n.id.slice(0, 12)} (${n.address})`).join(', ')}`);
    if (!t.includes(':'))
      throw new ConfigError(
        `--target ${t}: no node id starts with it (nodes: ${usable.map((n) => `${n.id.slice(0, 8)} ${n.address}`).join(', ')})`,
      );
  }
  if (!t.includes(':')) throw new ConfigError(`--target must be a node id, an id prefix (4+ hex digits) or host:port, got '${text}'`);
  const address = parseHostPort(t, '--target');
  const { host, port } = splitAddress(address);
  let hits = usable.filter((n) => n.address === address);
  // `localhost:7000` names the node CLUSTER NODES lists as 127.0.0.1:7000.
  if (hits.length === 0 && isLoopbackAddress(address)) hits = usable.filter((n) => n.port === port && isLoopbackAddress(n.address));
  if (hits.length === 1) return hits[0];
  if (hits.length > 1) throw new ConfigError(`--target ${text} is ambiguous: ${hits.map((n) => n.address).join(', ')}`);
  throw new ConfigError(`--target ${host}:${port} is not a node of this cluster (nodes: ${usable.map((n) => n.address).join(', ')})`);
}

/** Decide what the drill will do. Pure; every reason to refuse is a ConfigError (exit 2). */
export function planDrill(input: DrillPlanInput): DrillPlan {
  const target = resolveTarget(input.nodes, input.target);
  const flag = badFlag(target);
  if (flag) throw new ConfigError(`--target ${target.address} is flagged ${flag}; drill a healthy node`);
  let actOn = target;
  let master: LiveNode | null = isMaster(target) ? target : null;
  const failoverKind = input.fault === 'failover' || input.fault === 'takeover' || input.fault === 'force';
  if (failoverKind) {
    if (isMaster(target)) {
      if (target.slots.length === 0)
        throw new ConfigError(`--target ${target.address} is a master without slots: there is nothing to fail over`);
      const replicas = input.nodes
        .filter((n) => n.masterId === target.id && n.port > 0 && !badFlag(n))
        .sort((a, b) => a.address.localeCompare(b.address, 'en', { numeric: true }));
      if (replicas.length === 0) throw new ConfigError(`--target ${target.address} has no healthy replica to fail over to`);
      actOn = replicas[0];
    } else {
      master = input.nodes.find((n) => n.id === target.masterId) ?? null;
      if (!master)
        throw new ConfigError(
          `--target ${target.address} is a replica of ${target.masterId ?? 'nobody'}, which this cluster does not list`,
        );
    }
  }
  if (!input.yes)
    for (const n of new Set([target, actOn]))
      if (!isLoopbackAddress(n.address))
        throw new ConfigError(
          `refusing to drill ${n.address}: not a loopback address; this fault is real, pass --yes to run it on this cluster`,
        );
  let pauseMs: number | null = null;
  let args: string[] | undefined;
  const command: string[] = [];
  switch (input.fault) {
    case 'segfault':
      command.push('DEBUG', 'SEGFAULT');
      break;
    case 'pause': {
      pauseMs = input.pauseMs ?? (input.nodeTimeoutMs !== null ? 3 * input.nodeTimeoutMs : 5000);
      if (!(pauseMs > 0)) throw new ConfigError(`--pause-ms must be positive, got ${pauseMs}`);
      // DEBUG SLEEP takes seconds as a double (redis 7.0 src/debug.c: strtod, then debugDelay in µs).
      args = [(pauseMs / 1000).toFixed(3)];
      command.push('DEBUG', 'SLEEP', ...args);
      break;
    }
    case 'failover':
      command.push('CLUSTER', 'FAILOVER');
      break;
    case 'takeover':
      command.push('CLUSTER', 'FAILOVER', 'TAKEOVER');
      break;
    case 'force':
      command.push('CLUSTER', 'FAILOVER', 'FORCE');
      break;
  }
  return {
    fault: input.fault,
    seed: input.seed,
    nodes: input.nodes,
    target,
    actOn,
    master,
    command,
    action: ACTION_NAME[input.fault],
    ...(args ? { args } : {}),
    pauseMs,
    nodeTimeoutMs: input.nodeTimeoutMs,
    expectedKind: EXPECTED_KIND[input.fault],
  };
}

function nodeLabel(n: LiveNode, nodes: readonly LiveNode[]): string {
  if (isMaster(n)) {
    const reps = nodes.filter((r) => r.masterId === n.id).map((r) => r.address);
    return `${n.address} (${n.id.slice(0, 8)}, master of ${n.slots.length ? formatRanges(n.slots) : 'no slots'}; ${reps.length ? `replicas ${reps.join(', ')}` : 'no replica'})`;
  }
  const m = nodes.find((x) => x.id === n.masterId);
  return `${n.address} (${n.id.slice(0, 8)}, replica of ${m ? m.address : (n.masterId ?? '?').slice(0, 8)})`;
}

/** "What will happen", printed before anything is done. */
export function describePlan(
  plan: DrillPlan,
  o: { outDir: string; intervalMs: number; recoveryTimeoutMs: number; masters: number },
): string[] {
  const nt = plan.nodeTimeoutMs === null ? 'unknown' : `${plan.nodeTimeoutMs} ms`;
  const cmd = plan.command.join(' ');
  const lines = [`drill: ${plan.fault} of ${nodeLabel(plan.target, plan.nodes)}; cluster-node-timeout ${nt}`];
  lines.push(
    `  1. capture CLUSTER NODES, CLUSTER INFO and INFO replication of every node every ${formatMs(o.intervalMs)} into ${o.outDir}`,
  );
  lines.push(
    `  2. probe: one SET to a failscope:probe:{…} key in each of the ${o.masters} masters' slot ranges every 50 ms (written to the cluster, deleted when the drill ends)`,
  );
  let what: string;
  const hasReplica = plan.master !== null && plan.nodes.some((n) => n.masterId === plan.master!.id && !badFlag(n));
  switch (plan.fault) {
    case 'segfault':
      what = `the process crashes and stays down (failscope restarts nothing)${isMaster(plan.target) ? (hasReplica ? '; a replica should take over its slots' : '; it has no replica: its slots stay down until it is restarted') : ''}`;
      break;
    case 'pause':
      what = `the process blocks for ${formatMs(plan.pauseMs!)}${plan.nodeTimeoutMs !== null && isMaster(plan.target) ? (plan.pauseMs! > plan.nodeTimeoutMs ? ', longer than the node timeout: a replica should take over and the old master rejoin as its replica' : ', shorter than the node timeout: writes to its slots stall, no failover') : ''}`;
      break;
    case 'failover':
      what = `a coordinated failover: ${plan.actOn.address} becomes master of ${plan.master ? formatRanges(plan.master.slots) : 'its master’s slots'}`;
      break;
    case 'takeover':
      what = `${plan.actOn.address} takes its master's slots without an election`;
      break;
    case 'force':
      what = `${plan.actOn.address} is elected without its master's agreement`;
      break;
  }
  lines.push(`  3. after a healthy baseline: ${cmd} on ${plan.actOn.address} — ${what}`);
  lines.push(`  4. wait for recovery (at most ${formatMs(o.recoveryTimeoutMs)}), then analyse the capture and compare it with the probe`);
  return lines;
}

export interface DrillRunOptions {
  outDir: string;
  connection?: ConnectionOptions;
  intervalMs: number;
  recoveryTimeoutMs: number;
  /** Healthy time before the fault (default max(1 s, 2 intervals)). */
  baselineMs?: number;
  /** Time captured after recovery (default max(1 s, 2 intervals)). */
  tailMs?: number;
  redisVersion?: string | null;
  signal?: AbortSignal;
  progress?: (line: string) => void;
}

export interface DrillRun {
  truth: DrillTruth;
  recovered: boolean;
  /** Why recovery was not confirmed (null when it was). */
  problem: string | null;
  faultAt: EpochMs;
  polled: PolledNode[];
  /** What the cluster did: its promotions, for the comparison with the analysis. */
  expectation: DrillExpectation;
}

/** Who serves `slot` in one CLUSTER NODES view: the master claim with the highest config epoch. */
function ownerOf(nodes: readonly LiveNode[], slot: number): LiveNode | null {
  let best: LiveNode | null = null;
  for (const n of nodes)
    if (
      isMaster(n) &&
      !n.flags.includes('fail') &&
      n.slots.some((r) => slot >= r.start && slot <= r.end) &&
      (!best || n.configEpoch > best.configEpoch)
    )
      best = n;
  return best;
}

interface View {
  nodes: LiveNode[];
  state: string;
}

class Admin {
  private readonly clients = new Map<Address, NodeClient>();
  private readonly connection: ConnectionOptions | undefined;
  constructor(connection: ConnectionOptions | undefined) {
    this.connection = connection;
  }

  client(address: Address, timeoutMs = 500): NodeClient {
    let c = this.clients.get(address);
    if (!c) {
      c = createNodeClient(address, { commandTimeoutMs: timeoutMs, reconnectDelayMs: 100, connection: this.connection });
      this.clients.set(address, c);
    }
    return c;
  }

  async view(address: Address): Promise<View | null> {
    const c = this.client(address);
    try {
      // A new or reconnecting client refuses commands (no offline queue) until it is ready.
      if (c.redis.status !== 'ready') await waitReady(c, 500);
      const nodes = parseClusterNodesText(String(await c.redis.call('CLUSTER', 'NODES')));
      const state = parseInfoText(String(await c.redis.call('CLUSTER', 'INFO'))).cluster_state ?? 'unknown';
      return { nodes, state };
    } catch {
      return null;
    }
  }

  close(): void {
    for (const c of this.clients.values()) closeNodeClient(c);
    this.clients.clear();
  }
}

/**
 * Why the cluster is not (yet) settled, or null: every answering node says cluster_state:ok and flags no
 * answering node as failing, every node that stopped answering is flagged `fail` by all who answer, and
 * they all agree who serves each probed slot.
 */
async function settledProblem(
  admin: Admin,
  considered: ReadonlySet<Address>,
  slots: readonly number[],
): Promise<{ problem: string | null; views: Map<Address, View> }> {
  const views = new Map<Address, View>();
  await Promise.all(
    [...considered].map(async (a) => {
      const v = await admin.view(a);
      if (v) views.set(a, v);
    }),
  );
  const done = (problem: string | null) => ({ problem, views });
  if (views.size === 0) return done('no node answers');
  for (const [a, v] of views) {
    if (v.state !== 'ok') return done(`${a} says cluster_state:${v.state}`);
    for (const n of v.nodes) {
      if (!considered.has(n.address) || n.flags.includes('myself')) continue;
      const failing = n.flags.find((f) => f === 'fail' || f === 'fail?');
      if (views.has(n.address) && failing) return done(`${a} still flags ${n.address} ${failing}`);
      if (!views.has(n.address) && !n.flags.includes('fail'))
        return done(`${n.address} does not answer and ${a} has not marked it fail (yet)`);
    }
  }
  for (const slot of slots) {
    const owners = new Set([...views.values()].map((v) => ownerOf(v.nodes, slot)?.id ?? 'none'));
    if (owners.size > 1) return done(`nodes disagree about who serves slot ${slot}`);
    if (owners.has('none')) return done(`nobody serves slot ${slot}`);
  }
  return done(null);
}

/** Run a planned drill. Throws ConfigError (before any fault) when the cluster is not healthy to begin with. */
export async function runDrill(plan: DrillPlan, o: DrillRunOptions): Promise<DrillRun> {
  const began = Date.now();
  const say = (m: string) => o.progress?.(`[+${((Date.now() - began) / 1000).toFixed(1)} s] ${m}`);
  const baselineMs = o.baselineMs ?? Math.max(1000, 2 * o.intervalMs);
  const tailMs = o.tailMs ?? Math.max(1000, 2 * o.intervalMs);
  const addresses = [plan.seed, ...plan.nodes.filter((n) => n.port > 0 && !n.flags.includes('noaddr')).map((n) => n.address)].filter(
    (a, i, all) => all.indexOf(a) === i,
  );
  const idByAddress = new Map(plan.nodes.map((n) => [n.address, n.id]));
  const admin = new Admin(o.connection);
  await mkdir(o.outDir, { recursive: true });
  const onEvent = (e: PollerEvent) => {
    if (e.kind === 'lost') say(`${e.address} stopped answering (${e.detail})`);
    else if (e.kind === 'back') say(`${e.address} answers again`);
    else if (e.kind === 'discovered') say(`new node ${e.address}`);
  };
  const poller = new SnapshotPoller({
    seeds: addresses,
    outDir: o.outDir,
    intervalMs: o.intervalMs,
    timeoutMs: Math.min(500, Math.max(100, o.intervalMs)),
    infoReplication: true,
    onceCommands: [['CONFIG', 'GET', 'cluster-node-timeout']],
    connection: o.connection,
    onEvent,
  });
  let probe: Probe | null = null;
  let faultClient: NodeClient | null = null;
  const considered = new Set<Address>();
  try {
    await poller.start();
    probe = await Probe.create({ seeds: addresses, intervalMs: 50, timeoutMs: 250, connection: o.connection }).catch((err: Error) => {
      throw new ConfigError(`cannot start the probe: ${err.message}`);
    });
    const activeProbe = probe;
    await probe.start();
    const slots = probe.targets.map((t) => t.slot);
    for (const a of addresses) if ((await admin.view(a)) !== null) considered.add(a);
    say(`capturing ${considered.size} nodes; probing ${probe.targets.map((t) => t.slots).join(' | ')}`);
    await sleep(baselineMs);
    const healthyBy = Date.now() + 15_000;
    let before: string | null = 'not checked';
    while (Date.now() < healthyBy && !o.signal?.aborted) {
      before = activeProbe.healthy(5) ? (await settledProblem(admin, considered, slots)).problem : 'probe writes fail';
      if (before === null) break;
      await sleep(200);
    }
    if (o.signal?.aborted) throw new ConfigError('interrupted before the fault; nothing was done');
    if (before !== null) throw new ConfigError(`the cluster is not healthy before the drill (${before}); nothing was done`);

    // ---- the fault ----
    faultClient = createNodeClient(plan.actOn.address, { commandTimeoutMs: 5000, reconnectDelayMs: 1000, connection: o.connection });
    await waitReady(faultClient, 2000);
    const faultAt = Date.now();
    say(`${plan.command.join(' ')} → ${plan.actOn.address}`);
    const reply = faultClient.redis.call(plan.command[0], ...plan.command.slice(1));
    if (plan.fault === 'segfault' || plan.fault === 'pause') {
      // No reply comes before the crash / the end of the sleep; nobody waits for it.
      reply.catch(() => {});
    } else {
      const r = await reply.catch((err: Error) => err);
      if (r instanceof Error) throw new DrillError(`${plan.actOn.address} refused ${plan.command.join(' ')}: ${r.message}`);
    }
    const action: TruthAction = {
      at: formatUtc(faultAt),
      action: plan.action,
      ...(plan.args ? { args: plan.args } : {}),
      target: { port: plan.actOn.port, id: plan.actOn.id, address: plan.actOn.address },
    };

    // ---- recovery ----
    const deadline = faultAt + o.recoveryTimeoutMs;
    const pauseEnd = plan.pauseMs !== null ? faultAt + plan.pauseMs : null;
    let problem: string | null = 'not checked';
    let lastSaid: string | null = null;
    let views = new Map<Address, View>();
    while (!o.signal?.aborted) {
      for (const p of poller.polled()) if (p.aliasOf === null && p.firstAnsweredAt !== null) considered.add(p.address);
      problem = await recoveryProblem();
      if (problem === null) break;
      if (problem !== lastSaid && Date.now() - faultAt > 1000) {
        say(`waiting: ${problem}`);
        lastSaid = problem;
      }
      if (Date.now() >= deadline) break;
      await sleep(200);
    }
    if (o.signal?.aborted && problem !== null) problem = 'interrupted';
    const recovered = problem === null;
    const recoveredAt = recovered ? Date.now() : null;
    say(
      recovered
        ? `recovered after ${formatMs(recoveredAt! - faultAt)}`
        : `NOT recovered within ${formatMs(o.recoveryTimeoutMs)}: ${problem}`,
    );
    if (recovered && !o.signal?.aborted) await sleep(tailMs);

    async function recoveryProblem(): Promise<string | null> {
      if (!activeProbe.healthy(5)) return 'probe writes still fail';
      if (pauseEnd !== null && Date.now() < pauseEnd + 200) return `${plan.target.address} is paused`;
      const s = await settledProblem(admin, considered, slots);
      views = s.views;
      if (s.problem) return s.problem;
      if (plan.fault === 'pause' && !views.has(plan.target.address)) return `${plan.target.address} does not answer after its pause`;
      if (plan.fault === 'failover' || plan.fault === 'takeover' || plan.fault === 'force') {
        const v = views.get(plan.actOn.address);
        const me = v ? myselfOf(v.nodes) : undefined;
        if (!me || !isMaster(me)) return `${plan.actOn.address} is not master yet`;
      }
      return null;
    }

    await probe.stop();
    await poller.stop();
    faultClient.redis.disconnect(false);
    faultClient = null;

    // ---- truth ----
    let finalFrom: Address | null = null;
    let finalText: string | null = null;
    for (const a of [plan.seed, ...considered]) {
      try {
        finalText = String(await admin.client(a).redis.call('CLUSTER', 'NODES'));
        finalFrom = a;
        break;
      } catch {
        /* next */
      }
    }
    const finalNodes = finalText ? parseClusterNodesText(finalText) : [];
    for (const n of finalNodes) if (!idByAddress.has(n.address)) idByAddress.set(n.address, n.id);
    const promotions: DrillExpectation['promotions'] = [];
    if (finalNodes.length > 0)
      for (const m of plan.nodes.filter((n) => isMaster(n) && n.slots.length > 0)) {
        const now = ownerOf(finalNodes, m.slots[0].start);
        if (now && now.id !== m.id) promotions.push({ oldMaster: m.id, newMaster: now.id });
      }
    const truth: DrillTruth = {
      scenario: `drill-${plan.fault}`,
      description: `failscope drill: ${plan.command.join(' ')} on ${plan.actOn.address} (target ${plan.target.address}).`,
      redisVersion: o.redisVersion ?? null,
      nodeTimeoutMs: plan.nodeTimeoutMs,
      nodes: truthNodes(plan.nodes),
      actions: [action],
      processes: [],
      probe: probeTruth(probe, (a) => idByAddress.get(a) ?? ''),
      clusterDown: clusterDownTruth(probe),
      finalNodes: truthNodes(finalNodes),
      finalTopologyFrom: finalFrom ? splitAddress(finalFrom).port : null,
      finalTopology: finalText,
      drill: {
        fault: plan.fault,
        seed: plan.seed,
        target: plan.target.address,
        actOn: plan.actOn.address,
        recovered,
        recoveryMs: recoveredAt === null ? null : recoveredAt - faultAt,
        problem,
      },
    };
    return { truth, recovered, problem, faultAt, polled: poller.polled(), expectation: { kind: plan.expectedKind, promotions } };
  } finally {
    if (faultClient) faultClient.redis.disconnect(false);
    await probe?.stop().catch(() => {});
    await poller.stop().catch(() => {});
    admin.close();
  }
}

/** The drill could not do what it planned (e.g. CLUSTER FAILOVER refused): exit 1, the cluster may have changed. */
export class DrillError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DrillError';
  }
}

function waitReady(c: NodeClient, timeoutMs: number): Promise<void> {
  if (c.redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onReady = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      c.redis.removeListener('ready', onReady);
      reject(new ConfigError(`${c.address}: ${c.lastConnError ?? 'no connection'} — nothing was done`));
    }, timeoutMs);
    c.redis.once('ready', onReady);
  });
}
