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
