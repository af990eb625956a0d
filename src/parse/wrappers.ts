// Wrappers operators put around server log lines, each recognised by content:
//   docker logs -t                  `2021-06-23T07:49:33.581234567Z <line>`
//       (moby daemon/logger: RFC3339Nano with fixed 9 digits, always UTC 'Z')
//   docker json-file                `{"log":"<line>\n","stream":"stdout","time":"2021-…Z"}`
//       (moby daemon/logger/jsonfilelog; a line over 16 KiB is split and its parts lack the "\n")
//   kubectl logs --prefix [--timestamps]  `[pod/redis-0/redis] 2021-06-23T07:49:33.581234567Z <line>`
//   journalctl -o short-iso         `2021-06-23T07:49:33+0000 host redis-server[123]: <line>`
//       (also short-iso-precise `…:33.581234+00:00`)
//   journalctl -o short / short-precise  `Jun 23 07:49:33.581234 host redis-server[123]: <line>`
//   journalctl meta lines           `-- Logs begin at … --`, `-- Boot 5c0… --`, `-- No entries --`
import { parseIsoStamp, parseSyslogStamp, Stamp, STAMP_NONE } from './stamp.ts';

export const WRAP_NONE = 0;
export const WRAP_DOCKER_T = 1;
export const WRAP_DOCKER_JSON = 2;
export const WRAP_KUBECTL = 3;
export const WRAP_JOURNALD = 4;
/** A journald `-- … --` line: known, carries nothing. */
export const WRAP_JOURNALD_META = 5;
/** Starts like a docker json-file record but is not valid JSON. */
export const WRAP_BAD_JSON = 6;

/** The unwrapped line. Reused: one instance per parser. */
export class Wrap {
  kind = WRAP_NONE;
  /** Buffer holding the inner line: the input line itself, or the decoded JSON `log`. */
  buf: Buffer = Buffer.alloc(0);
  start = 0;
  end = 0;
  stream: string | undefined = undefined;
  /** journald `ident[pid]` */
  pid: number | undefined = undefined;
  /** docker json-file: the record's `log` did not end in a newline (a split long line). */
  partial = false;
  /** docker json-file: the decoded `log` text (without the newline). */
  text: string | null = null;
  readonly stamp = new Stamp();
}

const scratch = Buffer.alloc(64);

/** `host ident[pid]: ` or `host ident: ` at i; returns the index of the message, or -1. */
function journaldTail(b: Buffer, i: number, e: number, w: Wrap): number {
  const hs = i;
  while (i < e && b[i] !== 32 && b[i] !== 58) i++;
  if (i === hs || i >= e || b[i] !== 32) return -1;
  i++;
  const is = i;
  while (i < e && b[i] !== 32 && b[i] !== 91 && b[i] !== 58) i++;
  if (i === is || i >= e) return -1;
  const ie = i;
  let pid: number | undefined;
  if (b[i] === 91) {
    let v = 0;
    let p = i + 1;
    while (p < e && b[p] >= 48 && b[p] <= 57) v = v * 10 + (b[p++] - 48);
    if (p === i + 1 || p >= e || b[p] !== 93) return -1;
    pid = v;
    i = p + 1;
  }
  if (i >= e || b[i] !== 58) return -1;
  i++;
  if (i < e && b[i] !== 32) return -1;
  w.pid = pid;
  const ident = b.toString('latin1', is, ie);
  w.stream = pid === undefined ? ident : `${ident}[${pid}]`;
  return i < e ? i + 1 : e;
}

function setInner(w: Wrap, kind: number, b: Buffer, start: number, end: number): number {
  w.kind = kind;
  w.buf = b;
  w.start = start;
  w.end = end;
  return kind;
}

function unwrapJson(b: Buffer, s: number, e: number, w: Wrap): number {
  let rec: unknown;
  try {
    rec = JSON.parse(b.toString('utf8', s, e));
  } catch {
    return (w.kind = WRAP_BAD_JSON);
  }
  const r = rec as { log?: unknown; stream?: unknown; time?: unknown };
  if (typeof r !== 'object' || r === null || typeof r.log !== 'string') return (w.kind = WRAP_BAD_JSON);
  let log = r.log;
  w.partial = !log.endsWith('\n');
  if (!w.partial) log = log.slice(0, -1);
  if (log.endsWith('\r')) log = log.slice(0, -1);
  w.text = log;
  w.stream = typeof r.stream === 'string' ? r.stream : undefined;
  if (typeof r.time === 'string' && r.time.length <= scratch.length) {
    const n = scratch.write(r.time, 0, 'latin1');
    if (parseIsoStamp(scratch, 0, n, w.stamp) !== n) w.stamp.kind = STAMP_NONE;
  }
  const inner = Buffer.from(log, 'utf8');
  return setInner(w, WRAP_DOCKER_JSON, inner, 0, inner.length);
}

/**
 * Recognise a wrapper around `b[s, e)`. Returns the wrapper kind (also in `w.kind`); for WRAP_NONE
 * the inner line is the line itself. `w.stamp` holds the wrapper's time (kind STAMP_NONE if none).
 */
export function unwrapLine(b: Buffer, s: number, e: number, w: Wrap): number {
  w.stamp.kind = STAMP_NONE;
  w.stream = undefined;
  w.pid = undefined;
  w.partial = false;
  w.text = null;
  const c0 = b[s];
  if (c0 >= 48 && c0 <= 57) {
    // `2021-…` (a Redis pid line starts with digits too, but never has '-' at 4 and 'T' at 10)
    if (e - s < 20 || b[s + 4] !== 45 || b[s + 10] !== 84) return setInner(w, WRAP_NONE, b, s, e);
    const p = parseIsoStamp(b, s, e, w.stamp);
    // A stamp alone on its line is no wrapper: it is the capture time written before a snapshot.
    // (docker -t writes an empty line as the stamp and one space.)
    if (p < 0 || p >= e || b[p] !== 32) {
      w.stamp.kind = STAMP_NONE;
      return setInner(w, WRAP_NONE, b, s, e);
    }
    const inner = p + 1;
    // docker and kubectl always print UTC 'Z'; journalctl prints a numeric offset.
    if (b[p - 1] !== 90) {
      const m = journaldTail(b, inner, e, w);
      if (m >= 0) return setInner(w, WRAP_JOURNALD, b, m, e);
    }
    return setInner(w, WRAP_DOCKER_T, b, inner, e);
  }
  if (c0 === 91) {
    // `[pod/name/container] ` — must hold a '/', which `[pid]` (Redis 2.x) never does.
    let i = s + 1;
    let slash = false;
    const lim = Math.min(e, s + 512);
    while (i < lim && b[i] !== 93 && b[i] !== 32) {
      if (b[i] === 47) slash = true;
      i++;
    }
    if (!slash || i >= lim || b[i] !== 93 || (i + 1 < e && b[i + 1] !== 32)) return setInner(w, WRAP_NONE, b, s, e);
    w.stream = b.toString('utf8', s + 1, i);
    let inner = i + 2 <= e ? i + 2 : e;
    if (e - inner >= 20 && b[inner + 4] === 45 && b[inner + 10] === 84) {
      const p = parseIsoStamp(b, inner, e, w.stamp);
      if (p > 0 && (p === e || b[p] === 32)) inner = p < e ? p + 1 : e;
      else w.stamp.kind = STAMP_NONE;
    }
    return setInner(w, WRAP_KUBECTL, b, inner, e);
  }
  if (c0 === 123) {
    // `{"log":`
    if (e - s > 8 && b[s + 1] === 34 && b[s + 2] === 108 && b[s + 3] === 111 && b[s + 4] === 103 && b[s + 5] === 34 && b[s + 6] === 58)
      return unwrapJson(b, s, e, w);
    return setInner(w, WRAP_NONE, b, s, e);
  }
  if (c0 >= 65 && c0 <= 90) {
    // `Jun 23 07:49:33.581234 host ident[pid]: `
    if (e - s < 20 || b[s + 3] !== 32) return setInner(w, WRAP_NONE, b, s, e);
    const p = parseSyslogStamp(b, s, e, w.stamp);
    if (p > 0 && p < e && b[p] === 32) {
      const m = journaldTail(b, p + 1, e, w);
      if (m >= 0) return setInner(w, WRAP_JOURNALD, b, m, e);
    }
    w.stamp.kind = STAMP_NONE;
    w.stream = undefined;
    return setInner(w, WRAP_NONE, b, s, e);
  }
  if (c0 === 45 && e - s >= 6 && b[s + 1] === 45 && b[s + 2] === 32 && b[e - 1] === 45 && b[e - 2] === 45 && b[e - 3] === 32)
    return setInner(w, WRAP_JOURNALD_META, b, s, e);
  return setInner(w, WRAP_NONE, b, s, e);
}
