// ANSI escapes (ECMA-48) a terminal-bound tool leaves in a saved log: `docker compose logs` colours
// each service name, logcli colours stamps and labels. https://ecma-international.org/publications-and-standards/standards/ecma-48/
//   CSI: ESC '[' parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one final byte 0x40–0x7E;
//   SGR (final `m`) is colour. Only colour and erase-in-line (`K`, after a coloured line) are removed.

/** Copy `b[s, e)` into `out` without escape sequences; returns the length written. */
export function stripAnsi(b: Buffer, s: number, e: number, out: Buffer): number {
  let n = 0;
  let i = s;
  while (i < e) {
    const c = b[i];
    if (c === 27 && i + 1 < e && b[i + 1] === 91) {
      // CSI: only colour (SGR, final `m`) and erase-in-line (`K`) go; any other sequence is kept
      // for the output to show escaped (it is content, and no colour).
      let j = i + 2;
      while (j < e && b[j] >= 0x20 && b[j] <= 0x3f) j++;
      if (j < e && (b[j] === 109 || b[j] === 75)) {
        i = j + 1;
        continue;
      }
    }
    out[n++] = c;
    i++;
  }
  return n;
}
