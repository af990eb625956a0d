// Wrappers operators put around server log lines, each recognised by content. The table of forms,
// with a sample line, a reference regex and the document each rests on, is wrapper-forms.ts; the
// differential test (test/parse/wrappers.test.ts) pins this byte-level parser to those regexes.
//   docker logs -t                  `2021-06-23T07:49:33.581234567Z <line>`
//       (moby daemon/logger: RFC3339Nano with fixed 9 digits, always UTC 'Z')
//   docker json-file                `{"log":"<line>\n","stream":"stdout","time":"2021-…Z"}`
//       (moby daemon/logger/jsonfilelog; a line over 16 KiB is split and its parts lack the "\n")
//   CRI (containerd, CRI-O)         `2021-06-23T07:49:33.581234567Z stdout F <line>` (P: partial)
//   kubectl logs --prefix [--timestamps]  `[pod/redis-0/redis] 2021-06-23T07:49:33.581234567Z <line>`
//   docker compose logs [-t]        `redis-1  | [2021-…Z ]<line>`
//   journalctl -o short-iso         `2021-06-23T07:49:33+0000 host redis-server[123]: <line>`
//       (also short-iso-precise `…:33.581234+00:00`, and rsyslog's RSYSLOG_FileFormat)
//   journalctl -o short / short-precise, RFC 3164  `[<PRI>]Jun 23 07:49:33[.581234] host ident[pid]: <line>`
//   RFC 5424                        `<PRI>1 2021-06-23T07:49:33.581Z host app procid msgid SD <line>`
//   klog / glog                     `I0623 07:49:33.581234    1 file.go:88] <line>`
//   Loki logcli (default output)    `2021-06-23T07:49:33Z {pod="redis-0"} <line>`
//   Grafana "download logs" (txt)   `2021-06-23 07:49:33.581\t<line>`, `<epoch ms>\t<ISO>\t<line>`
//   JSON records, one a line        Loki logcli --output=jsonl, Elasticsearch `_source` NDJSON, … (records.ts)
//   a user's label                  `MASTER2 - <redis line>`, `node-1: <redis line>`
//   tail -f headers                 `==> redis-7000.log <==`
//   journald meta lines             `-- Logs begin at … --`, `-- Boot 5c0… --`, `-- No entries --`
import { parseRedisHeader, type Header } from './prefix.ts';
import { LokiLabelCache, quotedBraceEnd, readJsonRecord, stampFromString, type LokiLine } from './records.ts';
import { parseClock, parseEpoch, parseIsoStamp, parseSyslogStamp, Stamp, STAMP_NONE, STAMP_WALL_NO_YEAR } from './stamp.ts';

export const WRAP_NONE = 0;
export const WRAP_DOCKER_T = 1;
export const WRAP_DOCKER_JSON = 2;
export const WRAP_KUBECTL = 3;
export const WRAP_JOURNALD = 4;
/** A journald `-- … --` line: known, carries nothing. */
export const WRAP_JOURNALD_META = 5;
/** Starts like a JSON record but is not valid JSON (or holds no message). */
export const WRAP_BAD_JSON = 6;
export const WRAP_CRI = 7;
export const WRAP_COMPOSE = 8;
/** `==> name <==`: the following lines are that file's (w.stream holds the name). */
export const WRAP_TAIL_HEADER = 9;
export const WRAP_KLOG = 10;
export const WRAP_SYSLOG_3164 = 11;
export const WRAP_SYSLOG_5424 = 12;
export const WRAP_LABEL = 13;
export const WRAP_LOGCLI = 14;
export const WRAP_GRAFANA_TXT = 15;
/** A JSON record of a log store (records.ts); `w.form` names which. */
export const WRAP_RECORD = 16;
/** A header line of an export (Grafana's `Common labels: {…}`): known, carries nothing. */
export const WRAP_EXPORT_META = 17;
export const WRAP_KINDS = 18;

/** The name each wrapper is reported under (`timeline --stats`, analysis `inputs[].forms`). */
export const WRAP_NAMES: readonly string[] = [
  'plain',
  'docker-t',
  'docker-json',
  'kubectl-prefix',
  'syslog-journald',
  'journald-meta',
  'bad-json',
  'cri',
  'compose',
  'tail-headers',
  'klog',
  'syslog-rfc3164',
  'syslog-rfc5424',
  'label',
  'loki-logcli',
  'grafana-txt',
  'json-record',
  'export-header',
];

/** The unwrapped line. Reused: one instance per parser. */
export class Wrap {
  kind = WRAP_NONE;
  /** Buffer holding the inner line: the input line itself, or the decoded JSON message. */
  buf: Buffer = Buffer.alloc(0);
  start = 0;
  end = 0;
  /** The writer's label (pod, host, container, syslog tag), when the wrapper names one. */
  stream: string | undefined = undefined;
  /** journald / syslog `ident[pid]`, klog's thread id */
  pid: number | undefined = undefined;
  /** docker json-file, CRI `P`: the line continues in the next record of the stream. */
  partial = false;
  /** JSON records and CRI: the decoded inner text (without a newline); null for a Loki record read in place. */
  text: string | null = null;
  /** Loki jsonl records read without JSON.parse (records.ts LokiLabelCache): the label sets seen, and scratch. */
  readonly loki: { readonly labels: LokiLabelCache; readonly line: LokiLine } = {
    labels: new LokiLabelCache(),
    line: { start: 0, end: 0, text: null },
  };
  /** JSON records: which export (`loki-jsonl`, `elasticsearch-ndjson`, …). */
  form: string | null = null;
  /** User labels seen before a Redis line: such a label also stands before that node's other lines. */
  readonly labels = new Set<string>();
  readonly stamp = new Stamp();
}

/** `host ident[pid]: ` or `host ident: ` at i; returns the index of the message, or -1. */
function journaldTail(b: Buffer, i: number, e: number, w: Wrap): number {
  const hs = i;
  while (i < e && b[i] !== 32 && b[i] !== 58) i++;
  if (i === hs || i >= e || b[i] !== 32) return -1;
  const he = i;
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
  // The host and the tag name the writer: nodes on several hosts all log as `redis[1]` in containers.
  // The pid is the process, not the writer: a node restarted logs on under a new pid (timeline/bind.ts
  // tells processes apart within a stream, and several on one host).
  w.stream = `${b.toString('latin1', hs, he)} ${b.toString('latin1', is, ie)}`;
  return i < e ? i + 1 : e;
}

/** A wrapper form that did not match leaves nothing behind: no stamp, stream or pid of its own. */
function forgetWrapper(w: Wrap): void {
  w.stamp.kind = STAMP_NONE;
  w.stream = undefined;
  w.pid = undefined;
}

function setInner(w: Wrap, kind: number, b: Buffer, start: number, end: number): number {
  w.kind = kind;
  w.buf = b;
  w.start = start;
  w.end = end;
  return kind;
}

function setText(w: Wrap, kind: number, text: string): number {
  w.text = text;
  const inner = Buffer.from(text, 'utf8');
  return setInner(w, kind, inner, 0, inner.length);
}

function unwrapJson(b: Buffer, s: number, e: number, w: Wrap): number {
  const loki = w.loki;
  if (loki.labels.read(b, s, e, w, loki.line)) {
    if (loki.line.text !== null) return setText(w, WRAP_RECORD, loki.line.text);
    return setInner(w, WRAP_RECORD, b, loki.line.start, loki.line.end);
  }
  let rec: unknown;
  try {
    rec = JSON.parse(b.toString('utf8', s, e));
  } catch {
    return (w.kind = WRAP_BAD_JSON);
  }
  const r = rec as { log?: unknown; stream?: unknown; time?: unknown };
  if (
    typeof r === 'object' &&
    r !== null &&
    typeof r.log === 'string' &&
    typeof r.time === 'string' &&
    (r.stream === 'stdout' || r.stream === 'stderr')
  ) {
    let log = r.log;
    w.partial = !log.endsWith('\n');
    if (!w.partial) log = log.slice(0, -1);
    if (log.endsWith('\r')) log = log.slice(0, -1);
    w.stream = r.stream;
    if (!stampFromString(r.time, w.stamp)) w.stamp.kind = STAMP_NONE;
    return setText(w, WRAP_DOCKER_JSON, log);
  }
  const text = readJsonRecord(rec, w);
  if (text === null) return (w.kind = WRAP_BAD_JSON);
  return setText(w, WRAP_RECORD, text);
}

/** `Z`-stamped line: `stdout F ` / `stderr P ` after the stamp makes it CRI. Returns the content start or -1. */
function criTail(b: Buffer, i: number, e: number, w: Wrap): number {
  if (i + 8 > e || b[i + 6] !== 32) return -1;
  const out = b[i] === 115 && b[i + 1] === 116 && b[i + 2] === 100 && b[i + 3] === 111 && b[i + 4] === 117 && b[i + 5] === 116;
  const err = b[i] === 115 && b[i + 1] === 116 && b[i + 2] === 100 && b[i + 3] === 101 && b[i + 4] === 114 && b[i + 5] === 114;
  if (!out && !err) return -1;
  // The tag field: `P`, `F`, or several tags joined by ':' with the partial flag first.
  let p = i + 7;
  const ts = p;
  while (p < e && b[p] !== 32) p++;
  if (p === ts || (b[ts] !== 80 && b[ts] !== 70)) return -1;
  w.partial = b[ts] === 80;
  return p < e ? p + 1 : e;
}

/**
 * `b[s, e)` (non-empty) starts with a digit and cannot be a stamp-led wrapper: unwrapLine answers
 * WRAP_NONE for it, with no stamp, stream or pid, the line itself as the inner line. The lines of a
 * plain server log (`pid:R dd Mon …`) are nearly all such, and the parser reads them without
 * unwrapLine (the checks are unwrapStamped's first two).
 */
export function isBareDigitLine(b: Buffer, s: number, e: number): boolean {
  const c0 = b[s];
  if (c0 < 48 || c0 > 57) return false;
  const n = e - s;
  if (n >= 15 && b[s + 13] === 9) return false;
  return n < 20 || b[s + 4] !== 45 || (b[s + 10] !== 84 && b[s + 10] !== 32);
}

/** A line whose first byte is a digit: a stamp-led wrapper (docker -t, CRI, journald, logcli, Grafana). */
function unwrapStamped(b: Buffer, s: number, e: number, w: Wrap): number {
  if (e - s >= 15 && b[s + 13] === 9) {
    // Grafana txt (newer): `<epoch ms>\t<ISO>\t<line>`
    const p = parseEpoch(b, s, e, w.stamp, 1, 13);
    if (p === s + 13) {
      let q = p + 1;
      while (q < e && b[q] !== 9) q++;
      if (q < e) return setInner(w, WRAP_GRAFANA_TXT, b, q + 1, e);
    }
    w.stamp.kind = STAMP_NONE;
    return setInner(w, WRAP_NONE, b, s, e);
  }
  // `2021-…` (a Redis pid line starts with digits too, but never has '-' at 4 and 'T' or ' ' at 10)
  if (e - s < 20 || b[s + 4] !== 45 || (b[s + 10] !== 84 && b[s + 10] !== 32)) return setInner(w, WRAP_NONE, b, s, e);
  const p = parseIsoStamp(b, s, e, w.stamp);
  if (p > 0 && p < e && b[p] === 9) return setInner(w, WRAP_GRAFANA_TXT, b, p + 1, e); // Grafana txt: `YYYY-MM-DD HH:mm:ss.SSS\t`
  // A stamp alone on its line is no wrapper: it is the capture time written before a snapshot.
  // (docker -t writes an empty line as the stamp and one space.)
  if (p < 0 || p >= e || b[p] !== 32 || b[s + 10] !== 84) {
    w.stamp.kind = STAMP_NONE;
    return setInner(w, WRAP_NONE, b, s, e);
  }
  const inner = p + 1;
  if (inner < e && b[inner] === 123) {
    const q = quotedBraceEnd(b, inner, e, false);
    if (q > 0 && (q === e || b[q] === 32)) {
      w.stream = b.toString('utf8', inner, q);
      let m = q;
      while (m < e && b[m] === 32) m++; // logcli pads the label set to the widest one
      return setInner(w, WRAP_LOGCLI, b, m, e);
    }
  }
  // docker, CRI and kubectl always print UTC 'Z'; journalctl and rsyslog print a numeric offset.
  if (b[p - 1] !== 90) {
    const m = journaldTail(b, inner, e, w);
    if (m >= 0) return setInner(w, WRAP_JOURNALD, b, m, e);
  } else {
    const c = criTail(b, inner, e, w);
    if (c >= 0) return setInner(w, WRAP_CRI, b, c, e);
  }
  return setInner(w, WRAP_DOCKER_T, b, inner, e);
}

/** `[pod/name/container] [stamp ]` — must hold a '/', which `[pid]` (Redis 2.x) never does. */
function unwrapKubectl(b: Buffer, s: number, e: number, w: Wrap): number {
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

/** klog: `Lmmdd hh:mm:ss.uuuuuu threadid file:line] ` (k8s.io/klog formatHeader). */
function unwrapKlog(b: Buffer, s: number, e: number, w: Wrap): number {
  if (e - s < 24 || b[s + 5] !== 32) return -1;
  const mo = (b[s + 1] - 48) * 10 + (b[s + 2] - 48);
  const d = (b[s + 3] - 48) * 10 + (b[s + 4] - 48);
  for (let k = 1; k <= 4; k++) if (b[s + k] < 48 || b[s + k] > 57) return -1;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return -1;
  const st = w.stamp;
  let p = parseClock(b, s + 6, e, st);
  if (p < 0 || p >= e || b[p] !== 32) return -1;
  while (p < e && b[p] === 32) p++;
  let v = 0;
  const ds = p;
  while (p < e && b[p] >= 48 && b[p] <= 57) v = v * 10 + (b[p++] - 48);
  if (p === ds || p >= e || b[p] !== 32) return -1;
  p++;
  // `file:line] ` — the file never holds a space or ']'
  const fs = p;
  while (p < e && b[p] !== 93 && b[p] !== 32) p++;
  if (p === fs || p >= e || b[p] !== 93) return -1;
  st.kind = STAMP_WALL_NO_YEAR;
  st.y = 0;
  st.mo = mo;
  st.d = d;
  w.pid = v;
  p++;
  return setInner(w, WRAP_KLOG, b, p < e && b[p] === 32 ? p + 1 : p, e);
}

/** RFC 5424 after `<PRI>1 ` at i: `TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD [MSG]`. */
function unwrap5424(b: Buffer, i: number, e: number, w: Wrap): number {
  const st = w.stamp;
  let p: number;
  if (b[i] === 45) {
    st.kind = STAMP_NONE;
    p = i + 1;
  } else {
    p = parseIsoStamp(b, i, e, st);
    if (p < 0) return -1;
  }
  const field = (): [number, number] | null => {
    if (p >= e || b[p] !== 32) return null;
    const fs = ++p;
    while (p < e && b[p] !== 32) p++;
    return p > fs ? [fs, p] : null;
  };
  const host = field();
  const app = field();
  const proc = field();
  const msgid = field();
  if (!host || !app || !proc || !msgid || p >= e || b[p] !== 32) return -1;
  p++;
  // STRUCTURED-DATA: `-` or `[id k="v" …]…` (`\]`, `\"` escaped inside values)
  if (b[p] === 45) p++;
  else {
    while (p < e && b[p] === 91) {
      let quoted = false;
      p++;
      while (p < e) {
        const c = b[p];
        if (c === 92 && quoted) p++;
        else if (c === 34) quoted = !quoted;
        else if (c === 93 && !quoted) break;
        p++;
      }
      if (p >= e) return -1;
      p++;
    }
  }
  if (p < e && b[p] !== 32) return -1;
  let m = p < e ? p + 1 : e;
  if (e - m >= 3 && b[m] === 0xef && b[m + 1] === 0xbb && b[m + 2] === 0xbf) m += 3; // MSG may start with a BOM
  const nil = (r: [number, number]) => r[1] - r[0] === 1 && b[r[0]] === 45;
  const hostName = nil(host) ? '-' : b.toString('latin1', host[0], host[1]);
  const appName = nil(app) ? '-' : b.toString('latin1', app[0], app[1]);
  let pid: number | undefined;
  if (!nil(proc)) {
    let v = 0;
    let q = proc[0];
    while (q < proc[1] && b[q] >= 48 && b[q] <= 57) v = v * 10 + (b[q++] - 48);
    if (q === proc[1]) pid = v;
  }
  w.pid = pid;
  w.stream = `${hostName} ${appName}`; // the pid is the process, not the writer (journaldTail)
  return setInner(w, WRAP_SYSLOG_5424, b, m, e);
}

/** `<PRI>` then RFC 5424 (`1 `) or RFC 3164 (`Mmm dd hh:mm:ss host tag[pid]: `). */
function unwrapSyslogPri(b: Buffer, s: number, e: number, w: Wrap): number {
  let p = s + 1;
  let v = 0;
  while (p < e && p - s <= 4 && b[p] >= 48 && b[p] <= 57) v = v * 10 + (b[p++] - 48);
  if (p === s + 1 || p >= e || b[p] !== 62 || v > 191) return setInner(w, WRAP_NONE, b, s, e);
  p++;
  if (b[p] === 49 && b[p + 1] === 32) {
    const r = unwrap5424(b, p + 2, e, w);
    if (r >= 0) return r;
  } else {
    const q = parseSyslogStamp(b, p, e, w.stamp);
    if (q > 0 && q < e && b[q] === 32) {
      const m = journaldTail(b, q + 1, e, w);
      if (m >= 0) return setInner(w, WRAP_SYSLOG_3164, b, m, e);
    }
  }
  forgetWrapper(w);
  return setInner(w, WRAP_NONE, b, s, e);
}

const isLabelByte = (c: number) =>
  (c >= 48 && c <= 57) ||
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  c === 45 ||
  c === 95 ||
  c === 46 ||
  c === 47 ||
  c === 64 ||
  c === 58;

/**
 * `label  | ` (docker compose: the service name padded to the widest, then `| `) or a user's label
 * before a Redis line: `MASTER2 - `, `node-1: `, `redis-0 | `, `[A] `… Returns the wrapper kind, or
 * WRAP_NONE. A user label counts only when a Redis prefix follows it.
 */
function unwrapLabel(b: Buffer, s: number, e: number, w: Wrap, h: Header): number {
  let i = s;
  const lim = Math.min(e, s + 64);
  while (i < lim && isLabelByte(b[i])) i++;
  if (i === s || i >= lim) return WRAP_NONE;
  let le = i;
  // `node-1:` glued to its colon
  if (b[le - 1] === 58 && b[i] === 32) {
    le--;
    return userLabel(b, s, le, i + 1, e, w, h);
  }
  let j = i;
  while (j < e && b[j] === 32) j++;
  if (j === i || j >= e) return WRAP_NONE;
  const sep = b[j];
  if (sep === 124 && (j + 1 === e || b[j + 1] === 32)) {
    w.stream = b.toString('latin1', s, le);
    let m = j + 2 <= e ? j + 2 : e;
    // compose -t: the stamp docker adds (RFC3339Nano, UTC)
    if (e - m >= 20 && b[m + 4] === 45 && b[m + 10] === 84) {
      const p = parseIsoStamp(b, m, e, w.stamp);
      if (p > 0 && (p === e || b[p] === 32)) m = p < e ? p + 1 : e;
      else w.stamp.kind = STAMP_NONE;
    }
    return setInner(w, WRAP_COMPOSE, b, m, e);
  }
  if ((sep === 45 || sep === 58) && j + 1 < e && b[j + 1] === 32) return userLabel(b, s, le, j + 2, e, w, h);
  return WRAP_NONE;
}

/** Label `b[s, le)`, inner line from m: taken when a Redis prefix follows, or the label was so taken before. */
function userLabel(b: Buffer, s: number, le: number, m: number, e: number, w: Wrap, h: Header): number {
  const known = w.labels.size > 0 ? b.toString('latin1', s, le) : '';
  if (parseRedisHeader(b, m, e, h)) {
    const label = known || b.toString('latin1', s, le);
    if (w.labels.size < 1024) w.labels.add(label);
    w.stream = label;
    return setInner(w, WRAP_LABEL, b, m, e);
  }
  if (known && w.labels.has(known)) {
    w.stream = known;
    return setInner(w, WRAP_LABEL, b, m, e);
  }
  return WRAP_NONE;
}

/** `==> name <==` (tail -f / head with several files). */
function tailHeader(b: Buffer, s: number, e: number): boolean {
  return (
    e - s > 8 &&
    b[s + 1] === 61 &&
    b[s + 2] === 62 &&
    b[s + 3] === 32 &&
    b[e - 1] === 61 &&
    b[e - 2] === 61 &&
    b[e - 3] === 60 &&
    b[e - 4] === 32
  );
}

/** `Common labels: {"app":"redis"}`, `Line limit: "1000 (2 returned)"`: Grafana's txt header. */
function exportMeta(b: Buffer, s: number, e: number): boolean {
  let i = s;
  const lim = Math.min(e, s + 40);
  while (i < lim && ((b[i] >= 65 && b[i] <= 90) || (b[i] >= 97 && b[i] <= 122) || b[i] === 32)) i++;
  if (i === s || i + 2 >= e || b[i] !== 58 || b[i + 1] !== 32) return false;
  const c = b[i + 2];
  return c === 123 || c === 34 || c === 91;
}

/**
 * Recognise a wrapper around `b[s, e)`. Returns the wrapper kind (also in `w.kind`); for WRAP_NONE
 * the inner line is the line itself. `w.stamp` holds the wrapper's time (kind STAMP_NONE if none).
 * `h` is scratch for the label check (it then holds the inner line's Redis prefix).
 */
export function unwrapLine(b: Buffer, s: number, e: number, w: Wrap, h: Header): number {
  forgetWrapper(w);
  w.partial = false;
  w.text = null;
  w.form = null;
  const c0 = b[s];
  if (c0 >= 48 && c0 <= 57) return unwrapStamped(b, s, e, w);
  if (c0 === 91) return unwrapKubectl(b, s, e, w);
  if (c0 === 123) {
    // `{"…` : a JSON record (docker json-file, Loki jsonl, Elasticsearch _source, …)
    if (e - s > 8 && b[s + 1] === 34) return unwrapJson(b, s, e, w);
    return setInner(w, WRAP_NONE, b, s, e);
  }
  if (c0 === 60) return unwrapSyslogPri(b, s, e, w);
  if (c0 === 61 && tailHeader(b, s, e)) {
    w.stream = b.toString('utf8', s + 4, e - 4);
    return setInner(w, WRAP_TAIL_HEADER, b, s, e);
  }
  if ((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122)) {
    if (c0 === 73 || c0 === 87 || c0 === 69 || c0 === 70) {
      // klog severity I W E F
      const k = unwrapKlog(b, s, e, w);
      if (k >= 0) return k;
      w.stamp.kind = STAMP_NONE;
      w.pid = undefined;
    }
    if (c0 <= 90 && e - s >= 20 && b[s + 3] === 32) {
      // `Jun 23 07:49:33.581234 host ident[pid]: `
      const p = parseSyslogStamp(b, s, e, w.stamp);
      if (p > 0 && p < e && b[p] === 32) {
        const m = journaldTail(b, p + 1, e, w);
        if (m >= 0) return setInner(w, WRAP_JOURNALD, b, m, e);
      }
      forgetWrapper(w);
    }
    const l = unwrapLabel(b, s, e, w, h);
    if (l !== WRAP_NONE) return l;
    w.stream = undefined;
    w.stamp.kind = STAMP_NONE;
    if (exportMeta(b, s, e)) return setInner(w, WRAP_EXPORT_META, b, s, e);
    return setInner(w, WRAP_NONE, b, s, e);
  }
  if (c0 === 45 && e - s >= 6 && b[s + 1] === 45 && b[s + 2] === 32 && b[e - 1] === 45 && b[e - 2] === 45 && b[e - 3] === 32)
    return setInner(w, WRAP_JOURNALD_META, b, s, e);
  return setInner(w, WRAP_NONE, b, s, e);
}
