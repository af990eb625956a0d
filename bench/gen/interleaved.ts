// One export holding every node: the 6 node logs of generateEpisodes merged by time into a single
// Loki `logcli --output=jsonl` file, each record labelled with its pod (issue 14: a 6-node
// interleaved file once cost super-linear time). Merged while reading, one line of each file held
// at a time, so the generator itself stays in constant memory.
import { closeSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import * as path from 'node:path';

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

class LineReader {
  private buf = Buffer.alloc(1 << 20);
  private start = 0;
  private end = 0;
  private eof = false;
  private readonly fd: number;
  constructor(fd: number) {
    this.fd = fd;
  }
  next(): string | null {
    for (;;) {
      const nl = this.buf.indexOf(10, this.start);
      if (nl >= 0 && nl < this.end) {
        const line = this.buf.toString('utf8', this.start, nl);
        this.start = nl + 1;
        return line;
      }
      if (this.eof) {
        if (this.start >= this.end) return null;
        const line = this.buf.toString('utf8', this.start, this.end);
        this.start = this.end;
        return line;
      }
      this.buf.copy(this.buf, 0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
      if (this.end === this.buf.length) this.buf = Buffer.concat([this.buf, Buffer.alloc(this.buf.length)]);
      const got = readSync(this.fd, this.buf, this.end, this.buf.length - this.end, null);
      if (got === 0) this.eof = true;
      this.end += got;
    }
  }
}

/** UTC ms of a `pid:R dd Mon yyyy HH:MM:SS.mmm` line, or null. */
function stampOf(line: string): number | null {
  const m = /^\d+:[MSCX] (\d\d) (\w{3}) (\d{4}) (\d\d):(\d\d):(\d\d)\.(\d{3}) /.exec(line);
  if (!m) return null;
  return Date.UTC(Number(m[3]), MONTHS[m[2]], Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7]));
}

/** Merge `dir`'s node-*.log files into `out` (jsonl) and delete them; returns bytes and lines written. */
export function interleaveIntoJsonl(files: string[], out: string): { bytes: number; lines: number } {
  const fds = files.map((f) => openSync(f, 'r'));
  const readers = fds.map((fd) => new LineReader(fd));
  const pods = files.map((f) => `redis-${/(\d+)\.log$/.exec(path.basename(f))?.[1] ?? '0'}`);
  const head: Array<{ line: string; at: number } | null> = readers.map(() => null);
  const last = readers.map(() => 0);
  const pull = (k: number) => {
    const line = readers[k].next();
    if (line === null) head[k] = null;
    else head[k] = { line, at: (last[k] = stampOf(line) ?? last[k]) };
  };
  readers.forEach((_, k) => pull(k));
  const ofd = openSync(out, 'w');
  let pending = '';
  let lines = 0;
  for (;;) {
    let best = -1;
    for (let k = 0; k < head.length; k++) if (head[k] && (best < 0 || head[k]!.at < head[best]!.at)) best = k;
    if (best < 0) break;
    const h = head[best]!;
    pending += `${JSON.stringify({ labels: { container: 'redis', pod: pods[best] }, line: h.line, timestamp: new Date(h.at).toISOString() })}\n`;
    lines++;
    if (pending.length > 1 << 20) {
      writeSync(ofd, pending);
      pending = '';
    }
    pull(best);
  }
  writeSync(ofd, pending);
  closeSync(ofd);
  for (const fd of fds) closeSync(fd);
  for (const f of files) rmSync(f);
  return { bytes: statSync(out).size, lines };
}
