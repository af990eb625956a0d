// Paths → SourceInput[]: files, directories (recursively), gzip, stdin. Inputs are recognised by
// content, never by name: a directory may hold anything, and only what reads as text is kept.
import { closeSync, openSync, readSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { constants as zc, gunzipSync } from 'node:zlib';
import type { Diagnostic } from '../model/diagnostic.ts';
import { InputError } from '../model/diagnostic.ts';
import { type ContentVerdict, judgeContent } from './content.ts';
import { FileSource, MemorySource, StreamSource, type SourceInput, type StdinStream } from './source.ts';

export interface IngestOptions {
  /**
   * Standard input for the path `-` (default: process.stdin, read whole): bytes, a stream to read
   * whole, or a StdinStream whose head was judged and whose rest is read as the lines are (cli.ts).
   */
  stdin?: NodeJS.ReadableStream | Buffer | StdinStream;
  /** Base of display paths (default: process.cwd()). */
  cwd?: string;
  /** Receives a note for every file skipped inside a directory (binary, HTML/JSON document, empty). */
  onDiagnostic?: (d: Diagnostic) => void;
  /** Clock for the "modification time" of stdin and pipes (default: Date.now). */
  now?: () => number;
  /** Told the bytes read so far of all inputs' total (at least every MiB) while the sources' lines are read. */
  onProgress?: (read: number, total: number) => void;
}

/** First bytes read to judge a file. */
const HEAD_READ = 64 * 1024;
/** Compressed bytes inflated to judge a gzip file (bounded so a gzip bomb cannot hurt). */
const GZIP_HEAD_READ = 4 * 1024;
/** Directories nested deeper than this below a path given are not walked (with a diagnostic). */
export const MAX_DIR_DEPTH = 32;
/** A NUL run at the head of a file is scanned past up to this far (a copytruncate hole); beyond, binary. */
const MAX_HOLE_SCAN = 1 << 30;

function toPosix(p: string): string {
  return nodePath.sep === '/' ? p : p.split(nodePath.sep).join('/');
}

/** Relative POSIX path from `cwd` when the file lies under it, else the path as given. */
export function displayPath(given: string, abs: string, cwd: string): string {
  const rel = nodePath.relative(cwd, abs);
  if (rel !== '' && !rel.startsWith('..') && !nodePath.isAbsolute(rel)) return toPosix(rel);
  if (rel === '') return '.';
  return toPosix(nodePath.normalize(given));
}

/** Length of the run of NUL bytes at the start of `b`. */
function nulRun(b: Buffer): number {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  return i;
}

/** Fill `buf` from file position `pos`; the count read (less only at the end of the file). */
function readAt(fd: number, buf: Buffer, pos: number): number {
  let n = 0;
  for (;;) {
    const got = readSync(fd, buf, n, buf.length - n, pos + n);
    if (got === 0) return n;
    n += got;
    if (n === buf.length) return n;
  }
}

/**
 * The first bytes of a file after any run of NUL bytes at its head (what `logrotate copytruncate`
 * leaves while the server keeps writing at its old offset), and the length of that run. A file of
 * nothing but NULs (or a hole longer than MAX_HOLE_SCAN) returns `hole` and an empty or NUL head.
 */
function readHead(abs: string): { head: Buffer; hole: number } {
  const fd = openSync(abs, 'r');
  try {
    const buf = Buffer.allocUnsafe(HEAD_READ);
    let pos = 0;
    for (;;) {
      const n = readAt(fd, buf, pos);
      const z = nulRun(buf.subarray(0, n));
      if (z === 0) return { head: buf.subarray(0, n), hole: pos };
      pos += z;
      if (z < n) continue; // read again from the first real byte: a full window of content
      if (n < HEAD_READ) return { head: Buffer.alloc(0), hole: pos };
      if (pos >= MAX_HOLE_SCAN) return { head: buf.subarray(0, n), hole: 0 };
    }
  } finally {
    closeSync(fd);
  }
}

/** Judge decompressed content of a gzip head; throws InputError for a corrupt or truncated header. */
function judgeGzipHead(display: string, head: Buffer): ContentVerdict {
  let out: Buffer;
  try {
    out = gunzipSync(head.subarray(0, GZIP_HEAD_READ), { finishFlush: zc.Z_SYNC_FLUSH, maxOutputLength: 16 * 1024 * 1024 });
  } catch (err) {
    const msg = (err as Error).message;
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { kind: 'text' };
    throw new InputError(
      display,
      0,
      /unexpected end/i.test(msg) ? 'truncated gzip data (unexpected end of file)' : `corrupt gzip data (${msg})`,
    );
  }
  const v = judgeContent(out);
  if (v.kind === 'gzip') return { kind: 'binary', why: 'gzip inside gzip (decompress it first)' };
  return v;
}

function judgeFile(display: string, abs: string): { verdict: ContentVerdict; gzip: boolean; hole: number } {
  const { head, hole } = readHead(abs);
  if (hole > 0 && head.length === 0) return { verdict: { kind: 'binary', why: `nothing but NUL bytes (${hole})` }, gzip: false, hole: 0 };
  const first = judgeContent(head);
  if (hole > 0 && first.kind === 'gzip') return { verdict: { kind: 'binary', why: 'gzip data after NUL bytes' }, gzip: false, hole: 0 };
  if (first.kind !== 'gzip') return { verdict: first, gzip: false, hole };
  if (head.length < 18) throw new InputError(display, 0, 'truncated gzip data (unexpected end of file)');
  return { verdict: judgeGzipHead(display, head), gzip: true, hole: 0 };
}

/** Standard input is held in memory: at most this much (a file given by path is streamed instead). */
export const MAX_STDIN_BYTES = 1 << 30;
/** NUL bytes at the head of standard input looked past before it is called binary (/dev/zero). */
const MAX_STDIN_HOLE = 64 << 20;

/**
 * Collects standard input chunk by chunk under the bounds above, judging its head as soon as there
 * is one: /dev/urandom fails after 64 KiB, /dev/zero after 64 MiB, an endless text stream at 1 GiB.
 */
export class BoundedInput {
  private readonly chunks: Buffer[] = [];
  private total = 0;
  private hole = 0;
  private judged = false;
  private headKind: ContentVerdict['kind'] | null = null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly display: string;
  constructor(display: string) {
    this.display = display;
  }

  add(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.total > MAX_STDIN_BYTES)
      throw new InputError(this.display, 0, `standard input is longer than ${MAX_STDIN_BYTES} bytes; give the file by its path instead`);
    this.chunks.push(chunk);
    if (this.judged) return;
    let c = chunk;
    if (this.pendingBytes === 0) {
      const z = nulRun(c);
      this.hole += z;
      if (this.hole > MAX_STDIN_HOLE)
        throw new InputError(this.display, 0, `not a log or snapshot: nothing but NUL bytes (more than ${MAX_STDIN_HOLE})`);
      c = c.subarray(z);
      if (c.length === 0) return;
    }
    this.pending.push(c);
    this.pendingBytes += c.length;
    if (this.pendingBytes >= HEAD_READ) this.judge();
  }

  private judge(): void {
    this.judged = true;
    const head = Buffer.concat(this.pending).subarray(0, HEAD_READ);
    this.pending = [];
    const v = judgeContent(head);
    if (v.kind === 'binary') throw new InputError(this.display, 0, `not a log or snapshot: ${v.why}`);
    this.headKind = v.kind;
  }

  done(): Buffer {
    return this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.total);
  }

  /** True once the head was judged lines of text (not gzip, not one JSON document): the rest may be streamed. */
  streamable(): boolean {
    return this.headKind !== null && this.headKind !== 'gzip' && this.headKind !== 'export';
  }
}

/**
 * Standard input read by `read` (fs.readSync-shaped: fill `target` from `offset`, up to `length`
 * bytes, return the count, 0 at the end): its head is read and judged here under BoundedInput's
 * bounds; a text stream's rest is left to be read line by line (a StdinStream, held only a chunk at
 * a time), while a short input, gzip data or a log store's JSON document is read whole (a Buffer,
 * at most MAX_STDIN_BYTES).
 */
export function readStdinHead(read: (target: Buffer, offset: number, length: number) => number): Buffer | StdinStream {
  const input = new BoundedInput('-');
  const buf = Buffer.allocUnsafe(1 << 20);
  for (;;) {
    const n = read(buf, 0, buf.length);
    if (n === 0) return input.done();
    input.add(Buffer.from(buf.subarray(0, n))); // a copy of exactly n bytes: pipes give 64 KiB reads
    if (input.streamable()) return { head: input.done(), read };
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const input = new BoundedInput('-');
  for await (const chunk of stream as AsyncIterable<Buffer | string>) input.add(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return input.done();
}

function ioError(display: string, err: unknown): InputError {
  const e = err as NodeJS.ErrnoException;
  if (e instanceof InputError) return e;
  const why =
    e.code === 'ENOENT'
      ? 'no such file or directory'
      : e.code === 'EACCES'
        ? 'permission denied'
        : e.code === 'ELOOP'
          ? 'too many levels of symbolic links'
          : `cannot read (${e.message})`;
  return new InputError(display, 0, why);
}

const isStdinStream = (x: unknown): x is StdinStream =>
  typeof x === 'object' &&
  x !== null &&
  !Buffer.isBuffer(x) &&
  typeof (x as StdinStream).read === 'function' &&
  Buffer.isBuffer((x as StdinStream).head);

/** Check in-memory bytes (stdin); throws InputError when they are not text. */
function memoryInput(display: string, data: Buffer, mtimeMs: number, origin: 'stdin' | 'pipe'): SourceInput {
  const hole = nulRun(data.subarray(0, MAX_HOLE_SCAN));
  if (hole > 0 && hole === data.length) throw new InputError(display, 0, `not a log or snapshot: nothing but NUL bytes (${hole})`);
  let v = judgeContent(data.subarray(hole, hole + HEAD_READ));
  if (hole > 0 && v.kind === 'gzip') v = { kind: 'binary', why: 'gzip data after NUL bytes' };
  if (v.kind === 'gzip') v = judgeGzipHead(display, data);
  if (v.kind === 'binary') throw new InputError(display, 0, `not a log or snapshot: ${v.why}`);
  return new MemorySource(display, data, mtimeMs, origin);
}

/**
 * Resolve command-line paths into inputs, in the order given; a directory contributes its files
 * recursively in sorted order (hidden entries skipped). Throws InputError for a missing path, an
 * explicitly named binary file, a corrupt gzip header, or a directory without any usable file.
 */
export async function ingestPaths(paths: string[], opts: IngestOptions = {}): Promise<SourceInput[]> {
  const cwd = opts.cwd ?? process.cwd();
  const now = opts.now ?? Date.now;
  const report = opts.onDiagnostic ?? (() => {});
  // Every file or directory left out is a diagnostic the CLI prints (issue #18: nothing skipped silently).
  const skip = (source: string, message: string, severity: Diagnostic['severity'] = 'warning'): void =>
    report({ severity, source, line: 0, message: `skipped: ${message}`, skip: true });
  const out: SourceInput[] = [];
  // Files and directories by device and inode: each real file is read once, each real directory
  // walked once, whatever symlinks or hard links lead to it (a diamond of symlinks was walked
  // once per route: 2^20 walks at 20 levels).
  const seenFiles = new Map<string, string>();
  const seenDirs = new Map<string, string>();
  const key = (st: { dev: number; ino: number }): string => `${st.dev}:${st.ino}`;
  let stdinUsed = false;

  const addFile = (
    display: string,
    abs: string,
    st: { dev: number; ino: number; mtimeMs: number; size: number },
    explicit: boolean,
  ): boolean => {
    const k = key(st);
    const first = seenFiles.get(k);
    if (first !== undefined) {
      if (first !== display) skip(display, `the same file as ${first}`, 'info');
      return true;
    }
    let judged: { verdict: ContentVerdict; gzip: boolean; hole: number };
    try {
      judged = judgeFile(display, abs);
    } catch (err) {
      if (!explicit && !(err instanceof InputError)) {
        skip(display, ioError(display, err).message);
        return false;
      }
      throw ioError(display, err);
    }
    const v = judged.verdict;
    if (v.kind === 'binary') {
      if (explicit) throw new InputError(display, 0, `not a log or snapshot: ${v.why}`);
      skip(display, v.why);
      return false;
    }
    if (!explicit && v.kind === 'document') {
      skip(display, v.why, 'info');
      return false;
    }
    if (!explicit && v.kind === 'empty') {
      skip(display, 'empty file', 'info');
      return false;
    }
    seenFiles.set(k, display);
    out.push(
      new FileSource(display, abs, st.mtimeMs, judged.gzip ? 'gzip' : 'none', st.size, v.kind === 'export' ? 'json-document' : 'lines'),
    );
    return true;
  };

  const walk = async (dirAbs: string, dirDisplay: string, depth: number): Promise<number> => {
    let names: string[];
    try {
      names = (await readdir(dirAbs)).filter((n) => !n.startsWith('.')).sort();
    } catch (err) {
      if (depth > 0) {
        skip(dirDisplay, ioError(dirDisplay, err).message);
        return 0;
      }
      throw ioError(dirDisplay, err);
    }
    let used = 0;
    for (const name of names) {
      const abs = nodePath.join(dirAbs, name);
      const display = dirDisplay === '.' ? name : `${dirDisplay.replace(/\/+$/, '')}/${name}`;
      let st;
      try {
        st = await stat(abs);
      } catch (err) {
        skip(display, ioError(display, err).message);
        continue;
      }
      if (st.isDirectory()) {
        const k = key(st);
        const first = seenDirs.get(k);
        if (first !== undefined) {
          // A symlink loop or a second route to a directory already walked.
          skip(display, `the same directory as ${first}`, 'info');
          continue;
        }
        if (depth + 1 > MAX_DIR_DEPTH) {
          skip(display, `directory nested more than ${MAX_DIR_DEPTH} levels deep`);
          continue;
        }
        seenDirs.set(k, display);
        used += await walk(abs, display, depth + 1);
      } else if (st.isFile()) {
        if (addFile(display, abs, st, false)) used++;
      } else skip(display, `not a regular file (${specialKind(st)})`);
    }
    return used;
  };

  for (const given of paths) {
    if (given === '-') {
      if (stdinUsed) continue;
      stdinUsed = true;
      const src = opts.stdin ?? process.stdin;
      if (isStdinStream(src)) {
        out.push(new StreamSource('-', src, now()));
        continue;
      }
      let data: Buffer;
      try {
        data = Buffer.isBuffer(src) ? src : await readStream(src);
      } catch (err) {
        if (err instanceof InputError) throw err;
        throw new InputError('-', 0, `cannot read standard input (${(err as Error).message})`);
      }
      out.push(memoryInput('-', data, now(), 'stdin'));
      continue;
    }
    const abs = nodePath.resolve(cwd, given);
    const display = displayPath(given, abs, cwd);
    let st;
    try {
      st = await stat(abs);
    } catch (err) {
      throw ioError(toPosix(given), err);
    }
    if (st.isDirectory()) {
      const k = key(st);
      if (seenDirs.has(k)) continue;
      seenDirs.set(k, display);
      const used = await walk(abs, display, 0);
      if (used === 0) throw new InputError(display, 0, 'directory holds no log or snapshot files');
    } else if (st.isFile()) {
      addFile(display, abs, st, true);
    } else {
      // /dev/zero or /dev/urandom would be read without end; a FIFO could be too. Standard input
      // is the way in for a stream, with its own bound (see readStdin in cli.ts).
      throw new InputError(display, 0, `not a regular file (${specialKind(st)}); pipe it in and name it - instead`);
    }
  }
  return opts.onProgress ? counted(out, opts.onProgress) : out;
}

/** Sources that count the bytes they read for onProgress: line by line, a gzip file as it inflates, a document whole. */
function counted(sources: SourceInput[], onProgress: (read: number, total: number) => void): SourceInput[] {
  // A stream's length is known only at its end: the total is then unknown (Infinity).
  const total = sources.some((s) => s.streamed) ? Infinity : sources.reduce((n, s) => n + s.size, 0);
  let read = 0;
  let told = 0;
  const add = (n: number, force = false) => {
    read = Math.min(total, read + n);
    if (force || read - told >= 1 << 20 || read === total) {
      told = read;
      onProgress(read, total);
    }
  };
  return sources.map((s) => ({
    path: s.path,
    origin: s.origin,
    mtimeMs: s.mtimeMs,
    mtimeYear: s.mtimeYear,
    compression: s.compression,
    size: s.size,
    ...(s.layout ? { layout: s.layout } : {}),
    ...(s.streamed ? { streamed: s.streamed } : {}),
    readLines: (visit) => {
      if (s.compression === 'gzip') {
        // Compressed bytes, as the inflating worker reads them (gunzip.ts).
        let seen = 0;
        s.readLines(visit, (bytes) => {
          add(Math.min(s.size, bytes) - seen);
          seen = Math.min(s.size, bytes);
        });
        add(s.size - seen, true);
      } else {
        s.readLines((b, start, end, overlong, hole) => (add(end - start + 1 + hole), visit(b, start, end, overlong, hole)));
        add(0, true);
      }
    },
    ...(s.readBytes
      ? {
          readBytes: () => {
            const bytes = s.readBytes!();
            add(s.size, true);
            return bytes;
          },
        }
      : {}),
  }));
}

function specialKind(st: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a file or directory';
}
