import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../../bin/failscope.js');
const run = (args: string[], input?: string) => spawnSync('node', [bin, ...args], { input, encoding: 'utf8' });

describe('failscope CLI basics', () => {
  it('--version prints the package version and exits 0', () => {
    const r = run(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('--help lists the timeline command and exits 0', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('timeline');
  });

  it('an unknown option is a usage error: one line of reason, exit 2', () => {
    const r = run(['timeline', '--no-such-option', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--no-such-option'");
  });

  it('a missing file gives one line naming it and exit 2, no stack trace', () => {
    const r = run(['timeline', '/nonexistent/node-a.log']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('/nonexistent/node-a.log');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown --tz is a configuration error with exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-cli-'));
    const f = join(dir, 'a.log');
    writeFileSync(f, '1:M 21 Jun 2021 07:28:21.435 # Cluster state changed: fail\n');
    const r = run(['timeline', '--tz', 'Mars/Olympus', f]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Mars/Olympus');
  });

  it('reads stdin as -, and prints the event with UTC time and file:line', () => {
    const out = execFileSync('node', [bin, 'timeline', '-', '--format', 'json'], {
      input: '1:M 21 Jun 2021 07:28:21.435 # Cluster state changed: fail\n',
      encoding: 'utf8',
    });
    const events = JSON.parse(out) as Array<Record<string, unknown>>;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      at: '2021-06-21T07:28:21.435Z',
      kind: 'cluster.state',
      source: '-',
      line: 1,
      text: 'Cluster state changed: fail',
    });
  });

  it('--tz shifts zone-less stamps to UTC', () => {
    const out = execFileSync('node', [bin, 'timeline', '-', '--format', 'json', '--tz', 'Asia/Seoul'], {
      input: '1:M 21 Jun 2021 16:28:21.435 # Cluster state changed: fail\n',
      encoding: 'utf8',
    });
    expect((JSON.parse(out) as Array<{ at: string }>)[0].at).toBe('2021-06-21T07:28:21.435Z');
  });
});
