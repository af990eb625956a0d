// Lint: the dependency rules of STYLE.md §2, enforced so they hold by more than care.
//
//   ingest → parse → timeline → replay → verdict → report          (the stages, in order)
//   live, gate                                                      (beside the stages)
//   commands → pipeline.ts, index.ts → cli.ts                       (composition and the edges)
//
// 1. A stage imports model/, util/ and, from earlier stages, only types and only through the
//    stage's index.ts. It never imports a later stage.
// 2. Each outside library has one importer: grammars/ only from parse/, vega/vega-lite only from
//    report/, luxon only from util/time.ts, commander only from cli.ts. model/ imports nothing.
// 3. Only cli.ts writes to the console.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const STAGES = ['ingest', 'parse', 'timeline', 'replay', 'verdict', 'report'];
const UPPER = ['live', 'gate', 'commands'];
const TOP = ['pipeline', 'index', 'cli'];

/**
 * report/ has two entry points: report/index.ts (text, JSON, Markdown, timeline and topology output)
 * and report/html/index.ts (the HTML page, which loads vega): a command that prints text must not
 * load vega at start-up, which one barrel would make it do.
 */
const reportEntry = {
  regex: '^(\\.\\.?/)+(src/)?report/(?!index\\.ts$|html/index\\.ts$)',
  message: 'go through report/index.ts or report/html/index.ts, not report internals (STYLE.md §2.1)',
};

/** An import specifier that reaches into src/<dir>/ (from anywhere in src/). */
const into = (dir) => `^(\\.\\.?/)+(src/)?${dir}/`;
/** …anything of src/<dir>/ but its index.ts. */
const pastIndex = (dir) => `^(\\.\\.?/)+(src/)?${dir}/(?!index\\.ts$)`;
/** …one of the top-level files src/<name>.ts. */
const topFile = (name) => `^(\\.\\.?/)+${name}\\.ts$`;

const libraries = {
  grammars: { regex: '(^|/)grammars/', message: 'only src/parse/ imports grammars/ (STYLE.md §2.2)' },
  vega: { regex: '^vega(-lite)?(/|$)', message: 'only src/report/ imports vega and vega-lite (STYLE.md §2.2)' },
  luxon: { regex: '^luxon$', message: 'only src/util/time.ts imports luxon (STYLE.md §2.2)' },
  commander: { regex: '^commander$', message: 'only src/cli.ts imports commander (STYLE.md §2.2)' },
};

function stageRules(stage) {
  const i = STAGES.indexOf(stage);
  const earlier = STAGES.slice(0, i);
  const later = [...STAGES.slice(i + 1), ...UPPER];
  const patterns = [
    ...later.map((d) => ({ regex: into(d), message: `${stage}/ must not import the later ${d}/ (STYLE.md §2.1)` })),
    ...TOP.map((t) => ({ regex: topFile(t), message: `${stage}/ must not import src/${t}.ts (STYLE.md §2.1)` })),
    ...earlier.map((d) => ({ regex: pastIndex(d), message: `go through ${d}/index.ts, not its internals (STYLE.md §2.1)` })),
    ...earlier.map((d) => ({
      regex: `^(\\.\\.?/)+(src/)?${d}/index\\.ts$`,
      allowTypeImports: true,
      message: `${stage}/ may take only types from the earlier ${d}/ (\`import type\`; STYLE.md §2.1)`,
    })),
    ...Object.entries(libraries)
      .filter(([name]) => !(name === 'grammars' && stage === 'parse') && !(name === 'vega' && stage === 'report'))
      .map(([, p]) => p),
  ];
  return { files: [`src/${stage}/**/*.ts`], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } };
}

/** live/ and gate/: model/, util/ and stages through their index.ts; never commands/ or each other's internals. */
function besideRules(dir) {
  const others = [...STAGES, ...UPPER.filter((d) => d !== dir)];
  const patterns = [
    { regex: into('commands'), message: `${dir}/ must not import commands/` },
    ...TOP.map((t) => ({ regex: topFile(t), message: `${dir}/ must not import src/${t}.ts` })),
    ...others
      .filter((d) => d !== 'commands')
      .map((d) => ({ regex: pastIndex(d), message: `go through ${d}/index.ts, not its internals (STYLE.md §2.1)` })),
    ...Object.values(libraries),
  ];
  return { files: [`src/${dir}/**/*.ts`], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', '**/cst.d.ts', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `cond && f()` is used on purpose for optional steps in the chart builders.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
    },
  },
  // §2.2: model/ imports nothing but itself; util/ imports model/ and nothing else of ours.
  {
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./)', message: 'model/ imports nothing (STYLE.md §2.2)' }] }],
    },
  },
  {
    files: ['src/util/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...[...STAGES, ...UPPER].map((d) => ({ regex: into(d), message: 'util/ imports only model/ (STYLE.md §2.1)' })),
            ...TOP.map((t) => ({ regex: topFile(t), message: 'util/ imports only model/' })),
            libraries.grammars,
            libraries.vega,
            libraries.commander,
          ],
        },
      ],
    },
  },
  {
    files: ['src/util/**/*.ts'],
    ignores: ['src/util/time.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [libraries.luxon] }] },
  },
  ...STAGES.map(stageRules),
  ...UPPER.filter((d) => d !== 'commands').map(besideRules),
  // commands/, pipeline.ts and index.ts compose the stages: through each stage's index.ts only.
  {
    files: ['src/commands/**/*.ts', 'src/pipeline.ts', 'src/index.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...[...STAGES, 'live', 'gate']
              .filter((d) => d !== 'report')
              .map((d) => ({ regex: pastIndex(d), message: `go through ${d}/index.ts, not its internals (STYLE.md §2.1)` })),
            reportEntry,
            { regex: topFile('cli'), message: 'nothing imports cli.ts' },
            ...Object.values(libraries),
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...[...STAGES, 'live', 'gate']
              .filter((d) => d !== 'report')
              .map((d) => ({ regex: pastIndex(d), message: `go through ${d}/index.ts` })),
            reportEntry,
            libraries.grammars,
            libraries.vega,
            libraries.luxon,
          ],
        },
      ],
    },
  },
  // grammars/ import only chevrotain (and each other).
  {
    files: ['grammars/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!\\.|chevrotain$|node:)', message: 'grammars/ import only chevrotain (STYLE.md §2.2)' },
            { regex: '(^|/)src/', message: 'grammars/ import only chevrotain' },
          ],
        },
      ],
    },
  },
  // Output files are written to a temp file and renamed (README: never a half-written output file):
  // writes go through util/atomic-write.ts. Exempt: the poller appends snapshot blocks as they are
  // read (a crash keeps every whole block), and the local test cluster writes its own redis.conf.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/util/atomic-write.ts', 'src/live/local-cluster.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'ImportDeclaration[source.value=/^(node:)?fs(\\u002Fpromises)?$/] ImportSpecifier[imported.name=/^(writeFile|writeFileSync|createWriteStream)$/]',
          message: 'write output files with writeFileAtomic (util/atomic-write.ts): temp file + rename',
        },
      ],
    },
  },
  // §2.2: only cli.ts writes to the console.
  { files: ['src/**/*.ts', 'grammars/**/*.ts'], ignores: ['src/cli.ts'], rules: { 'no-console': 'error' } },
);
