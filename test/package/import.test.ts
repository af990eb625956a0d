// The published package, as a user gets it: `npm pack`, install the tarball into an empty project,
// import it by name. main/types/exports must name files the tarball really holds.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const incident = join(root, 'fixtures/incidents/master-sigkill');
let dir = '';
let app = '';

const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_loglevel: 'error' },
  });

describe('packed install', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'failscope-pack-'));
    // What `npm pack` packs after its prepare script (tsc), staged apart so that the build does not
    // rewrite this checkout's dist/ under tests that run the built CLI at the same time.
    const stage = join(dir, 'stage');
    mkdirSync(stage);
    for (const f of ['package.json', 'README.md', 'bin', 'schema']) cpSync(join(root, f), join(stage, f), { recursive: true });
    run(join(root, 'node_modules/.bin/tsc'), ['-p', join(root, 'tsconfig.json'), '--outDir', join(stage, 'dist')], root);
    const out = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], stage);
    const tarball = join(dir, (JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string }>)[0].filename);
    app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    // Dependencies come from the npm cache that `npm ci` filled; the registry only if it lacks one.
    run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--omit=dev'], app);
  }, 300_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('node -e "import(\'failscope\')" works and exposes the library API', () => {
    const out = run('node', ['-e', "import('failscope').then((m) => console.log(Object.keys(m).sort().join(' ')))"], app);
    const names = out.trim().split(' ');
    for (const name of ['analyzeTimeline', 'loadTimeline', 'renderAnalysisJson', 'renderHtmlReport', 'runCheck', 'RULE_IDS'])
      expect(names).toContain(name);
  });

  it('the installed library analyses an incident the way the CLI does', () => {
    const script = `import('failscope').then(async (f) => {
      const a = f.analyzeTimeline(await f.loadTimeline([${JSON.stringify(incident)}]), { nodeTimeoutMs: 2000 });
      console.log(JSON.stringify({ verdict: a.verdict, failovers: a.failovers.map((x) => [x.kind, x.slots]) }));
    })`;
    const got = JSON.parse(run('node', ['-e', script], app));
    // fixtures/incidents/master-sigkill: the master of 5461-10922 was killed and its replica promoted.
    expect(got).toEqual({ verdict: 'pass', failovers: [['automatic', '5461-10922']] });
  });

  it('types, the schema and the bin are in the tarball where package.json says', () => {
    const pkg = join(app, 'node_modules/failscope');
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as {
      types: string;
      main: string;
      bin: Record<string, string>;
    };
    expect(existsSync(join(pkg, manifest.types))).toBe(true);
    expect(existsSync(join(pkg, manifest.main))).toBe(true);
    expect(readFileSync(join(pkg, manifest.types), 'utf8')).toContain('analyzeTimeline');
    const schema = run(
      'node',
      ['-e', "import('failscope/schema/analysis.schema.json', { with: { type: 'json' } }).then((m) => console.log(m.default.$schema))"],
      app,
    );
    expect(schema.trim()).toMatch(/^http:\/\/json-schema\.org\//);
    expect(run('node', [join(pkg, manifest.bin.failscope), '--version'], app).trim()).toBe('0.1.0');
  });
});
