// ANSI escapes (ECMA-48) a terminal-bound tool leaves in a saved log: `docker compose logs` colours
// each service name, logcli colours stamps and labels. https://ecma-international.org/publications-and-standards/standards/ecma-48/
//   CSI: ESC '[' parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one final byte 0x40–0x7E
//   OSC: ESC ']' … BEL or ESC '\'   (terminal titles, hyperlinks)
//   any other ESC x: two bytes

/** Copy `b[s, e)` into `out` without escape sequences; returns the length written. */
export function stripAnsi(b: Buffer, s: number, e: number, out: Buffer): number {
  let n = 0;
  let i = s;
  while (i < e) {
    const c = b[i];
    if (c !== 27) {
      out[n++] = c;
      i++;
      continue;
    }
    const k = b[i + 1];
    if (i + 1 >= e) break;
    if (k === 91) {
      i += 2;
      while (i < e && b[i] >= 0x20 && b[i] <= 0x3f) i++;
      if (i < e && b[i] >= 0x40 && b[i] <= 0x7e) i++;
    } else if (k === 93) {
      i += 2;
      while (i < e && b[i] !== 7 && !(b[i] === 27 && b[i + 1] === 92)) i++;
      i += i < e && b[i] === 7 ? 1 : 2;
    } else i += 2;
  }
  return n;
}
