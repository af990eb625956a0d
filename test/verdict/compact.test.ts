import { describe, expect, it } from 'vitest';
import { exactList, flatString } from '../../src/verdict/compact.ts';

describe('verdict/compact', () => {
  it('flatString gives back the same text, joined from pieces or not', () => {
    const pieces = ['50eb2e14 (127.0.0.1:7001)', ' stopped', ' between ', '00:00:03.155', ' and ', '00:00:06.782', '.'];
    let joined = '';
    for (const p of pieces) joined += p;
    expect(flatString(joined)).toBe('50eb2e14 (127.0.0.1:7001) stopped between 00:00:03.155 and 00:00:06.782.');
    expect(flatString('')).toBe('');
  });

  it('exactList copies the items in order into a list of its own', () => {
    const grown: Array<{ line: number }> = [];
    for (let i = 0; i < 3; i++) grown.push({ line: i + 1 });
    const copy = exactList(grown);
    expect(copy).not.toBe(grown);
    expect(copy.map((e) => e.line)).toEqual([1, 2, 3]);
    expect(copy[0]).toBe(grown[0]);
    expect(exactList([])).toEqual([]);
  });
});
