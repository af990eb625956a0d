// groupClusters: inputs grouped into clusters by node identity.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { TimelineEvent } from '../../src/model/events.ts';
import type { ParsedSource } from '../../src/model/parsed.ts';
import { groupClusters } from '../../src/timeline/clusters.ts';
import { scanText } from '../helpers/scan-snapshots.ts';

function source(name: string, text: string, extra: TimelineEvent[] = []): ParsedSource {
  const r = scanText(text, name);
  return {
    source: name,
    kind: 'snapshot',
    events: [...extra, ...r.events].sort((a, b) => a.line - b.line),
    snapshots: r.snapshots,
    counts: { lines: 0, understood: 0, ignored: 0, unknown: 0 },
    diagnostics: [],
  };
}

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const D = 'd'.repeat(40);
const E = 'e'.repeat(40);
const nodesLine = (id: string, port: number, flags: string, pong: number, slots = '') =>
  `${id} 127.0.0.1:${port}@1${port} ${flags} - 0 ${pong} 1 connected ${slots}`.trimEnd();
const logEvent = (over: Partial<TimelineEvent>): TimelineEvent => ({
  at: 0,
  node: null,
  kind: 'log.other',
  fields: {},
  text: '',
  source: 'x.log',
  line: 1,
  ...over,
});

describe('groupClusters', () => {
  test('the seed document holds two clusters, labelled by first time', () => {
    const seed = source(
      'seed.md',
      readFileSync(new URL('../../fixtures/grammars/markdown/seed-document/input.md', import.meta.url), 'utf8'),
    );
    const groups = groupClusters([seed]);
    expect(groups.map((g) => [g.id, g.nodeIds.length, g.snapshots.map((s) => s.line)])).toEqual([
      ['cluster-1', 3, [59, 78, 113]],
      ['cluster-2', 6, [178, 203]],
    ]);
    expect(groups[0].nodeIds).toEqual([
      '027a002ecc012b61a5997f151ad01bccbb65d1c0',
      '3c349984f0bb61490c170ab68f2617a35d9581d6',
      '79816979a6dd4b226e476121dd385ed6c25e5151',
    ]);
    // redis-cli lines name no node: they join the cluster nearest in time in their source.
    const lines = (i: number) => groups[i].events.filter((e) => e.kind.startsWith('client.')).map((e) => e.line);
    expect(lines(0)).toEqual([32, 33, 55, 56, 58, 77, 112, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132]);
    expect(lines(1)).toEqual([177, 202]);
    // Every event of the input is in exactly one group, as the very same object.
    const all = groups.flatMap((g) => g.events);
    expect(new Set(all).size).toBe(seed.events.length);
    for (const e of all) expect(seed.events).toContain(e);
  });

  test('ids named together by a log event join clusters seen in different sources', () => {
    const snap1 = source('n1.txt', [nodesLine(A, 7000, 'myself,master', 1000, '0-16383'), nodesLine(B, 7001, 'master', 1000)].join('\n'));
    const snap2 = source('n2.txt', [nodesLine(C, 7002, 'myself,master', 2000, '0-16383'), nodesLine(D, 7003, 'master', 2000)].join('\n'));
    const log: ParsedSource = {
      ...source('b.log', ''),
      events: [logEvent({ at: 1500, node: B, kind: 'cluster.fail-received', fields: { sender: B, subject: C }, source: 'b.log' })],
    };
    const groups = groupClusters([snap1, snap2, log]);
    expect(groups.map((g) => g.nodeIds)).toEqual([[A, B, C, D]]);
    expect(groups[0].events.map((e) => e.source)).toEqual(['n1.txt', 'n2.txt', 'b.log']);
  });

  test('separate clusters stay apart, ordered by their first time whatever the input order', () => {
    const late = source('late.txt', nodesLine(A, 7000, 'myself,master', 9000, '0-16383'));
    const early = source('early.txt', nodesLine(C, 7000, 'myself,master', 1000, '0-16383'));
    const groups = groupClusters([late, early]);
    expect(groups.map((g) => [g.id, g.nodeIds])).toEqual([
      ['cluster-1', [C]],
      ['cluster-2', [A]],
    ]);
  });

  test('an event naming no node joins the only cluster when its source has nothing else; with two clusters, none', () => {
    const one = source('n.txt', nodesLine(A, 7000, 'myself,master', 1000, '0-16383'));
    const lonely: ParsedSource = { ...source('t.txt', ''), events: [logEvent({ source: 't.txt', kind: 'client.command' })] };
    expect(groupClusters([one, lonely])[0].events.map((e) => e.source)).toEqual(['n.txt', 't.txt']);
    const two = source('m.txt', nodesLine(E, 7000, 'myself,master', 5000, '0-16383'));
    const groups = groupClusters([one, two, lonely]);
    expect(groups.flatMap((g) => g.events.map((e) => e.source))).not.toContain('t.txt');
  });

  test('pure: inputs untouched, same result twice', () => {
    const seed = source(
      'seed.md',
      readFileSync(new URL('../../fixtures/grammars/markdown/seed-document/input.md', import.meta.url), 'utf8'),
    );
    const before = JSON.stringify(seed);
    const a = groupClusters([seed]);
    const b = groupClusters([seed]);
    expect(JSON.stringify(seed)).toBe(before);
    expect(b.map((g) => [g.id, g.nodeIds, g.events.length, g.snapshots.length])).toEqual(
      a.map((g) => [g.id, g.nodeIds, g.events.length, g.snapshots.length]),
    );
  });
});
