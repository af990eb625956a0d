import { linkSync, mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeEach, describe, expect, test } from 'vitest';
import {
  ingestPaths,
  judgeContent,
  MAX_DIR_DEPTH,
  MAX_STDIN_BYTES,
  type SourceInput,
  visitBufferLines,
  visitReaderLines,
} from '../../src/ingest/index.ts';
import type { Diagnostic } from '../../src/model/diagnostic.ts';
import { InputError } from '../../src/model/diagnostic.ts';

const LOG = '1:M 21 Jun 2021 07:28:21.434 # Cluster state changed: ok\n';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fs-ingest-'));
});

function file(rel: string, data: string | Buffer): string {
  const p = join(dir, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, data);
  return p;
}

function readAll(input: SourceInput): string[] {
  const out: string[] = [];
  input.readLines((b, s, e) => out.push(b.toString('utf8', s, e)));
  return out;
}

async function expectInputError(p: Promise<unknown>, message: RegExp): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  expect((err as Error).message).toMatch(message);
}

describe('ingestPaths', () => {
  test('files keep the order given; display paths are relative POSIX', async () => {
    file('b.log', LOG);
    file('sub/a.log', LOG);
    const inputs = await ingestPaths(['b.log', './sub/a.log', join(dir, 'sub', 'a.log')], { cwd: dir });
    expect(inputs.map((i) => i.path)).toEqual(['b.log', 'sub/a.log']);
    expect(inputs[0]).toMatchObject({ origin: 'file', compression: 'none', size: LOG.length });
  });

  test('a directory: recursive, sorted, hidden entries skipped, binary and documents skipped with a note', async () => {
    file('logs/node-b.log', LOG);
    file('logs/a/node-a.log', LOG);
    file('logs/.hidden.log', LOG);
    file('logs/.git/config', LOG);
    file('logs/topology.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    file('logs/report.html', '<!DOCTYPE html>\n<html></html>\n');
    file('logs/truth.json', '{\n  "faults": []\n}\n');
    file('logs/empty.log', '');
    file('logs/docker.json', '{"log":"x\\n","stream":"stdout","time":"2021-06-21T07:28:21Z"}\n');
    const notes: Diagnostic[] = [];
    const inputs = await ingestPaths(['logs'], { cwd: dir, onDiagnostic: (d) => notes.push(d) });
    expect(inputs.map((i) => i.path)).toEqual(['logs/a/node-a.log', 'logs/docker.json', 'logs/node-b.log']);
    expect(notes.map((n) => `${n.source}: ${n.message}`)).toEqual([
      'logs/empty.log: skipped: empty file',
      'logs/report.html: skipped: an HTML/XML document',
      'logs/topology.png: skipped: a PNG image',
      'logs/truth.json: skipped: a JSON document',
    ]);
  });

  test('gzip is found by its magic bytes, whatever the name', async () => {
    file('node.log', gzipSync(Buffer.from(LOG + LOG)));
    const [input] = await ingestPaths(['node.log'], { cwd: dir });
    expect(input.compression).toBe('gzip');
    expect(readAll(input)).toHaveLength(2);
  });

  test('stdin as -, from a Buffer or a stream', async () => {
    const [a] = await ingestPaths(['-'], { stdin: Buffer.from(LOG), now: () => Date.UTC(2021, 5, 1) });
    expect(a).toMatchObject({ path: '-', origin: 'stdin', mtimeYear: 2021 });
    expect(readAll(a)).toEqual([LOG.trimEnd()]);
    const [b] = await ingestPaths(['-', '-'], { stdin: Readable.from([Buffer.from(LOG), Buffer.from(LOG)]) });
    expect(readAll(b)).toHaveLength(2);
  });

  test('mtime gives the year of year-less stamps', async () => {
    const p = file('old.log', LOG);
    utimesSync(p, new Date(Date.UTC(2019, 3, 13)), new Date(Date.UTC(2019, 3, 13)));
    const [input] = await ingestPaths(['old.log'], { cwd: dir });
    expect(input.mtimeYear).toBe(2019);
  });

  test('unusable inputs are InputErrors naming the path', async () => {
    await expectInputError(ingestPaths(['missing.log'], { cwd: dir }), /^missing\.log: no such file or directory$/);
    file('core', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]));
    await expectInputError(ingestPaths(['core'], { cwd: dir }), /^core: not a log or snapshot: an executable/);
    file('noise.bin', Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919 + 13) % 256)));
    await expectInputError(ingestPaths(['noise.bin'], { cwd: dir }), /^noise\.bin: not a log or snapshot: binary data/);
    mkdirSync(join(dir, 'nothing/.x'), { recursive: true });
    file('nothing/pic.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]));
    await expectInputError(ingestPaths(['nothing'], { cwd: dir }), /^nothing: directory holds no log or snapshot files$/);
    file('cut.log.gz', gzipSync(Buffer.from(LOG)).subarray(0, 8));
    await expectInputError(ingestPaths(['cut.log.gz'], { cwd: dir }), /^cut\.log\.gz: truncated gzip/);
    await expectInputError(ingestPaths(['-'], { stdin: Buffer.from([0, 0, 0, 1, 2, 3]) }), /^-: not a log or snapshot/);
  });

  test('a truncated gzip body passes ingest and fails on reading, naming the file', async () => {
    const gz = gzipSync(Buffer.from(LOG.repeat(2000)));
    file('cut.log.gz', gz.subarray(0, gz.length - 100));
    const [input] = await ingestPaths(['cut.log.gz'], { cwd: dir });
    expect(() => readAll(input)).toThrow(/^cut\.log\.gz: truncated gzip data/);
  });

  test('an explicitly named empty file or document is still an input', async () => {
    file('empty.log', '');
    file('out.json', '{"a":1}\n');
    const inputs = await ingestPaths(['empty.log', 'out.json'], { cwd: dir });
    expect(inputs.map((i) => i.path)).toEqual(['empty.log', 'out.json']);
  });

  test('a symlink loop does not hang the walk', async () => {
    file('loop/a.log', LOG);
    symlinkSync(join(dir, 'loop'), join(dir, 'loop', 'again'));
    const inputs = await ingestPaths(['loop'], { cwd: dir });
    expect(inputs.map((i) => i.path)).toEqual(['loop/a.log']);
  });
});

describe('judgeContent', () => {
  test('text, including mojibake and Latin-1 accents, is text', () => {
    expect(judgeContent(Buffer.from('# Redis Cluster failover\n\nðŸ ëª©ì°¨\n', 'utf8')).kind).toBe('text');
    expect(judgeContent(Buffer.from('caf\xe9 au lait, 1:M 21 Jun 2021\n', 'latin1')).kind).toBe('text');
    expect(judgeContent(Buffer.from('{"log":"1:M ..."}\n')).kind).toBe('text');
    expect(judgeContent(Buffer.from('[pod/redis-0/redis] x\n')).kind).toBe('text');
    expect(judgeContent(Buffer.from('[1234] 21 Jun 07:28:21.434 * x\n')).kind).toBe('text');
  });
});

describe('line framing', () => {
  function frame(data: Buffer, chunk: number, maxLine: number): Array<[string, boolean]> {
    const out: Array<[string, boolean]> = [];
    let off = 0;
    visitReaderLines(
      (target, offset, length) => {
        const n = Math.min(length, data.length - off, chunk);
        data.copy(target, offset, off, off + n);
        off += n;
        return n;
      },
      (b, s, e, over) => out.push([b.toString('latin1', s, e), over]),
      maxLine,
      chunk,
    );
    return out;
  }

  test('the reused-buffer reader frames lines exactly like the in-memory one, at any chunk size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.constant(''), fc.string({ minLength: 50, maxLength: 120 })), { maxLength: 30 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 97 }),
        (lines, trailingNewline, readSize) => {
          const data = Buffer.from(lines.join('\n') + (trailingNewline ? '\n' : ''), 'latin1');
          const expected: Array<[string, boolean]> = [];
          visitBufferLines(data, (b, s, e, over) => expected.push([b.toString('latin1', s, e), over]), 48);
          // chunkBytes below 2 × maxLine is raised by the reader; readSize caps each read instead.
          const got: Array<[string, boolean]> = [];
          let off = 0;
          visitReaderLines(
            (target, offset, length) => {
              const n = Math.min(length, data.length - off, readSize);
              data.copy(target, offset, off, off + n);
              off += n;
              return n;
            },
            (b, s, e, over) => got.push([b.toString('latin1', s, e), over]),
            48,
            96,
          );
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('overlong lines are cut at the cap and flagged, once', () => {
    const data = Buffer.from(`short\n${'z'.repeat(300)}\nafter`);
    expect(frame(data, 7, 100)).toEqual([
      ['short', false],
      ['z'.repeat(100), true],
      ['after', false],
    ]);
  });

  test('NUL holes where lines start: skipped and counted, across reads, like a simple model', () => {
    // The model: a line starting with a NUL run is that many hole bytes plus the rest of the line.
    const model = (data: Buffer): Array<[string, number]> => {
      if (data.length === 0) return [];
      const parts = data.toString('latin1').split('\n');
      if (parts[parts.length - 1] === '') parts.pop();
      return parts.map((p) => {
        const rest = p.replace(/^\0+/, '');
        return [rest, p.length - rest.length];
      });
    };
    const piece = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\0'), maxLength: 30 }),
      fc.integer({ min: 1, max: 300 }).map((n) => '\0'.repeat(n)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), fc.boolean(), fc.integer({ min: 1, max: 97 }), (lines, nl, readSize) => {
        const data = Buffer.from(lines.join('\n') + (nl ? '\n' : ''), 'latin1');
        const want = model(data);
        const inMemory: Array<[string, number]> = [];
        visitBufferLines(data, (b, s, e, _o, hole) => inMemory.push([b.toString('latin1', s, e), hole]), 1000);
        expect(inMemory).toEqual(want);
        const read: Array<[string, number]> = [];
        let off = 0;
        visitReaderLines(
          (target, offset, length) => {
            const n = Math.min(length, data.length - off, readSize);
            data.copy(target, offset, off, off + n);
            off += n;
            return n;
          },
          (b, s, e, _o, hole) => read.push([b.toString('latin1', s, e), hole]),
          1000,
          2000,
        );
        expect(read).toEqual(want);
      }),
      { numRuns: 400, seed: 18 },
    );
  });
});

describe('ingest bounds', () => {
  test('hard links and symlinks to one file: read once (device + inode)', async () => {
    const a = file('links/a.log', LOG);
    linkSync(a, join(dir, 'links', 'b.log'));
    symlinkSync(a, join(dir, 'links', 'c.log'));
    const notes: Diagnostic[] = [];
    const inputs = await ingestPaths(['links'], { cwd: dir, onDiagnostic: (d) => notes.push(d) });
    expect(inputs.map((i) => i.path)).toEqual(['links/a.log']);
    expect(notes.map((n) => n.message)).toEqual(['skipped: the same file as links/a.log', 'skipped: the same file as links/a.log']);
  });

  test(`directories deeper than ${MAX_DIR_DEPTH} levels: not walked, with a warning`, async () => {
    const deep = Array.from({ length: MAX_DIR_DEPTH + 2 }, (_, i) => `d${i}`).join('/');
    file(`tree/top.log`, LOG);
    file(`tree/${deep}/bottom.log`, LOG);
    const notes: Diagnostic[] = [];
    const inputs = await ingestPaths(['tree'], { cwd: dir, onDiagnostic: (d) => notes.push(d) });
    expect(inputs.map((i) => i.path)).toEqual(['tree/top.log']);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      severity: 'warning',
      skip: true,
      message: `skipped: directory nested more than ${MAX_DIR_DEPTH} levels deep`,
    });
  });

  test('a gzip file inflating past 100x its size is refused when read, naming the file', async () => {
    file('bomb.log.gz', gzipSync(Buffer.alloc(80 << 20, 10)));
    const [input] = await ingestPaths(['bomb.log.gz'], { cwd: dir });
    expect(() => readAll(input)).toThrow(/^bomb\.log\.gz: gzip data inflates to more than 67108864 bytes/);
  });

  test('standard input: binary refused after its head, a NUL hole skipped, a limit', async () => {
    await expectInputError(
      ingestPaths(['-'], { stdin: Readable.from([Buffer.alloc(70 << 20)]) }),
      /^-: not a log or snapshot: nothing but NUL bytes/,
    );
    const [hole] = await ingestPaths(['-'], { stdin: Buffer.concat([Buffer.alloc(5000), Buffer.from(LOG)]) });
    expect(readAll(hole)).toEqual([LOG.trimEnd()]);
    expect(MAX_STDIN_BYTES).toBe(1 << 30);
  });
});
