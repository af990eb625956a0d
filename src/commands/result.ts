import type { StdinStream } from '../ingest/index.ts';
import { resolve } from 'node:path';
import { ConfigError, type Diagnostic } from '../model/diagnostic.ts';
import { neutralizeControlsOneLine } from '../util/control.ts';

/** What a command produced; cli.ts alone writes it and sets the exit code. */
export interface CommandResult {
  stdout: string;
  /** 0 pass, 1 a check failed (verdict fail, --strict, expectations), 2 unusable input or options. */
  exitCode: number;
  /** Lines for stderr (warnings); never the reason for exit 2, which is an InputError/ConfigError. */
  stderr?: string;
  /**
   * More output, written after `stdout` piece by piece as the consumer drains it (to stdout, or to the
   * temp file of `-o`): an analysis or timeline of any size is never one string.
   */
  chunks?: Iterable<string>;
}

/** Options every command that reads inputs shares. */
export interface InputOptions {
  tz: string;
  year?: number;
  stdin?: Buffer | StdinStream;
  /** Told the bytes read of all inputs' total while they are read (the CLI's progress line). */
  onProgress?: (read: number, total: number) => void;
}

/** The load options of InputOptions. */
export const loadOptions = (o: InputOptions) => ({ zone: o.tz, year: o.year, stdin: o.stdin, onProgress: o.onProgress });

/** Refuse an output file that is one of the inputs (ConfigError, exit 2): it would be lost. */
export function refuseInputAsOutput(paths: readonly string[], output: string | undefined, what: string): void {
  if (output === undefined) return;
  const out = resolve(output);
  if (paths.some((p) => p !== '-' && resolve(p) === out))
    throw new ConfigError(`refusing to overwrite the input ${output} with the ${what}`);
}

/**
 * Diagnostics as stderr lines: those `keep` selects, plus every skipped file or region whatever its
 * severity (issue #18: nothing is left out without a word).
 */
export function diagnosticLines(diagnostics: readonly Diagnostic[], keep: (d: Diagnostic) => boolean): string {
  return (
    diagnostics
      .filter((d) => keep(d) || d.skip)
      // One line each, whatever a file name or a message holds (a newline in a path, an ESC in a log line).
      .map(
        (d) =>
          `failscope: ${d.severity === 'info' ? 'note' : d.severity}: ${neutralizeControlsOneLine(`${d.source}${d.line ? `:${d.line}` : ''}: ${d.message}`)}\n`,
      )
      .join('')
  );
}
