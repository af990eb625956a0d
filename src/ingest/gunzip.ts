// Streaming gzip inflate for the synchronous line reader (issue 15: a large .gz was inflated whole by
// gunzipSync, so a 1 GiB log in a 60 MB archive took over 1 GiB of memory and showed no progress).
//
// Node's synchronous zlib has no streaming form (zlib.js processChunkSync closes its handle after one
// call), and the parse stage reads lines synchronously. So a worker thread inflates the file with the
// node:zlib stream and hands the output over in chunks on a MessagePort; this thread blocks on
// Atomics.wait until a chunk is posted and takes it with receiveMessageOnPort. At most PENDING chunks
// are in flight, so memory stays bounded whatever the size, and the inflate runs on the other core
// while this one parses.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { type LineVisitor, visitReaderLines } from './lines.ts';

/** Why a gzip stream could not be read whole. */
export interface GzipFailure {
  /** `limit`: the output passed the allowance; `io`: the file could not be read; `zlib`: bad data. */
  readonly kind: 'limit' | 'io' | 'zlib';
  /** The error's code (ENOENT, Z_BUF_ERROR, …) and message, as node:fs or node:zlib gave them. */
  readonly code: string;
  readonly message: string;
}

/** Thrown by visitGzipFileLines; source.ts turns it into an InputError naming the file. */
export class GzipReadError extends Error {
  readonly failure: GzipFailure;
  constructor(failure: GzipFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

/** Output chunk size of the inflate stream, and of each slot of the ring the chunks are copied into. */
const CHUNK = 256 * 1024;
/** Slots in the ring: 2 MiB in flight at most, written by the worker, read here, never reallocated. */
const SLOTS = 8;

// The shared memory: Int32 header slots, then each ring slot's length (-1: the end, -2: a failure whose
// details follow on the port), then the compressed bytes read so far (a Float64, for the progress line;
// read without a lock, it only has to be roughly right), then the ring itself.
const POSTED = 0; // slots the worker has filled
const TAKEN = 1; // slots this thread has read
const STOP = 2; // this thread gave up early: the worker stops
const HEADER = 4;
const LENGTHS = HEADER * 4;
const STORED = LENGTHS + SLOTS * 4;
const RING = STORED + 8;
const END = -1;
const FAIL = -2;

// The worker runs as an eval'd CommonJS script (a file would need a path that differs between dist/
// and the TypeScript sources the tests run), so it is plain JavaScript kept small.
const WORKER = `
const { workerData } = require('node:worker_threads');
const { createReadStream } = require('node:fs');
const { createGunzip } = require('node:zlib');
const { pipeline } = require('node:stream');
const { port, shared, path, limit } = workerData;
const state = new Int32Array(shared, 0, ${HEADER});
const lengths = new Int32Array(shared, ${LENGTHS}, ${SLOTS});
const stored = new Float64Array(shared, ${STORED}, 1);
const ring = new Uint8Array(shared, ${RING}, ${SLOTS * CHUNK});
let done = false;
let file = null;
let gunzip = null;
/** Wait for a free slot; false when the reader stopped. */
function free() {
  for (;;) {
    if (Atomics.load(state, ${STOP}) !== 0) return false;
    const taken = Atomics.load(state, ${TAKEN});
    if (Atomics.load(state, ${POSTED}) - taken < ${SLOTS}) return true;
    Atomics.wait(state, ${TAKEN}, taken);
  }
}
function post(length) {
  lengths[Atomics.load(state, ${POSTED}) % ${SLOTS}] = length;
  Atomics.add(state, ${POSTED}, 1);
  Atomics.notify(state, ${POSTED});
}
function fail(kind, err) {
  if (done) return;
  done = true;
  if (file) file.destroy();
  if (gunzip) gunzip.destroy();
  port.postMessage({ kind, code: String((err && err.code) || ''), message: String((err && err.message) || '') });
  if (free()) post(${FAIL});
}
process.on('uncaughtException', (err) => fail('zlib', err));
// One pass over the file: 'count' only counts the output (then streams it if within the limit),
// 'stream' copies it into the ring.
function run(mode) {
  let out = 0;
  file = createReadStream(path, { highWaterMark: ${CHUNK} });
  gunzip = createGunzip({ chunkSize: ${CHUNK} });
  if (mode === 'stream') file.on('data', (b) => { stored[0] += b.length; });
  gunzip.on('data', (b) => {
    if (done) return;
    out += b.length;
    if (out > limit) return fail('limit', null);
    if (mode === 'count') return;
    for (let at = 0; at < b.length; at += ${CHUNK}) {
      if (!free()) { done = true; file.destroy(); gunzip.destroy(); return; }
      const part = b.subarray(at, at + ${CHUNK});
      ring.set(part, (Atomics.load(state, ${POSTED}) % ${SLOTS}) * ${CHUNK});
      post(part.length);
    }
  });
  pipeline(file, gunzip, (err) => {
    if (done) return;
    if (err) return fail(err.syscall ? 'io' : 'zlib', err);
    if (mode === 'count') return run('stream');
    done = true;
    if (free()) post(${END});
  });
}
run(workerData.count ? 'count' : 'stream');
`;

/**
 * Visit every line of the gzip file at `absPath` (every member, as gunzip reads them), inflating at
 * most `limit` bytes. `onStored` is told the compressed bytes read so far, now and then. With
 * `countFirst` the worker first inflates the file only to count its bytes, so data past the limit is
 * refused before any line is visited (for a file that looks like a bomb: twice the inflate). Throws
 * GzipReadError when the data is bad or too large, or the file cannot be read; lines before the fault
 * have been visited by then. An exception from `visit` stops the worker and propagates.
 */
export function visitGzipFileLines(
  absPath: string,
  limit: number,
  visit: LineVisitor,
  opts: { onStored?: (bytes: number) => void; countFirst?: boolean } = {},
): void {
  const { onStored, countFirst = false } = opts;
  const shared = new SharedArrayBuffer(RING + SLOTS * CHUNK);
  const state = new Int32Array(shared, 0, HEADER);
  const lengths = new Int32Array(shared, LENGTHS, SLOTS);
  const stored = new Float64Array(shared, STORED, 1);
  const ring = new Uint8Array(shared, RING, SLOTS * CHUNK);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { port: port2, shared, path: absPath, limit, count: countFirst },
    transferList: [port2],
    // The worker's garbage is the stream's chunk buffers: a small young generation collects it soon.
    // (No old-generation limit: a worker stopped for memory would leave this thread waiting.)
    resourceLimits: { maxYoungGenerationSizeMb: 4 },
  });
  worker.unref();
  let taken = 0;
  // The slot being read: its bytes are ring[at, stop); `ended` once the END slot was seen.
  let at = 0;
  let stop = 0;
  let holding = false;
  let ended = false;
  let told = 0;
  const release = () => {
    holding = false;
    taken++;
    Atomics.store(state, TAKEN, taken);
    Atomics.notify(state, TAKEN);
  };
  /** Wait for the next slot; false at the end. */
  const next = (): boolean => {
    while (Atomics.load(state, POSTED) === taken) Atomics.wait(state, POSTED, taken);
    if (onStored && stored[0]! - told >= 1 << 20) onStored((told = stored[0]!));
    const slot = taken % SLOTS;
    const length = lengths[slot]!;
    if (length === END) return false;
    if (length === FAIL) {
      const got = receiveMessageOnPort(port1);
      throw new GzipReadError(got ? (got.message as GzipFailure) : { kind: 'zlib', code: '', message: 'the inflating thread stopped' });
    }
    at = slot * CHUNK;
    stop = at + length;
    holding = true;
    return true;
  };
  let finished = false;
  try {
    visitReaderLines((target, offset, length) => {
      let n = 0;
      while (n < length && !ended) {
        if (!holding) {
          if (!next()) ended = true;
          continue;
        }
        const k = Math.min(length - n, stop - at);
        target.set(ring.subarray(at, at + k), offset + n);
        at += k;
        n += k;
        if (at === stop) release();
      }
      return n;
    }, visit);
    finished = true;
  } finally {
    port1.close();
    if (!finished) {
      Atomics.store(state, STOP, 1);
      Atomics.notify(state, TAKEN);
      void worker.terminate();
    }
  }
}
