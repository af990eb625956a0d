// `npm run bench` — generates its inputs deterministically (seeded) into a temp dir, each at N and 4N,
// then measures `failscope timeline`, `analyze` (text, json, markdown) and `report` on each, next to
// `wc -l`, `grep -c` and lnav (when installed) on the same files, and prints one table, the N → 4N
// growth and issue 15's targets. It never fails a test; a wrong failover count is reported loudly and
// makes the exit code 1.
//
//   npm run bench                      full size: 1 GiB mixed log, 200 MB flapping, 1000 nodes × 10 min
//   npm run bench -- --quick           small inputs for a quick look (also FAILSCOPE_BENCH_SCALE=quick)
//   npm run bench -- --scale 0.25      every input at a quarter of its size
//   options: --only mixed,flapping,large,interleaved  --size N,4N  --seed N  --timeout S  --fresh  --clean  --profile  --generate-only  --dir D
//   interleaved: one Loki jsonl export holding 6 nodes (128 MB at N, 512 MB at 4N full size)
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
  sizes: Set<string>;
  timeoutS: number;
  fresh: boolean;
  clean: boolean;
  profile: boolean;
  /** Make (or find) the inputs, print them, measure nothing. */
  generateOnly: boolean;
  dir: string;
}

function parseArgs(argv: string[]): Args {
  const env = process.env.FAILSCOPE_BENCH_SCALE;
  const a: Args = {
    scale: env && env !== 'quick' ? Number(env) : 1,
    quick: env === 'quick',
    seed: 20261125,
    only: new Set(['mixed', 'flapping', 'large', 'interleaved']),
    sizes: new Set(['N', '4N']),
    timeoutS: 0,
    fresh: false,
    clean: false,
    profile: false,
    generateOnly: false,
    dir: path.join(os.tmpdir(), 'failscope-bench'),
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => argv[++i];
    if (k === '--quick') a.quick = true;
    else if (k === '--scale') a.scale = Number(v());
    else if (k === '--seed') a.seed = Number(v());
    else if (k === '--only') a.only = new Set(v().split(','));
    else if (k === '--size') a.sizes = new Set(v().split(','));
    else if (k === '--timeout') a.timeoutS = Number(v());
    else if (k === '--fresh') a.fresh = true;
    else if (k === '--clean') a.clean = true;
    else if (k === '--profile') a.profile = true;
    else if (k === '--generate-only') a.generateOnly = true;
    else if (k === '--dir') a.dir = path.resolve(v());
    else if (k === '--help' || k === '-h') {
      console.log(
        readFileSync(new URL(import.meta.url), 'utf8')
          .split('\n')
          .filter((l) => l.startsWith('//'))
          .slice(0, 10)
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

/** Every input comes at N and 4N: linear cost shows as 4× the CPU time at 4N, bounded memory as a flat peak RSS. */
const SIZES = [
  ['N', 0.25],
  ['4N', 1],
] as const;

function makeInputs(a: Args, root: string): Input[] {
  const fixtures = path.join(root, 'fixtures');
  const s = a.quick ? a.scale / 16 : a.scale;
  const tag = (x: number) => `${x}`.replace('.', '_');
  const base = path.join(a.dir, `v${GENERATOR_VERSION}-seed${a.seed}`);
  const out: Input[] = [];
  const incidents = loadIncidents(fixtures);
  // A long-lived cluster: every recorded incident, 10% notable lines, ten minutes of routine between them.
  const longLived = (dir: string, seed: number, targetBytes: number, startAt: number) =>
    generateEpisodes(dir, incidents, { seed, targetBytes, notableFraction: 0.1, gapMs: 600_000, startAt });
  const titled = (m: Omit<Input, 'dir' | 'files'>, label: string): Omit<Input, 'dir' | 'files'> => ({
    ...m,
    name: `${m.name}-${label}`,
    title: m.title.replace(/^(\S+)/, `$1 ${label}`),
  });
  for (const [label, f] of SIZES) {
    if (!a.sizes.has(label)) continue;
    if (a.only.has('mixed')) {
      const target = Math.round(1024 * 1024 * 1024 * s * f);
      out.push(
        cached(base, `mixed-${tag(target)}`, a.fresh, (dir) => {
          const g = longLived(dir, a.seed, target, Date.UTC(2026, 0, 5));
          return episodesInput(
            'mixed',
            g,
            false,
            `6 node logs, ${g.episodes} recorded incidents replayed with routine lines between them, ${((100 * g.notableLines) / g.lines).toFixed(1)}% notable lines`,
          );
        }),
      );
      out[out.length - 1] = { ...out[out.length - 1], ...titled(out[out.length - 1], label) };
    }
    if (a.only.has('flapping')) {
      const target = Math.round(200e6 * (a.quick ? a.scale / 40 : a.scale) * f);
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
      out[out.length - 1] = { ...out[out.length - 1], ...titled(out[out.length - 1], label) };
    }
    if (a.only.has('large')) {
      const seconds = Math.max(10, Math.round(600 * (a.quick ? a.scale / 10 : a.scale) * f));
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
      const l = out[out.length - 1];
      out[out.length - 1] = { ...l, name: `large-${label}`, title: l.title.replace(/^1000 nodes/, `1000 nodes ${label}`) };
    }
    if (a.only.has('interleaved')) {
      const target = Math.round(512e6 * s * f);
      // The old cache keys (interleaved-N-… / interleaved-4N-…) name the size already.
      out.push(
        cached(base, `interleaved-${label}-${tag(target)}`, a.fresh, (dir) => {
          const g = longLived(dir, a.seed + 3, target, Date.UTC(2026, 3, 6));
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

/** The failscope commands measured on every input (every output format the CLI writes). */
const FAILSCOPE_RUNS: { tool: string; args: (dir: string, out: string) => string[] }[] = [
  { tool: 'failscope timeline', args: (d) => ['timeline', d] },
  { tool: 'failscope analyze', args: (d) => ['analyze', d] },
  { tool: 'failscope analyze json', args: (d) => ['analyze', d, '--format', 'json'] },
  { tool: 'failscope analyze markdown', args: (d) => ['analyze', d, '--format', 'markdown'] },
  { tool: 'failscope report', args: (d, o) => ['report', d, '-o', o] },
];

/** The family of an input (mixed, flapping, large, interleaved) and its size label (N, 4N). */
const familyOf = (i: Input) => {
  const m = /^(.*)-(N|4N)$/.exec(i.name);
  return m ? { family: m[1], label: m[2] } : { family: i.name, label: '' };
};

/** N against 4N of every input: CPU time and peak memory ratios (linear: ≈ 4; bounded memory: ≈ 1). */
function growthRatios(rows: Row[]): string[] {
  const out: string[] = [];
  const families = [...new Set(rows.map((r) => familyOf(r.input).family))];
  for (const fam of families)
    for (const { tool } of FAILSCOPE_RUNS) {
      const one = rows.find((r) => r.input.name === `${fam}-N` && r.tool === tool);
      const four = rows.find((r) => r.input.name === `${fam}-4N` && r.tool === tool);
      if (!one || !four || one.r.timedOut || four.r.timedOut) continue;
      const size = four.input.bytes / one.input.bytes;
      // CPU time, not wall time: other processes on the machine stretch the wall clock of one run and not the other.
      const cpu = Number.isFinite(one.r.cpuS)
        ? `${(four.r.cpuS / one.r.cpuS).toFixed(2)}× the CPU time (${one.r.cpuS.toFixed(2)} → ${four.r.cpuS.toFixed(2)} s), `
        : '';
      out.push(
        `${fam} ${tool}: ${size.toFixed(2)}× the bytes took ${cpu}${(four.r.wallS / one.r.wallS).toFixed(2)}× the wall time and ${(four.r.peakRssMB / one.r.peakRssMB).toFixed(2)}× the peak RSS (${fmt(one.r.peakRssMB)} → ${fmt(four.r.peakRssMB)} MB)`,
      );
    }
  return out;
}

/** Issue 15's targets, each with what this run measured. */
interface Target {
  target: string;
  measured: string;
  met: boolean | null;
}

function targets(rows: Row[]): Target[] {
  const out: Target[] = [];
  const find = (input: string, tool: string) => rows.find((r) => r.input.name === input && r.tool === tool && !r.r.timedOut);
  const cpuRatio = (input: string, tool: string, ref: string) => {
    const a = find(input, tool);
    const b = find(input, ref);
    return a && b && Number.isFinite(a.r.cpuS) && Number.isFinite(b.r.cpuS) ? a.r.cpuS / Math.max(b.r.cpuS, 0.01) : NaN;
  };
  const ratioTarget = (input: string, limit: number, label: string) => {
    if (!rows.some((r) => r.input.name === input)) return;
    const x = cpuRatio(input, 'failscope analyze', 'lnav count');
    out.push({
      target: `${label}: analyze CPU ≤ ${limit.toFixed(1)}× lnav count CPU`,
      measured: Number.isFinite(x) ? `${x.toFixed(2)}×` : 'not measured',
      met: Number.isFinite(x) ? x <= limit : null,
    });
  };
  ratioTarget('mixed-4N', 0.5, 'long-lived log (mixed 4N)');
  ratioTarget('flapping-4N', 1.0, 'dense flapping log (flapping 4N)');
  const flap = find('flapping-4N', 'failscope analyze');
  if (flap)
    out.push({
      target: 'dense flapping log: every failover found',
      measured: flap.extra ?? '',
      met: !/MISMATCH|\?/.test(flap.extra ?? ''),
    });
  const fs = rows.filter((r) => r.tool.startsWith('failscope '));
  if (fs.length) {
    const worst = fs.reduce((m, r) => (r.r.peakRssMB > m.r.peakRssMB ? r : m));
    out.push({
      target: 'peak RSS ≤ 300 MB, every input, command and format',
      measured: `max ${fmt(worst.r.peakRssMB)} MB (${worst.input.title}, ${worst.tool}); ${fs.filter((r) => r.r.peakRssMB > 300).length} of ${fs.length} runs above`,
      met: fs.every((r) => !r.r.timedOut && r.r.peakRssMB <= 300),
    });
  }
  // Linear: 4× the bytes within 10% of 4× the CPU time (the run-to-run spread under load is about that).
  const pairs: string[] = [];
  let linear = true;
  for (const fam of [...new Set(rows.map((r) => familyOf(r.input).family))])
    for (const { tool } of FAILSCOPE_RUNS) {
      const one = find(`${fam}-N`, tool);
      const four = find(`${fam}-4N`, tool);
      if (!one || !four || !Number.isFinite(one.r.cpuS)) continue;
      const k = four.r.cpuS / one.r.cpuS / (four.input.bytes / one.input.bytes);
      if (k > 1.1) {
        linear = false;
        pairs.push(`${fam} ${tool.replace('failscope ', '')} ${(k * 4).toFixed(2)}×`);
      }
    }
  if (rows.some((r) => familyOf(r.input).label === 'N'))
    out.push({
      target: 'linear growth: CPU at 4N ≤ 4.4× CPU at N, every input and command',
      measured: linear ? 'all within' : `above: ${pairs.join(', ')}`,
      met: linear,
    });
  const big = find('large-4N', 'failscope analyze');
  if (big && /600 s/.test(big.input.title))
    out.push({
      target: '1000 nodes × 10 minutes of snapshots: analyze < 5 s',
      measured: `${big.r.wallS.toFixed(2)} s wall`,
      met: big.r.wallS < 5,
    });
  const m = find('mixed-4N', 'failscope analyze');
  if (m)
    out.push({
      target: 'stretch: 1 GB/s on the long-lived log (both cores)',
      measured: `${(m.input.bytes / 1e6 / m.r.wallS).toFixed(0)} MB/s`,
      met: m.input.bytes / 1e6 / m.r.wallS >= 1000,
    });
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
  const json = path.join(os.tmpdir(), `failscope-bench-${process.pid}-${input.name}.json`);
  const html = path.join(os.tmpdir(), `failscope-bench-${process.pid}-${input.name}.html`);
  for (const run of FAILSCOPE_RUNS) {
    say(run.tool);
    const isJson = run.tool === 'failscope analyze json';
    const r = await runMeasured(process.execPath, [cli, ...run.args(input.dir, html)], {
      ...opts,
      ...(isJson ? { stdoutFile: json } : {}),
    });
    const row: Row = { input, tool: run.tool, r };
    rows.push(row);
    if (r.timedOut) problems.push(`${input.title}: ${run.tool} did not finish within ${a.timeoutS} s`);
    else if (r.exitCode !== 0 && r.exitCode !== 1) problems.push(`${input.title}: ${run.tool} exited ${r.exitCode}: ${r.stderr}`);
    if (isJson && !r.timedOut && (r.exitCode === 0 || r.exitCode === 1)) {
      // The failover count, from the JSON output of the measured run.
      const found = countFailovers(json);
      const ok = found === input.expectedFailovers;
      row.extra = `${found ?? '?'} failovers found, ${input.expectedFailovers} by construction${ok ? '' : input.assertFailovers ? ' — MISMATCH' : ' (not asserted)'}`;
      const text = rows.find((x) => x.input === input && x.tool === 'failscope analyze');
      if (text) text.extra = row.extra;
      if (!ok && input.assertFailovers)
        problems.push(`${input.title}: analyze found ${found} failovers, ${input.expectedFailovers} were generated`);
    }
    if (run.tool === 'failscope report') {
      const size = existsSync(html) ? statSync(html).size : NaN;
      row.extra = Number.isNaN(size) ? 'no HTML written' : `HTML ${(size / 1e6).toFixed(2)} MB (target < 5 MB)`;
      if (!Number.isNaN(size) && size >= 5e6) problems.push(`${input.title}: HTML report is ${(size / 1e6).toFixed(2)} MB (target < 5 MB)`);
    }
  }
  rmSync(json, { force: true });
  rmSync(html, { force: true });
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
  // Cost against lnav's bare line count and grep -c on the same files: the ratio of CPU times (the
  // issue's targets are stated this way: analyze ≤ 0.5× lnav count). Lower is cheaper.
  const head = ['input', 'command', 'wall s', 'CPU s', 'MB/s', 'lines/s', 'peak RSS MB', '× lnav count', '× grep -c', 'note'];
  const out = [head, head.map(() => '---')];
  for (const row of rows) {
    const { input, r } = row;
    const done = !r.timedOut;
    const mbs = done ? input.bytes / 1e6 / r.wallS : NaN;
    const grep = rows.find((x) => x.input === input && x.tool === 'grep -c');
    const lnav = rows.find((x) => x.input === input && x.tool === 'lnav count');
    // Speed against grep / lnav on the same input: the ratio of their CPU times (wall times without GNU time).
    const secs = (x: RunResult) => (Number.isFinite(x.cpuS) && Number.isFinite(r.cpuS) ? Math.max(x.cpuS, 0.01) : x.wallS);
    const ratio = (o: Row | undefined) => (o && done && !o.r.timedOut && row !== o ? `${(secs(r) / secs(o.r)).toFixed(2)}×` : '');
    out.push([
      `${input.title}`,
      row.tool,
      done ? r.wallS.toFixed(2) : `> ${r.wallS.toFixed(0)} (timeout)`,
      done && Number.isFinite(r.cpuS) ? r.cpuS.toFixed(2) : '–',
      done ? fmt(mbs, 1) : '–',
      done ? fmt(input.lines / r.wallS) : '–',
      done ? fmt(r.peakRssMB, 0) : `≥ ${fmt(r.peakRssMB, 0)}`,
      ratio(lnav),
      ratio(grep),
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
  if (a.generateOnly) {
    for (const i of inputs)
      console.log(`${i.title}: ${(i.bytes / 1e6).toFixed(1)} MB, ${i.lines} lines, ${i.files.length} files in ${i.dir}`);
    return;
  }
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
  const ratios = growthRatios(rows);
  if (ratios.length) console.log(`\nN → 4N:\n${ratios.map((r) => `  ${r}`).join('\n')}`);
  const t = targets(rows);
  if (t.length) {
    console.log('\n| target (issue 15) | measured | met |\n| --- | --- | --- |');
    for (const x of t) console.log(`| ${x.target} | ${x.measured} | ${x.met === null ? '–' : x.met ? 'yes' : '**no**'} |`);
  }
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
