// The progress line a long read shows on a terminal: `reading 412.3 of 1073.7 MB (38%), 96.1 MB/s,
// ETA 7 s`. Pure: it is told the time and the bytes, and says what to write; cli.ts writes it to
// stderr, and only when stderr is a terminal and --quiet is not given.

/** A run shorter than this shows no progress at all. */
export const PROGRESS_AFTER_MS = 1500;
/** The line is redrawn at most this often. */
const REDRAW_MS = 100;

/** Carriage return and erase-to-end-of-line: the line rewrites itself in place. */
const CLEAR = '\r\u001b[K';

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

function eta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.ceil(seconds));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export class ProgressLine {
  private readonly startMs: number;
  private readonly afterMs: number;
  private lastDrawMs = -Infinity;
  private drawn = false;
  private done = false;

  /** `afterMs`: how long a run reads before the line shows (PROGRESS_AFTER_MS unless told). */
  constructor(startMs: number, afterMs: number = PROGRESS_AFTER_MS) {
    this.startMs = startMs;
    this.afterMs = afterMs;
  }

  /**
   * What to write for `read` of `total` bytes at `nowMs`: a redrawn line, or '' (too soon, too short
   * a run). `total` is Infinity when an input's length is not known until its end (standard input).
   */
  update(read: number, total: number, nowMs: number): string {
    if (this.done) return '';
    const elapsed = nowMs - this.startMs;
    const finished = read >= total;
    if (elapsed < this.afterMs) return '';
    if (!finished && nowMs - this.lastDrawMs < REDRAW_MS) return '';
    this.lastDrawMs = nowMs;
    this.drawn = true;
    const rate = elapsed > 0 ? read / 1e6 / (elapsed / 1000) : 0;
    // Standard input read as it arrives: no total, so no share and no ETA.
    if (total === Infinity) return `${CLEAR}reading ${mb(read)} MB, ${rate.toFixed(1)} MB/s`;
    if (finished) {
      this.done = true;
      return `${CLEAR}read ${mb(total)} MB in ${(elapsed / 1000).toFixed(1)} s (${rate.toFixed(1)} MB/s); analysing…`;
    }
    const pct = total > 0 ? Math.floor((read / total) * 100) : 0;
    const left = rate > 0 ? (total - read) / 1e6 / rate : Infinity;
    return `${CLEAR}reading ${mb(read)} of ${mb(total)} MB (${pct}%), ${rate.toFixed(1)} MB/s, ETA ${eta(left)}`;
  }

  /** What erases the line at the end of the run ('' when nothing was drawn). */
  clear(): string {
    if (!this.drawn) return '';
    this.drawn = false;
    this.done = true;
    return CLEAR;
  }
}
