// Reaching a cluster from the command line: the redis-cli connection options (AUTH and TLS) turned into
// client options, `host:port` parsing, and the seed check every live command runs first. The seed check
// is one connection attempt with short timeouts and no retry, and turns every way a target can be wrong
// (nothing listening, not Redis, not a cluster, wrong password, TLS mismatch) into one clear sentence.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import { ConfigError, InputError } from '../model/diagnostic.ts';
import type { Address } from '../model/ids.ts';
import { myselfOf, parseClusterNodesText, type LiveNode } from './cluster-view.ts';
import { createCheckClient, splitAddress, type ConnectionOptions } from './redis-client.ts';

/**
 * The connection options of redis-cli (redis 7.0 src/redis-cli.c parseOptions / usage): `--user`,
 * `--pass` / `-a`, the `REDISCLI_AUTH` environment variable (used when no password option is given),
 * `--tls`, `--sni`, `--cacert`, `--cacertdir`, `--cert`, `--key`, `--insecure`.
 */
export interface ConnectionCliOptions {
  user?: string;
  pass?: string;
  tls?: boolean;
  sni?: string;
  cacert?: string;
  cacertdir?: string;
  cert?: string;
  key?: string;
  insecure?: boolean;
  /** Environment for REDISCLI_AUTH (default process.env). */
  env?: NodeJS.ProcessEnv;
}

function readPem(option: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new ConfigError(`${option} ${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** redis-cli's options → client connection options. Unreadable certificate files are a ConfigError. */
export function connectionFromCli(o: ConnectionCliOptions): ConnectionOptions {
  const out: ConnectionOptions = {};
  const password = o.pass ?? (o.env ?? process.env).REDISCLI_AUTH;
  if (password !== undefined && password !== '') out.password = password;
  if (o.user !== undefined && o.user !== '') {
    if (out.password === undefined) throw new ConfigError('--user needs a password (--pass, -a or REDISCLI_AUTH)');
    out.username = o.user;
  }
  const tlsAsked =
    o.tls ||
    o.sni !== undefined ||
    o.cacert !== undefined ||
    o.cacertdir !== undefined ||
    o.cert !== undefined ||
    o.key !== undefined ||
    o.insecure;
  if (tlsAsked && !o.tls) throw new ConfigError('--sni, --cacert, --cacertdir, --cert, --key and --insecure need --tls');
  if (!o.tls) return out;
  if ((o.cert === undefined) !== (o.key === undefined)) throw new ConfigError('--cert and --key go together');
  const tls: TlsConnectionOptions = {
    // Like redis-cli (hiredis redisCreateSSLContext with SSL_VERIFY_PEER): the server's chain is verified
    // against the CA (or the system store) unless --insecure, but its name is not matched against the
    // address dialled; --sni only sets the name sent in the handshake.
    rejectUnauthorized: !o.insecure,
    checkServerIdentity: () => undefined,
  };
  const ca: Buffer[] = [];
  if (o.cacert !== undefined) ca.push(readPem('--cacert', o.cacert));
  if (o.cacertdir !== undefined) {
    let names: string[];
    try {
      names = readdirSync(o.cacertdir).sort();
    } catch (err) {
      throw new ConfigError(`--cacertdir ${o.cacertdir}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    for (const n of names) {
      const f = path.join(o.cacertdir, n);
      if (/\.(pem|crt|cer)$/i.test(n) && statSync(f).isFile()) ca.push(readPem('--cacertdir', f));
    }
  }
  if (ca.length > 0) tls.ca = ca;
  if (o.cert !== undefined && o.key !== undefined) {
    tls.cert = readPem('--cert', o.cert);
    tls.key = readPem('--key', o.key);
  }
  if (o.sni !== undefined) tls.servername = o.sni;
  out.tls = tls;
  return out;
}

/**
 * `host:port`, `[v6]:port`, or a bare host (port 6379, redis-cli's default) → the address the tools use
 * (`host:port`, IPv6 without brackets as CLUSTER NODES prints it). Bad syntax is a ConfigError.
 */
export function parseHostPort(text: string, option = '--seed'): Address {
  const t = text.trim();
  let host: string;
  let port = '6379';
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(t);
  if (v6) {
    host = v6[1];
    if (v6[2] !== undefined) port = v6[2];
  } else if ((t.match(/:/g) ?? []).length > 1) {
    host = t; // a bare IPv6 address
  } else {
    const i = t.lastIndexOf(':');
    host = i < 0 ? t : t.slice(0, i);
    if (i >= 0) port = t.slice(i + 1);
  }
  const n = Number(port);
  if (host === '' || !/^\d+$/.test(port) || n < 1 || n > 65535) throw new ConfigError(`${option} must be host:port, got '${text}'`);
  return `${host}:${n}`;
}

/** True for 127.0.0.0/8, ::1, ::ffff:127.x and `localhost`: the only targets a drill hits without --yes. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

export function isLoopbackAddress(address: Address): boolean {
  return isLoopbackHost(splitAddress(address).host);
}

/** What a seed told us: its own CLUSTER NODES line and everybody else's. */
export interface SeedView {
  address: Address;
  nodes: LiveNode[];
  myself: LiveNode;
  /** The raw reply. */
  text: string;
}

interface ErrLike {
  name?: string;
  code?: string;
  message?: string;
}

/**
 * One sentence for why a node could not be used, from the error of the command and the errors the
 * connection emitted on the way (ioredis reports a failed AUTH as an `error` event, then rejects the
 * command with "Connection is closed.").
 */
export function describeConnectFailure(err: unknown, events: readonly unknown[], timeoutMs: number, tls: boolean): string {
  const all = [...events, err].map((e) => (e ?? {}) as ErrLike);
  const text = (e: ErrLike) => String(e.message ?? e);
  const find = (re: RegExp) => all.find((e) => re.test(text(e)) || re.test(e.code ?? ''));
  let e: ErrLike | undefined;
  // Reply errors: redis 7.0 src/server.c (NOAUTH, cluster support disabled), src/acl.c (WRONGPASS, NOPERM).
  if ((e = find(/^WRONGPASS/))) return `authentication failed: ${text(e)}`;
  if ((e = find(/^NOAUTH/))) return 'authentication required (give --pass or -a, with --user for an ACL user, or set REDISCLI_AUTH)';
  if ((e = find(/called without any password configured/))) return `authentication failed: ${text(e)}`;
  if ((e = find(/cluster support disabled/)))
    return 'not a cluster node: the server runs with cluster-enabled no (ERR This instance has cluster support disabled)';
  if ((e = find(/^NOPERM/))) return `permission denied: ${text(e)}`;
  if ((e = find(/^LOADING/))) return `the server is still loading its data set (${text(e)})`;
  if (find(/^ECONNREFUSED$/)) return 'connection refused (nothing listening there?)';
  if (find(/^(ENOTFOUND|EAI_AGAIN)$/)) return 'unknown host';
  if (find(/^(EHOSTUNREACH|ENETUNREACH)$/)) return 'host unreachable';
  if ((e = find(/Unknown RESP type|Protocol error/i)))
    return tls ? `does not speak the Redis protocol over TLS (${text(e)})` : 'does not speak the Redis protocol (a TLS port? try --tls)';
  if ((e = all.find((x) => /SSL|TLS|CERT|certificate|self.signed|wrong version number/i.test(`${x.code ?? ''} ${text(x)}`))))
    return `TLS handshake failed: ${text(e)}${/wrong version number|packet length/i.test(text(e)) ? ' (not a TLS port? drop --tls)' : ''}`;
  if (find(/^(ECONNRESET|EPIPE)$/))
    return tls ? 'connection reset during the TLS handshake' : 'connection reset by the server (a TLS port? try --tls)';
  if (find(/^ETIMEDOUT$|timed out/i)) return `no answer within ${timeoutMs} ms${tls ? ' (a plain port? drop --tls)' : ''}`;
  const reply = all.find((x) => x.name === 'ReplyError');
  if (reply) return `refused CLUSTER NODES: ${text(reply)}`;
  const first = all.find((x) => text(x) !== 'Connection is closed.') ?? all[0];
  return `cannot connect (${text(first)})`;
}

/**
 * Connect once to `address` (short timeouts, no retry, no reconnect) and read CLUSTER NODES. Anything
 * that makes the node unusable throws an InputError naming the address, e.g.
 * `127.0.0.1:7000: connection refused (nothing listening there?)`.
 */
export async function checkSeed(address: Address, connection: ConnectionOptions = {}, timeoutMs = 2000): Promise<SeedView> {
  const { host } = splitAddress(address);
  const events: unknown[] = [];
  const redis = createCheckClient(address, connection, timeoutMs, {
    enableReadyCheck: false,
    autoResendUnfulfilledCommands: false,
    reconnectOnError: () => false,
  });
  redis.on('error', (err: unknown) => events.push(err));
  let timer: NodeJS.Timeout | undefined;
  try {
    const attempt = (async () => {
      await redis.connect();
      return String(await redis.call('CLUSTER', 'NODES'));
    })();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })), timeoutMs * 2 + 500);
    });
    const text = await Promise.race([attempt, deadline]);
    attempt.catch(() => {});
    const nodes = parseClusterNodesText(text);
    const myself = myselfOf(nodes);
    if (!myself) throw new InputError(address, 0, 'CLUSTER NODES reply has no myself line (not a Redis Cluster node?)');
    // A node that never met another one does not know its own IP yet and lists itself as `:port`.
    if (myself.address.startsWith(':')) myself.address = `${host}${myself.address}`;
    return { address, nodes, myself, text };
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(address, 0, describeConnectFailure(err, events, timeoutMs, connection.tls !== undefined));
  } finally {
    if (timer) clearTimeout(timer);
    redis.disconnect(false);
  }
}
