// `failscope check <paths…>`: the CI gate (issue #5). See the README, section "CI".
import { runCheck, type CheckOptions } from '../gate/index.ts';
import type { CommandResult } from './result.ts';
import { analyzePaths } from './gate-analyze.ts';

export type { CheckOptions };

/** Exit 0 all cases pass, 1 some expectation failed, 2 unusable input or expectations. */
export async function checkCommand(paths: string[], opts: CheckOptions): Promise<CommandResult> {
  const { stdout, exitCode } = await runCheck(paths, opts, analyzePaths);
  return { stdout, exitCode };
}
