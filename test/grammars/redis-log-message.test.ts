import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import fc from 'fast-check';
import { CATALOG, SAMPLES, compileTemplate, messageLexer } from '../../grammars/redis-log-message/index.ts';
import { catalogIndexStats, classifyMessage, matchCatalogEntry, messageEntryId, type MessageClass } from '../../src/parse/message.ts';
import { EVENT_KINDS } from '../../src/model/events.ts';

const GOLDEN = 'fixtures/grammars/redis-log-message/expected.json';
const KINDS: ReadonlySet<string> = new Set(EVENT_KINDS);

function isValidResult(r: MessageClass | null): boolean {
  return r === null || r.kind === 'ignored' || (KINDS.has(r.kind) && 'fields' in r && typeof r.fields === 'object');
}

describe('catalog samples', () => {
  test('every entry has exactly one sample and every sample names an entry', () => {
    const ids = CATALOG.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(SAMPLES).sort()).toEqual([...ids].sort());
  });

  test('every sample classifies to its kind with the expected fields (golden)', async () => {
    const rows = CATALOG.map((e) => {
      const text = SAMPLES[e.id];
      const r = classifyMessage(text);
      return r === null || r.kind === 'ignored'
        ? { id: e.id, text, kind: r === null ? null : 'ignored' }
        : { id: e.id, text, kind: r.kind, fields: r.fields };
    });
    // The golden also pins that typed entries give their own kind and ignored entries 'ignored'.
    for (const [i, e] of CATALOG.entries()) expect(rows[i].kind, e.id).toBe(e.ignore ? 'ignored' : e.kind);
    const json = '[\n' + rows.map((r) => JSON.stringify(r)).join(',\n') + '\n]\n';
    await expect(json).toMatchFileSnapshot(`../../${GOLDEN}`);
  });

  test('each sample is decided by its own entry and matches no other entry', () => {
    const clashes: string[] = [];
    for (const e of CATALOG) {
      const text = SAMPLES[e.id];
      expect(messageEntryId(text), text).toBe(e.id);
      for (const o of CATALOG) if (o.id !== e.id && matchCatalogEntry(o.id, text) !== null) clashes.push(`${e.id} also matches ${o.id}`);
    }
    expect(clashes).toEqual([]);
  });

  test('routine (ignored) lines are decided without running the lexer', () => {
    const constantTyped = CATALOG.filter((e) => !e.ignore && compileTemplate(e.template).literalOnly);
    expect(constantTyped.length).toBeGreaterThan(50);
    const spy = vi.spyOn(messageLexer, 'tokenize');
    try {
      for (const e of CATALOG) if (e.ignore) expect(classifyMessage(SAMPLES[e.id])).toEqual({ kind: 'ignored' });
      for (const e of constantTyped) expect(classifyMessage(SAMPLES[e.id])).toEqual({ kind: e.kind, fields: {} });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  test('the prefix table leaves only a few entries to scan for every line', () => {
    const s = catalogIndexStats();
    expect(s.entries).toBe(CATALOG.length);
    expect(s.glued).toBeLessThanOrEqual(10);
  });
});

describe('classifyMessage', () => {
  test('seed lines (Redis 6.2.3)', () => {
    expect(
      classifyMessage('FAIL message received from 3c349984f0bb61490c170ab68f2617a35d9581d6 about 79816979a6dd4b226e476121dd385ed6c25e5151'),
    ).toEqual({
      kind: 'cluster.fail-received',
      fields: { sender: '3c349984f0bb61490c170ab68f2617a35d9581d6', subject: '79816979a6dd4b226e476121dd385ed6c25e5151' },
    });
    expect(classifyMessage('Cluster state changed: fail')).toEqual({ kind: 'cluster.state', fields: { state: 'fail' } });
    expect(classifyMessage("Node configuration loaded, I'm 79816979a6dd4b226e476121dd385ed6c25e5151")).toEqual({
      kind: 'node.identity',
      fields: { subject: '79816979a6dd4b226e476121dd385ed6c25e5151' },
    });
    expect(classifyMessage('Connection with master lost.')).toEqual({ kind: 'repl.link-lost', fields: {} });
    expect(classifyMessage('Caching the disconnected master state.')).toEqual({ kind: 'repl.cache-master', fields: {} });
    expect(classifyMessage('Reconnecting to MASTER 192.168.56.101:7001')).toEqual({
      kind: 'repl.connecting',
      fields: { address: '192.168.56.101:7001' },
    });
    expect(classifyMessage('MASTER <-> REPLICA sync started')).toEqual({ kind: 'repl.sync-started', fields: {} });
    expect(classifyMessage('Error condition on socket for SYNC: Connection refused')).toEqual({
      kind: 'repl.sync-error',
      fields: { reason: 'Connection refused' },
    });
    expect(classifyMessage("Failover election won: I'm the new master.")).toEqual({ kind: 'election.won', fields: {} });
  });

  test('signal names become numbers; SIGINT and SIGTERM both request a shutdown', () => {
    expect(classifyMessage('Received SIGTERM scheduling shutdown...')).toEqual({
      kind: 'server.shutdown-requested',
      fields: { signal: 15 },
    });
    expect(classifyMessage('Received SIGINT scheduling shutdown...')).toEqual({ kind: 'server.shutdown-requested', fields: { signal: 2 } });
  });

  test('surrounding whitespace is ignored (2.8/3.0 indent the crash line)', () => {
    expect(classifyMessage('    Redis 3.0.7 crashed by signal: 11')).toEqual({
      kind: 'server.crash',
      fields: { version: '3.0.7', signal: 11 },
    });
    expect(classifyMessage('Cluster state changed: ok\r')).toEqual({ kind: 'cluster.state', fields: { state: 'ok' } });
  });

  test('addresses: IPv6 with and without brackets, host names, unknown replica port', () => {
    expect(classifyMessage('Connecting to MASTER ::1:7001')).toEqual({ kind: 'repl.connecting', fields: { address: '::1:7001' } });
    expect(classifyMessage('Connecting to MASTER redis-0.redis.default.svc:6379')).toEqual({
      kind: 'repl.connecting',
      fields: { address: 'redis-0.redis.default.svc:6379' },
    });
    expect(classifyMessage('Replica [::1]:7002 asks for synchronization')).toEqual({
      kind: 'master.replica-sync-request',
      fields: { address: '[::1]:7002' },
    });
    expect(classifyMessage('Replica 10.0.0.5:<unknown-replica-port> asks for synchronization')).toEqual({
      kind: 'master.replica-sync-request',
      fields: {},
    });
    expect(classifyMessage('Connection with replica client id #12 lost.')).toEqual({ kind: 'master.replica-lost', fields: {} });
  });

  test('Redis 7.2+ human node names in parentheses are matched and dropped', () => {
    const id = 'ffd36470e296e68c536715f528df94496bbf8331';
    expect(classifyMessage(`Marking node ${id} () as failing (quorum reached).`)).toEqual({
      kind: 'cluster.fail-marked',
      fields: { subject: id },
    });
    expect(classifyMessage(`Marking node ${id} (redis-2.example) as failing (quorum reached).`)).toEqual({
      kind: 'cluster.fail-marked',
      fields: { subject: id },
    });
    expect(classifyMessage(`Failover auth granted to ${id} (node-b) for epoch 12`)).toEqual({
      kind: 'vote.granted',
      fields: { subject: id, epoch: 12 },
    });
  });

  test('vote denied "too soon": 3.0–7.0 wording and 7.2+ with a bare human node name', () => {
    const id = '79816979a6dd4b226e476121dd385ed6c25e5151';
    const want = {
      kind: 'vote.denied',
      fields: { subject: id, reason: "can't vote about this master before 1999 milliseconds", delayMs: 1999 },
    };
    expect(classifyMessage(`Failover auth denied to ${id}: can't vote about this master before 1999 milliseconds`)).toEqual(want);
    expect(classifyMessage(`Failover auth denied to ${id} : can't vote about this master before 1999 milliseconds`)).toEqual(want);
    expect(classifyMessage(`Failover auth denied to ${id} node-c: can't vote about this master before 1999 milliseconds`)).toEqual(want);
  });

  test('every "Currently unable to failover" reason is its own kind, with the reason text', () => {
    const p = 'Currently unable to failover: ';
    expect(classifyMessage(p + 'Failover attempt expired.')).toEqual({
      kind: 'election.expired',
      fields: { reason: 'Failover attempt expired.' },
    });
    expect(classifyMessage(p + 'Waiting for votes, but majority still not reached.')?.kind).toBe('election.waiting-votes');
    expect(classifyMessage(p + 'Waiting the delay before I can start a new failover.')?.kind).toBe('election.waiting-delay');
    expect(
      classifyMessage(
        p + "Disconnected from master for longer than allowed. Please check the 'cluster-replica-validity-factor' configuration option.",
      )?.kind,
    ).toBe('election.data-too-old');
    expect(classifyMessage(p + 'Unknown reason code.')?.kind).toBe('election.unable');
    expect(classifyMessage(p + 'Something new in a later version.')).toBeNull();
  });

  test('unknown text is null, not an error', () => {
    for (const t of [
      '',
      '   ',
      'hello world',
      'Marking node xyz as failing (quorum reached).',
      'Cluster state changed: maybe',
      'FAIL message received from nobody',
      'Connection with master lost. And more.',
    ])
      expect(classifyMessage(t), t).toBeNull();
  });
});

describe('templates', () => {
  test('every catalog template compiles, lexed (typed entries are lexed lazily at run time)', () => {
    for (const e of CATALOG) expect(() => compileTemplate(e.template), e.id).not.toThrow();
  });

  test('malformed templates throw at compile time', () => {
    expect(() => compileTemplate('a {x:bogus} b')).toThrow(/unknown placeholder type/);
    expect(() => compileTemplate('a {x:text')).toThrow(/unclosed/);
    expect(() => compileTemplate('a } b')).toThrow(/stray/);
    expect(() => compileTemplate('a {:text}{:rest}')).toThrow();
  });
});

describe('never throws (property tests)', () => {
  const samples = Object.values(SAMPLES);

  test('random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(isValidResult(classifyMessage(s))).toBe(true);
        expect(messageLexer.tokenize(s).errors).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  test('mutated samples', () => {
    const mutated = fc
      .tuple(
        fc.constantFrom(...samples),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 5 }), fc.string({ unit: 'binary-ascii', maxLength: 6 })), { maxLength: 4 }),
      )
      .map(([s, edits]) => {
        let out = s;
        for (const [pos, del, ins] of edits) {
          const at = out.length === 0 ? 0 : pos % (out.length + 1);
          out = out.slice(0, at) + ins + out.slice(at + del);
        }
        return out;
      });
    fc.assert(
      fc.property(mutated, (s) => {
        expect(isValidResult(classifyMessage(s))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  test('samples with a long tail or repeated placeholders stay bounded', () => {
    for (const s of samples.slice(0, 50)) expect(isValidResult(classifyMessage(s + ' x'.repeat(5000)))).toBe(true);
    const many =
      'Failover auth denied to ' + 'a'.repeat(40) + ' ' + '( '.repeat(3000) + ": can't vote about this master before 5 milliseconds";
    expect(isValidResult(classifyMessage(many))).toBe(true);
  });
});

// Every line of the recorded incidents (fixtures/incidents/*/node-*.log, Redis 7.0.15) must be known.
describe('recorded incidents', () => {
  const root = 'fixtures/incidents';
  const logs = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? logs(p) : p.endsWith('.log') ? [p] : [];
    });
  const files = existsSync(root) ? logs(root) : [];
  test.skipIf(files.length === 0)('every prefixed message line is recognised', () => {
    const unknown: string[] = [];
    for (const f of files) {
      const lines = readFileSync(f, 'utf8').split('\n');
      lines.forEach((line, i) => {
        // Only the one-line forms; crash-report bodies are blocks handled by the framing.
        const m = /^\d+:[MSCX] \d+ \w+ \d+ [\d:.]+ [-.*#] (.*)$/.exec(line) ?? /^\d+:signal-handler \(\d+\) (.*)$/.exec(line);
        if (m && m[1].trim() !== '' && classifyMessage(m[1]) === null) unknown.push(`${f}:${i + 1}: ${m[1]}`);
      });
    }
    expect(unknown).toEqual([]);
  });
});
