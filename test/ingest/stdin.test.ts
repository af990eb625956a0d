// Standard input is read as it arrives (readStdinHead + StreamSource): the head is judged, the rest
// streamed line by line, so a log piped in is held no more than a file is; gzip, a JSON document and
// a short input are still read whole, and binary is refused from its head.
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { ingestPaths, readStdinHead, type SourceInput, type StdinStream } from '../../src/ingest/index.ts';

/** An fs.readSync-shaped reader over `chunks` produced lazily; counts the bytes handed out. */
function reader(next: () => Buffer | null) {
  let pending: Buffer | null = null;
  let given = 0;
  const read = (target: Buffer, offset: number, length: number): number => {
    if (!pending || pending.length === 0) pending = next();
    if (!pending) return 0;
    const n = pending.copy(target, offset, 0, Math.min(length, pending.length));
    pending = pending.subarray(n);
    given += n;
    return n;
  };
  return { read, given: () => given };
}

const line = (i: number) =>
  `${100 + (i % 9)}:M 01 Apr 2026 00:00:${String(Math.floor(i / 1000) % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')} - DB 0: ${i} keys (0 volatile) in 4 slots HT.`;

/** `lines` lines, 10 k per chunk, made only when read. */
function generated(lines: number) {
  let at = 0;
  return reader(() => {
    if (at >= lines) return null;
    const to = Math.min(lines, at + 10_000);
    const text = Array.from({ length: to - at }, (_, k) => `${line(at + k)}\n`).join('');
    at = to;
    return Buffer.from(text);
  });
}

async function stdinSource(stdin: Buffer | StdinStream): Promise<SourceInput> {
  const [input] = await ingestPaths(['-'], { stdin, now: () => Date.UTC(2026, 3, 1) });
  return input!;
}

describe('standard input read as it arrives', () => {
  test('a long text stream: only its head is read up front, then every line in order, in bounded memory', async () => {
    const LINES = 1_500_000; // ~90 MB
    const src = generated(LINES);
    const stdin = readStdinHead(src.read);
    expect(Buffer.isBuffer(stdin)).toBe(false);
    // judged from its head (64 KiB and the rest of that read), not read to the end
    expect(src.given()).toBeLessThan(2 << 20);
    const input = await stdinSource(stdin);
    expect(input).toMatchObject({ path: '-', origin: 'stdin', streamed: true });
    let n = 0;
    let bad = -1;
    let peak = 0;
    const before = process.memoryUsage().arrayBuffers;
    input.readLines((b, s, e) => {
      if (bad < 0 && b.toString('latin1', s, e) !== line(n)) bad = n;
      if (++n % 50_000 === 0) peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
    });
    expect(bad).toBe(-1);
    expect(n).toBe(LINES);
    expect(src.given()).toBeGreaterThan(85e6);
    // the whole stream was held before (a Buffer of every byte); now a few chunks
    expect(peak).toBeLessThan(16 << 20);
    // a stream is read once
    expect(() => input.readLines(() => {})).toThrow(/already read/);
  }, 60_000);

  test('short input, gzip and a JSON document are read whole', async () => {
    const short = readStdinHead(generated(100).read);
    expect(Buffer.isBuffer(short)).toBe(true);
    const text = Array.from({ length: 20_000 }, (_, i) => `${line(i)}\n`).join('');
    const gz = gzipSync(text);
    let sent = false;
    const zipped = readStdinHead(
      reader(() => {
        if (sent) return null;
        sent = true;
        return gz;
      }).read,
    );
    expect(Buffer.isBuffer(zipped) && zipped.equals(gz)).toBe(true);
    const lines: string[] = [];
    (await stdinSource(zipped)).readLines((b, s, e) => lines.push(b.toString('latin1', s, e)));
    expect(lines).toHaveLength(20_000);
    const doc = Buffer.from(
      JSON.stringify({ hits: { hits: Array.from({ length: 2000 }, (_, i) => ({ _source: { message: line(i) } })) } }),
    );
    let docSent = false;
    const whole = readStdinHead(
      reader(() => {
        if (docSent) return null;
        docSent = true;
        return doc;
      }).read,
    );
    expect(Buffer.isBuffer(whole) && whole.length).toBe(doc.length);
  });

  test('binary is refused from its head, without reading the rest', () => {
    let chunks = 0;
    const noise = reader(() => (++chunks > 1000 ? null : Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919 + chunks) % 256))));
    expect(() => readStdinHead(noise.read)).toThrow(/^-: not a log or snapshot: binary data/);
    expect(chunks).toBeLessThan(4);
  });
});
