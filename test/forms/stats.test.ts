// Issue 14: `timeline --stats` and the analysis name each form an input was read as.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { timelineCommand } from '../../src/commands/timeline.ts';
import { loadTimeline } from '../../src/pipeline.ts';
import { analyzeTimeline } from '../../src/pipeline.ts';

const dir = mkdtempSync(join(tmpdir(), 'failscope-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const line = (ms: number, msg: string) => `1:M 25 Nov 2026 13:24:4${ms} # ${msg}`;
writeFileSync(
  join(dir, 'compose.log'),
  [
    `redis-0-1  | 2026-11-25T13:24:40.000000000Z ${line(0, 'Cluster state changed: ok')}`,
    `redis-1-1  | ${line(1, 'Cluster state changed: fail')}`,
  ].join('\n'),
);
writeFileSync(
  join(dir, 'export.ndjson'),
  JSON.stringify({ '@timestamp': '2026-11-25T13:24:42.000Z', 'host.name': 'node-2', message: line(2, 'Cluster state changed: ok') }),
);

test('timeline --stats has a forms column naming each detected form', async () => {
  const r = await timelineCommand([dir], { format: 'text', stats: true, tz: 'UTC' });
  const out = [...r.chunks!].join('');
  const table = out.slice(out.lastIndexOf('\nsource') + 1).split('\n');
  expect(table[0]).toMatch(/^source\s+kind\s+lines\s+understood\s+ignored\s+unknown\s+forms$/);
  expect(table.find((l) => l.includes('compose.log'))).toMatch(/compose-log(\s+\d+){4}\s+compose,redis-v5$/);
  expect(table.find((l) => l.includes('export.ndjson'))).toMatch(/log-export(\s+\d+){4}\s+elasticsearch-ndjson,redis-v5$/);
});

test('the analysis inputs carry the same forms', async () => {
  const a = analyzeTimeline(await loadTimeline([dir], { zone: 'UTC' }));
  const by = Object.fromEntries(a.inputs.map((i) => [i.source.split('/').pop(), i.forms]));
  expect(by['compose.log']).toEqual(['compose', 'redis-v5']);
  expect(by['export.ndjson']).toEqual(['elasticsearch-ndjson', 'redis-v5']);
});
