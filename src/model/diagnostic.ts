/** A problem found in an input, with the position that names it. Bad input is data, not an exception. */
export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  /** Display path of the source (relative POSIX path, `-` for stdin). */
  source: string;
  /** 1-based line number, or 0 when the problem concerns the whole source. */
  line: number;
  message: string;
  /** An input, or a region of one, was left unread (a skipped file, a NUL hole): always shown. */
  skip?: true;
}

/**
 * Unusable input (missing file, binary garbage, truncated gzip, …). The CLI prints
 * `failscope: <message>` on one line and exits 2. Never thrown for grammar mistakes.
 */
export class InputError extends Error {
  readonly source: string;
  readonly line: number;
  constructor(source: string, line: number, message: string) {
    super(line > 0 ? `${source}:${line}: ${message}` : `${source}: ${message}`);
    this.name = 'InputError';
    this.source = source;
    this.line = line;
  }
}

/** Bad options or expectations given by the user (exit 2). */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * An output file could not be written (full disk, read-only, a directory in the way). The CLI prints
 * `failscope: cannot write <path>: <reason>` on one line and exits 2; the previous file is kept.
 */
export class OutputError extends Error {
  readonly path: string;
  constructor(path: string, reason: string) {
    super(path === '' ? `cannot write: ${reason}` : `cannot write ${path}: ${reason} (the previous file, if any, is kept)`);
    this.name = 'OutputError';
    this.path = path;
  }
}
