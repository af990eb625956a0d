// The wrapper forms wrappers.ts recognises, declared as lnav declares its formats: a sample line and
// a reference regex for each, with the document the form rests on. The regexes are the plain
// definition; the byte-level parser is the fast one, and test/parse/wrappers.test.ts holds the two to
// the same answer (kind, writer label, inner line) on every sample, fixture line and random text.
//
// Each regex has the named groups `stream` (the writer label, when the form has one) and `inner`
// (the line inside the wrapper).
import {
  WRAP_COMPOSE,
  WRAP_CRI,
  WRAP_DOCKER_T,
  WRAP_EXPORT_META,
  WRAP_GRAFANA_TXT,
  WRAP_JOURNALD,
  WRAP_JOURNALD_META,
  WRAP_KLOG,
  WRAP_KUBECTL,
  WRAP_LABEL,
  WRAP_LOGCLI,
  WRAP_SYSLOG_3164,
  WRAP_SYSLOG_5424,
  WRAP_TAIL_HEADER,
} from './wrappers.ts';

export interface WrapperForm {
  kind: number;
  name: string;
  doc: string;
  sample: string;
  /** What the sample unwraps to. */
  inner: string;
  stream?: string;
  regex: RegExp;
}

const RFC3339_Z = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d+)?Z`;
const RFC3339_OFF = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d+)?[+-]\d\d:?\d\d`;
const SYSLOG_STAMP = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?: \d|\d\d) \d\d:\d\d:\d\d(?:[.,]\d+)?`;
/** `host ident[pid]: ` — the writer is host and tag (the pid is its process). */
const HOST_TAG = String.raw`(?<stream>[^ :]+ [^ \[:]+)(?:\[\d+\])?: ?`;
/** A Redis / Valkey prefix (prefix.ts): what makes a word before it a user's label. */
const LEVEL = String.raw`[.\-*#](?: |$)`;
const CLOCK = String.raw`\d\d:\d\d:\d\d(?:\.\d+)?`;
/** logcli's label set `{k="v", …}` (quotes may hold `}`). */
const LABEL_SET = String.raw`\{(?:[^}"]|"(?:[^"\\]|\\.)*")*\}`;
const REDIS_LINE = String.raw`(?:\d{1,10}:[MSCX] (?:\d\d [A-Z][a-z]{2} (?:\d{4} )?${CLOCK}|\d{4}-\d\d-\d\dT${CLOCK}(?:Z|[+-]\d\d:?\d\d)?|\d{1,16}) ${LEVEL}|\[\d{1,10}\] \d\d [A-Z][a-z]{2} ${CLOCK} ${LEVEL}|\d{1,10}:signal-handler \(\d+\)|\[\d{1,10} \| signal handler\] \(\d+\)|pid=\d+ .*|${CLOCK} ${LEVEL})`;

export const WRAPPER_FORMS: readonly WrapperForm[] = [
  {
    kind: WRAP_DOCKER_T,
    name: 'docker-t',
    doc: 'https://docs.docker.com/reference/cli/docker/container/logs/',
    sample: '2021-06-23T07:49:33.581234567Z 1:M 23 Jun 2021 07:49:33.581 # Cluster state changed: ok',
    inner: '1:M 23 Jun 2021 07:49:33.581 # Cluster state changed: ok',
    regex: new RegExp(String.raw`^${RFC3339_Z} (?!std(?:out|err) [PF])(?!${LABEL_SET}(?: |$))(?<inner>.*)$`, 's'),
  },
  {
    kind: WRAP_CRI,
    name: 'cri',
    doc: 'https://github.com/kubernetes/design-proposals-archive/blob/main/node/kubelet-cri-logging.md',
    sample: '2021-06-23T07:49:33.581234567Z stdout F 1:M 23 Jun 2021 07:49:33.581 # Cluster state changed: ok',
    inner: '1:M 23 Jun 2021 07:49:33.581 # Cluster state changed: ok',
    regex: new RegExp(String.raw`^${RFC3339_Z} std(?:out|err) [PF][^ ]*(?: (?<inner>.*))?$`, 's'),
  },
  {
    kind: WRAP_LOGCLI,
    name: 'loki-logcli',
    doc: 'https://grafana.com/docs/loki/latest/query/logcli/',
    sample: '2021-06-23T07:49:33Z {pod="redis-0"}   1:M 23 Jun 2021 07:49:33.581 # Cluster state changed: ok',
    inner: '1:M 23 Jun 2021 07:49:33.581 # Cluster state changed: ok',
    stream: '{pod="redis-0"}',
    regex: new RegExp(String.raw`^(?:${RFC3339_Z}|${RFC3339_OFF}) (?<stream>${LABEL_SET})(?: +|$)(?<inner>.*)$`, 's'),
  },
  {
    kind: WRAP_JOURNALD,
    name: 'syslog-journald',
    doc: 'https://www.freedesktop.org/software/systemd/man/latest/journalctl.html (short, short-iso, short-precise); https://www.rsyslog.com/doc/configuration/templates.html (RSYSLOG_FileFormat)',
    sample: '2021-06-23T07:49:33.581234+00:00 node3 redis-server[77]: Cluster state changed: ok',
    inner: 'Cluster state changed: ok',
    stream: 'node3 redis-server',
    regex: new RegExp(String.raw`^(?:${RFC3339_OFF}|${SYSLOG_STAMP}) ${HOST_TAG}(?<inner>.*)$`, 's'),
  },
  {
    kind: WRAP_SYSLOG_3164,
    name: 'syslog-rfc3164',
    doc: 'https://datatracker.ietf.org/doc/html/rfc3164#section-4.1',
    sample: '<29>Jun 23 07:49:33 node3 redis[77]: Cluster state changed: ok',
    inner: 'Cluster state changed: ok',
    stream: 'node3 redis',
    regex: new RegExp(String.raw`^<(?:1?\d{1,2}|19[01])>${SYSLOG_STAMP} ${HOST_TAG}(?<inner>.*)$`, 's'),
  },
  {
    kind: WRAP_SYSLOG_5424,
    name: 'syslog-rfc5424',
    doc: 'https://datatracker.ietf.org/doc/html/rfc5424#section-6',
    sample: '<29>1 2021-06-23T07:49:33.581Z node3 redis 77 - [origin software="redis"] Cluster state changed: ok',
    inner: 'Cluster state changed: ok',
    stream: 'node3 redis',
    regex: new RegExp(
      String.raw`^<(?:1?\d{1,2}|19[01])>1 (?:-|${RFC3339_Z}|${RFC3339_OFF}) (?<host>[^ ]+) (?<app>[^ ]+) (?<proc>[^ ]+) [^ ]+ (?:-|(?:\[(?:[^\]"]|"(?:[^"\\]|\\.)*")*\])+)(?: (?:\uFEFF)?(?<inner>.*))?$`,
      's',
    ),
  },
  {
    kind: WRAP_KUBECTL,
    name: 'kubectl-prefix',
    doc: 'https://kubernetes.io/docs/reference/kubectl/generated/kubectl_logs/ (--prefix, --timestamps)',
    sample: '[pod/redis-0/redis] 2021-06-23T07:49:33.581234567Z 1:M 23 Jun 2021 07:49:33.581 # Cluster state changed: ok',
    inner: '1:M 23 Jun 2021 07:49:33.581 # Cluster state changed: ok',
    stream: 'pod/redis-0/redis',
    regex: new RegExp(String.raw`^\[(?<stream>[^\] ]*/[^\] ]*)\](?:| (?:(?:${RFC3339_Z}|${RFC3339_OFF})(?= |$) ?)?(?<inner>.*))$`, 's'),
  },
  {
    kind: WRAP_COMPOSE,
    name: 'compose',
    doc: 'https://docs.docker.com/reference/cli/docker/compose/logs/',
    sample: 'redis-1  | 2021-06-23T07:49:33.581234567Z 1:M 23 Jun 2021 07:49:33.581 # Cluster state changed: ok',
    inner: '1:M 23 Jun 2021 07:49:33.581 # Cluster state changed: ok',
    stream: 'redis-1',
    regex: new RegExp(
      String.raw`^(?<stream>[A-Za-z][\w.\-/@:]{0,62}) +\|(?:| (?:(?:${RFC3339_Z}|${RFC3339_OFF})(?= |$) ?)?(?<inner>.*))$`,
      's',
    ),
  },
  {
    kind: WRAP_KLOG,
    name: 'klog',
    doc: 'https://github.com/kubernetes/klog (klog.go formatHeader: Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg)',
    sample: 'I0623 07:49:33.581234       1 redis.go:88] 1:M 23 Jun 2021 07:49:33.581 # Cluster state changed: ok',
    inner: '1:M 23 Jun 2021 07:49:33.581 # Cluster state changed: ok',
    regex: new RegExp(
      String.raw`^[IWEF](?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]) \d\d:\d\d:\d\d(?:[.,]\d+)? +\d+ [^ \]]+\] ?(?<inner>.*)$`,
      's',
    ),
  },
  {
    kind: WRAP_GRAFANA_TXT,
    name: 'grafana-txt',
    doc: 'https://grafana.com/docs/grafana/latest/explore/logs-integration/ (Download logs: grafana inspector/utils/download.ts)',
    sample: '2021-06-23 07:49:33.581\t1:M 23 Jun 2021 07:49:33.581 # Cluster state changed: ok',
    inner: '1:M 23 Jun 2021 07:49:33.581 # Cluster state changed: ok',
    regex: new RegExp(
      String.raw`^(?:\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?|\d{13}\t[^\t]*)\t(?<inner>.*)$`,
      's',
    ),
  },
  {
    kind: WRAP_LABEL,
    name: 'label',
    doc: "a user's own label before a pasted Redis line (no published format: the Redis prefix after it decides)",
    sample: 'MASTER2 - 1:M 23 Jun 2021 07:49:33.581 # Cluster state changed: ok',
    inner: '1:M 23 Jun 2021 07:49:33.581 # Cluster state changed: ok',
    stream: 'MASTER2',
    regex: new RegExp(String.raw`^(?<stream>[A-Za-z][\w.\-/@:]{0,62}?)(?:: | +[-:] )(?<inner>${REDIS_LINE}.*)$`, 's'),
  },
  {
    kind: WRAP_TAIL_HEADER,
    name: 'tail-headers',
    doc: 'https://www.gnu.org/software/coreutils/manual/html_node/tail-invocation.html',
    sample: '==> /var/log/redis/node-7000.log <==',
    inner: '==> /var/log/redis/node-7000.log <==',
    stream: '/var/log/redis/node-7000.log',
    regex: /^(?<inner>==> (?<stream>.+) <==)$/s,
  },
  {
    kind: WRAP_JOURNALD_META,
    name: 'journald-meta',
    doc: 'https://www.freedesktop.org/software/systemd/man/latest/journalctl.html',
    sample: '-- Boot 5c0a4e4f0c8a4d7c9a3f --',
    inner: '-- Boot 5c0a4e4f0c8a4d7c9a3f --',
    regex: /^(?<inner>-- .* --)$/s,
  },
  {
    kind: WRAP_EXPORT_META,
    name: 'export-header',
    doc: 'https://grafana.com/docs/grafana/latest/explore/logs-integration/ (the txt download opens with `label: value` meta lines)',
    sample: 'Common labels: {"app":"redis"}',
    inner: 'Common labels: {"app":"redis"}',
    regex: /^(?<inner>[A-Za-z][A-Za-z ]{0,39}: [{"[].*)$/s,
  },
];
