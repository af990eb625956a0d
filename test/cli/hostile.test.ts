// Issue #18's named cases, each through the real CLI (bin/failscope.js, built dist) as a child process:
// each must end within seconds and under 300 MB of RSS, with exit 0/1, or exit 2 and one clear line.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, openSync, closeSync, writeSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
const haveGnuTime = existsSync('/usr/bin/time');

const bin = new URL('../../bin/failscope.js', import.meta.url).pathname;
const fixture = new URL('../../fixtures/incidents/master-sigkill/', import.meta.url).pathname;
const RSS_MB = 300;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'failscope-hostile-'));
});

/**
 * Run the CLI as a child (with a shell redirect for stdin when asked), all of stdout and stderr kept.
 * Peak RSS from GNU time when installed, else from polling /proc/<pid>/status VmHWM.
 */
function cli(args: string[], opts: { stdinFrom?: string; timeoutS?: number } = {}) {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const timeFile = join(dir, `time-${Math.random().toString(36).slice(2)}`);
  const node = opts.stdinFrom ? `exec ${q(process.execPath)} ${q(bin)} ${args.map(q).join(' ')} < ${q(opts.stdinFrom)}` : null;
  const cmd = node ? ['/bin/sh', '-c', node] : [process.execPath, bin, ...args];
  const argv = haveGnuTime ? ['/usr/bin/time', '-f', '%M', '-o', timeFile, ...cmd] : cmd;
  return new Promise<{ exitCode: number | null; stdout: string; stderr: string; peakRssMB: number; wallS: number; timedOut: boolean }>(
    (resolve) => {
      const t0 = performance.now();
      const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      let hwm = 0;
      const poll = setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) hwm = Math.max(hwm, Number(m[1]));
        } catch {
          // gone
        }
      }, 20);
      let timedOut = false;
      const timer = setTimeout(
        () => {
          timedOut = true;
          child.kill('SIGKILL');
        },
        (opts.timeoutS ?? 30) * 1000,
      );
      child.on('close', (code) => {
        clearInterval(poll);
        clearTimeout(timer);
        if (haveGnuTime && existsSync(timeFile)) {
          const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
          if (/^\d+$/.test(last)) hwm = Math.max(hwm, Number(last));
        }
        let stderr = Buffer.concat(err).toString('utf8');
        // GNU time's own note on a non-zero exit goes to its -o file, not here; nothing to strip.
        stderr = stderr.replace(/^Command exited with non-zero status \d+\n/m, '');
        resolve({
          exitCode: timedOut ? null : code,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr,
          peakRssMB: hwm / 1024,
          wallS: (performance.now() - t0) / 1000,
          timedOut,
        });
      });
    },
  );
}

/** No trace, no internal error, every line `failscope: …`. */
function expectCleanStderr(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/internal error/);
  for (const l of stderr.split('\n').filter(Boolean)) expect(l).toMatch(/^failscope: /);
}

/** Exit 2 with exactly one line naming `what`. */
function expectUnusable(r: { exitCode: number | null; stderr: string }, what: RegExp): void {
  expect(r.exitCode).toBe(2);
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(what);
}

const ISSUE_LINE =
  '1e8db38f7f744fb63119123bbf51348e7afe422b 127.0.0.1:7004@17004 myself,slave 3e9649a3431a7699648637738b457beb1f0cfb9b 0 9007199254740993 2 connected';

describe('out-of-range numbers', () => {
  test('the CLUSTER NODES line of the issue: a diagnostic at file:line, never an exception downstream', async () => {
    const f = join(dir, 'pong.txt');
    // With a line that is read, so the input is usable (alone, it is exit 2: nothing recognised).
    writeFileSync(f, `${ISSUE_LINE}\n1:M 21 Jun 2021 07:28:21.434 # Cluster state changed: ok\n`);
    for (const args of [
      ['analyze', f],
      ['analyze', f, '--format', 'json'],
      ['analyze', f, '--format', 'markdown'],
      ['timeline', f, '--stats'],
      ['timeline', f, '--format', 'json'],
    ]) {
      const r = await cli(args);
      expect([0, 1]).toContain(r.exitCode);
      expectCleanStderr(r.stderr);
      expect(r.peakRssMB).toBeLessThan(RSS_MB);
    }
    const t = await cli(['timeline', f, '--stats']);
    expect(t.stderr).toContain('pong.txt:1: not a valid CLUSTER NODES line: pong-recv 9007199254740993 is out of range');
    const r = await cli(['report', f, '-o', join(dir, 'pong.html')]);
    expect([0, 1]).toContain(r.exitCode);
    expectCleanStderr(r.stderr);
  });

  test('the issue line alone: exit 2 and one line naming file:line', async () => {
    const f = join(dir, 'pong-alone.txt');
    writeFileSync(f, `${ISSUE_LINE}\n`);
    for (const args of [
      ['analyze', f],
      ['timeline', f, '--stats'],
      ['report', f, '-o', join(dir, 'alone.html')],
    ]) {
      const r = await cli(args);
      expectUnusable(r, /pong-alone\.txt:1: /);
    }
  });

  test('29 nines, 2^64, 16-digit epoch stamps, years before 1970: each line skipped with a diagnostic', async () => {
    const f = join(dir, 'stamps.log');
    const lines = [
      ISSUE_LINE.replace('9007199254740993', '99999999999999999999999999999'),
      ISSUE_LINE.replace('9007199254740993', '18446744073709551616'),
      ISSUE_LINE.replace('9007199254740993', '1764000000000').replace(' 2 connected', ' 18446744073709551616 connected'),
      '1:M 9999999999999999 * Cluster state changed: ok', // epoch-ms stamp past 9999
      '1:signal-handler (9999999999999999) Received SIGTERM scheduling shutdown...',
      '0000-01-01T00:00:00Z',
      '1:M 21 Jun 2021 07:28:21.434 # Cluster state changed: ok',
    ];
    writeFileSync(f, `${lines.join('\n')}\n`);
    const r = await cli(['timeline', f, '--stats', '--format', 'json']);
    expect(r.exitCode).toBe(0);
    expectCleanStderr(r.stderr);
    expect(r.stderr).toContain('stamps.log:1: not a valid CLUSTER NODES line: pong-recv 99999999999999999999999999999 is out of range');
    expect(r.stderr).toContain('stamps.log:2: not a valid CLUSTER NODES line: pong-recv 18446744073709551616 is out of range');
    expect(r.stderr).toContain('stamps.log:3: not a valid CLUSTER NODES line: config epoch 18446744073709551616 is out of range');
    expect(r.stderr).toContain('stamps.log:4: time stamp out of range');
    expect(r.stderr).toContain('stamps.log:5: time stamp out of range');
    expect(r.stderr).toContain('stamps.log:6: time stamp out of range');
    // The good line is still read; every line is accounted for.
    expect(r.stdout).toContain('"kind": "cluster.state"');
    const a = await cli(['analyze', f]);
    expect([0, 1]).toContain(a.exitCode);
    expectCleanStderr(a.stderr);
  });
});

describe('pathological shapes', () => {
  test('a CLUSTER NODES line assigning every other slot (8192 ranges) ends in seconds', async () => {
    const f = join(dir, 'every-other.txt');
    const even = Array.from({ length: 8192 }, (_, i) => 2 * i).join(' ');
    const odd = Array.from({ length: 8192 }, (_, i) => 2 * i + 1).join(' ');
    writeFileSync(
      f,
      `1e8db38f7f744fb63119123bbf51348e7afe422b 127.0.0.1:7004@17004 myself,master - 0 1764000000000 2 connected ${even}\n` +
        `2e8db38f7f744fb63119123bbf51348e7afe422b 127.0.0.1:7005@17005 master - 0 1764000000000 3 connected ${odd}\n`,
    );
    const r = await cli(['analyze', f, '--format', 'json'], { timeoutS: 20 });
    expect(r.timedOut).toBe(false);
    expect(r.exitCode).toBe(0);
    expect(r.wallS).toBeLessThan(15);
    expect(r.peakRssMB).toBeLessThan(RSS_MB);
    expectCleanStderr(r.stderr);
  });

  test('a directory of symlinks forming a 22-level diamond: each real directory walked once', async () => {
    const root = join(dir, 'diamond');
    mkdirSync(join(root, 'l0'), { recursive: true });
    writeFileSync(join(root, 'l0', 'node.log'), readFileSync(join(fixture, 'node-7001.log')));
    for (let i = 1; i <= 22; i++) {
      mkdirSync(join(root, `l${i}`));
      symlinkSync(`../l${i - 1}`, join(root, `l${i}`, 'a'));
      symlinkSync(`../l${i - 1}`, join(root, `l${i}`, 'b'));
    }
    const r = await cli(['analyze', join(root, 'l22'), '--format', 'json'], { timeoutS: 20 });
    expect(r.timedOut).toBe(false);
    expect([0, 1]).toContain(r.exitCode); // the verdict of one log alone
    expect(r.wallS).toBeLessThan(15);
    expectCleanStderr(r.stderr);
    // The file is read once (its 49 lines), the other routes are notes.
    expect(r.stdout).toContain('"lines": 49');
    expect((JSON.parse(r.stdout) as { inputs: Array<{ kind: string }> }).inputs.filter((i) => i.kind === 'redis-log')).toHaveLength(1);
  });
});

describe('unbounded inputs', () => {
  test('/dev/zero or /dev/urandom as a path: refused at once', async () => {
    for (const dev of ['/dev/zero', '/dev/urandom']) {
      const r = await cli(['analyze', dev], { timeoutS: 20 });
      expectUnusable(r, new RegExp(`^failscope: ${dev}: not a regular file \\(a character device\\)`));
      expect(r.peakRssMB).toBeLessThan(RSS_MB);
    }
  });

  test('/dev/zero and /dev/urandom on standard input: refused within bounds', async () => {
    const zero = await cli(['analyze', '-'], { stdinFrom: '/dev/zero', timeoutS: 30 });
    expectUnusable(zero, /^failscope: -: not a log or snapshot: nothing but NUL bytes/);
    expect(zero.peakRssMB).toBeLessThan(RSS_MB);
    const random = await cli(['analyze', '-'], { stdinFrom: '/dev/urandom', timeoutS: 30 });
    expectUnusable(random, /^failscope: -: not a log or snapshot: binary data/);
    expect(random.peakRssMB).toBeLessThan(RSS_MB);
  });

  test('gzip bombs (1 GiB of newlines, one 1 GiB line) are refused under the memory bound', async () => {
    // Concatenated gzip members: a 1 GiB stream in a ~1 MB file, built without 1 GiB in memory.
    for (const [name, byte] of [
      ['newlines.gz', 10],
      ['one-line.gz', 97],
    ] as const) {
      const member = gzipSync(Buffer.alloc(16 << 20, byte), { level: 9 });
      const fd = openSync(join(dir, name), 'w');
      for (let i = 0; i < 64; i++) writeSync(fd, member);
      closeSync(fd);
      const r = await cli(['analyze', join(dir, name)], { timeoutS: 30 });
      expectUnusable(r, /gzip data inflates to more than \d+ bytes, 100x its \d+ compressed bytes: refused as a likely gzip bomb$/);
      expect(r.peakRssMB).toBeLessThan(RSS_MB);
    }
  });

  test('a 50 MB line is cut and skipped with a diagnostic; the lines around it are read', async () => {
    const f = join(dir, 'huge-line.log');
    const fd = openSync(f, 'w');
    writeSync(fd, '1:M 21 Jun 2021 07:28:21.434 # Cluster state changed: ok\n');
    const piece = Buffer.alloc(1 << 20, 'x');
    for (let i = 0; i < 50; i++) writeSync(fd, piece);
    writeSync(fd, '\n1:M 21 Jun 2021 07:28:22.434 # Cluster state changed: fail\n');
    closeSync(fd);
    const r = await cli(['analyze', f, '--format', 'json'], { timeoutS: 30 });
    expect([0, 1]).toContain(r.exitCode); // ok then fail: the verdict may be a cluster-down finding
    expect(r.peakRssMB).toBeLessThan(RSS_MB);
    expectCleanStderr(r.stderr);
    expect(r.stderr).toContain('huge-line.log:2: line longer than 65536 bytes: skipped');
    expect(r.stdout).toContain('"lines": 3');
    expect(r.stdout).toContain('"understood": 2');
    expect(r.stdout).toContain('"unknown": 1');
  });
});

describe('nothing skipped without a word', () => {
  test('a log whose head is a NUL hole (copytruncate) is read after the hole, with a diagnostic and in inputs', async () => {
    const d = join(dir, 'rotated');
    mkdirSync(d);
    writeFileSync(join(d, 'node.log'), Buffer.concat([Buffer.alloc(1 << 20), readFileSync(join(fixture, 'node-7001.log'))]));
    writeFileSync(join(d, 'zeros.log'), Buffer.alloc(4096));
    writeFileSync(join(d, 'truth.json'), '{"faults": []}\n');
    const r = await cli(['analyze', d, '--format', 'json'], { timeoutS: 30 });
    expect([0, 1]).toContain(r.exitCode);
    expectCleanStderr(r.stderr);
    expect(r.stderr).toContain('rotated/node.log:1: skipped 1048576 NUL bytes before this line');
    expect(r.stderr).toContain('rotated/zeros.log: skipped: nothing but NUL bytes (4096)');
    expect(r.stderr).toContain('rotated/truth.json: skipped: a JSON document');
    const doc = JSON.parse(r.stdout) as { inputs: Array<{ source: string; kind: string; lines: number; skipped?: string }> };
    const by = new Map(doc.inputs.map((i) => [i.source.replace(/^.*\//, ''), i]));
    expect(by.get('node.log')).toMatchObject({ kind: 'redis-log', lines: 49, skipped: '1048576 NUL bytes in 1 hole' });
    expect(by.get('zeros.log')).toMatchObject({ kind: 'skipped', lines: 0, skipped: 'nothing but NUL bytes (4096)' });
    expect(by.get('truth.json')).toMatchObject({ kind: 'skipped', skipped: 'a JSON document' });
    const stats = await cli(['timeline', d, '--stats']);
    expect(stats.stdout).toMatch(/rotated\/zeros\.log\s+skipped\s+0/);
  });

  test('a FIFO inside a directory is skipped with a warning; named on the line it is refused', async () => {
    const d = join(dir, 'with-fifo');
    mkdirSync(d);
    writeFileSync(join(d, 'node.log'), readFileSync(join(fixture, 'node-7001.log')));
    execFileSync('mkfifo', [join(d, 'pipe')]);
    const r = await cli(['timeline', d, '--stats'], { timeoutS: 20 });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('with-fifo/pipe: skipped: not a regular file (a FIFO)');
    const named = await cli(['timeline', join(d, 'pipe')], { timeoutS: 20 });
    expectUnusable(named, /pipe: not a regular file \(a FIFO\); pipe it in and name it - instead$/);
  });
});

describe('terminal injection', () => {
  test('escape sequences from input lines are shown as cat -v shows them, on stdout and stderr', async () => {
    const d = join(dir, 'esc');
    mkdirSync(d);
    // A file name with ESC ] 0 ; … BEL (sets the title) shows in the text timeline's source column.
    const f = join(d, 'esc\x1b]0;pwned\x07.log');
    writeFileSync(
      f,
      '1:M 21 Jun 2021 07:28:21.434 # Cluster state changed: ok\n' +
        // A CLUSTER NODES-looking line whose id is an escape sequence: its warning quotes the id.
        '\x1b[2J\x9b31m 127.0.0.1:7004@17004 master - 0 0 1 connected\n',
    );
    const r = await cli(['timeline', d, '--stats']);
    expect(r.exitCode).toBe(0);
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(r.stdout + r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(r.stdout).toContain('esc^[]0;pwned^G.log:1');
    expect(r.stderr).toContain("bad node id '^[[2JM-^[31m'");
    for (const format of ['text', 'markdown']) {
      const a = await cli(['analyze', d, '--format', format]);
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      expect(a.stdout + a.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    }
    // A path with a newline and an escape keeps its reason, on one line.
    const e = await cli(['analyze', join(dir, 'no\nsuch\x1b[2J.log')]);
    expectUnusable(e, /no\^Jsuch\^\[\[2J\.log: no such file or directory$/);
    // JSON keeps the data exact (JSON.stringify escapes C0 controls itself).
    const j = await cli(['timeline', d, '--format', 'json']);
    expect(j.stdout).toContain('esc\\u001b]0;pwned\\u0007.log');
  });
});

describe('usage errors and internal errors', () => {
  test('usage mistakes are one line with the failscope: prefix, exit 2', async () => {
    for (const args of [
      ['analyze', '--bogus', 'x'],
      ['analyze'],
      ['nonsense'],
      ['analyze', 'x', '--year', '99999'],
      ['analyze', 'x', '--node-timeout', '99999999999999'],
    ]) {
      const r = await cli(args);
      expect(r.exitCode).toBe(2);
      const lines = r.stderr.split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^failscope: /);
    }
    const e = await cli(['analyze', '--html', '', fixture]);
    expectUnusable(e, /^failscope: /);
  });

  test('--debug is accepted before or after the command', async () => {
    for (const args of [
      ['--debug', 'analyze', join(fixture, 'missing')],
      ['analyze', join(fixture, 'missing'), '--debug'],
    ]) {
      const r = await cli(args);
      expectUnusable(r, /missing: no such file or directory$/);
    }
  });
});

test('the fixture dir exists (guards the paths above)', () => {
  expect(existsSync(join(fixture, 'node-7001.log'))).toBe(true);
});
