// The analysis type is the contract (STYLE.md §7.14): schema/analysis.schema.json is generated from
// src/model/analysis.ts, and every analysis the pipeline writes for a fixture validates against it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ANALYSIS_SCHEMA_PATH, analysisSchemaText } from '../../scripts/analysis-schema.ts';
import { loadTimeline } from '../../src/pipeline.ts';
import { renderAnalysisJson } from '../../src/report/analysis-json.ts';
import { analyzeTimeline } from '../../src/pipeline.ts';
import { noReplicaCase, seedFailoverCase } from '../report/helpers/cases.ts';

const committed = readFileSync(ANALYSIS_SCHEMA_PATH, 'utf8');

describe('schema/analysis.schema.json', () => {
  it('is what generating it from src/model/analysis.ts gives (refresh: npm run update-goldens)', () => {
    const fresh = analysisSchemaText();
    if (process.env.FAILSCOPE_UPDATE_GOLDENS === '1' && fresh !== committed) writeFileSync(ANALYSIS_SCHEMA_PATH, fresh);
    else expect(fresh).toBe(committed);
  }, 60_000);

  const ajv = new Ajv({ allErrors: true, strict: true });
  const validate = ajv.compile(JSON.parse(committed));
  const check = (json: string) => {
    const ok = validate(JSON.parse(json));
    return ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  };

  it('rejects a field the type does not have, and a missing one', () => {
    const a = JSON.parse(renderAnalysisJson(seedFailoverCase().analysis));
    a.failovers[0].surprise = 1;
    expect(validate(a)).toBe(false);
    const b = JSON.parse(renderAnalysisJson(seedFailoverCase().analysis));
    delete b.outages[0].startBounds;
    expect(validate(b)).toBe(false);
  });

  const incidents = readdirSync('fixtures/incidents').sort();
  it.each(incidents)('fixtures/incidents/%s: the analysis validates', async (name) => {
    const a = analyzeTimeline(await loadTimeline([`fixtures/incidents/${name}`]), { nodeTimeoutMs: 2000 });
    expect(check(renderAnalysisJson(a))).toEqual([]);
  });

  it('fixtures/topology/seed-document (the seed document): the analysis validates', async () => {
    const a = analyzeTimeline(await loadTimeline(['fixtures/grammars/markdown/seed-document/input.md']));
    expect(a.clusters.length).toBeGreaterThan(1);
    expect(check(renderAnalysisJson(a))).toEqual([]);
  });

  it.each([
    ['seed-failover', seedFailoverCase],
    ['no-replica', noReplicaCase],
  ])('fixtures/report/%s: the hand-built analysis behind the report golden validates', (_name, make) => {
    expect(check(renderAnalysisJson(make().analysis))).toEqual([]);
  });
});
