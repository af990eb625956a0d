// The command line: commander, stdout/stderr and exit codes live here and nowhere else.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, InputError } from './model/diagnostic.ts';
import type { CommandResult } from './commands/result.ts';
import { timelineCommand } from './commands/timeline.ts';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function readStdinIfNeeded(paths: string[]): Buffer | undefined {
  if (!paths.includes('-')) return undefined;
  try {
    return readFileSync(0);
  } catch (err) {
    throw new InputError('-', 0, `cannot read standard input (${(err as Error).message})`);
  }
}

function intOption(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new ConfigError(`${name} must be a whole number, got '${value}'`);
    return Number(value);
  };
}

const formatOption = (choices: string[], dflt: string) =>
  new Option('-f, --format <format>', 'output format').choices(choices).default(dflt);
const tzOption = () => new Option('--tz <zone>', 'IANA time zone of zone-less log stamps').default('UTC');
const yearOption = () => new Option('--year <yyyy>', 'year for year-less log stamps (default: file modification year)').argParser(intOption('--year'));

let pending: Promise<CommandResult> | null = null;

export function buildProgram(): Command {
  const program = new Command('failscope')
    .description('Turn a Redis Cluster failover incident into a verified timeline and postmortem.')
    .version(version(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('timeline')
    .description('merge the logs and snapshots of every node into one time-ordered list of typed events')
    .argument('<paths...>', 'log files, snapshot files, directories (recursive), .gz files, or - for stdin')
    .addOption(formatOption(['text', 'json'], 'text'))
    .addOption(tzOption())
    .addOption(yearOption())
    .option('--stats', 'print how every input line was accounted for (understood / ignored / unknown)')
    .option('--strict', 'exit 1 when any input line is unknown')
    .action((paths: string[], o) => {
      pending = timelineCommand(paths, { format: o.format, tz: o.tz, year: o.year, stats: o.stats, strict: o.strict, stdin: readStdinIfNeeded(paths) });
    });

  return program;
}

function writeOut(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (!text) return resolve();
    process.stdout.write(text, () => resolve());
  });
}

/** Run the CLI. Known errors become one line on stderr and exit 2; others are bugs and rethrown. */
export async function main(argv: string[]): Promise<void> {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    if (!pending) return;
    const result = await pending;
    if (result.stderr) process.stderr.write(result.stderr);
    await writeOut(result.stdout);
    process.exitCode = result.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end with code 0; usage mistakes are unusable options: exit 2.
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (err instanceof InputError || err instanceof ConfigError) {
      process.stderr.write(`failscope: ${err.message.split('\n')[0]}\n`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}
