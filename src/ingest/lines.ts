// Line framing over bytes. One reused buffer, native memchr (Buffer#indexOf) for newlines, no
// per-line allocation: issue #2 "Built for speed" measured readline at a fraction of this.

/**
 * Called once per physical line, in order. `buf[start, end)` holds the line without its `\n`
 * (a trailing `\r` is left for the parser). The view is only valid during the call.
 * `overlong` lines were cut at the line cap; the rest of the line was skipped.
 * `hole` counts the NUL bytes skipped just before the line: a run of NULs where a line would start
 * is what `logrotate copytruncate` leaves while the server writes on at its old offset. A hole at
 * the very end of the data comes with an empty line.
 */
export type LineVisitor = (buf: Buffer, start: number, end: number, overlong: boolean, hole: number) => void;

/** Lines longer than this are cut and flagged (a 10 MB line must not cost 10 MB). */
export const MAX_LINE_BYTES = 64 * 1024;
/** Read size of the reused buffer. */
export const CHUNK_BYTES = 1024 * 1024;

const NL = 10;

/** Index of the first byte at or after `p` (before `n`) that is not NUL. */
function skipNul(b: Buffer, p: number, n: number): number {
  while (p < n && b[p] === 0) p++;
  return p;
}

/** Visit every line of an in-memory buffer. */
export function visitBufferLines(data: Buffer, visit: LineVisitor, maxLine = MAX_LINE_BYTES): void {
  let p = 0;
  const n = data.length;
  while (p < n) {
    let hole = 0;
    if (data[p] === 0) {
      const q = skipNul(data, p, n);
      hole = q - p;
      p = q;
      if (p === n) {
        visit(data, p, p, false, hole);
        return;
      }
    }
    let nl = data.indexOf(NL, p);
    if (nl < 0) nl = n;
    if (nl - p > maxLine) visit(data, p, p + maxLine, true, hole);
    else visit(data, p, nl, false, hole);
    p = nl + 1;
  }
}

let shared: Buffer | null = null;
let sharedBusy = false;

/**
 * Visit every line of a byte stream read by `read` (fs.readSync-shaped: fill `target` from
 * `offset`, up to `length` bytes, return the count, 0 at end). A partial line at the end of a
 * chunk is moved to the front of the buffer and completed by the next read; since a kept line is
 * never longer than `maxLine`, the buffer never grows.
 */
export function visitReaderLines(
  read: (target: Buffer, offset: number, length: number) => number,
  visit: LineVisitor,
  maxLine = MAX_LINE_BYTES,
  chunkBytes = CHUNK_BYTES,
): void {
  const size = Math.max(chunkBytes, maxLine * 2);
  let buf: Buffer;
  const useShared = !sharedBusy && size === CHUNK_BYTES;
  if (useShared) {
    if (!shared) shared = Buffer.allocUnsafe(CHUNK_BYTES);
    buf = shared;
    sharedBusy = true;
  } else buf = Buffer.allocUnsafe(size);
  try {
    let filled = 0;
    // Inside an overlong line whose head was already visited: drop bytes up to the next newline.
    let skipping = false;
    // NUL bytes skipped where the next line starts (a hole may span many reads).
    let hole = 0;
    for (;;) {
      const got = read(buf, filled, buf.length - filled);
      const eof = got === 0;
      filled += got;
      const view = buf.subarray(0, filled);
      let p = 0;
      for (;;) {
        if (!skipping && p < filled && view[p] === 0) {
          const q = skipNul(view, p, filled);
          hole += q - p;
          p = q;
          if (p === filled) break;
        }
        const nl = view.indexOf(NL, p);
        if (nl < 0) break;
        if (skipping) skipping = false;
        else {
          if (nl - p > maxLine) visit(view, p, p + maxLine, true, hole);
          else visit(view, p, nl, false, hole);
          hole = 0;
        }
        p = nl + 1;
      }
      if (eof) {
        if (p < filled && !skipping) {
          if (filled - p > maxLine) visit(view, p, p + maxLine, true, hole);
          else visit(view, p, filled, false, hole);
        } else if (hole > 0) visit(view, filled, filled, false, hole);
        return;
      }
      const rest = filled - p;
      if (skipping) filled = 0;
      else if (rest > maxLine) {
        visit(view, p, p + maxLine, true, hole);
        hole = 0;
        skipping = true;
        filled = 0;
      } else {
        if (p > 0 && rest > 0) buf.copy(buf, 0, p, filled);
        filled = rest;
      }
    }
  } finally {
    if (useShared) sharedBusy = false;
  }
}
