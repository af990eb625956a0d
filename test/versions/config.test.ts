// Issue #13: the recorder writes a redis.conf each server version accepts (an old server refuses to start
// on an unknown option) and reads the version from the binary itself.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalCluster, serverBinaryVersion, versionAtLeast } from '../../src/live/local-cluster.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'failscope-versions-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function configFor(serverVersion: string | undefined, loglevel?: 'debug' | 'verbose'): Promise<string> {
  const port = 20990;
  const c = new LocalCluster({
    baseDir: path.join(dir, serverVersion ?? 'default'),
    ports: [port],
    serverVersion,
    loglevel,
    signalHooks: false,
  });
  await c.prepare();
  return readFileSync(path.join(c.nodeDir(port), 'redis.conf'), 'utf8');
}

describe('per-version redis.conf', () => {
  it('leaves enable-debug-command out before 7.0 (redis 6.2.16 src/config.c has no such option)', async () => {
    for (const v of ['3.0.7', '4.0.14', '6.2.16']) expect(await configFor(v)).not.toContain('enable-debug-command');
    for (const v of ['7.0.15', '7.4.1', '8.0.1', '255.255.255']) expect(await configFor(v)).toContain('enable-debug-command local\n');
    expect(await configFor(undefined)).toContain('enable-debug-command local\n');
  });

  it('sets the loglevel asked for (notice by default)', async () => {
    expect(await configFor('3.0.7', 'debug')).toContain('\nloglevel debug\n');
    expect(await configFor('5.0.14', 'verbose')).toContain('\nloglevel verbose\n');
    expect(await configFor('7.4.1')).toContain('\nloglevel notice\n');
  });

  it('compares versions numerically', () => {
    expect(versionAtLeast('7.0.0', 7, 0)).toBe(true);
    expect(versionAtLeast('6.2.16', 7, 0)).toBe(false);
    expect(versionAtLeast('10.0.1', 7, 0)).toBe(true);
    expect(versionAtLeast('7.10.0', 7, 2)).toBe(true);
  });

  it.skipIf(!existsSync('/usr/bin/redis-server'))("reads Debian's redis-server version from --version", async () => {
    // Debian's package version is `5:7.0.15-1…`: epoch, upstream version, Debian revision.
    const pkg = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'redis-server'], { encoding: 'utf8' });
    const upstream = /^(?:\d+:)?(\d+\.\d+\.\d+)/.exec(pkg)?.[1];
    expect(await serverBinaryVersion('/usr/bin/redis-server')).toBe(upstream);
  });

  it('refuses a binary that is no Redis or Valkey server, with one clear line', async () => {
    await expect(serverBinaryVersion('/bin/true')).rejects.toThrow(/not a Redis or Valkey server/);
  });
});
