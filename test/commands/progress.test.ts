// The progress line's words and timing (the terminal side is test/cli/bounded-memory.test.ts).
import { describe, expect, test } from 'vitest';
import { PROGRESS_AFTER_MS, ProgressLine } from '../../src/commands/progress.ts';

const CLEAR = '\r\u001b[K';

describe('ProgressLine', () => {
  test('nothing for a short run, not even the erase', () => {
    const p = new ProgressLine(0);
    expect(p.update(10e6, 100e6, 500)).toBe('');
    expect(p.update(100e6, 100e6, PROGRESS_AFTER_MS - 1)).toBe('');
    expect(p.clear()).toBe('');
  });

  test('after 1.5 s: bytes of the total, percent, MB/s and ETA, redrawn in place at most every 100 ms', () => {
    const p = new ProgressLine(0);
    expect(p.update(30e6, 100e6, 2000)).toBe(`${CLEAR}reading 30.0 of 100.0 MB (30%), 15.0 MB/s, ETA 5 s`);
    expect(p.update(31e6, 100e6, 2050)).toBe('');
    expect(p.update(40e6, 100e6, 2500)).toBe(`${CLEAR}reading 40.0 of 100.0 MB (40%), 16.0 MB/s, ETA 4 s`);
    expect(p.update(41e6, 1000e6, 4100)).toMatch(/, 10\.0 MB\/s, ETA 1 min 36 s$/);
  });

  test('the end of reading is said once, then the line is erased at the end of the run', () => {
    const p = new ProgressLine(0);
    p.update(50e6, 100e6, 2000);
    expect(p.update(100e6, 100e6, 4000)).toBe(`${CLEAR}read 100.0 MB in 4.0 s (25.0 MB/s); analysing…`);
    expect(p.update(100e6, 100e6, 5000)).toBe('');
    expect(p.clear()).toBe(CLEAR);
    expect(p.clear()).toBe('');
  });

  test('a run told a shorter delay (FAILSCOPE_PROGRESS_AFTER_MS) shows the line that much sooner', () => {
    const p = new ProgressLine(0, 0);
    expect(p.update(1e6, 100e6, 0)).toBe(`${CLEAR}reading 1.0 of 100.0 MB (1%), 0.0 MB/s, ETA ?`);
    const q = new ProgressLine(0, 200);
    expect(q.update(1e6, 100e6, 199)).toBe('');
    expect(q.update(2e6, 100e6, 200)).toBe(`${CLEAR}reading 2.0 of 100.0 MB (2%), 10.0 MB/s, ETA 10 s`);
  });

  test('standard input read as it arrives has no total: bytes and MB/s only', () => {
    const p = new ProgressLine(0);
    expect(p.update(5e6, Infinity, 1000)).toBe('');
    expect(p.update(30e6, Infinity, 2000)).toBe(`${CLEAR}reading 30.0 MB, 15.0 MB/s`);
    expect(p.update(31e6, Infinity, 2050)).toBe('');
    expect(p.update(90e6, Infinity, 3000)).toBe(`${CLEAR}reading 90.0 MB, 30.0 MB/s`);
    expect(p.clear()).toBe(CLEAR);
  });
});
