/* eslint-disable no-control-regex -- these tests match the ANSI colour escapes the CLI writes */
// issue #17: colour on a terminal only, honouring NO_COLOR and FORCE_COLOR; the words painted are the
// verdict, severities and statuses at their fixed places, never text inside messages.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colorWanted, paintText } from '../../src/report/terminal-color.ts';

const bin = join(import.meta.dirname, '../../bin/failscope.js');
const failing = 'fixtures/incidents/seed1-no-replica-segfault/';
const passing = 'fixtures/incidents/master-sigkill/';
const ESC = '\u001b[';
const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

function run(args: string[], env: Record<string, string | undefined>) {
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  return spawnSync('node', [bin, ...args], { encoding: 'utf8', env: { ...base, ...env } });
}

/** Run on a pseudo-terminal (util-linux `script`), so stdout.isTTY is true. */
function runOnTty(args: string[], env: Record<string, string | undefined>) {
  const cmd = ['node', bin, ...args].map((a) => `'${a}'`).join(' ');
  return spawnSync('script', ['-qec', cmd, '/dev/null'], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm', ...env },
  });
}

describe('terminal colour', () => {
  it('a pipe gets plain text; FORCE_COLOR paints the verdict and severities; JSON never', () => {
    const plain = run(['analyze', failing], {});
    expect(plain.status).toBe(1);
    expect(plain.stdout).not.toContain(ESC);
    const forced = run(['analyze', failing], { FORCE_COLOR: '1' });
    expect(forced.status).toBe(1);
    expect(forced.stdout.split('\n')[0]).toMatch(/^Verdict: \u001b\[1m\u001b\[31mFAIL\u001b\[0m \(\d+ errors?/);
    expect(forced.stdout).toMatch(/^ {2}\u001b\[1m\u001b\[31mERROR\u001b\[0m {3}failover\.blocked/m);
    expect(strip(forced.stdout)).toBe(plain.stdout);
    expect(run(['analyze', passing], { FORCE_COLOR: '1' }).stdout).toMatch(/^Verdict: \u001b\[1m\u001b\[32mPASS\u001b\[0m/);
    expect(run(['analyze', failing, '--format', 'json'], { FORCE_COLOR: '1' }).stdout).not.toContain(ESC);
    expect(run(['analyze', failing], { FORCE_COLOR: '0' }).stdout).not.toContain(ESC);
  });

  it('a terminal gets colour unless NO_COLOR is set', () => {
    const tty = runOnTty(['analyze', failing], {});
    expect(tty.stdout).toContain(`Verdict: ${ESC}1m${ESC}31mFAIL`);
    const no = runOnTty(['analyze', failing], { NO_COLOR: '1' });
    expect(no.stdout).toContain('Verdict: FAIL');
    expect(no.stdout).not.toContain(ESC);
    expect(runOnTty(['analyze', failing], { TERM: 'dumb' }).stdout).not.toContain(ESC);
  });

  it('the CI gate and the topology check are painted at their status column', () => {
    const expectFile = join(mkdtempSync(join(tmpdir(), 'failscope-color-')), 'expect.json');
    writeFileSync(expectFile, JSON.stringify({ failovers: { count: { min: 1 } } }));
    const gate = run(['check', passing, '--expect', expectFile], { FORCE_COLOR: '1' });
    expect(gate.stdout).toMatch(/^\u001b\[1m\u001b\[32mPASS\u001b\[0m /m);
    const topo = run(['topology', failing], { FORCE_COLOR: '1' });
    expect(topo.stdout).toMatch(/ {2}result: \u001b\[1m\u001b\[(31mFAIL|32mOK)\u001b\[0m/);
  });

  it('words inside wrapped prose are left alone, and painting only adds escapes', () => {
    const story = 'Master 1 stopped. The cluster marked it\nFAIL at 13:24:53.156.\nERROR in the text';
    expect(paintText(story, 'analysis')).toBe(story);
    expect(paintText('  ERROR   failover.slow  13:00:00.000', 'analysis')).toBe(
      `  ${ESC}1m${ESC}31mERROR${ESC}0m   failover.slow  13:00:00.000`,
    );
    for (const dir of readdirSync('fixtures/incidents')) {
      const out = run(['analyze', join('fixtures/incidents', dir)], {}).stdout;
      expect(strip(paintText(out, 'analysis'))).toBe(out);
    }
  });

  it('FORCE_COLOR wins over NO_COLOR (as in Node); an empty NO_COLOR does not count', () => {
    expect(colorWanted({}, true)).toBe(true);
    expect(colorWanted({}, false)).toBe(false);
    expect(colorWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted({ NO_COLOR: '' }, true)).toBe(true);
    expect(colorWanted({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true);
    expect(colorWanted({ FORCE_COLOR: 'false' }, true)).toBe(false);
    expect(colorWanted({ TERM: 'dumb' }, true)).toBe(false);
  });
});
