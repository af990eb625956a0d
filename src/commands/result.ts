import type { Diagnostic } from '../model/diagnostic.ts';
import { neutralizeControlsOneLine } from '../util/control.ts';

/** What a command produced; cli.ts alone writes it and sets the exit code. */
export interface CommandResult {
  stdout: string;
  /** 0 pass, 1 a check failed (verdict fail, --strict, expectations), 2 unusable input or options. */
  exitCode: number;
  /** Lines for stderr (warnings); never the reason for exit 2, which is an InputError/ConfigError. */
  stderr?: string;
  /** More output, written after `stdout` piece by piece (large timelines are never one string). */
  chunks?: Iterable<string>;
}

/** Options every command that reads inputs shares. */
export interface InputOptions {
  tz: string;
  year?: number;
  stdin?: Buffer;
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
