// Run the snapshot scanner over a whole text the way the line framer does: every line that is not blank and
// not a Redis log line is fed, in order. Returns a JSON-ready, normalised result for goldens.
import { createSnapshotScanner, type SnapshotScannerOptions } from '../../src/parse/snapshot-scanner.ts';
import type { TimelineEvent } from '../../src/model/events.ts';
import type { Snapshot } from '../../src/model/snapshot.ts';
import { formatRanges } from '../../src/model/slots.ts';

const LOG_LINE = /^(?:\d+:[MSCX] \d{1,2} [A-Z][a-z]{2} |\[\d+\] \d{1,2} [A-Z][a-z]{2} )/;

export interface ScanOutcome {
  lines: { understood: number; ignored: number; unknown: number[] };
  snapshots: Snapshot[];
  events: TimelineEvent[];
  diagnostics: Array<{ severity: string; source: string; line: number; message: string }>;
}

export function scanText(text: string, source: string, opts: SnapshotScannerOptions = {}): ScanOutcome {
  const scanner = createSnapshotScanner(source, { zone: 'UTC' }, opts);
  const lines = { understood: 0, ignored: 0, unknown: [] as number[] };
  text.split('\n').forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' || LOG_LINE.test(line)) return;
    const r = scanner.feed(line, i + 1, null);
    if (r === 'understood') lines.understood++;
    else if (r === 'ignored') lines.ignored++;
    else lines.unknown.push(i + 1);
  });
  const out = scanner.finish();
  return { lines, ...out };
}

const iso = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString() : null);

/** Times as ISO strings (null for NaN), slot ranges as `0-5460` text: stable, reviewable JSON. */
export function goldenJson(o: ScanOutcome): string {
  const snapshots = o.snapshots.map((s) => {
    const { at, ...rest } = s;
    const out: Record<string, unknown> = { kind: s.kind, at: iso(at), ...rest };
    if (s.kind === 'cluster-nodes') out.nodes = s.nodes.map((n) => ({ ...n, slots: formatRanges(n.slots) }));
    if (s.kind === 'cluster-shards') out.shards = s.shards.map((sh) => ({ ...sh, slots: formatRanges(sh.slots) }));
    return out;
  });
  const events = o.events.map((e) => ({ ...e, at: iso(e.at) }));
  return `${JSON.stringify({ lines: o.lines, snapshots, events, diagnostics: o.diagnostics }, null, 2)}\n`;
}
