// `npm run bench` — generates its inputs deterministically (seeded) into a temp dir, then measures
// `failscope timeline` and `failscope analyze` on each, next to `wc -l`, `grep -c` and lnav (when
// installed) on the same files, and prints one table. It never fails a test; a wrong failover count
// is reported loudly and makes the exit code 1.
//
//   npm run bench                      full size: 1 GiB mixed log, 200 MB flapping, 1000 nodes × 10 min
//   npm run bench -- --quick           small inputs for a quick look (also FAILSCOPE_BENCH_SCALE=quick)
//   npm run bench -- --scale 0.25      every input at a quarter of its size
//   options: --only mixed,flapping,large,interleaved  --seed N  --timeout S  --fresh  --clean  --profile  --dir D
//   interleaved: one Loki jsonl export holding 6 nodes, at N and 4N (128 MB and 512 MB full size)
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateEpisodes } from './gen/episodes.ts';
import { generateLargeCluster } from './gen/large-cluster.ts';
import { interleaveIntoJsonl } from './gen/interleaved.ts';
import { loadIncident, loadIncidents } from './lib/incidents.ts';
import { haveGnuTime, type RunResult, runMeasured } from './lib/measure.ts';
import { summariseProfile } from './lib/profile.ts';

const GENERATOR_VERSION = 2;

export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'failscope') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the failscope repository root');
    dir = up;
  }
}

interface Args {
  scale: number;
  quick: boolean;
  seed: number;
  only: Set<string>;
  timeoutS: number;
  fresh: boolean;
  clean: boolean;
  profile: boolean;
  dir: string;
}

function parseArgs(argv: string[]): Args {
  const env = process.env.FAILSCOPE_BENCH_SCALE;
  const a: Args = {
    scale: env && env !== 'quick' ? Number(env) : 1,
    quick: env === 'quick',
    seed: 20261125,
    only: new Set(['mixed', 'flapping', 'large', 'interleaved']),
    timeoutS: 0,
    fresh: false,
    clean: false,
    profile: false,
    dir: path.join(os.tmpdir(), 'failscope-bench'),
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => argv[++i];
    if (k === '--quick') a.quick = true;
    else if (k === '--scale') a.scale = Number(v());
    else if (k === '--seed') a.seed = Number(v());
    else if (k === '--only') a.only = new Set(v().split(','));
    else if (k === '--timeout') a.timeoutS = Number(v());
    else if (k === '--fresh') a.fresh = true;
    else if (k === '--clean') a.clean = true;
    else if (k === '--profile') a.profile = true;
    else if (k === '--dir') a.dir = path.resolve(v());
    else if (k === '--help' || k === '-h') {
      console.log(
        readFileSync(new URL(import.meta.url), 'utf8')
          .split('\n')
          .filter((l) => l.startsWith('//'))
          .slice(0, 9)
          .join('\n')
          .replace(/^\/\/ ?/gm, ''),
      );
      process.exit(0);
    } else throw new Error(`unknown option ${k} (see --help)`);
  }
  if (!(a.scale > 0)) throw new Error('--scale must be a positive number');
  if (a.timeoutS === 0) a.timeoutS = a.quick ? 120 : 600;
  return a;
}

// ---- inputs ----------------------------------------------------------------------------------------

interface Input {
  name: string;
  title: string;
  dir: string;
  files: string[];
  bytes: number;
  lines: number;
  expectedFailovers: number;
  /** true: the bench asserts the failover count */
  assertFailovers: boolean;
  note: string;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.') && n !== 'manifest.json')
    .sort()
    .map((n) => path.join(dir, n));
}

function cached(root: string, key: string, fresh: boolean, make: (dir: string) => Omit<Input, 'dir' | 'files'>): Input {
  const dir = path.join(root, key);
  const manifest = path.join(dir, 'manifest.json');
  if (!fresh && existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as Omit<Input, 'dir' | 'files'>;
    return { ...m, dir, files: listFiles(dir) };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  process.stderr.write(`generating ${key} … `);
  const m = make(dir);
  writeFileSync(manifest, JSON.stringify(m, null, 2));
  process.stderr.write(`${(m.bytes / 1e6).toFixed(0)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return { ...m, dir, files: listFiles(dir) };
}

/** The manifest of an input made by generateEpisodes. */
function episodesInput(
  name: string,
  g: ReturnType<typeof generateEpisodes>,
  assertFailovers: boolean,
  note: string,
): Omit<Input, 'dir' | 'files'> {
  return {
    name,
    title: `${name} ${(g.bytes / 1e6).toFixed(0)} MB`,
    bytes: g.bytes,
    lines: g.lines,
    expectedFailovers: g.expectedFailovers,
    assertFailovers,
    note,
  };
}

function makeInputs(a: Args, root: string): Input[] {
  const fixtures = path.join(root, 'fixtures');
  const s = a.quick ? a.scale / 16 : a.scale;
  const tag = (x: number) => `${x}`.replace('.', '_');
  const base = path.join(a.dir, `v${GENERATOR_VERSION}-seed${a.seed}`);
  const out: Input[] = [];
  const incidents = loadIncidents(fixtures);
  if (a.only.has('mixed')) {
    const target = Math.round(1024 * 1024 * 1024 * s);
    out.push(
      cached(base, `mixed-${tag(target)}`, a.fresh, (dir) => {
        const g = generateEpisodes(dir, incidents, {
          seed: a.seed,
          targetBytes: target,
          notableFraction: 0.1,
          gapMs: 600_000,
          startAt: Date.UTC(2026, 0, 5),
        });
        return episodesInput(
          'mixed',
          g,
          false,
          `6 node logs, ${g.episodes} recorded incidents replayed with routine lines between them, ${((100 * g.notableLines) / g.lines).toFixed(1)}% notable lines`,
        );
      }),
    );
  }
  if (a.only.has('flapping')) {
    const target = Math.round(200e6 * (a.quick ? a.scale / 40 : a.scale));
    const sigkill = incidents.filter((i) => i.name === 'master-sigkill');
    out.push(
      cached(base, `flapping-${tag(target)}`, a.fresh, (dir) => {
        const g = generateEpisodes(dir, sigkill, {
          seed: a.seed + 1,
          targetBytes: target,
          notableFraction: 0,
          gapMs: 5000,
          startAt: Date.UTC(2026, 1, 2),
        });
        return episodesInput(
          'flapping',
          g,
          true,
          `master-sigkill repeated ${g.episodes} times, ${((100 * g.notableLines) / g.lines).toFixed(0)}% notable lines`,
        );
      }),
    );
  }
  if (a.only.has('large')) {
    const seconds = Math.max(10, Math.round(600 * (a.quick ? a.scale / 10 : a.scale)));
    out.push(
      cached(base, `large-500x2-${seconds}s`, a.fresh, (dir) => {
        const g = generateLargeCluster(dir, loadIncident(path.join(fixtures, 'incidents', 'master-sigkill')), {
          seed: a.seed + 2,
          masters: 500,
          seconds,
          observers: 2,
          startAt: Date.UTC(2026, 2, 3, 10),
        });
        return {
          name: 'large',
          title: `1000 nodes ${seconds} s`,
          bytes: g.bytes,
          lines: g.lines,
          expectedFailovers: 1,
          assertFailovers: true,
          note: `500 masters + 500 replicas, 1000 node logs + CLUSTER NODES/INFO every second from 2 nodes (${g.snapshotLines} snapshot lines), 1 failover`,
        };
      }),
    );
  }
  if (a.only.has('interleaved')) {
    // Time and memory at N and 4N: linear cost shows as 4× the time and a flat peak RSS per MB.
    const n = Math.round(128e6 * s);
    for (const [label, target] of [
      ['N', n],
      ['4N', 4 * n],
    ] as const) {
      out.push(
        cached(base, `interleaved-${label}-${tag(target)}`, a.fresh, (dir) => {
          const g = generateEpisodes(dir, incidents, {
            seed: a.seed + 3,
            targetBytes: target,
            notableFraction: 0.1,
            gapMs: 600_000,
            startAt: Date.UTC(2026, 3, 6),
          });
          const w = interleaveIntoJsonl(g.files, path.join(dir, 'loki-export.jsonl'));
          return {
            name: `interleaved-${label}`,
            title: `interleaved ${label} ${(w.bytes / 1e6).toFixed(0)} MB`,
            bytes: w.bytes,
            lines: w.lines,
            expectedFailovers: g.expectedFailovers,
            assertFailovers: false,
            note: `6 nodes in one Loki jsonl export, merged by time, ${g.episodes} episodes`,
          };
        }),
      );
    }
  }
  return out;
}

/** N against 4N of the interleaved input: time and peak memory ratios (linear: ≈ 4 and ≤ 4). */
function interleavedRatios(rows: Row[]): string[] {
  const out: string[] = [];
  for (const tool of ['failscope timeline', 'failscope analyze']) {
    const one = rows.find((r) => r.input.name === 'interleaved-N' && r.tool === tool);
    const four = rows.find((r) => r.input.name === 'interleaved-4N' && r.tool === tool);
    if (!one || !four || one.r.timedOut || four.r.timedOut) continue;
    const size = four.input.bytes / one.input.bytes;
    // CPU time, not wall time: other processes on the machine stretch the wall clock of one run and not the other.
    const cpu = Number.isFinite(one.r.cpuS)
      ? `${(four.r.cpuS / one.r.cpuS).toFixed(2)}× the CPU time (${one.r.cpuS.toFixed(2)} → ${four.r.cpuS.toFixed(2)} s), `
      : '';
    out.push(
      `${tool}: ${size.toFixed(2)}× the bytes took ${cpu}${(four.r.wallS / one.r.wallS).toFixed(2)}× the wall time and ${(four.r.peakRssMB / one.r.peakRssMB).toFixed(2)}× the peak RSS`,
    );
  }
  return out;
}

// ---- measuring -------------------------------------------------------------------------------------

interface Row {
  input: Input;
  tool: string;
  r: RunResult;
  extra?: string;
}

function which(cmd: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function lnavHome(root: string): string | null {
  if (!which('lnav')) return null;
  const home = path.join(os.tmpdir(), 'failscope-bench-lnav-home');
  if (!existsSync(path.join(home, '.lnav', 'formats', 'installed', 'redis_log.json'))) {
    mkdirSync(home, { recursive: true });
    try {
      execFileSync('lnav', ['-i', path.join(root, 'bench', 'lnav', 'redis_log.json')], {
        env: { ...process.env, HOME: home },
        stdio: 'ignore',
      });
    } catch {
      return null;
    }
  }
  return home;
}

function countFailovers(jsonFile: string): number | null {
  try {
    return (JSON.parse(readFileSync(jsonFile, 'utf8')) as { failovers: unknown[] }).failovers.length;
  } catch {
    return null;
  }
}

async function measureInput(input: Input, a: Args, root: string, lnav: string | null, problems: string[]): Promise<Row[]> {
  const rows: Row[] = [];
  const files = input.files;
  const opts = { timeoutS: a.timeoutS, cwd: root };
  const cli = path.join(root, 'bin', 'failscope.js');
  const say = (t: string) => process.stderr.write(`  ${input.name}: ${t}\n`);

  say('wc -l');
  rows.push({ input, tool: 'wc -l', r: await runMeasured('wc', ['-l', ...files], opts) });
  say('grep -c');
  const g = await runMeasured('grep', ['-c', 'Failover election won', ...files], { ...opts, captureStdout: true });
  const grepCount = (g.stdout ?? '').split('\n').reduce((n, l) => n + (Number(l.split(':').pop()) || 0), 0);
  rows.push({ input, tool: 'grep -c', r: g, extra: `${grepCount} "Failover election won" lines` });
  if (lnav) {
    const env = { ...process.env, HOME: lnav };
    say('lnav count');
    rows.push({
      input,
      tool: 'lnav count',
      r: await runMeasured('lnav', ['-n', '-c', ';SELECT count(*) FROM all_logs', ...files], { ...opts, env }),
    });
    say('lnav query');
    rows.push({
      input,
      tool: 'lnav query',
      r: await runMeasured(
        'lnav',
        ['-n', '-c', ";SELECT count(*) FROM redis_log WHERE log_body LIKE '%Failover election won%'", ...files],
        { ...opts, env },
      ),
    });
  }
  for (const cmd of ['timeline', 'analyze']) {
    say(`failscope ${cmd}`);
    const r = await runMeasured(process.execPath, [cli, cmd, input.dir], opts);
    rows.push({ input, tool: `failscope ${cmd}`, r });
    if (r.timedOut) problems.push(`${input.title}: failscope ${cmd} did not finish within ${a.timeoutS} s`);
    else if (r.exitCode !== 0 && r.exitCode !== 1) problems.push(`${input.title}: failscope ${cmd} exited ${r.exitCode}: ${r.stderr}`);
  }
  const analyzeRow = rows[rows.length - 1];
  if (!analyzeRow.r.timedOut && (analyzeRow.r.exitCode === 0 || analyzeRow.r.exitCode === 1)) {
    // The failover count, from the JSON output (a separate run, not timed).
    const json = path.join(os.tmpdir(), `failscope-bench-${input.name}.json`);
    say('failscope analyze --format json (failover count)');
    await runMeasured(process.execPath, [cli, 'analyze', input.dir, '--format', 'json'], { ...opts, stdoutFile: json });
    const found = countFailovers(json);
    rmSync(json, { force: true });
    const ok = found === input.expectedFailovers;
    analyzeRow.extra = `${found ?? '?'} failovers found, ${input.expectedFailovers} by construction${ok ? '' : input.assertFailovers ? ' — MISMATCH' : ' (not asserted)'}`;
    if (!ok && input.assertFailovers)
      problems.push(`${input.title}: analyze found ${found} failovers, ${input.expectedFailovers} were generated`);
  }
  if (input.name === 'large') {
    const html = path.join(os.tmpdir(), 'failscope-bench-large.html');
    say('failscope report (HTML)');
    const r = await runMeasured(process.execPath, [cli, 'report', input.dir, '-o', html], opts);
    const size = existsSync(html) ? statSync(html).size : NaN;
    rmSync(html, { force: true });
    rows.push({
      input,
      tool: 'failscope report',
      r,
      extra: Number.isNaN(size) ? 'no HTML written' : `HTML ${(size / 1e6).toFixed(2)} MB (target < 5 MB)`,
    });
    if (!Number.isNaN(size) && size >= 5e6) problems.push(`${input.title}: HTML report is ${(size / 1e6).toFixed(2)} MB (target < 5 MB)`);
  }
  if (a.profile) {
    const dir = path.join(os.tmpdir(), `failscope-bench-prof-${input.name}`);
    rmSync(dir, { recursive: true, force: true });
    say('failscope analyze --cpu-prof');
    await runMeasured(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, cli, 'analyze', input.dir], opts);
    const prof = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.cpuprofile')) : undefined;
    if (prof) {
      const file = path.join(dir, prof);
      console.log(`\nProfile of failscope analyze on ${input.title} (${file}):`);
      console.log('  by total (inclusive) time:');
      for (const p of summariseProfile(file, 60, 'total')
        .filter((x) => !/^\(|node:|loader|translators|module_job|run /.test(x.name))
        .slice(0, 18))
        console.log(`    ${p.totalPct.toFixed(1).padStart(5)}%  ${p.name}`);
      console.log('  by self time:');
      for (const p of summariseProfile(file, 12, 'self')) console.log(`    ${p.selfPct.toFixed(1).padStart(5)}%  ${p.name}`);
    }
  }
  return rows;
}

// ---- the table ---------------------------------------------------------------------------------------

function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return '–';
  return n >= 1e6 && digits === 0
    ? `${(n / 1e6).toFixed(2)} M`
    : n >= 1e4 && digits === 0
      ? `${(n / 1e3).toFixed(0)} k`
      : n.toFixed(digits);
}

function table(rows: Row[]): string {
  const head = ['input', 'command', 'wall s', 'CPU s', 'MB/s', 'lines/s', 'peak RSS MB', '÷ grep -c', '÷ lnav query', 'note'];
  const out = [head, head.map(() => '---')];
  for (const row of rows) {
    const { input, r } = row;
    const done = !r.timedOut;
    const mbs = done ? input.bytes / 1e6 / r.wallS : NaN;
    const grep = rows.find((x) => x.input === input && x.tool === 'grep -c');
    const lnav = rows.find((x) => x.input === input && x.tool === 'lnav query');
    // Speed against grep / lnav on the same input: the ratio of their CPU times (wall times without GNU time).
    const secs = (x: RunResult) => (Number.isFinite(x.cpuS) && Number.isFinite(r.cpuS) ? Math.max(x.cpuS, 0.01) : x.wallS);
    const ratio = (o: Row | undefined) => (o && done && !o.r.timedOut && row !== o ? `${(secs(o.r) / secs(r)).toFixed(2)}×` : '');
    out.push([
      `${input.title}`,
      row.tool,
      done ? r.wallS.toFixed(2) : `> ${r.wallS.toFixed(0)} (timeout)`,
      done && Number.isFinite(r.cpuS) ? r.cpuS.toFixed(2) : '–',
      done ? fmt(mbs, 1) : '–',
      done ? fmt(input.lines / r.wallS) : '–',
      done ? fmt(r.peakRssMB, 0) : `≥ ${fmt(r.peakRssMB, 0)}`,
      ratio(grep),
      ratio(lnav),
      row.extra ?? (r.exitCode !== 0 && r.exitCode !== 1 && done ? `exit ${r.exitCode}` : ''),
    ]);
  }
  return out.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function machine(): string {
  let cpu = 'unknown CPU';
  try {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    /* not Linux */
  }
  let lnav = 'not installed';
  try {
    lnav = execFileSync('lnav', ['-V'], { encoding: 'utf8' }).trim();
  } catch {
    /* none */
  }
  const mem = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${os.availableParallelism?.() ?? os.cpus().length} cores (nproc), ${cpu}, ${mem} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}; lnav: ${lnav}; peak RSS from ${haveGnuTime ? 'GNU time' : '/proc VmHWM polling'}`;
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const root = repoRoot();
  const inputs = makeInputs(a, root);
  const lnav = lnavHome(root);
  const rows: Row[] = [];
  const problems: string[] = [];
  // The load the other processes put on the machine, before and after: wall times mean little without it.
  const load = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  const loadBefore = load();
  for (const input of inputs) rows.push(...(await measureInput(input, a, root, lnav, problems)));
  console.log(`\nfailscope benchmark — ${new Date().toISOString()}`);
  console.log(`machine: ${machine()}`);
  console.log(`load average (1, 5, 15 min): ${loadBefore} before, ${load()} after`);
  console.log(`inputs (seed ${a.seed}, in ${a.dir}; MB = 10^6 bytes):`);
  for (const i of inputs)
    console.log(`  ${i.title}: ${(i.bytes / 1e6).toFixed(1)} MB, ${i.lines} lines, ${i.files.length} files — ${i.note}`);
  console.log('');
  console.log(table(rows));
  const ratios = interleavedRatios(rows);
  if (ratios.length) console.log(`\ninterleaved N → 4N:\n${ratios.map((r) => `  ${r}`).join('\n')}`);
  if (problems.length) {
    console.log('\nproblems:');
    for (const p of problems) console.log(`  - ${p}`);
  }
  if (a.clean) rmSync(a.dir, { recursive: true, force: true });
  else console.log(`\n(inputs kept in ${a.dir} for the next run; --clean removes them)`);
  if (problems.some((p) => p.includes('failovers'))) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`bench: ${(err as Error).stack ?? err}`);
  process.exitCode = 2;
});
