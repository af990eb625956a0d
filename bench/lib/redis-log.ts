// Reading the recorded Redis 7.0.15 logs into line templates, and writing Redis log lines fast.
import { closeSync, openSync, writeSync } from 'node:fs';

/** One line of a recorded log. `at` is NaN for a line without a Redis prefix (crash report body). */
export interface LogLine {
  at: number;
  pid: number;
  /** M S C X, or 'signal-handler' for `pid:signal-handler (unix-seconds) msg` (second precision) */
  role: string;
  level: string;
  /** The message (may be empty: "pid:M date # " before a raw crash banner). */
  msg: string;
  /** The whole line, for lines without a prefix. */
  raw: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// redis 7.0 src/server.c serverLogRaw: "%d:%c %s %c %s\n", stamp strftime "%d %b %Y %H:%M:%S." + "%03d"
const PREFIX = /^(\d+):([MSCX]) (\d\d) ([A-Z][a-z]{2}) (\d{4}) (\d\d):(\d\d):(\d\d)\.(\d{3}) ([.\-*#])(?: (.*))?$/;
// redis 7.0 src/server.c serverLogFromHandler: pid ":signal-handler (" time(NULL) ") " msg
const SIGNAL = /^(\d+):signal-handler \((\d+)\) (.*)$/;

/** Parse the lines of a recorded log (the machine that recorded them wrote UTC stamps). */
export function parseLog(text: string): LogLine[] {
  const out: LogLine[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const raw of lines) {
    const m = PREFIX.exec(raw);
    const sig = m ? null : SIGNAL.exec(raw);
    if (sig) {
      out.push({ at: Number(sig[2]) * 1000, pid: Number(sig[1]), role: 'signal-handler', level: '', msg: sig[3], raw });
      continue;
    }
    if (!m) {
      out.push({ at: NaN, pid: 0, role: '', level: '', msg: '', raw });
      continue;
    }
    const at = Date.UTC(Number(m[5]), MONTHS.indexOf(m[4]), Number(m[3]), Number(m[6]), Number(m[7]), Number(m[8]), Number(m[9]));
    out.push({ at, pid: Number(m[1]), role: m[2], level: m[10], msg: m[11] ?? '', raw });
  }
  return out;
}

const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** `dd Mon yyyy HH:MM:SS.mmm` for a UTC time, with the date part cached per day. */
export class StampFormatter {
  private day = -1;
  private dayText = '';
  format(at: number): string {
    const day = Math.floor(at / 86_400_000);
    if (day !== this.day) {
      const d = new Date(day * 86_400_000);
      this.day = day;
      this.dayText = `${TWO[d.getUTCDate()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} `;
    }
    let r = at - day * 86_400_000;
    const ms = r % 1000;
    r = (r - ms) / 1000;
    const s = r % 60;
    r = (r - s) / 60;
    const mi = r % 60;
    const h = (r - mi) / 60;
    return `${this.dayText}${TWO[h]}:${TWO[mi]}:${TWO[s]}.${THREE[ms]}`;
  }
}

/** ISO-8601 UTC with ms, as the recorder writes snapshot capture times. */
export function isoStamp(at: number): string {
  return new Date(at).toISOString();
}

/** Appends text to a file through one large buffer and synchronous writes. */
export class FileWriter {
  private readonly fd: number;
  private readonly buf = Buffer.allocUnsafe(4 * 1024 * 1024);
  private pos = 0;
  bytes = 0;
  lines = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  write(text: string): void {
    if (this.pos + text.length * 3 > this.buf.length) this.flush();
    if (text.length * 3 > this.buf.length) {
      const b = Buffer.from(text, 'utf8');
      writeSync(this.fd, b);
      this.bytes += b.length;
      return;
    }
    const n = this.buf.write(text, this.pos, 'utf8');
    this.pos += n;
    this.bytes += n;
  }
  line(text: string): void {
    this.write(text + '\n');
    this.lines++;
  }
  flush(): void {
    let off = 0;
    while (off < this.pos) off += writeSync(this.fd, this.buf, off, this.pos - off);
    this.pos = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** A Redis node's log file: formats the prefix of every line. */
export class RedisLogWriter {
  readonly out: FileWriter;
  private readonly stamps = new StampFormatter();
  constructor(path: string) {
    this.out = new FileWriter(path);
  }
  log(pid: number, role: string, at: number, level: string, msg: string): void {
    if (role === 'signal-handler') return this.out.line(`${pid}:signal-handler (${Math.floor(at / 1000)}) ${msg}`);
    this.out.line(`${pid}:${role} ${this.stamps.format(at)} ${level}${msg === '' ? ' ' : ' ' + msg}`);
  }
  raw(text: string): void {
    this.out.line(text);
  }
  close(): void {
    this.out.close();
  }
}
