// Hash slot of a key, as Redis Cluster computes it.
// redis 7.0 src/cluster.c keyHashSlot(): CRC16 (XMODEM: poly 0x1021, init 0) of the key, or of the first
// non-empty `{...}` hash tag in it, modulo 16384 (masked with 0x3FFF). src/crc16.c holds the same polynomial.

const TABLE: Uint16Array = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    t[i] = crc;
  }
  return t;
})();

export function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ byte) & 0xff];
  return crc;
}

export function keySlot(key: string): number {
  const bytes = Buffer.from(key, 'utf8');
  const open = bytes.indexOf(0x7b); // '{'
  if (open !== -1) {
    const close = bytes.indexOf(0x7d, open + 1); // '}'
    if (close > open + 1) return crc16(bytes.subarray(open + 1, close)) & 0x3fff;
  }
  return crc16(bytes) & 0x3fff;
}

/**
 * A deterministic key whose slot lies in [start, end]: `failscope:probe:{<tag>}` with the smallest
 * counter tag that hashes into the range. Ranges of a few slots may need many tries; the whole space
 * of 16384 slots is covered long before the loop bound.
 */
export function keyInRange(start: number, end: number, prefix = 'failscope:probe'): { key: string; slot: number } {
  for (let i = 0; i < 1_000_000; i++) {
    const tag = `p${i}`;
    const slot = crc16(Buffer.from(tag, 'utf8')) & 0x3fff;
    if (slot >= start && slot <= end) return { key: `${prefix}:{${tag}}`, slot };
  }
  throw new Error(`no probe key found for slots ${start}-${end}`);
}
