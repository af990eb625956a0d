// One place that builds ioredis connections for the live tools, tuned to report failures instead of
// hiding them: no offline queue, no retries, short command timeouts, fast reconnects.
// ioredis (well kept, the client most Node services use, RESP2/3, TLS, ACL AUTH, per-command timeouts)
// rather than a hand-written protocol: the live tools need exactly its connection handling.
import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import { Redis, type RedisOptions } from 'ioredis';
import type { Address } from '../model/ids.ts';

/** How to reach a node: AUTH (password, or ACL user + password) and TLS, as redis-cli takes them. */
export interface ConnectionOptions {
  username?: string;
  password?: string;
  /** Set to speak TLS (node:tls options: ca, cert, key, servername, rejectUnauthorized …). */
  tls?: TlsConnectionOptions;
}

export interface NodeClientOptions {
  /** Per-command timeout; a stopped (SIGSTOP) or sleeping server shows up as TIMEOUT after this. */
  commandTimeoutMs: number;
  /** Delay between reconnect attempts after the connection dropped. */
  reconnectDelayMs?: number;
  /** AUTH / TLS (none by default). */
  connection?: ConnectionOptions;
}

/** An ioredis client for one node plus the last transport error it saw (for error classification). */
export interface NodeClient {
  address: Address;
  redis: Redis;
  /** Code of the last connection error (`ECONNREFUSED`, …), cleared when a connection is up again. */
  lastConnError: string | null;
}

export function splitAddress(address: Address): { host: string; port: number } {
  const i = address.lastIndexOf(':');
  const host = address.slice(0, i);
  // `[::1]:7000` as users write IPv6; CLUSTER NODES prints `::1:7000`.
  return { host: host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host, port: Number(address.slice(i + 1)) };
}

export function createNodeClient(address: Address, opts: NodeClientOptions): NodeClient {
  const { host, port } = splitAddress(address);
  const redis = new Redis({
    host,
    port,
    // RESP2, as redis-cli speaks by default: CLUSTER NODES / CLUSTER INFO come back as plain bulk strings.
    protocol: 2,
    // CLIENT SETINFO does not exist before Redis 7.2; skip it rather than send a failing command.
    disableClientInfo: true,
    enableOfflineQueue: false,
    enableReadyCheck: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: opts.commandTimeoutMs,
    connectTimeout: Math.max(opts.commandTimeoutMs, 200),
    retryStrategy: () => opts.reconnectDelayMs ?? 100,
    ...connectionFields(opts.connection),
  });
  const client: NodeClient = { address, redis, lastConnError: null };
  redis.on('error', (err: NodeJS.ErrnoException) => {
    client.lastConnError = typeof err.code === 'string' ? err.code : 'CONNECTION_ERROR';
  });
  redis.on('ready', () => {
    client.lastConnError = null;
  });
  return client;
}

/**
 * A client for one short check (the seed check, reading a setting): it connects on `connect()`, queues
 * nothing offline, retries and reconnects never, and gives up after `timeoutMs`; `extra` adds ioredis options.
 */
export function createCheckClient(
  address: Address,
  connection: ConnectionOptions | undefined,
  timeoutMs: number,
  extra: RedisOptions = {},
): Redis {
  const { host, port } = splitAddress(address);
  return new Redis({
    host,
    port,
    protocol: 2,
    disableClientInfo: true,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    retryStrategy: () => null,
    ...extra,
    ...connectionFields(connection),
  });
}

/** The ioredis fields for AUTH and TLS (only the ones that are set). */
export function connectionFields(c: ConnectionOptions | undefined): { username?: string; password?: string; tls?: TlsConnectionOptions } {
  const out: { username?: string; password?: string; tls?: TlsConnectionOptions } = {};
  if (c?.username !== undefined) out.username = c.username;
  if (c?.password !== undefined) out.password = c.password;
  if (c?.tls !== undefined) out.tls = c.tls;
  return out;
}

export function closeNodeClient(client: NodeClient): void {
  client.redis.disconnect(false);
}

/**
 * The class of a failed command, used as the key of error counts:
 * - a Redis error reply: its first word (`CLUSTERDOWN`, `MOVED`, `TRYAGAIN`, `LOADING`, `MASTERDOWN`, `ERR`…);
 * - `TIMEOUT`: no reply within the command timeout (server stopped, sleeping or unreachable);
 * - `ECONNREFUSED` (or another socket error code): not connected, last connect attempt failed so;
 * - `CONNECTION_LOST`: the connection closed while the command was in flight, or is down for no known reason.
 */
export function classifyError(err: unknown, client: NodeClient): { errorClass: string; message: string } {
  const e = err as { name?: string; message?: string; code?: string };
  const message = String(e?.message ?? err);
  if (e?.name === 'ReplyError') {
    const word = message.split(/\s/, 1)[0] ?? '';
    return { errorClass: /^[A-Z][A-Z_]*$/.test(word) ? word : 'ERR', message };
  }
  if (/timed out/i.test(message)) return { errorClass: 'TIMEOUT', message: 'Command timed out' };
  if (typeof e?.code === 'string' && e.code.startsWith('E')) return { errorClass: e.code, message };
  const status = client.redis.status;
  if (status !== 'ready' && status !== 'connect') {
    const errorClass = client.lastConnError ?? 'CONNECTION_LOST';
    return { errorClass, message: errorClass === 'CONNECTION_LOST' ? 'Connection lost' : errorClass };
  }
  return { errorClass: 'CONNECTION_LOST', message };
}
