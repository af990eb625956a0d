// Golden tests: every fixtures/grammars/<format>/<variant>/input.* of the snapshot formats, through the
// snapshot scanner, against the reviewed expected.json next to it. Refresh with `npm run update-goldens` and
// review the diff.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { goldenJson, scanText } from '../helpers/scan-snapshots.ts';

const FORMATS = ['cluster-nodes', 'cluster-info', 'cluster-shards', 'redis-cli', 'redis-conf', 'markdown'];
const root = new URL('../../fixtures/grammars/', import.meta.url);

for (const format of FORMATS) {
  describe(`golden: ${format}`, () => {
    const variants = readdirSync(new URL(`${format}/`, root)).filter((v) => statSync(new URL(`${format}/${v}`, root)).isDirectory());
    for (const variant of variants.sort()) {
      test(variant, async () => {
        const dir = new URL(`${format}/${variant}/`, root);
        const input = readdirSync(dir).find((f) => f.startsWith('input.'))!;
        const text = readFileSync(new URL(input, dir), 'utf8');
        const result = scanText(text, `fixtures/grammars/${format}/${variant}/${input}`);
        await expect(goldenJson(result)).toMatchFileSnapshot(new URL('expected.json', dir).pathname);
      });
    }
  });
}
