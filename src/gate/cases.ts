// Finding the cases of `failscope check`: which folders are incidents, which file holds their expectations.
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ConfigError } from '../model/diagnostic.ts';

/**
 * Names an expectations file may have inside a case folder: `expect.json` (also `.yaml`/`.yml`) or
 * `<anything>.expect.json` (also `.yaml`/`.yml`). A folder with more than one is an error.
 */
export const EXPECT_FILE_RE = /^(?:.+\.)?expect\.(?:json|ya?ml)$/;

export function isExpectFile(name: string): boolean {
  return EXPECT_FILE_RE.test(name);
}

export interface CaseSpec {
  name: string;
  /**
   * Paths handed to the pipeline: the case folder as a whole (the pipeline walks it and skips JSON
   * documents such as the expect file), or with --expect the paths as given.
   */
  inputs: string[];
  /** Expectations file of the case. */
  expect: string;
}

/**
 * With `--expect`: all paths form one case. Without: each path that is a folder holding an expect
 * file is a case; any other folder contributes each immediate sub-folder holding one.
 */
export function discoverCases(paths: string[], expect?: string): CaseSpec[] {
  if (paths.length === 0) throw new ConfigError('no input: give incident folders (or files with --expect)');
  if (expect !== undefined) {
    const first = paths[0].replace(/\/+$/, '');
    const stem = basename(expect)
      .replace(/\.?expect\.(json|ya?ml)$/, '')
      .replace(/\.(json|ya?ml)$/, '');
    const name = isDir(first) ? basename(first) : stem || basename(first);
    return [{ name, inputs: [...paths], expect }];
  }
  const cases: CaseSpec[] = [];
  for (const p of paths) {
    if (!exists(p)) throw new ConfigError(`${p}: no such file or folder`);
    if (!isDir(p)) throw new ConfigError(`${p}: is a file; give incident folders, or name its expectations with --expect`);
    const own = expectFileIn(p);
    if (own) {
      cases.push({ name: basename(p.replace(/\/+$/, '')) || p, inputs: [p], expect: own });
      continue;
    }
    const subs = readdirSync(p, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
    for (const s of subs) {
      const dir = join(p, s);
      const e = expectFileIn(dir);
      if (e) cases.push({ name: s, inputs: [dir], expect: e });
    }
  }
  if (cases.length === 0)
    throw new ConfigError(
      `no case found in ${paths.join(', ')}: a case is a folder holding expect.json or <name>.expect.json (or .yaml); or give --expect`,
    );
  const names = new Map<string, number>();
  for (const c of cases) names.set(c.name, (names.get(c.name) ?? 0) + 1);
  const dup = [...names.entries()].filter(([, n]) => n > 1).map(([k]) => k);
  if (dup.length > 0) throw new ConfigError(`two cases are named ${dup.join(', ')}: case names (folder names) must be unique`);
  return cases;
}

function expectFileIn(dir: string): string | null {
  const found = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && isExpectFile(d.name))
    .map((d) => d.name)
    .sort();
  if (found.length > 1) throw new ConfigError(`${dir}: more than one expectations file (${found.join(', ')}); keep one`);
  return found.length === 1 ? join(dir, found[0]) : null;
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
