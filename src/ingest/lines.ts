// Line framing over bytes. One reused buffer, native memchr (Buffer#indexOf) for newlines, no
// per-line allocation: issue #2 "Built for speed" measured readline at a fraction of this.

/**
 * Called once per physical line, in order. `buf[start, end)` holds the line without its `\n`
 * (a trailing `\r` is left for the parser). The view is only valid during the call.
 * `overlong` lines were cut at the line cap; the rest of the line was skipped.
 */
export type LineVisitor = (buf: Buffer, start: number, end: number, overlong: boolean) => void;

/** Lines longer than this are cut and flagged (a 10 MB line must not cost 10 MB). */
export const MAX_LINE_BYTES = 64 * 1024;
/** Read size of the reused buffer. */
export const CHUNK_BYTES = 1024 * 1024;

const NL = 10;

/** Visit every line of an in-memory buffer. */
export function visitBufferLines(data: Buffer, visit: LineVisitor, maxLine = MAX_LINE_BYTES): void {
  let p = 0;
  const n = data.length;
  while (p < n) {
    let nl = data.indexOf(NL, p);
    if (nl < 0) nl = n;
    if (nl - p > maxLine) visit(data, p, p + maxLine, true);
    else visit(data, p, nl, false);
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
    for (;;) {
      const got = read(buf, filled, buf.length - filled);
      const eof = got === 0;
      filled += got;
      const view = buf.subarray(0, filled);
      let p = 0;
      for (;;) {
        const nl = view.indexOf(NL, p);
        if (nl < 0) break;
        if (skipping) skipping = false;
        else if (nl - p > maxLine) visit(view, p, p + maxLine, true);
        else visit(view, p, nl, false);
        p = nl + 1;
      }
      if (eof) {
        if (p < filled && !skipping) {
          if (filled - p > maxLine) visit(view, p, p + maxLine, true);
          else visit(view, p, filled, false);
        }
        return;
      }
      const rest = filled - p;
      if (skipping) filled = 0;
      else if (rest > maxLine) {
        visit(view, p, p + maxLine, true);
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
