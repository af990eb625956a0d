// A gzip file of lines is inflated as a stream by a worker thread (src/ingest/gunzip.ts): every line
// arrives in order across chunk and member boundaries, memory stays a few chunks whatever the size,
// and bad data, a stop by the reader and a bomb end the read with the file named.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ingestPaths, type SourceInput } from '../../src/ingest/index.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fs-gunzip-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Line `i` of the generated log: varied enough to compress like a log (about 5x), not like a bomb. */
function line(i: number): string {
  return `${1000 + (i % 7)}:M 01 Apr 2026 00:${String(Math.floor(i / 60000) % 60).padStart(2, '0')}:${String(Math.floor(i / 1000) % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')} - DB 0: ${(i * 7919) % 100003} keys (${i % 13} volatile) in ${(i * 31) % 65536} slots HT.`;
}

/** Write `members` gzip members holding lines [0, lines) in order; returns the path. */
function writeGzip(name: string, lines: number, members = 1): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  const per = Math.ceil(lines / members);
  for (let m = 0; m < members; m++) {
    // each member in pieces of 10 k lines (so the test never holds the whole text either)
    for (let from = m * per; from < Math.min(lines, (m + 1) * per); from += 10_000) {
      const to = Math.min(lines, (m + 1) * per, from + 10_000);
      const text = Array.from({ length: to - from }, (_, k) => `${line(from + k)}\n`).join('');
      writeSync(fd, gzipSync(text, { level: 1 }));
    }
  }
  closeSync(fd);
  return path;
}

async function one(path: string, onProgress?: (read: number, total: number) => void): Promise<SourceInput> {
  const [input] = await ingestPaths([path], { cwd: dir, ...(onProgress ? { onProgress } : {}) });
  return input!;
}

describe('gzip files are inflated as a stream', () => {
  test('every line in order across chunks and members; memory stays a few chunks', async () => {
    const LINES = 700_000; // ~60 MB inflated
    const input = await one(writeGzip('big.log.gz', LINES, 3));
    expect(input.compression).toBe('gzip');
    let n = 0;
    let bad = -1;
    let inflated = 0;
    let peakBuffers = 0;
    const before = process.memoryUsage().arrayBuffers;
    input.readLines((b, s, e) => {
      inflated += e - s + 1;
      if (bad < 0 && b.toString('latin1', s, e) !== line(n)) bad = n;
      n++;
      if (n % 20_000 === 0) peakBuffers = Math.max(peakBuffers, process.memoryUsage().arrayBuffers - before);
    });
    expect(bad).toBe(-1);
    expect(n).toBe(LINES);
    expect(inflated).toBeGreaterThan(55e6);
    // gunzipSync held each file's whole inflated bytes here (≥ 55 MB); the ring is 2 MiB.
    expect(peakBuffers).toBeLessThan(16 << 20);
  }, 60_000);

  test('the progress count follows the compressed bytes read and ends at the file size', async () => {
    const path = writeGzip('p.log.gz', 300_000);
    const seen: number[] = [];
    let total = 0;
    const input = await one(path, (read, t) => {
      seen.push(read);
      total = t;
    });
    input.readLines(() => {});
    expect(total).toBe(input.size);
    expect(seen.at(-1)).toBe(input.size);
    // told along the way (every MiB or so), not only once at the end
    expect(seen.filter((r) => r < input.size).length).toBeGreaterThan(2);
    expect(seen.every((r, i) => i === 0 || r >= seen[i - 1]!)).toBe(true);
  });

  test('a reader that stops early stops the worker; the next read starts afresh', async () => {
    const input = await one(writeGzip('s.log.gz', 200_000));
    let n = 0;
    expect(() =>
      input.readLines(() => {
        if (++n === 5000) throw new Error('enough');
      }),
    ).toThrow('enough');
    let again = 0;
    input.readLines(() => void again++);
    expect(again).toBe(200_000);
  });

  test('bad data past the head: truncated, corrupt, a bomb in many members', async () => {
    const good = gzipSync(Array.from({ length: 50_000 }, (_, i) => `${line(i)}\n`).join(''));
    const cut = join(dir, 'cut.log.gz');
    writeSync(openSync(cut, 'w'), good.subarray(0, good.length - 5000));
    await expect(one(cut).then((i) => i.readLines(() => {}))).rejects.toThrow(
      /^cut\.log\.gz: truncated gzip data \(unexpected end of file\)$/,
    );
    const corrupt = Buffer.from(good);
    for (let i = 2000; i < 2100; i++) corrupt[i] = (corrupt[i]! * 31 + 7) & 255;
    const bad = join(dir, 'bad.log.gz');
    writeSync(openSync(bad, 'w'), corrupt);
    await expect(one(bad).then((i) => i.readLines(() => {}))).rejects.toThrow(/^bad\.log\.gz: corrupt gzip data \(.+\)$/);
    // 80 members of 1 MiB (lines of 1023 'a's): each member's trailer is small, the whole is over 100x
    const member = gzipSync(Buffer.from(`${'a'.repeat(1023)}\n`.repeat(1024)), { level: 9 });
    const bomb = join(dir, 'bomb.log.gz');
    const fd = openSync(bomb, 'w');
    for (let i = 0; i < 80; i++) writeSync(fd, member);
    closeSync(fd);
    await expect(one(bomb).then((i) => i.readLines(() => {}))).rejects.toThrow(
      /^bomb\.log\.gz: gzip data inflates to more than 67108864 bytes, 100x its \d+ compressed bytes: refused as a likely gzip bomb$/,
    );
  });
});
