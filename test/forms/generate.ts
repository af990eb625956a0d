// Generators: rewrite a recorded incident (fixtures/incidents/<name>/) into the forms users hold —
// platform wrappers around each node's log, one file holding every node, log-store exports. Each
// generator writes what the tool named in its comment writes, per the document cited there; the
// snapshot files of the recording are kept as they are.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One line of a node's log as recorded (`pid:R dd Mon yyyy HH:MM:SS.mmm L msg`, or a raw crash-report line). */
export interface LogLine {
  port: number;
  raw: string;
  /** UTC ms (a raw line takes the time of the line before it). */
  at: number;
  /** Index in its file: equal times keep file order. */
  index: number;
  pid: number | null;
  role: string | null;
  level: string | null;
  /** The message (the whole line for a raw line). */
  msg: string;
}

export interface Incident {
  name: string;
  /** node logs per port, in file order */
  logs: Map<number, LogLine[]>;
  /** Every other input file (snapshots, nodes.conf) by name, as recorded. */
  others: Map<string, string>;
  /** The latest time in the logs (the files' modification time). */
  end: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LINE = /^(\d+):([MSCX]) (\d\d) (\w{3}) (\d{4}) (\d\d):(\d\d):(\d\d)\.(\d{3}) ([.\-*#]) ?(.*)$/;

export function loadIncidentLogs(dir: string, name: string): Incident {
  const logs = new Map<number, LogLine[]>();
  const others = new Map<string, string>();
  let end = 0;
  for (const f of readdirSync(dir).sort()) {
    const text = readFileSync(join(dir, f), 'utf8');
    const m = /^node-(\d+)\.log$/.exec(f);
    if (!m) {
      if (f !== 'truth.json') others.set(f, text);
      continue;
    }
    const port = Number(m[1]);
    const lines: LogLine[] = [];
    let last = 0;
    // A raw line (crash report) was written just before the next stamped line: it takes that time.
    const rows = text.split('\n');
    if (rows[rows.length - 1] === '') rows.pop();
    rows.forEach((raw, index) => {
      const p = LINE.exec(raw);
      if (p) {
        last = Date.UTC(Number(p[5]), MONTHS.indexOf(p[4]), Number(p[3]), Number(p[6]), Number(p[7]), Number(p[8]), Number(p[9]));
        lines.push({ port, raw, at: last, index, pid: Number(p[1]), role: p[2], level: p[10], msg: p[11] });
      } else lines.push({ port, raw, at: last, index, pid: null, role: null, level: null, msg: raw });
    });
    let next = last;
    for (let k = lines.length - 1; k >= 0; k--) {
      if (lines[k].pid !== null) next = lines[k].at;
      else lines[k].at = next;
    }
    for (const l of lines) if (l.at > end) end = l.at;
    logs.set(port, lines);
  }
  return { name, logs, others, end };
}

/** Every node's lines merged by time (stable: file order, then port order) — one file holding all nodes. */
export function interleaved(inc: Incident): LogLine[] {
  const all = [...inc.logs.values()].flat();
  return all.sort((a, b) => a.at - b.at || a.port - b.port || a.index - b.index);
}

export type Files = Map<string, string>;

/** The recorded snapshot files plus the given log files. */
function withOthers(inc: Incident, files: Files): Files {
  for (const [k, v] of inc.others) files.set(k, v);
  return files;
}

function perNode(inc: Incident, name: (port: number) => string, line: (l: LogLine, i: number, all: LogLine[]) => string | string[]): Files {
  const files: Files = new Map();
  for (const [port, lines] of inc.logs) files.set(name(port), lines.flatMap((l, i) => line(l, i, lines)).join('\n') + '\n');
  return withOthers(inc, files);
}

function oneFile(inc: Incident, name: string, head: string[], line: (l: LogLine) => string | string[]): Files {
  return withOthers(inc, new Map([[name, [...head, ...interleaved(inc).flatMap(line)].join('\n') + '\n']]));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** RFC3339Nano with 9 fraction digits and `Z`, as docker and the CRI write it. */
export const nano = (at: number, extra = 0) =>
  new Date(at).toISOString().replace(/\.(\d{3})Z$/, (_, ms) => `.${ms}${String(extra).padStart(6, '0')}Z`);
/** RFC 3339 at millisecond precision. */
const isoMs = (at: number) => new Date(at).toISOString();
/** RFC 3339 without a fraction (Go's time.RFC3339, as logcli prints it). */
const isoSec = (at: number) => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
const parts = (at: number) => {
  const d = new Date(at);
  return {
    mo: d.getUTCMonth(),
    d: d.getUTCDate(),
    h: pad(d.getUTCHours()),
    mi: pad(d.getUTCMinutes()),
    s: pad(d.getUTCSeconds()),
    ms: pad(d.getUTCMilliseconds(), 3),
  };
};
const host = (port: number) => `redis-${port}`;
/** syslog severity from Redis' level (server.c syslogLevelMap: debug, info, notice, warning). */
const severity = (level: string | null) => (level === '#' ? 4 : level === '*' ? 5 : level === '-' ? 6 : 7);
/** LOG_USER facility (1) → PRI = 8 + severity. RFC 5424 §6.2.1. */
const pri = (l: LogLine) => `<${8 + severity(l.level)}>`;
const pidOf = (l: LogLine, all: LogLine[]) =>
  l.pid ?? [...all].reverse().find((x) => x.port === l.port && x.pid !== null && x.at <= l.at)?.pid ?? 1;

export interface Form {
  name: string;
  /** The form name the analysis must report for some input (`inputs[].forms`). */
  detected: string;
  /** The lines carry only second-precision time of their own (Redis writes the message only). */
  secondPrecision?: boolean;
  /** The lines carry no pid. */
  noPid?: boolean;
  build(inc: Incident): Files;
}

// https://docs.docker.com/reference/cli/docker/compose/logs/ — `docker compose logs [-t] [--no-color]`:
// each line is the container name padded to the widest, ` | `, then (with -t) docker's RFC3339Nano stamp.
// Colour: the name and bar in one ANSI colour per service (compose pkg/compose/printer.go).
function compose(opts: { t: boolean; colour: boolean }): Form {
  return {
    name: `compose${opts.t ? '-t' : ''}${opts.colour ? '-colour' : ''}`,
    detected: opts.colour ? 'ansi' : 'compose',
    build(inc) {
      const names = new Map([...inc.logs.keys()].map((p) => [p, `redis-${p}-1`]));
      const width = Math.max(...[...names.values()].map((n) => n.length));
      const colours = [36, 33, 32, 35, 34, 31];
      return oneFile(inc, 'compose.log', [], (l) => {
        const name = names.get(l.port)!.padEnd(width + 1);
        const k = [...names.keys()].indexOf(l.port);
        const prefix = opts.colour ? `\x1b[${colours[k % colours.length]}m${name} |\x1b[0m ` : `${name} | `;
        return prefix + (opts.t ? `${nano(l.at)} ` : '') + l.raw;
      });
    },
  };
}

// https://www.gnu.org/software/coreutils/manual/html_node/tail-invocation.html — with several files,
// `tail` prints `==> FILE <==` before each file's output, and (with -f) again when output switches file.
const tailF: Form = {
  name: 'tail-f',
  detected: 'tail-headers',
  build(inc) {
    const out: string[] = [];
    let cur = -1;
    for (const l of interleaved(inc)) {
      if (l.port !== cur) {
        if (cur !== -1) out.push('');
        out.push(`==> /var/log/redis/node-${l.port}.log <==`);
        cur = l.port;
      }
      out.push(l.raw);
    }
    return withOthers(inc, new Map([['tail.log', out.join('\n') + '\n']]));
  },
};

// https://github.com/kubernetes/design-proposals-archive/blob/main/node/kubelet-cri-logging.md —
// `<RFC3339Nano> <stream> <tag> <content>`; tag `P` marks a partial line continued by the next
// record, `F` a full (last) part. Long lines are split here at 48 bytes to exercise the join.
const cri: Form = {
  name: 'cri',
  detected: 'cri',
  build(inc) {
    return perNode(
      inc,
      (p) => `pods/redis-${p}_0.log`,
      (l, i) => {
        const out: string[] = [];
        let rest = l.raw;
        let n = 0;
        while (rest.length > 48) {
          out.push(`${nano(l.at, i * 10 + n++)} stdout P ${rest.slice(0, 48)}`);
          rest = rest.slice(48);
        }
        out.push(`${nano(l.at, i * 10 + n)} stdout F ${rest}`);
        return out;
      },
    );
  },
};

// https://github.com/kubernetes/klog (klog.go formatHeader) — `Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg`,
// L one of I W E F, threadid space-padded to 7. An operator logging each Redis line through klog.
const klog: Form = {
  name: 'klog',
  detected: 'klog',
  build(inc) {
    return perNode(
      inc,
      (p) => `operator-${p}.log`,
      (l, i, all) => {
        const t = parts(l.at);
        const sev = l.level === '#' ? 'W' : 'I';
        return `${sev}${pad(t.mo + 1)}${pad(t.d)} ${t.h}:${t.mi}:${t.s}.${t.ms}${String(i % 1000).padStart(3, '0')} ${String(pidOf(l, all)).padStart(7)} redis.go:88] ${l.raw}`;
      },
    );
  },
};

// Redis with `syslog-enabled yes` sends the message only (server.c serverLogRaw: syslog(syslogLevelMap[level], "%s", msg));
// the relay writes each host's lines into one file.
// RFC 3164 §4.1 https://datatracker.ietf.org/doc/html/rfc3164 — `<PRI>Mmm dd hh:mm:ss HOSTNAME TAG[pid]: MSG`,
// day space-padded, second precision.
const syslog3164: Form = {
  name: 'syslog-rfc3164',
  detected: 'syslog-rfc3164',
  secondPrecision: true,
  build(inc) {
    const all = interleaved(inc);
    return oneFile(inc, 'messages', [], (l) => {
      const t = parts(l.at);
      return `${pri(l)}${MONTHS[t.mo]} ${String(t.d).padStart(2)} ${t.h}:${t.mi}:${t.s} ${host(l.port)} redis[${pidOf(l, all)}]: ${l.msg}`;
    });
  },
};

// RFC 5424 §6 https://datatracker.ietf.org/doc/html/rfc5424 — `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG`.
const syslog5424: Form = {
  name: 'syslog-rfc5424',
  detected: 'syslog-rfc5424',
  build(inc) {
    const all = interleaved(inc);
    return oneFile(
      inc,
      'syslog.log',
      [],
      (l) => `${pri(l)}1 ${isoMs(l.at)} ${host(l.port)} redis ${pidOf(l, all)} - [origin software="redis"] ${l.msg}`,
    );
  },
};

// rsyslog RSYSLOG_FileFormat (high-precision): `%TIMESTAMP:::date-rfc3339% %HOSTNAME% %syslogtag%%msg%`
// https://www.rsyslog.com/doc/configuration/templates.html — microseconds and a numeric offset.
const rsyslog: Form = {
  name: 'rsyslog-precise',
  detected: 'syslog-journald',
  build(inc) {
    const all = interleaved(inc);
    return oneFile(
      inc,
      'redis.log',
      [],
      (l) => `${isoMs(l.at).replace(/Z$/, '000+00:00')} ${host(l.port)} redis[${pidOf(l, all)}]: ${l.msg}`,
    );
  },
};

// A user's own labels before each pasted line (`MASTER2 - …`), every node in one file.
const labels: Form = {
  name: 'user-labels',
  detected: 'label',
  build(inc) {
    return oneFile(inc, 'pasted.txt', [], (l) => `NODE${l.port} - ${l.raw}`);
  },
};

// CommonMark block quotes https://spec.commonmark.org/0.31.2/#block-quotes — `> ` before each line.
const quoted: Form = {
  name: 'markdown-quote',
  detected: 'markdown-quote',
  build(inc) {
    return perNode(
      inc,
      (p) => `node-${p}.md`,
      (l) => (l.raw === '' ? '>' : `> ${l.raw}`),
    );
  },
};

// A log cut to `HH:MM:SS.mmm L msg` (a shipper's template or an excerpt): no pid, role or date.
const bareClock: Form = {
  name: 'bare-clock',
  noPid: true,
  detected: 'redis-clock',
  build(inc) {
    return perNode(
      inc,
      (p) => `node-${p}.log`,
      (l) => {
        if (l.pid === null) return l.raw;
        const t = parts(l.at);
        return `${t.h}:${t.mi}:${t.s}.${t.ms} ${l.level} ${l.msg}`;
      },
    );
  },
};

// ECMA-48 SGR colour around the pid and level, as a colourising pager saves it.
const ansi: Form = {
  name: 'ansi',
  detected: 'ansi',
  build(inc) {
    return perNode(
      inc,
      (p) => `node-${p}.log`,
      (l) => (l.pid === null ? l.raw : l.raw.replace(/^(\d+:[MSCX]) (.{24}) ([.\-*#]) /, '\x1b[1;34m$1\x1b[0m $2 \x1b[33m$3\x1b[0m ')),
    );
  },
};

// https://grafana.com/docs/loki/latest/query/logcli/ — default output `<RFC3339> <labels> <line>`, the
// label set padded to the widest (logcli pkg/logcli/output/default.go); `--output=raw` the line alone;
// `--output=jsonl` `{"labels":{…},"line":"…","timestamp":"<RFC3339Nano>"}`.
const lokiLabels = (port: number) => `{container="redis", namespace="db", pod="redis-${port}"}`;
const logcliDefault: Form = {
  name: 'loki-logcli',
  detected: 'loki-logcli',
  build(inc) {
    const width = Math.max(...[...inc.logs.keys()].map((p) => lokiLabels(p).length));
    return oneFile(inc, 'loki.txt', [], (l) => `${isoSec(l.at)} ${lokiLabels(l.port).padEnd(width)} ${l.raw}`);
  },
};
const logcliRaw: Form = {
  name: 'loki-raw',
  detected: 'redis-v5',
  build(inc) {
    return perNode(
      inc,
      (p) => `loki-redis-${p}.txt`,
      (l) => l.raw,
    );
  },
};
// `--output=raw` of a query over every pod: the lines alone, interleaved; only the pids tell the writers.
const logcliRawAll: Form = {
  name: 'loki-raw-all-pods',
  detected: 'redis-v5',
  build(inc) {
    return oneFile(inc, 'loki-raw.txt', [], (l) => l.raw);
  },
};
const logcliJsonl: Form = {
  name: 'loki-jsonl',
  detected: 'loki-jsonl',
  build(inc) {
    return oneFile(inc, 'loki.jsonl', [], (l) =>
      JSON.stringify({ labels: { container: 'redis', namespace: 'db', pod: `redis-${l.port}` }, line: l.raw, timestamp: nano(l.at) }),
    );
  },
};

// https://grafana.com/docs/grafana/latest/explore/logs-integration/ "Download" — txt: meta lines, two
// blank lines, then `<YYYY-MM-DD HH:mm:ss.SSS>\t<line>` (grafana inspector/utils/download.ts); a
// download holds one query's rows without their labels, so one file per pod.
const grafanaTxt: Form = {
  name: 'grafana-txt',
  detected: 'grafana-txt',
  build(inc) {
    const files: Files = new Map();
    for (const [port, lines] of inc.logs) {
      const rows = lines.map((l) => `${isoMs(l.at).replace('T', ' ').replace('Z', '')}\t${l.raw}`);
      files.set(
        `grafana-redis-${port}.txt`,
        [
          `Common labels: {"container":"redis","pod":"redis-${port}"}`,
          `Line limit: "1000 (${lines.length} returned)"`,
          '',
          '',
          ...rows,
        ].join('\n') + '\n',
      );
    }
    return withOthers(inc, files);
  },
};
// The same download over every pod: rows of all pods interleaved, labels gone (only pids tell them apart).
const grafanaTxtAll: Form = {
  name: 'grafana-txt-all-pods',
  detected: 'grafana-txt',
  build(inc) {
    const rows = interleaved(inc).map((l) => `${isoMs(l.at).replace('T', ' ').replace('Z', '')}\t${l.raw}`);
    return withOthers(inc, new Map([['grafana.txt', ['Common labels: {"container":"redis"}', '', '', ...rows].join('\n') + '\n']]));
  },
};
// JSON: `[{"line", "timestamp": "<epoch ns>", "date", "fields": {labels}}]` (logs/utils.ts logRowsToReadableJson).
const grafanaJson: Form = {
  name: 'grafana-json',
  detected: 'grafana-json',
  build(inc) {
    const rows = interleaved(inc).map((l) => ({
      line: l.raw,
      timestamp: `${l.at}000000`,
      date: isoMs(l.at),
      fields: { container: 'redis', pod: `redis-${l.port}` },
    }));
    return withOthers(inc, new Map([['grafana.json', JSON.stringify(rows, null, 2)]]));
  },
};

// https://www.elastic.co/guide/en/elasticsearch/reference/current/search-search.html — the `_search`
// response, hits under `hits.hits[]._source`, ECS fields https://www.elastic.co/guide/en/ecs/current/ecs-field-reference.html
const esSource = (l: LogLine) => ({
  '@timestamp': isoMs(l.at),
  message: l.raw,
  host: { name: `node-${l.port}` },
  kubernetes: { pod: { name: `redis-${l.port}` } },
  log: { file: { path: '/data/redis.log' } },
});
const esHits: Form = {
  name: 'elasticsearch-hits',
  detected: 'elasticsearch-hits',
  build(inc) {
    const all = interleaved(inc);
    const doc = {
      took: 12,
      timed_out: false,
      _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
      hits: {
        total: { value: all.length, relation: 'eq' },
        max_score: null,
        hits: all.map((l, i) => ({ _index: 'logs-redis', _id: `id${i}`, _score: null, _source: esSource(l), sort: [l.at] })),
      },
    };
    return withOthers(inc, new Map([['search.json', JSON.stringify(doc, null, 2)]]));
  },
};
// `_source` one a line (elasticdump / `jq -c '.hits.hits[]._source'`), dotted keys as Filebeat ships them.
const esNdjson: Form = {
  name: 'elasticsearch-ndjson',
  detected: 'elasticsearch-ndjson',
  build(inc) {
    return oneFile(inc, 'export.ndjson', [], (l) =>
      JSON.stringify({
        '@timestamp': isoMs(l.at),
        'host.name': `node-${l.port}`,
        'kubernetes.pod.name': `redis-${l.port}`,
        message: l.raw,
      }),
    );
  },
};

// https://docs.datadoghq.com/api/latest/logs/#search-logs — `{"data":[{"id","type":"log","attributes":{timestamp, host, service, message, status, tags}}]}`.
const datadogJson: Form = {
  name: 'datadog-json',
  detected: 'datadog-json',
  build(inc) {
    const data = interleaved(inc).map((l, i) => ({
      id: `AQAAAY${i}`,
      type: 'log',
      attributes: {
        timestamp: isoMs(l.at),
        host: `redis-${l.port}`,
        service: 'redis',
        status: 'info',
        message: l.raw,
        tags: ['env:prod'],
        attributes: {},
      },
    }));
    return withOthers(inc, new Map([['datadog.json', JSON.stringify({ data, links: {}, meta: { status: 'done' } })]]));
  },
};
// https://docs.datadoghq.com/logs/explorer/export/ — "Download as CSV": the list's columns (Date, Host, Service, Message).
const csvQuote = (v: string) => `"${v.replace(/"/g, '""')}"`;
const datadogCsv: Form = {
  name: 'datadog-csv',
  detected: 'datadog-csv',
  build(inc) {
    return oneFile(inc, 'datadog.csv', ['Date,Host,Service,Message'], (l) =>
      [isoMs(l.at), `redis-${l.port}`, 'redis', l.raw].map(csvQuote).join(','),
    );
  },
};

// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html —
// `aws logs filter-log-events`: `{"events":[{"logStreamName","timestamp":<ms>,"message","ingestionTime","eventId"}],"searchedLogStreams":[…]}`.
const cloudwatchJson: Form = {
  name: 'cloudwatch-json',
  detected: 'cloudwatch-json',
  build(inc) {
    const events = interleaved(inc).map((l, i) => ({
      logStreamName: `redis-${l.port}`,
      timestamp: l.at,
      message: l.raw,
      ingestionTime: l.at + 40,
      eventId: `3${String(i).padStart(55, '0')}`,
    }));
    return withOthers(
      inc,
      new Map([
        [
          'cloudwatch.json',
          JSON.stringify(
            { events, searchedLogStreams: [...inc.logs.keys()].map((p) => ({ logStreamName: `redis-${p}`, searchedCompletely: true })) },
            null,
            2,
          ),
        ],
      ]),
    );
  },
};
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_ExportQueryResults.html — Logs Insights
// "Export results → Download table (CSV)": `@timestamp,@message,@logStream,@log`, stamps `yyyy-MM-dd HH:mm:ss.SSS` UTC.
const cloudwatchCsv: Form = {
  name: 'cloudwatch-csv',
  detected: 'cloudwatch-csv',
  build(inc) {
    return oneFile(inc, 'insights.csv', ['@timestamp,@message,@logStream,@log'], (l) =>
      [isoMs(l.at).replace('T', ' ').replace('Z', ''), l.raw, `redis-${l.port}`, '123456789012:/redis/cluster'].map(csvQuote).join(','),
    );
  },
};

// https://cloud.google.com/logging/docs/reference/v2/rest/v2/LogEntry — `gcloud logging read --format=json --order=asc`:
// an array of LogEntry with `textPayload`, `timestamp`, `resource.labels.pod_name`.
const cloudLogging: Form = {
  name: 'cloud-logging-json',
  detected: 'cloud-logging-json',
  build(inc) {
    const entries = interleaved(inc).map((l, i) => ({
      insertId: `ins${i}`,
      logName: 'projects/demo/logs/stdout',
      receiveTimestamp: isoMs(l.at + 50),
      resource: {
        type: 'k8s_container',
        labels: { cluster_name: 'prod', container_name: 'redis', namespace_name: 'db', pod_name: `redis-${l.port}`, project_id: 'demo' },
      },
      severity: l.level === '#' ? 'WARNING' : 'INFO',
      textPayload: l.raw,
      timestamp: nano(l.at),
    }));
    return withOthers(inc, new Map([['logging.json', JSON.stringify(entries, null, 2)]]));
  },
};

// logrotate's numbered scheme https://man7.org/linux/man-pages/man8/logrotate.8.html (with
// `delaycompress`: `.1` plain, `.2.gz` compressed): each node's log cut in three, oldest in `.2.gz`.
const rotated: Form = {
  name: 'rotated',
  detected: 'rotated',
  build(inc) {
    const files: Files = new Map();
    for (const [port, lines] of inc.logs) {
      const raw = lines.map((l) => l.raw);
      // logrotate runs between writes: cut before a headed line that follows a headed line (not
      // inside a crash report, which Redis writes in one go).
      const inReport: boolean[] = [];
      let open = false;
      for (const l of lines) {
        if (l.raw.includes('BUG REPORT START')) open = true;
        inReport.push(open || l.pid === null);
        if (l.raw.includes('BUG REPORT END')) open = false;
      }
      const cut = (k: number) => {
        while (k < lines.length && (inReport[k] || (k > 0 && inReport[k - 1]))) k++;
        return k;
      };
      const a = cut(Math.floor(raw.length / 3));
      const b = Math.max(a, cut(Math.floor((2 * raw.length) / 3)));
      files.set(`node-${port}.log.2.gz`, raw.slice(0, a).join('\n') + '\n');
      files.set(`node-${port}.log.1`, raw.slice(a, b).join('\n') + '\n');
      files.set(`node-${port}.log`, raw.slice(b).join('\n') + '\n');
    }
    return withOthers(inc, files);
  },
};

/** The same export, newest first: logcli's default direction is backward (`--forward` not given),
 * `gcloud logging read` orders by timestamp desc unless `--order=asc`, Datadog lists newest first. */
function newestFirst(form: Form, file: string): Form {
  return {
    ...form,
    name: `${form.name}-newest-first`,
    build(inc) {
      const files = form.build(inc);
      const text = files.get(file)!;
      if (file.endsWith('.json')) {
        const doc = JSON.parse(text) as unknown[];
        files.set(file, JSON.stringify(doc.reverse(), null, 2));
      } else {
        const rows = text.split('\n');
        if (rows[rows.length - 1] === '') rows.pop();
        // A CSV header and Grafana's meta lines (and the blank lines after them) stay on top.
        const head = rows.splice(0, file.endsWith('.csv') ? 1 : rows.findIndex((r) => /^\d{4}-/.test(r)));
        files.set(file, [...head, ...rows.reverse()].join('\n') + '\n');
      }
      return files;
    },
  };
}

export const FORMS: Form[] = [
  rotated,
  compose({ t: false, colour: false }),
  compose({ t: true, colour: false }),
  compose({ t: false, colour: true }),
  compose({ t: true, colour: true }),
  tailF,
  cri,
  klog,
  syslog3164,
  syslog5424,
  rsyslog,
  labels,
  quoted,
  bareClock,
  ansi,
  logcliDefault,
  logcliRaw,
  logcliRawAll,
  logcliJsonl,
  grafanaTxt,
  grafanaTxtAll,
  grafanaJson,
  esHits,
  esNdjson,
  datadogJson,
  datadogCsv,
  cloudwatchJson,
  cloudwatchCsv,
  cloudLogging,
  newestFirst(logcliJsonl, 'loki.jsonl'),
  newestFirst(logcliDefault, 'loki.txt'),
  newestFirst(cloudLogging, 'logging.json'),
  newestFirst(datadogCsv, 'datadog.csv'),
  newestFirst(grafanaTxtAll, 'grafana.txt'),
];

/** The plain recording (node logs as recorded, same snapshot files): what every form must match. */
export function plainFiles(inc: Incident): Files {
  return perNode(
    inc,
    (p) => `node-${p}.log`,
    (l) => l.raw,
  );
}
