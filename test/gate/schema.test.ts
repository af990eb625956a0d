// The published JSON Schema and the loader must agree: every example passes both, every invalid
// example fails both, and the schema's rule ids follow RULE_IDS.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/model/analysis.ts';
import { loadExpectations } from '../../src/gate/load.ts';
import { expectationsFromAnalysis } from '../../src/gate/init.ts';
import { killMaster, twoClusters } from './analysis-fixture.ts';

const SCHEMA = 'schema/expect.schema.json';
let schema = JSON.parse(readFileSync(SCHEMA, 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
const validate = ajv.compile(schema);

function read(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  return path.endsWith('.json') ? JSON.parse(text) : parse(text);
}

function fixtureExpectFiles(): string[] {
  const out: string[] = [];
  for (const d of ['fixtures/expect/examples', 'fixtures/expect'])
    for (const f of readdirSync(d)) if (/expect\.(json|ya?ml)$/.test(f)) out.push(join(d, f));
  return out;
}

describe('schema/expect.schema.json', () => {
  it('accepts every example the loader accepts', () => {
    const files = fixtureExpectFiles();
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      expect(() => loadExpectations(f), f).not.toThrow();
      expect(validate(read(f)), `${f}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it('rejects every invalid example the loader rejects', () => {
    const dir = 'fixtures/expect/invalid';
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) {
      expect(() => loadExpectations(join(dir, f)), f).toThrow();
      expect(validate(read(join(dir, f))), f).toBe(false);
    }
  });

  it('accepts what init-expect generates', () => {
    for (const a of [killMaster(), twoClusters()]) {
      const doc = expectationsFromAnalysis(a, { inputs: ['incidents/x'] });
      expect(validate(doc), ajv.errorsText(validate.errors)).toBe(true);
    }
  });

  // Regenerate after RULE_IDS changes: npm run update-goldens
  it('lists exactly the known rule ids and their dotted prefixes', () => {
    const prefixes = new Set<string>();
    for (const id of RULE_IDS) {
      const parts = id.split('.');
      for (let i = 1; i < parts.length; i++) prefixes.add(`${parts.slice(0, i).join('.')}.*`);
    }
    const want = [...RULE_IDS, ...[...prefixes].sort()];
    if (process.env.FAILSCOPE_UPDATE_GOLDENS === '1') {
      const text = readFileSync(SCHEMA, 'utf8');
      const start = text.indexOf('"enum": [', text.indexOf('"ruleId"'));
      const end = text.indexOf(']', start);
      const list = want.map((r) => `        ${JSON.stringify(r)}`).join(',\n');
      writeFileSync(SCHEMA, `${text.slice(0, start)}"enum": [\n${list}\n      ${text.slice(end)}`);
      schema = JSON.parse(readFileSync(SCHEMA, 'utf8'));
    }
    expect(schema.definitions.ruleId.enum, 'schema/expect.schema.json is out of date with RULE_IDS: npm run update-goldens').toEqual(want);
  });
});
