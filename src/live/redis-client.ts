// One place that builds ioredis connections for the live tools, tuned to report failures instead of
// hiding them: no offline queue, no retries, short command timeouts, fast reconnects.
import { Redis } from 'ioredis';
import type { Address } from '../model/ids.ts';

export interface NodeClientOptions {
  /** Per-command timeout; a stopped (SIGSTOP) or sleeping server shows up as TIMEOUT after this. */
  commandTimeoutMs: number;
  /** Delay between reconnect attempts after the connection dropped. */
  reconnectDelayMs?: number;
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
  return { host: address.slice(0, i), port: Number(address.slice(i + 1)) };
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
