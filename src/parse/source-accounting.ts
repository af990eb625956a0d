// Line accounting of one source: every physical line is counted once (understood, ignored or unknown);
// diagnostics are capped per category; lines that may turn out to be Markdown prose wait for the end
// of the source; NUL holes are summed up. parse-source.ts adds to `counts` on the hot path (plain
// integer fields); everything else goes through the methods here.
import type { Diagnostic } from '../model/diagnostic.ts';
import type { LineCounts } from '../model/events.ts';
import { countBadBytes } from '../util/utf8.ts';

/** Per-source cap on diagnostics of one category; the rest are summed up in one line. */
const DIAG_CAP = 10;

const DIAG_TEXT = 80;
function preview(text: string): string {
  const t = text.length > DIAG_TEXT ? `${text.slice(0, DIAG_TEXT)}…` : text;
  return JSON.stringify(t);
}

export class SourceAccounting {
  readonly counts: LineCounts = { lines: 0, understood: 0, ignored: 0, unknown: 0 };
  readonly diagnostics: Diagnostic[] = [];
  /** Non-blank lines so far. */
  nonBlank = 0;
  /** A fence, heading or the like was seen: unknown lines outside code fences are prose. */
  markdown = false;
  /** Inside a Markdown code fence, opened at `fenceLine`. */
  inFence = false;
  /** Line of the fence that opened the current code block: each block of a pasted document is its own excerpt. */
  fenceLine = 0;

  private readonly source: string;
  private readonly diagCounts = new Map<string, number>();
  /** Headed lines whose message the catalog does not know (hot: a plain counter, not the map). */
  private unknownMessages = 0;
  private proseOutside = 0;
  private unknownInFence = 0;
  private readonly unknownNotes: Array<{ line: number; text: string; inFence: boolean }> = [];
  private readonly unknownNoteOverflow = { inFence: 0, outside: 0 };
  /** NUL bytes skipped where lines would start (copytruncate holes), and how many runs. */
  private holeBytes = 0;
  private holes = 0;

  constructor(source: string) {
    this.source = source;
  }

  /** Count one diagnostic of a category; true when it is still under the cap and should be recorded. */
  wantDiag(category: string): boolean {
    const n = (this.diagCounts.get(category) ?? 0) + 1;
    this.diagCounts.set(category, n);
    return n <= DIAG_CAP;
  }

  diag(category: string, severity: Diagnostic['severity'], line: number, message: string): void {
    if (this.wantDiag(category)) this.diagnostics.push({ severity, source: this.source, line, message });
  }

  /** One uncapped diagnostic of this source. */
  note(severity: Diagnostic['severity'], line: number, message: string): void {
    this.diagnostics.push({ severity, source: this.source, line, message });
  }

  /** `bytes` NUL bytes were skipped before `line`. */
  hole(line: number, bytes: number): void {
    this.holeBytes += bytes;
    if (++this.holes <= DIAG_CAP)
      this.diagnostics.push({
        severity: 'warning',
        source: this.source,
        line,
        message: `skipped ${bytes} NUL bytes before this line (a hole such as logrotate copytruncate leaves); read on after it`,
        skip: true,
      });
  }

  /** A headed line of `w` physical lines whose message the catalog does not know. */
  unknownMessage(line: number, text: string, w: number): void {
    this.counts.unknown += w;
    if (++this.unknownMessages <= DIAG_CAP)
      this.diagnostics.push({ severity: 'info', source: this.source, line, message: `unknown message: ${preview(text)}` });
  }

  /** A Markdown code fence: it opens or closes a code block. */
  fence(line: number): void {
    this.inFence = !this.inFence;
    this.fenceLine = this.inFence ? line : 0;
    this.markdown = true;
  }

  /** A line nothing understood: binary data now, else held until the end decides whether it is prose. */
  unknownLine(b: Buffer, s: number, e: number, text: string, line: number, w: number): void {
    const { bad, nul } = countBadBytes(b, s, e);
    if (nul || bad * 10 > e - s) {
      this.counts.unknown += w;
      this.diag('binary', 'warning', line, 'binary or non-UTF-8 data');
      return;
    }
    if (this.inFence) this.unknownInFence += w;
    else this.proseOutside += w;
    if (this.unknownNotes.length < DIAG_CAP * 4) this.unknownNotes.push({ line, text, inFence: this.inFence });
    else if (this.inFence) this.unknownNoteOverflow.inFence++;
    else this.unknownNoteOverflow.outside++;
  }

  /**
   * The end of the source: held lines are counted (prose outside fences is ignored in Markdown), the
   * capped diagnostics summed up. Returns the `skipped` note of the NUL holes, if any.
   */
  settle(): string | undefined {
    if (this.markdown) {
      this.counts.ignored += this.proseOutside;
      this.counts.unknown += this.unknownInFence;
    } else this.counts.unknown += this.proseOutside + this.unknownInFence;
    let shown = 0;
    let hidden = this.markdown ? this.unknownNoteOverflow.inFence : this.unknownNoteOverflow.inFence + this.unknownNoteOverflow.outside;
    for (const n of this.unknownNotes) {
      if (this.markdown && !n.inFence) continue;
      if (shown < DIAG_CAP) {
        this.diagnostics.push({ severity: 'info', source: this.source, line: n.line, message: `unrecognised line: ${preview(n.text)}` });
        shown++;
      } else hidden++;
    }
    if (hidden > 0) this.diagnostics.push({ severity: 'info', source: this.source, line: 0, message: `${hidden} more unrecognised lines` });
    if (this.unknownMessages > 0) this.diagCounts.set('unknown-message', this.unknownMessages);
    for (const [category, n] of [...this.diagCounts].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
      if (n > DIAG_CAP)
        this.diagnostics.push({ severity: 'info', source: this.source, line: 0, message: `${n - DIAG_CAP} more ${category} diagnostics` });
    return this.holeBytes > 0 ? `${this.holeBytes} NUL bytes in ${this.holes} hole${this.holes === 1 ? '' : 's'}` : undefined;
  }
}
