import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/model/diagnostic.ts';
import { ExpectationsError, loadExpectations, parseExpectations } from '../../src/gate/load.ts';

const EXAMPLES = 'fixtures/expect/examples';
const INVALID = 'fixtures/expect/invalid';

function problems(text: string, file = 'e.json'): string[] {
  try {
    parseExpectations(text, file);
  } catch (err) {
    expect(err).toBeInstanceOf(ExpectationsError);
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ExpectationsError).problems;
  }
  throw new Error('expected the expectations to be rejected');
}

describe('loadExpectations', () => {
  it('loads every example file, JSON and YAML', () => {
    for (const f of readdirSync(EXAMPLES)) {
      const e = loadExpectations(join(EXAMPLES, f));
      expect(e.source).toBe(join(EXAMPLES, f));
      expect(e.blocks.length).toBeGreaterThan(0);
    }
  });

  it('normalises the kill-master example', () => {
    const e = loadExpectations(join(EXAMPLES, 'kill-master.expect.json'));
    expect(e.nodeTimeoutMs).toBe(5000);
    expect(e.blocks).toHaveLength(1);
    const b = e.blocks[0];
    expect(b.cluster).toEqual({ kind: 'all' });
    expect(b.failovers).toEqual({
      count: { min: 1, max: 1 },
      kinds: { automatic: { min: 1, max: 1 } },
      maxUnavailable: { kind: 'node-timeout', factor: 2, text: '2x node-timeout' },
      maxDetection: { kind: 'absolute', ms: 8000, text: '8s' },
      maxElection: { kind: 'absolute', ms: 1500, text: '1500ms' },
    });
    expect(b.mustEndAsMaster).toEqual([{ node: '127.0.0.1:7003', slots: '0-5460' }]);
    expect(b.maxClusterOutage).toEqual({ kind: 'absolute', ms: 3000, text: '3s' });
    expect(b.rules?.forbidden).toContain('failover.blocked.*');
  });

  it('reads per-cluster blocks from YAML', () => {
    const e = loadExpectations(join(EXAMPLES, 'two-clusters.expect.yaml'));
    expect(e.blocks.map((b) => [b.path, b.cluster])).toEqual([
      ['clusters[0]', { kind: 'ref', ref: 'cluster-1' }],
      ['clusters[1]', { kind: 'ref', ref: '192.168.56.101:7001' }],
    ]);
    expect(e.blocks[0].failovers?.count).toEqual({ min: 1, max: 1 });
    expect(e.blocks[0].failovers?.maxUnavailable).toEqual({ kind: 'absolute', ms: 10000, text: '10000ms' });
  });

  it('reads open count ranges and relative limits', () => {
    const e = loadExpectations(join(EXAMPLES, 'ranges.expect.yml'));
    const f = e.blocks[0].failovers!;
    expect(f.count).toEqual({ min: 1, max: null });
    expect(f.kinds).toEqual({ automatic: { min: 0, max: 2 }, manual: { min: 0, max: 0 } });
    expect(f.maxElection).toEqual({ kind: 'node-timeout', factor: 1, text: 'node-timeout' });
    expect(e.blocks[0].maxClusterOutage).toEqual({ kind: 'node-timeout', factor: 1.5, text: '1.5 x node-timeout' });
  });

  it('rejects every invalid example', () => {
    for (const f of readdirSync(INVALID)) expect(() => loadExpectations(join(INVALID, f)), f).toThrow(ExpectationsError);
  });

  it('names an unknown top-level key with file, line and a suggestion', () => {
    const p = problems(readFileSync(join(INVALID, 'unknown-top-key.json'), 'utf8'), 'incidents/x/expect.json');
    expect(p).toEqual([
      expect.stringMatching(
        /^incidents\/x\/expect\.json:1:22: unknown key "maxClusterOutages" at the top level \(did you mean "maxClusterOutage"\?\)/,
      ),
    ]);
  });

  it('names an unknown nested key with its line', () => {
    const p = problems(readFileSync(join(INVALID, 'unknown-nested-key.json'), 'utf8'), 'k.expect.json');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^k\.expect\.json:4:5: unknown key "maxUnavailible" in failovers \(did you mean "maxUnavailable"\?\)/);
  });

  it('names unknown keys in YAML with their line', () => {
    const p = problems('verdict: pass\nfailovers:\n  count: 1\n  maxElecton: 2s\n', 'e.yaml');
    expect(p[0]).toMatch(/^e\.yaml:4:3: unknown key "maxElecton" in failovers \(did you mean "maxElection"\?\)/);
  });

  it('reports every problem, not only the first', () => {
    const p = problems('{ "verdikt": "pass", "failovers": { "cout": 1 }, "worstSeverity": "fatal" }');
    expect(p).toHaveLength(3);
    expect(p.join('\n')).toContain('"verdikt"');
    expect(p.join('\n')).toContain('"cout"');
    expect(p.join('\n')).toContain('worstSeverity must be one of "error", "warning", "info", got "fatal"');
  });

  it.each([
    ['{ "failovers": { "maxDetection": "8 seconds" } }', /failovers\.maxDetection must be milliseconds \(8000\), a duration/],
    ['{ "failovers": { "maxDetection": -5 } }', /must be a non-negative number of milliseconds, got -5/],
    ['{ "verdict": "ok" }', /verdict must be one of "pass", "fail", got "ok"/],
    ['{ "failovers": { "count": -1 } }', /failovers\.count must be a whole number ≥ 0, got -1/],
    ['{ "failovers": { "count": 1.5 } }', /failovers\.count must be a whole number ≥ 0, got 1\.5/],
    ['{ "failovers": { "count": { "min": 3, "max": 1 } } }', /failovers\.count: min 3 is greater than max 1/],
    ['{ "failovers": { "count": {} } }', /failovers\.count needs "min", "max" or both/],
    [
      '{ "failovers": { "kinds": { "automatc": 1 } } }',
      /unknown key "automatc" in failovers\.kinds \(failover kinds\) \(did you mean "automatic"\?\)/,
    ],
    ['{ "rules": { "forbidden": ["split.brain"] } }', /unknown rule id "split\.brain" \(did you mean "split-brain"\?\)/],
    ['{ "rules": { "forbidden": ["fail-over.*"] } }', /pattern "fail-over\.\*" matches no known rule id/],
    ['{ "rules": { "required": ["cluster.down"], "forbidden": ["cluster.down"] } }', /rule cluster\.down is both required and forbidden/],
    ['{ "rules": { "required": "cluster.down" } }', /rules\.required must be a list of rule ids/],
    ['{ "mustEndAsMaster": [{ "node": "127.0.0.1:7003", "slots": "0-16384" }] }', /slot 16384 is out of range \(0-16383\)/],
    ['{ "mustEndAsMaster": [{ "node": "127.0.0.1:7003", "slots": "100-5" }] }', /slot range 100-5 runs backwards/],
    ['{ "mustEndAsMaster": [{ "node": "127.0.0.1:7003", "slots": "a-b" }] }', /slots must be ranges like "0-5460,5470"/],
    ['{ "mustEndAsMaster": [{ "node": "replica-one" }] }', /mustEndAsMaster\[0\]\.node must be a node id, an id prefix/],
    ['{ "mustEndAsMaster": [{ "slots": "0-5" }] }', /mustEndAsMaster\[0\] needs "node"/],
    ['{ "mustEndAsMaster": { "node": "127.0.0.1:7003" } }', /mustEndAsMaster must be a list/],
    [
      '{ "mustNotEndAsMaster": [{ "node": "127.0.0.1:7000", "slot": "0-5460" }] }',
      /unknown key "slot" in mustNotEndAsMaster\[0\] \(did you mean "slots"\?\)/,
    ],
    ['{ "description": "nothing" }', /the file states no expectation/],
    ['{}', /the file states no expectation/],
    ['["verdict"]', /expectations must be an object/],
    ['', /expectations must be an object/],
    ['{ "clusters": [{ "verdict": "pass" }] }', /clusters\[0\] needs "cluster"/],
    ['{ "clusters": [{ "cluster": "cluster-1" }] }', /clusters\[0\] states no expectation/],
    ['{ "clusters": [{ "cluster": "cluster-1", "nodeTimeout": 5 , "verdict": "pass"}] }', /unknown key "nodeTimeout" in clusters\[0\]/],
    ['{ "cluster": "cluster-1", "clusters": [{ "cluster": "cluster-2", "verdict": "pass" }] }', /there are none at the top level/],
    ['{ "nodeTimeout": "2x node-timeout", "verdict": "pass" }', /nodeTimeout cannot be relative to itself/],
    ['{ "verdict": "pass", "verdict": "fail" }', /e\.json:1:22: Map keys must be unique/],
    ['{ "verdict": "pass", ', /^e\.json:\d+:\d+: /],
  ])('rejects %s', (text, message) => {
    const p = problems(text);
    expect(p.join('\n')).toMatch(message);
  });

  it('throws a ConfigError naming the file when it cannot be read', () => {
    expect(() => loadExpectations('fixtures/expect/nope.expect.json')).toThrow(
      /fixtures\/expect\/nope\.expect\.json: cannot read expectations file \(ENOENT\)/,
    );
  });
});
