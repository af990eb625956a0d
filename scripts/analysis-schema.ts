/*
 * schema/analysis.schema.json is generated from the type, never edited: src/model/analysis.ts is the
 * contract of `failscope analyze --format json` (STYLE.md §7.14), and the schema is that type made
 * readable to other languages. test/model/analysis-schema.test.ts fails when the committed schema
 * differs from a fresh generation; `npm run update-goldens` rewrites it.
 *
 * ts-json-schema-generator (the generator vega-lite builds its schema with) reads the type through
 * the TypeScript compiler, keeps the TSDoc as descriptions and needs no annotations in the source.
 */
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

export const ANALYSIS_SCHEMA_PATH = fileURLToPath(new URL('../schema/analysis.schema.json', import.meta.url));

/** The JSON Schema of AnalysisV1, as the committed file's text. */
export function analysisSchemaText(): string {
  const generator = createGenerator({
    path: fileURLToPath(new URL('../src/model/analysis.ts', import.meta.url)),
    tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
    type: 'AnalysisV1',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    sortProps: true,
    // Closed objects: a field the analysis writes but the type lacks fails validation, so the type
    // cannot fall behind the output again. Consumers should still ignore fields they do not know.
    additionalProperties: false,
    skipTypeCheck: true,
  });
  const schema = generator.createSchema('AnalysisV1');
  schema.$id = 'https://failscope.invalid/schema/analysis.schema.json';
  schema.title = 'failscope analysis, schema v1 (generated from src/model/analysis.ts)';
  return `${JSON.stringify(schema, null, 2)}\n`;
}
