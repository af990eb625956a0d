// issue #17: what `npm pack` ships, installed as a user would install it, run from another directory.
// The tarball is built by the package's own prepack script; dependencies come from npm's cache
// (`npm ci` filled it), so the test needs no network on a machine that ran `npm ci`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'failscope-pack-'));
const npm = (args: string[], cwd: string) =>
  spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });

describe('the npm package', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('packs what it needs (LICENSE, schema, the CLI) and nothing of the bench or recorder; installs without warnings; analyses an incident from elsewhere', () => {
    const pack = npm(['pack', '--json', '--pack-destination', work], root);
    expect(pack.status, pack.stderr).toBe(0);
    const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = info.files.map((f) => f.path);
    for (const f of [
      'LICENSE',
      'README.md',
      'package.json',
      'bin/failscope.js',
      'schema/expect.schema.json',
      'dist/src/cli.js',
      'dist/grammars/cluster-nodes/index.js',
    ])
      expect(files, f).toContain(f);
    expect(files.filter((f) => /^dist\/(bench|fixtures|scripts)\/|\.map$|tsbuildinfo|^test\/|^src\//.test(f))).toEqual([]);

    const prefix = join(work, 'prefix');
    const install = npm(
      ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(work, info.filename)],
      work,
    );
    expect(install.status, install.stderr).toBe(0);
    expect(install.stderr).not.toMatch(/install-scripts|prepare/);

    // From a directory that is not the checkout, on a bundled incident given by its absolute path.
    const elsewhere = mkdtempSync(join(work, 'elsewhere-'));
    const bin = join(prefix, 'bin', 'failscope');
    const incident = join(root, 'fixtures/incidents/master-sigkill');
    const run = spawnSync(bin, ['analyze', incident, '--node-timeout', '2000'], {
      cwd: elsewhere,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([
      'Verdict: PASS (0 errors, 2 warnings)',
      'Node timeout: 2000 ms (from --node-timeout)',
    ]);
    expect(run.stdout).toMatch(/automatic: aeb48d83 \(127\.0\.0\.1:7001\) -> 1963c6f1 \(127\.0\.0\.1:7004\), slots 5461-10922, epoch 4/);
    const version = spawnSync(bin, ['--version'], { cwd: elsewhere, encoding: 'utf8' });
    expect(version.stdout.trim()).toBe('0.1.0');
  }, 300_000);
});
