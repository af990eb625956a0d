// A real 3 masters + 3 replicas cluster of redis-server on 127.0.0.1 for the drill tests: 6 free ports
// found at run time (test/helpers/ports.ts; `pinned` fixes the base), node timeout 1000 ms, created
// before the suite and stopped after it.
import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCluster } from '../../src/live/local-cluster.ts';
import { isMaster } from '../../src/live/cluster-view.ts';
import { freePortBlock } from './ports.ts';

export const DRILL_NODE_TIMEOUT = 1000;

export interface DrillCluster {
  dir: string;
  ports: number[];
  cluster: LocalCluster;
  /** The port of the node that serves `slot` now (as the first running node sees it). */
  masterOf(slot: number): Promise<number>;
}

/** Call at the top of a describe block: the cluster is up in its beforeAll and gone after its afterAll. */
export async function drillCluster(prefix: string, pinned?: string): Promise<DrillCluster> {
  const base = await freePortBlock(6, pinned);
  const ports = [0, 1, 2, 3, 4, 5].map((i) => base + i);
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const cluster = new LocalCluster({ baseDir: path.join(dir, 'nodes'), ports, nodeTimeoutMs: DRILL_NODE_TIMEOUT });
  beforeAll(async () => {
    await cluster.prepare();
    await cluster.startAll();
    await cluster.createCluster({
      masters: ports.slice(0, 3),
      replicas: ports.slice(3).map((p, i) => ({ port: p, masterPort: ports[i] })),
    });
  }, 120_000);
  afterAll(async () => {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
  return {
    dir,
    ports,
    cluster,
    async masterOf(slot: number): Promise<number> {
      const nodes = await cluster.clusterNodes(cluster.runningPorts()[0]);
      const m = nodes.find((n) => isMaster(n) && n.slots.some((r) => slot >= r.start && slot <= r.end));
      if (!m) throw new Error(`nobody serves ${slot}`);
      return m.port;
    },
  };
}
