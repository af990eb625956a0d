// Issue 14: one export holding every node splits into one stream per writer in a single pass. The
// time of N against 4N is measured by `npm run bench` (input `interleaved`); here only what makes the
// cost linear is asserted: every line is visited once, in one read of the input, each record goes to
// its writer's stream, and the split gives each node exactly the events its own log gives.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEpisodes, type GeneratedLogs } from '../../bench/gen/episodes.ts';
import { interleaveIntoJsonl } from '../../bench/gen/interleaved.ts';
import { loadIncidents } from '../../bench/lib/incidents.ts';
import { FileSource, type SourceInput } from '../../src/ingest/index.ts';
import type { LineVisitor } from '../../src/ingest/lines.ts';
import type { TimelineEvent } from '../../src/model/events.ts';
import { parseSource } from '../../src/parse/index.ts';
import { buildTimeline } from '../../src/timeline/index.ts';

const root = join(import.meta.dirname, '../..');
const UTC = { zone: 'UTC' };

/** A source that counts how often it is read and how many lines it hands out. */
function counting(inner: SourceInput) {
  const seen = { reads: 0, lines: 0 };
  const src: SourceInput = {
    path: inner.path,
    origin: inner.origin,
    mtimeMs: inner.mtimeMs,
    mtimeYear: inner.mtimeYear,
    compression: inner.compression,
    size: inner.size,
    readLines(visit: LineVisitor) {
      seen.reads++;
      inner.readLines((b, s, e, o) => {
        seen.lines++;
        visit(b, s, e, o);
      });
    },
  };
  return { src, seen };
}

const shape = (e: TimelineEvent) => `${e.at} ${e.kind} ${e.pid} ${e.text}`;

describe('an interleaved 6-node export', () => {
  let dir: string;
  let gen: GeneratedLogs;
  let exportFile: string;
  let records: number;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'failscope-interleaved-'));
    gen = generateEpisodes(join(dir, 'gen'), loadIncidents(join(root, 'fixtures')), {
      seed: 14,
      targetBytes: 1.5e6,
      notableFraction: 0.2,
      gapMs: 60_000,
      startAt: Date.UTC(2026, 3, 6),
    });
    mkdirSync(join(dir, 'plain'));
    for (const f of gen.files) copyFileSync(f, join(dir, 'plain', f.split('/').pop()!));
    exportFile = join(dir, 'loki.jsonl');
    records = interleaveIntoJsonl(gen.files, exportFile).lines;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is read once, each line visited once, one stream per pod', () => {
    const { src, seen } = counting(new FileSource('loki.jsonl', exportFile, Date.now(), 'none', 0));
    const p = parseSource(src, UTC);
    expect(seen).toEqual({ reads: 1, lines: records });
    expect(p.counts.lines).toBe(records);
    expect(p.counts.unknown).toBe(0);
    expect(new Set(p.events.map((e) => e.stream)).size).toBe(gen.files.length);
    expect(p.forms).toContain('loki-jsonl');
  });

  it("gives each node exactly its own log's events, bound to the same node", () => {
    const exp = parseSource(new FileSource('loki.jsonl', exportFile, Date.now(), 'none', 0), UTC);
    const plain = gen.files.map((f) => {
      const name = f.split('/').pop()!;
      return parseSource(new FileSource(name, join(dir, 'plain', name), Date.now(), 'none', 0), UTC);
    });
    const t = buildTimeline([exp, ...plain]);
    expect(t.events.every((e) => e.node !== null || !e.kind.startsWith('server.'))).toBe(true);
    for (const p of plain) {
      const port = /(\d+)\.log$/.exec(p.source)![1];
      const mine = exp.events.filter((e) => e.stream === `{container="redis", pod="redis-${port}"}`);
      expect(mine.map(shape)).toEqual(p.events.map(shape));
      expect(mine.map((e) => e.node)).toEqual(p.events.map((e) => e.node));
    }
  });
});
