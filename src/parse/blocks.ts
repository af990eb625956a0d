// Multi-line blocks a server writes without a prefix on every line, kept as one event each:
//   the startup logo      redis 7.0 src/asciilogo.h ascii_logo (first line "_._"), valkey src/asciilogo.h
//                         (first line ".+^+."); printed with serverLogRaw(LL_NOTICE|LL_RAW) and ends "\n\n"
//   a crash report        redis 7.0 src/debug.c bugReportStart: "\n\n=== REDIS BUG REPORT START: Cut & paste
//                         starting from here ===\n", sigsegvHandler: "Redis %s crashed by signal: %d, si_code: %d",
//                         logConfigDebugInfo: "\n------ CONFIG DEBUG OUTPUT ------\n", bugReportEnd:
//                         "\n=== REDIS BUG REPORT END. Make sure to include from START to END. ===\n\n" followed
//                         by an indented "Please report the crash …" trailer. Valkey: "=== %s BUG REPORT START",
//                         "Valkey %s crashed by signal"; redis 2.8 src/debug.c: "    Redis %s crashed by signal: %d".
//   a section             "------ STACK TRACE ------" and friends outside a crash report
import type { EventFields } from '../model/events.ts';
import { inFieldRange } from './ranges.ts';

export const BLOCK_CRASH = 1;
export const BLOCK_LOGO = 2;
export const BLOCK_SECTION = 3;

/** Lines kept as text in a block event (more are still counted, and their fields still read). */
export const BLOCK_TEXT_MAX_BYTES = 1024 * 1024;
/** A crash report longer than this is closed (a missing END must not swallow a whole log). */
export const BLOCK_MAX_LINES = 20_000;
/** Logo lines (17 in every version) plus slack. */
export const LOGO_MAX_LINES = 24;
/** A headed line this long after a crash report began is not part of it. */
export const CRASH_MAX_SPAN_MS = 10 * 60_000;

function skipSpaces(b: Buffer, s: number, e: number): number {
  while (s < e && (b[s] === 32 || b[s] === 9)) s++;
  return s;
}

function trimEnd(b: Buffer, s: number, e: number): number {
  while (e > s && (b[e - 1] === 32 || b[e - 1] === 9)) e--;
  return e;
}

function eqAt(b: Buffer, i: number, e: number, lit: string): boolean {
  if (i + lit.length > e) return false;
  for (let k = 0; k < lit.length; k++) if (b[i + k] !== lit.charCodeAt(k)) return false;
  return true;
}

/** First line of the ASCII logo (Redis `_._`, Valkey `.+^+.`), surrounded by spaces only. */
export function isLogoStart(b: Buffer, s: number, e: number): boolean {
  const i = skipSpaces(b, s, e);
  if (i - s < 8) return false;
  const j = trimEnd(b, i, e);
  return (j - i === 3 && eqAt(b, i, j, '_._')) || (j - i === 5 && eqAt(b, i, j, '.+^+.'));
}

/** `=== REDIS BUG REPORT START: …` / `=== VALKEY BUG REPORT START: …` */
export function isCrashStart(b: Buffer, s: number, e: number): boolean {
  if (!eqAt(b, s, e, '=== ')) return false;
  return b.toString('latin1', s, Math.min(e, s + 80)).includes(' BUG REPORT START');
}

export function isCrashEnd(b: Buffer, s: number, e: number): boolean {
  if (!eqAt(b, s, e, '=== ')) return false;
  return b.toString('latin1', s, Math.min(e, s + 80)).includes(' BUG REPORT END');
}

/** `------ TITLE ------` */
export function isSectionMarker(b: Buffer, s: number, e: number): boolean {
  const j = trimEnd(b, s, e);
  return j - s > 14 && eqAt(b, s, j, '------ ') && eqAt(b, j - 7, j, ' ------');
}

/** A markdown code fence (``` or ~~~, up to three spaces in). */
export function isFence(b: Buffer, s: number, e: number): boolean {
  const i = skipSpaces(b, s, e);
  if (i - s > 3 || i + 3 > e) return false;
  return (b[i] === 96 && b[i + 1] === 96 && b[i + 2] === 96) || (b[i] === 126 && b[i + 1] === 126 && b[i + 2] === 126);
}

/** A markdown ATX heading: 1–6 `#` then a space or the end. */
export function isHeading(b: Buffer, s: number, e: number): boolean {
  let i = s;
  while (i < e && b[i] === 35) i++;
  const n = i - s;
  return n >= 1 && n <= 6 && (i === e || b[i] === 32);
}

/** Whether byte `c` occurs in `b[s, e)` (Buffer#indexOf cannot stop at `e`). */
export function hasByte(b: Buffer, c: number, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i] === c) return true;
  return false;
}

/** A blank line: nothing but spaces and tabs. */
export function isBlank(b: Buffer, s: number, e: number): boolean {
  return skipSpaces(b, s, e) === e;
}

const SIGNAL_RE = /crashed by signal: (\d+)/;
const VERSION_RE = /(?:Redis|Valkey|KeyDB) (\d[\w.-]*) crashed by signal/;
const INFO_VERSION_RE = /^(?:redis|valkey)_version:(\S+)/;
const NODE_TIMEOUT_RE = /^cluster-node-timeout (\d+)/;
const GURU_RE = /Guru Meditation: (.*)$/;
/** A CLUSTER NODES line flagged `myself`: `<id> <addr> myself,master …` (flags are the third field). */
const MYSELF_RE = /^([0-9a-f]{40}) \S+ (?:\S+,)?myself(?:,\S+)? /;
const ASSERT_RE = /^==> (.*) is not true$/;
const LOGO_VERSION_RE = /(?:Redis|Valkey) (\d[\w.-]*) \(/;
const LOGO_PORT_RE = /Port: (\d+)/;
const LOGO_PID_RE = /PID: (\d+)/;

/**
 * Read what later stages want from one crash-report line (`text` is the message for a headed line,
 * the whole line otherwise). `section` is the current `------ X ------` title. Returns the new title.
 */
export function readCrashLine(fields: EventFields, text: string, section: string): string {
  if (text.startsWith('------ ')) {
    const t = text.trim();
    if (t.endsWith(' ------')) return t.slice(7, -7);
  }
  if (fields.signal === undefined && text.includes('crashed by signal')) {
    const m = SIGNAL_RE.exec(text);
    if (m && inFieldRange('signal', Number(m[1]))) fields.signal = Number(m[1]);
    const v = VERSION_RE.exec(text);
    if (v) fields.version = v[1];
  }
  if (section === 'INFO OUTPUT' && fields.version === undefined) {
    const v = INFO_VERSION_RE.exec(text);
    if (v) fields.version = v[1];
  }
  // Stock Redis/Valkey do not list cluster-node-timeout among the DEBUG_CONFIG parameters, but a
  // build or fork that does prints it here as "name value".
  if (section === 'CONFIG DEBUG OUTPUT' && fields.nodeTimeoutMs === undefined) {
    const t = NODE_TIMEOUT_RE.exec(text);
    if (t && inFieldRange('nodeTimeoutMs', Number(t[1]))) fields.nodeTimeoutMs = Number(t[1]);
  }
  // redis 7.2.6 / 7.4.1 src/debug.c genClusterDebugString, valkey 7.2.7 / 8.0.1 the same: the report
  // lists clusterGenNodesDescription() under "------ CLUSTER NODES OUTPUT ------", the crashed node's
  // own entry flagged `myself`: the one line of a report that names its writer.
  if (section === 'CLUSTER NODES OUTPUT' && fields.self === undefined) {
    const m = MYSELF_RE.exec(text);
    if (m) fields.self = m[1];
  }
  if (fields.reason === undefined) {
    const g = GURU_RE.exec(text) ?? ASSERT_RE.exec(text);
    if (g) fields.reason = g[0].startsWith('==>') ? `assertion failed: ${g[1]}` : g[1];
  }
  return section;
}

/** Version, port and pid from the logo text. */
export function readLogoLine(fields: EventFields, text: string): void {
  if (fields.version === undefined) {
    const v = LOGO_VERSION_RE.exec(text);
    if (v) fields.version = v[1];
  }
  if (fields.port === undefined) {
    const p = LOGO_PORT_RE.exec(text);
    if (p && inFieldRange('port', Number(p[1]))) fields.port = Number(p[1]);
  }
  if (fields.pid === undefined) {
    const p = LOGO_PID_RE.exec(text);
    if (p && inFieldRange('pid', Number(p[1]))) fields.pid = Number(p[1]);
  }
}
