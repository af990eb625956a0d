// The multi-line block open in a stream (a start-up logo, a crash report, an INFO-style section)
// while its lines come in, and the one event it becomes. What a block's lines look like and the
// fields read from them are in blocks.ts; here is which line a block takes and what closing it
// writes into its event. The parser does the accounting with the counts these functions return.
import type { EventFields, LevelChar, RoleChar, TimelineEvent } from '../model/events.ts';
import {
  BLOCK_CRASH,
  BLOCK_LOGO,
  BLOCK_SECTION,
  BLOCK_TEXT_MAX_BYTES,
  CRASH_MAX_SPAN_MS,
  isCrashEnd,
  isFence,
  isSectionMarker,
  LOGO_MAX_LINES,
  readCrashLine,
  readLogoLine,
} from './blocks.ts';
import { decodeUtf8 } from './memo.ts';

export interface Block {
  type: number;
  ev: TimelineEvent;
  lines: string[];
  textBytes: number;
  lineCount: number;
  lastLine: number;
  pendingBlanks: number;
  at: number;
  atInferred: boolean;
  /** `at` is a wrapper's time (docker, an export record): the server's own stamp inside the block is better. */
  atFromWrap: boolean;
  pid: number | undefined;
  role: RoleChar | undefined;
  level: LevelChar | undefined;
  /** crash: END seen, only the indented trailer may follow */
  ended: boolean;
  section: string;
  fields: EventFields;
}

/** The event kind a block of `type` becomes. */
export function blockKind(type: number): 'server.crash' | 'server.logo' | 'server.section' {
  return type === BLOCK_CRASH ? 'server.crash' : type === BLOCK_LOGO ? 'server.logo' : 'server.section';
}

/** A block opened by `text` at `line`; `ev` (of blockKind(type), with `fields`) is its event. */
export function newBlock(type: number, ev: TimelineEvent, fields: EventFields, text: string, line: number, atFromWrap: boolean): Block {
  const block: Block = {
    type,
    ev,
    lines: [text],
    textBytes: text.length,
    lineCount: 1,
    lastLine: line,
    pendingBlanks: 0,
    at: NaN,
    atInferred: false,
    atFromWrap,
    pid: undefined,
    role: undefined,
    level: undefined,
    ended: false,
    section: '',
    fields,
  };
  if (type === BLOCK_LOGO) readLogoLine(fields, text);
  else if (type === BLOCK_SECTION) block.section = text.trim().slice(7, -7);
  return block;
}

/** The block's time, unless it has one already. True when `at` was taken. */
export function dateBlock(block: Block, at: number, inferred: boolean): boolean {
  if (!Number.isNaN(block.at)) return false;
  block.at = at;
  block.atInferred = inferred;
  return true;
}

/**
 * A line without a Redis prefix, `b[s, e)`, while `block` is open: its text when the block takes it
 * (its fields read), null when the line closes the block.
 */
export function takeRawLine(block: Block, b: Buffer, s: number, e: number): string | null {
  if (isFence(b, s, e)) return null;
  if (block.type === BLOCK_CRASH) {
    if (block.ended && b[s] !== 32) return null;
    const text = decodeUtf8(b, s, e);
    if (!block.ended) {
      block.section = readCrashLine(block.fields, text, block.section);
      if (isCrashEnd(b, s, e)) block.ended = true;
    }
    return text;
  }
  if (block.type === BLOCK_LOGO) {
    if (block.lineCount >= LOGO_MAX_LINES || isSectionMarker(b, s, e)) return null;
    const text = decodeUtf8(b, s, e);
    readLogoLine(block.fields, text);
    return text;
  }
  return isSectionMarker(b, s, e) ? null : decodeUtf8(b, s, e);
}

/**
 * A line with a Redis prefix (message `msg`, at `at`) while a crash report is open: true when it
 * belongs to the report (the same process, within the span, before END), its fields read and the
 * prefix's pid, role and level adopted; false when it closes the block.
 */
export function takeHeadedLine(
  block: Block,
  msg: string,
  pid: number | undefined,
  role: RoleChar | undefined,
  level: LevelChar | undefined,
  at: number,
): boolean {
  if (
    block.type !== BLOCK_CRASH ||
    msg.includes('oO0OoO0OoO0Oo') ||
    block.ended ||
    (block.pid !== undefined && block.pid !== pid) ||
    (!Number.isNaN(block.at) && !(Math.abs(at - block.at) <= CRASH_MAX_SPAN_MS))
  )
    return false;
  if (block.pid === undefined) {
    block.pid = pid;
    block.role = role;
    block.level = level;
  }
  if (block.atFromWrap) {
    block.atFromWrap = false;
    block.at = NaN;
  }
  block.section = readCrashLine(block.fields, msg, block.section);
  return true;
}

/** Add `text` (`w` physical lines, at `line`) after the blank lines held. Returns the lines understood. */
export function addBlockLine(block: Block, text: string, w: number, line: number): number {
  const understood = w + block.pendingBlanks;
  block.lineCount += 1 + block.pendingBlanks;
  if (block.textBytes < BLOCK_TEXT_MAX_BYTES) {
    for (let i = 0; i < block.pendingBlanks; i++) block.lines.push('');
    block.lines.push(text);
    block.textBytes += text.length + 1 + block.pendingBlanks;
  }
  block.pendingBlanks = 0;
  block.lastLine = line;
  return understood;
}

/**
 * `w` blank lines in the block: held (they count as the block's if a line follows). True when they
 * close it: the logo ends with an empty line ("…\n\n"), a section with two.
 */
export function blankInBlock(block: Block, w: number): boolean {
  block.pendingBlanks += w;
  return block.type === BLOCK_LOGO || (block.type === BLOCK_SECTION && block.pendingBlanks >= 2);
}

/**
 * The block is closed: its event gets its text, lines, pid, role, level and time. `lastAt` is the
 * stream's last time. Returns false when nothing dates it yet (the event waits for the next timed line).
 * The blank lines still held are the caller's to count as ignored.
 */
export function closeBlockEvent(block: Block, lastAt: number): boolean {
  const ev = block.ev;
  ev.text = block.lines.join('\n');
  if (block.lastLine > ev.line) ev.endLine = block.lastLine;
  const pid = block.pid ?? (block.type === BLOCK_LOGO ? block.fields.pid : undefined);
  if (pid !== undefined) ev.pid = pid;
  if (block.role !== undefined) ev.role = block.role;
  if (block.level !== undefined) ev.level = block.level;
  if (!Number.isNaN(block.at)) {
    ev.at = block.at;
    if (block.atInferred) ev.timeInferred = true;
    return true;
  }
  if (!Number.isNaN(lastAt) && block.type !== BLOCK_LOGO) {
    // An unstamped logo (redis 3.0–6.2 print it raw, src/server.c redisAsciiArt) is the new process's
    // first output: it takes the time of the line after it ("Server started", "Server initialized"),
    // not the old process's last line — else the restart looks like two.
    ev.at = lastAt;
    ev.timeInferred = true;
    return true;
  }
  return false;
}
