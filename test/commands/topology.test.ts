// `failscope topology` end to end (ingest → parse → timeline → topology), through topologyCommand.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { topologyCommand } from '../../src/commands/topology.ts';
import { ConfigError, InputError } from '../../src/model/diagnostic.ts';

const SEED = 'fixtures/grammars/markdown/seed-document/input.md';
const opts = { format: 'text', tz: 'UTC' };

interface JsonReport {
  clusters: Array<{
    id: string;
    states: Array<{
      at: string;
      status: string;
      problems: Array<{ rule: string; severity: string; message: string; slots?: string; nodes: string[] }>;
      changes: Array<{ kind: string; message: string }>;
    }>;
    final: {
      at: string;
      status: string;
      nodes: Array<{
        id: string;
        address: string;
        role: string;
        masterId: string | null;
        configEpoch: number;
        slots: string;
        flags: string[];
      }>;
      problems: unknown[];
    } | null;
    against?: { source: string; changes: Array<{ kind: string; message: string }> };
  }>;
  result: { status: string; errors: number; warnings: number };
}
const json = async (paths: string[], extra: Record<string, unknown> = {}) => {
  const r = await topologyCommand(paths, { ...opts, format: 'json', ...extra });
  return { ...r, doc: JSON.parse(r.stdout) as JsonReport };
};

describe('topology of the seed document', () => {
  test('two clusters: 7002 failed with no replica, then healthy; then 102:7002 master at epoch 7 with 101:7001 its replica', async () => {
    const { doc, exitCode } = await json([SEED]);
    expect(exitCode).toBe(0);
    expect(doc.clusters.map((c) => c.id)).toEqual(['cluster-1', 'cluster-2']);

    const [c1, c2] = doc.clusters;
    expect(c1.states.map((s) => [s.at, s.status])).toEqual([
      ['2021-06-21T07:29:59.580Z', 'fail'],
      ['2021-06-21T07:32:47.224Z', 'ok'],
    ]);
    const failed = c1.states[0].problems.find((p) => p.rule === 'topology.slots-failed')!;
    expect(failed).toMatchObject({ severity: 'error', slots: '5461-10922', nodes: ['79816979a6dd4b226e476121dd385ed6c25e5151'] });
    expect(failed.message).toContain(
      '79816979 127.0.0.1:7002 is flagged fail by 027a002e 127.0.0.1:7001; it has no replica to take them over',
    );
    expect(c1.states[0].problems.map((p) => p.rule)).toContain('topology.cluster-state-fail');
    expect(c1.states[1].problems.every((p) => p.severity !== 'error')).toBe(true);
    expect(c1.states[1].changes.map((c) => c.message)).toEqual(['79816979 127.0.0.1:7002 no longer flagged fail']);
    expect(c1.final!.nodes.map((n) => [n.address, n.role, n.slots])).toEqual([
      ['127.0.0.1:7001', 'master', '0-5460'],
      ['127.0.0.1:7002', 'master', '5461-10922'],
      ['127.0.0.1:7003', 'master', '10923-16383'],
    ]);

    expect(c2.final!.status).toBe('ok');
    expect(c2.final!.problems).toEqual([]);
    const byAddr = new Map(c2.final!.nodes.map((n) => [n.address, n]));
    expect(byAddr.get('192.168.56.102:7002')).toMatchObject({
      id: '094af2ab1db0d147d7f475f3954429ae7d18dee0',
      role: 'master',
      configEpoch: 7,
      slots: '5461-10922',
    });
    expect(byAddr.get('192.168.56.101:7001')).toMatchObject({
      id: 'c952f5ef4783b5c19129bc630b88e8e3bf602622',
      role: 'replica',
      masterId: '094af2ab1db0d147d7f475f3954429ae7d18dee0',
    });
    expect(c2.states[1].changes.map((c) => c.message)).toEqual([
      'c952f5ef 192.168.56.101:7001: master → replica of 094af2ab 192.168.56.102:7002',
      'c952f5ef 192.168.56.101:7001 no longer flagged fail',
    ]);
  });

  test('text output: golden', async () => {
    const r = await topologyCommand([SEED], opts);
    await expect(r.stdout).toMatchFileSnapshot(new URL('../../fixtures/topology/seed-document/expected.txt', import.meta.url).pathname);
  });

  test('json output: golden, byte-identical on a second run', async () => {
    const a = await topologyCommand([SEED], { ...opts, format: 'json' });
    const b = await topologyCommand([SEED], { ...opts, format: 'json' });
    expect(b.stdout).toBe(a.stdout);
    await expect(a.stdout).toMatchFileSnapshot(new URL('../../fixtures/topology/seed-document/expected.json', import.meta.url).pathname);
  });

  test.skipIf(!existsSync('../shared/seed/redis-cluster-failover.original.md'))(
    'the seed as given: ../shared/seed/redis-cluster-failover.original.md',
    async () => {
      const { doc } = await json(['../shared/seed/redis-cluster-failover.original.md']);
      expect(doc.clusters).toHaveLength(2);
    },
  );

  test('--strict: the warnings of the final views (no replicas in cluster-1) fail the check', async () => {
    const r = await topologyCommand([SEED], { ...opts, strict: true });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('result: FAIL (0 errors, 3 warnings now)');
  });

  test('--at: the view at that time decides (cluster-1 still failed, cluster-2 not captured yet)', async () => {
    const { doc, exitCode } = await json([SEED], { at: '2021-06-21T07:30:00Z' });
    expect(exitCode).toBe(1);
    expect(doc.clusters.map((c) => [c.id, c.final?.status ?? null])).toEqual([
      ['cluster-1', 'fail'],
      ['cluster-2', null],
    ]);
    await expect(topologyCommand([SEED], { ...opts, at: '1999-01-01T00:00:00Z' })).rejects.toThrow(ConfigError);
    await expect(topologyCommand([SEED], { ...opts, at: 'yesterday' })).rejects.toThrow(ConfigError);
  });

  test('--against an earlier snapshot: who changed role, which slots moved, epochs that rose', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'failscope-topology-'));
    const earlier = join(dir, 'before.txt');
    // Cluster 2 before the failover: 101:7001 masters 5461-10922 at epoch 2, 102:7002 is its replica.
    writeFileSync(
      earlier,
      [
        '2021-06-23T07:40:00Z',
        '30a99d668af3ddda16e2a9d3ee97fb53a5ebfa6d 192.168.56.100:7002@17002 myself,slave 22110f4ea10f11a8cb6ea283dedfc27c6ffabc07 0 1624434000000 3 connected',
        '22110f4ea10f11a8cb6ea283dedfc27c6ffabc07 192.168.56.102:7001@17001 master - 0 1624434000000 3 connected 10923-16383',
        '094af2ab1db0d147d7f475f3954429ae7d18dee0 192.168.56.102:7002@17002 slave c952f5ef4783b5c19129bc630b88e8e3bf602622 0 1624434000000 2 connected',
        'c952f5ef4783b5c19129bc630b88e8e3bf602622 192.168.56.101:7001@17001 master - 0 1624434000000 2 connected 5461-10922',
        '5b56d458a0d8e64d5f40ece0a99713dcb9c70723 192.168.56.100:7001@17001 master - 0 1624434000000 1 connected 0-5460',
        'e0d9ee09b593889cd093d217a16a0b535e6abef2 192.168.56.101:7002@17002 slave 5b56d458a0d8e64d5f40ece0a99713dcb9c70723 0 1624434000000 1 connected',
        '',
      ].join('\n'),
    );
    const { doc } = await json([SEED], { against: earlier });
    expect(doc.clusters[0].against).toBeUndefined();
    expect(doc.clusters[1].against!.changes.map((c) => [c.kind, c.message])).toEqual([
      ['role', '094af2ab 192.168.56.102:7002: replica of c952f5ef 192.168.56.101:7001 → master'],
      ['epoch', '094af2ab 192.168.56.102:7002: config epoch 7 as the new master'],
      ['role', 'c952f5ef 192.168.56.101:7001: master → replica of 094af2ab 192.168.56.102:7002'],
      ['slots', 'slots 5461-10922 (5462 slots): c952f5ef 192.168.56.101:7001 → 094af2ab 192.168.56.102:7002'],
    ]);
    const text = await topologyCommand([SEED], { ...opts, against: earlier });
    expect(text.stdout).toContain(`  since ${earlier} (2021-06-23T07:40:00.000Z):`);
  });
});

describe('bad input', () => {
  test('no CLUSTER NODES snapshot in the inputs: InputError (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'failscope-topology-'));
    const file = join(dir, 'only-info.txt');
    writeFileSync(file, 'cluster_state:ok\ncluster_size:3\n');
    await expect(topologyCommand([file], opts)).rejects.toThrow(InputError);
    await expect(topologyCommand([SEED], { ...opts, against: file })).rejects.toThrow(InputError);
    await expect(topologyCommand([join(dir, 'missing.txt')], opts)).rejects.toThrow(InputError);
  });

  test('bad --format: ConfigError', async () => {
    await expect(topologyCommand([SEED], { ...opts, format: 'xml' })).rejects.toThrow(ConfigError);
  });
});

describe.skipIf(!existsSync('fixtures/incidents/seed1-no-replica-segfault'))('recorded incident (redis 7.0.15)', () => {
  test('seed1-no-replica-segfault: slots 5461-10922 down with no replica, then ok after the restart', async () => {
    const truth = JSON.parse(readFileSync('fixtures/incidents/seed1-no-replica-segfault/truth.json', 'utf8')) as {
      nodes: Array<{ port: number; id: string }>;
    };
    const victim = truth.nodes.find((n) => n.port === 7001)!.id;
    const { doc, exitCode } = await json(['fixtures/incidents/seed1-no-replica-segfault/']);
    expect(exitCode).toBe(0);
    expect(doc.clusters).toHaveLength(1);
    const [c] = doc.clusters;
    const down = c.states.find((s) => s.problems.some((p) => p.rule === 'topology.slots-failed'))!;
    expect(down.status).toBe('fail');
    expect(down.problems.find((p) => p.rule === 'topology.slots-failed')).toMatchObject({ slots: '5461-10922', nodes: [victim] });
    expect(down.problems.find((p) => p.rule === 'topology.slots-failed')!.message).toMatch(/it has no replica to take them over$/);
    expect(c.states[c.states.length - 1].status).toBe('ok');
    expect(c.final!.nodes.map((n) => [n.role, n.slots])).toEqual([
      ['master', '0-5460'],
      ['master', '5461-10922'],
      ['master', '10923-16383'],
    ]);
  });

  test('seed2-master-stop-promote: the replica is promoted and the old master rejoins as its replica', async () => {
    const { doc } = await json(['fixtures/incidents/seed2-master-stop-promote/']);
    const [c] = doc.clusters;
    const kinds = c.states.flatMap((s) => s.changes.map((x) => x.kind));
    expect(kinds).toEqual(expect.arrayContaining(['failed', 'role', 'epoch', 'slots']));
    const promoted = c.final!.nodes.find((n) => n.slots === '5461-10922')!;
    expect(c.final!.nodes.find((n) => n.role === 'replica' && n.masterId === promoted.id)).toBeDefined();
    expect(promoted.configEpoch).toBeGreaterThan(3);
  });
});
