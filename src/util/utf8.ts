// Byte-level text checks shared by ingest (is this file text?) and parse (is this line garbage?).

/**
 * Count bytes that cannot be text: C0 controls other than tab/newline/CR/FF/VT/ESC, DEL, and bytes
 * that are not part of a well-formed UTF-8 sequence. A sequence cut by the end of the head is not
 * counted.
 */
export function countBadBytes(buf: Buffer, start = 0, end = buf.length): { bad: number; nul: boolean } {
  let bad = 0;
  let nul = false;
  let i = start;
  while (i < end) {
    const c = buf[i];
    if (c < 0x80) {
      if (c === 0) nul = true;
      if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11 && c !== 27) || c === 0x7f) bad++;
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0) {
      bad++;
      i++;
      continue;
    }
    if (i + len > end) break; // cut by the end of the sample
    let ok = true;
    for (let k = 1; k < len; k++) if ((buf[i + k] & 0xc0) !== 0x80) ok = false;
    if (ok) i += len;
    else {
      bad++;
      i++;
    }
  }
  return { bad, nul };
}
