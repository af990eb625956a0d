// The published JSON Schema and the loader must agree: every example passes both, every invalid
// example fails both, and the schema's rule ids follow RULE_IDS.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/model/analysis.ts';
import { loadExpectations } from '../../src/gate/load.ts';
import { expectationsFromAnalysis } from '../../src/gate/init.ts';
import { killMaster, twoClusters } from './analysis-fixture.ts';

const schema = JSON.parse(readFileSync('schema/expect.schema.json', 'utf8'));
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

  it('lists exactly the known rule ids and their dotted prefixes', () => {
    const prefixes = new Set<string>();
    for (const id of RULE_IDS) {
      const parts = id.split('.');
      for (let i = 1; i < parts.length; i++) prefixes.add(`${parts.slice(0, i).join('.')}.*`);
    }
    expect([...schema.definitions.ruleId.enum].sort()).toEqual([...RULE_IDS, ...prefixes].sort());
  });
});
