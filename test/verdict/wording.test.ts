// issue #17: addresses and log files beside node ids in the JSON; sentences that read as English.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeTimeline } from '../../src/pipeline.ts';
import { fromText } from '../../src/verdict/messages.ts';
import { loadTimeline } from '../../src/pipeline.ts';
import { renderAnalysisJson } from '../../src/report/analysis-json.ts';
import type { AnalysisV1 } from '../../src/model/analysis.ts';

const FAULT_FROM = [
  'crash-report',
  'shutdown-request',
  'exit',
  'link-lost',
  'master-lost-replica',
  'replica-link-refused',
  'unanswered-ping',
  'last-sign-of-life',
  'fail-mark',
  'manual-request',
  'master-paused',
  'election-start',
  'promotion',
  'unknown',
];

/**
 * The forced failover's winner's log up to its win: no FAIL before the election, so nothing in it
 * names the master it replaced (the full log names it later, in "Clear FAIL state … master without
 * slots").
 */
function winnerUpToWin(): string {
  const lines = readFileSync('fixtures/incidents/force-failover/node-7004.log', 'utf8').split('\n');
  const won = lines.findIndex((l) => l.includes('Failover election won'));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'failscope-wording-'));
  const file = path.join(dir, 'node-7004.log');
  writeFileSync(file, `${lines.slice(0, won + 1).join('\n')}\n`);
  return file;
}

async function analyze(paths: string[]): Promise<AnalysisV1> {
  return analyzeTimeline(await loadTimeline(paths, { zone: 'UTC' }), { nodeTimeoutMs: 2000 });
}

describe('JSON: addresses and log files beside node ids (schema v1, additive)', () => {
  it('master-sigkill: 7001 failed over to 7004; every vote names its voter’s address and log', async () => {
    const dir = 'fixtures/incidents/master-sigkill';
    const a = JSON.parse(renderAnalysisJson(await analyze([dir]))) as AnalysisV1;
    expect(a.schemaVersion).toBe(1);
    const [f] = a.failovers;
    expect([f.oldMasterAddress, f.oldMasterSource]).toEqual(['127.0.0.1:7001', `${dir}/node-7001.log`]);
    expect([f.newMasterAddress, f.newMasterSource]).toEqual(['127.0.0.1:7004', `${dir}/node-7004.log`]);
    expect(f.votes!.length).toBeGreaterThan(0);
    for (const v of f.votes!) {
      const port = v.voterAddress!.split(':')[1];
      expect(['7000', '7002']).toContain(port); // the other two masters of the 3+3 cluster
      expect(v.voterSource).toBe(`${dir}/node-${port}.log`);
    }
    // the keys sit beside the id they describe
    const keys = Object.keys(f);
    expect(keys.slice(keys.indexOf('oldMaster'), keys.indexOf('oldMaster') + 6)).toEqual([
      'oldMaster',
      'oldMasterAddress',
      'oldMasterSource',
      'newMaster',
      'newMasterAddress',
      'newMasterSource',
    ]);
  });

  // The forced failover seen from the new master's log alone: its old master is never named there.
  it('an unknown old master has null address and source', async () => {
    const file = winnerUpToWin();
    const a = await analyze([file]);
    expect(a.failovers[0].oldMaster).toBeNull();
    expect([a.failovers[0].oldMasterAddress, a.failovers[0].oldMasterSource]).toEqual([null, null]);
    expect(a.failovers[0].newMasterSource).toBe(file);
  });
});

describe('wording', () => {
  it('“(from …)” never nests parentheses', () => {
    for (const f of FAULT_FROM) expect(`(from ${fromText(f)})`).toMatch(/^\(from [^()]*\)$/);
  });

  it('issue #17 – “Master an unknown node went down” reads “An unknown master …”', async () => {
    const a = await analyze([winnerUpToWin()]);
    const story = a.clusters[0].story;
    expect(story).toContain('An unknown master went down');
    expect(story).not.toMatch(/Master an unknown/);
    expect(story).not.toMatch(/\(from [^()]*\(/);
  });
});
