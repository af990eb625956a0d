// Records of log stores: what each export calls the message, the time and the writer. One record is
// one log line; its label (pod, host, log stream) names the node that wrote it, so the parser keeps a
// stream per label (parse-source.ts) and one file holding every node splits in one pass.
//
//   Loki logcli --output=jsonl   {"labels":{…},"line":"…","timestamp":"<RFC3339Nano>"}
//       https://grafana.com/docs/loki/latest/query/logcli/ (output modes default, raw, jsonl)
//   Grafana "download logs" JSON [{"line":"…","timestamp":"<epoch ns>","date":"<ISO>","fields":{labels}}]
//       https://grafana.com/docs/grafana/latest/explore/logs-integration/ (grafana/grafana logRowsToReadableJson)
//   Elasticsearch / OpenSearch   _search: {"hits":{"hits":[{"_source":{…}}]}}, or `_source` documents one a line;
//       ECS fields `@timestamp`, `message`, `host.name`, `kubernetes.pod.name` (nested or dotted)
//       https://www.elastic.co/guide/en/elasticsearch/reference/current/search-search.html
//       https://www.elastic.co/guide/en/ecs/current/ecs-field-reference.html
//   Datadog                      API v2 logs search: {"data":[{"type":"log","attributes":{"timestamp","host","service","message"}}]}
//       https://docs.datadoghq.com/api/latest/logs/#search-logs ; CSV export https://docs.datadoghq.com/logs/explorer/export/
//   CloudWatch Logs              FilterLogEvents: {"events":[{"logStreamName","timestamp":<ms>,"message"}]}
//       https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
//       Logs Insights CSV (`@timestamp,@message,@logStream`) https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_ExportQueryResults.html
//   Cloud Logging                `gcloud logging read --format=json`: [LogEntry{textPayload|jsonPayload.message, timestamp, resource.labels}]
//       https://cloud.google.com/logging/docs/reference/v2/rest/v2/LogEntry
import { matchAscii } from './prefix.ts';
import { parseIsoStamp, type Stamp, STAMP_EXACT, STAMP_NONE } from './stamp.ts';

const scratch = Buffer.alloc(64);

/** Parse a time string of a record (ISO-8601 / RFC 3339) into `st`; false if it is none. */
export function stampFromString(text: string, st: Stamp): boolean {
  if (text.length > scratch.length) return false;
  const n = scratch.write(text, 0, 'latin1');
  if (parseIsoStamp(scratch, 0, n, st) === n) return true;
  // `2021-06-23 07:49:33,581` and the like end early; digits only: epoch (ms, or ns / µs / s by length).
  if (/^\d{10,19}$/.test(text)) return stampFromNumber(Number(text.length >= 19 ? text.slice(0, 13) : text), st, text.length);
  st.kind = STAMP_NONE;
  return false;
}

/** An epoch number: seconds (10 digits), ms (13), µs (16) or ns (19). */
export function stampFromNumber(v: number, st: Stamp, digits = String(Math.trunc(v)).length): boolean {
  if (!Number.isFinite(v) || v <= 0) return false;
  st.kind = STAMP_EXACT;
  // Whole epoch seconds are second-grain; a fraction (1700000000.123) or more digits is ms or finer.
  st.grainMs = digits <= 11 && Number.isInteger(v) ? 1000 : 1;
  st.at = digits <= 11 ? Math.round(v * 1000) : digits <= 14 ? Math.trunc(v) : digits <= 17 ? Math.trunc(v / 1000) : Math.trunc(v);
  return true;
}

/** What a record fills in (a subset of wrappers.ts Wrap). */
export interface RecordTarget {
  stream: string | undefined;
  form: string | null;
  pid: number | undefined;
  readonly stamp: Stamp;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `a.b.c` as nested objects or as one dotted key (both occur in `_source`). */
function pick(o: Obj, path: string): unknown {
  if (path in o) return o[path];
  let cur: unknown = o;
  for (const k of path.split('.')) {
    if (!isObj(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
/** A message: may be empty (a blank line of a crash report is a record too). */
function textOf(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function setTime(v: unknown, st: Stamp): void {
  if (typeof v === 'string') {
    if (!stampFromString(v, st)) st.kind = STAMP_NONE;
  } else if (typeof v === 'number') {
    if (!stampFromNumber(v, st)) st.kind = STAMP_NONE;
  } else st.kind = STAMP_NONE;
}

/** Loki label set in logcli's own form: `{k="v", …}`, keys sorted (prometheus LabelSet.String). */
function lokiLabels(labels: Obj): string {
  const keys = Object.keys(labels).sort();
  return `{${keys.map((k) => `${k}=${JSON.stringify(String(labels[k]))}`).join(', ')}}`;
}

/** Label fields, best first: the pod names a node in Kubernetes, the host elsewhere. */
const WRITER_FIELDS = [
  'kubernetes.pod.name',
  'kubernetes.pod_name',
  'k8s.pod.name',
  'pod',
  'pod_name',
  'host.name',
  'host.hostname',
  'hostname',
  'host',
  'container.name',
  'container_name',
  'logStreamName',
  'service',
];

function writerOf(o: Obj): string | undefined {
  for (const f of WRITER_FIELDS) {
    const v = pick(o, f);
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/**
 * Read one record object of any known export into `t`; returns its message text, or null when the
 * object is no log record.
 */
export function readJsonRecord(rec: unknown, t: RecordTarget): string | null {
  if (!isObj(rec)) return null;
  // Loki logcli jsonl
  if (typeof rec.line === 'string' && isObj(rec.labels)) {
    t.form = 'loki-jsonl';
    t.stream = lokiLabels(rec.labels);
    setTime(rec.timestamp, t.stamp);
    return rec.line;
  }
  // Grafana download JSON
  if (typeof rec.line === 'string' && isObj(rec.fields)) {
    t.form = 'grafana-json';
    t.stream = writerOf(rec.fields) ?? (Object.keys(rec.fields).length > 0 ? lokiLabels(rec.fields) : undefined);
    setTime(typeof rec.date === 'string' ? rec.date : rec.timestamp, t.stamp);
    return rec.line;
  }
  // Elasticsearch hit
  if (isObj(rec._source)) {
    const text = readJsonRecord(rec._source, t);
    if (text !== null) t.form = 'elasticsearch-hits';
    return text;
  }
  // Datadog API v2 log
  if (rec.type === 'log' && isObj(rec.attributes)) {
    const a = rec.attributes;
    const text = typeof a.message === 'string' ? a.message : str(pick(a, 'attributes.message'));
    if (text === undefined) return null;
    t.form = 'datadog-json';
    t.stream = str(a.host) ?? str(pick(a, 'attributes.pod_name')) ?? str(a.service);
    setTime(a.timestamp, t.stamp);
    return text;
  }
  // Cloud Logging LogEntry
  if (typeof rec.logName === 'string' || (isObj(rec.resource) && ('textPayload' in rec || 'jsonPayload' in rec))) {
    const text = typeof rec.textPayload === 'string' ? rec.textPayload : textOf(pick(rec, 'jsonPayload.message'));
    if (text === undefined) return null;
    t.form = 'cloud-logging-json';
    const labels = isObj(rec.resource) && isObj(rec.resource.labels) ? rec.resource.labels : {};
    t.stream =
      str(labels.pod_name) ??
      str(labels.instance_id) ??
      str(pick(rec, 'labels.compute.googleapis.com/resource_name')) ??
      str(labels.container_name);
    setTime(rec.timestamp, t.stamp);
    return text;
  }
  // CloudWatch Logs event
  if (typeof rec.logStreamName === 'string' && typeof rec.message === 'string') {
    t.form = 'cloudwatch-json';
    t.stream = rec.logStreamName;
    setTime(rec.timestamp, t.stamp);
    return rec.message.endsWith('\n') ? rec.message.slice(0, -1) : rec.message;
  }
  // Elasticsearch `_source` / a generic shipper record (fluent-bit `log`, ECS `message`)
  const text = textOf(rec.message) ?? textOf(rec['@message']) ?? textOf(rec.log) ?? textOf(rec.msg);
  if (text === undefined) return null;
  t.form = '@timestamp' in rec ? 'elasticsearch-ndjson' : 'json-lines';
  t.stream = writerOf(rec);
  setTime(rec['@timestamp'] ?? rec.timestamp ?? rec.time ?? rec.ts, t.stamp);
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/** The records of a whole JSON document export, or null when it is none of the known shapes. */
export function documentRecords(doc: unknown): { form: string; records: unknown[] } | null {
  if (Array.isArray(doc)) {
    const first = doc.find(isObj);
    if (first === undefined) return null;
    if (typeof first.line === 'string' && isObj(first.fields)) return { form: 'grafana-json', records: doc };
    if (typeof first.logName === 'string' || 'textPayload' in first || 'jsonPayload' in first)
      return { form: 'cloud-logging-json', records: doc };
    if (isObj(first._source)) return { form: 'elasticsearch-hits', records: doc };
    if (first.type === 'log' && isObj(first.attributes)) return { form: 'datadog-json', records: doc };
    if (typeof first.logStreamName === 'string') return { form: 'cloudwatch-json', records: doc };
    return null;
  }
  if (!isObj(doc)) return null;
  if (isObj(doc.hits) && Array.isArray(doc.hits.hits)) return { form: 'elasticsearch-hits', records: doc.hits.hits };
  if (Array.isArray(doc.events) && (doc.events.length === 0 || (isObj(doc.events[0]) && 'logStreamName' in doc.events[0])))
    return { form: 'cloudwatch-json', records: doc.events };
  if (Array.isArray(doc.data) && (doc.data.length === 0 || (isObj(doc.data[0]) && (doc.data[0] as Obj).type === 'log')))
    return { form: 'datadog-json', records: doc.data };
  if (Array.isArray(doc.entries)) return { form: 'cloud-logging-json', records: doc.entries };
  return null;
}

// ---- CSV ----------------------------------------------------------------------------------------

/** Column positions of a log export's CSV header. */
export interface CsvLayout {
  form: string;
  time: number;
  message: number;
  writer: number;
  columns: number;
}

/** Split one CSV record (RFC 4180: `"` quotes, `""` inside quotes); null when a quote is left open. */
export function splitCsv(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (i < n && line.charCodeAt(i) === 34) {
      let v = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return null;
        v += line.slice(j, q);
        if (line.charCodeAt(q + 1) === 34) {
          v += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? n : c;
      out.push(line.slice(i, end));
      i = end;
    }
    if (i >= n) return out;
    if (line.charCodeAt(i) !== 44) return out; // junk after a closing quote: keep what there is
    i++;
    if (i === n) {
      out.push('');
      return out;
    }
  }
}

const TIME_COLUMNS = ['@timestamp', 'timestamp', 'date', 'time', 'datetime'];
const MESSAGE_COLUMNS = ['@message', 'message', 'content', 'line', 'log', 'textpayload', 'msg'];
const WRITER_COLUMNS = [
  'pod',
  'pod_name',
  'kubernetes.pod.name',
  'host.name',
  'host',
  'hostname',
  '@logstream',
  'logstream',
  'log stream',
  'container',
  'service',
];

/** A CSV header of a log export (Datadog, CloudWatch Logs Insights, …), or null. */
export function csvLayout(line: string): CsvLayout | null {
  if (line.length > 4096) return null;
  const cols = splitCsv(line);
  if (cols === null || cols.length < 2) return null;
  const names = cols.map((c) => c.trim().toLowerCase());
  const find = (cands: string[]) => {
    for (const c of cands) {
      const k = names.indexOf(c);
      if (k >= 0) return k;
    }
    return -1;
  };
  const time = find(TIME_COLUMNS);
  const message = find(MESSAGE_COLUMNS);
  if (time < 0 || message < 0) return null;
  const writer = find(WRITER_COLUMNS);
  const form = names.includes('@logstream') || names.includes('@message') ? 'cloudwatch-csv' : 'datadog-csv';
  return { form, time, message, writer, columns: cols.length };
}

// ---- Loki jsonl read in place --------------------------------------------------------------------
// A Loki export holds every node's lines, each a JSON record. JSON.parse of every record, a string
// for its message, the label set rebuilt and re-sorted per line, and a fresh buffer to parse the
// message from were 57% of reading one (208 MB, 0.8 M records). logcli writes the keys as
// `{"labels":{…},"line":"…","timestamp":"…"}` (cmd/logcli output/jsonl.go); a record in exactly that
// order whose message and time hold no escapes, control or non-ASCII bytes is read in place: the
// message stays in the input buffer, the label set is parsed once per distinct label bytes. Anything
// else goes through JSON.parse as before, so the answer is the same for every line.

const LABELS_KEY = '{"labels":';
const LINE_KEY = ',"line":"';
const TIME_KEY = ',"timestamp":"';

/**
 * The index after the `}` closing the brace at i, over double-quoted strings with backslash escapes
 * (a JSON object, or logcli's `{k="v", …}` label set), or -1. `flat`: -1 also at a `{` or `[` outside
 * a string (a nested value).
 */
export function quotedBraceEnd(b: Buffer, i: number, e: number, flat: boolean): number {
  if (b[i] !== 123) return -1;
  let quoted = false;
  for (let p = i + 1; p < e; p++) {
    const c = b[p];
    if (quoted) {
      if (c === 92) p++;
      else if (c === 34) quoted = false;
    } else if (c === 34) quoted = true;
    else if (c === 125) return p + 1;
    else if (flat && (c === 123 || c === 91)) return -1;
  }
  return -1;
}

/** Flags of a JSON string's bytes: what stops reading it in place. */
const STR_ESCAPED = 1;
const STR_WIDE = 2;

/**
 * The index of the closing quote of the JSON string whose content starts at i, or -1 (a raw control
 * byte: not JSON). `flags.v` tells whether it holds escapes or non-ASCII bytes. The quote is found
 * natively; the bytes before it take a plain check (no backslash, 32 to 127) unless one fails.
 */
function stringEnd(b: Buffer, i: number, e: number, flags: { v: number }): number {
  const q = b.indexOf(34, i);
  if (q < 0 || q >= e) return -1;
  let p = i;
  for (; p < q; p++) {
    const c = b[p];
    if (c === 92 || (c - 32) >>> 0 >= 96) break;
  }
  if (p === q) {
    flags.v = 0;
    return q;
  }
  let f = 0;
  for (p = i; p < e; p++) {
    const c = b[p];
    if (c === 34) {
      flags.v = f;
      return p;
    }
    if (c < 32) return -1;
    if (c === 92) {
      f |= STR_ESCAPED;
      p++;
    } else if (c >= 128) f |= STR_WIDE;
  }
  return -1;
}

interface LabelEntry {
  bytes: Buffer;
  stream: string;
}

/** What readLokiInPlace found: the message as `[start, end)` of the input, or as `text`. */
export interface LokiLine {
  start: number;
  end: number;
  text: string | null;
}

/** Label sets seen, by a hash of their bytes (a file holds a few, one per pod). */
export class LokiLabelCache {
  private readonly byHash = new Map<number, LabelEntry[]>();
  private readonly flags = { v: 0 };

  private stream(b: Buffer, s: number, e: number): string | null {
    let h = 0x811c9dc5;
    for (let p = s; p < e; p++) h = Math.imul(h ^ b[p], 0x01000193);
    const list = this.byHash.get(h);
    if (list !== undefined)
      for (const x of list) {
        if (x.bytes.length !== e - s) continue;
        let k = 0;
        while (k < x.bytes.length && x.bytes[k] === b[s + k]) k++;
        if (k === x.bytes.length) return x.stream;
      }
    let labels: unknown;
    try {
      labels = JSON.parse(b.toString('utf8', s, e));
    } catch {
      return null;
    }
    if (!isObj(labels)) return null;
    const entry = { bytes: Buffer.from(b.subarray(s, e)), stream: lokiLabels(labels) };
    if (list !== undefined) list.push(entry);
    else this.byHash.set(h, [entry]);
    return entry.stream;
  }

  /**
   * A logcli jsonl record `b[s, e)` read without JSON.parse into `t` and `out`; false when it is not
   * in that exact form (the caller then parses it as JSON, and gets the same answer readJsonRecord
   * would give for it).
   */
  read(b: Buffer, s: number, e: number, t: RecordTarget, out: LokiLine): boolean {
    if (b[e - 1] !== 125 || !matchAscii(b, s, e, LABELS_KEY)) return false;
    const ls = s + LABELS_KEY.length;
    const le = quotedBraceEnd(b, ls, e, true);
    if (le < 0 || !matchAscii(b, le, e, LINE_KEY)) return false;
    const ms = le + LINE_KEY.length;
    const me = stringEnd(b, ms, e, this.flags);
    if (me < 0) return false;
    const lineFlags = this.flags.v;
    if (!matchAscii(b, me + 1, e, TIME_KEY)) return false;
    const ts = me + 1 + TIME_KEY.length;
    const te = stringEnd(b, ts, e, this.flags);
    if (te < 0 || this.flags.v !== 0 || te !== e - 2) return false;
    let text: string | null = null;
    if (lineFlags !== 0) {
      try {
        text = JSON.parse(b.toString('utf8', ms - 1, me + 1)) as string;
      } catch {
        return false;
      }
    }
    const stream = this.stream(b, ls, le);
    if (stream === null) return false;
    t.form = 'loki-jsonl';
    t.stream = stream;
    // stampFromString's own test on these bytes (it copies the text to bytes first), without the copy.
    if (te - ts > scratch.length || parseIsoStamp(b, ts, te, t.stamp) !== te)
      if (!stampFromString(b.toString('latin1', ts, te), t.stamp)) t.stamp.kind = STAMP_NONE;
    out.start = ms;
    out.end = me;
    out.text = text;
    return true;
  }
}
