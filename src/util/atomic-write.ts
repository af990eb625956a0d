// The one writer of output files (report, --html, --junit, init-expect, drill.json, truth.json, the
// capture manifest): readers see the old file or the whole new one, never a part.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { OutputError } from '../model/diagnostic.ts';

/** The system calls the writer makes; tests pass a writeSync that fails part-way (a full disk). */
export interface WriteOps {
  writeSync: (fd: number, buf: Uint8Array, offset: number, length: number) => number;
  fsyncSync: (fd: number) => void;
}
const REAL_OPS: WriteOps = { writeSync: (fd, buf, off, len) => writeSync(fd, buf, off, len), fsyncSync };

/** Bytes handed to one writeSync call: a large string is encoded a piece at a time. */
const PIECE = 1 << 20;

/** Temp files being written right now (removed on exit or, with exitOnSignals, on a signal). */
const live = new Set<string>();
let exitHookInstalled = false;

function removeLive(): void {
  for (const t of live) rmSync(t, { force: true });
  live.clear();
}

/**
 * For a command-line process: on SIGTERM, SIGINT or SIGHUP remove any temp file and exit with
 * 128 + the signal number, as the default action would have ended it. Writes are synchronous, so the
 * handler runs between them and no signal can end the process half-way through one (without a
 * handler the default action could, leaving the temp file). Commands that stop gracefully on Ctrl-C
 * (capture, drill) keep their own handlers instead.
 */
export function exitOnSignals(): void {
  const codes = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
  for (const sig of Object.keys(codes) as Array<keyof typeof codes>)
    process.once(sig, () => {
      removeLive();
      process.exit(128 + codes[sig]);
    });
}

/** The reason for an errno, in the words `df` and `ls` would use. */
function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOENT':
      return 'no such directory';
    case 'ENOTDIR':
      return 'a parent is not a directory';
    case 'EIO':
      return 'input/output error';
    default:
      return e.message ?? String(err);
  }
}

/** An I/O failure while writing `path`, as the one line the CLI prints (exit 2). */
export function outputError(path: string, err: unknown): OutputError {
  return err instanceof OutputError ? err : new OutputError(path, reason(err));
}

function* pieces(data: string | Uint8Array | Iterable<string | Uint8Array>): Generator<Uint8Array> {
  if (typeof data === 'string') {
    // Encode a string in pieces: a 300 MB report must not need a second 300 MB buffer.
    let i = 0;
    while (i < data.length) {
      let end = Math.min(data.length, i + PIECE);
      // Do not split a surrogate pair.
      if (end < data.length && (data.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++;
      yield Buffer.from(data.slice(i, end), 'utf8');
      i = end;
    }
    return;
  }
  if (data instanceof Uint8Array) {
    yield data;
    return;
  }
  for (const c of data) yield typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
}

/** Write all of `buf` (writeSync may write less than asked); 0 bytes written is a full disk. */
function writeAll(ops: WriteOps, fd: number, buf: Uint8Array): void {
  let off = 0;
  while (off < buf.length) {
    const n = ops.writeSync(fd, buf, off, buf.length - off);
    if (!(n > 0)) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    off += n;
  }
}

/** A temp file being written beside its target; commit() renames it over the target, abort() removes it. */
class AtomicFile {
  private fd: number | null = null;
  private readonly tmp: string = '';
  private readonly path: string;
  private readonly ops: WriteOps;
  bytes = 0;
  constructor(path: string, ops: WriteOps, makeDirs: boolean | undefined) {
    this.path = path;
    this.ops = ops;
    if (path === '') throw new OutputError('', 'empty output file name');
    if (makeDirs) {
      try {
        mkdirSync(dirname(path), { recursive: true });
      } catch (err) {
        throw new OutputError(path, reason(err));
      }
    }
    try {
      if (statSync(path).isDirectory()) throw new OutputError(path, 'is a directory');
    } catch (err) {
      if (err instanceof OutputError) throw err;
    }
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.on('exit', removeLive);
    }
    this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    try {
      this.fd = openSync(this.tmp, 'wx', 0o644);
      live.add(this.tmp);
    } catch (err) {
      this.abort(err);
    }
  }

  write(data: string | Uint8Array | Iterable<string | Uint8Array>): void {
    try {
      for (const buf of pieces(data)) {
        writeAll(this.ops, this.fd!, buf);
        this.bytes += buf.length;
      }
    } catch (err) {
      this.abort(err);
    }
  }

  /** fsync, close, rename over the target, then fsync the directory (best effort). */
  commit(): number {
    try {
      this.ops.fsyncSync(this.fd!);
      closeSync(this.fd!);
      this.fd = null;
      renameSync(this.tmp, this.path);
      live.delete(this.tmp);
    } catch (err) {
      this.abort(err);
    }
    try {
      // The rename itself is durable only once the directory is synced (best effort: not every
      // file system lets a directory be opened).
      const dfd = openSync(dirname(this.path), 'r');
      try {
        fsyncSync(dfd);
      } finally {
        closeSync(dfd);
      }
    } catch {
      // ignore
    }
    return this.bytes;
  }

  /** Remove the temp file and throw: OutputError for an I/O failure, anything else as it came. */
  abort(err: unknown, asItCame = false): never {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // already failing; the first error is the one to report
      }
      this.fd = null;
    }
    if (this.tmp) {
      rmSync(this.tmp, { force: true });
      live.delete(this.tmp);
    }
    if (asItCame) throw err;
    throw new OutputError(this.path, reason(err));
  }
}

/**
 * Write `data` to `path` atomically: a temp file in the same directory, every byte checked, fsync,
 * rename over the target, fsync of the directory. Any failure removes the temp file, keeps the old
 * file and throws OutputError (`cannot write <path>: <reason>`; the CLI prints it and exits 2).
 * Returns the number of bytes written.
 */
export function writeFileAtomic(
  path: string,
  data: string | Uint8Array | Iterable<string | Uint8Array>,
  opts: { ops?: WriteOps; makeDirs?: boolean } = {},
): number {
  const file = new AtomicFile(path, opts.ops ?? REAL_OPS, opts.makeDirs);
  file.write(data);
  return file.commit();
}

/**
 * writeFileAtomic for output produced piece by piece, maybe asynchronously (the HTML report renders
 * its charts with promises): each piece is written as it comes and dropped, so only one is held. An
 * error thrown by the producer removes the temp file and is thrown again as it came (a bug stays a
 * bug); an I/O failure is OutputError as above.
 */
export async function writeFileAtomicFrom(
  path: string,
  source: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  opts: { ops?: WriteOps; makeDirs?: boolean } = {},
): Promise<number> {
  const file = new AtomicFile(path, opts.ops ?? REAL_OPS, opts.makeDirs);
  try {
    for await (const piece of source) file.write(piece);
  } catch (err) {
    if (err instanceof OutputError) throw err;
    file.abort(err, true);
  }
  return file.commit();
}
