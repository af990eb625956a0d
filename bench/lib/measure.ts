// Run a command as a child process and measure wall time and peak RSS. Peak RSS comes from GNU time
// (`/usr/bin/time -f %M`, Debian package `time`) when present, else from polling
// /proc/<pid>/status VmHWM every 20 ms. Output goes to /dev/null unless a file is given.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface RunResult {
  wallS: number;
  /** User + system CPU seconds of the command (GNU time %U + %S), NaN without GNU time. On a shared
   * machine this, not the wall time, is what compares two runs: load stretches the wall clock only. */
  cpuS: number;
  peakRssMB: number;
  exitCode: number | null;
  timedOut: boolean;
  /** First lines of stderr (for a failed run). */
  stderr: string;
  stdout?: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutS: number;
  /** Keep stdout (small outputs only, e.g. `grep -c`); else it goes to /dev/null. */
  captureStdout?: boolean;
  /** Write stdout to this file. */
  stdoutFile?: string;
}

const GNU_TIME = '/usr/bin/time';
export const haveGnuTime = existsSync(GNU_TIME);

/** The first child of `pid` (GNU time's command), or `pid` itself. */
function commandPid(pid: number): number {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return kids.length > 0 ? Number(kids[0]) : pid;
  } catch {
    return pid;
  }
}

function readHwmKB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export function runMeasured(cmd: string, args: string[], opts: RunOptions): Promise<RunResult> {
  const timeFile = path.join(os.tmpdir(), `failscope-bench-time-${process.pid}-${Date.now()}`);
  const argv = haveGnuTime ? [GNU_TIME, '-f', '%U %S %M %x', '-o', timeFile, cmd, ...args] : [cmd, ...args];
  const out = opts.captureStdout ? 'pipe' : openSync(opts.stdoutFile ?? '/dev/null', 'w');
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', out, 'pipe'],
      // Own process group: a timeout kills the command and GNU time together.
      detached: true,
    });
    let stderr = '';
    let stdout = '';
    child.stderr!.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
    });
    if (opts.captureStdout) child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    // Polled as well when GNU time measures: a run killed at the timeout still shows its peak so far.
    let hwm = 0;
    const poll = setInterval(
      () => {
        hwm = Math.max(hwm, readHwmKB(haveGnuTime ? commandPid(child.pid!) : child.pid!));
      },
      haveGnuTime ? 200 : 20,
    );
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, opts.timeoutS * 1000);
    child.on('close', (code) => {
      const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
      clearTimeout(timer);
      clearInterval(poll);
      if (typeof out === 'number') closeSync(out);
      let exitCode = code;
      let cpuS = NaN;
      if (haveGnuTime && existsSync(timeFile)) {
        const text = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
        const m = /([\d.]+) ([\d.]+) (\d+) (\d+)$/.exec(text);
        if (m) {
          cpuS = Number(m[1]) + Number(m[2]);
          hwm = Math.max(hwm, Number(m[3]));
          exitCode = Number(m[4]);
        }
        // "Command exited with non-zero status N" precedes the format line
        rmSync(timeFile, { force: true });
      }
      resolve({
        wallS,
        cpuS,
        peakRssMB: hwm / 1024,
        exitCode: timedOut ? null : exitCode,
        timedOut,
        stderr: stderr.split('\n').slice(0, 5).join('\n'),
        stdout,
      });
    });
  });
}
