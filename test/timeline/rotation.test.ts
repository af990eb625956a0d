// A rotated log is one log: where the live file's first line carries the same stamp as the last line
// of `.1` (logrotate ran between two writes of one millisecond), the merged timeline keeps the
// writing order, oldest file first, though `redis.log` sorts before `redis.log.1` by name.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { loadTimeline } from '../../src/pipeline.ts';

const dir = mkdtempSync(join(tmpdir(), 'failscope-rotation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('equal stamps across a rotation keep the order the lines were written', async () => {
  const id = 'aeb48d83aa2f92d6cab671d1afee8dcbbf4cd7d3';
  const master = '1963c6f1c90379336fad32b841065bfce87b8078';
  writeFileSync(
    join(dir, 'redis.log.1'),
    [
      `29251:M 25 Nov 2026 13:24:56.258 * Node configuration loaded, I'm ${id}`,
      `29251:M 25 Nov 2026 13:24:56.282 # Configuration change detected. Reconfiguring myself as a replica of ${master}`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'redis.log'),
    [
      '29251:S 25 Nov 2026 13:24:56.282 * Connecting to MASTER 127.0.0.1:7004',
      '29251:S 25 Nov 2026 13:24:56.282 # Cluster state changed: ok',
      '',
    ].join('\n'),
  );
  const t = await loadTimeline([dir], { zone: 'UTC' });
  const order = t.events.map((e) => `${e.source.slice(dir.length + 1)}:${e.line} ${e.kind}`);
  expect(order).toEqual([
    'redis.log.1:1 node.identity',
    'redis.log.1:2 role.replica-of',
    'redis.log:1 repl.connecting',
    'redis.log:2 cluster.state',
  ]);
  expect(t.events.every((e) => e.node === id)).toBe(true);
});
