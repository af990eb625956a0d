// What the lines of one source were read as — wrappers, Redis prefix forms, export forms, decorations,
// snapshot lines — tallied while it is read; at the end the source's kind (ParsedSource.kind) and the
// names of its forms (ParsedSource.forms) are read from the tally.
import type { TimelineEvent } from '../model/events.ts';
import type { SourceKind } from '../model/parsed.ts';
import type { Snapshot } from '../model/snapshot.ts';
import { FORM_NAMES } from './prefix.ts';
import {
  WRAP_COMPOSE,
  WRAP_CRI,
  WRAP_DOCKER_JSON,
  WRAP_DOCKER_T,
  WRAP_EXPORT_META,
  WRAP_GRAFANA_TXT,
  WRAP_JOURNALD,
  WRAP_JOURNALD_META,
  WRAP_KINDS,
  WRAP_KLOG,
  WRAP_KUBECTL,
  WRAP_LABEL,
  WRAP_LOGCLI,
  WRAP_NAMES,
  WRAP_RECORD,
  WRAP_SYSLOG_3164,
  WRAP_SYSLOG_5424,
} from './wrappers.ts';

const WRAP_SOURCE_KIND: Record<number, SourceKind> = {
  [WRAP_DOCKER_T]: 'docker-log',
  [WRAP_DOCKER_JSON]: 'docker-json',
  [WRAP_KUBECTL]: 'kubectl-log',
  [WRAP_JOURNALD]: 'journald',
  [WRAP_CRI]: 'cri-log',
  [WRAP_COMPOSE]: 'compose-log',
  [WRAP_KLOG]: 'klog',
  [WRAP_SYSLOG_3164]: 'syslog',
  [WRAP_SYSLOG_5424]: 'syslog',
  [WRAP_LABEL]: 'redis-log',
  [WRAP_LOGCLI]: 'log-export',
  [WRAP_GRAFANA_TXT]: 'log-export',
  [WRAP_RECORD]: 'log-export',
};
/** Wrappers that decide the source kind (a user label or tail header does not). */
const KIND_WRAPS = [
  WRAP_DOCKER_T,
  WRAP_DOCKER_JSON,
  WRAP_KUBECTL,
  WRAP_JOURNALD,
  WRAP_CRI,
  WRAP_COMPOSE,
  WRAP_KLOG,
  WRAP_SYSLOG_3164,
  WRAP_SYSLOG_5424,
  WRAP_LOGCLI,
  WRAP_GRAFANA_TXT,
  WRAP_RECORD,
];
export const DECO_ANSI = 1;
export const DECO_QUOTE = 2;

/** Line tallies the parser adds to as it reads (plain fields: the hot path adds to them directly). */
export class SourceForms {
  /** Lines per wrapper (wrappers.ts WRAP_*). */
  readonly wrapLines = new Array<number>(WRAP_KINDS).fill(0);
  /** Lines per Redis prefix form (prefix.ts FORM_*). */
  readonly prefixLines = new Array<number>(FORM_NAMES.length).fill(0);
  /** Export forms named by records (records.ts), CSV layouts, `newest-first`. */
  readonly forms = new Set<string>();
  /** DECO_* bits: ANSI escapes, Markdown quotes. */
  decorations = 0;
  /** Lines with a legacy (non-logfmt) Redis prefix, with a logfmt one, taken by the snapshot scanner. */
  legacyLines = 0;
  logfmtLines = 0;
  scannerLines = 0;
}

/** Every form the source was read as: wrappers, exports, Redis prefixes, snapshot kinds. */
export function formNames(seen: SourceForms, markdown: boolean, snapshots: readonly Snapshot[]): string[] {
  const out = new Set(seen.forms);
  for (let k = 1; k < WRAP_KINDS; k++)
    if (seen.wrapLines[k] > 0 && k !== WRAP_RECORD && k !== WRAP_JOURNALD_META && k !== WRAP_EXPORT_META) out.add(WRAP_NAMES[k]);
  if (seen.wrapLines[WRAP_EXPORT_META] > 0 && seen.wrapLines[WRAP_GRAFANA_TXT] > 0) out.add('grafana-txt');
  for (let f = 1; f < FORM_NAMES.length; f++) if (seen.prefixLines[f] > 0) out.add(`redis-${FORM_NAMES[f]}`);
  if (seen.decorations & DECO_ANSI) out.add('ansi');
  if (seen.decorations & DECO_QUOTE) out.add('markdown-quote');
  if (markdown) out.add('markdown');
  for (const sn of snapshots) out.add('via' in sn && sn.via ? sn.via : sn.kind);
  return [...out].sort();
}

/** The kind of the source; `logEvents` is how many events its log lines gave. */
export function sourceKind(
  seen: SourceForms,
  markdown: boolean,
  nonBlank: number,
  logEvents: number,
  scannerEvents: readonly TimelineEvent[],
): SourceKind {
  let wrapKind = 0;
  for (const k of KIND_WRAPS) if (seen.wrapLines[k] > (wrapKind ? seen.wrapLines[wrapKind] : 0)) wrapKind = k;
  let logKind: SourceKind | null = null;
  if (wrapKind) logKind = WRAP_SOURCE_KIND[wrapKind];
  else if (seen.logfmtLines > 0 && seen.logfmtLines >= seen.legacyLines) logKind = 'valkey-logfmt';
  else if (seen.legacyLines > 0 || logEvents > 0) logKind = 'redis-log';
  if (markdown) return 'markdown';
  if (logKind && seen.scannerLines > 0) return 'mixed';
  if (logKind) return logKind;
  if (seen.scannerLines > 0) return scannerEvents.some((e) => e.kind.startsWith('client.')) ? 'transcript' : 'snapshot';
  return nonBlank === 0 ? 'empty' : 'unknown';
}
