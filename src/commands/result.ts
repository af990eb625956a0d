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
