// Every snapshot grammar parses its own samples, refuses the other grammars' samples where the languages do
// not overlap, and never throws on random or mutated lines (fast-check).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { clusterInfoSamples, parseClusterInfoLine } from '../../grammars/cluster-info/index.ts';
import { clusterNodesSamples, parseClusterNodesLine } from '../../grammars/cluster-nodes/index.ts';
import { clusterShardsSamples, parseClusterShardsLine } from '../../grammars/cluster-shards/index.ts';
import { clusterCheckSamples, parseClusterCheckLine } from '../../grammars/cluster-check/index.ts';
import { parseRedisCliLine, redisCliSamples } from '../../grammars/redis-cli/index.ts';
import { readCliLine } from '../../src/parse/snapshot/cli-line.ts';
import { readInfoLine } from '../../src/parse/snapshot/info-line.ts';
import { readNestedLine } from '../../src/parse/snapshot/nested-reply.ts';
import { readClusterNodesLine } from '../../src/parse/snapshot/nodes-line.ts';
import { createSnapshotScanner } from '../../src/parse/snapshot-scanner.ts';

type Parse = (text: string) => { cst: unknown; lexErrors: unknown[]; parseErrors: unknown[] };
const grammars: Record<string, { parse: Parse; samples: Record<string, string> }> = {
  'cluster-nodes': { parse: parseClusterNodesLine, samples: clusterNodesSamples },
  'cluster-info': { parse: parseClusterInfoLine, samples: clusterInfoSamples },
  'cluster-shards': { parse: parseClusterShardsLine, samples: clusterShardsSamples },
  'cluster-check': { parse: parseClusterCheckLine, samples: clusterCheckSamples },
  'redis-cli': { parse: parseRedisCliLine, samples: redisCliSamples },
};
const ok = (r: ReturnType<Parse>) => r.cst !== undefined && r.lexErrors.length === 0 && r.parseErrors.length === 0;

describe('samples', () => {
  for (const [name, g] of Object.entries(grammars))
    test(`${name} parses each of its samples`, () => {
      for (const [variant, line] of Object.entries(g.samples)) expect({ variant, ok: ok(g.parse(line)) }).toEqual({ variant, ok: true });
    });

  // Designed overlaps (grammars accept a superset; the scanner decides by context and order):
  // a one-level `N) value` item is both a flat CONFIG GET item and a nested-reply line, and cluster-info's
  // `key:value` also reads redis-cli's `Error: …` (the scanner asks the redis-cli grammar first).
  const overlaps = new Set([
    'cluster-info:config-get-key>cluster-shards',
    'cluster-info:config-get-value>cluster-shards',
    'cluster-info:config-get-empty>cluster-shards',
    'cluster-shards:resp2-integer>cluster-info',
    'cluster-shards:resp2-right-aligned>cluster-info',
    'cluster-shards:empty-array>cluster-info',
    'cluster-shards:old-empty>cluster-info',
    'redis-cli:client-error-seed>cluster-info',
    // `M: <id> <addr>` and `slots:[…] (n slots) master` read as key:value too (the scanner asks cluster-check first)
    'cluster-check:failing-master>cluster-info',
    'cluster-check:hostname>cluster-info',
    'cluster-check:master-slots>cluster-info',
    'cluster-check:master-split-slots>cluster-info',
    'cluster-check:master>cluster-info',
    'cluster-check:replica-slots>cluster-info',
    'cluster-check:replica>cluster-info',
  ]);
  test('no sample is taken by another grammar, except the designed overlaps', () => {
    const taken: string[] = [];
    for (const [from, g] of Object.entries(grammars))
      for (const [variant, line] of Object.entries(g.samples))
        for (const [to, other] of Object.entries(grammars))
          if (to !== from && ok(other.parse(line))) taken.push(`${from}:${variant}>${to}`);
    expect(taken.filter((t) => !overlaps.has(t))).toEqual([]);
  });

  test('samples become the values the visitors promise', () => {
    const node = readClusterNodesLine(clusterNodesSamples['redis-7.0-migrating'], 9);
    expect(node).toMatchObject({
      kind: 'node',
      entry: {
        id: 'abba935e75ba88e0a80df9116babbccd8eb455b3',
        address: '127.0.0.1:7400',
        busPort: 17400,
        flags: ['myself', 'master'],
        masterId: null,
        configEpoch: 1,
        slots: [{ start: 0, end: 5460 }],
        openSlots: [{ slot: 100, direction: 'migrating', peer: '4cdd140a459dbd23ffc97bdaaa7e77b0cec6265a' }],
        line: 9,
      },
    });
    expect(readClusterNodesLine(clusterNodesSamples['redis-3.0-no-cport'], 1)).toMatchObject({
      kind: 'node',
      entry: { address: '127.0.0.1:30004', busPort: null, flags: ['slave'] },
    });
    expect(readClusterNodesLine(clusterNodesSamples['redis-7.2-nodes-conf-aux'], 1)).toMatchObject({
      kind: 'node',
      entry: { address: '127.0.0.1:7400', hostname: null },
    });
    expect(readClusterNodesLine(clusterNodesSamples['redis-7.0-hostname'], 1)).toMatchObject({
      kind: 'node',
      entry: { hostname: 'node-c.example' },
    });
    expect(readClusterNodesLine(clusterNodesSamples['nodes-conf-vars'], 1)).toEqual({
      kind: 'vars',
      vars: { currentEpoch: 7, lastVoteEpoch: 0 },
    });
    expect(readInfoLine(clusterInfoSamples['replica-entry'])).toEqual({
      kind: 'field',
      key: 'slave0',
      value: 'ip=127.0.0.1,port=7403,state=online,offset=14,lag=0',
    });
    expect(readInfoLine(clusterInfoSamples['config-get-value'])).toEqual({
      kind: 'item',
      index: 8,
      value: { type: 'string', value: '3000' },
    });
    expect(readCliLine(redisCliSamples['redirect-seed'])).toEqual({ kind: 'redirect', slot: 15495, address: '127.0.0.1:7003' });
    expect(readCliLine(redisCliSamples['prompt-db'])).toEqual({ kind: 'prompt', address: '127.0.0.1:7001', db: 1, command: 'get a' });
    expect(readCliLine(redisCliSamples['error-raw'])).toEqual({
      kind: 'error',
      code: 'CLUSTERDOWN',
      message: 'CLUSTERDOWN The cluster is down',
    });
    expect(readNestedLine(clusterShardsSamples['resp2-right-aligned'])).toEqual({
      markers: [{ endCol: 11, index: 10, type: 'array' }],
      value: { type: 'string', value: 'master' },
    });
  });
});

/** A sample with random edits: deletions, insertions and replacements of characters. */
const mutated = (samples: string[]) =>
  fc
    .tuple(
      fc.constantFrom(...samples),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom('del', 'ins', 'rep'), fc.string({ minLength: 1, maxLength: 3 })), { maxLength: 6 }),
    )
    .map(([line, edits]) => {
      let s = line;
      for (const [pos, op, text] of edits) {
        const i = s.length === 0 ? 0 : pos % s.length;
        s =
          op === 'del'
            ? s.slice(0, i) + s.slice(i + 1)
            : op === 'ins'
              ? s.slice(0, i) + text + s.slice(i)
              : s.slice(0, i) + text + s.slice(i + 1);
      }
      return s;
    });

const allSamples = Object.values(grammars).flatMap((g) => Object.values(g.samples));
const anyLine = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 120 }), mutated(allSamples));

describe('property: random and mutated lines never throw', () => {
  for (const [name, g] of Object.entries(grammars))
    test(`${name} grammar`, () => {
      fc.assert(
        fc.property(anyLine, (line) => {
          const r = g.parse(line);
          expect(Array.isArray(r.lexErrors) && Array.isArray(r.parseErrors)).toBe(true);
        }),
        { numRuns: 400 },
      );
    });

  test('visitors', () => {
    fc.assert(
      fc.property(anyLine, (line) => {
        const n = readClusterNodesLine(line, 1);
        expect(['node', 'vars', 'error']).toContain(n.kind);
        readInfoLine(line);
        readNestedLine(line);
        readCliLine(line);
      }),
      { numRuns: 400 },
    );
  });

  test('scanner: every fed line gets an answer, finish() always returns', () => {
    fc.assert(
      fc.property(fc.array(anyLine, { maxLength: 30 }), fc.boolean(), (lines, markdown) => {
        const scanner = createSnapshotScanner('random.txt', { zone: 'UTC' }, { markdown });
        lines.forEach((l, i) =>
          expect(['understood', 'ignored', null]).toContain(scanner.feed(l, i + 1, i % 7 === 3 ? 1_700_000_000_000 + i : null)),
        );
        const out = scanner.finish();
        for (const s of out.snapshots) expect(s.line).toBeLessThanOrEqual(s.endLine);
        for (const e of out.events) expect(typeof e.at).toBe('number');
      }),
      { numRuns: 200 },
    );
  });
});
