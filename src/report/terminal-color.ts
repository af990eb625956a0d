// Colour for the text outputs on a terminal (issue #17). The renderers stay plain text (their output is
// what tests, pipes and CI logs see); the CLI, which alone knows whether stdout is a terminal, passes a
// finished text through `paintText` when colour is on. Only words at fixed places of lines the
// renderers write are painted — a verdict, a severity column, a gate status — never words inside
// messages or log text, which start indented or mid-line.

/** Which command's text: each has its own fixed places. */
export type TextKind = 'analysis' | 'gate' | 'topology' | 'drill';

const SGR = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
} as const;
type Style = Exclude<keyof typeof SGR, 'reset'>;

const paint = (text: string, ...styles: Style[]) => `${styles.map((s) => SGR[s]).join('')}${text}${SGR.reset}`;

const STATUS: Record<string, Style[]> = {
  PASS: ['bold', 'green'],
  OK: ['bold', 'green'],
  ok: ['green'],
  FAIL: ['bold', 'red'],
  ERROR: ['bold', 'red'],
  ERR: ['bold', 'red'],
  WARNING: ['bold', 'yellow'],
  INFO: ['cyan'],
  error: ['bold', 'red'],
  warning: ['bold', 'yellow'],
  info: ['cyan'],
};

type Rule = [RegExp, (m: RegExpExecArray) => string];

/** `^prefix(WORD)rest`: paint the word group only. */
const word = (re: RegExp): Rule => [re, (m) => `${m[1]}${paint(m[2], ...(STATUS[m[2]] ?? ['bold']))}${m[3]}`];
const whole = (re: RegExp, ...styles: Style[]): Rule => [re, (m) => paint(m[0], ...styles)];

const ANALYSIS: Rule[] = [
  word(/^(Verdict: )(PASS|FAIL)(.*)$/),
  // a finding's severity column: two spaces, the word, padding to 8 (analysis-text.ts findingLines)
  word(/^( {2})(ERROR|WARNING|INFO)( +\S.*)$/),
  whole(/^== .*$/, 'bold'),
];

const RULES: Record<TextKind, Rule[]> = {
  analysis: ANALYSIS,
  // and the comparison's marks (live/compare.ts renderComparisonText: two spaces, `ok  ` or `FAIL`)
  drill: [
    ...ANALYSIS,
    whole(/^DRILL PASSED$/, 'bold', 'green'),
    whole(/^DRILL FAILED: .*$/, 'bold', 'red'),
    word(/^( {2})(ok|FAIL)( +\S.*)$/),
  ],
  gate: [word(/^()(PASS|FAIL|ERROR)( .*)$/), word(/^()(ok|FAIL|ERR)( +\S.*)$/)],
  // report/topology.ts: `  result: OK (…)`, a view's `  <time>  FAIL (…)`, problems `    error    rule  message`
  topology: [
    word(/^( {2}result: )(FAIL|OK)( .*)$/),
    word(/^( {2}\S+(?: \([^)]*\))? {2})(FAIL|OK)((?: \(| {2}).*|)$/),
    word(/^( {4,})(error|warning|info)( {2,}\S.*)$/),
  ],
};

/** The text with ANSI colours at its fixed places; every other character is left as it is. */
export function paintText(text: string, kind: TextKind): string {
  const rules = RULES[kind];
  return text
    .split('\n')
    .map((line) => {
      for (const [re, f] of rules) {
        const m = re.exec(line);
        if (m) return f(m);
      }
      return line;
    })
    .join('\n');
}

/**
 * Whether to colour: FORCE_COLOR (any value but `0` or `false`) turns it on and wins, as in Node's own
 * `tty.getColorDepth`; otherwise a non-empty NO_COLOR (https://no-color.org) turns it off; otherwise only
 * a terminal that is not `TERM=dumb` gets colour.
 */
export function colorWanted(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}
