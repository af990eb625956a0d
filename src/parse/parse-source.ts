// SourceInput → ParsedSource. One pass over the bytes of a source, line by line:
//
//   1. framing      ingest/lines.ts hands each physical line as a byte range (no string yet)
//   2. clean-up     strip CR and BOM; blank lines are ignored (or kept inside a block)
//   3. wrapper      docker -t, docker json-file, kubectl --prefix, journald (wrappers.ts)
//   4. prefix       the Redis/Valkey prefix on bytes (prefix.ts), stamps via stamp.ts, their time
//                   in the stream (source-time.ts)
//   5. blocks       logo, crash report, sections become one event each (blocks.ts, source-blocks.ts)
//   6. message      classifyMessage() on the decoded message (message.ts, memo.ts)
//   7. other lines  the snapshot scanner (CLUSTER NODES/INFO, redis-cli transcripts, …)
//   8. accounting   every physical line is counted once: understood, ignored or unknown
//                   (source-accounting.ts); what the lines were read as (source-forms.ts)
//
// The hot path for a plain Redis line allocates one string (the message) and, when the message is
// one the catalog knows, one event.
import type { Diagnostic } from '../model/diagnostic.ts';
import type { EventFields, EventKind, LevelChar, LineCounts, RoleChar, TimelineEvent } from '../model/events.ts';
import type { ParsedSource, TimeOptions } from '../model/parsed.ts';
import type { SourceInput } from '../ingest/index.ts';
import {
  BLOCK_CRASH,
  BLOCK_LOGO,
  BLOCK_MAX_LINES,
  BLOCK_SECTION,
  hasByte,
  isBlank,
  isCrashStart,
  isFence,
  isHeading,
  isLogoStart,
  isSectionMarker,
} from './blocks.ts';
import { classifyMessage } from './message.ts';
import { decodeUtf8, MemoAnswer, type MessageClass, MessageMemo } from './memo.ts';
import { FORM_CLOCK, FORM_LOGFMT, FORM_SIGNAL, Header, parseRedisHeader, unescapeLogfmt } from './prefix.ts';
import { createSnapshotScanner, type SnapshotScanner } from './snapshot-scanner.ts';
import { Stamp, STAMP_EXACT, STAMP_NONE } from './stamp.ts';
import {
  Wrap,
  WRAP_BAD_JSON,
  WRAP_CRI,
  WRAP_DOCKER_JSON,
  WRAP_EXPORT_META,
  WRAP_JOURNALD_META,
  WRAP_NONE,
  WRAP_RECORD,
  WRAP_TAIL_HEADER,
  unwrapLine,
  isBareDigitLine,
} from './wrappers.ts';
import { csvLayout, type CsvLayout, documentRecords, readJsonRecord, splitCsv, stampFromString } from './records.ts';
import { stripAnsi } from './ansi.ts';
import { MAX_INPUT_MS } from '../util/time.ts';
import { SourceAccounting } from './source-accounting.ts';
import { DECO_ANSI, DECO_QUOTE, formNames, SourceForms, sourceKind } from './source-forms.ts';
import {
  addBlockLine,
  type Block,
  blankInBlock,
  blockKind,
  closeBlockEvent,
  dateBlock,
  newBlock,
  takeHeadedLine,
  takeRawLine,
} from './source-blocks.ts';
import { SourceTime, StampTime, type TimeLane } from './source-time.ts';

/** A docker json-file line split into parts longer than this is dropped. */
const JOINED_MAX = 1024 * 1024;

/** Per-stream state: a file has one stream unless a wrapper names several (kubectl pods, journald units). */
interface StreamState extends TimeLane {
  stream: string | undefined;
  block: Block | null;
  /** docker json-file: parts of a split line. */
  partial: string | null;
  partialLine: number;
  partialCount: number;
}

/** Shared by every source: a message's class does not depend on where it was read. */
const memo = new MessageMemo();

class SourceParser {
  readonly source: string;
  readonly scanner: SnapshotScanner;
  private readonly times: SourceTime;
  /** What the current line's wrapper stamp and Redis stamp resolved to. */
  private readonly wrapTime = new StampTime();
  private readonly headTime = new StampTime();
  /** For a line with no stamp of its own. */
  private readonly noTime = new StampTime();

  readonly events: TimelineEvent[] = [];
  private readonly acc: SourceAccounting;
  /** The accounting's counts and diagnostics, held here too: the hot path adds to them directly. */
  private readonly counts: LineCounts;
  private readonly diagnostics: Diagnostic[];

  private readonly header = new Header();
  /** What the memo made of the current line's message. */
  private readonly answer = new MemoAnswer();
  private readonly wrap = new Wrap();
  private readonly main: StreamState;
  private readonly streams = new Map<string, StreamState>();

  private lineNo = 0;
  /** Line number events of the current line get (the first part of a joined docker line). */
  private evLine = 0;
  /** Physical lines the current logical line stands for. */
  private w = 1;

  /** What the lines were read as, for the source's kind and forms. */
  private readonly seen = new SourceForms();
  /** Scratch for a line with its ANSI escapes removed. */
  private ansi: Buffer | null = null;
  /** escBefore(): the buffer searched, from where, and its first ESC there (-1: none). */
  private escBuf: Buffer | null = null;
  private escFrom = 0;
  private escAt = -1;
  /** `==> file <==`: the stream lines without a label of their own belong to. */
  private section: string | undefined = undefined;
  private csv: CsvLayout | null = null;
  /** A line other than an export's header lines was seen. */
  private pastHead = false;
  private csvPending: string | null = null;
  private csvPendingLine = 0;
  private csvPendingLines = 0;
  /** Steps between consecutive wrapper times: an export printed newest first steps back. */
  private lastWrapAt = NaN;
  private wrapBack = 0;
  private wrapForward = 0;
  private lastHeadAt = NaN;
  private headBack = 0;
  private headForward = 0;

  /** The scanner was fed since the last timed line: give it the next log time as an anchor. */
  private scannerWaits = false;
  private lastTimeAt = NaN;
  private lastTimeLine = 0;
  private lastTimeNoted = 0;

  constructor(input: SourceInput, time: TimeOptions) {
    this.source = input.path;
    this.times = new SourceTime(input, time);
    this.scanner = createSnapshotScanner(input.path, time);
    this.acc = new SourceAccounting(input.path);
    this.counts = this.acc.counts;
    this.diagnostics = this.acc.diagnostics;
    this.main = this.newStream(undefined);
  }

  private newStream(stream: string | undefined): StreamState {
    return {
      stream,
      block: null,
      lastAt: NaN,
      untimed: [],
      lastMonth: 0,
      rolls: 0,
      partial: null,
      partialLine: 0,
      partialCount: 0,
    };
  }

  private streamOf(name: string | undefined): StreamState {
    if (name === undefined) return this.main;
    let ss = this.streams.get(name);
    if (!ss) this.streams.set(name, (ss = this.newStream(name)));
    return ss;
  }

  // ---- time -----------------------------------------------------------------------------------

  /** Count the current line unknown, with a diagnostic, because its stamp is out of range. */
  private rangeSkip(): void {
    this.counts.unknown += this.w;
    if (this.acc.wantDiag('range'))
      this.diagnostics.push({
        severity: 'warning',
        source: this.source,
        line: this.evLine,
        message: `time stamp out of range (before 1970 or after 9999, max ${MAX_INPUT_MS} ms): line skipped`,
        skip: true,
      });
  }

  /** A timed line in a stream: give waiting block events their time; tell the scanner after its lines. */
  private timed(ss: StreamState, at: number, t: StampTime): void {
    ss.lastAt = at;
    if (this.scannerWaits) {
      this.scannerWaits = false;
      this.scanner.noteTime(at, this.evLine);
    }
    this.lastTimeAt = at;
    this.lastTimeLine = this.evLine;
    if (ss.untimed.length > 0) {
      for (const ev of ss.untimed) {
        ev.at = at;
        ev.timeInferred = true;
        this.times.noteYear(ev, t);
      }
      ss.untimed.length = 0;
    }
  }

  // ---- events ---------------------------------------------------------------------------------

  private pushEvent(
    at: number,
    kind: EventKind,
    fields: EventFields,
    text: string,
    ss: StreamState,
    pid: number | undefined,
    role: RoleChar | undefined,
    level: LevelChar | undefined,
    inferred: boolean,
  ): TimelineEvent {
    // Every property up front, in one order: one hidden class and one allocation per event (optional
    // properties added later went to a separate property array, ~64 B more per event and a shape per
    // combination). Absent values are undefined, which every reader treats as missing.
    const ev: TimelineEvent = {
      at,
      node: null,
      address: undefined,
      kind,
      fields,
      text,
      source: this.source,
      line: this.evLine,
      // A code block of a pasted document is a separate excerpt (often another node's log, all with
      // pid 1 in containers): identities must not leak from one block to the next.
      stream: ss.stream !== undefined ? ss.stream : this.acc.inFence ? `fence@${this.acc.fenceLine}` : undefined,
      endLine: undefined,
      pid,
      role,
      level,
      timeInferred: inferred ? true : undefined,
      grainMs: undefined,
    };
    this.events.push(ev);
    return ev;
  }

  // ---- blocks (source-blocks.ts; the counting is done here) ----------------------------------

  /** A block opens; `t` is its line's wrapper time (none for a bare line). */
  private openBlock(ss: StreamState, type: number, text: string, t: StampTime): void {
    if (ss.block) this.closeBlock(ss);
    const fields: EventFields = {};
    const ev = this.pushEvent(NaN, blockKind(type), fields, '', ss, undefined, undefined, undefined, false);
    const block = newBlock(type, ev, fields, text, this.lineNo, !Number.isNaN(t.at));
    ss.block = block;
    this.counts.understood += this.w;
    if (!Number.isNaN(t.at)) this.blockTime(block, t.at, t);
  }

  /** The block's time, unless it has one: `at` (read from `t`). */
  private blockTime(block: Block, at: number, t: StampTime): void {
    if (dateBlock(block, at, t.inferred)) this.times.noteYear(block.ev, t);
  }

  private addBlockLine(ss: StreamState, block: Block, text: string): void {
    this.counts.understood += addBlockLine(block, text, this.w, this.lineNo);
    if (block.lineCount >= BLOCK_MAX_LINES) {
      this.acc.diag('block', 'warning', block.ev.line, `multi-line block longer than ${BLOCK_MAX_LINES} lines; closed here`);
      this.closeBlock(ss);
    }
  }

  private closeBlock(ss: StreamState): void {
    const block = ss.block;
    if (!block) return;
    ss.block = null;
    this.counts.ignored += block.pendingBlanks;
    if (!closeBlockEvent(block, ss.lastAt)) ss.untimed.push(block.ev);
  }

  private blankInStream(ss: StreamState): void {
    const block = ss.block;
    if (!block) this.counts.ignored += this.w;
    else if (blankInBlock(block, this.w)) this.closeBlock(ss);
  }

  // ---- lines ----------------------------------------------------------------------------------

  readonly onLine = (buf: Buffer, start: number, end: number, overlong: boolean, hole = 0): void => {
    const line = ++this.lineNo;
    this.counts.lines++;
    this.evLine = line;
    this.w = 1;
    if (hole > 0) this.acc.hole(line, hole);
    if (overlong) {
      this.acc.nonBlank++;
      this.counts.unknown++;
      // The rest of the line is skipped: a diagnostic every command shows (issue #18).
      if (this.acc.wantDiag('overlong'))
        this.diagnostics.push({
          severity: 'warning',
          source: this.source,
          line,
          message: `line longer than ${end - start} bytes: skipped`,
          skip: true,
        });
      return;
    }
    let s = start;
    let e = end;
    let b = buf;
    if (e > s && b[e - 1] === 13) e--;
    if (e - s >= 3 && b[s] === 0xef && b[s + 1] === 0xbb && b[s + 2] === 0xbf) s += 3;
    // ANSI colour (a terminal's `docker compose logs`, logcli): the escapes go, the text stays.
    // Searched within the line only: Buffer#indexOf has no end, and from `s` it scanned on through the
    // rest of the read chunk (up to 1 MiB) for every line without an escape.
    if (this.escBefore(b, s, e)) {
      const n = stripAnsi(b, s, e, this.ansiBuf(e - s));
      b = this.ansi!;
      s = 0;
      e = n;
      this.seen.decorations |= DECO_ANSI;
    }
    // A Markdown quote (`> `, nested `>> `) around a pasted line.
    // (`>>> ` opens redis-cli --cluster's progress lines: not a quote.)
    if (s < e && b[s] === 62 && !isCliStep(b, s, e)) {
      while (s < e && b[s] === 62 && !isCliStep(b, s, e)) {
        s++;
        if (s < e && b[s] === 32) s++;
      }
      this.seen.decorations |= DECO_QUOTE;
    }
    if (s === e || isBlank(b, s, e)) {
      this.blankInStream(this.section === undefined ? this.main : this.streamOf(this.section));
      return;
    }
    this.acc.nonBlank++;
    const w = this.wrap;
    if (this.csv !== null) {
      this.csvLine(b, s, e);
      return;
    }
    if (this.acc.nonBlank === 1 && b[s] !== 123 && b[s] !== 91 && e - s < 4096) {
      const layout = hasByte(b, 44, s, e) ? csvLayout(decodeUtf8(b, s, e)) : null;
      if (layout !== null) {
        this.csv = layout;
        this.seen.forms.add(layout.form);
        this.counts.ignored++;
        return;
      }
    }
    if (isBareDigitLine(b, s, e)) this.bare(b, s, e);
    else this.afterUnwrap(unwrapLine(b, s, e, w, this.header));
  };

  /**
   * Steps 4–7 for a line without a wrapper (isBareDigitLine): what afterUnwrap does after
   * unwrapLine answered WRAP_NONE — no wrapper time, so no wrapper bookkeeping. `this.wrap` still
   * holds an earlier line's wrapper: nothing reads it for a WRAP_NONE line.
   */
  private bare(b: Buffer, s: number, e: number): void {
    this.pastHead = true;
    const ss = this.section === undefined ? this.main : this.streamOf(this.section);
    const h = this.header;
    if (parseRedisHeader(b, s, e, h)) this.headed(b, s, e, h, ss, NaN, false);
    else this.raw(b, s, e, ss, WRAP_NONE, this.wrapTime.none());
  }

  /** The wrapper times run backwards (logcli's default direction, Cloud Logging's default order). */
  newestFirst(): boolean {
    const back = (b: number, f: number) => b >= 4 && b > 9 * f;
    // Only a wrapped source (an export) is ever printed newest first; its wrapper stamps may be to the
    // second (logcli), so the server's own stamps inside count too.
    return back(this.wrapBack, this.wrapForward) || (this.wrapForward + this.wrapBack > 0 && back(this.headBack, this.headForward));
  }

  /** Feed line `line` (1-based, of the file) out of file order: a newest-first export read oldest first. */
  onLineAt(line: number, buf: Buffer, start: number, end: number, overlong: boolean): void {
    this.lineNo = line - 1;
    this.onLine(buf, start, end, overlong);
  }

  /** Say once that the source was read in reverse. */
  noteReversed(): void {
    this.diagnostics.push({
      severity: 'info',
      source: this.source,
      line: 0,
      message: 'records are newest first (an export in descending order): read oldest first',
    });
    this.seen.forms.add('newest-first');
  }

  /** One line of a CSV export (a quoted field may run over several lines). */
  private csvLine(b: Buffer, s: number, e: number): void {
    const text = decodeUtf8(b, s, e);
    const layout = this.csv!;
    let record = text;
    if (this.csvPending !== null) {
      record = `${this.csvPending}\n${text}`;
      this.w += this.csvPendingLines;
      this.evLine = this.csvPendingLine;
    }
    const cols = splitCsv(record);
    if (cols === null) {
      if (this.csvPending === null) this.csvPendingLine = this.lineNo;
      this.csvPendingLines = this.csvPending === null ? 1 : this.csvPendingLines + 1;
      this.csvPending = record;
      this.w = 1;
      if (record.length > JOINED_MAX) {
        this.counts.unknown += this.csvPendingLines;
        this.acc.diag('overlong', 'warning', this.csvPendingLine, `CSV record longer than ${JOINED_MAX} bytes: skipped`);
        this.csvPending = null;
      }
      return;
    }
    this.csvPending = null;
    const w = this.wrap;
    w.stamp.kind = STAMP_NONE;
    w.pid = undefined;
    w.partial = false;
    w.form = layout.form;
    w.stream = layout.writer >= 0 && cols[layout.writer] ? cols[layout.writer] : undefined;
    if (!stampFromString(cols[layout.time] ?? '', w.stamp)) w.stamp.kind = STAMP_NONE;
    let msg = cols[layout.message] ?? '';
    if (msg.endsWith('\n')) msg = msg.slice(0, -1);
    w.text = msg;
    const inner = Buffer.from(msg, 'utf8');
    w.kind = WRAP_RECORD;
    w.buf = inner;
    w.start = 0;
    w.end = inner.length;
    this.afterUnwrap(WRAP_RECORD);
  }

  /** One record of a whole-document export (records.ts documentRecords); `locate` gives its line. */
  onRecord(rec: unknown, locate: (text: string) => number): void {
    this.counts.lines++;
    this.w = 1;
    this.acc.nonBlank++;
    const w = this.wrap;
    w.stamp.kind = STAMP_NONE;
    w.stream = undefined;
    w.pid = undefined;
    w.partial = false;
    w.form = null;
    const text = readJsonRecord(rec, w);
    const line = locate(text ?? '');
    this.lineNo = line;
    this.evLine = line;
    if (text === null) {
      this.counts.unknown++;
      this.acc.diag('json', 'warning', line, 'record holds no log message');
      return;
    }
    w.text = text;
    const inner = Buffer.from(text, 'utf8');
    w.kind = WRAP_RECORD;
    w.buf = inner;
    w.start = 0;
    w.end = inner.length;
    this.afterUnwrap(WRAP_RECORD);
  }

  /** The whole document could not be read as an export: one unknown line and a warning. */
  documentProblem(why: string): void {
    this.counts.lines++;
    this.counts.unknown++;
    this.acc.nonBlank++;
    this.diagnostics.push({ severity: 'warning', source: this.source, line: 1, message: why });
  }

  /** Steps 3–7 for a line whose wrapper is known (`this.wrap`). */
  private afterUnwrap(wk: number): void {
    const w = this.wrap;
    // `Label: {…}` heads a Grafana download; further down it is an ordinary line.
    if (wk === WRAP_EXPORT_META && this.pastHead) wk = WRAP_NONE;
    else if (wk !== WRAP_EXPORT_META) this.pastHead = true;
    if (wk !== WRAP_NONE) {
      this.seen.wrapLines[wk]++;
      if (wk === WRAP_JOURNALD_META || wk === WRAP_EXPORT_META) {
        this.counts.ignored++;
        return;
      }
      if (wk === WRAP_TAIL_HEADER) {
        // Each `==> file <==` section is that file's stream.
        if (this.section !== undefined) this.closeBlock(this.streamOf(this.section));
        this.section = w.stream;
        this.counts.ignored++;
        return;
      }
      if (wk === WRAP_BAD_JSON) {
        this.counts.unknown++;
        this.acc.diag('json', 'warning', this.lineNo, 'malformed JSON log record');
        return;
      }
      if (w.form !== null) this.seen.forms.add(w.form);
    }
    const ss = this.streamOf(w.stream ?? this.section);
    if (wk === WRAP_CRI && (w.partial || ss.partial !== null)) w.text = decodeUtf8(w.buf, w.start, w.end);
    if ((wk === WRAP_DOCKER_JSON || wk === WRAP_CRI) && (w.partial || ss.partial !== null) && !this.joinPartial(ss)) return;
    const wt = w.stamp.kind === STAMP_NONE ? this.wrapTime.none() : this.times.resolve(w.stamp, ss, NaN, this.wrapTime);
    if (wt.outOfRange) return this.rangeSkip();
    const wrapAt = wt.at;
    if (wrapAt < this.lastWrapAt) this.wrapBack++;
    else if (wrapAt > this.lastWrapAt) this.wrapForward++;
    if (!Number.isNaN(wrapAt)) this.lastWrapAt = wrapAt;
    const b = w.buf;
    const is = w.start;
    let ie = w.end;
    // A record's text keeps the CR of a CRLF line (INFO output in a crash report): strip it as for a line.
    if (wk !== WRAP_NONE && ie > is && b[ie - 1] === 13) ie--;
    if (is >= ie || (wk !== WRAP_NONE && isBlank(b, is, ie))) {
      if (!Number.isNaN(wrapAt)) this.timed(ss, wrapAt, wt);
      this.blankInStream(ss);
      return;
    }
    const h = this.header;
    // A year-less wrapper time (journald short) cannot date a year-less Redis stamp.
    if (parseRedisHeader(b, is, ie, h)) this.headed(b, is, ie, h, ss, wt.inferred ? NaN : wrapAt, w.stamp.kind === STAMP_EXACT);
    else this.raw(b, is, ie, ss, wk, wt);
  }

  /**
   * `b[s, e)` holds an ESC byte. One native search (memchr) per ESC in a read chunk, not a loop over
   * every byte of every line: the position of the next ESC at or after the last line asked about is
   * kept per buffer object (a framer's view of a chunk never changes while it is visited).
   */
  private escBefore(b: Buffer, s: number, e: number): boolean {
    if (b !== this.escBuf || s < this.escFrom) {
      this.escBuf = b;
      this.escFrom = s;
      this.escAt = b.indexOf(27, s);
    } else if (this.escAt >= 0 && this.escAt < s) {
      this.escFrom = s;
      this.escAt = b.indexOf(27, s);
    }
    return this.escAt >= 0 && this.escAt < e;
  }

  /** The scratch buffer, at least `n` bytes (a line is never longer than the framer's cap). */
  private ansiBuf(n: number): Buffer {
    if (this.ansi === null || this.ansi.length < n) this.ansi = Buffer.allocUnsafe(Math.max(4096, n));
    return this.ansi;
  }

  /** docker json-file: returns false while a split line is still incomplete. */
  private joinPartial(ss: StreamState): boolean {
    const w = this.wrap;
    if (w.partial) {
      if (ss.partial === null) {
        ss.partial = '';
        ss.partialLine = this.lineNo;
        ss.partialCount = 0;
      }
      ss.partialCount++;
      if (ss.partial.length + (w.text ?? '').length > JOINED_MAX) {
        this.counts.unknown += ss.partialCount;
        this.acc.diag('overlong', 'warning', ss.partialLine, `docker json-file line longer than ${JOINED_MAX} bytes: skipped`);
        ss.partial = null;
        return false;
      }
      ss.partial += w.text ?? '';
      return false;
    }
    if (ss.partial !== null) {
      const text = ss.partial + (w.text ?? '');
      this.w += ss.partialCount;
      this.evLine = ss.partialLine;
      ss.partial = null;
      const inner = Buffer.from(text, 'utf8');
      w.text = text;
      w.buf = inner;
      w.start = 0;
      w.end = inner.length;
    }
    return true;
  }

  private headed(b: Buffer, s: number, e: number, h: Header, ss: StreamState, wrapAt: number, wrapExact: boolean): void {
    const ht = this.times.resolve(h.stamp, ss, wrapAt, this.headTime);
    if (ht.outOfRange) return this.rangeSkip();
    let at = ht.at;
    // A line cut to its clock has no pid (absent, not 0: a pid change is a restart).
    const pid = h.form === FORM_CLOCK ? undefined : h.pid;
    if (at < this.lastHeadAt) this.headBack++;
    else if (at > this.lastHeadAt) this.headForward++;
    if (!Number.isNaN(at)) this.lastHeadAt = at;
    const inferred = ht.inferred;
    if (h.form === FORM_SIGNAL) {
      // Second precision: a wrapper's time in that second is better; else keep file order when the
      // previous line falls in the same second.
      const prev = ss.lastAt;
      if (wrapExact && wrapAt >= at && wrapAt < at + 1000) at = wrapAt;
      else if (prev >= at && prev < at + 1000) at = prev;
    } else if (h.form === FORM_LOGFMT) this.seen.logfmtLines += this.w;
    else this.seen.legacyLines += this.w;
    this.seen.prefixLines[h.form] += this.w;
    if (wrapExact) {
      const hint = this.times.zoneHint(h.stamp.kind, at, wrapAt);
      if (hint !== null) this.acc.note('warning', this.lineNo, hint);
    }
    this.timed(ss, at, ht);
    const block = ss.block;
    if (block) {
      if (block.type === BLOCK_CRASH && takeHeadedLine(block, this.message(b, h), pid, h.role, h.level, at)) {
        this.blockTime(block, at, ht);
        this.addBlockLine(ss, block, decodeUtf8(b, s, e));
        return;
      }
      this.closeBlock(ss);
    }
    if (h.msgStart >= h.msgEnd) {
      this.counts.ignored += this.w; // "pid:M date # " (the line before a raw crash banner)
      return;
    }
    let res: MessageClass;
    let text: string;
    if (h.msgEscaped) {
      text = this.message(b, h);
      res = classifyMessage(text);
    } else {
      const got = memo.classify(b, h.msgStart, h.msgEnd, this.answer);
      res = got.cls;
      text = got.text;
    }
    if (res === null) {
      this.acc.unknownMessage(this.evLine, text, this.w);
      return;
    }
    if (res.kind === 'ignored') {
      this.counts.ignored += this.w;
      return;
    }
    this.counts.understood += this.w;
    const ev = this.pushEvent(at, res.kind, res.fields, text, ss, pid, h.role, h.level, inferred);
    this.times.noteYear(ev, ht);
  }

  private message(b: Buffer, h: Header): string {
    const text = decodeUtf8(b, h.msgStart, h.msgEnd);
    return h.msgEscaped ? unescapeLogfmt(text) : text;
  }

  /** A line without a Redis prefix (after unwrapping). */
  private raw(b: Buffer, s: number, e: number, ss: StreamState, wk: number, wt: StampTime): void {
    const wrapAt = wt.at;
    const timed = !Number.isNaN(wrapAt);
    if (timed) this.timed(ss, wrapAt, wt);
    const block = ss.block;
    if (isCrashStart(b, s, e)) {
      this.openBlock(ss, BLOCK_CRASH, decodeUtf8(b, s, e), wt);
      return;
    }
    if (block) {
      const text = takeRawLine(block, b, s, e);
      if (text !== null) {
        if (timed) this.blockTime(block, wrapAt, wt);
        this.addBlockLine(ss, block, text);
        return;
      }
      this.closeBlock(ss);
    }
    if (isLogoStart(b, s, e)) {
      this.openBlock(ss, BLOCK_LOGO, decodeUtf8(b, s, e), wt);
      return;
    }
    if (isSectionMarker(b, s, e)) {
      this.openBlock(ss, BLOCK_SECTION, decodeUtf8(b, s, e), wt);
      return;
    }
    const text = wk === WRAP_DOCKER_JSON && this.wrap.text !== null ? this.wrap.text : decodeUtf8(b, s, e);
    if (timed && wk !== WRAP_NONE) {
      // A bare message with the wrapper's time (journald with syslog, a raw line in docker logs).
      const res = classifyMessage(text);
      if (res !== null) {
        if (res.kind === 'ignored') this.counts.ignored += this.w;
        else {
          this.counts.understood += this.w;
          const ev = this.pushEvent(wrapAt, res.kind, res.fields, text, ss, this.wrap.pid, undefined, undefined, wt.inferred);
          // The wrapper's stamp is the line's only time: it is as coarse as that stamp.
          if (this.wrap.stamp.grainMs > 1) ev.grainMs = this.wrap.stamp.grainMs;
          this.times.noteYear(ev, wt);
        }
        return;
      }
    }
    // Fences are tracked whatever the scanner makes of them: prose accounting depends on them.
    const fence = isFence(b, s, e);
    if (fence) this.acc.fence(this.evLine);
    // Anchors for untimed snapshots: the log time just before and just after the scanner's lines.
    if (!timed && this.lastTimeLine > this.lastTimeNoted) {
      this.scanner.noteTime(this.lastTimeAt, this.lastTimeLine);
      this.lastTimeNoted = this.lastTimeLine;
    }
    this.scannerWaits = true;
    const r = this.scanner.feed(text, this.evLine, timed ? wrapAt : null);
    if (r === 'understood') {
      this.counts.understood += this.w;
      this.seen.scannerLines += this.w;
      return;
    }
    if (r === 'ignored' || fence) {
      this.counts.ignored += this.w;
      return;
    }
    if (isHeading(b, s, e)) this.acc.markdown = true;
    this.acc.unknownLine(b, s, e, text, this.evLine, this.w);
  }

  // ---- end ------------------------------------------------------------------------------------

  finish(): ParsedSource {
    for (const ss of [this.main, ...this.streams.values()]) {
      if (ss.partial !== null) {
        // A split docker line whose last part never came: parse what there is.
        this.w = ss.partialCount;
        this.evLine = ss.partialLine;
        const text = ss.partial;
        ss.partial = null;
        const inner = Buffer.from(text, 'utf8');
        this.wrap.text = text;
        this.wrap.pid = undefined;
        const h = this.header;
        if (parseRedisHeader(inner, 0, inner.length, h)) this.headed(inner, 0, inner.length, h, ss, NaN, false);
        else this.raw(inner, 0, inner.length, ss, WRAP_DOCKER_JSON, this.noTime.none());
      }
      this.closeBlock(ss);
    }
    const yearNote = this.times.settle([this.main, ...this.streams.values()]);
    if (yearNote !== null) this.acc.note('info', 0, yearNote);
    const skipped = this.acc.settle();

    const scanned = this.scanner.finish();
    const events = mergeByLine(this.events, scanned.events);
    const diagnostics = [...this.diagnostics, ...scanned.diagnostics].sort((a, b) => a.line - b.line);
    return {
      source: this.source,
      kind: sourceKind(this.seen, this.acc.markdown, this.acc.nonBlank, this.events.length, scanned.events),
      forms: formNames(this.seen, this.acc.markdown, scanned.snapshots),
      events,
      snapshots: scanned.snapshots,
      counts: this.counts,
      diagnostics,
      ...(skipped !== undefined ? { skipped } : {}),
    };
  }
}

/** `>>> ` then a word: redis-cli --cluster's step lines (src/redis-cli.c clusterManagerLogInfo). */
function isCliStep(b: Buffer, s: number, e: number): boolean {
  return e - s > 4 && b[s] === 62 && b[s + 1] === 62 && b[s + 2] === 62 && b[s + 3] === 32;
}

function mergeByLine(a: TimelineEvent[], b: TimelineEvent[]): TimelineEvent[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: TimelineEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(b[j].line < a[i].line ? b[j++] : a[i++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/**
 * Parse one source. Bad lines become counts and diagnostics; only unusable bytes (unreadable
 * file, corrupt gzip) throw InputError.
 */
export function parseSource(input: SourceInput, time: TimeOptions): ParsedSource {
  const p = new SourceParser(input, time);
  if (input.layout === 'json-document' && input.readBytes) {
    parseDocument(p, input.readBytes());
    return p.finish();
  }
  input.readLines(p.onLine);
  if (!p.newestFirst()) return p.finish();
  // Newest first: a crash report's lines, a restart, a split CRI line only read right oldest first.
  // A second pass holds the lines (such exports are bounded by the store's query limit).
  const lines: Array<{ b: Buffer; overlong: boolean }> = [];
  input.readLines((b, s, e, overlong) => void lines.push({ b: Buffer.from(b.subarray(s, e)), overlong }));
  const q = new SourceParser(input, time);
  q.noteReversed();
  // The head stays first: a CSV header, Grafana's `Label: {…}` lines and the blank lines around them.
  let head = 0;
  let csvDone = false;
  for (; head < lines.length; head++) {
    const t = lines[head].b.toString('utf8');
    if (isBlank(lines[head].b, 0, lines[head].b.length) || EXPORT_HEAD_LINE.test(t)) continue;
    if (!csvDone && csvLayout(t) !== null) {
      csvDone = true;
      continue;
    }
    break;
  }
  for (let i = 0; i < head; i++) q.onLineAt(i + 1, lines[i].b, 0, lines[i].b.length, lines[i].overlong);
  for (let i = lines.length - 1; i >= head; i--) q.onLineAt(i + 1, lines[i].b, 0, lines[i].b.length, lines[i].overlong);
  return q.finish();
}

/** A header line of an export (wrappers.ts exportMeta): `Common labels: {…}`. */
const EXPORT_HEAD_LINE = /^[A-Za-z][A-Za-z ]{0,39}: [{"[]/;

/** How far ahead a record's message is looked for, to give it its line in a pretty-printed document. */
const LOCATE_WINDOW = 256 * 1024;

/**
 * A whole JSON document export (Elasticsearch `_search`, CloudWatch FilterLogEvents, Datadog, Cloud
 * Logging, Grafana JSON): its records, each at the line its message sits on. Finding the lines walks
 * the bytes once, forward (each search is bounded), so the cost stays linear.
 */
function parseDocument(p: SourceParser, bytes: Buffer): void {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    p.documentProblem(`not a valid JSON document (${(err as Error).message})`);
    return;
  }
  const got = documentRecords(doc);
  if (got === null) {
    p.documentProblem('a JSON document of no known log export shape');
    return;
  }
  let cursor = 0;
  let line = 1;
  const locateForward = (text: string): number => {
    const needle = Buffer.from(JSON.stringify(text).slice(1, -1), 'utf8');
    if (needle.length === 0) return line;
    const end = Math.min(bytes.length, cursor + LOCATE_WINDOW + needle.length);
    const at = bytes.subarray(cursor, end).indexOf(needle);
    if (at < 0) return line;
    for (let i = cursor, stop = cursor + at; i < stop; i++) if (bytes[i] === 10) line++;
    cursor += at + needle.length;
    return line;
  };
  // Lines and times first, in document order (the line search only walks forward).
  const probe = {
    stream: undefined as string | undefined,
    form: null as string | null,
    pid: undefined as number | undefined,
    stamp: new Stamp(),
  };
  const at: number[] = [];
  const lines = got.records.map((rec) => {
    const text = readJsonRecord(rec, probe);
    at.push(probe.stamp.kind === STAMP_EXACT ? probe.stamp.at : NaN);
    return locateForward(text ?? '');
  });
  let back = 0;
  let forward = 0;
  for (let i = 1; i < at.length; i++)
    if (at[i] < at[i - 1]) back++;
    else if (at[i] > at[i - 1]) forward++;
  // Newest first (Cloud Logging's default order, Grafana's default view): read oldest first.
  const reversed = back >= 4 && back > 9 * forward;
  if (reversed) p.noteReversed();
  const n = got.records.length;
  for (let k = 0; k < n; k++) {
    const i = reversed ? n - 1 - k : k;
    p.onRecord(got.records[i], () => lines[i]);
  }
}

/** Parse every source, in order. */
export function parseAll(inputs: readonly SourceInput[], time: TimeOptions): ParsedSource[] {
  return inputs.map((i) => parseSource(i, time));
}
