// Bad targets give one clear line and exit 2 (an InputError/ConfigError the CLI prints as
// `failscope: <message>`), fast: nothing listening (base+2), a plain redis-server without
// cluster-enabled (base), a cluster node with requirepass (base+1), and TLS both ways (a TLS-only node on
// base+10 with client certificates). Bus ports base+10000…; the base is a free block found at run time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { captureCommand, type CaptureOptions } from '../../src/commands/capture.ts';
import { drillCommand, type DrillOptions } from '../../src/commands/drill.ts';
import { LocalCluster } from '../../src/live/local-cluster.ts';
import { ConfigError, InputError } from '../../src/model/diagnostic.ts';
import { freePortBlock } from '../helpers/ports.ts';

// A free block chosen at run time (test/helpers/ports.ts); FAILSCOPE_TEST_BAD_PORT pins it.
const base = await freePortBlock(11, process.env.FAILSCOPE_TEST_BAD_PORT);
const PLAIN = base; // redis-server, cluster-enabled no
const AUTH = base + 1; // cluster node, requirepass s3cret, DEBUG disabled
const NOTHING = base + 2; // nothing listens
const TLS = base + 10; // cluster node, TLS only

/** What the CLI does with a known error: its first line (cli.ts main). */
async function failure(p: Promise<unknown>): Promise<{ error: Error; ms: number }> {
  const t0 = Date.now();
  try {
    await p;
  } catch (error) {
    return { error: error as Error, ms: Date.now() - t0 };
  }
  throw new Error('expected the command to fail');
}

function expectExit2(f: { error: Error; ms: number }, message: RegExp): void {
  if (process.env.FAILSCOPE_TEST_VERBOSE) console.log(`${f.ms} ms: failscope: ${f.error.message}`);
  expect(f.error instanceof InputError || f.error instanceof ConfigError, String(f.error.stack)).toBe(true);
  expect(f.error.message).not.toContain('\n');
  expect(f.error.message).toMatch(message);
  expect(f.ms).toBeLessThan(3000);
}

describe('bad targets', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'failscope-bad-target-'));
  const plain = new LocalCluster({ baseDir: path.join(dir, 'nodes'), ports: [PLAIN], extraConfig: ['cluster-enabled no'] });
  const auth = new LocalCluster({
    baseDir: path.join(dir, 'nodes'),
    ports: [AUTH],
    password: 's3cret',
    extraConfig: ['enable-debug-command no'],
  });
  const tlsDir = path.join(dir, 'tls');
  let tls: LocalCluster;
  const capture = (o: Partial<CaptureOptions>) =>
    captureCommand({ seed: `127.0.0.1:${PLAIN}`, out: path.join(dir, 'out'), duration: '300ms', progress: () => {}, env: {}, ...o });
  const drill = (o: Partial<DrillOptions>) =>
    drillCommand({
      seed: `127.0.0.1:${PLAIN}`,
      out: path.join(dir, 'drill'),
      fault: 'pause',
      target: `127.0.0.1:${PLAIN}`,
      progress: () => {},
      env: {},
      ...o,
    });

  beforeAll(async () => {
    // A CA, and one certificate signed by it that the server and the client both use.
    const ossl = (...args: string[]) => execFileSync('openssl', args, { cwd: tlsDir, stdio: 'ignore' });
    execFileSync('mkdir', ['-p', tlsDir]);
    ossl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-subj',
      '/CN=failscope test CA',
      '-days',
      '2',
    );
    ossl(
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      'node.key',
      '-out',
      'node.csr',
      '-subj',
      '/CN=127.0.0.1',
    );
    ossl('x509', '-req', '-in', 'node.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'node.crt', '-days', '2');
    tls = new LocalCluster({
      baseDir: path.join(dir, 'nodes'),
      ports: [TLS],
      tls: { caFile: path.join(tlsDir, 'ca.crt'), certFile: path.join(tlsDir, 'node.crt'), keyFile: path.join(tlsDir, 'node.key') },
    });
    for (const c of [plain, auth, tls]) await c.prepare();
    await Promise.all([plain.startNode(PLAIN), auth.startNode(AUTH), tls.startNode(TLS)]);
    // A one-node cluster serving every slot.
    await tls.call(TLS, 'CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
  }, 60_000);

  afterAll(async () => {
    for (const c of [plain, auth, tls]) await c?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('nothing listening: one line, exit 2, fast (capture and drill)', async () => {
    expectExit2(
      await failure(capture({ seed: `127.0.0.1:${NOTHING}` })),
      new RegExp(`^127\\.0\\.0\\.1:${NOTHING}: connection refused \\(nothing listening there\\?\\)$`),
    );
    expectExit2(await failure(drill({ seed: `127.0.0.1:${NOTHING}` })), /connection refused/);
  });

  it('a plain redis-server (cluster-enabled no): not a cluster', async () => {
    const f = await failure(capture({}));
    expectExit2(f, new RegExp(`^127\\.0\\.0\\.1:${PLAIN}: not a cluster node: the server runs with cluster-enabled no`));
    expectExit2(await failure(drill({})), /not a cluster node/);
  });

  it('requirepass: no password, a wrong one (also as an ACL user), then the right one from REDISCLI_AUTH', async () => {
    expectExit2(await failure(capture({ seed: `127.0.0.1:${AUTH}` })), /: authentication required \(give --pass or -a/);
    expectExit2(
      await failure(capture({ seed: `127.0.0.1:${AUTH}`, pass: 'wrong' })),
      /: authentication failed: WRONGPASS invalid username-password pair/,
    );
    expectExit2(await failure(capture({ seed: `127.0.0.1:${AUTH}`, user: 'default', pass: 'wrong' })), /WRONGPASS/);
    expectExit2(await failure(drill({ seed: `127.0.0.1:${AUTH}`, target: `127.0.0.1:${AUTH}`, pass: 'wrong' })), /WRONGPASS/);
    const out = path.join(dir, 'auth-ok');
    const r = await capture({ seed: `127.0.0.1:${AUTH}`, out, env: { REDISCLI_AUTH: 's3cret' } });
    expect(r.exitCode).toBe(0);
    // A node that never met another lists itself without an IP.
    expect(readFileSync(path.join(out, `snapshots-${AUTH}.txt`), 'utf8')).toContain(` :${AUTH}@${AUTH + 10000} myself,master`);
  });

  it('drill refuses what it cannot do, before doing anything: DEBUG disabled, unknown target, a failover without replica', async () => {
    const seed = `127.0.0.1:${AUTH}`;
    for (const fault of ['pause', 'segfault'] as const)
      expectExit2(
        await failure(drill({ seed, target: seed, fault, pass: 's3cret', out: path.join(dir, 'd1') })),
        new RegExp(
          `^${seed} refuses DEBUG \\(ERR DEBUG command not allowed\\); --fault ${fault} needs it: set enable-debug-command to local \\(or yes\\) in that node's redis.conf and restart it \\(CONFIG SET cannot change it\\); nothing was done$`,
        ),
      );
    expect(existsSync(path.join(dir, 'd1')), 'the drill wrote nothing').toBe(false);
    expectExit2(
      await failure(drill({ seed, target: '127.0.0.1:9', pass: 's3cret', out: path.join(dir, 'd2') })),
      /--target 127\.0\.0\.1:9 is not a node of this cluster/,
    );
    expectExit2(
      await failure(drill({ seed, target: 'abcdef12', pass: 's3cret', out: path.join(dir, 'd3') })),
      /--target abcdef12: no node id starts with it/,
    );
    expectExit2(
      await failure(drill({ seed, target: seed, fault: 'failover', pass: 's3cret', out: path.join(dir, 'd4') })),
      /is a master without slots|has no healthy replica/,
    );
    expectExit2(
      await failure(drill({ seed, target: seed, fault: 'explode' })),
      /--fault must be one of segfault, pause, failover, takeover, force/,
    );
  });

  it('TLS: capture with --tls --cacert --cert --key; a plain client, or TLS to a plain port, gets one line', async () => {
    const certs = {
      tls: true,
      cacert: path.join(tlsDir, 'ca.crt'),
      cert: path.join(tlsDir, 'node.crt'),
      key: path.join(tlsDir, 'node.key'),
    };
    const out = path.join(dir, 'tls-out');
    // A TLS handshake on a loaded CI machine can take longer than the default 500 ms poll timeout: give
    // the first round time to answer (the assertions are about what TLS capture writes, not its speed).
    const r = await capture({ seed: `127.0.0.1:${TLS}`, out, ...certs, duration: '1s', timeout: '3s' });
    expect(r.exitCode).toBe(0);
    const text = readFileSync(path.join(out, `snapshots-${TLS}.txt`), 'utf8');
    expect(text).toContain(` :${TLS}@${TLS + 10000} myself,master - 0 0 0 connected 0-16383\n`);
    expect(text).toContain('cluster_slots_assigned:16384\r\n');
    // Verifying the chain needs the CA; --insecure skips it (the server still wants our certificate).
    expectExit2(
      await failure(capture({ seed: `127.0.0.1:${TLS}`, tls: true, cert: certs.cert, key: certs.key })),
      /TLS handshake failed: .*(self.signed|issuer|verify)/i,
    );
    expect(
      (
        await capture({
          seed: `127.0.0.1:${TLS}`,
          out: path.join(dir, 'tls-insecure'),
          tls: true,
          insecure: true,
          cert: certs.cert,
          key: certs.key,
          duration: '1s',
          timeout: '3s',
        })
      ).exitCode,
    ).toBe(0);
    expectExit2(
      await failure(capture({ seed: `127.0.0.1:${TLS}` })),
      /^127\.0\.0\.1:\d+: (connection reset by the server \(a TLS port\? try --tls\)|no answer within|does not speak the Redis protocol|cannot connect)/,
    );
    expectExit2(
      await failure(capture({ seed: `127.0.0.1:${PLAIN}`, ...certs })),
      /TLS handshake failed: .*(not a TLS port\? drop --tls)|no answer within .* \(a plain port\? drop --tls\)/,
    );
    expectExit2(
      await failure(capture({ seed: `127.0.0.1:${TLS}`, tls: true, cacert: path.join(dir, 'missing.crt') })),
      /^--cacert .*missing\.crt: cannot read \(ENOENT\)$/,
    );
  });
});
