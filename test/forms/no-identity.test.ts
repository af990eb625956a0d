// Every form users hold, as an on-call engineer often has it: logs only (no snapshots), rotated past
// their `I'm <id>` lines. The answer must still be the one failover truth.json records, named by the
// ids the evidence gives or as the writer of a log, each node once, and no error the evidence does not
// support. Expected values come from truth.json, never from the code under test.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { isWriterId } from '../../src/model/ids.ts';
import { analyzeTimeline, loadTimeline } from '../../src/pipeline.ts';
import { FORMS, type Incident, loadIncidentLogs } from './generate.ts';
import { FAST_LANE } from '../helpers/lane.ts';

interface Truth {
  nodes: Array<{ port: number; id: string; role: string; masterId: string | null }>;
  actions: Array<{ action: string; target: { port: number; id: string } }>;
}
const root = join(import.meta.dirname, '../../fixtures/incidents');
const work = mkdtempSync(join(tmpdir(), 'failscope-no-identity-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const IDENTITY = /I'm [0-9a-f]{40}/;

/** The incident's node logs without their identity lines, and nothing else. */
function withoutIdentity(name: string): Incident {
  const inc = loadIncidentLogs(join(root, name), name);
  const logs = new Map([...inc.logs].map(([port, lines]) => [port, lines.filter((l) => !IDENTITY.test(l.raw))]));
  return { ...inc, logs, others: new Map() };
}

let serial = 0;
async function analyse(files: Map<string, string>, end: number) {
  const dir = join(work, String(serial++));
  for (const [name, text] of files) {
    const p = join(dir, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, name.endsWith('.gz') ? gzipSync(text) : text);
    utimesSync(p, new Date(end + 1000), new Date(end + 1000));
  }
  return analyzeTimeline(await loadTimeline([dir], { zone: 'UTC' }));
}

// One master killed or frozen, its replica promoted: one failover (truth.json's scenario).
const INCIDENTS = ['master-sigkill', 'master-sigstop'];
// One file of several nodes' lines with nothing but the pid to tell the writers (logcli --output=raw,
// Grafana's text export of every pod): each server process is a writer of its own, and the killed
// master's new process (its start-up after the old one's last line) is the same node.
const chosen = FAST_LANE
  ? FORMS.filter((f) => ['compose', 'loki-jsonl', 'cri', 'syslog-rfc5424', 'loki-raw-all-pods'].includes(f.name))
  : FORMS;

describe.each(INCIDENTS)('%s, logs only, no identity line', (name) => {
  const truth = JSON.parse(readFileSync(join(root, name, 'truth.json'), 'utf8')) as Truth;
  const failed = truth.actions[0]!.target;
  const promoted = truth.nodes.find((n) => n.masterId === failed.id)!;
  const inc = withoutIdentity(name);

  const check = async (form: (typeof FORMS)[number]) => {
    const a = await analyse(form.build(inc), inc.end);
    expect(a.failovers).toHaveLength(1);
    const f = a.failovers[0]!;
    // named by its id where the evidence gives one, else as the writer of its log: never another node
    expect(f.oldMaster === failed.id || isWriterId(f.oldMaster ?? '')).toBe(true);
    expect(f.newMaster === promoted.id || isWriterId(f.newMaster ?? '')).toBe(true);
    // each node's log read as one node's: no process split off as another writer (a restart included)
    expect(a.nodes.filter((n) => n.sources.length > 0).length).toBeLessThanOrEqual(truth.nodes.length);
    // a node that failed over and was killed or frozen is no error: nothing the evidence supports
    expect(a.findings.filter((x) => x.severity === 'error').map((x) => `${x.rule}: ${x.message}`)).toEqual([]);
  };
  test.each(chosen.map((f) => [f.name, f] as const))('%s', async (_, form) => check(form));
});

// Every other recorded incident, in every form: as many failovers as scripts/derive-ablation.ts says
// these lines tell (its all-logs-no-identity subset, derived from truth.json and the raw lines), and
// no node's log split into two writers.
const OTHERS = readdirSync(root)
  .filter((n) => !INCIDENTS.includes(n) && existsSync(join(root, n, 'ablation.expected.json')))
  .sort();
interface Derived {
  subsets: Array<{ name: string; failovers: Array<{ tell: string }> }>;
}
describe.each(OTHERS)('%s, logs only, no identity line: the failovers the lines tell', (name) => {
  const truth = JSON.parse(readFileSync(join(root, name, 'truth.json'), 'utf8')) as Truth;
  const derived = JSON.parse(readFileSync(join(root, name, 'ablation.expected.json'), 'utf8')) as Derived;
  const told = derived.subsets.find((s) => s.name === 'all-logs-no-identity')!.failovers.filter((f) => f.tell === 'yes').length;
  const inc = withoutIdentity(name);
  test.each(chosen.map((f) => [f.name, f] as const))('%s', async (_, form) => {
    const a = await analyse(form.build(inc), inc.end);
    expect(a.failovers).toHaveLength(told);
    expect(a.nodes.filter((n) => n.sources.length > 0).length).toBeLessThanOrEqual(truth.nodes.length);
  });
});
