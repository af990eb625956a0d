// Paths → SourceInput[]: files, directories (recursively), gzip, stdin. Inputs are recognised by
// content, never by name: a directory may hold anything, and only what reads as text is kept.
import { closeSync, openSync, readSync } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { constants as zc, gunzipSync } from 'node:zlib';
import type { Diagnostic } from '../model/diagnostic.ts';
import { InputError } from '../model/diagnostic.ts';
import { type ContentVerdict, judgeContent } from './content.ts';
import { FileSource, MemorySource, type SourceInput } from './source.ts';

export interface IngestOptions {
  /** Standard input for the path `-` (default: process.stdin). */
  stdin?: NodeJS.ReadableStream | Buffer;
  /** Base of display paths (default: process.cwd()). */
  cwd?: string;
  /** Receives a note for every file skipped inside a directory (binary, HTML/JSON document, empty). */
  onDiagnostic?: (d: Diagnostic) => void;
  /** Clock for the "modification time" of stdin and pipes (default: Date.now). */
  now?: () => number;
}

/** First bytes read to judge a file. */
const HEAD_READ = 64 * 1024;
/** Compressed bytes inflated to judge a gzip file (bounded so a gzip bomb cannot hurt). */
const GZIP_HEAD_READ = 4 * 1024;

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

function readHead(abs: string): Buffer {
  const fd = openSync(abs, 'r');
  try {
    const buf = Buffer.allocUnsafe(HEAD_READ);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, HEAD_READ - n, null);
      if (got === 0) break;
      n += got;
      if (n === HEAD_READ) break;
    }
    return buf.subarray(0, n);
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
    throw new InputError(display, 0, /unexpected end/i.test(msg) ? 'truncated gzip data (unexpected end of file)' : `corrupt gzip data (${msg})`);
  }
  const v = judgeContent(out);
  if (v.kind === 'gzip') return { kind: 'binary', why: 'gzip inside gzip (decompress it first)' };
  return v;
}

function judgeFile(display: string, abs: string): { verdict: ContentVerdict; gzip: boolean } {
  const head = readHead(abs);
  const first = judgeContent(head);
  if (first.kind !== 'gzip') return { verdict: first, gzip: false };
  if (head.length < 18) throw new InputError(display, 0, 'truncated gzip data (unexpected end of file)');
  return { verdict: judgeGzipHead(display, head), gzip: true };
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
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

/** Check in-memory bytes (stdin, a pipe); throws InputError when they are not text. */
function memoryInput(display: string, data: Buffer, mtimeMs: number, origin: 'stdin' | 'pipe'): SourceInput {
  let v = judgeContent(data.subarray(0, HEAD_READ));
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
  const note = opts.onDiagnostic ?? (() => {});
  const out: SourceInput[] = [];
  const seenFiles = new Set<string>();
  let stdinUsed = false;

  const addFile = (display: string, abs: string, real: string, mtimeMs: number, size: number, explicit: boolean): boolean => {
    if (seenFiles.has(real)) return true;
    let judged: { verdict: ContentVerdict; gzip: boolean };
    try {
      judged = judgeFile(display, abs);
    } catch (err) {
      if (!explicit && !(err instanceof InputError)) {
        note({ severity: 'warning', source: display, line: 0, message: `skipped: ${ioError(display, err).message}` });
        return false;
      }
      throw ioError(display, err);
    }
    const v = judged.verdict;
    if (v.kind === 'binary') {
      if (explicit) throw new InputError(display, 0, `not a log or snapshot: ${v.why}`);
      note({ severity: 'info', source: display, line: 0, message: `skipped: ${v.why}` });
      return false;
    }
    if (!explicit && v.kind === 'document') {
      note({ severity: 'info', source: display, line: 0, message: `skipped: ${v.why}` });
      return false;
    }
    if (!explicit && v.kind === 'empty') {
      note({ severity: 'info', source: display, line: 0, message: 'skipped: empty file' });
      return false;
    }
    seenFiles.add(real);
    out.push(new FileSource(display, abs, mtimeMs, judged.gzip ? 'gzip' : 'none', size, v.kind === 'export' ? 'json-document' : 'lines'));
    return true;
  };

  const walk = async (dirAbs: string, dirDisplay: string, visiting: Set<string>): Promise<number> => {
    let names: string[];
    try {
      names = (await readdir(dirAbs)).filter((n) => !n.startsWith('.')).sort();
    } catch (err) {
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
        note({ severity: 'warning', source: display, line: 0, message: `skipped: ${ioError(display, err).message}` });
        continue;
      }
      if (st.isDirectory()) {
        const real = await realpath(abs);
        if (visiting.has(real)) continue; // symlink loop
        visiting.add(real);
        used += await walk(abs, display, visiting);
        visiting.delete(real);
      } else if (st.isFile()) {
        if (addFile(display, abs, await realpath(abs), st.mtimeMs, st.size, false)) used++;
      } else note({ severity: 'info', source: display, line: 0, message: 'skipped: not a regular file' });
    }
    return used;
  };

  for (const given of paths) {
    if (given === '-') {
      if (stdinUsed) continue;
      stdinUsed = true;
      const src = opts.stdin ?? process.stdin;
      let data: Buffer;
      try {
        data = Buffer.isBuffer(src) ? src : await readStream(src);
      } catch (err) {
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
      const real = await realpath(abs);
      const used = await walk(abs, display, new Set([real]));
      if (used === 0) throw new InputError(display, 0, 'directory holds no log or snapshot files');
    } else if (st.isFile()) {
      addFile(display, abs, await realpath(abs), st.mtimeMs, st.size, true);
    } else {
      // A pipe or device (`<(kubectl logs …)` gives /dev/fd/N): read it whole.
      let data: Buffer;
      try {
        data = await readFile(abs);
      } catch (err) {
        throw ioError(display, err);
      }
      out.push(memoryInput(display, data, now(), 'pipe'));
    }
  }
  return out;
}
