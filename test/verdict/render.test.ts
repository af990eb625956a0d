import { describe, expect, it } from 'vitest';
import { analyzeCommand } from '../../src/commands/analyze.ts';
import { ConfigError } from '../../src/model/diagnostic.ts';
import { renderAnalysisJson } from '../../src/report/analysis-json.ts';
import { renderAnalysisMarkdown } from '../../src/report/analysis-markdown.ts';
import { renderAnalysisText } from '../../src/report/analysis-text.ts';
import { analyzeTimeline } from '../../src/pipeline.ts';
import { resetLines, timelineOf } from '../helpers/hand-timeline.ts';
import { masterKilled } from '../helpers/scenarios.ts';

function analysis() {
  resetLines();
  return analyzeTimeline(timelineOf(masterKilled()), { nodeTimeoutMs: 2000 });
}

describe('analysis renderers', () => {
  it('json: byte-identical for the same input, schema fields first, round-trips', () => {
    const a = renderAnalysisJson(analysis());
    const b = renderAnalysisJson(analysis());
    expect(a).toBe(b);
    const parsed = JSON.parse(a);
    expect(Object.keys(parsed).slice(0, 2)).toEqual(['schemaVersion', 'verdict']);
    expect(parsed.schemaVersion).toBe(1);
    expect(
      Object.keys(parsed.failovers[0])
        .filter((k) => !/^(old|new)Master(Address|Source)$/.test(k))
        .slice(0, 6),
    ).toEqual(['cluster', 'kind', 'oldMaster', 'newMaster', 'epoch', 'slots']);
    // issue #17: each master's address and log file sit beside its id
    expect(Object.keys(parsed.failovers[0]).slice(2, 8)).toEqual([
      'oldMaster',
      'oldMasterAddress',
      'oldMasterSource',
      'newMaster',
      'newMasterAddress',
      'newMasterSource',
    ]);
    for (const k of ['nodes', 'failovers', 'outages', 'findings', 'inputs', 'verdict']) expect(parsed).toHaveProperty(k);
    expect(parsed.failovers[0].timingsMs).toMatchObject({ detection: 2499, election: 5, unavailable: 3214 });
    expect(a.endsWith('}\n')).toBe(true);
  });

  it('text: verdict, story, phases, what clients saw, findings with file:line', () => {
    const t = renderAnalysisText(analysis());
    expect(t.split('\n')[0]).toBe('Verdict: PASS (0 errors, 2 warnings)');
    expect(t).toContain('Node timeout: 2000 ms (from --node-timeout)');
    expect(t).toMatch(/automatic: aaaaaaaa \(127\.0\.0\.1:7000\) -> dddddddd \(127\.0\.0\.1:7003\), slots 0-5460, epoch 7/);
    expect(t).toMatch(/FAIL\s+12:00:12\.500\s+\(\+2\.499 s\)/);
    expect(t).toMatch(/election\s+12:00:13\.210 .*rank #0, offset 1000, 2 votes granted \(2 needed\)/);
    expect(t).toMatch(/whole cluster \(CLUSTERDOWN\)\s+12:00:12\.501 -> 12:00:13\.217\s+716 ms/);
    expect(t).toMatch(/WARNING node\.crashed/);
    expect(t).toMatch(/evidence: node-7000\.log:\d+/);
    // Errors before warnings before infos.
    expect(t.indexOf('WARNING')).toBeLessThan(t.indexOf('INFO'));
  });

  it('markdown: headings and tables', () => {
    const m = renderAnalysisMarkdown(analysis());
    expect(m).toContain('# Redis Cluster incident analysis');
    expect(m).toContain('## cluster-1');
    expect(m).toContain('| kind | old master | new master |');
    expect(m).toMatch(/\| automatic \| aaaaaaaa \(127\.0\.0\.1:7000\) \| dddddddd \(127\.0\.0\.1:7003\) \| 7 \| 0-5460 \|/);
    expect(m).toContain('- `node.crashed`');
  });
});

describe('analyzeCommand', () => {
  it('exits 1 when the verdict fails, 0 when it passes', async () => {
    const fail = await analyzeCommand(['fixtures/incidents/shard-lost'], { format: 'text', tz: 'UTC' });
    expect(fail.exitCode).toBe(1);
    // Every format comes in pieces (chunks), never as one string.
    expect(fail.stdout + [...(fail.chunks ?? [])].join('')).toContain('failover.blocked.shard-lost');
    const pass = await analyzeCommand(['fixtures/incidents/master-sigkill'], { format: 'json', tz: 'UTC', nodeTimeout: 2000 });
    expect(pass.exitCode).toBe(0);
    expect(JSON.parse(pass.stdout + [...(pass.chunks ?? [])].join('')).nodeTimeout).toEqual({ ms: 2000, from: 'option' });
  });

  it('refuses an unknown format or a bad node timeout as a ConfigError', async () => {
    await expect(analyzeCommand(['x'], { format: 'yaml', tz: 'UTC' })).rejects.toBeInstanceOf(ConfigError);
    await expect(analyzeCommand(['x'], { format: 'text', tz: 'UTC', nodeTimeout: -3 })).rejects.toBeInstanceOf(ConfigError);
  });
});
