// Streaming: a log much larger than the V8 heap the CLI is given still analyses correctly, so routine
// lines are never all held in memory (neither as strings nor as one big Buffer: peak RSS stays below
// the input size too). The input is generated (bench/gen/episodes.ts): the recorded master-sigkill
// incident replayed N times on one 6-node cluster with an hour of routine lines between replays; each
// replay is exactly one failover, so the expected count is known by construction.
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEpisodes, type GeneratedLogs } from '../../bench/gen/episodes.ts';
import { loadIncident } from '../../bench/lib/incidents.ts';
import { runMeasured } from '../../bench/lib/measure.ts';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/failscope.js');
const HEAP_MB = 64;
const TARGET_BYTES = 150e6;

describe('streaming: input larger than the heap', () => {
  let dir: string;
  let gen: GeneratedLogs;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'failscope-streaming-'));
    gen = generateEpisodes(dir, [loadIncident(join(root, 'fixtures/incidents/master-sigkill'))], {
      seed: 8,
      targetBytes: TARGET_BYTES,
      // ~0.2% notable lines: a long, quiet log with a failover every hour or so
      notableFraction: 0.002,
      gapMs: 3_600_000,
      startAt: Date.UTC(2026, 3, 1),
    });
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`analyze --format json under --max-old-space-size=${HEAP_MB} finds every generated failover`, async () => {
    expect(gen.bytes).toBeGreaterThan(2 * HEAP_MB * 1024 * 1024);
    expect(gen.expectedFailovers).toBe(gen.episodes);
    expect(gen.episodes).toBeGreaterThanOrEqual(5);
    const out = join(dir, 'analysis.json');
    const r = await runMeasured(process.execPath, [`--max-old-space-size=${HEAP_MB}`, bin, 'analyze', dir, '--format', 'json'], {
      timeoutS: 50,
      stdoutFile: out,
    });
    expect(r.timedOut).toBe(false);
    expect(r.stderr).not.toMatch(/heap out of memory|internal error/i);
    expect([0, 1]).toContain(r.exitCode);
    const analysis = JSON.parse(readFileSync(out, 'utf8')) as {
      failovers: Array<{ kind: string; oldMaster: string; newMaster: string }>;
      inputs: Array<{ lines?: number }>;
    };
    expect(analysis.failovers).toHaveLength(gen.expectedFailovers);
    expect(analysis.failovers.every((f) => f.kind === 'automatic')).toBe(true);
    // node-7001 is killed every time and node-7004 takes over (master-sigkill's truth.json)
    expect(new Set(analysis.failovers.map((f) => `${f.oldMaster}->${f.newMaster}`)).size).toBe(1);
    // Not read whole into memory as bytes either: the peak grows by far less than the input over what
    // the CLI takes to start at all (its modules alone are ~100 MB of RSS).
    const idle = await runMeasured(process.execPath, [`--max-old-space-size=${HEAP_MB}`, bin, '--version'], { timeoutS: 30 });
    expect(r.peakRssMB).toBeGreaterThan(0);
    expect((r.peakRssMB - idle.peakRssMB) * 1e6).toBeLessThan(gen.bytes * 0.5);
  }, 60_000);

  it('the same logs gzipped: inflated as a stream, never whole', async () => {
    const gz = join(dir, 'gz');
    mkdirSync(gz);
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.log')))
      await pipeline(createReadStream(join(dir, name)), createGzip({ level: 1 }), createWriteStream(join(gz, `${name}.gz`)));
    const out = join(dir, 'analysis-gz.json');
    const r = await runMeasured(process.execPath, [`--max-old-space-size=${HEAP_MB}`, bin, 'analyze', gz, '--format', 'json'], {
      timeoutS: 50,
      stdoutFile: out,
    });
    expect(r.timedOut).toBe(false);
    expect(r.stderr).not.toMatch(/heap out of memory|internal error|gzip/i);
    expect([0, 1]).toContain(r.exitCode);
    const analysis = JSON.parse(readFileSync(out, 'utf8')) as { failovers: unknown[] };
    expect(analysis.failovers).toHaveLength(gen.expectedFailovers);
    // The plain logs' bound plus the inflating worker thread (~12 MB for its isolate, and the stream
    // buffers it has not yet collected); the bound on the inflated bytes held is the one of
    // test/ingest/gunzip.test.ts.
    const idle = await runMeasured(process.execPath, [`--max-old-space-size=${HEAP_MB}`, bin, '--version'], { timeoutS: 30 });
    expect((r.peakRssMB - idle.peakRssMB) * 1e6).toBeLessThan(gen.bytes * 0.5 + 40e6);
  }, 60_000);
});
