// Evidence subsets of a recorded incident (issue #12, "Done when", first bullet).
//
// A recorded incident (fixtures/incidents/<name>/, fixtures/versions/<server>/<name>/) holds everything our
// recorder captured: every node's whole log, CLUSTER NODES / CLUSTER INFO snapshots polled once a second,
// and truth.json. Real incidents arrive partial. A subset names which of those files a user would have and
// how they were cut; `materialiseSubset` writes exactly those bytes into a fresh directory.
//
// This file reads raw text with its own small regexes and imports nothing from src/ or grammars/: it is
// the test's own view of the evidence, so it cannot share a bug with the code under test. It is
// deterministic: the same incident gives the same subsets and the same bytes.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How far around the fault a cut log reaches (issue #12: "cut to ±30 s around the fault"). */
export const CUT_WINDOW_MS = 30_000;

export type SubsetKind = 'all-logs' | 'all-logs-no-identity' | 'snapshots' | 'log' | 'log-cut' | 'survivors';

export interface SubsetSpec {
  /** `all-logs`, `all-logs-no-identity`, `snapshots`, `log-7004`, `log-7004-cut`, `survivors`: unique within an incident. */
  name: string;
  kind: SubsetKind;
  /** File names inside the incident directory, sorted. */
  files: string[];
  /** Drop every `I'm <id>` line (the only line where a node names itself). */
  stripIdentity: boolean;
  /** Keep only log lines stamped inside [from, to] (ISO-8601); null = whole files. */
  window: [string, string] | null;
}

/** Every recorded incident directory (holding a truth.json), as paths relative to the repository root. */
export function listIncidents(root = '.'): string[] {
  const out: string[] = [];
  const scan = (dir: string, depth: number) => {
    const abs = join(root, dir);
    if (!existsSync(abs)) return;
    for (const e of readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (!e.isDirectory() || e.name.endsWith('.tmp')) continue;
      const sub = `${dir}/${e.name}`;
      if (depth === 0) {
        if (existsSync(join(root, sub, 'truth.json'))) out.push(sub);
      } else scan(sub, depth - 1);
    }
  };
  scan('fixtures/incidents', 0); // fixtures/incidents/<name>/
  scan('fixtures/versions', 1); // fixtures/versions/<server-version>/<name>/
  return out;
}

/** `node-7004.log` → 7004; the recorder names each node's log after its port. */
export const LOG_FILE = /^node-(\d+)\.log$/;
/** `snapshots-7004.txt`: what the poller got from that node. */
export const SNAPSHOT_FILE = /^snapshots-(\d+)\.txt$/;
/** The one line where a node names itself: `No cluster configuration found, I'm <id>` / `Node configuration loaded, I'm <id>`. */
export const IDENTITY_LINE = /\bI'm [0-9a-f]{40}\b/;

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
// `pid:R dd Mon yyyy HH:MM:SS.mmm L msg` (5.0+), the same without the year (3.x-4.x), `[pid] dd Mon HH:MM:SS.mmm L msg` (2.x).
const STAMP = /^(?:\d+:[A-Za-z]|\[\d+\]) (\d{1,2}) ([A-Z][a-z]{2}) (?:(\d{4}) )?(\d{2}):(\d{2}):(\d{2})\.(\d{3}) /;
// `pid:signal-handler (1795613074) Received SIGTERM …`: whole seconds.
const SIGNAL_STAMP = /^\d+:signal-handler \((\d+)\)/;

/** The time of a log line (ms, UTC; the recorder runs its servers in UTC), or null for a line without a stamp. */
export function stampOf(line: string, year: number): number | null {
  const m = STAMP.exec(line);
  if (m) {
    const mon = MONTHS[m[2]];
    if (mon === undefined) return null;
    return Date.UTC(m[3] ? Number(m[3]) : year, mon, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7]));
  }
  const s = SIGNAL_STAMP.exec(line);
  return s ? Number(s[1]) * 1000 : null;
}

export interface SubsetFile {
  name: string;
  text: string;
}

/**
 * The bytes of each file of the subset. A cut keeps a log line when its stamp is inside the window; a line
 * without a stamp (crash report body, logo) goes with the stamped line before it, as the log framer would.
 */
export function subsetFiles(incidentDir: string, spec: SubsetSpec, year: number): SubsetFile[] {
  return spec.files.map((name) => {
    let text = readFileSync(join(incidentDir, name), 'utf8');
    if (LOG_FILE.test(name) && (spec.stripIdentity || spec.window)) {
      const from = spec.window ? Date.parse(spec.window[0]) : -Infinity;
      const to = spec.window ? Date.parse(spec.window[1]) : Infinity;
      const lines = text.split('\n');
      const trailing = lines.length > 0 && lines[lines.length - 1] === '';
      if (trailing) lines.pop();
      let keep = !spec.window; // lines before the first stamp: kept only when not cutting
      const kept: string[] = [];
      for (const line of lines) {
        const t = stampOf(line, year);
        if (t !== null) keep = t >= from && t <= to;
        if (!keep) continue;
        if (spec.stripIdentity && IDENTITY_LINE.test(line)) continue;
        kept.push(line);
      }
      text = kept.length > 0 ? `${kept.join('\n')}${trailing ? '\n' : ''}` : '';
    }
    return { name, text };
  });
}

let serial = 0;

/** Write the subset into a new directory under `tmpRoot` and return its path. */
export function materialiseSubset(incidentDir: string, spec: SubsetSpec, year: number, tmpRoot: string): string {
  const dir = join(tmpRoot, `${String(++serial).padStart(4, '0')}-${spec.name}`);
  mkdirSync(dir, { recursive: true });
  for (const f of subsetFiles(incidentDir, spec, year)) writeFileSync(join(dir, f.name), f.text);
  return dir;
}
