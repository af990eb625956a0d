import type { Diagnostic } from './diagnostic.ts';
import type { LineCounts, TimelineEvent } from './events.ts';
import type { Snapshot } from './snapshot.ts';

/** What kind of content a source turned out to hold (recognised by content, never by name). */
export type SourceKind =
  | 'redis-log'
  | 'docker-log'
  | 'docker-json'
  | 'kubectl-log'
  | 'journald'
  | 'cri-log'
  | 'compose-log'
  | 'syslog'
  | 'klog'
  /** A log store's export (Loki, Grafana, Elasticsearch, Datadog, CloudWatch, Cloud Logging). */
  | 'log-export'
  | 'valkey-logfmt'
  | 'snapshot'
  | 'transcript'
  | 'markdown'
  | 'redis-conf'
  | 'mixed'
  | 'empty'
  /** Non-blank lines, none of which anything recognised. */
  | 'unknown'
  /** A file found in a directory and not read (binary, a document, empty, not a regular file). */
  | 'skipped';

/** The result of parsing one source. Pure data. */
export interface ParsedSource {
  /** Display path (relative POSIX, `-` for stdin, `a.log.gz`). */
  source: string;
  kind: SourceKind;
  /**
   * Every form the source was read as, sorted: wrappers (`compose`, `cri`, `syslog-rfc5424`, …),
   * exports (`loki-jsonl`, `elasticsearch-hits`, …), Redis prefixes (`redis-v5`), decorations
   * (`ansi`, `markdown-quote`) and snapshot kinds. Absent only for sources built by hand.
   */
  forms?: string[];
  events: TimelineEvent[];
  snapshots: Snapshot[];
  counts: LineCounts;
  diagnostics: Diagnostic[];
  /** What was left unread, when anything was: a skipped file's reason, or NUL holes skipped. */
  skipped?: string;
}

/** Options that decide how time is read. Time is an explicit input. */
export interface TimeOptions {
  /** IANA zone for zone-less stamps; default UTC. */
  zone: string;
  /** Year for year-less stamps; default: the file's modification year. */
  year?: number;
}
