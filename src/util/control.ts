// Control characters from input, made visible before they reach a terminal (issue #18: `ESC]0;…BEL`
// in a log line set the terminal's title, `ESC[2J` cleared the screen). Shown the way `cat -v` shows
// them: ^[ for ESC, ^? for DEL, M-^[ for the C1 control U+009B; newline and tab are kept.

// C0 controls but \t and \n, DEL, and the C1 range (U+0080–U+009F: 8-bit CSI, OSC, …).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_TEST = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

function caret(c: string): string {
  const n = c.charCodeAt(0);
  if (n === 0x7f) return '^?';
  if (n >= 0x80) return `M-${caret(String.fromCharCode(n - 0x80))}`;
  return `^${String.fromCharCode(n + 64)}`;
}

/** `text` with every control character but newline and tab shown as cat -v shows it. */
export function neutralizeControls(text: string): string {
  return CONTROL_TEST.test(text) ? text.replace(CONTROL, caret) : text;
}

/** The same, for text that must stay on one line (an error message): newlines and tabs too. */
export function neutralizeControlsOneLine(text: string): string {
  return neutralizeControls(text).replace(/[\n\t]/g, (c) => (c === '\n' ? '^J' : '^I'));
}
