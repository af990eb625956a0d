// The command line: commander, stdout/stderr and exit codes live here and nowhere else.
import { readFileSync, readSync } from 'node:fs';
import { readStdinHead, type StdinStream } from './ingest/index.ts';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, InputError, OutputError } from './model/diagnostic.ts';
import { exitOnSignals, writeFileAtomicFrom } from './util/atomic-write.ts';
import { neutralizeControls, neutralizeControlsOneLine } from './util/control.ts';
import type { CommandResult } from './commands/result.ts';
import type { FaultKind } from './commands/drill.ts';
import { ProgressLine } from './commands/progress.ts';
import { colorWanted, paintText, type TextKind } from './report/index.ts';

// Commands are loaded when run: `analyze` need not load vega (report), ioredis (capture, drill) or
// the gate's YAML and schema code, which took start-up from 0.3 s to 1.5 s.
type Cmds = {
  analyze: typeof import('./commands/analyze.ts').analyzeCommand;
  capture: typeof import('./commands/capture.ts').captureCommand;
  check: typeof import('./commands/check.ts').checkCommand;
  drill: typeof import('./commands/drill.ts').drillCommand;
  initExpect: typeof import('./commands/init-expect.ts').initExpectCommand;
  report: typeof import('./commands/report.ts').reportCommand;
  timeline: typeof import('./commands/timeline.ts').timelineCommand;
  topology: typeof import('./commands/topology.ts').topologyCommand;
};
const analyzeCommand: Cmds['analyze'] = async (...a) => (await import('./commands/analyze.ts')).analyzeCommand(...a);
const captureCommand: Cmds['capture'] = async (...a) => (await import('./commands/capture.ts')).captureCommand(...a);
const checkCommand: Cmds['check'] = async (...a) => (await import('./commands/check.ts')).checkCommand(...a);
const drillCommand: Cmds['drill'] = async (...a) => (await import('./commands/drill.ts')).drillCommand(...a);
const initExpectCommand: Cmds['initExpect'] = async (...a) => (await import('./commands/init-expect.ts')).initExpectCommand(...a);
const reportCommand: Cmds['report'] = async (...a) => (await import('./commands/report.ts')).reportCommand(...a);
const timelineCommand: Cmds['timeline'] = async (...a) => (await import('./commands/timeline.ts')).timelineCommand(...a);
const topologyCommand: Cmds['topology'] = async (...a) => (await import('./commands/topology.ts')).topologyCommand(...a);

function version(): string {
  // dist/src/cli.js when installed, src/cli.ts when run from the sources (tests, the fuzz suite).
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      // try the next
    }
  }
  return 'unknown';
}

/**
 * Standard input for the path `-`: its head read and judged under ingest's bounds (binary refused
 * after its first 64 KiB, a /dev/zero after 64 MiB), then, for lines of text, the rest read as the
 * lines are parsed, 1 MiB at a time (readStdinHead); gzip data and a JSON document are read whole, at
 * most 1 GiB.
 */
function readStdinIfNeeded(paths: string[]): Buffer | StdinStream | undefined {
  if (!paths.includes('-')) return undefined;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const read = (target: Buffer, offset: number, length: number): number => {
    for (;;) {
      try {
        return readSync(0, target, offset, length, null);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          Atomics.wait(sleeper, 0, 0, 5); // a non-blocking pipe with nothing yet
          continue;
        }
        if (code === 'EOF') return 0;
        throw err;
      }
    }
  };
  try {
    return readStdinHead(read);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError('-', 0, `cannot read standard input (${(err as Error).message})`);
  }
}

function intOption(name: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new ConfigError(`${name} must be a whole number, got '${value}'`);
    const n = Number(value);
    if (n > max) throw new ConfigError(`${name} must be at most ${max}, got '${value}'`);
    return n;
  };
}

/** One year: a node timeout or pause beyond it is a typo, and it keeps time sums in range. */
const MAX_MS_OPTION = 365 * 86_400_000;

const formatOption = (choices: string[], dflt: string) =>
  new Option('-f, --format <format>', 'output format').choices(choices).default(dflt);
const tzOption = () => new Option('--tz <zone>', 'IANA time zone of zone-less log stamps').default('UTC');
const yearOption = () =>
  new Option('--year <yyyy>', 'year for year-less log stamps (default: file modification year)').argParser(intOption('--year', 9999));

const nodeTimeoutOption = () =>
  new Option('--node-timeout <ms>', 'cluster-node-timeout in ms (wins over what the inputs say)').argParser(
    intOption('--node-timeout', MAX_MS_OPTION),
  );

/** What one run's action hands back to main(): returned through this object, not module variables. */
interface Run {
  /** The command's result, set by the action that ran (none for --help / --version). */
  pending: Promise<CommandResult> | null;
  /** Which text the command prints, when it can be coloured on a terminal (text formats only). */
  paintAs: TextKind | null;
  /** What goes to the terminal: input text with its control characters shown, not obeyed. */
  forTerminal: boolean;
  /** `-o file`: the output goes to this file (atomically) instead of stdout. */
  output: string | null;
  /** The progress line on stderr while inputs are read, when one may be drawn. */
  progress: ProgressLine | null;
}
const textKind = (format: string | undefined, kind: TextKind): TextKind | null => ((format ?? 'text') === 'text' ? kind : null);

const quietOption = () => new Option('-q, --quiet', 'no progress line on stderr while the inputs are read');
const outputOption = () => new Option('-o, --output <file>', 'write the output to this file (atomically) instead of stdout');

/**
 * The progress line (bytes read of the total, MB/s, ETA), for a run that reads inputs: drawn on
 * stderr once reading has taken 1.5 s, only when stderr is a terminal and --quiet is not given.
 */
function progressHook(run: Run, quiet: boolean | undefined): ((read: number, total: number) => void) | undefined {
  if (quiet || process.stderr.isTTY !== true) return undefined;
  const line = new ProgressLine(Date.now(), progressAfterMs());
  run.progress = line;
  return (read, total) => {
    const text = line.update(read, total, Date.now());
    if (text) process.stderr.write(text);
  };
}

/**
 * `FAILSCOPE_PROGRESS_AFTER_MS`: the delay before the line shows, for a test that must see the line
 * whatever the machine's speed (a fast machine reads a few hundred MB in under the default 1.5 s).
 */
function progressAfterMs(): number | undefined {
  const v = process.env.FAILSCOPE_PROGRESS_AFTER_MS;
  return v !== undefined && /^[0-9]+$/.test(v) ? Number(v) : undefined;
}

/**
 * Progress for a command that analyses one input set after another (`check` over its cases): a
 * fresh line for each, the one before erased first (a case that reads fast draws none).
 */
function progressHooks(run: Run, quiet: boolean | undefined): (() => ((read: number, total: number) => void) | undefined) | undefined {
  if (quiet || process.stderr.isTTY !== true) return undefined;
  return () => {
    endProgress(run);
    return progressHook(run, quiet);
  };
}

/** Erase the progress line, if one was drawn, before anything else is written. */
function endProgress(run: Run): void {
  const text = run.progress?.clear();
  if (text) process.stderr.write(text);
  run.progress = null;
}

export function buildProgram(run: Run = freshRun()): Command {
  const program = new Command('failscope')
    .description('Turn a Redis Cluster failover incident into a verified timeline and postmortem.')
    .version(version(), '-V, --version')
    .option('--debug', 'print the stack trace of an internal error')
    .configureOutput({
      // A usage mistake is one line like every other error: `failscope: <what> (run … --help)`.
      outputError: (str, write) =>
        write(`failscope: ${neutralizeControlsOneLine(str.trim().replace(/^error: /, ''))} (run with --help for usage)\n`),
    })
    .exitOverride()
    .hook('preAction', (_program, cmd) => {
      // Ctrl-C or SIGTERM: leave no temp file (capture and drill stop gracefully on their own).
      if (!['capture', 'drill'].includes(cmd.name()) && !signalsHooked) {
        signalsHooked = true;
        exitOnSignals();
      }
      // JSON and YAML are written byte for byte (JSON.stringify escapes C0 controls itself).
      run.forTerminal = cmd.opts().format !== 'json' && cmd.name() !== 'init-expect';
    });

  program
    .command('timeline')
    .description('merge the logs and snapshots of every node into one time-ordered list of typed events')
    .argument('<paths...>', 'log files, snapshot files, directories (recursive), .gz files, or - for stdin')
    .addOption(formatOption(['text', 'json'], 'text'))
    .addOption(tzOption())
    .addOption(yearOption())
    .option('--stats', 'print how every input line was accounted for (understood / ignored / unknown)')
    .option('--strict', 'exit 1 when any input line is unknown')
    .addOption(outputOption())
    .addOption(quietOption())
    .action((paths: string[], o) => {
      run.output = o.output ?? null;
      run.pending = timelineCommand(paths, {
        format: o.format,
        tz: o.tz,
        year: o.year,
        stats: o.stats,
        strict: o.strict,
        output: o.output,
        stdin: readStdinIfNeeded(paths),
        onProgress: progressHook(run, o.quiet),
      });
    });

  program
    .command('analyze')
    .description('replay the incident: failovers, outages, phase timings, findings and a verdict (exit 1 on fail)')
    .argument('<paths...>', 'log files, snapshot files, directories, .gz files, or - for stdin')
    .addOption(formatOption(['text', 'json', 'markdown'], 'text'))
    .addOption(nodeTimeoutOption())
    .addOption(tzOption())
    .addOption(yearOption())
    .option('--html <file>', 'also write the HTML postmortem report to this file')
    .addOption(outputOption())
    .addOption(quietOption())
    .action((paths: string[], o) => {
      run.paintAs = textKind(o.format, 'analysis');
      run.output = o.output ?? null;
      run.pending = analyzeCommand(paths, {
        tz: o.tz,
        year: o.year,
        nodeTimeout: o.nodeTimeout,
        stdin: readStdinIfNeeded(paths),
        format: o.format,
        output: o.output,
        html: o.html,
        onProgress: progressHook(run, o.quiet),
      });
    });

  program
    .command('topology')
    .description('check the CLUSTER NODES snapshots of every cluster, like redis-cli --cluster check and beyond')
    .argument('<paths...>', 'snapshot files, logs, directories, or - for stdin')
    .addOption(formatOption(['text', 'json'], 'text'))
    .option('--at <time>', 'check the latest snapshot at or before this time instead of the last one')
    .option('--against <file>', 'diff the final state against an earlier snapshot file')
    .option('--strict', 'exit 1 on warnings too')
    .addOption(tzOption())
    .addOption(yearOption())
    .addOption(quietOption())
    .action((paths: string[], o) => {
      run.paintAs = textKind(o.format, 'topology');
      run.pending = topologyCommand(paths, {
        format: o.format,
        at: o.at,
        against: o.against,
        strict: o.strict,
        tz: o.tz,
        year: o.year,
        stdin: readStdinIfNeeded(paths),
        onProgress: progressHook(run, o.quiet),
      });
    });

  program
    .command('report')
    .description('write the self-contained HTML postmortem with charts (exit 1 when the verdict is fail)')
    .argument('<paths...>', 'log files, snapshot files, directories, .gz files, or - for stdin')
    .requiredOption('-o, --output <file>', 'the HTML file to write')
    .addOption(nodeTimeoutOption())
    .addOption(tzOption())
    .addOption(yearOption())
    .addOption(quietOption())
    .action((paths: string[], o) => {
      run.pending = reportCommand(paths, {
        output: o.output,
        nodeTimeout: o.nodeTimeout,
        tz: o.tz,
        year: o.year,
        stdin: readStdinIfNeeded(paths),
        onProgress: progressHook(run, o.quiet),
      });
    });

  program
    .command('check')
    .description('CI gate: check recorded incidents against expectation files (exit 0 pass, 1 fail, 2 unusable)')
    .argument('<paths...>', 'a folder of cases (each sub-folder with an expect file), or one incident with --expect')
    .option('--expect <file>', 'expectations file for a single incident')
    .option('--junit <file>', 'also write JUnit XML')
    .option('--baseline <file>', "a previous run's JSON output to compare timings with")
    .option('--max-regression <limit>', 'allowed slow-down against the baseline, e.g. 20% or 500ms', '20%')
    .addOption(formatOption(['text', 'json'], 'text'))
    .addOption(nodeTimeoutOption())
    .addOption(tzOption())
    .addOption(yearOption())
    .addOption(quietOption())
    .action((paths: string[], o) => {
      run.paintAs = textKind(o.format, 'gate');
      run.pending = checkCommand(paths, {
        expect: o.expect,
        junit: o.junit,
        baseline: o.baseline,
        maxRegression: o.maxRegression,
        format: o.format,
        nodeTimeout: o.nodeTimeout,
        tz: o.tz,
        year: o.year,
        progress: progressHooks(run, o.quiet),
      });
    });

  program
    .command('init-expect')
    .description('print (or -o write) an expectations file from a good analysis, to edit and commit')
    .argument('<paths...>', 'the incident to bless')
    .option('-o, --output <file>', 'write here (.yaml/.yml for YAML) instead of printing')
    .addOption(new Option('-f, --format <format>', 'format when printing').choices(['json', 'yaml']).default('json'))
    .addOption(nodeTimeoutOption())
    .addOption(tzOption())
    .addOption(yearOption())
    .addOption(quietOption())
    .action((paths: string[], o) => {
      run.pending = initExpectCommand(paths, {
        output: o.output,
        format: o.format,
        nodeTimeout: o.nodeTimeout,
        tz: o.tz,
        year: o.year,
        stdin: readStdinIfNeeded(paths),
        progress: progressHooks(run, o.quiet),
      });
    });

  const connectionOptions = (cmd: Command) =>
    cmd
      .option('--user <name>', 'ACL user name (AUTH user pass)')
      .option('-a, --pass <password>', 'password (default: $REDISCLI_AUTH)')
      .option('--tls', 'connect with TLS')
      .option('--sni <host>', 'server name for TLS SNI')
      .option('--cacert <file>', 'CA certificate bundle to verify the server')
      .option('--cacertdir <dir>', 'directory of CA certificates')
      .option('--cert <file>', 'client certificate')
      .option('--key <file>', 'client private key')
      .option('--insecure', 'do not verify the server certificate');
  const connection = (o: Record<string, unknown>) => ({
    user: o.user as string | undefined,
    pass: o.pass as string | undefined,
    tls: o.tls as boolean | undefined,
    sni: o.sni as string | undefined,
    cacert: o.cacert as string | undefined,
    cacertdir: o.cacertdir as string | undefined,
    cert: o.cert as string | undefined,
    key: o.key as string | undefined,
    insecure: o.insecure as boolean | undefined,
  });

  connectionOptions(
    program
      .command('capture')
      .description('poll CLUSTER NODES, CLUSTER INFO and INFO replication of every node into snapshot files until Ctrl-C')
      .requiredOption('--seed <host:port>', 'any node of the cluster')
      .requiredOption('-o, --out <dir>', 'directory for the snapshot files')
      .option('--interval <duration>', 'time between polls (500ms, 1s, …)', '500ms')
      .option('--duration <duration>', 'stop after this long (default: until Ctrl-C)')
      .option('--timeout <duration>', 'per-request timeout'),
  ).action((o) => {
    run.pending = captureCommand({
      ...connection(o),
      seed: o.seed,
      out: o.out,
      interval: o.interval,
      duration: o.duration,
      timeout: o.timeout,
      progress,
    });
  });

  connectionOptions(
    program
      .command('drill')
      .description('cause a fault on a live cluster, capture and probe it, then analyse and compare (destructive)')
      .requiredOption('--seed <host:port>', 'any node of the cluster')
      .addOption(
        new Option('--fault <kind>', 'the fault to cause')
          .choices(['segfault', 'pause', 'failover', 'takeover', 'force'])
          .makeOptionMandatory(),
      )
      .requiredOption('--target <node>', 'node id, id prefix or host:port of the master to hit')
      .requiredOption('-o, --out <dir>', 'directory for the capture, probe truth and results')
      .option(
        '--pause-ms <ms>',
        'length of DEBUG SLEEP for --fault pause (default 3 × node timeout)',
        intOption('--pause-ms', MAX_MS_OPTION),
      )
      .option('--logs <paths...>', 'server logs to add to the analysis')
      .addOption(formatOption(['text', 'json', 'markdown'], 'text'))
      .option('--report <file>', 'also write the HTML report')
      .option('--expect <file>', 'gate the drill with an expectations file')
      .option('--recovery-timeout <duration>', 'how long to wait for the cluster to recover', '60s')
      .option('--interval <duration>', 'snapshot poll interval', '500ms')
      .addOption(nodeTimeoutOption())
      .option('--yes', 'allow a target that is not on the loopback interface'),
  ).action((o) => {
    run.paintAs = textKind(o.format, 'drill');
    run.pending = drillCommand({
      ...connection(o),
      seed: o.seed,
      fault: o.fault as FaultKind,
      target: o.target,
      out: o.out,
      pauseMs: o.pauseMs,
      logs: o.logs,
      format: o.format,
      report: o.report,
      expect: o.expect,
      recoveryTimeout: o.recoveryTimeout,
      interval: o.interval,
      nodeTimeout: o.nodeTimeout,
      yes: o.yes,
      progress,
    });
  });

  return program;
}

/** Live commands report progress (the drill's plan before it acts) on stderr, as they go. */
const progress = (line: string): void => void process.stderr.write(`${line}\n`);

/** A fresh per-run state: main() may run more than once in a process (the fuzz suite does). */
const freshRun = (): Run => ({ pending: null, paintAs: null, forTerminal: true, output: null, progress: null });

/** A command's output as pieces: `stdout`, then its chunks; control characters shown unless `raw`. */
function* outputPieces(result: CommandResult, raw: boolean): Generator<string> {
  const show = (s: string) => (raw ? s : neutralizeControls(s));
  if (result.stdout) yield show(result.stdout);
  if (result.chunks) for (const c of result.chunks) yield show(c);
}

/** Pieces cut at line ends, each painted: paintText works line by line, so the colours are the same as on the whole. */
function* paintedLines(pieces: Iterable<string>, kind: TextKind): Generator<string> {
  let carry = '';
  for (const p of pieces) {
    const s = carry + p;
    const nl = s.lastIndexOf('\n');
    if (nl < 0) {
      carry = s;
      continue;
    }
    carry = s.slice(nl + 1);
    yield paintText(s.slice(0, nl + 1), kind);
  }
  if (carry) yield paintText(carry, kind);
}

/** Streamed output: each piece written as the pipe drains, so only a piece is held at a time. */
async function writeChunks(chunks: Iterable<string>): Promise<void> {
  for (const c of chunks) {
    if (!c) continue;
    if (!process.stdout.write(c)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
}

let epipeHandled = false;
let signalsHooked = false;

/** Print an error as one line, exit 2 for bad input, options or an unwritable output. */
function knownError(err: unknown): boolean {
  if (err instanceof InputError || err instanceof ConfigError || err instanceof OutputError) {
    process.stderr.write(`failscope: ${neutralizeControlsOneLine(err.message)}\n`);
    process.exitCode = 2;
    return true;
  }
  return false;
}

/**
 * Run the CLI. Known errors become one line on stderr and exit 2. Anything else is a bug: one line
 * `failscope: internal error: …` and exit 70, the stack trace only with --debug (or FAILSCOPE_DEBUG=1).
 * Never process.exit() after writing: stderr to a pipe is asynchronous and would be cut off.
 */
export async function main(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug') || process.env.FAILSCOPE_DEBUG === '1';
  // --debug is accepted anywhere on the line, before or after the command.
  argv = argv.filter((a, i) => i < 2 || a !== '--debug');
  if (!epipeHandled) {
    epipeHandled = true;
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    });
  }
  // A fresh state per call: main() may run more than once in a process (the fuzz suite does).
  const state = freshRun();
  try {
    const program = buildProgram(state);
    await program.parseAsync(argv);
    if (!state.pending) return;
    const result = await state.pending;
    endProgress(state);
    const raw = !state.forTerminal;
    if (result.stderr) process.stderr.write(neutralizeControls(result.stderr));
    // Control characters from the input are neutralised first; the colours painted after are ours.
    const pieces = outputPieces(result, raw);
    const paintAs = state.paintAs;
    if (state.output !== null) await writeFileAtomicFrom(state.output, pieces);
    else if (paintAs !== null && colorWanted(process.env, process.stdout.isTTY === true)) await writeChunks(paintedLines(pieces, paintAs));
    else await writeChunks(pieces);
    process.exitCode = result.exitCode;
  } catch (err) {
    endProgress(state);
    if (err instanceof CommanderError) {
      // --help and --version end with code 0; usage mistakes are unusable options: exit 2.
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (knownError(err)) return;
    const e = err as Error;
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(err);
    process.stderr.write(
      debug
        ? `failscope: internal error: ${e instanceof Error && e.stack ? e.stack : what}\n`
        : `failscope: internal error: ${neutralizeControlsOneLine(what).slice(0, 500)} (a bug; run again with --debug for the trace)\n`,
    );
    process.exitCode = 70;
  }
}
