// Outputs on a nearly full disk (issue #18): exit 2, one line, the previous file intact, no temp file.
// The writer is driven with a write call that fails part-way (always), and the CLI writes each of its
// outputs onto a tiny tmpfs with one page free (when this runs as root and may mount).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OutputError } from '../../src/model/diagnostic.ts';
import { writeFileAtomic, writeFileAtomicFrom, type WriteOps } from '../../src/util/atomic-write.ts';
import { fsyncSync, writeSync } from 'node:fs';

const bin = new URL('../../bin/failscope.js', import.meta.url).pathname;
const repo = new URL('../../', import.meta.url).pathname;
const incident = join(repo, 'fixtures/incidents/master-sigkill');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'failscope-full-'));
});

/** Real writes until `budget` bytes, then ENOSPC: a disk that fills up in the middle of the file. */
function fillingDisk(budget: number, mode: 'throw' | 'zero'): WriteOps {
  let left = budget;
  return {
    writeSync: (fd, buf, off, len) => {
      if (left <= 0) {
        if (mode === 'zero') return 0;
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      const n = writeSync(fd, buf, off, Math.min(len, left));
      left -= n;
      return n;
    },
    fsyncSync,
  };
}

const temps = (d: string): string[] => readdirSync(d).filter((f) => f.endsWith('.tmp'));

describe('writeFileAtomic', () => {
  test('a write that fails part-way: OutputError, the old file kept whole, no temp file', () => {
    for (const mode of ['throw', 'zero'] as const) {
      const target = join(dir, `out-${mode}.html`);
      writeFileSync(target, 'the previous report\n');
      let err: unknown;
      try {
        writeFileAtomic(target, 'x'.repeat(300_000), { ops: fillingDisk(4096, mode) });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(OutputError);
      expect((err as Error).message).toBe(`cannot write ${target}: no space left on device (the previous file, if any, is kept)`);
      expect(readFileSync(target, 'utf8')).toBe('the previous report\n');
      expect(temps(dir)).toEqual([]);
    }
  });

  test('pieces that come asynchronously: a full disk or a failing producer leaves the old file and no temp file', async () => {
    const target = join(dir, 'pieces.html');
    writeFileSync(target, 'the previous report\n');
    async function* pieces(fail: boolean): AsyncGenerator<string> {
      for (let i = 0; i < 50; i++) {
        await new Promise((r) => setImmediate(r));
        yield `piece ${i} `.repeat(1000);
      }
      if (fail) throw new TypeError('a bug in the renderer');
    }
    await expect(writeFileAtomicFrom(target, pieces(false), { ops: fillingDisk(4096, 'throw') })).rejects.toThrow(
      `cannot write ${target}: no space left on device`,
    );
    expect(readFileSync(target, 'utf8')).toBe('the previous report\n');
    expect(temps(dir)).toEqual([]);
    // the producer's own error comes through as it is (a bug stays a bug), after the temp file is gone
    await expect(writeFileAtomicFrom(target, pieces(true))).rejects.toThrow(TypeError);
    expect(readFileSync(target, 'utf8')).toBe('the previous report\n');
    expect(temps(dir)).toEqual([]);
    // and whole when all goes well
    const expected = Array.from({ length: 50 }, (_, i) => `piece ${i} `.repeat(1000)).join('');
    expect(await writeFileAtomicFrom(target, pieces(false))).toBe(expected.length);
    expect(readFileSync(target, 'utf8')).toBe(expected);
  });

  test('short writes are completed, every byte checked', () => {
    const target = join(dir, 'short.txt');
    const data = Buffer.from(Array.from({ length: 3_000_000 }, (_, i) => 97 + (i % 26)));
    const ops: WriteOps = { writeSync: (fd, buf, off, len) => writeSync(fd, buf, off, Math.min(len, 777)), fsyncSync };
    expect(writeFileAtomic(target, data, { ops })).toBe(data.length);
    expect(readFileSync(target).equals(data)).toBe(true);
    // A string with multi-byte characters across the 1 MiB encoding pieces stays exact.
    const text = 'é€😀'.repeat(400_000);
    writeFileAtomic(target, text, { ops });
    expect(readFileSync(target, 'utf8')).toBe(text);
  });

  test('a directory in the way, a missing directory, a file as a parent, an empty name: OutputError', () => {
    mkdirSync(join(dir, 'adir'), { recursive: true });
    writeFileSync(join(dir, 'afile'), 'x');
    expect(() => writeFileAtomic(join(dir, 'adir'), 'x')).toThrow(/^cannot write .*adir: is a directory/);
    expect(() => writeFileAtomic(join(dir, 'nope', 'x.html'), 'x')).toThrow(/: no such directory/);
    expect(() => writeFileAtomic(join(dir, 'afile', 'x.html'), 'x', { makeDirs: true })).toThrow(OutputError);
    expect(() => writeFileAtomic('', 'x')).toThrow(/^cannot write: empty output file name$/);
  });

  test('SIGTERM or SIGINT during a write: no temp file left, the file old or whole', async () => {
    const mod = new URL('../../dist/src/util/atomic-write.js', import.meta.url).pathname;
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      const target = join(dir, `sig-${sig}.html`);
      writeFileSync(target, 'old\n');
      // A slow disk: 4 KiB per write call, 2 ms each (about 1.5 s for 3 MB); the child says when it started.
      const script = `
        import { writeSync, fsyncSync } from 'node:fs';
        import { exitOnSignals, writeFileAtomic } from ${JSON.stringify(mod)};
        exitOnSignals(); // what the CLI does before any command but capture and drill
        const nap = new Int32Array(new SharedArrayBuffer(4));
        let said = false;
        const ops = { fsyncSync, writeSync: (fd, b, o, l) => { if (!said) { said = true; process.stdout.write('writing\\n'); } Atomics.wait(nap, 0, 0, 2); return writeSync(fd, b, o, Math.min(l, 4096)); } };
        writeFileAtomic(${JSON.stringify(target)}, 'n'.repeat(3_000_000), { ops });
        setTimeout(() => process.stdout.write('done\\n'), 200);`;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      child.kill(sig);
      const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
      // The process still ends at once after the write, with 128 + the signal number …
      expect({ code, signal }).toEqual({ code: sig === 'SIGTERM' ? 143 : 130, signal: null });
      // … and leaves no temp file and never a part of the new file.
      expect(temps(dir)).toEqual([]);
      const now = readFileSync(target, 'utf8');
      expect(now === 'old\n' || now === 'n'.repeat(3_000_000)).toBe(true);
    }
  });
});

// ---- the CLI on a tiny tmpfs ------------------------------------------------------------------------

const mnt = join(tmpdir(), `failscope-tmpfs-${process.pid}`);
let mounted = false;
if (process.getuid?.() === 0) {
  mkdirSync(mnt, { recursive: true });
  mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]).status === 0;
}
afterAll(() => {
  if (mounted) spawnSync('umount', [mnt]);
  rmSync(mnt, { recursive: true, force: true });
});

/** Fill the tmpfs until `left` bytes are free (one page, or none). */
function fillUntil(left: number): void {
  rmSync(join(mnt, 'fill'), { force: true });
  const free = (): number => Number(execFileSync('df', ['-B1', '--output=avail', mnt], { encoding: 'utf8' }).trim().split('\n').pop());
  writeFileSync(join(mnt, 'fill'), Buffer.alloc(Math.max(0, free() - left)));
}

describe.skipIf(!mounted)('every output onto a 64 KiB tmpfs with one page free (small outputs: none)', () => {
  // `notes`: the command prints the inputs it skipped (notes) on stderr before it writes.
  const outputs: Array<{ name: string; file: string; free: number; args: (file: string) => string[]; notes?: boolean }> = [
    { name: 'report -o', file: 'out.html', free: 4096, args: (f) => ['report', incident, '-o', f, '--node-timeout', '2000'] },
    { name: 'analyze --html', file: 'analyze.html', free: 4096, args: (f) => ['analyze', incident, '--html', f, '--node-timeout', '2000'] },
    {
      name: 'analyze -o',
      file: 'analysis.json',
      free: 4096,
      args: (f) => ['analyze', incident, '--format', 'json', '-o', f, '--node-timeout', '2000'],
      notes: true,
    },
    {
      name: 'timeline -o',
      file: 'timeline.json',
      free: 4096,
      args: (f) => ['timeline', incident, '--format', 'json', '-o', f],
      notes: true,
    },
    {
      name: 'check --junit',
      file: 'junit.xml',
      free: 0,
      args: (f) => ['check', incident, '--expect', join(repo, 'fixtures/expect/master-sigkill.expect.json'), '--junit', f],
    },
    { name: 'init-expect -o', file: 'expect.json', free: 0, args: (f) => ['init-expect', incident, '-o', f, '--node-timeout', '2000'] },
  ];
  for (const o of outputs)
    test(`${o.name}: exit 2, one line, the previous file intact`, () => {
      const target = join(mnt, o.file);
      rmSync(join(mnt, 'fill'), { force: true });
      writeFileSync(target, 'previous\n');
      fillUntil(o.free);
      const r = spawnSync(process.execPath, [bin, ...o.args(target)], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(2);
      const lines = r.stderr
        .split('\n')
        .filter(Boolean)
        .filter((l) => !(o.notes && l.startsWith('failscope: note: ')));
      expect(lines).toEqual([`failscope: cannot write ${target}: no space left on device (the previous file, if any, is kept)`]);
      expect(r.stdout).not.toMatch(/wrote/);
      expect(readFileSync(target, 'utf8')).toBe('previous\n');
      expect(temps(mnt)).toEqual([]);
    });

  test('with room again, the same outputs are written whole', () => {
    rmSync(join(mnt, 'fill'), { force: true });
    const target = join(mnt, 'expect.json');
    const r = spawnSync(process.execPath, [bin, 'init-expect', incident, '-o', target, '--node-timeout', '2000'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(target, 'utf8'))).toHaveProperty('failovers');
    expect(existsSync(target)).toBe(true);
  });
});
