// The port-block finder the live tests use (test/helpers/ports.ts).
import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { freePortBlock, portRange } from '../helpers/ports.ts';

const listen = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });

describe('freePortBlock', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  });

  it('a pinned base wins', async () => {
    expect(await freePortBlock(6, '22400')).toBe(22400);
  });

  it('gives ports and bus ports that are free and below 32768, and never the same block twice', async () => {
    const a = await freePortBlock(7);
    const b = await freePortBlock(7);
    expect(a).not.toBe(b);
    for (const base of [a, b]) {
      expect(base + 6 + 10_000).toBeLessThan(32_768);
      const [lo, hi] = portRange();
      expect(base).toBeGreaterThanOrEqual(lo);
      expect(base + 6).toBeLessThanOrEqual(hi + 9);
      for (let p = base; p < base + 7; p++) servers.push(await listen(p), await listen(p + 10_000));
    }
  });

  it('skips a block whose bus port is taken', async () => {
    const prev = process.env.FAILSCOPE_TEST_PORT_RANGE;
    process.env.FAILSCOPE_TEST_PORT_RANGE = '22700-22729';
    try {
      // The range holds three blocks of ten; take a bus port in two of them.
      const taken = [await listen(32_703).catch(() => null), await listen(32_715).catch(() => null)].filter((s): s is Server => s !== null);
      servers.push(...taken);
      const base = await freePortBlock(6);
      expect(base).toBe(22720);
    } finally {
      if (prev === undefined) delete process.env.FAILSCOPE_TEST_PORT_RANGE;
      else process.env.FAILSCOPE_TEST_PORT_RANGE = prev;
    }
  });

  it('rejects a range that would put bus ports past 32767', () => {
    expect(portRange('20000-31000')).toEqual([20000, 22767]);
    expect(() => portRange('30000-31000')).toThrow(/22767/);
    expect(() => portRange('100-200')).toThrow(/1024/);
  });
});
