// "configEpoch set to N after successful failover" is logged by the winner alone, right after
// "Failover election won" (redis src/cluster.c clusterHandleSlaveFailover). A winner's log without the
// won line (cut, or filtered by a grep) must still name it as the new master: the id truth.json gives
// for that log's port. Every recording whose winner logged both lines is a case.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyzeTimeline, loadTimeline } from '../../src/pipeline.ts';
import { inLane } from '../helpers/lane.ts';

interface Truth {
  nodeTimeoutMs: number;
  nodes: Array<{ port: number; id: string }>;
}

const WON = /Failover election won/;
const EPOCH_AFTER = /configEpoch set to \d+ after successful failover/;

function recordings(): string[] {
  const out = readdirSync('fixtures/incidents')
    .sort()
    .map((n) => join('fixtures/incidents', n));
  for (const label of readdirSync('fixtures/versions').sort())
    for (const scenario of readdirSync(join('fixtures/versions', label)).sort())
      if (inLane(label, scenario)) out.push(join('fixtures/versions', label, scenario));
  return out.filter((d) => existsSync(join(d, 'truth.json')));
}

const cases: Array<{ dir: string; log: string; id: string; nodeTimeoutMs: number }> = [];
for (const dir of recordings()) {
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth;
  for (const f of readdirSync(dir).sort()) {
    const m = /^node-(\d+)\.log$/.exec(f);
    if (!m) continue;
    const text = readFileSync(join(dir, f), 'utf8');
    const id = truth.nodes.find((n) => n.port === Number(m[1]))?.id;
    if (id && WON.test(text) && EPOCH_AFTER.test(text)) cases.push({ dir, log: f, id, nodeTimeoutMs: truth.nodeTimeoutMs });
  }
}

describe('a winner whose log lacks the "election won" line', () => {
  test('there are such recordings', () => expect(cases.length).toBeGreaterThan(3));
  test.each(cases)('$dir/$log: still the new master', async ({ dir, log, id, nodeTimeoutMs }) => {
    const lines = readFileSync(join(dir, log), 'utf8').split('\n');
    const cut = lines.filter((l) => !WON.test(l)).join('\n');
    const tmp = mkdtempSync(join(tmpdir(), 'failscope-winner-'));
    try {
      writeFileSync(join(tmp, log), cut);
      const analysis = analyzeTimeline(await loadTimeline([join(tmp, log)], { year: 2026 }), { nodeTimeoutMs });
      expect(analysis.failovers.map((f) => f.newMaster)).toContain(id);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
