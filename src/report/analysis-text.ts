import type { AnalysisV1, ClusterAnalysis, Evidence, Failover, Finding, Outage, Severity } from '../model/analysis.ts';
import { shortId, type NodeId } from '../model/ids.ts';
import { formatDuration } from '../util/time.ts';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const ms = (iso: string) => Date.parse(iso);
/** `13:24:50.214` from an ISO time (UTC). */
export const hms = (iso: string | null) => (iso === null ? '—' : iso.slice(11, 23));
export const dur = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatDuration(n));

export function labeler(a: AnalysisV1 | ClusterAnalysis): (id: NodeId | null) => string {
  const addr = new Map(a.nodes.map((n) => [n.id, n.addresses[0]]));
  // A master known only by its address (model/ids.ts masterAt) is shown as that address, once.
  return (id) =>
    id === null ? 'unknown' : addr.get(id) && addr.get(id) !== shortId(id) ? `${shortId(id)} (${addr.get(id)})` : shortId(id);
}

export const evidenceText = (ev: readonly Evidence[], max = 4) =>
  ev.length === 0
    ? ''
    : ev
        .slice(0, max)
        .map((e) => `${e.source}:${e.line}`)
        .join(', ') + (ev.length > max ? `, +${ev.length - max} more` : '');

/** Whitespace other than a space (what \s matches besides it): such text takes the general path. */
const OTHER_SPACE = /[^\S ]/;

/** Words separated by single spaces, none at either end, and no other whitespace. */
function singleSpaced(text: string): boolean {
  const n = text.length;
  if (text.charCodeAt(0) === 32 || text.charCodeAt(n - 1) === 32) return false;
  let prev = 0;
  let wide = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 && prev === 32) return false;
    if (c < 32 || c >= 127) wide = true;
    prev = c;
  }
  return !wide || !OTHER_SPACE.test(text);
}

/**
 * Wrap a paragraph at `width` columns with an indent: words (runs of non-whitespace) filled greedily,
 * a word longer than the line alone on its own. Text whose words are single-spaced, nearly every
 * message, is cut by slices at the last space that fits, without splitting it into words.
 */
export function wrap(text: string, width: number, indent = ''): string {
  if (text === '') return '';
  if (!singleSpaced(text)) return wrapWords(text, width, indent);
  const avail = width - indent.length;
  if (text.length <= avail) return indent + text;
  let out = '';
  let pos = 0;
  while (text.length - pos > avail) {
    let brk = text.lastIndexOf(' ', pos + avail);
    if (brk <= pos) brk = text.indexOf(' ', pos);
    if (brk < 0) break;
    out += `${indent}${text.slice(pos, brk)}\n`;
    pos = brk + 1;
  }
  return `${out}${indent}${text.slice(pos)}`;
}

/**
 * wrap() of text whose words (runs of non-whitespace) are apart by other than one space, filled the
 * same greedy way, read in place: a line whose words are one space apart in `text` is a slice of it.
 * Splitting it into words first made the story of a long incident (4.6 MB of text, 700k words on the
 * flapping bench log) 80 MB of words and lines that outlived the young generation.
 */
function wrapWords(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  const words = /\S+/g;
  // The line being filled: its length with the indent, where its first word starts and its last
  // ends in `text`, and whether its words are one space apart there.
  let len = indent.length;
  let from = 0;
  let to = 0;
  let single = true;
  const line = () => indent + (single ? text.slice(from, to) : text.slice(from, to).split(/\s+/).join(' '));
  for (let m = words.exec(text); m !== null; m = words.exec(text)) {
    const at = m.index;
    const w = m[0].length;
    if (len > indent.length && len + 1 + w > width) {
      lines.push(line());
      len = indent.length + w;
      from = at;
      single = true;
    } else if (len > indent.length) {
      len += 1 + w;
      single &&= at === to + 1 && text.charCodeAt(to) === 32;
    } else {
      len += w;
      from = at;
    }
    to = at + w;
  }
  if (len > indent.length) lines.push(line());
  return lines.join('\n');
}

export function verdictLine(a: AnalysisV1): string {
  const n = (s: Severity) => a.findings.filter((f) => f.severity === s).length;
  const e = n('error');
  const w = n('warning');
  return `Verdict: ${a.verdict.toUpperCase()} (${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'})`;
}

export function nodeTimeoutLine(a: AnalysisV1): string {
  const from = {
    option: '--node-timeout',
    'crash-report': 'a crash report',
    'config-get': 'CONFIG GET',
    'redis-conf': 'redis.conf',
    unknown: '',
  }[a.nodeTimeout.from];
  return a.nodeTimeout.ms === null
    ? 'Node timeout: unknown (no crash report, CONFIG GET or redis.conf in the inputs; pass --node-timeout to judge phase lengths)'
    : `Node timeout: ${a.nodeTimeout.ms} ms (from ${from})`;
}

/** How a time is written: `13:24:50.214`, or with its date when the cluster's evidence spans several UTC days. */
type Stamp = (iso: string | null) => string;
const withDate: Stamp = (iso) => (iso === null ? '—' : `${iso.slice(0, 10)} ${hms(iso)}`);

function failoverBlock(f: Failover, L: (id: NodeId | null) => string, T: Stamp): string[] {
  const kind = {
    automatic: 'automatic',
    manual: 'manual (CLUSTER FAILOVER)',
    takeover: 'takeover (CLUSTER FAILOVER TAKEOVER)',
    force: 'forced (CLUSTER FAILOVER FORCE)',
    unknown: 'failover (kind not in the evidence)',
  }[f.kind];
  const out = [
    `  ${T(f.promotedAt)}  ${kind}: ${L(f.oldMaster)} -> ${L(f.newMaster)}, slots ${f.slots || '?'}${f.epoch !== null ? `, epoch ${f.epoch}` : ''}`,
  ];
  const bounds =
    f.startedAtBounds[0] !== f.startedAtBounds[1] ? ` (between ${T(f.startedAtBounds[0])} and ${T(f.startedAtBounds[1])})` : '';
  const first = f.kind === 'manual' || f.kind === 'takeover' ? 'requested' : 'fault';
  out.push(`      ${first.padEnd(12)}${T(f.startedAt)}${bounds}  from ${f.startedAtFrom}`);
  let prev = ms(f.startedAt);
  const step = (name: string, at: string | null, extra = '') => {
    if (at === null) return;
    out.push(`      ${name.padEnd(12)}${T(at)}  (+${dur(ms(at) - prev)})${extra}`);
    prev = ms(at);
  };
  step('FAIL', f.failMarkedAt);
  const granted = f.votes?.filter((v) => v.granted).length ?? 0;
  const denied = f.votes?.filter((v) => !v.granted).length ?? 0;
  step(
    'election',
    f.electionStartedAt,
    `  rank #${f.rank ?? '?'}, offset ${f.offset ?? '?'}, ${(f.votes?.length ?? 0) === 0 ? 'votes not in the evidence' : `${granted} vote${granted === 1 ? '' : 's'} granted`}${denied ? `, ${denied} denied` : ''}${f.votesNeeded != null ? ` (${f.votesNeeded} needed)` : ''}`,
  );
  step('won', f.promotedAt);
  const b = f.startedAtBounds;
  const lo = ms(f.promotedAt) - Math.min(ms(b[1]), ms(f.promotedAt));
  const hi = ms(f.promotedAt) - ms(b[0]);
  out.push(
    `      ${'unavailable'.padEnd(12)}${dur(f.timingsMs.unavailable)}${lo !== hi ? ` (the bounds allow ${dur(lo)} to ${dur(hi)})` : ''}`,
  );
  const risk = f.writesAtRisk;
  if (risk.bytes !== null) out.push(`      ${'at risk'.padEnd(12)}${risk.bytes} bytes of replication stream`);
  return out;
}

function outageLine(o: Outage, L: (id: NodeId | null) => string, T: Stamp): string {
  const what =
    o.scope === 'cluster' ? 'whole cluster (CLUSTERDOWN)' : o.slots ? `slots ${o.slots}` : `slots of ${o.nodes[0] ? L(o.nodes[0]) : '?'}`;
  const end = o.end !== null ? T(o.end) : o.endBounds ? `between ${T(o.endBounds[0])} and ${T(o.endBounds[1])}` : 'not over';
  const len =
    o.durationMs !== null
      ? dur(o.durationMs)
      : o.endBounds
        ? `${dur(ms(o.endBounds[0]) - ms(o.start))} to ${dur(ms(o.endBounds[1]) - ms(o.start))}`
        : 'open';
  return `  ${what.padEnd(28)} ${T(o.start)} -> ${end}  ${len}  [${o.cause}]${o.scope === 'cluster' ? `  seen by ${o.nodes.map(L).join(', ')}` : ''}`;
}

function findingLines(f: Finding, width: number, T: Stamp): string[] {
  const head = `  ${f.severity.toUpperCase().padEnd(8)}${f.rule}${f.at ? `  ${T(f.at)}` : ''}`;
  const out = [head, wrap(f.message, width, '          ')];
  if (f.evidence.length > 0) out.push(wrap(`evidence: ${evidenceText(f.evidence)}`, width, '          '));
  return out;
}

/**
 * The incident as a short story an on-call engineer pastes into a ticket: per cluster the story
 * paragraph, then failovers with their phases, what clients saw, and the findings by severity with
 * the file:line they rest on. Times are UTC.
 */
export function renderAnalysisText(a: AnalysisV1, opts: { width?: number } = {}): string {
  return [...analysisTextChunks(a, opts)].join('');
}

/** Lines gathered before they are handed out as one piece. */
const LINES_PER_PIECE = 1000;

/**
 * renderAnalysisText in pieces of whole lines (each ends with its newline): the text of thousands of
 * failovers and findings is never one string.
 */
export function* analysisTextChunks(a: AnalysisV1, opts: { width?: number } = {}): Generator<string> {
  const width = opts.width ?? 100;
  let lines: string[] = [verdictLine(a), nodeTimeoutLine(a)];
  const full = () => lines.length >= LINES_PER_PIECE;
  const take = (): string => {
    const piece = `${lines.join('\n')}\n`;
    lines = [];
    return piece;
  };
  for (const o of a.clockOffsets)
    lines.push(`Clock of ${o.source} corrected by ${o.offsetMs > 0 ? '+' : ''}${o.offsetMs} ms (${o.reason})`);
  if (a.clusters.length === 0) lines.push('', 'No cluster found in the inputs.');
  for (const c of a.clusters) {
    const L = labeler(c);
    const day = c.span.start ? c.span.start.slice(0, 10) : '';
    const endDay = c.span.end ? c.span.end.slice(0, 10) : day;
    // issue #17: a span over several days names the end's date too
    const end = endDay !== day ? `${endDay} ${hms(c.span.end)}` : hms(c.span.end);
    lines.push('', `== ${c.id}: ${c.nodes.length} node${c.nodes.length === 1 ? '' : 's'}, ${day} ${hms(c.span.start)} to ${end} UTC`, '');
    const T: Stamp = endDay !== day ? withDate : hms;
    lines.push(wrap(c.story, width));
    const cov = c.coverage;
    lines.push(
      '',
      `Evidence: logs of ${cov.logs.length} node${cov.logs.length === 1 ? '' : 's'}${cov.logs.length ? ` (${cov.logs.map(L).join(', ')})` : ''}; ${cov.snapshots} CLUSTER NODES view${cov.snapshots === 1 ? '' : 's'}`,
    );
    for (const l of cov.limits) lines.push(wrap(`- ${l}`, width).replace(/\n/g, '\n  '));
    if (c.failovers.length > 0) {
      lines.push('', 'Failovers');
      for (const f of c.failovers) {
        lines.push(...failoverBlock(f, L, T));
        if (full()) yield take();
      }
    }
    if (c.outages.length > 0) {
      lines.push('', 'What clients saw');
      for (const o of c.outages) {
        lines.push(outageLine(o, L, T));
        if (full()) yield take();
      }
    }
    lines.push('', 'Findings');
    if (c.findings.length === 0) lines.push('  none');
    for (const sev of SEVERITIES)
      for (const f of c.findings) {
        if (f.severity !== sev) continue;
        lines.push(...findingLines(f, width, T));
        if (full()) yield take();
      }
  }
  const unknown = a.inputs.reduce((n, i) => n + i.unknown, 0);
  const total = a.inputs.reduce((n, i) => n + i.lines, 0);
  lines.push(
    '',
    `Inputs: ${a.inputs.length} source${a.inputs.length === 1 ? '' : 's'}, ${total} lines${unknown ? `, ${unknown} not understood` : ''}`,
  );
  yield take();
}
