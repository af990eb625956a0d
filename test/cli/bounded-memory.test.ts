// Issue 15: output of any size, and peak RSS bounded at any input size. A 1 GiB log input (six node
// logs of mostly routine lines, with the recorded master-sigkill incident replayed every hour of log
// time: one failover each, so the count is known by construction; bench/gen/episodes.ts) goes through
// the real CLI under a 256 MB heap: `analyze --format json -o` and `report -o` must finish, write a
// whole file, find every failover and stay under 300 MB of peak RSS (VmHWM, from GNU time or /proc).
// The progress line is checked on the same input: drawn on a terminal (a pseudo-terminal from
// util-linux `script`), never without one, never with --quiet.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEpisodes, type GeneratedLogs } from '../../bench/gen/episodes.ts';
import { loadIncident } from '../../bench/lib/incidents.ts';
import { runMeasured } from '../../bench/lib/measure.ts';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/failscope.js');
const HEAP_MB = 256;
const PEAK_MB = 300;
const INPUT_BYTES = 1 << 30;
const haveScript = spawnSync('script', ['--version']).status === 0;

describe('1 GiB of logs: bounded memory, whole outputs, progress on a terminal only', () => {
  let dir: string;
  let logs: string;
  let gen: GeneratedLogs;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'failscope-1g-'));
    logs = join(dir, 'logs');
    gen = generateEpisodes(logs, [loadIncident(join(root, 'fixtures/incidents/master-sigkill'))], {
      seed: 15,
      targetBytes: INPUT_BYTES,
      notableFraction: 0.002,
      gapMs: 3_600_000,
      startAt: Date.UTC(2026, 3, 1),
    });
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const node = (args: string[]) => [`--max-old-space-size=${HEAP_MB}`, bin, ...args];

  it(`analyze --format json -o: the whole analysis, every failover, peak RSS <= ${PEAK_MB} MB`, async () => {
    expect(gen.bytes).toBeGreaterThanOrEqual(INPUT_BYTES);
    expect(gen.expectedFailovers).toBe(gen.episodes);
    const out = join(dir, 'analysis.json');
    const r = await runMeasured(process.execPath, node(['analyze', logs, '--format', 'json', '-o', out]), { timeoutS: 120 });
    expect(r.timedOut).toBe(false);
    expect(r.stderr).not.toMatch(/heap out of memory|internal error/i);
    expect([0, 1]).toContain(r.exitCode); // 1: the verdict (the replayed incident has error findings)
    const analysis = JSON.parse(readFileSync(out, 'utf8')) as { failovers: Array<{ kind: string }> };
    expect(analysis.failovers).toHaveLength(gen.expectedFailovers);
    expect(analysis.failovers.every((f) => f.kind === 'automatic')).toBe(true);
    // stderr is a pipe here: no progress line
    expect(r.stderr).not.toMatch(/\r|reading /);
    console.log(`analyze json: ${(gen.bytes / 1e6).toFixed(0)} MB in, ${r.cpuS.toFixed(1)} s CPU, peak RSS ${r.peakRssMB.toFixed(0)} MB`);
    expect(r.peakRssMB).toBeGreaterThan(0);
    expect(r.peakRssMB).toBeLessThanOrEqual(PEAK_MB);
  }, 150_000);

  it(`report -o: the whole page, peak RSS <= ${PEAK_MB} MB`, async () => {
    const out = join(dir, 'report.html');
    const r = await runMeasured(process.execPath, node(['report', logs, '-o', out]), { timeoutS: 120 });
    expect(r.timedOut).toBe(false);
    expect(r.stderr).not.toMatch(/heap out of memory|internal error/i);
    expect([0, 1]).toContain(r.exitCode);
    const page = readFileSync(out, 'utf8');
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page.endsWith('</html>\n')).toBe(true);
    expect(page).toContain(`${gen.expectedFailovers} failovers`);
    console.log(`report: ${r.cpuS.toFixed(1)} s CPU, peak RSS ${r.peakRssMB.toFixed(0)} MB`);
    expect(r.peakRssMB).toBeLessThanOrEqual(PEAK_MB);
  }, 150_000);

  it.skipIf(!haveScript)(
    'on a terminal a self-rewriting progress line while the inputs are read, none with --quiet',
    () => {
      const out = join(dir, 'timeline.json');
      // `script -qfec CMD /dev/null`: CMD on a pseudo-terminal, its output (stdout and stderr) on ours.
      // FAILSCOPE_PROGRESS_AFTER_MS=0: the line shows from the first read, whatever the machine's speed (the
      // default 1.5 s is ProgressLine's, test/commands/progress.test.ts; a fast machine reads this whole GiB
      // of mostly routine lines in under 1.5 s, and CI once drew no line at all).
      const tty = (args: string[]) =>
        execFileSync('script', ['-qfec', [process.execPath, ...node(args)].map((a) => `'${a}'`).join(' '), '/dev/null'], {
          encoding: 'utf8',
          maxBuffer: 16 << 20,
          env: { ...process.env, FAILSCOPE_PROGRESS_AFTER_MS: '0' },
        });
      const shown = tty(['timeline', logs, '--format', 'json', '-o', out]);
      // eslint-disable-next-line no-control-regex -- the erase sequence is what is checked
      expect(shown).toMatch(/\r\u001b\[Kreading \d+\.\d of \d+\.\d MB \(\d+%\), \d+\.\d MB\/s, ETA \d+/);
      // cleared at the end: the last thing written is the erase, nothing is left on the line
      expect(shown.endsWith('\r\u001b[K')).toBe(true);
      expect(existsSync(out)).toBe(true);
      // --quiet: no line even when it would show at once
      const quiet = tty(['timeline', ...gen.files.slice(0, 2), '--format', 'json', '-o', out, '--quiet']);
      expect(quiet).toBe('');
      // the gate's commands too: init-expect, then check with the file it wrote
      const expectFile = join(dir, 'expect.json');
      const blessed = tty(['init-expect', ...gen.files.slice(0, 2), '-o', expectFile]);
      // eslint-disable-next-line no-control-regex -- the erase sequence is what is checked
      expect(blessed).toMatch(/\r\u001b\[Kreading \d+\.\d of \d+\.\d MB .*\r\u001b\[Kfailscope: .*wrote /s);
      const checked = tty(['check', ...gen.files.slice(0, 2), '--expect', expectFile]);
      // eslint-disable-next-line no-control-regex -- the erase sequence is what is checked
      expect(checked).toMatch(/\r\u001b\[Kreading \d+\.\d of \d+\.\d MB/);
      const checkedQuietly = tty(['check', ...gen.files.slice(0, 2), '--expect', expectFile, '--quiet']);
      // (the pseudo-terminal turns each \n into \r\n, so the erase sequence is what must be absent)
      // eslint-disable-next-line no-control-regex -- the erase sequence is what is checked
      expect(checkedQuietly).not.toMatch(/reading |\u001b\[K/);
      expect(checkedQuietly).toMatch(/PASS/);
    },
    150_000,
  );
});
