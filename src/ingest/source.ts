import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { constants as zc, gunzipSync } from 'node:zlib';
import { InputError } from '../model/diagnostic.ts';
import { HEAD_BYTES, judgeContent } from './content.ts';
import { GzipReadError, visitGzipFileLines } from './gunzip.ts';
import { type LineVisitor, visitBufferLines, visitReaderLines } from './lines.ts';

/** One input, ready to be read. Pure description plus a way to read its lines; no parsing. */
export interface SourceInput {
  /** Display path: relative POSIX path from the working directory (or as given), `-` for stdin. */
  readonly path: string;
  /** Where the bytes come from. */
  readonly origin: 'file' | 'stdin' | 'pipe';
  /** Modification time (UTC ms) of the file; for stdin and pipes, the time they were read. */
  readonly mtimeMs: number;
  /** UTC year of `mtimeMs`: the year year-less stamps get when no `--year` is given. */
  readonly mtimeYear: number;
  readonly compression: 'none' | 'gzip';
  /** Size in bytes as stored (compressed size for gzip). */
  readonly size: number;
  /**
   * Visit every physical line in order (see LineVisitor). Throws InputError when the bytes cannot
   * be read or decompressed (truncated or corrupt gzip). `onStored`, when given, is told now and
   * then how many bytes as stored (compressed, for gzip) have been read: the progress line's count.
   */
  readLines(visit: LineVisitor, onStored?: (bytes: number) => void): void;
  /**
   * How the bytes are framed: lines (logs, snapshots, NDJSON), or one JSON document whose records
   * are log lines (a log store's export, content.ts). Absent means lines.
   */
  readonly layout?: 'lines' | 'json-document';
  /** The whole content (decompressed); for `json-document` inputs. Throws InputError like readLines. */
  readBytes?(): Buffer;
  /** Read as it arrives (standard input): `size` is only the head's, and the lines can be read once. */
  readonly streamed?: true;
}

/** Standard input whose head is read and judged text, and whose rest `read` gives (fs.readSync-shaped). */
export interface StdinStream {
  readonly head: Buffer;
  readonly read: (target: Buffer, offset: number, length: number) => number;
}

/** Inflated gzip data may be this many times its compressed size (logs compress 3–30×; gzip's own limit is ~1032×). */
export const MAX_GZIP_RATIO = 100;
/** …and at least this much whatever its compressed size, and never more than MAX_GZIP_BYTES. */
const MIN_GZIP_ALLOWANCE = 64 << 20;
/**
 * Data inflated whole (stdin, a log store's JSON document) is held in memory while it is read: the
 * absolute bound there. A gzip file of lines is inflated as a stream (gunzip.ts) and has only the ratio.
 */
export const MAX_GZIP_BYTES = 1 << 30;

/**
 * How many bytes `compressed` bytes of gzip may inflate to (issue #18: a 1 GiB bomb took 2.1 GB);
 * `streamed` data is never held whole, so only the ratio bounds it.
 */
export function gzipAllowance(compressed: number, streamed = false): number {
  const byRatio = Math.max(MIN_GZIP_ALLOWANCE, compressed * MAX_GZIP_RATIO);
  return streamed ? byRatio : Math.min(MAX_GZIP_BYTES, byRatio);
}

function tooLarge(path: string, limit: number, compressed: number): InputError {
  const why =
    limit === MAX_GZIP_BYTES
      ? `gzip data inflates to more than ${MAX_GZIP_BYTES} bytes; decompress it and give the file instead`
      : `gzip data inflates to more than ${limit} bytes, ${MAX_GZIP_RATIO}x its ${compressed} compressed bytes: refused as a likely gzip bomb`;
  return new InputError(path, 0, why);
}

function badGzip(path: string, msg: string): InputError {
  const why = /unexpected end/i.test(msg) ? 'truncated gzip data (unexpected end of file)' : `corrupt gzip data (${msg})`;
  return new InputError(path, 0, why);
}

function gunzipOrThrow(path: string, data: Buffer): Buffer {
  const limit = gzipAllowance(data.length);
  try {
    return gunzipSync(data, { maxOutputLength: limit });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(path, limit, data.length);
    throw badGzip(path, (err as Error).message);
  }
}

/** The first decompressed bytes of gzip data, for judging (a corrupt stream judges as nothing). */
function gunzipHead(data: Buffer): Buffer {
  try {
    return gunzipSync(data.subarray(0, 4096), { finishFlush: zc.Z_SYNC_FLUSH, maxOutputLength: HEAD_BYTES });
  } catch {
    return Buffer.alloc(0);
  }
}

function ioError(path: string, err: unknown): InputError {
  const e = err as NodeJS.ErrnoException;
  const why = e.code === 'ENOENT' ? 'no such file or directory' : e.code === 'EACCES' ? 'permission denied' : `cannot read (${e.message})`;
  return new InputError(path, 0, why);
}

function openOrThrow(path: string, absPath: string): number {
  try {
    return openSync(absPath, 'r');
  } catch (err) {
    throw ioError(path, err);
  }
}

/** A regular file, read with one reused buffer; gzip files are inflated as a stream (gunzip.ts). */
export class FileSource implements SourceInput {
  readonly origin = 'file' as const;
  readonly path: string;
  readonly absPath: string;
  readonly mtimeMs: number;
  readonly mtimeYear: number;
  readonly compression: 'none' | 'gzip';
  readonly size: number;
  readonly layout: 'lines' | 'json-document';
  constructor(
    path: string,
    absPath: string,
    mtimeMs: number,
    compression: 'none' | 'gzip',
    size: number,
    layout: 'lines' | 'json-document' = 'lines',
  ) {
    this.layout = layout;
    this.path = path;
    this.absPath = absPath;
    this.mtimeMs = mtimeMs;
    this.mtimeYear = new Date(mtimeMs).getUTCFullYear();
    this.compression = compression;
    this.size = size;
  }
  readBytes(): Buffer {
    let data: Buffer;
    try {
      data = readFileSync(this.absPath);
    } catch (err) {
      throw ioError(this.path, err);
    }
    return this.compression === 'gzip' ? gunzipOrThrow(this.path, data) : data;
  }
  /** The ISIZE field that ends a gzip file (0 when the file is too short to hold one). */
  private lastMemberSize(): number {
    if (this.size < 18) return 0;
    const tail = Buffer.alloc(4);
    const fd = openOrThrow(this.path, this.absPath);
    try {
      return readSync(fd, tail, 0, 4, this.size - 4) === 4 ? tail.readUInt32LE(0) : 0;
    } catch (err) {
      throw ioError(this.path, err);
    } finally {
      closeSync(fd);
    }
  }
  readLines(visit: LineVisitor, onStored?: (bytes: number) => void): void {
    if (this.compression === 'gzip') {
      // The allowance is judged on the size seen by the walk (stat), as before.
      const limit = gzipAllowance(this.size, true);
      // A stream is refused only once it passes the allowance, after its lines up to there were
      // parsed. The last member's trailer (ISIZE, its length mod 2^32: RFC 1952 §2.3.1) tells the
      // common bomb, whose output is at least that long: such a file is inflated once just to count
      // before any line is parsed (its trailer may be garbage too, if the file is cut short).
      const countFirst = this.lastMemberSize() > limit;
      try {
        visitGzipFileLines(this.absPath, limit, visit, { ...(onStored ? { onStored } : {}), countFirst });
      } catch (err) {
        if (!(err instanceof GzipReadError)) throw err;
        const f = err.failure;
        if (f.kind === 'limit') throw tooLarge(this.path, limit, this.size);
        if (f.kind === 'io') throw ioError(this.path, Object.assign(new Error(f.message), { code: f.code }));
        throw badGzip(this.path, f.message);
      }
      return;
    }
    const fd = openOrThrow(this.path, this.absPath);
    try {
      visitReaderLines((target, offset, length) => {
        try {
          return readSync(fd, target, offset, length, null);
        } catch (err) {
          throw ioError(this.path, err);
        }
      }, visit);
    } finally {
      closeSync(fd);
    }
  }
}

/** Bytes already in memory: stdin, a pipe, or a test. */
export class MemorySource implements SourceInput {
  readonly path: string;
  readonly origin: 'stdin' | 'pipe' | 'file';
  readonly mtimeMs: number;
  readonly mtimeYear: number;
  readonly compression: 'none' | 'gzip';
  readonly size: number;
  readonly layout: 'lines' | 'json-document';
  private readonly data: Buffer;
  constructor(path: string, data: Buffer, mtimeMs: number, origin: 'stdin' | 'pipe' | 'file' = 'stdin') {
    this.path = path;
    this.data = data;
    this.origin = origin;
    this.mtimeMs = mtimeMs;
    this.mtimeYear = new Date(mtimeMs).getUTCFullYear();
    this.compression = data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b ? 'gzip' : 'none';
    this.size = data.length;
    this.layout =
      judgeContent(this.compression === 'gzip' ? gunzipHead(data) : data.subarray(0, HEAD_BYTES)).kind === 'export'
        ? 'json-document'
        : 'lines';
  }
  readBytes(): Buffer {
    return this.compression === 'gzip' ? gunzipOrThrow(this.path, this.data) : this.data;
  }
  readLines(visit: LineVisitor): void {
    visitBufferLines(this.compression === 'gzip' ? gunzipOrThrow(this.path, this.data) : this.data, visit);
  }
}

/** A source from a string (tests, library callers); `mtimeMs` stands for the file's modification time. */
export function sourceFromText(path: string, text: string | Buffer, mtimeMs: number): SourceInput {
  return new MemorySource(path, typeof text === 'string' ? Buffer.from(text, 'utf8') : text, mtimeMs, 'file');
}

/**
 * Standard input read as it arrives: its judged head, then the rest a chunk at a time, so a log
 * piped in (`kubectl logs … | failscope analyze -`) is held no more than a file is. It can be read
 * once; there is no length bound, as for a file.
 */
export class StreamSource implements SourceInput {
  readonly path: string;
  readonly origin = 'stdin' as const;
  readonly mtimeMs: number;
  readonly mtimeYear: number;
  readonly compression = 'none' as const;
  readonly size: number;
  readonly streamed = true as const;
  private stream: StdinStream | null;
  constructor(path: string, stream: StdinStream, mtimeMs: number) {
    this.path = path;
    this.stream = stream;
    this.mtimeMs = mtimeMs;
    this.mtimeYear = new Date(mtimeMs).getUTCFullYear();
    this.size = stream.head.length;
  }
  readLines(visit: LineVisitor): void {
    const stream = this.stream;
    if (!stream) throw new Error(`${this.path}: standard input was already read`);
    this.stream = null;
    let at = 0;
    visitReaderLines((target, offset, length) => {
      if (at < stream.head.length) {
        const n = stream.head.copy(target, offset, at, Math.min(stream.head.length, at + length));
        at += n;
        return n;
      }
      try {
        return stream.read(target, offset, length);
      } catch (err) {
        throw new InputError(this.path, 0, `cannot read standard input (${(err as Error).message})`);
      }
    }, visit);
  }
}
